// Hosted-UI sign-in in a real browser (Debian's Chromium through playwright-core), and the token
// endpoint's machine grant with Cognito's error codes, against the twin of an app with every
// client kind (test/twin/fixtures/construct-app.ts, synthFlows). Each browser opens the sign-in URL exactly as
// the stack outputs it, with only the host rewritten to the twin, signs in as alice, and lands on
// a loopback callback (http://127.0.0.1:<free port>/callback, synthesized into the app) where a
// small server answers like the app would.
// TWIN_SCREENSHOTS=1 writes the sign-in and the signed-in pages to docs/ (the README shows one).
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { BrowserContext, chromium, Page } from 'playwright-core';
import { synthFlows } from './fixtures/construct-app';
import { ROOT, runScript } from './snippets';
import { freePort } from '../../twin/src/emulator/net';
import { decodeJwt } from '../../twin/src/emulator/tokens';
import { generatePassword, Twin } from '../../twin/src/emulator/twin';
import { callApi, tokenRequest } from '../../twin/src/harness/walk';
import { chromium as chromiumTool, commands, describeWith } from '../system-tools';

const ALICE = { username: 'alice', password: generatePassword(12), email: 'alice@example.com' };
const HELLO = { status: 200, body: 'Hello, World! I am alice!' };
const SHOTS = process.env.TWIN_SCREENSHOTS === '1' ? path.join(ROOT, 'docs') : undefined;
// The browser comes from the machine: without it the Chromium tests are skipped with one line (fail in CI).
const CHROMIUM = chromiumTool();

let work: string;
let twin: Twin;
let browser: BrowserContext;
let callbackServer: http.Server;
let FLOWS_CALLBACK: string;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-browser-'));
  const port = await freePort();
  FLOWS_CALLBACK = `http://127.0.0.1:${port}/callback`;
  callbackServer = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!DOCTYPE html><html><body style="font-family:sans-serif;padding:24px"><h2>Signed in</h2><p>The app got its callback.</p></body></html>');
  });
  await new Promise<void>((resolve) => callbackServer.listen(port, '127.0.0.1', resolve));
  twin = await Twin.start(synthFlows(path.join(work, 'cdk.out'), undefined, FLOWS_CALLBACK), [ALICE]);
  if (!CHROMIUM.path) return;
  browser = await chromium.launchPersistentContext(path.join(work, 'profile'), {
    executablePath: CHROMIUM.path,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 480, height: 420 },
  });
});

afterAll(async () => {
  await browser?.close();
  await twin?.stop();
  await new Promise((resolve) => callbackServer?.close(resolve));
  fs.rmSync(work, { recursive: true, force: true });
});

/** Opens `url`, signs in as alice, and resolves to the callback URL the browser landed on (fragment included). */
async function signIn(url: string, shot?: string, password = ALICE.password): Promise<{ landed: URL; page: Page }> {
  // Each sign-in starts without a managed-login session (its cookie would skip the form, as on AWS).
  await browser.clearCookies();
  const page = await browser.newPage();
  await page.goto(url);
  await page.fill('input[name=username]', ALICE.username);
  await page.fill('input[name=password]', password);
  if (shot && SHOTS) await page.screenshot({ path: path.join(SHOTS, `${shot}-sign-in.png`) });
  await Promise.all([page.waitForURL((u) => u.toString().startsWith(FLOWS_CALLBACK) || u.toString().includes('/login'), { timeout: 10_000 }), page.click('button[type=submit]')]);
  return { landed: new URL(page.url()), page };
}

