import { App, Stack, Token } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { AppClient, AuthDomain, SecureCognitoApi, SecureCognitoApiProps } from '../src';

const US_EAST_1_CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';
const EU_WEST_1_CERT = 'arn:aws:acm:eu-west-1:123456789012:certificate/66666666-7777-8888-9999-000000000000';

/** A stack in the given region (none: environment-agnostic) with an example.com zone known by its attributes. */
function setup(region?: string, zoneName = 'example.com') {
  const app = new App();
  const stack = new Stack(app, 'Stack', region ? { env: { account: '123456789012', region } } : {});
  const zone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z0EXAMPLE', zoneName });
  return { app, stack, zone };
}

function build(stack: Stack, props: SecureCognitoApiProps): { api: SecureCognitoApi; template: Template } {
  const api = new SecureCognitoApi(stack, 'Api', props);
  return { api, template: Template.fromStack(stack) };
}

function cert(stack: Stack, arn: string, id = 'Cert'): acm.ICertificate {
  return acm.Certificate.fromCertificateArn(stack, id, arn);
}

describe('hosted UI custom domain', () => {
  test('default: a Cognito prefix domain, no certificate, no DNS record', () => {
    // GIVEN
    const { stack } = setup('us-east-1');
    // WHEN
    const { api, template } = build(stack, {});
    // THEN
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: Match.anyValue(),
      CustomDomainConfig: Match.absent(),
    });
    template.resourceCountIs('AWS::CertificateManager::Certificate', 0);
    template.resourceCountIs('AWS::Route53::RecordSet', 0);
    expect(api.authCertificate).toBeUndefined();
    expect(api.authDomainRecords).toEqual([]);
    expect(api.parentDomainRecord).toBeUndefined();
  });

  test('a domain name that is a token: records named by the token, and a warning that names no garbled parent', () => {
    // GIVEN
    const { stack, zone } = setup('us-east-1');
    // WHEN
    const { template } = build(stack, { authDomain: AuthDomain.custom({ domainName: Token.asString({ Ref: 'DomainName' }), hostedZone: zone }) });
    // THEN
    template.hasResourceProperties('AWS::Route53::RecordSet', { Type: 'A', Name: { 'Fn::Join': ['', [{ Ref: 'DomainName' }, '.']] } });
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('parent domain'));
    expect(warnings.map((w) => w.entry.data)).toEqual(['Cognito creates the custom domain only if its parent domain (the domain name without its first label) '
      + 'resolves to an A record at that time. If the parent has none, create one (any address) before deploying. [ack: cdk-secure-cognito-api:parentDomainRecord]']);
  });

  test('cognitoPrefix() still sets the prefix', () => {
    // GIVEN
    const { stack } = setup('us-east-1');
    // WHEN
    const { template } = build(stack, { authDomain: AuthDomain.cognitoPrefix('my-app') });
    // THEN
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'my-app', CustomDomainConfig: Match.absent() });
    expect(AuthDomain.cognitoPrefix('my-app').customDomain).toBeUndefined();
  });

  test('custom() in us-east-1 creates a DNS-validated certificate, the domain and A/AAAA aliases to CloudFront', () => {
    // GIVEN
    const { stack, zone } = setup('us-east-1');
    // WHEN
    const { api, template } = build(stack, {
      authDomain: AuthDomain.custom({ domainName: 'auth.example.com', hostedZone: zone }),
      clients: [AppClient.web('spa', { callbackUrls: ['https://app.example.com/cb'] })],
    });
    // THEN
    template.hasResourceProperties('AWS::CertificateManager::Certificate', {
      DomainName: 'auth.example.com',
      ValidationMethod: 'DNS',
      DomainValidationOptions: [{ DomainName: 'auth.example.com', HostedZoneId: 'Z0EXAMPLE' }],
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'auth.example.com',
      CustomDomainConfig: { CertificateArn: { Ref: Match.stringLikeRegexp('AuthDomainCertificate') } },
    });
    for (const type of ['A', 'AAAA']) {
      template.hasResourceProperties('AWS::Route53::RecordSet', {
        Name: 'auth.example.com.',
        Type: type,
        HostedZoneId: 'Z0EXAMPLE',
        AliasTarget: {
          DNSName: { 'Fn::GetAtt': [Match.stringLikeRegexp('IdentityDomain'), 'CloudFrontDistribution'] },
          HostedZoneId: { 'Fn::FindInMap': ['AWSCloudFrontPartitionHostedZoneIdMap', { Ref: 'AWS::Partition' }, 'zoneId'] },
        },
      });
    }
    template.hasMapping('AWSCloudFrontPartitionHostedZoneIdMap', { aws: { zoneId: 'Z2FDTNDATAQYW2' } });
    template.resourceCountIs('AWS::Route53::RecordSet', 2);
    expect(Object.values(template.toJSON().Resources).filter((r: any) => r.Type.startsWith('Custom::'))).toEqual([]);
    expect(api.authCertificate).toBeDefined();
    expect(api.authDomainRecords).toHaveLength(2);
    expect(api.hostedUiUrl).toBe('https://auth.example.com');
    template.hasOutput('*', { Value: 'https://auth.example.com', Description: 'Base URL of the hosted UI (managed login)' });
    template.hasOutput('*', { Value: 'https://auth.example.com/oauth2/token' });
  });

  test('custom() with a certificate in us-east-1 works from any region and creates no certificate', () => {
    // GIVEN
    const { stack, zone } = setup('eu-west-1');
    // WHEN
    const { api, template } = build(stack, {
      authDomain: AuthDomain.custom({ domainName: 'auth.example.com', hostedZone: zone, certificate: cert(stack, US_EAST_1_CERT) }),
    });
    // THEN
    template.resourceCountIs('AWS::CertificateManager::Certificate', 0);
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'auth.example.com',
      CustomDomainConfig: { CertificateArn: US_EAST_1_CERT },
    });
    expect(api.authCertificate?.certificateArn).toBe(US_EAST_1_CERT);
  });

  test('default: no parent-domain record, a warning explains the requirement', () => {
    // GIVEN
    const { stack, zone } = setup('us-east-1');
    // WHEN
    const { template } = build(stack, { authDomain: AuthDomain.custom({ domainName: 'auth.example.com', hostedZone: zone }) });
    // THEN
    template.resourcePropertiesCountIs('AWS::Route53::RecordSet', { Name: 'example.com.' }, 0);
    Annotations.fromStack(stack).hasWarning('/Stack/Api/AuthDomain', Match.stringLikeRegexp(
      'Cognito creates the custom domain auth.example.com only if its parent domain example.com resolves to an A record'));
  });

  test('parentDomainRecord: true creates a placeholder A record on the parent, created before the Cognito domain', () => {
    // GIVEN
    const { stack, zone } = setup('us-east-1');
    // WHEN
    const { api, template } = build(stack, {
      authDomain: AuthDomain.custom({ domainName: 'auth.example.com', hostedZone: zone, parentDomainRecord: true }),
    });
    // THEN
    template.hasResourceProperties('AWS::Route53::RecordSet', {
      Name: 'example.com.', Type: 'A', ResourceRecords: ['192.0.2.1'], TTL: '300', HostedZoneId: 'Z0EXAMPLE',
    });
    const [parentId] = Object.keys(template.findResources('AWS::Route53::RecordSet', { Properties: { Name: 'example.com.' } }));
    template.hasResource('AWS::Cognito::UserPoolDomain', { DependsOn: Match.arrayWith([parentId]) });
    expect(api.parentDomainRecord).toBeDefined();
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('parent domain'));
  });

  test('parentDomainRecord: true in a grandparent zone names the parent, not the apex', () => {
    // GIVEN
    const { stack, zone } = setup('us-east-1');
    // WHEN
    const { template } = build(stack, {
      authDomain: AuthDomain.custom({ domainName: 'auth.dev.example.com', hostedZone: zone, parentDomainRecord: true }),
    });
    // THEN
    template.hasResourceProperties('AWS::Route53::RecordSet', { Name: 'dev.example.com.', Type: 'A', ResourceRecords: ['192.0.2.1'] });
  });

  test('a zone of the domain itself (a delegated subdomain) is accepted', () => {
    // GIVEN
    const { stack, zone } = setup('us-east-1', 'auth.example.com');
    // WHEN
    const { template } = build(stack, { authDomain: AuthDomain.custom({ domainName: 'auth.example.com', hostedZone: zone }) });
    // THEN
    template.resourcePropertiesCountIs('AWS::Route53::RecordSet', { Name: 'auth.example.com.' }, 2);
  });

  test('a zone imported by id only is used unchecked', () => {
    // GIVEN
    const { stack } = setup('us-east-1');
    const zone = route53.HostedZone.fromHostedZoneId(stack, 'ZoneById', 'Z0BYID');
    // WHEN
    const { template } = build(stack, { authDomain: AuthDomain.custom({ domainName: 'auth.example.com', hostedZone: zone }) });
    // THEN
    template.resourcePropertiesCountIs('AWS::Route53::RecordSet', { Name: 'auth.example.com.', HostedZoneId: 'Z0BYID' }, 2);
  });

  test('an API served on the parent domain provides the parent A record: the Cognito domain waits for it', () => {
    // GIVEN
    const { stack, zone } = setup('us-east-1');
    // WHEN
    const { api, template } = build(stack, {
      authDomain: AuthDomain.custom({ domainName: 'auth.example.com', hostedZone: zone }),
      apiDomain: { domainName: 'example.com', hostedZone: zone },
    });
    // THEN
    const [apiA] = Object.keys(template.findResources('AWS::Route53::RecordSet', { Properties: { Name: 'example.com.', Type: 'A' } }));
    template.hasResource('AWS::Cognito::UserPoolDomain', { DependsOn: Match.arrayWith([apiA]) });
    expect(api.parentDomainRecord).toBeUndefined();
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('parent domain'));
  });

  describe('refusals', () => {
    test('a certificate outside us-east-1', () => {
      const { stack, zone } = setup('eu-west-1');
      expect(() => build(stack, {
        authDomain: AuthDomain.custom({ domainName: 'auth.example.com', hostedZone: zone, certificate: cert(stack, EU_WEST_1_CERT) }),
      })).toThrow('`authDomain.certificate` must be in us-east-1, the only region CloudFront (which serves the hosted UI) takes certificates from, '
        + `got: "${EU_WEST_1_CERT}"`);
    });

    const missingCertificate = '`authDomain.certificate` is required unless the stack\'s region is us-east-1: CloudFront takes certificates only from there, '
      + 'and the construct can only create one in its own region. Pass acm.Certificate.fromCertificateArn() with a certificate issued in us-east-1, '
      + 'or create the certificate in a us-east-1 stack and pass it with crossRegionReferences: true on both stacks, got: ';

    test('no certificate in a stack outside us-east-1', () => {
      const { stack, zone } = setup('eu-west-1');
      expect(() => build(stack, { authDomain: AuthDomain.custom({ domainName: 'auth.example.com', hostedZone: zone }) }))
        .toThrow(missingCertificate + '"eu-west-1"');
    });

    test('no certificate in an environment-agnostic stack', () => {
      const { stack, zone } = setup(undefined);
      expect(() => build(stack, { authDomain: AuthDomain.custom({ domainName: 'auth.example.com', hostedZone: zone }) }))
        .toThrow(missingCertificate + '"an environment-agnostic stack (no env.region)"');
    });

    test('a hosted zone that is not a parent of the domain', () => {
      const { stack, zone } = setup('us-east-1', 'example.org');
      expect(() => build(stack, { authDomain: AuthDomain.custom({ domainName: 'auth.example.com', hostedZone: zone }) }))
        .toThrow('`authDomain.hostedZone` must be the zone of auth.example.com or of one of its parent domains, got: "example.org"');
    });

    test('a zone whose name only ends like the domain', () => {
      const { stack, zone } = setup('us-east-1', 'ample.com');
      expect(() => build(stack, { authDomain: AuthDomain.custom({ domainName: 'auth.example.com', hostedZone: zone }) }))
        .toThrow('`authDomain.hostedZone` must be the zone of auth.example.com or of one of its parent domains, got: "ample.com"');
    });

    test('a domain name that is not a lower-case FQDN', () => {
      const { stack, zone } = setup('us-east-1');
      expect(() => build(stack, { authDomain: AuthDomain.custom({ domainName: 'Auth.example.com.', hostedZone: zone }) }))
        .toThrow('`authDomain.domainName` must be a fully qualified, lower-case domain name without a trailing dot, such as auth.example.com, '
          + 'got: "Auth.example.com."');
    });

    test('a domain without a parent Cognito accepts', () => {
      const { stack, zone } = setup('us-east-1');
      expect(() => build(stack, { authDomain: AuthDomain.custom({ domainName: 'example.com', hostedZone: zone }) }))
        .toThrow('`authDomain.domainName` must be a subdomain such as auth.example.com: Cognito needs an A record on its parent domain '
          + 'and refuses a top-level domain as parent, got: "example.com"');
    });

    test('parentDomainRecord when the zone does not hold the parent', () => {
      const { stack, zone } = setup('us-east-1', 'auth.example.com');
      expect(() => build(stack, {
        authDomain: AuthDomain.custom({ domainName: 'auth.example.com', hostedZone: zone, parentDomainRecord: true }),
      })).toThrow('`authDomain.parentDomainRecord` needs hostedZone to hold the parent domain example.com, got: "auth.example.com"');
    });

    test('parentDomainRecord when the API already serves the parent domain', () => {
      const { stack, zone } = setup('us-east-1');
      expect(() => build(stack, {
        authDomain: AuthDomain.custom({ domainName: 'auth.example.com', hostedZone: zone, parentDomainRecord: true }),
        apiDomain: { domainName: 'example.com', hostedZone: zone },
      })).toThrow('`authDomain.parentDomainRecord` must be left off when apiDomain is the parent domain: the API\'s alias A record already '
        + 'makes example.com resolve, and a placeholder would clash with it, got: "example.com"');
    });
  });
});

