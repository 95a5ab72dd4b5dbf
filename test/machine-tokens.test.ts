// Machine tokens with claims and scopes: `accessTokenClaims`, `extraScopes` and
// `clientMetadataClaims` of AppClient.machine(), written by the built-in pre-token-generation
// trigger at event version V3_0 (the only version Cognito runs for client-credentials tokens).
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { only, resources, synth } from './util';
import { AppClient, MachineClientOptions, SecureCognitoApiProps } from '../src';

const SCOPES = ['read', 'write', 'admin'].map((scopeName) => new cognito.ResourceServerScope({ scopeName, scopeDescription: scopeName }));

function machines(options: Partial<MachineClientOptions>, props: SecureCognitoApiProps = {}): SecureCognitoApiProps {
  return {
    resourceServerScopes: SCOPES,
    clients: [
      AppClient.machine('reporting', { resourceServerScopes: ['read'], ...options }),
      AppClient.machine('billing', { resourceServerScopes: ['read'] }),
    ],
    ...props,
  };
}

const CUSTOMIZED = machines({ accessTokenClaims: { tenant: 'acme' }, extraScopes: ['admin'], clientMetadataClaims: ['environment'] });

describe('machine tokens: claims and scopes through the V3_0 trigger', () => {
  test('default: machine clients without options add no trigger and no LambdaConfig', () => {
    const { template, api } = synth(machines({}));
    expect(only(template, 'AWS::Cognito::UserPool').LambdaConfig).toBeUndefined();
    expect(Object.keys(resources(template, 'AWS::Lambda::Function'))).toHaveLength(1);
    expect(api.preTokenGenerationTrigger).toBeUndefined();
  });

  test('default: empty options are no customization', () => {
    const { template } = synth(machines({ accessTokenClaims: {}, extraScopes: [], clientMetadataClaims: [] }));
    expect(only(template, 'AWS::Cognito::UserPool').LambdaConfig).toBeUndefined();
  });

  test('override: the trigger runs at V3_0 and carries the client id, claims, full scope names and metadata keys', () => {
    const { template, api, stack } = synth(CUSTOMIZED);
    const fn = api.preTokenGenerationTrigger!;
    const fnId = stack.getLogicalId(fn.node.defaultChild as lambda.CfnFunction);
    const reportingId = stack.getLogicalId(api.clients[0].node.defaultChild as cognito.CfnUserPoolClient);
    const props = resources(template, 'AWS::Lambda::Function')[fnId].Properties;
    expect(props.Environment.Variables.GROUP_SCOPES).toBe('{}');
    expect(props.Environment.Variables.MACHINE_TOKENS).toEqual({
      'Fn::Join': ['', [
        '[{"clientId":"', { Ref: reportingId },
        '","claims":{"tenant":"acme"},"scopes":["api/admin"],"metadata":["environment"]}]',
      ]],
    });
    expect(props.FunctionName).toMatch(/^TestStack-PreToken-[0-9a-f]{10}$/);
    const config = only(template, 'AWS::Cognito::UserPool').LambdaConfig.PreTokenGenerationConfig;
    expect(config).toEqual({
      LambdaVersion: 'V3_0',
      LambdaArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':lambda:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, `:function:${props.FunctionName}`]] },
    });
  });

  test.each([
    ['accessTokenClaims alone', { accessTokenClaims: { tenant: 'acme' } }, { tenant: 'acme' }, [], []],
    ['extraScopes alone', { extraScopes: ['admin', 'admin'] }, {}, ['api/admin'], []],
    ['clientMetadataClaims alone', { clientMetadataClaims: ['environment'] }, {}, [], ['environment']],
  ])('override: %s switches the trigger to V3_0 with that entry only', (_name, options, claims, scopes, metadata) => {
    const { template, api, stack } = synth(machines(options as Partial<MachineClientOptions>));
    const fnId = stack.getLogicalId(api.preTokenGenerationTrigger!.node.defaultChild as lambda.CfnFunction);
    const joined = resources(template, 'AWS::Lambda::Function')[fnId].Properties.Environment.Variables.MACHINE_TOKENS['Fn::Join'][1];
    expect(JSON.parse(`${joined[0]}x${joined[2]}`)).toEqual([{ clientId: 'x', claims, scopes, metadata }]);
    expect(only(template, 'AWS::Cognito::UserPool').LambdaConfig.PreTokenGenerationConfig.LambdaVersion).toBe('V3_0');
  });

  test('the pool does not reference the function (the function references the clients, which reference the pool)', () => {
    const { template, api, stack } = synth(CUSTOMIZED);
    const fnId = stack.getLogicalId(api.preTokenGenerationTrigger!.node.defaultChild as lambda.CfnFunction);
    const pool = Object.values(resources(template, 'AWS::Cognito::UserPool'))[0];
    expect(JSON.stringify(pool)).not.toContain(fnId);
    // Cognito's invoke permission names the same ARN and waits for the function.
    const perm = Object.values(resources(template, 'AWS::Lambda::Permission'))
      .find((p: any) => p.Properties.Principal === 'cognito-idp.amazonaws.com') as any;
    expect(perm.Properties.FunctionName).toEqual(only(template, 'AWS::Cognito::UserPool').LambdaConfig.PreTokenGenerationConfig.LambdaArn);
    expect(perm.Properties.SourceArn).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^ApiIdentityUserPool/), 'Arn'] });
    expect(perm.DependsOn).toContain(fnId);
  });

  test('groups keep their scopes in the same V3_0 trigger', () => {
    const { template, api, stack } = synth({ ...CUSTOMIZED, groups: ['admins'], groupScopes: [{ group: 'admins', scopes: ['write'] }] });
    const fnId = stack.getLogicalId(api.preTokenGenerationTrigger!.node.defaultChild as lambda.CfnFunction);
    expect(resources(template, 'AWS::Lambda::Function')[fnId].Properties.Environment.Variables.GROUP_SCOPES).toBe('{"admins":["api/write"]}');
    expect(only(template, 'AWS::Cognito::UserPool').LambdaConfig.PreTokenGenerationConfig.LambdaVersion).toBe('V3_0');
    expect(Object.keys(resources(template, 'AWS::Lambda::Function'))).toHaveLength(2);
  });

  test('groups alone keep the V2_0 trigger named by reference', () => {
    const { template } = synth({ ...machines({}), groups: ['admins'], groupScopes: [{ group: 'admins', scopes: ['write'] }] });
    const config = only(template, 'AWS::Cognito::UserPool').LambdaConfig.PreTokenGenerationConfig;
    expect(config.LambdaVersion).toBe('V2_0');
    expect(config.LambdaArn).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^ApiPreTokenGenerationFunction/), 'Arn'] });
  });
});