describeWith([CHROMIUM, commands('curl', 'openssl')], 'hosted UI in Chromium', () => {
  test('web: the stack output URL + PKCE, code exchanged by web-sign-in.sh with curl: Hello', async () => {
    const web = twin.client('web');
    let opened: Promise<void> | undefined;
    const run = await runScript('web-sign-in.sh', {
      SIGN_IN_URL: twin.signInUrl(web),
      TOKEN_URL: `${twin.hostedUiUrl}/oauth2/token`,
      CLIENT_ID: web.clientId,
      REDIRECT_URI: FLOWS_CALLBACK,
      API_URL: `${twin.gateway!.url}/`,
    }, {
      interact: (stdout, answer) => {
        const url = stdout.match(/^(http\S+code_challenge_method=S256)$/m)?.[1];
        if (!url || opened) return;
        opened = signIn(url, 'twin-web').then(async ({ landed, page }) => {
          if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'twin-web-signed-in.png') });
          await page.close();
          answer(landed.searchParams.get('code') ?? 'no-code');
        });
      },
    });
    await opened;
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(run.stdout.split('\n').pop()).toBe(HELLO.body);
  });

  test('web: the code without its PKCE verifier is refused (invalid_grant)', async () => {
    const web = twin.client('web');
    const { landed, page } = await signIn(`${twin.signInUrl(web)}&code_challenge=${'x'.repeat(43)}&code_challenge_method=S256`);
    await page.close();
    await expect(tokenRequest(twin, { grant_type: 'authorization_code', client_id: web.clientId, code: landed.searchParams.get('code')!, redirect_uri: FLOWS_CALLBACK }))
      .rejects.toThrow('token endpoint: 400 invalid_grant: code_verifier does not match code_challenge');
  });

  test('confidentialWeb: code exchanged with the client secret (HTTP Basic): Hello, and the token carries the granted scopes', async () => {
    const portal = twin.client('portal');
    const { landed, page } = await signIn(twin.signInUrl(portal));
    await page.close();
    const form = { grant_type: 'authorization_code', code: landed.searchParams.get('code')!, redirect_uri: FLOWS_CALLBACK };
    const tokens = await tokenRequest(twin, form, portal);
    expect(decodeJwt(tokens.access_token).payload).toMatchObject({ client_id: portal.clientId, username: 'alice', scope: 'openid email profile api/read' });
    expect(await callApi(twin, tokens.access_token)).toEqual(HELLO);
    // A code works once; the refresh token gives a new access token.
    await expect(tokenRequest(twin, form, portal)).rejects.toThrow('token endpoint: 400 invalid_grant');
    const refreshed = await tokenRequest(twin, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token }, portal);
    expect(await callApi(twin, refreshed.access_token)).toEqual(HELLO);
  });

  test('confidentialWeb: the code exchanged without the secret is refused (invalid_client)', async () => {
    const portal = twin.client('portal');
    const { landed, page } = await signIn(twin.signInUrl(portal));
    await page.close();
    await expect(tokenRequest(twin, { grant_type: 'authorization_code', client_id: portal.clientId, code: landed.searchParams.get('code')!, redirect_uri: FLOWS_CALLBACK }))
      .rejects.toThrow('token endpoint: 400 invalid_client: client authentication failed');
  });

  test('implicit: the access token read from the fragment: Hello', async () => {
    const { landed, page } = await signIn(twin.signInUrl(twin.client('implicit')));
    await page.close();
    const fragment = new URLSearchParams(landed.hash.slice(1));
    expect([fragment.get('token_type'), fragment.get('expires_in'), fragment.has('id_token'), landed.search]).toEqual(['Bearer', '3600', true, '']);
    expect(await callApi(twin, fragment.get('access_token')!)).toEqual(HELLO);
  });

  test('a wrong password stays on the sign-in page with Cognito\'s message', async () => {
    const { landed, page } = await signIn(twin.signInUrl(twin.client('implicit')), undefined, `${ALICE.password}x`);
    expect(landed.pathname).toBe('/login');
    expect(await page.textContent('#message')).toBe('Incorrect username or password.');
    await page.close();
  });
});

describe('machine clients at the token endpoint', () => {
  const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
  async function post(form: Record<string, string>, authorization?: string): Promise<{ status: number; json: any }> {
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    if (authorization) headers.authorization = authorization;
    const res = await fetch(`${twin.hostedUiUrl}/oauth2/token`, { method: 'POST', headers, body: new URLSearchParams(form) });
    return { status: res.status, json: await res.json() };
  }

  test('HTTP Basic, no scope asked: every allowed scope, the M2M claims, accepted on GET / and POST /items', async () => {
    const m = twin.client('machine');
    const { status, json } = await post({ grant_type: 'client_credentials' }, basic(m.clientId, m.clientSecret!));
    expect([status, json.token_type, json.expires_in]).toEqual([200, 'Bearer', 3600]);
    const claims = decodeJwt(json.access_token).payload;
    expect(Object.keys(claims).sort()).toEqual(['auth_time', 'client_id', 'exp', 'iat', 'iss', 'jti', 'scope', 'sub', 'token_use', 'version']);
    expect(claims).toMatchObject({ sub: m.clientId, client_id: m.clientId, scope: 'api/read api/write', token_use: 'access', iss: twin.issuer });
    expect(await callApi(twin, json.access_token)).toEqual({ status: 200, body: `Hello, World! I am ${m.clientId}!` });
    expect((await callApi(twin, json.access_token, 'POST /items')).status).toBe(200);
  });

  test('form-field client authentication and a scope subset: accepted where the scope is, 403 where it is not', async () => {
    const r = twin.client('reader');
    const { status, json } = await post({ grant_type: 'client_credentials', client_id: r.clientId, client_secret: r.clientSecret!, scope: 'api/read' });
    expect(status).toBe(200);
    expect((await callApi(twin, json.access_token)).status).toBe(200);
    expect(await callApi(twin, json.access_token, 'POST /items')).toEqual({ status: 403, body: '{"message":"Forbidden"}' });
  });

  const refusals: Array<{ what: string; error: string; request: () => [Record<string, string>, string] }> = [
    { what: 'a wrong secret', error: 'invalid_client', request: () => [{ grant_type: 'client_credentials' }, basic(twin.client('machine').clientId, 'wrong')] },
    { what: 'an unknown client', error: 'invalid_client', request: () => [{ grant_type: 'client_credentials' }, basic('nobody', 'x')] },
    { what: 'a client that is not a machine client', error: 'unauthorized_client', request: () => [{ grant_type: 'client_credentials' }, basic(twin.client('portal').clientId, twin.client('portal').clientSecret!)] },
    { what: 'a scope the client is not allowed', error: 'invalid_scope', request: () => [{ grant_type: 'client_credentials', scope: 'api/write' }, basic(twin.client('reader').clientId, twin.client('reader').clientSecret!)] },
    { what: 'the password grant', error: 'unsupported_grant_type', request: () => [{ grant_type: 'password', username: 'alice', password: 'x' }, basic(twin.client('machine').clientId, twin.client('machine').clientSecret!)] },
  ];
  test.each(refusals)('$what: 400 $error', async ({ request, error }) => {
    const [form, authorization] = request();
    const { status, json } = await post(form, authorization);
    expect([status, json.error]).toEqual([400, error]);
  });
});
