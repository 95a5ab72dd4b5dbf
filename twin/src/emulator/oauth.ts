// The user pool domain's browser endpoints (managed login), served by the twin (decisions 010, 060):
//  - /oauth2/authorize and /login: the sign-in page for response_type `code` or `token`
//    (https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html):
//    client_id and redirect_uri (exactly one of the client's CallbackURLs) are checked first and
//    answered on an error page, never by a redirect; every later problem is redirected to
//    redirect_uri with `error` (and `state`): invalid_request (response_type missing; PKCE with a
//    method other than S256, `plain` included, or half of it missing; an unknown `prompt`),
//    unsupported_response_type, unauthorized_client (flow not allowed), invalid_scope (a scope
//    the client does not have; `email`, `phone` or `profile` without `openid`), login_required
//    (`prompt=none` without a session). No scope asks for all of the client's. An ID token only
//    with `openid`; `nonce` goes into it; never a refresh token for `token`.
//  - the managed-login session: a cookie named `cognito`, valid for one hour after a sign-in and
//    again for an hour each time it signs the user in; global sign-out leaves it, /logout clears it
//    (https://repost.aws/knowledge-center/cognito-logout-endpoint-globalsignoutapi,
//    https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GlobalSignOut.html):
//    with it, /oauth2/authorize signs the user in without the form unless `prompt=login`;
//  - /signup: the sign-up page (the SignUp action);
//  - /logout: ends that session and redirects to `logout_uri` (exactly one of the client's
//    LogoutURLs) or, with `redirect_uri`, back to the sign-in page
//    (https://docs.aws.amazon.com/cognito/latest/developerguide/logout-endpoint.html).
// The endpoints apps call directly (token, revoke, userInfo) are in oauth-tokens.ts.
import { randomUUID } from 'crypto';
import * as http from 'http';
import { CODE_LIFETIME_MS, OAuthError, TokenEndpoints } from './oauth-tokens';
import { secretHash, validitySeconds } from './rules';
import { termsLinks } from './terms';
import { CognitoError, PoolClient, PoolUser, UserPool } from './userpool';

interface AuthorizeRequest {
  readonly client: PoolClient;
  readonly responseType: 'code' | 'token';
  readonly redirectUri: string;
  readonly scopes: string[];
  readonly state?: string;
  readonly codeChallenge?: string;
  readonly nonce?: string;
}

interface FrontCall {
  call(target: string, body: any): Promise<any>;
}

const SESSION_COOKIE = 'cognito';
const SESSION_LIFETIME_MS = 3600_000;
const OIDC_ONLY_SCOPES = ['email', 'phone', 'profile'];

export class HostedUi {
  readonly tokens: TokenEndpoints;
  /** Sign-in forms shown and not yet posted; they last the client's AuthSessionValidity. */
  private readonly forms = new Map<string, AuthorizeRequest & { expires: number }>();
  /** Managed-login sessions by cookie value. */
  private readonly sessions = new Map<string, { sub: string; authTime: number; expires: number }>();

  constructor(private readonly pool: UserPool, private readonly front: FrontCall) {
    this.tokens = new TokenEndpoints(pool);
  }

