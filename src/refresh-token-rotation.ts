import { Duration } from 'aws-cdk-lib';

/**
 * Whether an app client rotates its refresh tokens: each refresh then returns a new refresh token
 * and the one it replaces stops working after a grace period.
 *
 * With rotation on, a client refreshes with `GetTokensFromRefreshToken` or the token endpoint's
 * `refresh_token` grant, never with `InitiateAuth` `REFRESH_TOKEN_AUTH`: Cognito refuses that flow
 * on a rotating client, so the client's `ALLOW_REFRESH_TOKEN_AUTH` auth flow is removed.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-refresh-token.html#using-the-refresh-token-rotation
 *
 * @example
 * import { RefreshTokenRotation } from 'cdk-secure-cognito-api';
 *
 * AppClient.web('spa', {
 *   callbackUrls: ['https://app.example.com/callback'],
 *   refreshTokenRotation: RefreshTokenRotation.enabled(Duration.seconds(30)),
 * });
 */
export class RefreshTokenRotation {
  /** How long the replaced refresh token keeps working when none is given: one retry with back-off. */
  public static readonly DEFAULT_GRACE_PERIOD = Duration.seconds(10);

  /**
   * Rotate: every refresh returns a new refresh token.
   *
   * @param retryGracePeriod how long the replaced refresh token still works, so that a client can
   * retry a refresh whose answer it lost; 0 to 60 seconds, whole seconds. Default: 10 seconds.
   * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RefreshTokenRotationType.html
   */
  public static enabled(retryGracePeriod?: Duration): RefreshTokenRotation {
    return new RefreshTokenRotation(true, retryGracePeriod ?? RefreshTokenRotation.DEFAULT_GRACE_PERIOD);
  }

  /** Do not rotate: a refresh token works until it expires, and `REFRESH_TOKEN_AUTH` is allowed. */
  public static disabled(): RefreshTokenRotation {
    return new RefreshTokenRotation(false);
  }

  /** Whether every refresh returns a new refresh token. */
  public readonly rotates: boolean;
  /** How long a replaced refresh token still works (undefined when rotation is off). */
  public readonly retryGracePeriod?: Duration;

  private constructor(rotates: boolean, retryGracePeriod?: Duration) {
    this.rotates = rotates;
    this.retryGracePeriod = retryGracePeriod;
  }
}
