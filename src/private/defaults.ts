import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import { DEFAULT_HANDLER_TIMEOUT } from './built-in-handler';
import { ProfileSettings, resolveProfile } from './compliance';
import { dataRemovalPolicy } from './data-resources';
import type { ScopeContext } from './scopes';
import { AppClient } from '../app-client';
import { UserPoolFirewall } from '../firewall';
import type { GroupScopes } from '../group-scopes';
import { IssuerType } from '../issuer';
import { EgressMode, SignUpMode } from '../options';
import type { SecureCognitoApiProps } from '../secure-cognito-api-props';
import { SecurityProfile } from '../security-profile';
import { UserPoolEncryption } from '../user-pool-encryption';

/** The L3's props with every default applied: what the construct builds, before it is validated. */
export interface ResolvedProps {
  readonly clients: AppClient[];
  readonly resourceServerIdentifier: string;
  readonly resourceServerScopes: cognito.ResourceServerScope[];
  /** Who can carry which scope: the identifier, the resource server's scope names and the clients. */
  readonly scopeContext: ScopeContext;
  readonly featurePlan: cognito.FeaturePlan;
  readonly mfa: cognito.Mfa;
  readonly threatProtectionMode: cognito.StandardThreatProtectionMode;
  readonly signUpMode: SignUpMode;
  readonly signInAliases: cognito.SignInAliases;
  readonly passwordMinLength: number;
  readonly managedLoginVersion: cognito.ManagedLoginVersion;
  readonly removalPolicy: RemovalPolicy;
  readonly deletionProtection: boolean;
  /** The removal policy of the log groups and of a key the construct creates. */
  readonly dataRemovalPolicy: RemovalPolicy;
  readonly groups: string[];
  readonly groupScopes: GroupScopes[];
  readonly firewall: UserPoolFirewall;
  readonly handlerTimeout: Duration;
  readonly egress: EgressMode;
  readonly interfaceEndpoints: ec2.InterfaceVpcEndpointAwsService[];
  readonly apiName: string;
  readonly throttle: apigwv2.ThrottleSettings;
  /** What the security profile turns on. */
  readonly profile: ProfileSettings;
  readonly issuerType: IssuerType;
  readonly userPoolEncryption: UserPoolEncryption;
}

/**
 * Every default of the L3 in one place (the README's "Defaults and why" table says why each).
 *
 * @param id the construct id, the default name of the HTTP API
 */
export function resolveDefaults(id: string, props: SecureCognitoApiProps): ResolvedProps {
  const clients = props.clients ?? [AppClient.passwordAuth('cli')];
  const identifier = props.resourceServerIdentifier ?? 'api';
  const resourceServerScopes = props.resourceServerScopes ?? [
    new cognito.ResourceServerScope({ scopeName: 'read', scopeDescription: 'Read through the API' }),
    new cognito.ResourceServerScope({ scopeName: 'write', scopeDescription: 'Write through the API' }),
  ];
  const featurePlan = props.featurePlan ?? cognito.FeaturePlan.ESSENTIALS;
  // docs/decisions/005: the pool is protected only when it is retained, since Cognito refuses to
  // delete a protected pool (DESTROY would end in DELETE_FAILED, RETAIN_ON_UPDATE_OR_DELETE in a
  // failed rollback); the log groups and the key never outlive a failed first deployment.
  const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
  const profile = resolveProfile(props);
  return {
    clients,
    resourceServerIdentifier: identifier,
    resourceServerScopes,
    scopeContext: { identifier, resourceServerScopes: resourceServerScopes.map((s) => s.scopeName), clients },
    featurePlan,
    mfa: props.mfa ?? cognito.Mfa.OPTIONAL,
    threatProtectionMode: props.threatProtectionMode ?? (featurePlan === cognito.FeaturePlan.PLUS
      ? cognito.StandardThreatProtectionMode.FULL_FUNCTION : cognito.StandardThreatProtectionMode.NO_ENFORCEMENT),
    signUpMode: props.signUpMode ?? SignUpMode.ADMIN_APPROVAL,
    signInAliases: props.signInAliases ?? { username: true, email: true },
    passwordMinLength: props.passwordMinLength ?? 12,
    // The Lite plan has only the classic hosted UI.
    managedLoginVersion: props.managedLoginVersion ?? (featurePlan === cognito.FeaturePlan.LITE
      ? cognito.ManagedLoginVersion.CLASSIC_HOSTED_UI : cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN),
    removalPolicy,
    deletionProtection: props.deletionProtection ?? removalPolicy === RemovalPolicy.RETAIN,
    dataRemovalPolicy: dataRemovalPolicy(removalPolicy),
    groups: props.groups ?? [],
    groupScopes: props.groupScopes ?? [],
    firewall: props.firewall ?? (profile.profile === SecurityProfile.COMPLIANCE ? UserPoolFirewall.create() : UserPoolFirewall.none()),
    handlerTimeout: props.handlerTimeout ?? DEFAULT_HANDLER_TIMEOUT,
    egress: props.egress ?? EgressMode.NONE,
    interfaceEndpoints: props.interfaceEndpoints ?? [],
    apiName: props.apiName ?? id,
    throttle: props.throttle ?? { rateLimit: 100, burstLimit: 200 },
    profile,
    // AWS recommends the updated issuer for all pools (docs/decisions/066).
    issuerType: props.issuerType ?? IssuerType.UPDATED,
    // The construct's key where the profile holds one already (docs/decisions/068).
    userPoolEncryption: props.userPoolEncryption
      ?? (profile.profile === SecurityProfile.COMPLIANCE ? UserPoolEncryption.constructKey() : UserPoolEncryption.awsOwnedKey()),
  };
}
