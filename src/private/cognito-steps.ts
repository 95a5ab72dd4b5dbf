import type * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { rotateClientSecrets } from './client-secret-rotation';
import { Clients } from './clients';
import type { DataPolicy } from './data-resources';
import type { ResolvedProps } from './defaults';
import { CustomAuthDomain } from './domains';
import { Federation } from './federation';
import { GroupScopesTrigger, validateTriggerEnvironment, warnClientGroupScopes } from './group-scopes-trigger';
import { Identity } from './identity';
import { writeIssuerType } from './issuer-url';
import { customizedMachineClients, machineTokenEntries } from './machine-token-rules';
import { encryptUserPool } from './pool-key';
import { validateOtpEmail } from './sign-in-policy';
import type { ValidatedProps } from './validate-props';
import { Firewall } from './web-acl';
import type { SecureCognitoApiProps } from '../secure-cognito-api-props';

// The Cognito half of docs/architecture.svg, as two steps of the SecureCognitoApi constructor:
// the user pool with what hangs on it, then the app clients. Each takes what the steps before it
// made and returns what the steps after it need; every construct is created in the L3's scope,
// so construct ids (and logical ids) are those of the L3.

/** What the constructor has resolved and validated before it builds. */
export interface CognitoStep {
  readonly props: SecureCognitoApiProps;
  readonly resolved: ResolvedProps;
  readonly valid: ValidatedProps;
  /** How every log group is born. */
  readonly dataPolicy: DataPolicy;
}

/** The identity step also needs the construct's key (it may encrypt the pool). */
export interface IdentityStep extends CognitoStep {
  readonly encryptionKey?: kms.IKey;
}

/** The user pool and what hangs on it: its domain, resource server and groups, federation, web ACL, trigger. */
export function buildIdentity(scope: Construct, step: IdentityStep) {
  const { props, resolved, valid, dataPolicy } = step;
  const customAuthDomain = props.authDomain?.customDomain ? new CustomAuthDomain(scope, 'AuthDomain', props.authDomain.customDomain) : undefined;
  const identity = new Identity(scope, 'Identity', {
    ...resolved,
    userPoolName: props.userPoolName,
    email: props.email,
    authDomain: props.authDomain,
    customDomain: customAuthDomain?.domainOptions,
    signIn: valid.signIn.poolProps,
    webAuthnFactorConfiguration: valid.signIn.webAuthnFactorConfiguration,
  });
  const userPool = identity.userPool;
  writeIssuerType(userPool, resolved.issuerType);
  const userPoolKey = encryptUserPool(scope, userPool, resolved.userPoolEncryption, step.encryptionKey, resolved.removalPolicy);
  // Reads what the L2 made of `email`, so it runs once the pool exists.
  validateOtpEmail(userPool, props.signIn);
  const providers = props.identityProviders ?? [];
  const federation = providers.length ? new Federation(scope, 'Federation', { userPool, providers }) : undefined;
  const waf = resolved.firewall.enabled ? new Firewall(scope, 'Firewall', {
    userPool, firewall: resolved.firewall, clients: resolved.clients, resourceServerIdentifier: resolved.resourceServerIdentifier, logs: dataPolicy,
  }) : undefined;
  // One trigger: V2_0 for groups alone (here), V3_0 once a machine client is customized, then
  // made with the clients since it names their ids (docs/decisions/070).
  const trigger = resolved.groupScopes.length > 0 && customizedMachineClients(resolved.clients).length === 0
    ? new GroupScopesTrigger(scope, 'PreTokenGeneration', { userPool, mapping: valid.groupScopeMapping, logs: dataPolicy }) : undefined;
  if (resolved.groupScopes.length > 0) warnClientGroupScopes(scope, resolved.groupScopes, resolved.clients);
  return {
    userPool,
    domain: identity.domain,
    resourceServer: identity.resourceServer,
    groups: identity.groups,
    hostedUiUrl: identity.baseUrl,
    customAuthDomain,
    authCertificate: customAuthDomain?.certificate,
    providersByName: federation?.byName,
    identityProviders: providers.map((p) => federation!.byName[p.name]),
    webAcl: waf?.webAcl,
    webAclAssociation: waf?.association,
    trigger,
    userPoolKey,
  };
}

/**
 * The app clients, the default route's scopes (given, or every scope their access tokens carry),
 * the trigger that customizes machine tokens (it names the clients' ids) and the rotating secrets.
 */
export function buildClients(scope: Construct, step: CognitoStep, identity: ReturnType<typeof buildIdentity>) {
  const { props, resolved, valid, dataPolicy } = step;
  const { userPool, resourceServer, providersByName: providers } = identity;
  const clients = new Clients(scope, 'Clients', {
    ...resolved, userPool: userPool, resourceServer: resourceServer, identityProviders: providers, branding: props.branding,
  });
  let trigger: GroupScopesTrigger | undefined;
  if (customizedMachineClients(resolved.clients).length > 0) {
    const machineTokens = machineTokenEntries(resolved.clients, clients.byName, resolved.resourceServerIdentifier);
    validateTriggerEnvironment(valid.groupScopeMapping, machineTokens);
    trigger = new GroupScopesTrigger(scope, 'PreTokenGeneration', {
      userPool: userPool, mapping: valid.groupScopeMapping, machineTokens, logs: dataPolicy,
    });
  }
  const rotations = rotateClientSecrets(scope, resolved.clients, clients.byName,
    { userPool: userPool, logs: dataPolicy, encryptionKey: dataPolicy.logEncryptionKey });
  return {
    clients: resolved.clients.map((c) => clients.byName[c.name]),
    defaultRouteScopes: [...(props.defaultRouteScopes ?? clients.apiScopes)],
    trigger,
    clientSecrets: Object.fromEntries(Object.entries(rotations).map(([name, r]) => [name, r.secret])),
  };
}
