import { Token } from 'aws-cdk-lib';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import { CfnUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { check } from './validate';
import { AppClient, AppClientKind } from '../app-client';

/** The retry grace period Cognito accepts, in seconds. */
export const MAX_ROTATION_GRACE_SECONDS = 60;

/**
 * Whether a client kind receives refresh tokens: the code-grant clients and the InitiateAuth
 * (script) clients do; the implicit grant and client credentials never issue one.
 */
export function issuesRefreshTokens(kind: AppClientKind): boolean {
  return kind === AppClientKind.WEB || kind === AppClientKind.CONFIDENTIAL_WEB || kind === AppClientKind.PASSWORD_AUTH;
}

/** Refuses a rotation Cognito would refuse or that could never apply. */
export function validateRefreshTokenRotation(clients: AppClient[]): void {
  for (const client of clients) {
    const rotation = client.refreshTokenRotation;
    if (!rotation.rotates) continue;
    const prop = `clients[${client.name}].refreshTokenRotation`;
    check(issuesRefreshTokens(client.kind), prop,
      'must not be enabled on an implicit client: the implicit grant issues no refresh token', 'enabled');
    const grace = rotation.retryGracePeriod;
    if (grace === undefined || Token.isUnresolved(grace.toMilliseconds())) continue;
    const ms = grace.toMilliseconds();
    check(ms >= 0 && ms <= MAX_ROTATION_GRACE_SECONDS * 1000 && ms % 1000 === 0, prop,
      `grace period must be a whole number of seconds from 0 to ${MAX_ROTATION_GRACE_SECONDS}`, grace);
  }
}

/**
 * The L2 option that turns rotation on: it writes `RefreshTokenRotation` ENABLED and drops
 * ALLOW_REFRESH_TOKEN_AUTH from the client's auth flows, as Cognito requires.
 */
export function rotationClientProps(spec: AppClient): Pick<cognito.UserPoolClientProps, 'refreshTokenRotationGracePeriod'> {
  return spec.refreshTokenRotation.rotates ? { refreshTokenRotationGracePeriod: spec.refreshTokenRotation.retryGracePeriod } : {};
}

/**
 * Writes DISABLED explicitly on a client that receives refresh tokens and does not rotate them,
 * so that the template says what the client does rather than inheriting Cognito's default.
 */
export function writeRotationDisabled(client: cognito.UserPoolClient, spec: AppClient): void {
  if (spec.refreshTokenRotation.rotates || !issuesRefreshTokens(spec.kind)) return;
  (client.node.defaultChild as CfnUserPoolClient).refreshTokenRotation = { feature: 'DISABLED' };
}
