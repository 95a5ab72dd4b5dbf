// The twin's pre-token-generation step (issue 13 item 4): the trigger the template wires is found
// in a real cloud assembly, its bundled asset runs with a V2_0 event, and the access token is
// re-issued with the added scopes, signed by the given key.
import { createSign, createVerify, generateKeyPairSync } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { MACHINE_TENANT, synthTokenApp, TRIGGER_SCOPE } from './fixtures/token-app';
import { defaultStack, groupsStack } from '../../fixtures/configs';
import { renderValue } from '../../twin/src/assembly/template';
import {
  applyPreTokenTrigger, clientMetadataParameter, findPreTokenTrigger, machineTokenClaims, PreTokenTrigger, scopesToAdd, Signer, withEnvironment,
} from '../../twin/src/emulator/pre-token';

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const sign: Signer = (header, payload) => {
  const input = `${b64({ ...header, alg: 'RS256' })}.${b64(payload)}`;
  return `${input}.${createSign('RSA-SHA256').update(input).sign(privateKey).toString('base64url')}`;
};
function verified(token: string): Record<string, unknown> {
  const [h, p, s] = token.split('.');
  expect(createVerify('RSA-SHA256').update(`${h}.${p}`).verify(publicKey, Buffer.from(s, 'base64url'))).toBe(true);
  return JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
}

/** Synthesizes a configuration into a temporary cloud assembly; returns its dir and template. */
function assembly(build: (app: App) => { stackName: string }): { dir: string; template: any } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pre-token-'));
  const app = new App({ outdir: dir, context: { 'aws:cdk:disable-creation-stack-traces': true } });
  const { stackName } = build(app);
  app.synth();
  return { dir, template: JSON.parse(fs.readFileSync(path.join(dir, `${stackName}.template.json`), 'utf8')) };
}

const CTX = { userPoolId: 'us-east-1_TWIN', clientId: 'client', triggerSource: 'TokenGeneration_Authentication' };
const accessToken = (claims: Record<string, unknown>) => sign({ kid: 'test' }, {
  sub: 'sub-1', token_use: 'access', client_id: 'client', username: 'alice', scope: 'aws.cognito.signin.user.admin', ...claims,
});

