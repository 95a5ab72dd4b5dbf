// The user pool domain's endpoints that apps call directly (not through a browser):
//  - POST /oauth2/token: authorization_code (the code bound to its client, redirect_uri and PKCE
//    verifier, single use, five minutes), refresh_token and client_credentials; the client
//    authenticates by HTTP Basic or form fields; errors invalid_request, invalid_client,
//    invalid_grant, unauthorized_client, invalid_scope, unsupported_grant_type
//    (https://docs.aws.amazon.com/cognito/latest/developerguide/token-endpoint.html);
//  - POST /oauth2/revoke: a refresh token and its access tokens; invalid_request,
//    unsupported_token_type, invalid_client; 200 for a token that is not the client's
//    (https://docs.aws.amazon.com/cognito/latest/developerguide/revocation-endpoint.html);
//  - GET|POST /oauth2/userInfo: the user's attributes for a live access token with `openid`
//    (https://docs.aws.amazon.com/cognito/latest/developerguide/userinfo-endpoint.html).
import { createHash } from 'crypto';
import * as http from 'http';
import { revokeRefreshToken } from './actions';
import { clientMetadataParameter } from './pre-token';
import { rotateRefreshToken, rotationOf } from './refresh-rotation';
import { CognitoError, PoolClient, PoolUser, UserPool } from './userpool';

/** An authorization code, as the authorize endpoint hands it out. */
export interface IssuedCode {
  readonly client: PoolClient;
  readonly redirectUri: string;
  readonly scopes: string[];
  readonly codeChallenge?: string;
  readonly nonce?: string;
  readonly user: PoolUser;
  readonly authTime: number;
  /** Epoch milliseconds after which the code is refused. */
  readonly expires: number;
}

/** "The response returns a one time use code that is valid for five minutes." (authorize endpoint) */
export const CODE_LIFETIME_MS = 5 * 60_000;

export class OAuthError extends Error {
  constructor(readonly error: string, message: string, readonly status = 400) {
    super(message);
  }
}

export class TokenEndpoints {
  readonly codes = new Map<string, IssuedCode>();

  constructor(private readonly pool: UserPool) {}

  async token(req: http.IncomingMessage, form: URLSearchParams): Promise<Record<string, unknown>> {
    if (!/^application\/x-www-form-urlencoded\b/i.test(String(req.headers['content-type'] ?? ''))) {
      throw new OAuthError('invalid_request', 'Content-Type must be application/x-www-form-urlencoded');
    }
    const client = this.authenticate(req, form);
    const grant = form.get('grant_type');
    if (!grant) throw new OAuthError('invalid_request', 'grant_type is missing');
    if (grant === 'client_credentials') return this.clientCredentials(client, form);
    if (grant === 'authorization_code') return this.authorizationCode(client, form);
    if (grant === 'refresh_token') return this.refresh(client, form);
    throw new OAuthError('unsupported_grant_type', `grant_type ${grant} is not supported`);
  }

  private async clientCredentials(client: PoolClient, form: URLSearchParams) {
    if (!client.template.allowedOAuthFlows.includes('client_credentials')) throw new OAuthError('unauthorized_client', 'the client is not allowed the client_credentials grant');
    const asked = (form.get('scope') ?? '').split(' ').filter(Boolean);
    // Only custom scopes (resource server scopes) exist for machines; none asked means all of the client's.
    const custom = client.template.allowedOAuthScopes.filter((s) => s.includes('/'));
    if (asked.some((s) => !custom.includes(s))) throw new OAuthError('invalid_scope', 'a requested scope is not allowed for this client');
    let metadata: Record<string, string> | undefined;
    try {
      metadata = clientMetadataParameter(form);
    } catch (e) {
      throw new OAuthError('invalid_request', (e as Error).message);
    }
    const t = await this.pool.issueMachineToken(client, asked.length ? asked : custom, metadata);
    return { access_token: t.accessToken, expires_in: t.expiresIn, token_type: 'Bearer' };
  }