describe('machine tokens: refusals', () => {
  test.each([
    ['Lite plan', machines({ accessTokenClaims: { tenant: 'acme' } }, { featurePlan: cognito.FeaturePlan.LITE }),
      '`clients["reporting"]` customizes machine tokens, which needs featurePlan ESSENTIALS or PLUS: only those plans send the V3_0 pre-token-generation event, the one Cognito runs for client-credentials tokens, got: "LITE"'],
    ['reserved claim', machines({ accessTokenClaims: { sub: 'x' } }),
      '`clients["reporting"].accessTokenClaims` must not name a claim Cognito sets itself or forbids to override (acr, amr, aud, at_hash, auth_time, azp, exp, iat, identities, iss, jti, nbf, nonce, origin_jti, sub, token_use, client_id, scope, username, version, event_id, device_key, cognito:*), got: "sub"'],
    ['cognito: prefix', machines({ clientMetadataClaims: ['cognito:groups'] }),
      '`clients["reporting"].clientMetadataClaims` must not name a claim Cognito sets itself or forbids to override (acr, amr, aud, at_hash, auth_time, azp, exp, iat, identities, iss, jti, nbf, nonce, origin_jti, sub, token_use, client_id, scope, username, version, event_id, device_key, cognito:*), got: "cognito:groups"'],
    ['unmappable claim name', machines({ accessTokenClaims: { 'my tenant': 'x' } }),
      '`clients["reporting"].accessTokenClaims` must name claims with a letter, then up to 63 letters, digits and _.:- (what an HTTP API maps as $context.authorizer.claims.<name>), got: "my tenant"'],
    ['unknown scope', machines({ extraScopes: ['delete'] }),
      '`clients["reporting"].extraScopes` must name scopes of the resource server (read, write, admin), without its identifier, got: "delete"'],
    ['scope the client may request', machines({ extraScopes: ['read'] }),
      '`clients["reporting"].extraScopes` must not repeat a scope of resourceServerScopes: the client may request it already, got: "read"'],
    ['metadata key shadowed by a claim', machines({ accessTokenClaims: { tenant: 'acme' }, clientMetadataClaims: ['tenant'] }),
      '`clients["reporting"].clientMetadataClaims` must not repeat a name of accessTokenClaims: the configured value would always win over what the machine sends, got: "tenant"'],
  ])('%s', (_name, props, message) => {
    expect(() => synth(props)).toThrow(message);
  });

  test('claims beyond Lambda\'s 4 KB environment', () => {
    const claims = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`claim${i}`, 'v'.repeat(90)]));
    expect(() => synth(machines({ accessTokenClaims: claims }))).toThrow(
      '`clients` must keep accessTokenClaims, extraScopes and clientMetadataClaims (with groupScopes) within the trigger\'s environment (4096 bytes, Lambda\'s limit; each client id counted at 128 characters), got: "4320 bytes"');
  });
});
