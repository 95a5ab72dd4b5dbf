// Refresh token rotation, per app client (RefreshTokenRotation on AWS::Cognito::UserPoolClient):
//  - rotation off: a refresh issues new ID and access tokens only; the refresh token stays valid;
//  - rotation on (Feature ENABLED): every successful refresh also issues a new refresh token,
//    valid for what remained of the original, and the submitted one stays valid only for
//    RetryGracePeriodSeconds (0-60; 0 invalidates it at once) so that a client can retry;
//  - "Refresh token rotation must be completed with GetTokensFromRefreshToken" (or the token
//    endpoint's refresh_token grant): such a client cannot use REFRESH_TOKEN_AUTH, and
//    "you must disable this authentication flow in your app client".
// The refresh tokens themselves are refresh-tokens.ts's; this module decides which of them a
// rotation retired, on the pool's clock (tests move it past a grace period without sleeping),
// and answers GetTokensFromRefreshToken.
// @see https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-refresh-token.html
// @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RefreshTokenRotationType.html
// @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetTokensFromRefreshToken.html
import { CognitoError, PoolClient } from './pool-types';
import { RefreshGrant, retireRefreshToken } from './refresh-tokens';
import type { UserPool } from './userpool';

/** The client's refresh token rotation, from the template's `RefreshTokenRotation`. */
export interface RefreshRotation {
  readonly enabled: boolean;
  /** How long a rotated-out refresh token still works (0-60 s). */
  readonly graceSeconds: number;
}

/** `RefreshTokenRotation` of an AWS::Cognito::UserPoolClient's properties; off when absent or DISABLED. */
export function rotationOf(clientProperties: Record<string, any> | undefined): RefreshRotation {
  const r = clientProperties?.RefreshTokenRotation;
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

/**
 * Cognito's answer to InitiateAuth/AdminInitiateAuth REFRESH_TOKEN_AUTH for a client that rotates
 * refresh tokens (or whose ExplicitAuthFlows leave the flow out): the flow is not enabled for it,
 * refused as Cognito refuses every flow a client does not enable. Undefined when the client may use it.
 */
export function refreshTokenAuthRefusal(client: PoolClient): CognitoError | undefined {
  const flows: unknown = client.template.properties?.ExplicitAuthFlows;
  const lacksFlow = Array.isArray(flows) && !flows.includes('ALLOW_REFRESH_TOKEN_AUTH');
  if (!rotationOf(client.template.properties).enabled && !lacksFlow) return undefined;
  return new CognitoError('InvalidParameterException', 'REFRESH_TOKEN_AUTH flow not enabled for this client');
}

/**
 * After a successful refresh with `token`: when the client rotates, the new refresh token (same
 * grant, so same user, scopes, sign-in and expiry) and the start of `token`'s grace period, once:
 * a retry within the grace period gets a successor of its own and does not extend the period.
 * Undefined when the client does not rotate.
 */
export function rotateRefreshToken(pool: UserPool, client: PoolClient, token: string, grant: RefreshGrant): string | undefined {
  const rotation = rotationOf(client.template.properties);
  if (!rotation.enabled) return undefined;
  retireRefreshToken(pool, token, pool.now() + rotation.graceSeconds * 1000);
  return pool.refreshTokens.issue({ ...grant, issuedAt: pool.now() });
}

/** GetTokensFromRefreshToken: new ID and access tokens, and a new refresh token when the client rotates. */
export async function getTokensFromRefreshToken(pool: UserPool, client: PoolClient, b: any): Promise<any> {
  if (client.secrets.length) {
    if (typeof b.ClientSecret !== 'string' || b.ClientSecret === '') {
      throw new CognitoError('NotAuthorizedException', `Client ${client.clientId} is configured for secret but secret was not received`);
    }
    if (!pool.checkClientSecret(client, b.ClientSecret)) throw new CognitoError('NotAuthorizedException', `Unable to verify secret for client ${client.clientId}`);
  }
  const token = String(b.RefreshToken ?? '');
  const { grant, user } = pool.redeemRefreshToken(token, client);
  const t = await pool.issueUserTokens(user, client, {
    scopes: grant.scopes,
    triggerSource: 'TokenGeneration_RefreshTokens',
    originJti: grant.originJti,
    authTime: grant.authTime,
    withId: grant.via === 'api' || grant.scopes.includes('openid'),
    clientMetadata: stringMap(b.ClientMetadata),
  });
  const refreshToken = rotateRefreshToken(pool, client, token, grant);
  return {
    AuthenticationResult: {
      AccessToken: t.accessToken,
      ExpiresIn: t.expiresIn,
      TokenType: 'Bearer',
      ...(t.idToken ? { IdToken: t.idToken } : {}),
      ...(refreshToken ? { RefreshToken: refreshToken } : {}),
    },
  };
}

/** ClientMetadata as Cognito takes it: a map of strings, or nothing. */
function stringMap(v: unknown): Record<string, string> | undefined {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  if (Object.values(v).some((x) => typeof x !== 'string')) throw new CognitoError('InvalidParameterException', 'ClientMetadata values must be strings');
  return v as Record<string, string>;
}
