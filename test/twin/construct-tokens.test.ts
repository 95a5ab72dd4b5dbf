// The construct's own token features in the twin: the integ configurations that use them
// (fixtures/configs.ts), synthesized and brought up as a user's tests would, real tokens over
// real HTTP. fixtures/token-app.ts covers each feature's options one by one; this file checks that
// what the construct writes is what the twin reads.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { CONFIG_CONTEXT, machineTokensStack, tokensStack } from '../../fixtures/configs';
import { decodeJwt } from '../../twin/src/emulator/tokens';
import { generatePassword, secretHash, Twin, TwinUser } from '../../twin/src/emulator/twin';
import { callApi } from '../../twin/src/harness/walk';

const alice: TwinUser = { username: 'alice', password: generatePassword(16), email: 'alice@example.com' };
const dirs: string[] = [];
const twins: Twin[] = [];
afterAll(async () => {
  for (const t of twins) await t.stop();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

async function twinOf(build: (app: App) => void, clock?: () => number): Promise<Twin> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-construct-tokens-'));
  dirs.push(dir);
  const app = new App({ outdir: dir, context: { ...CONFIG_CONTEXT, 'aws:cdk:disable-creation-stack-traces': true } });
  build(app);
  const twin = await Twin.start(app.synth().directory, [alice], undefined, { clock });
  twins.push(twin);
  return twin;
}

async function rpc(twin: Twin, target: string, body: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(twin.cognitoIdpUrl, {
    method: 'POST',
    headers: { 'x-amz-target': `AWSCognitoIdentityProviderService.${target}`, 'content-type': 'application/x-amz-json-1.1' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

async function machineToken(twin: Twin, name: string, form: Record<string, string> = {}): Promise<string> {
  const c = twin.client(name);
  const res = await fetch(`${twin.hostedUiUrl}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'authorization': `Basic ${Buffer.from(`${c.clientId}:${c.clientSecret}`).toString('base64')}` },
    body: new URLSearchParams({ grant_type: 'client_credentials', ...form }),
  });
  return ((await res.json()) as any).access_token;
}

test('machine tokens: the customized machine gets its tenant, its ClientMetadata claim and the admin scope (GET /reports 200); the other machine 403', async () => {
  const twin = await twinOf((app) => machineTokensStack(app));
  const reporting = await machineToken(twin, 'reporting', { aws_client_metadata: '{"environment":"dev"}' });
  expect(decodeJwt(reporting).payload).toMatchObject({ tenant: 'acme', environment: 'dev', scope: 'api/read api/admin' });
  expect((await callApi(twin, reporting, 'GET /reports')).status).toBe(200);
  const billing = await machineToken(twin, 'billing');
  expect(decodeJwt(billing).payload.tenant).toBeUndefined();
  expect(await callApi(twin, billing, 'GET /reports')).toEqual({ status: 403, body: '{"message":"Forbidden"}' });
});

test('tokens: the updated issuer end to end, the rotating script client (30 s grace) refreshes only with GetTokensFromRefreshToken, the web client\'s terms on its sign-up page', async () => {
  let now = Date.now() - 120_000;
  const twin = await twinOf((app) => tokensStack(app), () => now);
  expect(twin.issuer).toBe(`${twin.cognitoIdpUrl}/issuer-cognito-idp/${twin.poolId}`);
  const cli = twin.client('cli');
  const hash = secretHash(alice.username, cli.clientId, cli.clientSecret!);
  const signedIn = (await rpc(twin, 'InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH', ClientId: cli.clientId, AuthParameters: { USERNAME: alice.username, PASSWORD: alice.password, SECRET_HASH: hash },
  })).json.AuthenticationResult;
  expect(decodeJwt(signedIn.AccessToken).payload.iss).toBe(twin.issuer);
  expect((await callApi(twin, signedIn.AccessToken)).status).toBe(200);
  expect((await rpc(twin, 'InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: cli.clientId, AuthParameters: { REFRESH_TOKEN: signedIn.RefreshToken, SECRET_HASH: hash } })).json)
    .toEqual({ __type: 'InvalidParameterException', message: 'REFRESH_TOKEN_AUTH flow not enabled for this client' });
  const refresh = () => rpc(twin, 'GetTokensFromRefreshToken', { ClientId: cli.clientId, ClientSecret: cli.clientSecret, RefreshToken: signedIn.RefreshToken });
  expect((await refresh()).json.AuthenticationResult.RefreshToken).toEqual(expect.any(String));
  now += 30_000;
  expect((await refresh()).status).toBe(400);
  const signUp = await (await fetch(twin.signInUrl(twin.client('web'), 'signup'))).text();
  expect(signUp).toContain('<a id="terms-of-use" href="https://app.example.com/terms">Terms of use</a>');
});
