import type { Construct } from 'constructs';
import { validateAlarms } from './alarms';
import { validateApi } from './api';
import { validateCompute } from './built-in-handler';
import { validateSecretRotation } from './client-secret-rotation';
import { validateClients } from './clients';
import { validateProfile } from './compliance';
import type { ResolvedProps } from './defaults';
import { validateDomains } from './domains';
import { validateFederation } from './federation';
import { GroupScopeMapping, validateGroups } from './group-scopes-trigger';
import { validateIdentity } from './identity';
import { validateMachineTokens } from './machine-token-rules';
import { validateBranding } from './managed-login-branding';
import { validateNetwork } from './network';
import { validateUserPoolEncryption } from './pool-key';
import { validateReplica } from './pool-replica';
import { claimDomainPrefix } from './prefix-registry';
import { validateRefreshTokenRotation } from './refresh-rotation';
import { validateResourceServer } from './scopes';
import { ResolvedSignIn, resolveSignIn } from './sign-in-policy';
import { validateTerms } from './terms-documents';
import { validateFirewall } from './web-acl';
import type { SecureCognitoApiProps } from '../secure-cognito-api-props';

/** What validation resolves on the way, for the steps that build. */
export interface ValidatedProps {
  /** The sign-in settings of the user pool. */
  readonly signIn: ResolvedSignIn;
  /** Group -> full scope names, for the pre-token-generation trigger and `addRoute({ groups })`. */
  readonly groupScopeMapping: GroupScopeMapping;
}

/**
 * The one validation step: every capability's validator, each beside the feature it guards,
 * before any resource is created. A refused input throws here, naming the prop and the value.
 */
export function validateProps(scope: Construct, props: SecureCognitoApiProps, resolved: ResolvedProps): ValidatedProps {
  const { clients, featurePlan, scopeContext } = resolved;
  validateIdentity(props, featurePlan);
  validateDomains(scope, props);
  validateCompute(props);
  validateNetwork(props);
  validateResourceServer(props.resourceServerIdentifier, scopeContext.resourceServerScopes);
  validateClients(clients, new Set(scopeContext.resourceServerScopes));
  validateApi(props, scopeContext);
  const groupScopeMapping = validateGroups(scope, resolved.groups, resolved.groupScopes, scopeContext.resourceServerScopes,
    featurePlan, resolved.resourceServerIdentifier);
  validateMachineTokens(clients, scopeContext.resourceServerScopes, featurePlan);
  validateSecretRotation(clients);
  const signIn = resolveSignIn(scope, props.signIn,
    { featurePlan, mfa: resolved.mfa, signUpMode: resolved.signUpMode, authDomain: props.authDomain, clients });
  validateFederation(scope, props.identityProviders ?? [], clients);
  validateBranding(props.branding, clients, resolved.managedLoginVersion);
  validateFirewall(scope, props.firewall);
  validateProfile(props);
  validateAlarms(props, resolved.profile.alarms);
  validateRefreshTokenRotation(clients);
  validateTerms(clients, resolved);
  validateUserPoolEncryption(scope, resolved.userPoolEncryption);
  validateReplica(scope, props.replica, resolved);
  // Last: only an instance that is valid claims its prefix domain.
  claimDomainPrefix(scope, props.authDomain?.prefix);
  return { signIn, groupScopeMapping };
}
