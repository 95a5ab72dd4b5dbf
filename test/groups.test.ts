// Authorization by group: `groupScopes`, `addRoute({ groups })` and the built-in
// pre-token-generation trigger (V2_0) that adds the groups' scopes to access tokens.
import * as fs from 'fs';
import * as path from 'path';
import { RemovalPolicy } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { newestNodeRuntimeOfCdkLib, only, resources, synth } from './util';
import { AppClient, SecureCognitoApiProps, SecurityProfile } from '../src';

const SCOPES = [
  new cognito.ResourceServerScope({ scopeName: 'read', scopeDescription: 'Read' }),
  new cognito.ResourceServerScope({ scopeName: 'admin', scopeDescription: 'Administer' }),
  new cognito.ResourceServerScope({ scopeName: 'audit', scopeDescription: 'Audit' }),
];

/** admins carry api/admin, auditors api/audit and api/admin; readers carry nothing. */
const GROUPS: SecureCognitoApiProps = {
  resourceServerScopes: SCOPES,
  groups: ['admins', 'auditors', 'readers'],
  groupScopes: [{ group: 'admins', scopes: ['admin'] }, { group: 'auditors', scopes: ['audit', 'admin'] }],
};

function triggerOf(template: ReturnType<typeof synth>['template']): any {
  const fns = Object.values(resources(template, 'AWS::Lambda::Function'))
    .filter((f: any) => f.Properties.Environment?.Variables?.GROUP_SCOPES !== undefined);
  expect(fns).toHaveLength(1);
  return (fns[0] as any).Properties;
}

function routeScopes(template: ReturnType<typeof synth>['template'], routeKey: string): string[] {
  const route = Object.values(resources(template, 'AWS::ApiGatewayV2::Route')).find((r: any) => r.Properties.RouteKey === routeKey) as any;
  return route.Properties.AuthorizationScopes;
}