  private async authorizationCode(client: PoolClient, form: URLSearchParams) {
    const code = form.get('code');
    if (!code) throw new OAuthError('invalid_request', 'code is missing');
    if (!client.template.allowedOAuthFlows.includes('code')) throw new OAuthError('unauthorized_client', 'the client is not allowed the authorization code grant');
    const issued = this.codes.get(code);
    // One attempt per code, whatever its outcome: a code that leaked is spent by the first try.
    this.codes.delete(code);
    if (!issued || issued.client.clientId !== client.clientId || issued.expires <= this.pool.now()) {
      throw new OAuthError('invalid_grant', 'the code is invalid, used or expired');
    }
    const redirectUri = form.get('redirect_uri');
    if (!redirectUri) throw new OAuthError('invalid_request', 'redirect_uri is missing');
    if (redirectUri !== issued.redirectUri) throw new OAuthError('invalid_grant', 'redirect_uri differs from the authorize request');
    if (issued.codeChallenge) {
      // A missing verifier fails the same check as a wrong one (RFC 7636 section 4.6: invalid_grant).
      const verifier = form.get('code_verifier') ?? '';
      if (createHash('sha256').update(verifier).digest('base64url') !== issued.codeChallenge) throw new OAuthError('invalid_grant', 'code_verifier does not match code_challenge');
    }
    const user = this.pool.findUser(issued.user.username);
    if (!user || user.sub !== issued.user.sub || !user.enabled) throw new OAuthError('invalid_grant', 'the user is disabled or no longer exists');
    const t = await this.pool.issueUserTokens(user, client, {
      scopes: issued.scopes,
      triggerSource: 'TokenGeneration_HostedAuth',
      originJti: this.pool.startSession(user, client),
      authTime: issued.authTime,
      withId: issued.scopes.includes('openid'),
      refresh: 'oauth',
      nonce: issued.nonce,
      atHash: true,
    });
    return { ...(t.idToken ? { id_token: t.idToken } : {}), access_token: t.accessToken, refresh_token: t.refreshToken, expires_in: t.expiresIn, token_type: 'Bearer' };
  }

  private async refresh(client: PoolClient, form: URLSearchParams) {
    const token = form.get('refresh_token');
    if (!token) throw new OAuthError('invalid_request', 'refresh_token is missing');
    // A rotating client has the flow off (rotation requires it) and refreshes here or with GetTokensFromRefreshToken.
    const rotates = rotationOf(client.template.properties).enabled;
    if (!rotates && !client.template.explicitAuthFlows.includes('ALLOW_REFRESH_TOKEN_AUTH') && client.template.explicitAuthFlows.length) {
      throw new OAuthError('unauthorized_client', 'the client is not allowed to refresh tokens');
    }
    let redeemed;
    try {
      redeemed = this.pool.redeemRefreshToken(token, client);
    } catch (e) {
      if (e instanceof CognitoError) throw new OAuthError('invalid_grant', e.message);
      throw e;
    }
    const { grant, user } = redeemed;
    const t = await this.pool.issueUserTokens(user, client, {
      scopes: grant.scopes,
      triggerSource: 'TokenGeneration_RefreshTokens',
      originJti: grant.originJti,
      authTime: grant.authTime,
      withId: grant.via === 'api' || grant.scopes.includes('openid'),
      atHash: true,
    });
    const rotated = rotateRefreshToken(this.pool, client, token, grant);
    return { ...(t.idToken ? { id_token: t.idToken } : {}), access_token: t.accessToken, ...(rotated ? { refresh_token: rotated } : {}), expires_in: t.expiresIn, token_type: 'Bearer' };
  }

  /** POST /oauth2/revoke: 200 with an empty body, or the documented error. */
  revoke(req: http.IncomingMessage, form: URLSearchParams): void {
    let client: PoolClient;
    try {
      client = this.authenticate(req, form);
    } catch (e) {
      if (e instanceof OAuthError && e.error === 'invalid_client') throw new OAuthError('invalid_client', e.message, 401);
      throw e;
    }
    if (!form.get('token')) throw new OAuthError('invalid_request', 'token is missing');
    try {
      revokeRefreshToken(this.pool, client, form.get('token'));
    } catch (e) {
      if (!(e instanceof CognitoError)) throw e;
      throw new OAuthError(e.type === 'UnsupportedTokenTypeException' ? 'unsupported_token_type' : 'invalid_request', e.message);
    }
  }

