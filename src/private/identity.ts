import { createHash } from 'crypto';
import { Annotations, Duration, Fn, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import type { ResolvedSignIn } from './sign-in-policy';
import { check, isConcrete } from './validate';
import type { AuthDomain } from '../auth-domain';
import { SignUpMode } from '../options';
import type { SecureCognitoApiProps } from '../secure-cognito-api-props';

/** What the identity part of the construct needs; the L3 passes its props through. */
export interface IdentityProps {
  readonly userPoolName?: string;
  readonly signUpMode: SignUpMode;
  readonly signInAliases: cognito.SignInAliases;
  readonly passwordMinLength: number;
  readonly mfa: cognito.Mfa;
  readonly featurePlan: cognito.FeaturePlan;
  readonly threatProtectionMode: cognito.StandardThreatProtectionMode;
  readonly deletionProtection: boolean;
  readonly removalPolicy: RemovalPolicy;
  readonly email?: cognito.UserPoolEmail;
  readonly groups: string[];
  readonly authDomain?: AuthDomain;
  /** The custom domain and its certificate, resolved by the L3 (see private/domains.ts). */
  readonly customDomain?: cognito.CustomDomainOptions;
  readonly managedLoginVersion: cognito.ManagedLoginVersion;
  readonly resourceServerIdentifier: string;
  readonly resourceServerScopes: cognito.ResourceServerScope[];
  /** Choice-based sign-in settings of the pool (private/sign-in-policy.ts). */
  readonly signIn?: ResolvedSignIn['poolProps'];
  /** Whether passkeys count as MFA (private/sign-in-policy.ts); the L2 has no prop for it. */
  readonly webAuthnFactorConfiguration?: string;
}

/**
 * The user pool, its hosted-UI domain, its resource server and its groups.
 * Child ids here are part of the public contract: a changed id replaces the user pool and
 * loses every account in it.
 */
export class Identity extends Construct {
  public readonly userPool: cognito.UserPool;
  public readonly domain: cognito.UserPoolDomain;
  public readonly resourceServer: cognito.UserPoolResourceServer;
  public readonly groups: cognito.UserPoolGroup[];
  /** `https://<domain>` of the hosted UI and OAuth endpoints. */
  public readonly baseUrl: string;

  constructor(scope: Construct, id: string, props: IdentityProps) {
    super(scope, id);
    const selfSignUp = props.signUpMode !== SignUpMode.ADMIN_ONLY;
    const verifyEmail = props.signUpMode === SignUpMode.SELF_SERVICE;
    const emailAlias = props.signInAliases.email === true;

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: props.userPoolName,
      selfSignUpEnabled: selfSignUp,
      signInAliases: props.signInAliases,
      signInCaseSensitive: false,
      // Admin approval is the absence of automatic verification: a self-registered user stays
      // UNCONFIRMED until AdminConfirmSignUp. The L2 would auto-verify e-mail by default.
      autoVerify: { email: verifyEmail, phone: false },
      keepOriginal: verifyEmail ? { email: true } : undefined,
      userVerification: verifyEmail ? { emailStyle: cognito.VerificationEmailStyle.CODE } : undefined,
      standardAttributes: emailAlias ? { email: { required: true, mutable: true } } : undefined,
      passwordPolicy: {
        minLength: props.passwordMinLength,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: props.mfa,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: emailAlias ? cognito.AccountRecovery.EMAIL_ONLY : cognito.AccountRecovery.NONE,
      featurePlan: props.featurePlan,
      standardThreatProtectionMode: props.featurePlan === cognito.FeaturePlan.PLUS ? props.threatProtectionMode : undefined,
      deletionProtection: props.deletionProtection,
      removalPolicy: props.removalPolicy,
      email: props.email,
      ...props.signIn,
    });
    if (props.webAuthnFactorConfiguration) {
      (this.userPool.node.defaultChild as cognito.CfnUserPool).webAuthnFactorConfiguration = props.webAuthnFactorConfiguration;
    }
    if (props.removalPolicy !== RemovalPolicy.RETAIN && props.removalPolicy !== RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE) {
      Annotations.of(this.userPool).addWarningV2('cdk-secure-cognito-api:userPoolNotRetained',
        `removalPolicy is ${props.removalPolicy}: deleting the stack or replacing the user pool deletes every account in it.`);
    }

    this.groups = props.groups.map((groupName) =>
      new cognito.UserPoolGroup(this, `Group${groupName}`, { userPool: this.userPool, groupName }));

    this.domain = new cognito.UserPoolDomain(this, 'Domain', {
      userPool: this.userPool,
      cognitoDomain: props.customDomain ? undefined : { domainPrefix: props.authDomain?.prefix ?? defaultPrefix(this) },
      customDomain: props.customDomain,
      managedLoginVersion: props.managedLoginVersion,
    });
    this.baseUrl = props.customDomain ? `https://${props.customDomain.domainName}` : this.domain.baseUrl();

    this.resourceServer = new cognito.UserPoolResourceServer(this, 'ResourceServer', {
      userPool: this.userPool,
      identifier: props.resourceServerIdentifier,
      scopes: props.resourceServerScopes,
    });
  }
}

