// The twin's Cognito user pool (decision 060): users, groups and app clients made from the
// template, kept in memory, and the tokens Cognito issues for them. The JSON actions live in
// actions.ts, the domain's OAuth endpoints in oauth.ts; both go through the few methods here that
// decide what a token says and whether a sign-in, a refresh or a revoked token still counts:
//  - `issuer` (the `iss` of every token of the pool),
//  - `checkClientSecret` and `checkSecretHash` (a client may have several secrets),
//  - `refreshTokens`, issued by `issueUserTokens` and redeemed by `redeemRefreshToken` (refresh-tokens.ts),
//  - `preTokenGeneration` (the pool's trigger, for a token request of any kind).
// Token claims: https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-access-token.html
// and https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-id-token.html
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'crypto';
import { Clock, CognitoError, Delivery, PoolClient, PoolUser, TokenRequest, UserStatus, UserTokens } from './pool-types';
import { PreTokenTrigger, preTokenClaims, withEnvironment } from './pre-token';
import { checkNotRetired, RefreshGrant, RefreshRefused, RefreshTokens } from './refresh-tokens';
import { passwordProblems, secretHash, validitySeconds } from './rules';
import { Claims, signWithTwinKey, twinSigningKey, verifiedClaims } from './tokens';
import { poolIssuerType, twinIssuerPath } from '../assembly/issuer';
import { renderValue, TwinClient } from '../assembly/template';

export * from './pool-types';

export const ADMIN_SCOPE = 'aws.cognito.signin.user.admin';

export class UserPool {
  readonly users = new Map<string, PoolUser>();
  readonly groups = new Set<string>();
  readonly clients: PoolClient[] = [];
  readonly deliveries: Delivery[] = [];
  readonly refreshTokens: RefreshTokens;
  /** Sign-ins by `origin_jti`: revoking one ends its refresh token and access tokens (for Cognito's own APIs). */
  private readonly origins = new Map<string, { sub: string; clientId: string; revoked: boolean }>();
  /** Where the pool's endpoint listens; set once it does. */
  baseUrl = 'http://127.0.0.1';

  constructor(readonly id: string, readonly properties: Record<string, any>, readonly now: Clock = Date.now,
    readonly trigger?: PreTokenTrigger) {
    this.refreshTokens = new RefreshTokens(this.now, (o) => this.origins.get(o)?.revoked !== false);
  }

  /**
   * The `iss` of the pool's tokens: the twin's stand-in for the issuer the template chooses,
   * https://cognito-idp.<region>.amazonaws.com/<pool id> or (IssuerConfiguration UPDATED)
   * https://issuer-cognito-idp.<region>.amazonaws.com/<pool id>.
   */
  get issuer(): string {
    return `${this.baseUrl}${twinIssuerPath(poolIssuerType(this.properties), this.id)}`;
  }

  jwks(): { keys: Array<Record<string, string>> } {
    return { keys: [twinSigningKey().jwk] };
  }

  addClient(name: string, template: TwinClient, secrets: string[] = template.generateSecret ? [randomBytes(39).toString('base64url').slice(0, 52)] : []): PoolClient {
    const client: PoolClient = { clientId: randomId(26), name, secrets, template };
    this.clients.push(client);
    return client;
  }

  client(clientId: unknown): PoolClient | undefined {
    return typeof clientId === 'string' ? this.clients.find((c) => c.clientId === clientId) : undefined;
  }

  /**
   * Whether `presented` is one of the client's secrets (constant-time per secret). With
   * `checkSecretHash`, the only places a client secret is compared: the token and revoke
   * endpoints, RevokeToken and every SECRET_HASH go through these two.
   */
  checkClientSecret(client: PoolClient, presented: string | undefined): boolean {
    if (presented === undefined) return false;
    const p = Buffer.from(presented);
    return client.secrets.some((s) => {
      const b = Buffer.from(s);
      return b.length === p.length && timingSafeEqual(b, p);
    });
  }

  /**
   * Refuses a missing or wrong SECRET_HASH for a client with secrets, with Cognito's messages; a
   * hash made with any of the client's secrets over any of `usernames` passes.
   * https://docs.aws.amazon.com/cognito/latest/developerguide/signing-up-users-in-your-app.html#cognito-user-pools-computing-secret-hash
   */
  checkSecretHash(client: PoolClient, usernames: unknown, hash: unknown): void {
    if (!client.secrets.length) return;
    if (typeof hash !== 'string' || hash === '') {
      throw new CognitoError('NotAuthorizedException', `Client ${client.clientId} is configured for secret but secret was not received`);
    }
    const names = (Array.isArray(usernames) ? usernames : [usernames]).filter((n): n is string => typeof n === 'string');
    if (!names.some((n) => client.secrets.some((s) => secretHash(n, client.clientId, s) === hash))) {
      throw new CognitoError('NotAuthorizedException', `Unable to verify secret hash for client ${client.clientId}`);
    }
  }