describe('groupScopes: the pre-token-generation trigger', () => {
  test('default: no group carries scopes, so there is no trigger and the pool has no LambdaConfig', () => {
    const { template, api } = synth({ groups: ['admins'] });
    expect(only(template, 'AWS::Cognito::UserPool').LambdaConfig).toBeUndefined();
    expect(Object.keys(resources(template, 'AWS::Lambda::Function'))).toHaveLength(1);
    expect(api.preTokenGenerationTrigger).toBeUndefined();
    expect(api.preTokenGenerationLogGroup).toBeUndefined();
  });

  test('override: groupScopes wires the built-in function as the V2_0 pre-token-generation trigger', () => {
    const { template, api, stack } = synth(GROUPS);
    const config = only(template, 'AWS::Cognito::UserPool').LambdaConfig;
    const fnId = stack.getLogicalId(api.preTokenGenerationTrigger!.node.defaultChild as lambda.CfnFunction);
    expect(config).toEqual({ PreTokenGenerationConfig: { LambdaArn: { 'Fn::GetAtt': [fnId, 'Arn'] }, LambdaVersion: 'V2_0' } });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'cognito-idp.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [fnId, 'Arn'] },
      SourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ApiIdentityUserPool'), 'Arn'] },
    });
  });

  test('the mapping is in the environment, with full scope names, and nothing else is', () => {
    const fn = triggerOf(synth(GROUPS).template);
    expect(JSON.parse(fn.Environment.Variables.GROUP_SCOPES)).toEqual({ admins: ['api/admin'], auditors: ['api/audit', 'api/admin'] });
    expect(Object.keys(fn.Environment.Variables).sort()).toEqual(['AWS_NODEJS_CONNECTION_REUSE_ENABLED', 'GROUP_SCOPES']);
  });

  test('the mapping follows resourceServerIdentifier', () => {
    const fn = triggerOf(synth({ ...GROUPS, resourceServerIdentifier: 'https://api.example.com' }).template);
    expect(JSON.parse(fn.Environment.Variables.GROUP_SCOPES).admins).toEqual(['https://api.example.com/admin']);
  });

  test('the function: the newest Node.js runtime on arm64, outside any VPC, 5 s (Cognito waits 5 s), traced, JSON logs to its own log group', () => {
    const { template, api, stack } = synth(GROUPS);
    const fn = triggerOf(template);
    expect(fn.Runtime).toBe(newestNodeRuntimeOfCdkLib());
    expect(fn.Architectures).toEqual(['arm64']);
    expect(fn.VpcConfig).toBeUndefined();
    expect(fn.Timeout).toBe(5);
    expect(fn.MemorySize).toBe(256);
    expect(fn.TracingConfig).toEqual({ Mode: 'Active' });
    const logGroupId = stack.getLogicalId(api.preTokenGenerationLogGroup!.node.defaultChild as logs.CfnLogGroup);
    expect(fn.LoggingConfig).toEqual({ LogFormat: 'JSON', LogGroup: { Ref: logGroupId } });
    expect(fn.ReservedConcurrentExecutions).toBeUndefined();
  });

  test('its role has no managed policy and writes only to its own log group', () => {
    const { template, api, stack } = synth(GROUPS);
    const roleId = triggerOf(template).Role['Fn::GetAtt'][0];
    const role = resources(template, 'AWS::IAM::Role')[roleId].Properties;
    expect(role.ManagedPolicyArns).toBeUndefined();
    const policy = Object.values(resources(template, 'AWS::IAM::Policy'))
      .find((p: any) => p.Properties.Roles.some((r: any) => r.Ref === roleId)) as any;
    const logGroupId = stack.getLogicalId(api.preTokenGenerationLogGroup!.node.defaultChild as logs.CfnLogGroup);
    const logStatements = policy.Properties.PolicyDocument.Statement.filter((s: any) => [s.Action].flat().some((a: string) => a.startsWith('logs:')));
    expect(logStatements).toEqual([{
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Effect: 'Allow', Resource: { 'Fn::GetAtt': [logGroupId, 'Arn'] },
    }]);
    const others = policy.Properties.PolicyDocument.Statement.filter((s: any) => !logStatements.includes(s)).flatMap((s: any) => [s.Action].flat());
    expect(others.sort()).toEqual(['xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
  });

  test('default: its log group keeps a month, encrypted by CloudWatch Logs', () => {
    const { template, api, stack } = synth(GROUPS);
    const id = stack.getLogicalId(api.preTokenGenerationLogGroup!.node.defaultChild as logs.CfnLogGroup);
    const group = resources(template, 'AWS::Logs::LogGroup')[id].Properties;
    expect(group.RetentionInDays).toBe(30);
    expect(group.KmsKeyId).toBeUndefined();
  });

  test('default: its log group is kept by `cdk destroy` but deleted when the first deployment fails, like the others', () => {
    const { template, api, stack } = synth(GROUPS);
    const id = stack.getLogicalId(api.preTokenGenerationLogGroup!.node.defaultChild as logs.CfnLogGroup);
    const group = resources(template, 'AWS::Logs::LogGroup')[id];
    expect([group.DeletionPolicy, group.UpdateReplacePolicy]).toEqual(['RetainExceptOnCreate', 'Retain']);
  });

  test('override: removalPolicy DESTROY deletes its log group too', () => {
    const { template, api, stack } = synth({ ...GROUPS, removalPolicy: RemovalPolicy.DESTROY });
    const id = stack.getLogicalId(api.preTokenGenerationLogGroup!.node.defaultChild as logs.CfnLogGroup);
    const group = resources(template, 'AWS::Logs::LogGroup')[id];
    expect([group.DeletionPolicy, group.UpdateReplacePolicy]).toEqual(['Delete', 'Delete']);
  });

  test('override: SecurityProfile.COMPLIANCE — its log group keeps a year, encrypted with the construct\'s key', () => {
    const { template, api, stack } = synth({ ...GROUPS, securityProfile: SecurityProfile.COMPLIANCE });
    const id = stack.getLogicalId(api.preTokenGenerationLogGroup!.node.defaultChild as logs.CfnLogGroup);
    const group = resources(template, 'AWS::Logs::LogGroup')[id].Properties;
    expect(group.RetentionInDays).toBe(365);
    expect(group.KmsKeyId).toEqual({ 'Fn::GetAtt': [stack.getLogicalId(api.encryptionKey!.node.defaultChild as kms.CfnKey), 'Arn'] });
  });

  test('override: logRetention applies to its log group too', () => {
    const { template, api, stack } = synth({ ...GROUPS, logRetention: logs.RetentionDays.TWO_WEEKS });
    const id = stack.getLogicalId(api.preTokenGenerationLogGroup!.node.defaultChild as logs.CfnLogGroup);
    expect(resources(template, 'AWS::Logs::LogGroup')[id].Properties.RetentionInDays).toBe(14);
  });

  test('child ids are stable: PreTokenGeneration/{Function,Logs,Role}', () => {
    const { api } = synth(GROUPS);
    expect(api.preTokenGenerationTrigger!.node.path).toBe('TestStack/Api/PreTokenGeneration/Function');
    expect(api.preTokenGenerationLogGroup!.node.path).toBe('TestStack/Api/PreTokenGeneration/Logs');
  });

  // 2 KB for groups alone; the machine-token mapping (docs/decisions/070) took it to about 3 KB.
  test('the bundled trigger is at most 4 KB', () => {
    const file = path.join(__dirname, '..', 'assets', 'private', 'pre-token.lambda', 'index.js');
    expect(fs.statSync(file).size).toBeLessThanOrEqual(4096);
  });
});

