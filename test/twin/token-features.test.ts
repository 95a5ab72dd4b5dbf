// Today's Cognito token features in the twin, each with real tokens over real HTTP against a
// SecureCognitoApi app whose template carries them (fixtures/token-app.ts): refresh token
// rotation with its grace period (on an injected clock), the updated issuer end to end through
// the JWT authorizer, machine tokens shaped by a V3_0 trigger, and a client's two secrets.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { synthTokenApp, TokenAppOptions, MACHINE_TENANT, TRIGGER_SCOPE } from './fixtures/token-app';
import { decodeJwt, mint } from '../../twin/src/emulator/tokens';
import { generatePassword, secretHash, Twin, TwinClientInfo, TwinUser } from '../../twin/src/emulator/twin';
import { callApi, signInWithForm, tokenRequest } from '../../twin/src/harness/walk';

const alice: TwinUser = { username: 'alice', password: generatePassword(16), email: 'alice@example.com' };
const dirs: string[] = [];
const twins: Twin[] = [];
/** The pool's clock: starts two minutes back so tokens issued after moving it are never "issued in the future" for the gateway. */
let now = 0;

async function startTwin(options: TokenAppOptions): Promise<Twin> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-tokens-'));
  dirs.push(dir);
  const twin = await Twin.start(synthTokenApp(dir, options), [alice], undefined, () => now);
  twins.push(twin);
  return twin;
}

