import { Annotations, Stack, Token } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import { check, isConcrete } from './validate';
import type { AppClient } from '../app-client';
import type { AuthDomain } from '../auth-domain';
import { SignUpMode } from '../options';
import type { SignInOptions } from '../sign-in';

/**
 * Choice-based sign-in (passkeys, e-mail and SMS one-time codes), resolved into the user pool
 * settings of the L2 (`signInPolicy`, `passkeyRelyingPartyId`, `passkeyUserVerification`,
 * `enableSmsRole`) with Cognito's rules checked first.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flows-selection-sdk.html#authentication-flows-selection-choice
 */
export interface ResolvedSignIn {
  /** Whether any first factor besides the password is on: hosted-UI clients then allow USER_AUTH. */
  readonly choiceBased: boolean;
  /** The L2 props that configure the pool (empty when nothing but the password is on). */
  readonly poolProps: Pick<cognito.UserPoolProps, 'signInPolicy' | 'passkeyRelyingPartyId' | 'passkeyUserVerification' | 'enableSmsRole'>;
  /**
   * `WebAuthnFactorConfiguration` of the pool, which the L2 does not expose: passkeys count as
   * MFA whenever MFA is on (undefined: Cognito's SINGLE_FACTOR).
   */
  readonly webAuthnFactorConfiguration?: string;
}

/** CloudFormation's limit on `WebAuthnRelyingPartyID`. */
const MAX_RELYING_PARTY_LENGTH = 63;

/** What the sign-in settings depend on. */
export interface SignInContext {
  readonly featurePlan: cognito.FeaturePlan;
  readonly mfa: cognito.Mfa;
  readonly signUpMode: SignUpMode;
  readonly authDomain?: AuthDomain;
  readonly clients: AppClient[];
}

/**
 * Validates the sign-in options and resolves them. The relying party defaults to the hosted UI's
 * domain, which managed login requires.
 *
 * @param scope the construct whose stack gives the region of a prefix domain
 */
export function resolveSignIn(scope: Construct, options: SignInOptions | undefined, ctx: SignInContext): ResolvedSignIn {
  const passkeys = options?.passkeys ?? false;
  const emailOtp = options?.emailOtp ?? false;
  const smsOtp = options?.smsOtp ?? false;
  const choiceBased = passkeys || emailOtp || smsOtp;
  check(!(options?.passkeyRelyingPartyId !== undefined && !passkeys), 'signIn.passkeyRelyingPartyId',
    'needs `signIn.passkeys` on', options?.passkeyRelyingPartyId);
  check(!(options?.passkeyUserVerification !== undefined && !passkeys), 'signIn.passkeyUserVerification',
    'needs `signIn.passkeys` on', options?.passkeyUserVerification);
  if (!choiceBased) return { choiceBased, poolProps: {} };
  // SignInPolicy: "To activate this setting, your user pool must be in the Essentials tier or higher."
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-cognito-userpool-signinpolicy.html
  check(ctx.featurePlan !== cognito.FeaturePlan.LITE, 'signIn',
    'needs featurePlan ESSENTIALS or PLUS (choice-based sign-in with passkeys and one-time codes is not in the Lite plan)', ctx.featurePlan);
  validateOtpMfa(emailOtp, smsOtp, ctx.mfa);
  if (emailOtp && ctx.signUpMode === SignUpMode.ADMIN_APPROVAL) {
    // "Your user pool automatically verifies the attributes that users can use with passwordless
    // sign-in": AdminConfirmSignUp confirms the user, never the address.
    // https://docs.aws.amazon.com/cognito/latest/developerguide/signing-up-users-in-your-app.html
    // https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminConfirmSignUp.html
    Annotations.of(scope).addWarningV2('cdk-secure-cognito-api:emailOtpNeedsVerifiedEmail',
      'signIn.emailOtp with signUpMode ADMIN_APPROVAL: AdminConfirmSignUp leaves email_verified false, and Cognito sends one-time codes only to a verified address. '
      + 'Approve with `aws cognito-idp admin-update-user-attributes --user-attributes Name=email,Value=<address> Name=email_verified,Value=true` as well (docs/clients/approve-sign-up.sh does).');
  }
  return {
    // With MULTI_FACTOR_WITH_USER_VERIFICATION "passkey authentication with user verification
    // satisfies MFA requirements": passkeys stay offered when MFA is required, and a user who adds
    // TOTP under OPTIONAL keeps them (once passkey MFA is on for the user, WebAuthnMfaSettings).
    // https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_WebAuthnConfigurationType.html
    // https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_WebAuthnMfaSettingsType.html
    // Only with user verification required: a passkey that may skip it is no second factor.
    webAuthnFactorConfiguration: passkeys && ctx.mfa !== cognito.Mfa.OFF
      && (options?.passkeyUserVerification ?? cognito.PasskeyUserVerification.REQUIRED) === cognito.PasskeyUserVerification.REQUIRED
      ? 'MULTI_FACTOR_WITH_USER_VERIFICATION' : undefined,
    choiceBased,
    poolProps: {
      signInPolicy: { allowedFirstAuthFactors: { password: true, passkey: passkeys, emailOtp, smsOtp } },
      passkeyRelyingPartyId: passkeys ? relyingParty(scope, options?.passkeyRelyingPartyId, ctx) : undefined,
      passkeyUserVerification: passkeys ? (options?.passkeyUserVerification ?? cognito.PasskeyUserVerification.REQUIRED) : undefined,
      enableSmsRole: smsOtp ? true : undefined,
    },
  };
}

