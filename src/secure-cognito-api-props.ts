import type { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { ApiDomainOptions } from './api-domain';
import type { AppClient } from './app-client';
import type { AuthDomain } from './auth-domain';
import type { LoginBranding } from './branding';
import type { UserPoolFirewall } from './firewall';
import type { GroupScopes } from './group-scopes';
import type { IdentityProvider } from './identity-provider';
import type { IssuerType } from './issuer';
import type { EgressMode, SignUpMode } from './options';
import type { SecurityProfile } from './security-profile';
import type { SignInOptions } from './sign-in';
import type { UserPoolEncryption } from './user-pool-encryption';
import type { UserPoolReplicaOptions } from './user-pool-replica';

/**
 * Properties of a `SecureCognitoApi`. Every one is optional: `new SecureCognitoApi(this, 'Api')`
 * is a complete, secure deployment.
 */
export interface SecureCognitoApiProps {
  // ---- identity --------------------------------------------------------------------------
  /**
   * Who may create accounts.
   *
   * @default SignUpMode.ADMIN_APPROVAL - users may sign up in the hosted UI but cannot sign in
   * until an administrator confirms them
   */
  readonly signUpMode?: SignUpMode;

  /**
   * How users sign in. Changing it after the first deployment replaces the user pool.
   *
   * @default { username: true, email: true } - a username, or the e-mail address as an alias
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html#user-pool-settings-aliases
   */
  readonly signInAliases?: cognito.SignInAliases;

  /**
   * Minimum password length. Every character class (lower, upper, digit, symbol) is required.
   * Between 12 and 99.
   *
   * @default 12
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/managing-users-passwords.html
   */
  readonly passwordMinLength?: number;

  /**
   * Multi-factor authentication, with TOTP authenticator apps as the second factor (no SMS).
   *
   * @default cognito.Mfa.OPTIONAL - each user may turn TOTP on
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html
   */
  readonly mfa?: cognito.Mfa;

  /**
   * The Cognito feature plan. `PLUS` turns threat protection on (see `threatProtectionMode`).
   *
   * @default cognito.FeaturePlan.ESSENTIALS
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-sign-in-feature-plans.html
   */
  readonly featurePlan?: cognito.FeaturePlan;

  /**
   * Threat protection for standard authentication. Anything but `NO_ENFORCEMENT` needs the
   * `PLUS` feature plan.
   *
   * @default - FULL_FUNCTION with the PLUS plan, NO_ENFORCEMENT otherwise
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-settings-threat-protection.html
   */
  readonly threatProtectionMode?: cognito.StandardThreatProtectionMode;

  /**
   * Whether the user pool is protected from deletion: Cognito refuses to delete it until the
   * protection is turned off, so CloudFormation cannot. Keep it on: the pool holds your users.
   * `true` is refused with `removalPolicy` DESTROY (`cdk destroy` would end in DELETE_FAILED) and
   * RETAIN_ON_UPDATE_OR_DELETE (a failed first deployment could not roll the pool back).
   *
   * @default - true with `removalPolicy` RETAIN (the default); false with DESTROY or
   * RETAIN_ON_UPDATE_OR_DELETE, so that CloudFormation can delete the pool when the policy says so
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-deletion-protection.html
   */
  readonly deletionProtection?: boolean;

  /**
   * What happens to the user pool when it leaves the stack (`cdk destroy`, a replacement, a
   * failed first deployment). RETAIN keeps it, deletion-protected, in every case;
   * RETAIN_ON_UPDATE_OR_DELETE keeps it except when the deployment that created it fails (then
   * it is deleted, and the pool is not deletion-protected by default); DESTROY deletes it, and
   * the log groups and KMS key too. Anything but RETAIN or RETAIN_ON_UPDATE_OR_DELETE adds a
   * synth warning. The log groups and the KMS key the construct creates are otherwise
   * RETAIN_ON_UPDATE_OR_DELETE: kept by `cdk destroy`, deleted when the first deployment fails.
   * The README's "What `cdk destroy` leaves behind" table lists every case.
   *
   * @default RemovalPolicy.RETAIN
   * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-deletionpolicy.html
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * Name of the user pool.
   *
   * @default - a name generated by CloudFormation
   */
  readonly userPoolName?: string;

  /**
   * How the pool sends e-mail (verification codes, invitations).
   *
   * @default - Cognito's own e-mail sender, limited to a few messages a day; use SES in production
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-email.html
   */
  readonly email?: cognito.UserPoolEmail;

  /**
   * User pool groups to create (they appear in the `cognito:groups` claim).
   *
   * @default - no group
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-user-groups.html
   */
  readonly groups?: string[];

  /**
   * Resource-server scopes that members of a group carry on their access tokens, so that a
   * route can require a group (`addRoute({ groups })`). A built-in pre-token-generation trigger
   * (event version V2_0: featurePlan ESSENTIALS or PLUS) adds them to the access token only; it
   * never removes a scope. The user pool then cannot take another pre-token-generation trigger.
   *
   * @default - no group carries scopes and no trigger is created
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html
   */
  readonly groupScopes?: GroupScopes[];

  /**
   * The issuer (`iss`) of the pool's tokens; the JWT authorizer and the `Issuer` output follow it.
   * Switching a deployed pool changes the issuer of new tokens at once: see the README's
   * "Upgrading to the updated issuer".
   *
   * @default IssuerType.UPDATED - `https://issuer-cognito-idp.<region>.amazonaws.com/<pool id>`, which
   * AWS recommends for all user pools and multi-Region replication needs
   * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_IssuerConfigurationType.html
   */
  readonly issuerType?: IssuerType;

  /**
   * The key that encrypts the pool's data at rest. A customer managed key must stay enabled as
   * long as the pool exists; the construct retains the key it uses like the pool.
   *
   * @default - UserPoolEncryption.constructKey() (the construct's key, which also encrypts the logs)
   * with SecurityProfile.COMPLIANCE; UserPoolEncryption.awsOwnedKey() otherwise
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/data-protection.html
   */
  readonly userPoolEncryption?: UserPoolEncryption;

  /**
   * A replica of the user pool in a second Region (multi-Region replication), for sign-in and
   * tokens there while the primary Region is down. Needs `featurePlan` ESSENTIALS or PLUS, a
   * multi-Region key (`userPoolEncryption`), the updated issuer and a stack with a concrete Region;
   * each is checked at synth. Also creates a Route 53 health check of this Region's API, which
   * moves the managed-login domain (and the API's custom domain) to the replica's Region when it
   * fails. Deploy a `SecureCognitoApiReplica` in the replica's Region for the API there.
   *
   * @default - no replica: the pool lives in the stack's Region only
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-multi-region.html
   */
  readonly replica?: UserPoolReplicaOptions;

  // ---- hosted UI ---------------------------------------------------------------------------
  /**
   * Where the hosted UI and the OAuth endpoints are served.
   *
   * @default - a Cognito prefix domain `<stack name>-<hash>-<stack UUID>`: up to 17 characters of
   * the stack name, 8 hex characters of a hash of this construct's path (one per instance), and the
   * stack's unique id (unique across accounts)
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-assign-domain-prefix.html
   */
  readonly authDomain?: AuthDomain;

  /**
   * The hosted UI version. With managed login, each hosted-UI client gets a branding style with
   * Cognito's default look (a client without one shows an error page).
   *
   * @default cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN, or CLASSIC_HOSTED_UI with the LITE feature plan (its only option)
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-managed-login.html
   */
  readonly managedLoginVersion?: cognito.ManagedLoginVersion;

  // ---- sign-in methods ------------------------------------------------------------------------
  /**
   * Choice-based sign-in: passkeys and e-mail or SMS one-time codes as first factors besides the
   * password. Needs the Essentials or Plus plan; hosted-UI clients then allow `ALLOW_USER_AUTH`.
   *
   * @default - passwords only
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flows-selection-sdk.html#authentication-flows-selection-choice
   */
  readonly signIn?: SignInOptions;

  /**
   * Federated identity providers (Google, Apple, OIDC, SAML). A hosted-UI client offers those it
   * names in its `identityProviders`.
   *
   * @default - none
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-identity-federation.html
   */
  readonly identityProviders?: IdentityProvider[];

  /**
   * The managed login branding style of every hosted-UI client that has none of its own.
   *
   * @default LoginBranding.cognitoDefault() - Cognito's default style
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/managed-login-brandingeditor.html
   */
  readonly branding?: LoginBranding;

  /**
   * An AWS WAF web ACL on the user pool: managed rules for common threats and IP reputation and
   * rate limits on sign-in and on paid codes ($9 a month plus $0.60 per million requests).
   *
   * @default - UserPoolFirewall.create() with SecurityProfile.COMPLIANCE, UserPoolFirewall.none() otherwise
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-waf.html
   */
  readonly firewall?: UserPoolFirewall;

  // ---- custom domains ------------------------------------------------------------------------
  // (the hosted UI's custom domain is `authDomain: AuthDomain.custom({...})`)
  /**
   * A custom domain for the HTTP API, e.g. `api.example.com`: a regional domain name with a
   * certificate (given or created), mapped to the `$default` stage, with Route 53 alias records
   * (A and AAAA). The default execute-api endpoint is then disabled unless you keep it, and the
   * `ApiUrl` output and `url` become `https://<domainName>/`.
   *
   * @default - the API is only served on its execute-api endpoint
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-custom-domain-names.html
   */
  readonly apiDomain?: ApiDomainOptions;

  // ---- app clients -------------------------------------------------------------------------
  /**
   * The app clients. Every client id is in the JWT authorizer's audience.
   *
   * @default [AppClient.passwordAuth('cli')] - one script client, as in the brief's Method 1 and 2
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html
   */
  readonly clients?: AppClient[];

  /**
   * Identifier of the resource server that defines the custom scopes (`<identifier>/<scope>`).
   *
   * @default 'api'
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-define-resource-servers.html
   */
  readonly resourceServerIdentifier?: string;

  /**
   * Custom scopes of the resource server, for machine clients and for routes.
   *
   * @default - `read` and `write`
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-define-resource-servers.html
   */
  readonly resourceServerScopes?: cognito.ResourceServerScope[];

  // ---- API -------------------------------------------------------------------------------
  /**
   * Name of the HTTP API.
   *
   * @default - the construct's id
   */
  readonly apiName?: string;

  /**
   * Scopes of the default route `GET /`. A token needs at least one of them.
   *
   * @default - every scope a configured client's access token can carry: `aws.cognito.signin.user.admin`
   * for password-auth clients, `openid` and custom scopes for hosted-UI clients, custom scopes for
   * machine clients. Never empty, so ID tokens are refused.
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html
   */
  readonly defaultRouteScopes?: string[];

  /**
   * CORS preflight settings. API Gateway answers preflight requests itself, since no route
   * matches OPTIONS (`ANY` is refused).
   *
   * @default - no CORS
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html
   */
  readonly cors?: apigwv2.CorsPreflightOptions;

  /**
   * Throttling of the `$default` stage.
   *
   * @default { rateLimit: 100, burstLimit: 200 }
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html
   */
  readonly throttle?: apigwv2.ThrottleSettings;

  /**
   * Retention of the access log, the handler's log and the VPC flow log. At least one year with
   * SecurityProfile.COMPLIANCE. A value CloudWatch Logs does not accept (e.g. 17 read from a
   * configuration file) is refused.
   *
   * @default - logs.RetentionDays.ONE_MONTH; logs.RetentionDays.ONE_YEAR with SecurityProfile.COMPLIANCE
   * @see https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html
   */
  readonly logRetention?: logs.RetentionDays;

  // ---- compute ---------------------------------------------------------------------------
  /**
   * The function behind the default route.
   *
   * @default - the built-in handler (nodejs24.x, arm64) in the VPC's private subnets, answering
   * `Hello, World! I am <username>!`
   */
  readonly handler?: lambda.IFunction;

  /**
   * Timeout of the built-in handler. Below 30 seconds, API Gateway's integration limit.
   *
   * @default Duration.seconds(10)
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html
   */
  readonly handlerTimeout?: Duration;

  /**
   * Memory of the built-in handler, in MiB.
   *
   * @default 256
   * @see https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html
   */
  readonly handlerMemorySize?: number;

  // ---- network ---------------------------------------------------------------------------
  /**
   * The VPC of the built-in handler.
   *
   * @default - a new 2-AZ VPC shaped by `egress`
   */
  readonly vpc?: ec2.IVpc;

  /**
   * Subnets of `vpc` for the built-in handler. Must be private.
   *
   * @default - the private subnets of the VPC
   */
  readonly vpcSubnets?: ec2.SubnetSelection;

  /**
   * Internet egress of the VPC the construct creates.
   *
   * @default EgressMode.NONE - isolated subnets, no NAT gateway, $0 when idle
   */
  readonly egress?: EgressMode;

  /**
   * Interface VPC endpoints to add to the VPC (each bills per hour and AZ).
   *
   * @default - none (S3 and DynamoDB gateway endpoints are always added to a created VPC; they are free)
   */
  readonly interfaceEndpoints?: ec2.InterfaceVpcEndpointAwsService[];

  /**
   * Whether the created VPC logs its traffic to CloudWatch Logs. Cannot be turned off with
   * SecurityProfile.COMPLIANCE.
   *
   * @default true
   */
  readonly flowLogs?: boolean;

  // ---- security profile and observability ------------------------------------------------
  /**
   * How far the construct hardens what it creates. `COMPLIANCE` encrypts the log groups with a
   * KMS key, keeps them a year, reserves concurrency for the built-in handler, forces VPC flow
   * logs and turns the alarms on; it then passes the HIPAA Security, NIST 800-53 R5 and PCI DSS
   * 3.2.1 cdk-nag packs and the Control Tower guard rules.
   *
   * @default SecurityProfile.STANDARD
   */
  readonly securityProfile?: SecurityProfile;

  /**
   * Whether to create the alarms: API 5xx and p99 latency, handler errors and throttles, and the
   * built-in handler's duration near its timeout. Each notifies `alarmTopic` on ALARM and OK.
   *
   * @default - true with SecurityProfile.COMPLIANCE, false otherwise
   */
  readonly alarms?: boolean;

  /**
   * The SNS topic the alarms notify. Requires `alarms` to be on.
   *
   * @default - a new topic, encrypted with `logEncryptionKey` (or a key of the construct) and
   * refusing non-TLS publishers, when the alarms are on
   */
  readonly alarmTopic?: sns.ITopic;

  /**
   * E-mail addresses to subscribe to the alarm topic (the one the construct creates, or
   * `alarmTopic`). SNS sends each address a confirmation message; notifications start once it is
   * confirmed. Requires the alarms to be on (`alarms: true`, or SecurityProfile.COMPLIANCE).
   *
   * @default - no subscription: the alarms change state, but the topic notifies nobody until
   * you subscribe to it (its ARN is the `AlarmTopicArn` output); the construct adds an info
   * annotation saying so
   * @see https://docs.aws.amazon.com/sns/latest/dg/sns-email-notifications.html
   */
  readonly alarmEmails?: string[];

  /**
   * The KMS key that encrypts the log groups (access log, handler log, flow log) and the alarm
   * topic the construct creates. Its key policy must let `logs.<region>.amazonaws.com` and, for
   * the topic, `cloudwatch.amazonaws.com` use it.
   *
   * @default - with SecurityProfile.COMPLIANCE, a new key with yearly rotation; otherwise the log
   * groups use CloudWatch Logs' own encryption
   * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
   */
  readonly logEncryptionKey?: kms.IKey;

  /**
   * Reserved concurrency of the built-in handler: at most this many concurrent executions, always
   * available to it. At least 1; your account must keep 100 unreserved.
   *
   * @default - 50 with SecurityProfile.COMPLIANCE, none otherwise
   * @see https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html
   */
  readonly handlerReservedConcurrency?: number;

  // ---- outputs ---------------------------------------------------------------------------
  /**
   * Whether to add CloudFormation outputs: API URL, issuer, token endpoint, user pool id, client
   * ids, hosted-UI sign-in and sign-up URLs. Never a client secret.
   *
   * @default true
   */
  readonly outputs?: boolean;
}