  /** The user by username, or by a verified e-mail alias / e-mail username, as the pool's sign-in settings allow. */
  findUser(name: unknown): PoolUser | undefined {
    if (typeof name !== 'string' || name === '') return undefined;
    const exact = this.users.get(this.key(name));
    if (exact) return exact;
    const aliases: string[] = [...(this.properties.AliasAttributes ?? []), ...(this.properties.UsernameAttributes ?? [])];
    const attr = aliases.includes('email') && name.includes('@') ? 'email' : aliases.includes('phone_number') && name.startsWith('+') ? 'phone_number' : undefined;
    if (!attr) return undefined;
    return [...this.users.values()].find((u) => u.attributes[attr]?.toLowerCase() === name.toLowerCase()
      && (u.attributes[`${attr}_verified`] === 'true' || (this.properties.UsernameAttributes ?? []).includes(attr)));
  }

  /** The user or Cognito's UserNotFoundException. */
  requireUser(name: unknown): PoolUser {
    const user = this.findUser(name);
    if (!user) throw new CognitoError('UserNotFoundException', 'User does not exist.');
    return user;
  }

  createUser(username: string, password: string, attributes: Record<string, string>, status: UserStatus): PoolUser {
    const byAttribute = (this.properties.UsernameAttributes ?? []) as string[];
    let name = username;
    const attrs = { ...attributes };
    if (byAttribute.length) {
      // Pools that sign in with an e-mail or phone number as the username store a UUID as the username.
      const attr = username.includes('@') ? 'email' : 'phone_number';
      if (!byAttribute.includes(attr)) throw new CognitoError('InvalidParameterException', `Username should be ${byAttribute.map((a) => (a === 'email' ? 'an email' : 'a phone number')).join(' or ')}.`);
      attrs[attr] = username;
      name = randomUUID();
    }
    if (this.findUser(name) || (byAttribute.length && this.findUser(username))) throw new CognitoError('UsernameExistsException', 'User account already exists');
    const sub = byAttribute.length ? name : randomUUID();
    const now = this.now();
    const user: PoolUser = {
      username: name, sub, attributes: { ...attrs, sub }, password, status, enabled: true, groups: new Set(), created: now, modified: now,
    };
    this.users.set(this.key(name), user);
    return user;
  }

  /**
   * Gives the user a temporary password: FORCE_CHANGE_PASSWORD until they set their own, valid
   * for the pool's TemporaryPasswordValidityDays (default 7).
   * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_PasswordPolicyType.html
   */
  setTemporaryPassword(user: PoolUser, password: string): void {
    const days = this.properties.Policies?.PasswordPolicy?.TemporaryPasswordValidityDays ?? 7;
    user.password = password;
    user.status = 'FORCE_CHANGE_PASSWORD';
    user.temporaryUntil = this.now() + days * 86400_000;
    user.modified = this.now();
  }

  deleteUser(user: PoolUser): void {
    this.revokeUser(user);
    this.refreshTokens.forgetUser(user.sub);
    this.users.delete(this.key(user.username));
  }

  /** The template's PasswordPolicy, with Cognito's exception. */
  checkPassword(password: unknown): string {
    const problems = passwordProblems(String(password ?? ''), this.properties.Policies?.PasswordPolicy);
    if (problems.length) throw new CognitoError('InvalidPasswordException', `Password did not conform with policy: ${problems.join(', ')}`);
    return String(password);
  }

  /**
   * A password sign-in, with Cognito's answers: unknown user and wrong password alike when the
   * client prevents user-existence errors; disabled; not confirmed. Returns the user; the caller
   * handles FORCE_CHANGE_PASSWORD (a challenge, not tokens).
   */
  authenticate(client: PoolClient, username: unknown, password: unknown): PoolUser {
    const user = this.findUser(username);
    const hide = client.template.properties?.PreventUserExistenceErrors !== 'LEGACY';
    if (!user) {
      throw hide ? new CognitoError('NotAuthorizedException', 'Incorrect username or password.') : new CognitoError('UserNotFoundException', 'User does not exist.');
    }
    if (!user.enabled) throw new CognitoError('NotAuthorizedException', 'User is disabled.');
    if (typeof password !== 'string' || !sameText(password, user.password)) throw new CognitoError('NotAuthorizedException', 'Incorrect username or password.');
    if (user.status === 'UNCONFIRMED') throw new CognitoError('UserNotConfirmedException', 'User is not confirmed.');
    if (user.status === 'FORCE_CHANGE_PASSWORD' && user.temporaryUntil !== undefined && this.now() >= user.temporaryUntil) {
      throw new CognitoError('NotAuthorizedException', 'Temporary password has expired and must be reset by an administrator.');
    }
    if (user.status === 'RESET_REQUIRED') throw new CognitoError('PasswordResetRequiredException', 'Password reset required for the user');
    return user;
  }

