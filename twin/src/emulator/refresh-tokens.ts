// Refresh tokens as Cognito hands them out: opaque strings (Cognito's are encrypted JWTs, five
// dot-separated parts), each bound to one app client, one user (by `sub`, so a user deleted and
// created again under the same name does not inherit it) and one sign-in (its `origin_jti`).
// They expire after the client's RefreshTokenValidity and end when their sign-in is revoked
// (RevokeToken, /oauth2/revoke, GlobalSignOut, AdminUserGlobalSignOut, AdminDisableUser).
// https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-refresh-token.html
// https://docs.aws.amazon.com/cognito/latest/developerguide/token-revocation.html
//
// This class is the ONE place refresh tokens are issued and redeemed: the JSON API
// (InitiateAuth/AdminInitiateAuth REFRESH_TOKEN_AUTH) and the token endpoint (grant_type
// refresh_token) both call `issue` and `redeem`; rotation belongs here too.
import { randomBytes } from 'crypto';

/** What a refresh token stands for. */
export interface RefreshGrant {
  readonly clientId: string;
  readonly sub: string;
  readonly username: string;
  /** The scopes of the sign-in: refreshed access tokens carry the same. */
  readonly scopes: string[];
  /** The sign-in it belongs to; revoking it ends this token and the access tokens issued with it. */
  readonly originJti: string;
  /** Epoch seconds of the user's authentication (`auth_time` of every token refreshed from it). */
  readonly authTime: number;
  /** Epoch milliseconds. */
  readonly issuedAt: number;
  readonly expiresAt: number;
  /** Where it was issued: the JSON API (InitiateAuth) or the token endpoint (authorization code). */
  readonly via: 'api' | 'oauth';
}

/** Why a refresh token was refused, in Cognito's words (NotAuthorizedException messages). */
export type RefreshRefusal = 'Invalid Refresh Token' | 'Refresh Token has expired' | 'Refresh Token has been revoked';

export class RefreshRefused extends Error {
  constructor(readonly reason: RefreshRefusal) {
    super(reason);
  }
}

const JWE_HEADER = Buffer.from(JSON.stringify({ cty: 'JWT', enc: 'A256GCM', alg: 'RSA-OAEP' })).toString('base64url');

export class RefreshTokens {
  private readonly grants = new Map<string, RefreshGrant>();

  /**
   * @param now epoch milliseconds (the pool's clock)
   * @param isRevoked whether a sign-in (`origin_jti`) was revoked
   */
  constructor(private readonly now: () => number, private readonly isRevoked: (originJti: string) => boolean) {}

  /** A new opaque refresh token for `grant`. */
  issue(grant: RefreshGrant): string {
    const part = (n: number) => randomBytes(n).toString('base64url');
    const token = `${JWE_HEADER}.${part(192)}.${part(12)}.${part(300)}.${part(16)}`;
    this.grants.set(token, grant);
    return token;
  }

  /**
   * The grant behind `token` when `clientId` may use it now. A token of another client is
   * "invalid" (Cognito does not say whose it is).
   */
  redeem(token: string, clientId: string): RefreshGrant {
    const grant = this.grants.get(token);
    if (!grant || grant.clientId !== clientId) throw new RefreshRefused('Invalid Refresh Token');
    if (this.isRevoked(grant.originJti)) throw new RefreshRefused('Refresh Token has been revoked');
    if (this.now() >= grant.expiresAt) throw new RefreshRefused('Refresh Token has expired');
    return grant;
  }

  /** The grant behind `token` whatever its state, for revocation; undefined when unknown. */
  peek(token: string): RefreshGrant | undefined {
    return this.grants.get(token);
  }

  /** Forgets every token of `sub` (the user was deleted). */
  forgetUser(sub: string): void {
    for (const [token, grant] of this.grants) if (grant.sub === sub) this.grants.delete(token);
  }
}

/** Per pool: a refresh token that a rotation retired -> epoch ms until which it still works. */
const retired = new WeakMap<object, Map<string, number>>();

/**
 * Starts `token`'s grace period once: a retry within the period does not extend it. The ledger is
 * kept here, beside the store, so the pool checks it without importing the rotation rules.
 */
export function retireRefreshToken(pool: object, token: string, until: number): void {
  let ledger = retired.get(pool);
  if (!ledger) retired.set(pool, (ledger = new Map()));
  if (!ledger.has(token)) ledger.set(token, until);
}

/** Refuses a refresh token that a rotation retired and whose grace period is over ("Invalid Refresh Token"). */
export function checkNotRetired(pool: object, token: string, now: number): void {
  const until = retired.get(pool)?.get(token);
  if (until !== undefined && now >= until) throw new RefreshRefused('Invalid Refresh Token');
}