beforeEach(() => {
  now = Date.now() - 120_000;
});
afterAll(async () => {
  for (const t of twins) await t.stop();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** One call of the JSON protocol over HTTP: status and body. */
async function cognito(twin: Twin, target: string, body: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(twin.cognitoIdpUrl, {
    method: 'POST',
    headers: { 'x-amz-target': `AWSCognitoIdentityProviderService.${target}`, 'content-type': 'application/x-amz-json-1.1' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

/** POST /oauth2/token without throwing: status and body. */
async function token(twin: Twin, form: Record<string, string>, basic?: { clientId: string; secret: string }): Promise<{ status: number; json: any }> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (basic) headers.authorization = `Basic ${Buffer.from(`${basic.clientId}:${basic.secret}`).toString('base64')}`;
  const res = await fetch(`${twin.hostedUiUrl}/oauth2/token`, { method: 'POST', headers, body: new URLSearchParams(form) });
  return { status: res.status, json: await res.json() };
}

async function passwordSignIn(twin: Twin, cli: TwinClientInfo, secret = cli.clientSecret!) {
  return cognito(twin, 'InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: cli.clientId,
    AuthParameters: { USERNAME: alice.username, PASSWORD: alice.password, SECRET_HASH: secretHash(alice.username, cli.clientId, secret) },
  });
}

const refresh = (twin: Twin, cli: TwinClientInfo, refreshToken: string) =>
  cognito(twin, 'GetTokensFromRefreshToken', { ClientId: cli.clientId, ClientSecret: cli.clientSecret, RefreshToken: refreshToken });

/** A web (code + PKCE-less public client) sign-in through the sign-in page; the token endpoint's answer. */
async function webSignIn(twin: Twin): Promise<any> {
  const web = twin.client('web');
  const url = twin.signInUrl(web);
  const code = new URL(await signInWithForm(url, alice)).searchParams.get('code')!;
  return tokenRequest(twin, { grant_type: 'authorization_code', code, client_id: web.clientId, redirect_uri: new URL(url).searchParams.get('redirect_uri')! });
}

describe('refresh token rotation', () => {
  test('rotation on (grace 10 s): GetTokensFromRefreshToken returns a new refresh token; the old one works 10 s, then never', async () => {
    const twin = await startTwin({ rotationGraceSeconds: 10 });
    const cli = twin.client('cli');
    const first = (await passwordSignIn(twin, cli)).json.AuthenticationResult;

    const r1 = await refresh(twin, cli, first.RefreshToken);
    expect(r1.status).toBe(200);
    expect(r1.json.AuthenticationResult.RefreshToken).toEqual(expect.any(String));
    expect(r1.json.AuthenticationResult.RefreshToken).not.toBe(first.RefreshToken);
    expect((await callApi(twin, r1.json.AuthenticationResult.AccessToken)).status).toBe(200);

    now += 9_999; // a retry within the grace period
    const retry = await refresh(twin, cli, first.RefreshToken);
    expect(retry.status).toBe(200);
    expect(retry.json.AuthenticationResult.RefreshToken).not.toBe(r1.json.AuthenticationResult.RefreshToken);

    now += 1; // the grace period is over
    expect(await refresh(twin, cli, first.RefreshToken)).toEqual({ status: 400, json: { __type: 'NotAuthorizedException', message: 'Invalid Refresh Token' } });
    const r2 = await refresh(twin, cli, r1.json.AuthenticationResult.RefreshToken);
    expect(r2.status).toBe(200);
    expect(r2.json.AuthenticationResult.RefreshToken).not.toBe(r1.json.AuthenticationResult.RefreshToken);
  });

  test('rotation on: REFRESH_TOKEN_AUTH is refused as Cognito refuses a flow the client does not enable', async () => {
    const twin = await startTwin({ rotationGraceSeconds: 10 });
    const cli = twin.client('cli');
    const first = (await passwordSignIn(twin, cli)).json.AuthenticationResult;
    const res = await cognito(twin, 'InitiateAuth', {
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: cli.clientId,
      AuthParameters: { REFRESH_TOKEN: first.RefreshToken, SECRET_HASH: secretHash(alice.username, cli.clientId, cli.clientSecret!) },
    });
    expect(res).toEqual({ status: 400, json: { __type: 'InvalidParameterException', message: 'REFRESH_TOKEN_AUTH flow not enabled for this client' } });
  });

  test('rotation on: the token endpoint\'s refresh_token grant returns a new refresh token; the old one is invalid_grant after the grace period', async () => {
    const twin = await startTwin({ rotationGraceSeconds: 10 });
    const web = twin.client('web');
    const signedIn = await webSignIn(twin);
    const r1 = await token(twin, { grant_type: 'refresh_token', client_id: web.clientId, refresh_token: signedIn.refresh_token });
    expect(r1.status).toBe(200);
    expect(r1.json.refresh_token).toEqual(expect.any(String));
    expect(r1.json.refresh_token).not.toBe(signedIn.refresh_token);
    expect((await callApi(twin, r1.json.access_token)).status).toBe(200);

    now += 10_000;
    expect(await token(twin, { grant_type: 'refresh_token', client_id: web.clientId, refresh_token: signedIn.refresh_token }))
      .toEqual({ status: 400, json: { error: 'invalid_grant', error_description: 'Invalid Refresh Token' } });
    expect((await token(twin, { grant_type: 'refresh_token', client_id: web.clientId, refresh_token: r1.json.refresh_token })).status).toBe(200);
  });

  test('grace period 0: the submitted refresh token is invalid as soon as it was used', async () => {
    const twin = await startTwin({ rotationGraceSeconds: 0 });
    const cli = twin.client('cli');
    const first = (await passwordSignIn(twin, cli)).json.AuthenticationResult;
    expect((await refresh(twin, cli, first.RefreshToken)).status).toBe(200);
    expect((await refresh(twin, cli, first.RefreshToken)).json).toEqual({ __type: 'NotAuthorizedException', message: 'Invalid Refresh Token' });
  });

  test('rotation off (the default): no new refresh token, the old one keeps working, REFRESH_TOKEN_AUTH too', async () => {
    const twin = await startTwin({});
    const cli = twin.client('cli');
    const first = (await passwordSignIn(twin, cli)).json.AuthenticationResult;
    const r1 = await refresh(twin, cli, first.RefreshToken);
    expect(r1.status).toBe(200);
    expect(r1.json.AuthenticationResult.RefreshToken).toBeUndefined();
    now += 61_000;
    expect((await refresh(twin, cli, first.RefreshToken)).status).toBe(200);
    const viaFlow = await cognito(twin, 'InitiateAuth', {
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: cli.clientId,
      AuthParameters: { REFRESH_TOKEN: first.RefreshToken, SECRET_HASH: secretHash(alice.username, cli.clientId, cli.clientSecret!) },
    });
    expect(viaFlow.status).toBe(200);
  });
});