  /**
   * The grant and user behind a refresh token `client` presents, or NotAuthorizedException with
   * Cognito's message (invalid, expired, revoked, user disabled).
   */
  redeemRefreshToken(token: unknown, client: PoolClient): { grant: RefreshGrant; user: PoolUser } {
    const known = this.refreshTokens.peek(String(token ?? ''));
    if (known?.clientId === client.clientId && [...this.users.values()].some((u) => u.sub === known.sub && !u.enabled)) {
      throw new CognitoError('NotAuthorizedException', 'User is disabled.');
    }
    let grant: RefreshGrant;
    try {
      grant = this.refreshTokens.redeem(String(token ?? ''), client.clientId);
      checkNotRetired(this, String(token), this.now());
    } catch (e) {
      if (e instanceof RefreshRefused) throw new CognitoError('NotAuthorizedException', e.reason);
      throw e;
    }
    const user = [...this.users.values()].find((u) => u.sub === grant.sub);
    if (!user) throw new CognitoError('NotAuthorizedException', 'Invalid Refresh Token');
    if (!user.enabled) throw new CognitoError('NotAuthorizedException', 'User is disabled.');
    return { grant, user };
  }

  /** A new sign-in of `user` at `client`: its origin_jti. */
  startSession(user: PoolUser, client: PoolClient): string {
    const originJti = randomUUID();
    this.origins.set(originJti, { sub: user.sub, clientId: client.clientId, revoked: false });
    return originJti;
  }

  revokeOrigin(originJti: string): void {
    const o = this.origins.get(originJti);
    if (o) o.revoked = true;
  }

  /** Global sign-out (and what disabling or deleting a user does): every sign-in of the user ends. */
  revokeUser(user: PoolUser): void {
    for (const o of this.origins.values()) if (o.sub === user.sub) o.revoked = true;
  }

  /**
   * The tokens of one sign-in or refresh. `scopes` go into the access token; the ID token is
   * issued when `withId` (the JSON API always, the OAuth endpoints with `openid`); a refresh token
   * when `refresh` says where it is issued (never for a refresh itself, never for implicit).
   * `atHash`: the domain's ID tokens carry the OpenID Connect `at_hash` of their access token.
   */
  async issueUserTokens(user: PoolUser, client: PoolClient, opts: {
    scopes: string[];
    triggerSource: string;
    originJti: string;
    authTime: number;
    withId: boolean;
    refresh?: 'api' | 'oauth';
    nonce?: string;
    atHash?: boolean;
    clientMetadata?: Record<string, string>;
  }): Promise<UserTokens> {
    const now = Math.floor(this.now() / 1000);
    const accessLife = validitySeconds(client.template, 'access');
    const eventId = randomUUID();
    const groups = [...user.groups];
    const access: Claims = {
      sub: user.sub,
      ...(groups.length ? { 'cognito:groups': groups } : {}),
      iss: this.issuer,
      client_id: client.clientId,
      origin_jti: opts.originJti,
      event_id: eventId,
      token_use: 'access',
      scope: opts.scopes.join(' '),
      auth_time: opts.authTime,
      exp: now + accessLife,
      iat: now,
      jti: randomUUID(),
      username: user.username,
      version: 2,
    };
    const id: Claims | undefined = opts.withId ? {
      ...idAttributes(user.attributes),
      ...(groups.length ? { 'cognito:groups': groups } : {}),
      'iss': this.issuer,
      'cognito:username': user.username,
      ...(opts.nonce !== undefined ? { nonce: opts.nonce } : {}),
      'origin_jti': opts.originJti,
      'aud': client.clientId,
      'event_id': eventId,
      'token_use': 'id',
      'auth_time': opts.authTime,
      'exp': now + validitySeconds(client.template, 'id'),
      'iat': now,
      'jti': randomUUID(),
    } : undefined;
    const { clientMetadata } = opts;
    const claims = await this.preTokenGeneration({ triggerSource: opts.triggerSource, client, user, access, id, clientMetadata });
    const refreshToken = opts.refresh ? this.refreshTokens.issue({
      clientId: client.clientId,
      sub: user.sub,
      username: user.username,
      scopes: opts.scopes,
      originJti: opts.originJti,
      authTime: opts.authTime,
      issuedAt: this.now(),
      expiresAt: this.now() + validitySeconds(client.template, 'refresh') * 1000,
      via: opts.refresh,
    }) : undefined;
    const accessToken = signWithTwinKey(claims.access);
    // at_hash: base64url of the left half of SHA-256 over the access token (OpenID Connect Core 3.1.3.6).
    const atHash = opts.atHash ? { at_hash: createHash('sha256').update(accessToken).digest().subarray(0, 16).toString('base64url') } : {};
    return {
      accessToken,
      ...(claims.id ? { idToken: signWithTwinKey({ ...atHash, ...claims.id }) } : {}),
      ...(refreshToken ? { refreshToken } : {}),
      expiresIn: accessLife,
    };
  }

