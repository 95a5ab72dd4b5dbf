import type * as cognito from 'aws-cdk-lib/aws-cognito';

/**
 * Choice-based sign-in: the first factors users may choose besides their password. Any of them
 * turns on the `USER_AUTH` flow (`ALLOW_USER_AUTH`) on the hosted-UI clients, so that managed
 * login offers the choice. The password stays a first factor (Cognito's CDK L2 refuses a pool
 * without it), so each client still offers the pool's own sign-in.
 *
 * Needs the Essentials or Plus feature plan (the construct refuses LITE).
 *
 * Every setting here can be changed on a deployed pool without replacing it
 * (`Policies.SignInPolicy`, `WebAuthnRelyingPartyID` and `WebAuthnUserVerification` update with
 * no interruption), but changing the relying party makes every registered passkey unusable.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flows-selection-sdk.html#authentication-flows-selection-choice
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-cognito-userpool-signinpolicy.html
 */
export interface SignInOptions {
  /**
   * Whether users may sign in with a passkey (WebAuthn: a platform authenticator or a security
   * key), `WEB_AUTHN` in `AllowedFirstAuthFactors`. Users register a passkey after a first sign-in
   * in managed login. No extra cost.
   *
   * @default false
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-authentication-flow-methods.html#amazon-cognito-user-pools-authentication-flow-methods-passkey
   */
  readonly passkeys?: boolean;

  /**
   * The passkey relying party: the domain that passkeys are bound to. With managed login (a
   * hosted-UI client) Cognito requires the hosted UI's domain itself: the fully qualified custom
   * domain, or the prefix domain `<prefix>.auth.<region>.amazoncognito.com`. Without a hosted-UI
   * client, your own app's domain. At most 63 characters (CloudFormation's limit), which a prefix
   * domain meets only with a prefix of about 30 characters or fewer: the default prefix is too
   * long, so passkeys need `authDomain` (a short prefix or a custom domain). Changing it after
   * users registered passkeys makes those passkeys unusable.
   *
   * @default - the hosted UI's domain
   * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_WebAuthnConfigurationType.html
   */
  readonly passkeyRelyingPartyId?: string;

  /**
   * Whether a passkey must verify its user (biometrics or a PIN), `WebAuthnUserVerification`.
   * REQUIRED keeps a stolen security key without its PIN from signing in, and lets passkeys count
   * as MFA when `mfa` is OPTIONAL or REQUIRED (`WebAuthnFactorConfiguration`
   * MULTI_FACTOR_WITH_USER_VERIFICATION). With PREFERRED passkeys stay a single factor, so with
   * MFA required Cognito does not offer them.
   *
   * @default cognito.PasskeyUserVerification.REQUIRED
   * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_WebAuthnConfigurationType.html
   */
  readonly passkeyUserVerification?: cognito.PasskeyUserVerification;

  /**
   * Whether users may sign in with a one-time code sent to their e-mail address (`EMAIL_OTP`).
   * Cognito sends these codes only through Amazon SES: set `email` to
   * `cognito.UserPoolEmail.withSES(...)` (SES bills each message).
   *
   * @default false
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-authentication-flow-methods.html#amazon-cognito-user-pools-authentication-flow-methods-passwordless
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa-sms-email-message.html
   */
  readonly emailOtp?: boolean;

  /**
   * Whether users may sign in with a one-time code sent by SMS to their phone number (`SMS_OTP`).
   * The pool then gets the IAM role through which Cognito publishes SMS with Amazon SNS in your
   * account; SNS bills each message, and new accounts start in the SMS sandbox.
   *
   * @default false
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-sms-settings.html
   */
  readonly smsOtp?: boolean;
}
