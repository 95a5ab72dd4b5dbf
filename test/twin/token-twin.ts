// The twin of fixtures/token-app.ts for the token-feature tests: started on a clock the tests move
// (no sleeping), and the raw HTTP calls they make (the JSON protocol, the token endpoint, a
// password sign-in, a managed-login sign-in through the code grant).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { synthTokenApp, TokenAppOptions } from './fixtures/token-app';
import { generatePassword, secretHash, Twin, TwinClientInfo, TwinUser } from '../../twin/src/emulator/twin';
import { signInWithForm, tokenRequest } from '../../twin/src/harness/walk';

export const alice: TwinUser = { username: 'alice', password: generatePassword(16), email: 'alice@example.com' };

/**
 * The pools' clock (epoch ms). Each twin starts it two minutes back, so that tokens issued after
 * the tests move it are never "issued in the future" for the gateway, which reads real time.
 */
export const clock = { now: Date.now() };
const dirs: string[] = [];
const twins: Twin[] = [];

export async function startTokenTwin(options: TokenAppOptions): Promise<Twin> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-tokens-'));
  dirs.push(dir);
  clock.now = Date.now() - 120_000;
  const twin = await Twin.start(synthTokenApp(dir, options), [alice], undefined, { clock: () => clock.now });
  twins.push(twin);
  return twin;
}

export async function stopTokenTwins(): Promise<void> {
  for (const t of twins.splice(0)) await t.stop();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

/** One call of the JSON protocol over HTTP: status and body. */
export async function cognito(twin: Twin, target: string, body: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(twin.cognitoIdpUrl, {
    method: 'POST',
    headers: { 'x-amz-target': `AWSCognitoIdentityProviderService.${target}`, 'content-type': 'application/x-amz-json-1.1' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

/** POST /oauth2/token without throwing: status and body; `basic` authenticates the client by HTTP Basic. */
export async function token(twin: Twin, form: Record<string, string>, basic?: { clientId: string; secret: string }):
Promise<{ status: number; json: any }> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (basic) headers.authorization = `Basic ${Buffer.from(`${basic.clientId}:${basic.secret}`).toString('base64')}`;
  const res = await fetch(`${twin.hostedUiUrl}/oauth2/token`, { method: 'POST', headers, body: new URLSearchParams(form) });
  return { status: res.status, json: await res.json() };
}

/** InitiateAuth USER_PASSWORD_AUTH as alice through `cli`, SECRET_HASH made with `secret`. */
export function passwordSignIn(twin: Twin, cli: TwinClientInfo, secret = cli.clientSecret!) {
  return cognito(twin, 'InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: cli.clientId,
    AuthParameters: { USERNAME: alice.username, PASSWORD: alice.password, SECRET_HASH: secretHash(alice.username, cli.clientId, secret) },
  });
}

/** Alice signs in on the managed-login page of `web` (a public client); the token endpoint's answer to the code. */
export async function webSignIn(twin: Twin): Promise<any> {
  const web = twin.client('web');
  const url = twin.signInUrl(web);
  const code = new URL(await signInWithForm(url, alice)).searchParams.get('code')!;
  return tokenRequest(twin, { grant_type: 'authorization_code', code, client_id: web.clientId, redirect_uri: new URL(url).searchParams.get('redirect_uri')! });
}