describe('API custom domain', () => {
  test('default: the execute-api endpoint, no domain name, no mapping', () => {
    // GIVEN
    const { stack } = setup('us-east-1');
    // WHEN
    const { api, template } = build(stack, {});
    // THEN
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: false });
    template.resourceCountIs('AWS::ApiGatewayV2::DomainName', 0);
    template.resourceCountIs('AWS::ApiGatewayV2::ApiMapping', 0);
    expect(api.apiDomainName).toBeUndefined();
    expect(api.apiMapping).toBeUndefined();
    expect(api.apiCertificate).toBeUndefined();
    expect(api.apiDomainRecords).toEqual([]);
    expect(api.url).toBe(api.stage.url);
  });

  test('apiDomain: regional certificate, dual-stack TLS 1.2 domain name, mapping to $default, A/AAAA aliases, execute-api disabled', () => {
    // GIVEN
    const { stack, zone } = setup('eu-west-1');
    // WHEN
    const { api, template } = build(stack, { apiDomain: { domainName: 'api.example.com', hostedZone: zone } });
    // THEN
    template.hasResourceProperties('AWS::CertificateManager::Certificate', {
      DomainName: 'api.example.com',
      ValidationMethod: 'DNS',
      DomainValidationOptions: [{ DomainName: 'api.example.com', HostedZoneId: 'Z0EXAMPLE' }],
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainName: 'api.example.com',
      DomainNameConfigurations: [{
        CertificateArn: { Ref: Match.stringLikeRegexp('ApiDomainCertificate') },
        EndpointType: 'REGIONAL',
        SecurityPolicy: 'TLS_1_2',
        IpAddressType: 'dualstack',
      }],
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::ApiMapping', {
      ApiId: { Ref: Match.stringLikeRegexp('HttpApi') },
      DomainName: { Ref: Match.stringLikeRegexp('ApiDomainDomainName') },
      Stage: '$default',
    });
    for (const type of ['A', 'AAAA']) {
      template.hasResourceProperties('AWS::Route53::RecordSet', {
        Name: 'api.example.com.',
        Type: type,
        AliasTarget: {
          DNSName: { 'Fn::GetAtt': [Match.stringLikeRegexp('ApiDomainDomainName'), 'RegionalDomainName'] },
          HostedZoneId: { 'Fn::GetAtt': [Match.stringLikeRegexp('ApiDomainDomainName'), 'RegionalHostedZoneId'] },
        },
      });
    }
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: true });
    expect(api.url).toBe('https://api.example.com/');
    template.hasOutput('*', { Value: 'https://api.example.com/', Description: 'URL of the HTTP API' });
    expect(api.apiDomainName).toBeDefined();
    expect(api.apiMapping).toBeDefined();
    expect(api.apiDomainRecords).toHaveLength(2);
  });

  test('disableExecuteApiEndpoint: false keeps the execute-api endpoint', () => {
    // GIVEN
    const { stack, zone } = setup('eu-west-1');
    // WHEN
    const { template } = build(stack, {
      apiDomain: { domainName: 'api.example.com', hostedZone: zone, disableExecuteApiEndpoint: false },
    });
    // THEN
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: false });
    template.resourceCountIs('AWS::ApiGatewayV2::DomainName', 1);
  });

  test('a given certificate in the stack\'s region is used as is', () => {
    // GIVEN
    const { stack, zone } = setup('eu-west-1');
    // WHEN
    const { api, template } = build(stack, {
      apiDomain: { domainName: 'api.example.com', hostedZone: zone, certificate: cert(stack, EU_WEST_1_CERT) },
    });
    // THEN
    template.resourceCountIs('AWS::CertificateManager::Certificate', 0);
    template.hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainNameConfigurations: [Match.objectLike({ CertificateArn: EU_WEST_1_CERT })],
    });
    expect(api.apiCertificate?.certificateArn).toBe(EU_WEST_1_CERT);
  });

  describe('refusals', () => {
    test('a certificate outside the stack\'s region', () => {
      const { stack, zone } = setup('eu-west-1');
      expect(() => build(stack, {
        apiDomain: { domainName: 'api.example.com', hostedZone: zone, certificate: cert(stack, US_EAST_1_CERT) },
      })).toThrow(`\`apiDomain.certificate\` must be in the stack's region eu-west-1 (a regional API endpoint), got: "${US_EAST_1_CERT}"`);
    });

    test('a hosted zone that is not a parent of the domain', () => {
      const { stack, zone } = setup('eu-west-1', 'example.org');
      expect(() => build(stack, { apiDomain: { domainName: 'api.example.com', hostedZone: zone } }))
        .toThrow('`apiDomain.hostedZone` must be the zone of api.example.com or of one of its parent domains, got: "example.org"');
    });

    test('a domain name that is not a lower-case FQDN', () => {
      const { stack, zone } = setup('eu-west-1');
      expect(() => build(stack, { apiDomain: { domainName: 'api_example.com', hostedZone: zone } }))
        .toThrow('`apiDomain.domainName` must be a fully qualified, lower-case domain name without a trailing dot, such as api.example.com, '
          + 'got: "api_example.com"');
    });

    test('the same domain name as the hosted UI', () => {
      const { stack, zone } = setup('us-east-1');
      expect(() => build(stack, {
        authDomain: AuthDomain.custom({ domainName: 'auth.example.com', hostedZone: zone }),
        apiDomain: { domainName: 'auth.example.com', hostedZone: zone },
      })).toThrow('`apiDomain.domainName` must differ from the domain name of authDomain, got: "auth.example.com"');
    });
  });
});