describe('addRoute({ groups })', () => {
  test('default: without groups a route takes `scopes`, or the default route\'s scopes', () => {
    const { template } = synth(GROUPS, (api) => {
      api.addRoute({ path: '/plain' });
      api.addRoute({ path: '/read', scopes: [api.scope('read')] });
    });
    expect(routeScopes(template, 'GET /plain')).toEqual(['aws.cognito.signin.user.admin']);
    expect(routeScopes(template, 'GET /read')).toEqual(['api/read']);
  });

  test('override: groups alone — the route requires one of the groups\' scopes, and only those', () => {
    const { template } = synth(GROUPS, (api) => {
      api.addRoute({ path: '/admin', methods: [apigwv2.HttpMethod.POST], groups: ['admins'] });
      api.addRoute({ path: '/both', groups: ['admins', 'auditors'] });
    });
    expect(routeScopes(template, 'POST /admin')).toEqual(['api/admin']);
    expect(routeScopes(template, 'GET /both')).toEqual(['api/admin', 'api/audit']);
  });

  test('override: groups with scopes — the groups\' scopes are added to `scopes`, once each', () => {
    const { template } = synth(GROUPS, (api) => {
      api.addRoute({ path: '/x', scopes: [api.scope('read'), api.scope('admin')], groups: ['auditors'] });
    });
    expect(routeScopes(template, 'GET /x')).toEqual(['api/read', 'api/admin', 'api/audit']);
  });
});

