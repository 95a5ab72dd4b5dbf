// The WAF web ACL on the user pool: off by default, on by default with COMPLIANCE, its rules,
// logging and association; a given web ACL; the refusals with exact messages.
import { only, synth } from './util';
import { AppClient, SecureCognitoApiProps, SecurityProfile, UserPoolFirewall } from '../src';

const ACL_ARN = 'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/mine/0123abcd-0123-4567-89ab-0123456789ab';

describe('firewall (AWS WAF on the user pool)', () => {
  test('default (STANDARD): no web ACL', () => {
    // GIVEN / WHEN
    const { template, api } = synth();
    // THEN
    template.resourceCountIs('AWS::WAFv2::WebACL', 0);
    template.resourceCountIs('AWS::WAFv2::WebACLAssociation', 0);
    expect(api.webAcl).toBeUndefined();
  });

  test('default with COMPLIANCE: a web ACL on the pool', () => {
    // GIVEN / WHEN
    const { template, api } = synth({ securityProfile: SecurityProfile.COMPLIANCE });
    // THEN
    template.resourceCountIs('AWS::WAFv2::WebACL', 1);
    template.resourceCountIs('AWS::WAFv2::WebACLAssociation', 1);
    expect(api.webAclAssociation).toBeDefined();
  });

  test('create(): regional ACL with IP reputation, common rules (body size counted) and a sign-in rate limit, logged, associated', () => {
    // GIVEN / WHEN
    const { template, stack, api } = synth({ firewall: UserPoolFirewall.create() });
    // THEN
    const acl = only(template, 'AWS::WAFv2::WebACL');
    expect(acl.Scope).toBe('REGIONAL');
    expect(acl.DefaultAction).toEqual({ Allow: {} });
    expect(acl.Rules.map((r: any) => r.Name)).toEqual(['AWSManagedRulesAmazonIpReputationList', 'AWSManagedRulesCommonRuleSet', 'SignInRateLimit', 'CodeRateLimit']);
    expect(acl.Rules[1].Statement.ManagedRuleGroupStatement.RuleActionOverrides[0]).toEqual({ Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } });
    const rate = acl.Rules[2].Statement.RateBasedStatement;
    expect(rate).toMatchObject({ Limit: 300, AggregateKeyType: 'IP', EvaluationWindowSec: 300 });
    expect(acl.Rules[2].Action).toEqual({ Block: {} });
    const association = only(template, 'AWS::WAFv2::WebACLAssociation');
    expect(stack.resolve(association.ResourceArn)).toEqual({ 'Fn::GetAtt': [stack.getLogicalId(api.userPool.node.defaultChild as any), 'Arn'] });
    expect(association.WebACLArn).toEqual({ 'Fn::GetAtt': [stack.getLogicalId(api.webAcl!), 'Arn'] });
    const logGroups = Object.values(template.findResources('AWS::Logs::LogGroup')).map((g) => g.Properties.LogGroupName).filter(Boolean);
    expect(logGroups).toHaveLength(1);
    expect(logGroups[0]['Fn::Join'][1][0]).toMatch(/^aws-waf-logs-/);
    expect(JSON.stringify(only(template, 'AWS::WAFv2::LoggingConfiguration').LogDestinationConfigs)).toContain(`log-group:${logGroups[0]['Fn::Join'][1][0]}`);
  });

  test('destroy then redeploy: the retained log group never blocks the next stack (its name holds the stack id)', () => {
    // GIVEN: `cdk destroy` keeps the WAF log group (RETAIN_ON_UPDATE_OR_DELETE), and a name is unique per account and region
    const { template, stack } = synth({ firewall: UserPoolFirewall.create() });
    const [, group] = Object.entries(template.findResources('AWS::Logs::LogGroup')).find(([, g]) => g.Properties.LogGroupName)!;
    expect(group.DeletionPolicy).toBe('RetainExceptOnCreate');
    // WHEN the same stack is created again, CloudFormation gives it a new stack id
    const name = stack.resolve(group.Properties.LogGroupName);
    // THEN the name changes with it: aws-waf-logs-<path>-<the UUID of the stack id>
    expect(name).toEqual({
      'Fn::Join': ['', [expect.stringMatching(/^aws-waf-logs-[A-Za-z0-9-]+-$/),
        { 'Fn::Select': [2, { 'Fn::Split': ['/', { Ref: 'AWS::StackId' }] }] }]],
    });
    const destination = JSON.stringify(only(template, 'AWS::WAFv2::LoggingConfiguration').LogDestinationConfigs);
    expect(destination).toContain('"Ref":"AWS::StackId"');
    expect(destination).toContain(name['Fn::Join'][1][0]);
  });

  test('create(): a missing User-Agent is counted, not blocked (server-side token exchanges often send none)', () => {
    // GIVEN / WHEN
    const { template } = synth({ firewall: UserPoolFirewall.create() });
    // THEN
    expect(only(template, 'AWS::WAFv2::WebACL').Rules[1].Statement.ManagedRuleGroupStatement.RuleActionOverrides).toEqual([
      { Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } },
      { Name: 'NoUserAgent_HEADER', ActionToUse: { Count: {} } },
    ]);
  });

  test('a redirect URL on an IPv4 host (loopback): the remote-file-inclusion rules count instead of blocking its redirect_uri', () => {
    // GIVEN / WHEN
    const { template } = synth({
      firewall: UserPoolFirewall.create(),
      clients: [AppClient.web('cli', { callbackUrls: ['http://127.0.0.1:8765/callback'] })],
    });
    // THEN
    expect(only(template, 'AWS::WAFv2::WebACL').Rules[1].Statement.ManagedRuleGroupStatement.RuleActionOverrides
      .map((o: any) => o.Name)).toEqual(['SizeRestrictions_BODY', 'NoUserAgent_HEADER', 'GenericRFI_QUERYARGUMENTS', 'GenericRFI_BODY']);
  });

  test('an authorize query that may pass 2,048 bytes: the query-size rule counts', () => {
    // GIVEN / WHEN
    const { template } = synth({
      firewall: UserPoolFirewall.create(),
      clients: [AppClient.web('web', { callbackUrls: [`https://app.example.com/cb?${'a=/&'.repeat(240)}`] })],
    });
    // THEN
    expect(only(template, 'AWS::WAFv2::WebACL').Rules[1].Statement.ManagedRuleGroupStatement.RuleActionOverrides
      .map((o: any) => o.Name)).toEqual(['SizeRestrictions_BODY', 'NoUserAgent_HEADER', 'SizeRestrictions_QUERYSTRING']);
  });

  test('rate limits cover every request that sends or checks a paid code, and the token endpoint', () => {
    // GIVEN / WHEN
    const { template } = synth({ firewall: UserPoolFirewall.create() });
    // THEN
    const acl = only(template, 'AWS::WAFv2::WebACL');
    const matched = (rule: any) => rule.Statement.RateBasedStatement.ScopeDownStatement.OrStatement.Statements
      .map((s: any) => `${s.ByteMatchStatement.FieldToMatch.UriPath ? 'path' : 'target'} ${s.ByteMatchStatement.PositionalConstraint} ${s.ByteMatchStatement.SearchString}`);
    expect(acl.Rules.map((r: any) => r.Name)).toEqual(['AWSManagedRulesAmazonIpReputationList', 'AWSManagedRulesCommonRuleSet', 'SignInRateLimit', 'CodeRateLimit']);
    expect(matched(acl.Rules[2])).toEqual([
      'path STARTS_WITH /login', 'path STARTS_WITH /oauth2/token',
      'target EXACTLY awscognitoidentityproviderservice.initiateauth', 'target EXACTLY awscognitoidentityproviderservice.respondtoauthchallenge',
    ]);
    expect(matched(acl.Rules[3])).toEqual([
      'path STARTS_WITH /signup', 'path STARTS_WITH /confirmuser', 'path STARTS_WITH /resendcode',
      'path STARTS_WITH /forgotpassword', 'path STARTS_WITH /confirmforgotpassword',
      ...['SignUp', 'ConfirmSignUp', 'ResendConfirmationCode', 'ForgotPassword', 'ConfirmForgotPassword',
        'GetUserAttributeVerificationCode', 'VerifyUserAttribute', 'UpdateUserAttributes']
        .map((t) => `target EXACTLY awscognitoidentityproviderservice.${t.toLowerCase()}`),
    ]);
    expect(acl.Rules[3].Statement.RateBasedStatement).toMatchObject({ Limit: 100, AggregateKeyType: 'IP', EvaluationWindowSec: 300 });
    expect(acl.Rules[3].Action).toEqual({ Block: {} });
  });

  test('override: the code rate limit', () => {
    // GIVEN / WHEN
    const { template } = synth({ firewall: UserPoolFirewall.create({ codeRateLimit: 20 }) });
    // THEN
    expect(only(template, 'AWS::WAFv2::WebACL').Rules[3].Statement.RateBasedStatement.Limit).toBe(20);
  });

  test('override: the sign-in rate limit', () => {
    // GIVEN / WHEN
    const { template } = synth({ firewall: UserPoolFirewall.create({ signInRateLimit: 1000 }) });
    // THEN
    expect(only(template, 'AWS::WAFv2::WebACL').Rules[2].Statement.RateBasedStatement.Limit).toBe(1000);
  });

  test('override: a given web ACL is associated, none is created', () => {
    // GIVEN / WHEN
    const { template, api } = synth({ firewall: UserPoolFirewall.fromWebAclArn(ACL_ARN) });
    // THEN
    template.resourceCountIs('AWS::WAFv2::WebACL', 0);
    expect(only(template, 'AWS::WAFv2::WebACLAssociation').WebACLArn).toBe(ACL_ARN);
    expect(api.webAcl).toBeUndefined();
  });

  test('override: none() turns it off in COMPLIANCE', () => {
    // GIVEN / WHEN
    const { template } = synth({ securityProfile: SecurityProfile.COMPLIANCE, firewall: UserPoolFirewall.none() });
    // THEN
    template.resourceCountIs('AWS::WAFv2::WebACLAssociation', 0);
  });
});

describe('firewall: refusals', () => {
  const cases: [string, SecureCognitoApiProps, string][] = [
    ['a rate limit below 10', { firewall: UserPoolFirewall.create({ signInRateLimit: 5 }) },
      '`firewall.signInRateLimit` must be an integer from 10 to 2000000000 requests per 5 minutes, got: 5'],
    ['a code rate limit above the maximum', { firewall: UserPoolFirewall.create({ codeRateLimit: 2_000_000_001 }) },
      '`firewall.codeRateLimit` must be an integer from 10 to 2000000000 requests per 5 minutes, got: 2000000001'],
    ['a CloudFront web ACL', { firewall: UserPoolFirewall.fromWebAclArn(ACL_ARN.replace('regional', 'global')) },
      `\`firewall\` must name a REGIONAL web ACL, arn:aws:wafv2:<region>:<account>:regional/webacl/<name>/<id> (a CLOUDFRONT one cannot protect a user pool), got: "${ACL_ARN.replace('regional', 'global')}"`],
  ];

  test.each(cases)('%s', (_name, props, message) => {
    expect(() => synth(props)).toThrow(message);
  });
});