  /** Serves the domain's paths; false when `url` is not one of them. */
  async handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL, body: Buffer): Promise<boolean> {
    const form = new URLSearchParams(body.toString('utf-8'));
    const path = url.pathname;
    if (req.method === 'GET' && (path === '/oauth2/authorize' || path === '/login' || path === '/signup')) {
      await this.authorize(req, res, url.searchParams, path === '/signup' ? 'signup' : 'login');
    } else if (req.method === 'POST' && path === '/login') {
      await this.login(res, form);
    } else if (req.method === 'POST' && path === '/signup') {
      await this.signUp(res, form);
    } else if (req.method === 'GET' && path === '/logout') {
      this.logout(req, res, url.searchParams);
    } else if (req.method === 'POST' && path === '/oauth2/token') {
      await answer(res, async () => sendJson(res, 200, await this.tokens.token(req, form)));
    } else if (req.method === 'POST' && path === '/oauth2/revoke') {
      await answer(res, async () => {
        this.tokens.revoke(req, form);
        res.writeHead(200, { 'content-length': '0' });
        res.end();
      });
    } else if ((req.method === 'GET' || req.method === 'POST') && path === '/oauth2/userInfo') {
      const r = this.tokens.userInfo(req);
      res.writeHead(r.status, { 'content-type': 'application/json;charset=UTF-8', ...r.headers });
      res.end(JSON.stringify(r.body));
    } else {
      return false;
    }
    return true;
  }

  private async authorize(req: http.IncomingMessage, res: http.ServerResponse, q: URLSearchParams, kind: 'login' | 'signup'): Promise<void> {
    const request = this.authorizeRequest(q, res);
    if (!request) return;
    const prompts = (q.get('prompt') ?? '').split(' ').filter(Boolean);
    if (prompts.some((p) => !['none', 'login', 'consent', 'select_account'].includes(p)) || (prompts.includes('none') && prompts.length > 1)) {
      return redirectError(res, request, 'invalid_request');
    }
    const session = kind === 'login' && !prompts.includes('login') ? this.liveSession(req) : undefined;
    if (session) return this.finish(res, request, session.user, session.authTime);
    if (prompts.includes('none')) return redirectError(res, request, 'login_required');
    this.page(res, 200, request, kind);
  }

  /** Validates an authorize request; answers the error itself (page or redirect) and returns undefined. */
  private authorizeRequest(q: URLSearchParams, res: http.ServerResponse): AuthorizeRequest | undefined {
    // "Request and response parameters MUST NOT be included more than once." (RFC 6749 section 3.1)
    if (q.getAll('client_id').length > 1 || q.getAll('redirect_uri').length > 1) return errorPage(res, 'invalid_request', 'client_id or redirect_uri is given more than once');
    const client = this.pool.client(q.get('client_id'));
    const redirectUri = q.get('redirect_uri') ?? '';
    if (!client) return errorPage(res, 'invalid_request', 'client_id is not a client of this user pool');
    if (!client.template.callbackUrls.includes(redirectUri)) return errorPage(res, 'redirect_mismatch', 'redirect_uri is not one of the client\'s callback URLs');
    const state = q.get('state') ?? undefined;
    const partial = { client, redirectUri, state } as AuthorizeRequest;
    if ([...new Set(q.keys())].some((k) => q.getAll(k).length > 1)) return redirectError(res, partial, 'invalid_request');
    const responseType = q.get('response_type');
    if (!responseType) return redirectError(res, partial, 'invalid_request');
    if (responseType !== 'code' && responseType !== 'token') return redirectError(res, partial, 'unsupported_response_type');
    const codeChallenge = q.get('code_challenge') ?? undefined;
    const method = q.get('code_challenge_method');
    if ((codeChallenge !== undefined || method !== null) && (method !== 'S256' || !codeChallenge)) return redirectError(res, partial, 'invalid_request');
    if (!client.template.allowedOAuthFlows.includes(responseType === 'code' ? 'code' : 'implicit')) return redirectError(res, partial, 'unauthorized_client');
    const asked = (q.get('scope') ?? '').split(' ').filter(Boolean);
    const allowed = client.template.allowedOAuthScopes;
    const scopes = asked.length ? [...new Set(asked)] : allowed;
    if (scopes.some((s) => !allowed.includes(s)) || (scopes.some((s) => OIDC_ONLY_SCOPES.includes(s)) && !scopes.includes('openid'))) {
      return redirectError(res, partial, 'invalid_scope');
    }
    return { client, responseType, redirectUri, scopes, state, codeChallenge, nonce: q.get('nonce') ?? undefined };
  }

  private page(res: http.ServerResponse, status: number, r: AuthorizeRequest, kind: 'login' | 'signup', message = ''): void {
    const form = randomUUID();
    this.forms.set(form, { ...r, expires: this.pool.now() + validitySeconds(r.client.template, 'session') * 1000 });
    const title = kind === 'login' ? 'Sign in' : 'Sign up';
    const email = kind === 'signup' ? '<label>Email <input name="email" type="email" autocomplete="email"></label>' : '';
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!DOCTYPE html><html><head><title>${title} - ${escape(r.client.name)}</title><style>
body{font-family:sans-serif;background:#f2f3f3;display:flex;justify-content:center;padding-top:40px}
form{background:#fff;padding:24px 32px;border-radius:8px;box-shadow:0 1px 4px #0003;width:300px}
label{display:block;margin:12px 0 4px}input{width:100%;padding:6px;box-sizing:border-box}
button{margin-top:16px;width:100%;padding:8px;background:#0972d3;color:#fff;border:0;border-radius:4px}
p.m{color:#b0281a}small{color:#555}</style></head><body>
<form method="post" action="/${kind}"><h2>${title}</h2><small>client ${escape(r.client.name)} · local twin of managed login</small>
${message ? `<p class="m" id="message">${escape(message)}</p>` : ''}<input type="hidden" name="session" value="${form}">
<label>Username <input name="username" autocomplete="username"></label>${email}
<label>Password <input name="password" type="password" autocomplete="current-password"></label>
${kind === 'signup' ? termsLinks(r.client.template) : ''}<button type="submit" name="signInSubmitButton">${title}</button></form></body></html>`);
  }

  /** The posted form's request, if it is still open (AuthSessionValidity); spent either way. */
  private takeForm(form: URLSearchParams): AuthorizeRequest | undefined {
    const key = form.get('session') ?? '';
    const r = this.forms.get(key);
    this.forms.delete(key);
    return r && r.expires > this.pool.now() ? r : undefined;
  }

  private async login(res: http.ServerResponse, form: URLSearchParams): Promise<void> {
    const r = this.takeForm(form);
    if (!r) return void errorPage(res, 'invalid_request', 'the sign-in session expired; open the sign-in URL again');
    let user: PoolUser;
    try {
      user = this.pool.authenticate(r.client, form.get('username') ?? '', form.get('password') ?? '');
      if (user.status === 'FORCE_CHANGE_PASSWORD') throw new CognitoError('PasswordResetRequiredException', 'the twin\'s sign-in page does not change passwords; set a permanent one (AdminSetUserPassword)');
    } catch (e) {
      if (!(e instanceof CognitoError)) throw e;
      return this.page(res, 200, r, 'login', e.message);
    }
    const authTime = Math.floor(this.pool.now() / 1000);
    const cookie = randomUUID();
    this.sessions.set(cookie, { sub: user.sub, authTime, expires: this.pool.now() + SESSION_LIFETIME_MS });
    res.setHeader('set-cookie', `${SESSION_COOKIE}=${cookie}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${SESSION_LIFETIME_MS / 1000}`);
    await this.finish(res, r, user, authTime);
  }

  /** Redirects to the callback: a code, or (implicit) the tokens in the fragment. */
  private async finish(res: http.ServerResponse, r: AuthorizeRequest, user: PoolUser, authTime: number): Promise<void> {
    const to = new URL(r.redirectUri);
    if (r.responseType === 'code') {
      const code = randomUUID();
      const { client, redirectUri, scopes, codeChallenge, nonce } = r;
      this.tokens.codes.set(code, { client, redirectUri, scopes, codeChallenge, nonce, user, authTime, expires: this.pool.now() + CODE_LIFETIME_MS });
      to.searchParams.set('code', code);
      if (r.state !== undefined) to.searchParams.set('state', r.state);
    } else {
      let t;
      try {
        t = await this.pool.issueUserTokens(user, r.client, {
          scopes: r.scopes,
          triggerSource: 'TokenGeneration_HostedAuth',
          originJti: this.pool.startSession(user, r.client),
          authTime,
          withId: r.scopes.includes('openid'),
          nonce: r.nonce,
          atHash: true,
        });
      } catch {
        return redirectError(res, r, 'server_error');
      }
      const fragment = new URLSearchParams();
      if (t.idToken) fragment.set('id_token', t.idToken);
      fragment.set('access_token', t.accessToken);
      fragment.set('token_type', 'Bearer');
      fragment.set('expires_in', String(t.expiresIn));
      if (r.state !== undefined) fragment.set('state', r.state);
      to.hash = fragment.toString();
    }
    res.writeHead(302, { location: to.toString() });
    res.end();
  }

  /** The hosted UI's sign-up form: the SignUp call, with SECRET_HASH when the client has a secret. */
  private async signUp(res: http.ServerResponse, form: URLSearchParams): Promise<void> {
    const r = this.takeForm(form);
    if (!r) return void errorPage(res, 'invalid_request', 'the sign-up session expired; open the sign-up URL again');
    const username = form.get('username') ?? '';
    try {
      await this.front.call('SignUp', {
        ClientId: r.client.clientId,
        Username: username,
        Password: form.get('password') ?? '',
        UserAttributes: [{ Name: 'email', Value: form.get('email') ?? '' }],
        ...(r.client.secrets.length ? { SecretHash: secretHash(username, r.client.clientId, r.client.secrets[0]) } : {}),
      });
    } catch (e) {
      if (!(e instanceof CognitoError)) throw e;
      return this.page(res, 200, r, 'signup', e.message);
    }
    const verified = (this.pool.properties.AutoVerifiedAttributes ?? []).length > 0;
    this.page(res, 200, r, 'login', verified ? 'We sent a code to your e-mail; confirm it, then sign in.' : 'An administrator must approve your account before you can sign in.');
  }

  private logout(req: http.IncomingMessage, res: http.ServerResponse, q: URLSearchParams): void {
    const client = this.pool.client(q.get('client_id'));
    if (!client) return void errorPage(res, 'invalid_request', 'client_id is not a client of this user pool');
    const logoutUri = q.get('logout_uri');
    const logoutUrls: string[] = Array.isArray(client.template.properties?.LogoutURLs) ? client.template.properties.LogoutURLs : [];
    let location: string;
    if (logoutUri !== null) {
      if (!logoutUrls.includes(logoutUri)) return void errorPage(res, 'invalid_request', 'logout_uri is not one of the client\'s sign-out URLs');
      location = logoutUri;
    } else if (q.get('redirect_uri') !== null) {
      const again = new URLSearchParams(q);
      location = `/login?${again.toString()}`;
    } else {
      return void errorPage(res, 'invalid_request', 'logout needs logout_uri or redirect_uri');
    }
    const cookie = cookieOf(req);
    if (cookie) this.sessions.delete(cookie);
    res.writeHead(302, { 'location': location, 'set-cookie': `${SESSION_COOKIE}=; Path=/; HttpOnly; Max-Age=0` });
    res.end();
  }

  /** The managed-login session of the request's cookie, while it lasts and its user may sign in. */
  private liveSession(req: http.IncomingMessage): { user: PoolUser; authTime: number } | undefined {
    const cookie = cookieOf(req);
    const s = cookie ? this.sessions.get(cookie) : undefined;
    if (!s || s.expires <= this.pool.now()) return undefined;
    const user = [...this.pool.users.values()].find((u) => u.sub === s.sub);
    if (!user?.enabled || user.status !== 'CONFIRMED') return undefined;
    s.expires = this.pool.now() + SESSION_LIFETIME_MS;
    return { user, authTime: s.authTime };
  }
}

async function answer(res: http.ServerResponse, f: () => Promise<void>): Promise<void> {
  try {
    await f();
  } catch (e) {
    // A pool refusal behind the endpoint (e.g. a failed trigger) is a refused request, not a crash.
    if (e instanceof CognitoError) return sendJson(res, 400, { error: 'invalid_request', error_description: e.message });
    if (!(e instanceof OAuthError)) throw e;
    sendJson(res, e.status, { error: e.error, error_description: e.message });
  }
}

function cookieOf(req: http.IncomingMessage): string | undefined {
  return String(req.headers.cookie ?? '').split(/;\s*/).map((c) => c.split('=')).find(([k]) => k === SESSION_COOKIE)?.[1] || undefined;
}

function redirectError(res: http.ServerResponse, r: Pick<AuthorizeRequest, 'redirectUri' | 'state'>, error: string): undefined {
  const to = new URL(r.redirectUri);
  to.searchParams.set('error', error);
  if (r.state !== undefined) to.searchParams.set('state', r.state);
  res.writeHead(302, { location: to.toString() });
  res.end();
  return undefined;
}

function errorPage(res: http.ServerResponse, error: string, description: string): undefined {
  res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
  res.end(`<!DOCTYPE html><html><body><h1>An error was encountered with the requested page.</h1><p id="error">${escape(error)}: ${escape(description)}</p></body></html>`);
  return undefined;
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8' });
  res.end(JSON.stringify(body));
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
