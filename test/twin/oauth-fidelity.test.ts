// The user pool domain's endpoints held to the Cognito pages that define them, on the twin with
// an injected clock (expiry without sleeping):
// https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html
// https://docs.aws.amazon.com/cognito/latest/developerguide/token-endpoint.html
// https://docs.aws.amazon.com/cognito/latest/developerguide/logout-endpoint.html
// https://docs.aws.amazon.com/cognito/latest/developerguide/userinfo-endpoint.html
// https://docs.aws.amazon.com/cognito/latest/developerguide/revocation-endpoint.html
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FIDELITY_CALLBACK, FIDELITY_LOGOUT, synthFidelity } from './fixtures/fidelity-app';
import { authorizeUrl, codeFor, get, pkce, post, redeem, refreshAt, signInAt } from './oauth-client';
import { decodeJwt } from '../../twin/src/emulator/tokens';
import { generatePassword, Twin } from '../../twin/src/emulator/twin';
import { callApi } from '../../twin/src/harness/walk';

const ALICE = { username: 'alice', password: generatePassword(12), email: 'alice@example.com' };
let work: string;
let twin: Twin;
let offset = 0;
const MINUTE = 60_000;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-oauth-'));
  twin = await Twin.start(synthFidelity(path.join(work, 'cdk.out')), [ALICE], undefined, { clock: () => Date.now() + offset });
});

afterEach(() => {
  offset = 0;
});

afterAll(async () => {
  await twin?.stop();
  fs.rmSync(work, { recursive: true, force: true });
});

const web = () => twin.client('web');
const portal = () => twin.client('portal');
/** The callback's query, or the error page's text. */
const redirected = async (url: string) => {
  const a = await get(url);
  return a.location ? Object.fromEntries(a.location.searchParams) : { status: String(a.status), page: a.body.match(/id="error">([^<]*)/)?.[1] ?? a.body };
};

describe('authorize endpoint: client and redirect_uri first, on an error page, never a redirect', () => {
  test.each([
    ['a trailing slash', `${FIDELITY_CALLBACK}/`],
    ['another port', FIDELITY_CALLBACK.replace('3000', '3001')],
    ['upper case', FIDELITY_CALLBACK.toUpperCase()],
    ['an added query', `${FIDELITY_CALLBACK}?x=1`],
    ['none', undefined],
  ])('redirect_uri with %s: 400 redirect_mismatch', async (_what, uri) => {
    expect(await redirected(authorizeUrl(twin, web(), { redirect_uri: uri }))).toEqual({ status: '400', page: 'redirect_mismatch: redirect_uri is not one of the client&#39;s callback URLs' });
  });

  test('redirect_uri given twice (the registered one first): 400, no redirect', async () => {
    const url = `${authorizeUrl(twin, web())}&redirect_uri=${encodeURIComponent('https://evil.example.com/cb')}`;
    expect(await redirected(url)).toEqual({ status: '400', page: 'invalid_request: client_id or redirect_uri is given more than once' });
  });

  test('an unknown client_id: 400, no redirect even to a registered callback', async () => {
    expect(await redirected(authorizeUrl(twin, web(), { client_id: 'nosuchclient' }))).toEqual({ status: '400', page: 'invalid_request: client_id is not a client of this user pool' });
  });
});

describe('authorize endpoint: the other errors go to redirect_uri with error and state', () => {
  test.each([
    ['no response_type', { response_type: undefined }, 'invalid_request'],
    ['response_type id_token', { response_type: 'id_token' }, 'unsupported_response_type'],
    ['implicit on a code-only client', { response_type: 'token' }, 'unauthorized_client'],
    ['PKCE method plain', { code_challenge: 'abc', code_challenge_method: 'plain' }, 'invalid_request'],
    ['a code_challenge without its method', { code_challenge: 'abc' }, 'invalid_request'],
    ['a code_challenge_method without a challenge', { code_challenge_method: 'S256' }, 'invalid_request'],
    ['a scope the client does not have', { scope: 'openid api/write' }, 'invalid_scope'],
    ['an unknown scope', { scope: 'openid nonsense' }, 'invalid_scope'],
    ['email without openid', { scope: 'email' }, 'invalid_scope'],
    ['profile without openid', { scope: 'profile api/read' }, 'invalid_scope'],
    ['an unknown prompt', { prompt: 'bogus' }, 'invalid_request'],
    ['prompt none with another value', { prompt: 'none login' }, 'invalid_request'],
  ])('%s: error=%s', async (_what, params, error) => {
    expect(await redirected(authorizeUrl(twin, web(), params))).toEqual({ error, state: 'st-1' });
  });

  test('a parameter given twice (scope): error=invalid_request', async () => {
    expect(await redirected(`${authorizeUrl(twin, web(), { scope: 'openid' })}&scope=api%2Fread`)).toEqual({ error: 'invalid_request', state: 'st-1' });
  });

  test('prompt=none without a managed-login session: error=login_required', async () => {
    expect(await redirected(authorizeUrl(twin, web(), { prompt: 'none' }))).toEqual({ error: 'login_required', state: 'st-1' });
  });
});