  /**
   * GET|POST /oauth2/userInfo: the attributes the token's scopes allow (openid alone: all of
   * them; with profile, email or phone: those groups), or the documented 400/401.
   */
  userInfo(req: http.IncomingMessage): { status: number; headers: Record<string, string>; body: Record<string, unknown> } {
    const bearer = String(req.headers.authorization ?? '').match(/^Bearer\s+(\S+)$/i)?.[1];
    const refuse = (status: number, error: string, description: string) => ({
      status, headers: { 'www-authenticate': `error="${error}", error_description="${description}"` }, body: { error, error_description: description },
    });
    if (!bearer) return refuse(400, 'invalid_request', 'Bad OAuth2 request at UserInfo Endpoint');
    const live = this.pool.liveAccessToken(bearer);
    const scopes = typeof live === 'string' ? [] : String(live.claims.scope ?? '').split(' ');
    if (typeof live === 'string' || !live.user || !scopes.includes('openid')) {
      return refuse(401, 'invalid_token', 'Access token is expired, disabled, or deleted, or the user has globally signed out.');
    }
    const a = live.user.attributes;
    const groups: Record<string, string[]> = {
      profile: ['name', 'family_name', 'given_name', 'middle_name', 'nickname', 'preferred_username', 'profile', 'picture', 'website', 'gender', 'birthdate', 'zoneinfo', 'locale', 'updated_at'],
      email: ['email', 'email_verified'],
      phone: ['phone_number', 'phone_number_verified'],
    };
    const chosen = Object.keys(groups).filter((g) => scopes.includes(g));
    const names = chosen.length ? ['sub', ...chosen.flatMap((g) => groups[g]), ...(chosen.includes('profile') ? Object.keys(a).filter((k) => k.startsWith('custom:')) : [])] : Object.keys(a);
    const body: Record<string, unknown> = {};
    for (const n of names) if (a[n] !== undefined) body[n] = a[n];
    body.username = live.user.username;
    return { status: 200, headers: {}, body };
  }

  /** Client authentication: HTTP Basic, or client_id (+ client_secret) in the form. */
  authenticate(req: http.IncomingMessage, form: URLSearchParams): PoolClient {
    // "Request and response parameters MUST NOT be included more than once." (RFC 6749 section 3.1)
    const repeated = [...new Set(form.keys())].find((k) => form.getAll(k).length > 1);
    if (repeated) throw new OAuthError('invalid_request', `${repeated} is given more than once`);
    let id = form.get('client_id') ?? undefined;
    let secret = form.get('client_secret') ?? undefined;
    const basic = String(req.headers.authorization ?? '').match(/^Basic\s+(.+)$/i);
    if (basic) {
      const decoded = Buffer.from(basic[1], 'base64').toString('utf-8');
      const colon = decoded.indexOf(':');
      let bid: string;
      let bsecret: string;
      try {
        [bid, bsecret] = colon < 0 ? [decoded, ''] : [decodeURIComponent(decoded.slice(0, colon)), decodeURIComponent(decoded.slice(colon + 1))];
      } catch {
        throw new OAuthError('invalid_client', 'the Authorization header is malformed');
      }
      if (id !== undefined && id !== bid) throw new OAuthError('invalid_client', 'client_id differs from the Authorization header');
      if (secret !== undefined) throw new OAuthError('invalid_request', 'client_secret given twice (Authorization header and form)');
      id = bid;
      secret = bsecret;
    }
    if (!id) throw new OAuthError('invalid_request', 'client_id is missing');
    const client = this.pool.client(id);
    if (!client) throw new OAuthError('invalid_client', 'no such client');
    if (client.secrets.length) {
      if (!secret || !this.pool.checkClientSecret(client, secret)) throw new OAuthError('invalid_client', 'client authentication failed');
    } else if (secret) {
      throw new OAuthError('invalid_client', 'the client has no secret');
    }
    return client;
  }
}
