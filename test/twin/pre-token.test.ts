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
import { defaultStack, groupsStack } from '../../fixtures/configs';
import { applyPreTokenTrigger, findPreTokenTrigger, PreTokenTrigger, scopesToAdd, Signer } from '../../twin/src/emulator/pre-token';

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
      expect(() => findPreTokenTrigger(dir, template)).toThrow('the twin runs V2_0 pre-token-generation triggers only, got: "V1_0"');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
