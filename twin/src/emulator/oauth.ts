// The user pool domain's OAuth 2.0 endpoints, served by the twin because cognito-local 5.3 has
// only a bare code+PKCE form, no implicit grant, no client secret check at the token endpoint, no
// scopes in its tokens, and no client_credentials grant (its upstream PRs #462 and #471 are not
// in a release). What Cognito documents, and the twin does:
//  - /oauth2/authorize and /login: managed login's sign-in page for response_type `code` (with
//    optional PKCE, S256 only) or `token` (implicit); redirect_uri must be one of the client's
//    CallbackURLs exactly; scopes must be among the client's AllowedOAuthScopes
//    (https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html);
//  - /oauth2/token: authorization_code (PKCE verifier or client secret), refresh_token and
//    client_credentials; client authentication by HTTP Basic or by form fields; errors
//    invalid_request, invalid_client, invalid_grant, unauthorized_client, invalid_scope,
//    unsupported_grant_type (https://docs.aws.amazon.com/cognito/latest/developerguide/token-endpoint.html);
//  - machine tokens with Cognito's M2M claims: sub = client_id, token_use access, scope, iss,
//    exp, iat, jti, version, auth_time
//    (https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-access-token.html).
// Users are checked by cognito-local (AdminInitiateAuth); the tokens it issues are re-signed with
// the same key after the scopes are set to what the client was granted.
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'crypto';
import * as http from 'http';
import type { CognitoFront } from './front';
import { cognitoLocalPrivateKey, mint, signRs256 } from './tokens';
import { secretHash, Twin, TwinClientInfo } from './twin';

interface AuthorizeRequest {
  readonly client: TwinClientInfo;
  readonly responseType: 'code' | 'token';
  readonly redirectUri: string;
  readonly scopes: string[];
  readonly state?: string;
  readonly codeChallenge?: string;
}

interface IssuedCode extends AuthorizeRequest {
  readonly tokens: { access: string; id: string; refresh: string };
  readonly expires: number;
}

class OAuthError extends Error {
  constructor(readonly error: string, message: string, readonly status = 400) {
    super(message);
  }
}

const CODE_LIFETIME_MS = 5 * 60_000;

export class HostedUi {
  private readonly sessions = new Map<string, AuthorizeRequest>();
  private readonly codes = new Map<string, IssuedCode>();
  private readonly refreshTokens = new Map<string, { client: TwinClientInfo; scopes: string[]; cognitoRefresh: string }>();

  constructor(private readonly twin: Twin, private readonly front: CognitoFront) {}