describe('authorization by group: refusals', () => {
  test('LITE plan', () => {
    expect(() => synth({ ...GROUPS, featurePlan: cognito.FeaturePlan.LITE })).toThrow(
      '`groupScopes` needs featurePlan ESSENTIALS or PLUS: the Lite plan sends no V2_0 pre-token-generation events, so access tokens cannot get scopes, got: "LITE"');
  });

  test('a scope the resource server does not define', () => {
    expect(() => synth({ ...GROUPS, groupScopes: [{ group: 'admins', scopes: ['root'] }] })).toThrow(
      '`groupScopes[admins].scopes` must name scopes of the resource server (read, admin, audit), without its identifier, got: "root"');
  });

  test('a full scope name instead of a scope name', () => {
    expect(() => synth({ ...GROUPS, groupScopes: [{ group: 'admins', scopes: ['api/admin'] }] })).toThrow(
      '`groupScopes[admins].scopes` must name scopes of the resource server (read, admin, audit), without its identifier, got: "api/admin"');
  });

  test('a group that `groups` does not create', () => {
    expect(() => synth({ ...GROUPS, groupScopes: [{ group: 'owners', scopes: ['admin'] }] })).toThrow(
      '`groupScopes` must name groups of `groups` (admins, auditors, readers), got: "owners"');
  });

  test('the same group twice', () => {
    expect(() => synth({ ...GROUPS, groupScopes: [{ group: 'admins', scopes: ['admin'] }, { group: 'admins', scopes: ['read'] }] })).toThrow(
      '`groupScopes` must name each group once, got: "admins"');
  });

  test('a group with an empty scope list', () => {
    expect(() => synth({ ...GROUPS, groupScopes: [{ group: 'admins', scopes: [] }] })).toThrow(
      '`groupScopes[admins].scopes` must hold at least one scope name of the resource server, got: []');
  });

  test('a mapping larger than Lambda\'s 4 KB of environment', () => {
    const names = Array.from({ length: 40 }, (_, i) => `g${i}-${'x'.repeat(100)}`);
    expect(() => synth({ ...GROUPS, groups: names, groupScopes: names.map((group) => ({ group, scopes: ['admin'] })) })).toThrow(
      /^`groupScopes` must fit in the trigger's environment \(4096 bytes, Lambda's limit\), got: "\d+ bytes"$/);
  });

  test('a route naming a group without scopes', () => {
    expect(() => synth(GROUPS, (api) => api.addRoute({ path: '/r', groups: ['readers'] }))).toThrow(
      '`groups` must name groups that carry scopes in `groupScopes` (admins, auditors): a group without scopes opens the route to nobody, got: "readers"');
  });

  test('a route naming a group when no group carries scopes', () => {
    expect(() => synth({ groups: ['admins'] }, (api) => api.addRoute({ path: '/r', groups: ['admins'] }))).toThrow(
      '`groups` must name groups that carry scopes in `groupScopes` (none): a group without scopes opens the route to nobody, got: "admins"');
  });

  test('a route with an empty group list', () => {
    expect(() => synth(GROUPS, (api) => api.addRoute({ path: '/r', groups: [] }))).toThrow('`groups` must name at least one group, got: []');
  });

  test('more than 10 scopes on a route once the groups\' scopes are added (API Gateway\'s limit)', () => {
    const many = Array.from({ length: 9 }, (_, i) => `s${i}`);
    expect(() => synth(GROUPS, (api) => api.addRoute({ path: '/r', scopes: many, groups: ['auditors'] }))).toThrow(
      '`groups` must leave the route at most 10 scopes (API Gateway\'s limit per route): 9 from `scopes` plus 2 from the groups, got: '
      + '["s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "api/audit", "api/admin"]');
  });

  test('exactly 10 scopes once the groups\' scopes are added is accepted', () => {
    const many = Array.from({ length: 8 }, (_, i) => `s${i}`);
    const { template } = synth(GROUPS, (api) => api.addRoute({ path: '/r', scopes: many, groups: ['auditors'] }));
    expect(routeScopes(template, 'GET /r')).toHaveLength(10);
  });

  test('a V1 pre-token-generation trigger of the user\'s beside the built-in one', () => {
    const { api, stack } = synth(GROUPS);
    const own = new lambda.Function(stack, 'Own', {
      runtime: lambda.Runtime.NODEJS_24_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async (e) => e'),
    });
    api.userPool.addTrigger(cognito.UserPoolOperation.PRE_TOKEN_GENERATION, own);
    const ownId = stack.getLogicalId(own.node.defaultChild as lambda.CfnFunction);
    expect(api.node.findChild('PreTokenGeneration').node.validate()).toEqual([
      '`groupScopes` makes the built-in function the user pool\'s pre-token-generation trigger, so the pool cannot take another one '
      + '(to combine them, leave `groupScopes` unset and add the groups\' scopes in your own V2_0 trigger with '
      + `claimsAndScopeOverrideDetails.accessTokenGeneration.scopesToAdd), got: {"Fn::GetAtt":["${ownId}","Arn"]}`,
    ]);
  });

  test('a second V2_0 pre-token-generation trigger is refused by the user pool itself', () => {
    const { api, stack } = synth(GROUPS);
    const own = new lambda.Function(stack, 'Own', {
      runtime: lambda.Runtime.NODEJS_24_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async (e) => e'),
    });
    expect(() => api.userPool.addTrigger(cognito.UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, own, cognito.LambdaVersion.V2_0))
      .toThrow('A trigger for the operation preTokenGenerationConfig already exists.');
  });

  test('no refusal without a second trigger', () => {
    const { api } = synth(GROUPS);
    expect(api.node.findChild('PreTokenGeneration').node.validate()).toEqual([]);
  });
});

describe('authorization by group: warnings', () => {
  test('default: no warning when no client may request a group scope', () => {
    const { stack } = synth({ ...GROUPS, clients: [AppClient.passwordAuth('cli'), AppClient.machine('m2m', { resourceServerScopes: ['read'] })] });
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('groupScopes grants'));
  });

  test('a client allowed a group scope gets it without the group: warned', () => {
    const { stack } = synth({ ...GROUPS, clients: [AppClient.machine('m2m', { resourceServerScopes: ['admin'] })] });
    Annotations.fromStack(stack).hasWarning('/TestStack/Api', Match.stringLikeRegexp(
      '^client "m2m" may request scope "admin", which groupScopes grants to admins, auditors: its tokens carry that scope without group membership'));
  });
});
