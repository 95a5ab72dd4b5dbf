// Refresh tokens as Cognito hands them out, with the app client's refresh token rotation:
//  - a refresh token is opaque and bound to the client that issued it; it expires after the
//    client's RefreshTokenValidity (TokenValidityUnits.RefreshToken, default days; default 30 days);
//  - rotation off: a refresh issues new ID and access tokens only, the refresh token stays valid;
//  - rotation on (RefreshTokenRotation.Feature ENABLED): every successful refresh also issues a new
//    refresh token, valid for what remained of the original, and the submitted one stays valid
//    only for RetryGracePeriodSeconds (0-60; 0 invalidates it at once) so that a client can retry;
//  - rotation must be completed with GetTokensFromRefreshToken (or the token endpoint): such a
//    client cannot use REFRESH_TOKEN_AUTH.
// Time comes from an injected clock, so tests move past a grace period without sleeping.
// @see https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-refresh-token.html
// @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RefreshTokenRotationType.html
// @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetTokensFromRefreshToken.html
import { randomBytes } from 'crypto';

/** Milliseconds since the epoch, like Date.now. */
export type Clock = () => number;

/** The client's refresh token rotation, from the template's `RefreshTokenRotation`. */
export interface RefreshRotation {
  readonly enabled: boolean;
  /** How long a rotated-out refresh token still works (0-60 s). */
  readonly graceSeconds: number;
}

const UNIT_SECONDS: Record<string, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };

/** `RefreshTokenRotation` of an AWS::Cognito::UserPoolClient's properties; off when absent or DISABLED. */
export function rotationOf(clientProperties: Record<string, any>): RefreshRotation {
  const r = clientProperties.RefreshTokenRotation;
  if (r === undefined || r.Feature === 'DISABLED') return { enabled: false, graceSeconds: 0 };
  if (r.Feature !== 'ENABLED') {
    throw new Error(`RefreshTokenRotation.Feature must be ENABLED or DISABLED, got: ${JSON.stringify(r.Feature)}`);
  }
  const grace = r.RetryGracePeriodSeconds ?? 0;
  if (typeof grace !== 'number' || !Number.isInteger(grace) || grace < 0 || grace > 60) {
    throw new Error(`RefreshTokenRotation.RetryGracePeriodSeconds must be an integer from 0 to 60, got: ${JSON.stringify(grace)}`);
  }
  return { enabled: true, graceSeconds: grace };
}

/** RefreshTokenValidity in seconds (unit TokenValidityUnits.RefreshToken, default days; default 30 days). */
export function refreshLifetimeSeconds(clientProperties: Record<string, any>): number {
  const value = typeof clientProperties.RefreshTokenValidity === 'number' ? clientProperties.RefreshTokenValidity : 30;
  const unit = clientProperties.TokenValidityUnits?.RefreshToken ?? 'days';
  return value * (UNIT_SECONDS[unit] ?? 86400);
}

/** Why a refresh token was refused; callers answer it as their protocol does. */
export class RefreshRefused extends Error {
  constructor(readonly reason: 'unknown' | 'other-client' | 'expired' | 'rotated-out') {
    super(`refresh token refused: ${reason}`);
    this.name = 'RefreshRefused';
  }
}

interface Issued<S> {
  readonly clientId: string;
  readonly session: S;
  readonly expiresAt: number;
  /** When a refresh rotated this token out; it works until rotatedAt + grace. */
  rotatedAt?: number;
  graceMs?: number;
}

/** What a successful refresh gives back: the session to issue tokens for, and the new refresh token when rotating. */
export interface Redeemed<S> {
  readonly session: S;
  readonly refreshToken?: string;
}

/**
 * The refresh tokens one user pool issued. `S` is whatever the issuer needs to make tokens again
 * (the user, the scopes granted); the store never looks inside it.
 */
export class RefreshTokenStore<S> {
  private readonly tokens = new Map<string, Issued<S>>();

  constructor(private readonly clock: Clock = Date.now) {}

  /** A new opaque refresh token for `session`, valid `lifetimeSeconds` from now. */
  issue(clientId: string, session: S, lifetimeSeconds: number): string {
    return this.add(clientId, session, this.clock() + lifetimeSeconds * 1000);
  }

  /**
   * Redeems `token` for `clientId`. With rotation on it issues the successor (same session, same
   * expiry) and starts the submitted token's grace period, once: a retry within the grace period
   * gets a successor of its own, and the period does not start again.
   */
  redeem(token: string, clientId: string, rotation: RefreshRotation): Redeemed<S> {
    const issued = this.tokens.get(token);
    const now = this.clock();
    if (!issued) throw new RefreshRefused('unknown');
    if (issued.clientId !== clientId) throw new RefreshRefused('other-client');
    if (now >= issued.expiresAt) throw new RefreshRefused('expired');
    if (issued.rotatedAt !== undefined && now >= issued.rotatedAt + (issued.graceMs ?? 0)) {
      throw new RefreshRefused('rotated-out');
    }
    if (!rotation.enabled) return { session: issued.session };
    if (issued.rotatedAt === undefined) {
      issued.rotatedAt = now;
      issued.graceMs = rotation.graceSeconds * 1000;
    }
    return { session: issued.session, refreshToken: this.add(clientId, issued.session, issued.expiresAt) };
  }

  /** Forgets every token of `clientId` for this session (RevokeToken revokes the whole family). */
  revoke(token: string, clientId: string): boolean {
    const issued = this.tokens.get(token);
    if (!issued || issued.clientId !== clientId) return false;
    for (const [t, other] of this.tokens) if (other.session === issued.session) this.tokens.delete(t);
    return true;
  }

  private add(clientId: string, session: S, expiresAt: number): string {
    // Cognito's refresh tokens are encrypted JWTs (JWE, five segments); an opaque string is all a client may rely on.
    const token = randomBytes(96).toString('base64url');
    this.tokens.set(token, { clientId, session, expiresAt });
    return token;
  }
}

/** A Cognito JSON-protocol error: `__type` and `message`. */
export interface CognitoRefusal {
  readonly type: string;
  readonly message: string;
}

/**
 * What Cognito answers GetTokensFromRefreshToken (and REFRESH_TOKEN_AUTH) for a refresh token it
 * does not accept: unknown, another client's, expired, or rotated out past its grace period.
 * @see https://github.com/aws/aws-sdk-js-v3/issues/7162 (the message as the service sends it)
 */
export const INVALID_REFRESH_TOKEN: CognitoRefusal = { type: 'NotAuthorizedException', message: 'Invalid Refresh Token.' };

/**
 * Cognito's answer to InitiateAuth REFRESH_TOKEN_AUTH for a client that rotates refresh tokens:
 * rotation requires the flow off in the client ("you must disable this authentication flow"),
 * and Cognito refuses a flow the client does not enable as it does for every other flow.
 * Undefined when the client may use the flow.
 */
export function refreshTokenAuthRefusal(clientProperties: Record<string, any>): CognitoRefusal | undefined {
  const flows: unknown = clientProperties.ExplicitAuthFlows;
  const lacksFlow = Array.isArray(flows) && !flows.includes('ALLOW_REFRESH_TOKEN_AUTH');
  if (!rotationOf(clientProperties).enabled && !lacksFlow) return undefined;
  return { type: 'InvalidParameterException', message: 'REFRESH_TOKEN_AUTH flow not enabled for this client' };
}