/**
 * One-time codes are a first factor only: with MFA required Cognito offers users their password
 * or a passkey (which then counts as MFA) and never the code, so the option would do nothing.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-authentication-flow-methods.html#amazon-cognito-user-pools-authentication-flow-methods-passwordless
 */
function validateOtpMfa(emailOtp: boolean, smsOtp: boolean, mfa: cognito.Mfa): void {
  const rule = 'needs `mfa` OPTIONAL or OFF: with MFA required Cognito never offers a one-time code as the first factor '
    + '(passkeys, which count as MFA with user verification, still work)';
  check(!(emailOtp && mfa === cognito.Mfa.REQUIRED), 'signIn.emailOtp', rule, 'REQUIRED');
  check(!(smsOtp && mfa === cognito.Mfa.REQUIRED), 'signIn.smsOtp', rule, 'REQUIRED');
}

/**
 * The hosted UI's domain name, or undefined when it is not known at synth time (the default
 * prefix holds the stack's id; an environment-agnostic stack has no region).
 */
function hostedUiDomain(scope: Construct, authDomain: AuthDomain | undefined): string | undefined {
  if (authDomain?.customDomain) return authDomain.customDomain.domainName;
  const region = Stack.of(scope).region;
  if (authDomain?.prefix === undefined || Token.isUnresolved(region)) return undefined;
  return `${authDomain.prefix}.auth.${region}.amazoncognito.com`;
}

function relyingParty(scope: Construct, given: string | undefined, ctx: SignInContext): string {
  const hostedUi = ctx.clients.some((c) => c.usesHostedUi);
  const domain = hostedUiDomain(scope, ctx.authDomain);
  if (given === undefined) {
    check(ctx.authDomain !== undefined, 'signIn.passkeys',
      'needs `authDomain` (a prefix of up to about 30 characters, or a custom domain): the relying party is the hosted UI\'s domain, '
      + `and the default prefix domain is longer than the ${MAX_RELYING_PARTY_LENGTH} characters a relying party ID may have`, 'the default prefix domain');
    const rp = domain ?? `${ctx.authDomain!.prefix}.auth.${Stack.of(scope).region}.amazoncognito.com`;
    if (isConcrete(rp)) {
      check(rp.length <= MAX_RELYING_PARTY_LENGTH, 'signIn.passkeys',
        `needs a hosted UI domain of at most ${MAX_RELYING_PARTY_LENGTH} characters, the relying party ID's limit: shorten the \`authDomain\` prefix`, rp);
    }
    return rp;
  }
  if (!isConcrete(given)) return given;
  check(given.length <= MAX_RELYING_PARTY_LENGTH && /^(?=.{1,63}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9]$/.test(given),
    'signIn.passkeyRelyingPartyId', `must be a lower-case domain name of at most ${MAX_RELYING_PARTY_LENGTH} characters, without scheme or port`, given);
  // "the passkey relying party ID must be the fully-qualified domain name of your custom domain"
  // when the app signs in through managed login; a prefix domain's parents are Cognito's own.
  // https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_WebAuthnConfigurationType.html
  if (hostedUi && domain !== undefined && isConcrete(domain)) {
    check(given === domain, 'signIn.passkeyRelyingPartyId',
      `must be the hosted UI's domain (${domain}) when a client signs in through managed login`, given);
  }
  return given;
}

/**
 * E-mail one-time codes go out through Amazon SES only: the pool's e-mail configuration must be
 * DEVELOPER (`UserPoolEmail.withSES`), as for e-mail MFA.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa-sms-email-message.html
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-email.html
 */
export function validateOtpEmail(userPool: cognito.UserPool, options: SignInOptions | undefined): void {
  if (!options?.emailOtp) return;
  const cfn = userPool.node.defaultChild as cognito.CfnUserPool;
  const config = cfn.emailConfiguration as cognito.CfnUserPool.EmailConfigurationProperty | undefined;
  check(config?.emailSendingAccount === 'DEVELOPER', 'signIn.emailOtp',
    'needs `email: cognito.UserPoolEmail.withSES(...)`: Cognito sends one-time codes only through Amazon SES, not its default e-mail sender',
    config?.emailSendingAccount ?? 'COGNITO_DEFAULT');
}