describe('twin: the pool\'s pre-token-generation trigger', () => {
  let dir: string;
  let trigger: PreTokenTrigger;

  beforeAll(() => {
    const synthesized = assembly((app) => groupsStack(app));
    dir = synthesized.dir;
    trigger = findPreTokenTrigger(dir, synthesized.template)!;
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('is found in the template, with its bundled asset in the assembly and its environment', () => {
    expect(trigger.assetDir.startsWith(dir)).toBe(true);
    expect(fs.existsSync(path.join(trigger.assetDir, 'index.js'))).toBe(true);
    expect(trigger.handler).toBe('index.handler');
    expect(trigger.timeoutSeconds).toBe(5);
    expect(JSON.parse(trigger.environment.GROUP_SCOPES)).toEqual({ admins: ['api/admin'] });
  });

  test('the asset, invoked with a V2_0 event, adds the group\'s scope for a member and nothing for others', async () => {
    const base = { ...CTX, userName: 'u', scopes: ['aws.cognito.signin.user.admin'] };
    expect(await scopesToAdd(trigger, { ...base, groups: ['admins'] })).toEqual(['api/admin']);
    expect(await scopesToAdd(trigger, { ...base, groups: ['readers'] })).toEqual([]);
    expect(await scopesToAdd(trigger, { ...base, groups: [] })).toEqual([]);
  });

  test('a member\'s access token is re-issued with the scope appended, every other claim kept, signed by the given key', async () => {
    const before = accessToken({ 'cognito:groups': ['admins'], 'exp': 2_000_000_000 });
    const after = await applyPreTokenTrigger(trigger, before, CTX, sign);
    const { scope, ...rest } = verified(after);
    const { scope: oldScope, ...oldRest } = verified(before);
    expect(scope).toBe('aws.cognito.signin.user.admin api/admin');
    expect(oldScope).toBe('aws.cognito.signin.user.admin');
    expect(rest).toEqual(oldRest);
  });

  test('a non-member\'s token, and one that already carries the scope, come back unchanged', async () => {
    for (const claims of [{ 'cognito:groups': ['readers'] }, {}, { 'cognito:groups': ['admins'], 'scope': 'openid api/admin' }]) {
      const token = accessToken(claims);
      expect(await applyPreTokenTrigger(trigger, token, CTX, sign)).toBe(token);
    }
  });

  test('an ID token is refused: the trigger changes access tokens only', async () => {
    await expect(applyPreTokenTrigger(trigger, accessToken({ token_use: 'id' }), CTX, sign))
      .rejects.toThrow('expected an access token, got token_use: "id"');
  });

  test('a failing asset is an error, as a failing trigger fails the sign-in', async () => {
    const broken = { ...trigger, environment: { GROUP_SCOPES: 'not json' } };
    await expect(scopesToAdd(broken, { ...CTX, userName: 'u', groups: ['admins'], scopes: [] }))
      .rejects.toThrow(/^pre-token-generation trigger ApiPreTokenGenerationFunction[0-9A-F]+ failed \(exit 1\): /);
  });
});

describe('twin: templates without the built-in trigger', () => {
  test('no trigger: undefined, tokens are issued as the pool makes them', () => {
    const { dir, template } = assembly((app) => defaultStack(app));
    try {
      expect(findPreTokenTrigger(dir, template)).toBeUndefined();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a V1_0 trigger is refused: the twin would issue tokens Cognito would not', () => {
    const { dir, template } = assembly((app) => {
      const stack = defaultStack(app);
      const api = stack.node.findChild('Api') as unknown as { userPool: cognito.UserPool };
      api.userPool.addTrigger(cognito.UserPoolOperation.PRE_TOKEN_GENERATION, new lambda.Function(stack, 'V1', {
        runtime: lambda.Runtime.NODEJS_24_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async (e) => e'),
      }));
      return stack;
    });
    try {
      expect(() => findPreTokenTrigger(dir, template)).toThrow('the twin runs V2_0 and V3_0 pre-token-generation triggers only, got: "V1_0"');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('twin: a V3_0 trigger (machine tokens too)', () => {
  let dir: string;
  let template: any;
  let trigger: PreTokenTrigger;
  const ids = { machine: 'machine-client-id', reader: 'reader-client-id' };

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pre-token-v3-'));
    const assemblyDir = synthTokenApp(dir, { trigger: true });
    template = JSON.parse(fs.readFileSync(path.join(assemblyDir, 'TwinTokens.template.json'), 'utf8'));
    const logicalId = (name: string) => Object.entries<any>(template.Resources)
      .find(([, r]) => r.Type === 'AWS::Cognito::UserPoolClient' && r.Properties.ClientName === name)![0];
    const refs = { [logicalId('machine')]: ids.machine, [logicalId('reader')]: ids.reader };
    trigger = withEnvironment(findPreTokenTrigger(assemblyDir, template)!, (v) => renderValue(v, refs));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const machineClaims = (clientId: string) => ({ sub: clientId, client_id: clientId, token_use: 'access', scope: 'api/read', iss: 'https://issuer', exp: 2_000_000_000 });

  test('is found with its version, and its environment rendered with the twin\'s client ids (the template writes Refs)', () => {
    expect(trigger.version).toBe('V3_0');
    expect(trigger.templateEnvironment?.MACHINE_CLAIMS).toHaveProperty(['Fn::Join']);
    expect(JSON.parse(trigger.environment.MACHINE_CLAIMS))
      .toEqual({ [ids.machine]: { claims: { tenant: MACHINE_TENANT }, scopes: [TRIGGER_SCOPE] } });
  });

  test('a machine token gets the claims and scopes the trigger gives its client; protected claims stay Cognito\'s', async () => {
    const after = await machineTokenClaims(trigger, machineClaims(ids.machine), { userPoolId: 'us-east-1_TWIN', clientId: ids.machine });
    expect(after).toEqual({ ...machineClaims(ids.machine), tenant: MACHINE_TENANT, scope: `api/read ${TRIGGER_SCOPE}` });
  });

  test('another machine client gets none of them; ClientMetadata reaches the trigger', async () => {
    const ctx = { userPoolId: 'us-east-1_TWIN', clientId: ids.reader, clientMetadata: { region: 'eu' } };
    const after = await machineTokenClaims(trigger, machineClaims(ids.reader), ctx);
    expect(after).toEqual({ ...machineClaims(ids.reader), region: 'eu' });
  });

  test('a user token is sent the V3 event too (version "3", the user trigger source)', async () => {
    const before = accessToken({ exp: 2_000_000_000 });
    const claims = verified(await applyPreTokenTrigger(trigger, before, CTX, sign));
    expect([claims.event_version, claims.trigger_source, claims.scope]).toEqual(['3', 'TokenGeneration_Authentication', 'aws.cognito.signin.user.admin']);
  });

  test('a V2_0 trigger does not run for machine tokens: the claims come back as they were', async () => {
    const v2 = assembly((app) => groupsStack(app));
    try {
      const claims = machineClaims(ids.machine);
      expect(await machineTokenClaims(findPreTokenTrigger(v2.dir, v2.template)!, claims, { userPoolId: 'us-east-1_TWIN', clientId: ids.machine })).toBe(claims);
    } finally {
      fs.rmSync(v2.dir, { recursive: true, force: true });
    }
  });

  test('is found by the FunctionName its ARN names; an ARN no function of the template has is refused', () => {
    const pool = Object.values<any>(template.Resources).find((r) => r.Type === 'AWS::Cognito::UserPool');
    expect(JSON.stringify(pool.Properties.LambdaConfig.PreTokenGenerationConfig.LambdaArn)).toContain(':function:TwinTokens-PreToken"');
    const other = JSON.parse(JSON.stringify(template));
    const otherPool = Object.values<any>(other.Resources).find((r) => r.Type === 'AWS::Cognito::UserPool');
    otherPool.Properties.LambdaConfig.PreTokenGenerationConfig.LambdaArn = 'arn:aws:lambda:us-east-1:123456789012:function:elsewhere';
    expect(() => findPreTokenTrigger(dir, other)).toThrow('PreTokenGenerationConfig.LambdaArn must be a GetAtt of a function of the template or the ARN '
      + 'of its FunctionName, got: "arn:aws:lambda:us-east-1:123456789012:function:elsewhere"');
  });

  test('aws_client_metadata: absent, a JSON object of strings, or refused', () => {
    expect(clientMetadataParameter(new URLSearchParams('grant_type=client_credentials'))).toBeUndefined();
    expect(clientMetadataParameter(new URLSearchParams({ aws_client_metadata: '{"region":"eu"}' }))).toEqual({ region: 'eu' });
    expect(() => clientMetadataParameter(new URLSearchParams({ aws_client_metadata: '{"n":1}' })))
      .toThrow('aws_client_metadata must be a JSON object of strings, got: {"n":1}');
  });
});