/** Longest stem of the default prefix: stem + "-" + 8-char hash + "-" + 36-char stack UUID ≤ 63. */
export const PREFIX_STEM_MAX = 17;

/**
 * A Cognito prefix must be unique in the region across all accounts, and each instance needs its
 * own: a readable stem (the stack name), a short hash of the construct's path (unique per
 * instance in the app) and the stack's UUID (known at deploy time, unique across accounts and
 * stable for the life of the stack). At most 63 characters; hex digits and a UUID can never
 * spell "aws", "amazon" or "cognito".
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolDomain.html#CognitoUserPools-CreateUserPoolDomain-request-Domain
 */
function defaultPrefix(scope: Construct): string {
  const stack = Stack.of(scope);
  const stem = Token.isUnresolved(stack.stackName) ? 'api' : prefixStem(stack.stackName);
  return `${stem || 'api'}-${pathHash(scope)}-${stackUuid(scope)}`;
}

/**
 * The UUID at the end of the stack's id (`arn:...:stack/<name>/<uuid>`): known at deploy time,
 * new for every creation of the stack, so a name holding it never collides with what an earlier,
 * deleted stack of the same name left behind.
 */
export function stackUuid(scope: Construct): string {
  return Fn.select(2, Fn.split('/', Stack.of(scope).stackId));
}

/** 8 hex characters of the SHA-256 of the construct path: distinct for every instance of an app. */
export function pathHash(scope: Construct): string {
  return createHash('sha256').update(scope.node.path).digest('hex').slice(0, 8);
}

/**
 * A readable, valid start of a Cognito prefix: lower-case letters, digits and single hyphens, at
 * most 17 characters, never containing "aws", "amazon" or "cognito" (removed until none is left:
 * one pass could join "amaz" and "on" around a removed "amazon").
 */
export function prefixStem(stackName: string): string {
  let stem = stackName.toLowerCase().replace(/[^a-z0-9]+/g, '');
  for (let before = ''; before !== stem;) {
    before = stem;
    stem = stem.replace(/aws|amazon|cognito/g, '');
  }
  const hyphenated = stackName.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  // Keep the stack name's word breaks when removing nothing changed the letters.
  const readable = hyphenated.replace(/-/g, '') === stem ? hyphenated : stem;
  return readable.replace(/^-+|-+$/g, '').slice(0, PREFIX_STEM_MAX).replace(/-+$/g, '');
}

/** Cognito's rules for the user pool: password length, what the feature plan allows, names, removal. */
export function validateIdentity(props: SecureCognitoApiProps, featurePlan: cognito.FeaturePlan): void {
  if (props.passwordMinLength !== undefined && isConcrete(props.passwordMinLength)) {
    check(Number.isInteger(props.passwordMinLength) && props.passwordMinLength >= 12 && props.passwordMinLength <= 99,
      'passwordMinLength', 'must be an integer from 12 to 99', props.passwordMinLength);
  }
  const threat = props.threatProtectionMode;
  if (threat !== undefined && threat !== cognito.StandardThreatProtectionMode.NO_ENFORCEMENT) {
    check(featurePlan === cognito.FeaturePlan.PLUS, 'threatProtectionMode',
      `${threat} needs featurePlan PLUS (featurePlan is ${featurePlan})`, threat);
  }
  check(!(featurePlan === cognito.FeaturePlan.LITE && props.managedLoginVersion === cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN),
    'managedLoginVersion', 'NEWER_MANAGED_LOGIN needs featurePlan ESSENTIALS or PLUS (the Lite plan only has the classic hosted UI)',
    'NEWER_MANAGED_LOGIN');
  validateRemoval(props);
  if (props.userPoolName !== undefined && isConcrete(props.userPoolName)) {
    check(/^[\w\s+=,.@-]{1,128}$/.test(props.userPoolName), 'userPoolName',
      'must be 1 to 128 letters, digits, spaces and the characters +=,.@-_', props.userPoolName);
  }
}

/**
 * Removal policy and deletion protection must agree: Cognito refuses to delete a pool whose
 * deletion protection is active, so CloudFormation cannot either (docs/decisions/005).
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-deletion-protection.html
 */
function validateRemoval(props: SecureCognitoApiProps): void {
  if (props.deletionProtection !== true) return;
  check(props.removalPolicy !== RemovalPolicy.DESTROY, 'deletionProtection',
    'must be false or unset with removalPolicy DESTROY: Cognito refuses to delete a protected pool, so `cdk destroy` would end in DELETE_FAILED',
    props.deletionProtection);
  check(props.removalPolicy !== RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE, 'deletionProtection',
    'must be false or unset with removalPolicy RETAIN_ON_UPDATE_OR_DELETE: Cognito refuses to delete a protected pool, so the rollback of a failed first deployment would fail instead of deleting it (use RETAIN to keep a protected pool)',
    props.deletionProtection);
}