describe('token endpoint: authorization codes', () => {
  test('code + PKCE S256: tokens once; the code is single-use', async () => {
    const { verifier, challenge } = pkce();
    const { code } = await codeFor(twin, web(), ALICE, { code_challenge: challenge, code_challenge_method: 'S256' });
    const first = await redeem(twin, web(), code, { code_verifier: verifier });
    expect([first.status, first.json.token_type, first.json.expires_in]).toEqual([200, 'Bearer', 300]);
    expect(await callApi(twin, first.json.access_token)).toEqual({ status: 200, body: 'Hello, World! I am alice!' });
    expect((await redeem(twin, web(), code, { code_verifier: verifier })).json.error).toBe('invalid_grant');
  });

  test('a wrong PKCE verifier: invalid_grant, and the code is spent (the right verifier after it fails too)', async () => {
    const { verifier, challenge } = pkce();
    const { code } = await codeFor(twin, web(), ALICE, { code_challenge: challenge, code_challenge_method: 'S256' });
    expect((await redeem(twin, web(), code, { code_verifier: pkce().verifier })).json).toEqual({ error: 'invalid_grant', error_description: 'code_verifier does not match code_challenge' });
    expect((await redeem(twin, web(), code, { code_verifier: verifier })).json.error).toBe('invalid_grant');
  });

  test('no verifier for a code issued with PKCE: invalid_grant', async () => {
    const { challenge } = pkce();
    const { code } = await codeFor(twin, web(), ALICE, { code_challenge: challenge, code_challenge_method: 'S256' });
    expect((await redeem(twin, web(), code)).json.error).toBe('invalid_grant');
  });

  test('redirect_uri at the token endpoint must be the authorize request\'s exactly; missing is invalid_request', async () => {
    const a = await codeFor(twin, portal(), ALICE);
    expect((await redeem(twin, portal(), a.code, { redirect_uri: `${FIDELITY_CALLBACK}/` })).json).toEqual({ error: 'invalid_grant', error_description: 'redirect_uri differs from the authorize request' });
    const b = await codeFor(twin, portal(), ALICE);
    const form = { grant_type: 'authorization_code', code: b.code };
    expect((await post(twin, '/oauth2/token', form, portal())).json).toEqual({ error: 'invalid_request', error_description: 'redirect_uri is missing' });
  });

  test('a parameter given twice at the token endpoint: invalid_request', async () => {
    const { code } = await codeFor(twin, portal(), ALICE);
    const body = `grant_type=authorization_code&code=${code}&code=${code}&redirect_uri=${encodeURIComponent(FIDELITY_CALLBACK)}`;
    const res = await fetch(`${twin.hostedUiUrl}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'authorization': `Basic ${Buffer.from(`${portal().clientId}:${portal().clientSecret}`).toString('base64')}` },
      body,
    });
    expect([res.status, await res.json()]).toEqual([400, { error: 'invalid_request', error_description: 'code is given more than once' }]);
  });

  test('a code is bound to its client: another client redeeming it gets invalid_grant, and it is spent', async () => {
    const { code } = await codeFor(twin, portal(), ALICE);
    expect((await redeem(twin, web(), code)).json.error).toBe('invalid_grant');
    expect((await redeem(twin, portal(), code)).json.error).toBe('invalid_grant');
  });

  test('a code lives five minutes: redeemed at 4:59 it works, at 5:00 it is invalid_grant', async () => {
    const early = await codeFor(twin, portal(), ALICE);
    const late = await codeFor(twin, portal(), ALICE);
    offset = 5 * MINUTE - 1000;
    expect((await redeem(twin, portal(), early.code)).status).toBe(200);
    offset = 5 * MINUTE;
    expect((await redeem(twin, portal(), late.code)).json).toEqual({ error: 'invalid_grant', error_description: 'the code is invalid, used or expired' });
  });

  test('client authentication: a wrong secret, a secret for a public client, two different client ids: invalid_client', async () => {
    const { code } = await codeFor(twin, portal(), ALICE);
    const wrong = { ...portal(), clientSecret: 'not-the-secret' };
    expect((await redeem(twin, wrong, code)).json.error).toBe('invalid_client');
    const basicWeb = { ...web(), clientSecret: 'anything' };
    expect((await post(twin, '/oauth2/token', { grant_type: 'refresh_token', refresh_token: 'x' }, basicWeb)).json.error).toBe('invalid_client');
    expect((await post(twin, '/oauth2/token', { grant_type: 'refresh_token', refresh_token: 'x', client_id: web().clientId }, portal())).json.error).toBe('invalid_client');
  });

  test.each([
    ['no grant_type', {}, 'invalid_request'],
    ['grant_type password', { grant_type: 'password', username: 'alice', password: 'x' }, 'unsupported_grant_type'],
    ['authorization_code without code', { grant_type: 'authorization_code', redirect_uri: FIDELITY_CALLBACK }, 'invalid_request'],
    ['refresh_token without refresh_token', { grant_type: 'refresh_token' }, 'invalid_request'],
    ['an unknown refresh token', { grant_type: 'refresh_token', refresh_token: 'abc.def' }, 'invalid_grant'],
    ['client_credentials for a user client', { grant_type: 'client_credentials' }, 'unauthorized_client'],
  ])('%s: %s', async (_what, form, error) => {
    const res = await post(twin, '/oauth2/token', { client_id: web().clientId, ...form });
    expect([res.status, res.json.error]).toEqual([400, error]);
  });
});

describe('OpenID Connect on the authorize endpoint', () => {
  test('no scope asks for all of the client\'s; openid gives an ID token with the nonce and the client as audience', async () => {
    const { code } = await codeFor(twin, portal(), ALICE, { nonce: 'n-0S6_WzA2Mj' });
    const t = (await redeem(twin, portal(), code)).json;
    expect(decodeJwt(t.access_token).payload.scope).toBe('openid email profile api/read');
    expect(decodeJwt(t.id_token).payload).toMatchObject({ 'nonce': 'n-0S6_WzA2Mj', 'aud': portal().clientId, 'token_use': 'id', 'cognito:username': 'alice', 'email': 'alice@example.com', 'email_verified': true });
  });

  test('without openid: no ID token, only the access token (and the refresh token)', async () => {
    const { code } = await codeFor(twin, portal(), ALICE, { scope: 'api/read' });
    const t = (await redeem(twin, portal(), code)).json;
    expect(Object.keys(t).sort()).toEqual(['access_token', 'expires_in', 'refresh_token', 'token_type']);
    expect(decodeJwt(t.access_token).payload.scope).toBe('api/read');
    const refreshed = (await refreshAt(twin, portal(), t.refresh_token)).json;
    expect(Object.keys(refreshed).sort()).toEqual(['access_token', 'expires_in', 'token_type']);
  });

  test('implicit: ID token (with the nonce) and access token in the fragment, never a refresh token', async () => {
    const a = await signInAt(authorizeUrl(twin, twin.client('implicit'), { response_type: 'token', nonce: 'n-1' }), ALICE);
    const fragment = new URLSearchParams(a.location!.hash.slice(1));
    expect([...fragment.keys()].sort()).toEqual(['access_token', 'expires_in', 'id_token', 'state', 'token_type']);
    const id = decodeJwt(fragment.get('id_token')!).payload;
    expect(id.nonce).toBe('n-1');
    // OpenID Connect Core 3.2.2.10: at_hash is the left half of SHA-256 over the access token.
    expect(id.at_hash).toBe(createHash('sha256').update(fragment.get('access_token')!).digest().subarray(0, 16).toString('base64url'));
    expect(a.location!.search).toBe('');
  });

  test('a managed-login session signs in without the form; prompt=login shows it again; prompt=none uses the session', async () => {
    const { cookie } = await codeFor(twin, portal(), ALICE);
    expect(cookie).toMatch(/^cognito=[\w-]+$/);
    const again = await get(authorizeUrl(twin, web(), {}), cookie);
    expect([again.status, again.location?.origin + again.location!.pathname, again.location?.searchParams.has('code')]).toEqual([302, FIDELITY_CALLBACK, true]);
    expect((await get(authorizeUrl(twin, web(), { prompt: 'none' }), cookie)).location?.searchParams.has('code')).toBe(true);
    const login = await get(authorizeUrl(twin, web(), { prompt: 'login' }), cookie);
    expect([login.status, login.body.includes('name="session"')]).toEqual([200, true]);
  });

  test('the managed-login session lasts one hour, again from each time it signs the user in', async () => {
    const { cookie } = await codeFor(twin, portal(), ALICE);
    offset = 50 * MINUTE;
    expect((await get(authorizeUrl(twin, web(), { prompt: 'none' }), cookie)).location?.searchParams.has('code')).toBe(true);
    offset = 109 * MINUTE;
    expect((await get(authorizeUrl(twin, web(), { prompt: 'none' }), cookie)).location?.searchParams.has('code')).toBe(true);
    offset = 169 * MINUTE;
    expect(Object.fromEntries((await get(authorizeUrl(twin, web(), { prompt: 'none' }), cookie)).location!.searchParams)).toEqual({ error: 'login_required', state: 'st-1' });
  });

  test('the sign-in form expires after the client\'s AuthSessionValidity (3 minutes)', async () => {
    const a = await signInAt(authorizeUrl(twin, web()), ALICE, () => {
      offset = 3 * MINUTE;
    });
    expect([a.status, a.body.match(/id="error">([^<]*)/)?.[1]]).toEqual([400, 'invalid_request: the sign-in session expired; open the sign-in URL again']);
  });
});

describe('logout endpoint', () => {
  test('logout_uri among the client\'s sign-out URLs: 302 there, the session cookie cleared and ended', async () => {
    const { cookie } = await codeFor(twin, portal(), ALICE);
    const out = await get(`${twin.hostedUiUrl}/logout?client_id=${web().clientId}&logout_uri=${encodeURIComponent(FIDELITY_LOGOUT)}`, cookie);
    expect([out.status, out.location?.toString(), out.cookie]).toEqual([302, FIDELITY_LOGOUT, '']);
    expect((await get(authorizeUrl(twin, web(), { prompt: 'none' }), cookie)).location?.searchParams.get('error')).toBe('login_required');
  });

  test('redirect_uri instead: back to the sign-in page with the same parameters', async () => {
    const out = await get(`${twin.hostedUiUrl}/logout?client_id=${web().clientId}&response_type=code&redirect_uri=${encodeURIComponent(FIDELITY_CALLBACK)}`);
    expect([out.status, out.location?.pathname, out.location?.searchParams.get('redirect_uri')]).toEqual([302, '/login', FIDELITY_CALLBACK]);
  });

  test.each([
    ['a logout_uri the client does not list', (id: string) => `client_id=${id}&logout_uri=${encodeURIComponent('http://localhost:3000/elsewhere')}`, 'invalid_request: logout_uri is not one of the client&#39;s sign-out URLs'],
    ['no client_id', () => `logout_uri=${encodeURIComponent(FIDELITY_LOGOUT)}`, 'invalid_request: client_id is not a client of this user pool'],
    ['neither logout_uri nor redirect_uri', (id: string) => `client_id=${id}`, 'invalid_request: logout needs logout_uri or redirect_uri'],
  ])('%s: 400 error page, no redirect', async (_what, query, message) => {
    const out = await get(`${twin.hostedUiUrl}/logout?${query(web().clientId)}`);
    expect([out.status, out.location, out.body.match(/id="error">([^<]*)/)?.[1]]).toEqual([400, undefined, message]);
  });
});

describe('userInfo endpoint', () => {
  test('an access token with openid: the user\'s attributes; with openid email only those', async () => {
    const all = (await redeem(twin, portal(), (await codeFor(twin, portal(), ALICE, { scope: 'openid' })).code)).json;
    const res = await fetch(`${twin.hostedUiUrl}/oauth2/userInfo`, { headers: { authorization: `Bearer ${all.access_token}` } });
    expect([res.status, await res.json()]).toEqual([200, { email: 'alice@example.com', email_verified: 'true', sub: expect.any(String), username: 'alice' }]);
    const email = (await redeem(twin, portal(), (await codeFor(twin, portal(), ALICE, { scope: 'openid email' })).code)).json;
    const body = await (await fetch(`${twin.hostedUiUrl}/oauth2/userInfo`, { headers: { authorization: `Bearer ${email.access_token}` } })).json();
    expect(Object.keys(body as object).sort()).toEqual(['email', 'email_verified', 'sub', 'username']);
  });

  test('an InitiateAuth access token (no openid), a machine token, garbage: 401 invalid_token; no token: 400 invalid_request', async () => {
    const cli = twin.client('cli');
    const api = await twin.signIn(cli, ALICE.username, ALICE.password);
    const machine = twin.client('machine');
    const m = (await post(twin, '/oauth2/token', { grant_type: 'client_credentials' }, machine)).json.access_token;
    for (const token of [api.AccessToken, m, 'garbage']) {
      const res = await fetch(`${twin.hostedUiUrl}/oauth2/userInfo`, { headers: { authorization: `Bearer ${token}` } });
      expect([res.status, res.headers.get('www-authenticate')]).toEqual([401, 'error="invalid_token", error_description="Access token is expired, disabled, or deleted, or the user has globally signed out."']);
    }
    const none = await fetch(`${twin.hostedUiUrl}/oauth2/userInfo`);
    expect([none.status, none.headers.get('www-authenticate')]).toEqual([400, 'error="invalid_request", error_description="Bad OAuth2 request at UserInfo Endpoint"']);
  });
});

describe('revoke endpoint', () => {
  test('a confidential client revokes its refresh token (HTTP Basic): 200 empty, then refresh is invalid_grant', async () => {
    const t = (await redeem(twin, portal(), (await codeFor(twin, portal(), ALICE)).code)).json;
    const res = await post(twin, '/oauth2/revoke', { token: t.refresh_token }, portal());
    expect([res.status, res.text]).toEqual([200, '']);
    expect((await refreshAt(twin, portal(), t.refresh_token)).json).toEqual({ error: 'invalid_grant', error_description: 'Refresh Token has been revoked' });
    // Its access token is revoked for Cognito's endpoints (userInfo), not for the API, which checks only signature and expiry.
    expect((await fetch(`${twin.hostedUiUrl}/oauth2/userInfo`, { headers: { authorization: `Bearer ${t.access_token}` } })).status).toBe(401);
    expect((await callApi(twin, t.access_token)).status).toBe(200);
  });

  test('a public client revokes with client_id in the body', async () => {
    const { verifier, challenge } = pkce();
    const t = (await redeem(twin, web(), (await codeFor(twin, web(), ALICE, { code_challenge: challenge, code_challenge_method: 'S256' })).code, { code_verifier: verifier })).json;
    expect((await post(twin, '/oauth2/revoke', { token: t.refresh_token, client_id: web().clientId })).status).toBe(200);
    expect((await refreshAt(twin, web(), t.refresh_token)).json.error).toBe('invalid_grant');
  });

  test('errors: no token 400 invalid_request, an access token 400 unsupported_token_type, a wrong secret 401 invalid_client', async () => {
    const t = (await redeem(twin, portal(), (await codeFor(twin, portal(), ALICE)).code)).json;
    expect([(await post(twin, '/oauth2/revoke', {}, portal())).status, (await post(twin, '/oauth2/revoke', {}, portal())).json.error]).toEqual([400, 'invalid_request']);
    const access = await post(twin, '/oauth2/revoke', { token: t.access_token }, portal());
    expect([access.status, access.json.error]).toEqual([400, 'unsupported_token_type']);
    const wrong = await post(twin, '/oauth2/revoke', { token: t.refresh_token }, { ...portal(), clientSecret: 'wrong' });
    expect([wrong.status, wrong.json.error]).toEqual([401, 'invalid_client']);
    expect((await refreshAt(twin, portal(), t.refresh_token)).status).toBe(200);
  });

  test('another client\'s refresh token: 200 and nothing revoked', async () => {
    const t = (await redeem(twin, portal(), (await codeFor(twin, portal(), ALICE)).code)).json;
    expect((await post(twin, '/oauth2/revoke', { token: t.refresh_token, client_id: web().clientId })).status).toBe(200);
    expect((await refreshAt(twin, portal(), t.refresh_token)).status).toBe(200);
  });
});

describe('token validity from the template', () => {
  test('access and ID tokens last AccessTokenValidity/IdTokenValidity (5 minutes here), machine tokens their client\'s (60)', async () => {
    const t = (await redeem(twin, portal(), (await codeFor(twin, portal(), ALICE)).code)).json;
    const claims = decodeJwt(t.access_token).payload;
    const idExp = Number(decodeJwt(t.id_token).payload.exp);
    expect([t.expires_in, Number(claims.exp) - Number(claims.iat), idExp - Number(claims.iat)]).toEqual([300, 300, 300]);
    const m = (await post(twin, '/oauth2/token', { grant_type: 'client_credentials' }, twin.client('machine'))).json;
    expect(m.expires_in).toBe(3600);
  });

  test('a token-endpoint refresh token lasts RefreshTokenValidity (1 hour here)', async () => {
    const t = (await redeem(twin, portal(), (await codeFor(twin, portal(), ALICE)).code)).json;
    offset = 60 * MINUTE - 1000;
    expect((await refreshAt(twin, portal(), t.refresh_token)).status).toBe(200);
    offset = 60 * MINUTE;
    expect((await refreshAt(twin, portal(), t.refresh_token)).json).toEqual({ error: 'invalid_grant', error_description: 'Refresh Token has expired' });
  });
});