  /** A client_credentials access token with Cognito's M2M claims. */
  async issueMachineToken(client: PoolClient, scopes: string[], clientMetadata?: Record<string, string>): Promise<UserTokens> {
    const now = Math.floor(this.now() / 1000);
    const life = validitySeconds(client.template, 'access');
    const access: Claims = {
      sub: client.clientId,
      token_use: 'access',
      scope: scopes.join(' '),
      auth_time: now,
      iss: this.issuer,
      exp: now + life,
      iat: now,
      version: 2,
      jti: randomUUID(),
      client_id: client.clientId,
    };
    const claims = await this.preTokenGeneration({ triggerSource: 'TokenGeneration_ClientCredentials', client, access, clientMetadata });
    return { accessToken: signWithTwinKey(claims.access), expiresIn: life };
  }

  /**
   * The pool's pre-token-generation trigger for any token request (pre-token.ts): V2_0 for user
   * tokens, V3_0 for user and machine tokens; its environment rendered with this pool's client ids.
   * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html
   */
  async preTokenGeneration(req: TokenRequest): Promise<{ access: Claims; id?: Claims }> {
    const refs = Object.fromEntries(this.clients.map((c) => [c.template.logicalId, c.clientId]));
    const trigger = this.trigger && withEnvironment(this.trigger, (v) => renderValue(v, refs));
    const user = req.user && { username: req.user.username, groups: [...req.user.groups], attributes: { ...req.user.attributes } };
    const { triggerSource, access, id, clientMetadata } = req;
    return preTokenClaims(trigger, { userPoolId: this.id, clientId: req.client.clientId, triggerSource, access, id, clientMetadata, user })
      .catch((e: Error) => {
        // What Cognito answers when a trigger fails: no tokens.
        throw new CognitoError('UserLambdaValidationException', `PreTokenGeneration failed with error ${e.message}.`);
      });
  }

  /**
   * The claims of an access token Cognito's own APIs (GetUser, GlobalSignOut, /oauth2/userInfo)
   * still accept: signed by the pool, unexpired, of this pool, its sign-in not revoked, its user
   * there and enabled. API Gateway does not ask: it checks signature, issuer, audience and expiry.
   */
  liveAccessToken(token: unknown): { claims: Claims; user?: PoolUser } | string {
    const claims = typeof token === 'string' ? verifiedClaims(token) : undefined;
    if (!claims || claims.token_use !== 'access' || claims.iss !== this.issuer) return 'Invalid Access Token';
    if (Number(claims.exp) * 1000 <= this.now()) return 'Access Token has expired';
    if (claims.origin_jti === undefined) return { claims };
    if (this.origins.get(String(claims.origin_jti))?.revoked !== false) return 'Access Token has been revoked';
    const user = [...this.users.values()].find((u) => u.sub === claims.sub);
    if (!user) return 'User does not exist.';
    if (!user.enabled) return 'User is disabled.';
    return { claims, user };
  }

  private key(name: string): string {
    return this.properties.UsernameConfiguration?.CaseSensitive === false ? name.toLowerCase() : name;
  }
}

/** The user's attributes as ID token claims (`*_verified` as booleans, as Cognito writes them). */
function idAttributes(attributes: Record<string, string>): Claims {
  const out: Claims = {};
  for (const [k, v] of Object.entries(attributes)) out[k] = /_verified$/.test(k) ? v === 'true' : v;
  return out;
}

export function randomId(length: number, alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'): string {
  return [...randomBytes(length)].map((b) => alphabet[b % alphabet.length]).join('');
}

export function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
