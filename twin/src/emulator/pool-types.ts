// The records of the twin's user pool (userpool.ts): clients, users, deliveries, token requests.
import type { Claims } from './tokens';
import type { TwinClient } from '../assembly/template';

/** Epoch milliseconds; tests pass their own to move time without sleeping. */
export type Clock = () => number;

/** An error of the Cognito JSON protocol (`__type` and `message`). */
export class CognitoError extends Error {
  constructor(readonly type: string, message: string, readonly status = 400) {
    super(message);
    this.name = type;
  }
}

export interface PoolClient {
  readonly clientId: string;
  readonly name: string;
  /** Every secret the client accepts (empty for a public client); the first is the one handed out. */
  readonly secrets: string[];
  readonly template: TwinClient;
}

export type UserStatus = 'UNCONFIRMED' | 'CONFIRMED' | 'FORCE_CHANGE_PASSWORD' | 'RESET_REQUIRED';

export interface PoolUser {
  username: string;
  readonly sub: string;
  readonly attributes: Record<string, string>;
  password: string;
  status: UserStatus;
  enabled: boolean;
  readonly groups: Set<string>;
  readonly created: number;
  modified: number;
  /** Epoch milliseconds a temporary password (FORCE_CHANGE_PASSWORD) stops working. */
  temporaryUntil?: number;
}

/** A code the pool "sent" (e-mail or SMS in AWS); the twin keeps it for the tests to read. */
export interface Delivery {
  readonly username: string;
  readonly code: string;
  readonly purpose: 'SignUp' | 'ForgotPassword';
}

/** One token request, as the pre-token-generation trigger sees it. */
export interface TokenRequest {
  /** e.g. TokenGeneration_Authentication, _HostedAuth, _RefreshTokens, _NewPasswordChallenge, _ClientCredentials. */
  readonly triggerSource: string;
  readonly client: PoolClient;
  /** Undefined for a machine (client_credentials) token. */
  readonly user?: PoolUser;
  readonly access: Claims;
  readonly id?: Claims;
  /** The request's ClientMetadata (GetTokensFromRefreshToken, the token endpoint's aws_client_metadata). */
  readonly clientMetadata?: Record<string, string>;
}

export interface UserTokens {
  readonly accessToken: string;
  readonly idToken?: string;
  readonly refreshToken?: string;
  /** Seconds the access token is valid for. */
  readonly expiresIn: number;
}