  /** Serves the hosted-UI paths; false when `url` is not one of them. */
  async handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL, body: Buffer): Promise<boolean> {
    const form = new URLSearchParams(body.toString('utf-8'));
    if (req.method === 'GET' && (url.pathname === '/oauth2/authorize' || url.pathname === '/login' || url.pathname === '/signup')) {
      const request = this.authorizeRequest(url.searchParams, res);
      if (request) this.page(res, 200, request, url.pathname === '/signup' ? 'signup' : 'login');
      return true;
    }
    if (req.method === 'POST' && url.pathname === '/login') {
      await this.login(res, form);
      return true;
    }
    if (req.method === 'POST' && url.pathname === '/signup') {
      await this.signUp(res, form);
      return true;
    }
    if (req.method === 'POST' && url.pathname === '/oauth2/token') {
      try {
        sendJson(res, 200, await this.token(req, form));
      } catch (e) {
        if (!(e instanceof OAuthError)) throw e;
        sendJson(res, e.status, { error: e.error, error_description: e.message });
      }
      return true;
    }
    return false;
  }

  /** Validates an authorize request; answers the error itself (page or redirect) and returns undefined. */
  private authorizeRequest(q: URLSearchParams, res: http.ServerResponse): AuthorizeRequest | undefined {
    const client = this.twin.clients.find((c) => c.clientId === q.get('client_id'));
    const redirectUri = q.get('redirect_uri') ?? '';
    if (!client) return errorPage(res, 'invalid_request', 'client_id is not a client of this user pool');
    if (!client.template.callbackUrls.includes(redirectUri)) return errorPage(res, 'redirect_mismatch', 'redirect_uri is not one of the client\'s callback URLs');
    const state = q.get('state') ?? undefined;
    const fail = (error: string) => {
      const to = new URL(redirectUri);
      to.searchParams.set('error', error);
      if (state) to.searchParams.set('state', state);
      res.writeHead(302, { location: to.toString() });
      res.end();
      return undefined;
    };
    const responseType = q.get('response_type');
    if (responseType !== 'code' && responseType !== 'token') return fail('unsupported_response_type');
    if (!client.template.allowedOAuthFlows.includes(responseType === 'code' ? 'code' : 'implicit')) return fail('unauthorized_client');
    const asked = (q.get('scope') ?? '').split(/[ +]/).filter(Boolean);
    if (asked.some((s) => !client.template.allowedOAuthScopes.includes(s))) return fail('invalid_scope');
    const codeChallenge = q.get('code_challenge') ?? undefined;
    if (codeChallenge && q.get('code_challenge_method') !== 'S256') return fail('invalid_request');
    return { client, responseType, redirectUri, scopes: asked.length ? asked : client.template.allowedOAuthScopes, state, codeChallenge };
  }

  private page(res: http.ServerResponse, status: number, r: AuthorizeRequest, kind: 'login' | 'signup', message = ''): void {
    const session = randomUUID();
    this.sessions.set(session, r);
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
${message ? `<p class="m" id="message">${escape(message)}</p>` : ''}<input type="hidden" name="session" value="${session}">
<label>Username <input name="username" autocomplete="username"></label>${email}
<label>Password <input name="password" type="password" autocomplete="current-password"></label>
<button type="submit" name="signInSubmitButton">${title}</button></form></body></html>`);
  }

  private async login(res: http.ServerResponse, form: URLSearchParams): Promise<void> {
    const r = this.sessions.get(form.get('session') ?? '');
    if (!r) return void errorPage(res, 'invalid_request', 'the sign-in session expired; open the sign-in URL again');
    this.sessions.delete(form.get('session')!);
    let issued: { access: string; id: string; refresh: string };
    try {
      issued = await this.userTokens(r.client, form.get('username') ?? '', form.get('password') ?? '', r.scopes);
    } catch (e) {
      const type = (e as any).type;
      const message = type === 'UserNotConfirmedException' ? 'User is not confirmed.' : 'Incorrect username or password.';
      return this.page(res, 200, r, 'login', message);
    }
    const to = new URL(r.redirectUri);
    if (r.responseType === 'code') {
      const code = randomUUID();
      this.codes.set(code, { ...r, tokens: issued, expires: Date.now() + CODE_LIFETIME_MS });
      to.searchParams.set('code', code);
      if (r.state) to.searchParams.set('state', r.state);
    } else {
      // Implicit: tokens in the fragment, never a refresh token; an ID token only with openid.
      const fragment = new URLSearchParams();
      if (r.scopes.includes('openid')) fragment.set('id_token', issued.id);
      fragment.set('access_token', issued.access);
      fragment.set('token_type', 'Bearer');
      fragment.set('expires_in', String(this.accessLifetime(r.client)));
      if (r.state) fragment.set('state', r.state);
      to.hash = fragment.toString();
    }
    res.writeHead(302, { location: to.toString() });
    res.end();
  }

  /** The hosted UI's sign-up form: the SignUp call, with SECRET_HASH when the client has a secret. */
  private async signUp(res: http.ServerResponse, form: URLSearchParams): Promise<void> {
    const r = this.sessions.get(form.get('session') ?? '');
    if (!r) return void errorPage(res, 'invalid_request', 'the sign-up session expired; open the sign-up URL again');
    const username = form.get('username') ?? '';
    try {
      await this.front.call('SignUp', {
        ClientId: r.client.clientId,
        Username: username,
        Password: form.get('password') ?? '',
        UserAttributes: [{ Name: 'email', Value: form.get('email') ?? '' }],
        ...(r.client.clientSecret ? { SecretHash: secretHash(username, r.client.clientId, r.client.clientSecret) } : {}),
      });
    } catch (e) {
      return this.page(res, 200, r, 'signup', (e as Error).message.replace(/^[^:]+: \d+ [^:]+: /, ''));
    }
    const verified = (this.twin.model.userPool.properties.AutoVerifiedAttributes ?? []).length > 0;
    this.page(res, 200, r, 'login', verified ? 'We sent a code to your e-mail; confirm it, then sign in.' : 'An administrator must approve your account before you can sign in.');
  }

  private async token(req: http.IncomingMessage, form: URLSearchParams): Promise<Record<string, unknown>> {
    const client = this.authenticate(req, form);
    const grant = form.get('grant_type');
    if (grant === 'client_credentials') {
      if (!client.template.allowedOAuthFlows.includes('client_credentials')) throw new OAuthError('unauthorized_client', 'the client is not allowed the client_credentials grant');
      const asked = (form.get('scope') ?? '').split(' ').filter(Boolean);
      if (asked.some((s) => !client.template.allowedOAuthScopes.includes(s))) throw new OAuthError('invalid_scope', 'a requested scope is not allowed for this client');
      const scopes = asked.length ? asked : client.template.allowedOAuthScopes;
      const lifetime = this.accessLifetime(client);
      return { access_token: this.machineToken(client, scopes, lifetime), expires_in: lifetime, token_type: 'Bearer' };
    }
    if (grant === 'authorization_code') {
      const issued = this.codes.get(form.get('code') ?? '');
      this.codes.delete(form.get('code') ?? '');
      if (!issued || issued.expires < Date.now() || issued.client.clientId !== client.clientId) throw new OAuthError('invalid_grant', 'the code is invalid, used or expired');
      if (issued.redirectUri !== form.get('redirect_uri')) throw new OAuthError('invalid_grant', 'redirect_uri differs from the authorize request');
      if (issued.codeChallenge) {
        const verifier = form.get('code_verifier') ?? '';
        const computed = createHash('sha256').update(verifier).digest('base64url');
        if (!verifier || computed !== issued.codeChallenge) throw new OAuthError('invalid_grant', 'code_verifier does not match code_challenge');
      }
      const refresh = randomBytes(48).toString('base64url');
      this.refreshTokens.set(refresh, { client, scopes: issued.scopes, cognitoRefresh: issued.tokens.refresh });
      return { id_token: issued.tokens.id, access_token: issued.tokens.access, refresh_token: refresh, expires_in: this.accessLifetime(client), token_type: 'Bearer' };
    }
    if (grant === 'refresh_token') {
      const known = this.refreshTokens.get(form.get('refresh_token') ?? '');
      if (!known || known.client.clientId !== client.clientId) throw new OAuthError('invalid_grant', 'the refresh token is invalid');
      const result = await this.twin.cognito!.rpc('AdminInitiateAuth', {
        UserPoolId: this.twin.poolId, ClientId: client.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: known.cognitoRefresh },
      });
      const a = result.AuthenticationResult;
      const access = await this.twin.preTokenGeneration(this.scoped(a.AccessToken, known.scopes), client.clientId, 'TokenGeneration_RefreshTokens');
      return { id_token: a.IdToken, access_token: access, expires_in: this.accessLifetime(client), token_type: 'Bearer' };
    }
    throw new OAuthError('unsupported_grant_type', `grant_type ${grant ?? '(none)'} is not supported`);
  }

  /** Client authentication: HTTP Basic, or client_id (+ client_secret) in the form. */
  private authenticate(req: http.IncomingMessage, form: URLSearchParams): TwinClientInfo {
    let id = form.get('client_id') ?? undefined;
    let secret = form.get('client_secret') ?? undefined;
    const basic = String(req.headers.authorization ?? '').match(/^Basic\s+(.+)$/i);
    if (basic) {
      const decoded = Buffer.from(basic[1], 'base64').toString('utf-8');
      const colon = decoded.indexOf(':');
      const [bid, bsecret] = colon < 0 ? [decoded, ''] : [decodeURIComponent(decoded.slice(0, colon)), decodeURIComponent(decoded.slice(colon + 1))];
      if (id !== undefined && id !== bid) throw new OAuthError('invalid_client', 'client_id differs from the Authorization header');
      id = bid;
      secret = bsecret;
    }
    if (!id) throw new OAuthError('invalid_request', 'client_id is missing');
    const client = this.twin.clients.find((c) => c.clientId === id);
    if (!client) throw new OAuthError('invalid_client', 'no such client');
    if (client.clientSecret) {
      if (!secret || !sameText(secret, client.clientSecret)) throw new OAuthError('invalid_client', 'client authentication failed');
    } else if (secret) {
      throw new OAuthError('invalid_client', 'the client has no secret');
    }
    return client;
  }

  private async userTokens(client: TwinClientInfo, username: string, password: string, scopes: string[]) {
    const result = await this.twin.cognito!.rpc('AdminInitiateAuth', {
      UserPoolId: this.twin.poolId, ClientId: client.clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: password },
    });
    const a = result.AuthenticationResult;
    const access = await this.twin.preTokenGeneration(this.scoped(a.AccessToken, scopes), client.clientId, 'TokenGeneration_HostedAuth');
    return { access, id: a.IdToken as string, refresh: a.RefreshToken as string };
  }

  /** cognito-local's access token with the granted scopes (it always writes aws.cognito.signin.user.admin). */
  private scoped(accessToken: string, scopes: string[]): string {
    return mint(accessToken, { scope: scopes.join(' ') });
  }

  private machineToken(client: TwinClientInfo, scopes: string[], lifetime: number): string {
    const now = Math.floor(Date.now() / 1000);
    return signRs256({ kid: 'CognitoLocal' }, {
      sub: client.clientId,
      token_use: 'access',
      scope: scopes.join(' '),
      auth_time: now,
      iss: this.twin.issuer,
      exp: now + lifetime,
      iat: now,
      version: 2,
      jti: randomUUID(),
      client_id: client.clientId,
    }, cognitoLocalPrivateKey());
  }

  /** AccessTokenValidity in seconds (CloudFormation's default unit is hours; default 1 hour). */
  accessLifetime(client: TwinClientInfo): number {
    const p = client.template.properties;
    const value = typeof p.AccessTokenValidity === 'number' ? p.AccessTokenValidity : 1;
    const unit = p.TokenValidityUnits?.AccessToken ?? 'hours';
    return value * ({ seconds: 1, minutes: 60, hours: 3600, days: 86400 } as Record<string, number>)[unit];
  }
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
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
