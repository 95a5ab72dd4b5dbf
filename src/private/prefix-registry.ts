import { Stack } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { check, isConcrete } from './validate';

const REGISTRY_ID = 'SecureCognitoApiDomainPrefixes';

/**
 * The Cognito prefixes that the SecureCognitoApi instances of one app have claimed, by region. A
 * prefix domain is unique in a region (across all accounts), so a second instance with the same
 * explicit prefix in the same region could never deploy. Lives as a child of the app's root, so
 * each app has its own and nothing is shared between apps (no module-level state).
 */
class PrefixRegistry extends Construct {
  /** Prefix → claims: the region (undefined when unresolved) and the construct path. */
  public readonly claims = new Map<string, { region?: string; path: string }[]>();
}

/**
 * Refuses a concrete `AuthDomain.cognitoPrefix()` that another instance of the same app already
 * uses in the same region (or where either region is unknown at synth time: both could be
 * deployed to the same default region).
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-assign-domain-prefix.html
 */
export function claimDomainPrefix(scope: IConstruct, prefix: string | undefined): void {
  if (prefix === undefined || !isConcrete(prefix)) return;
  const root = scope.node.root;
  const registry = (root.node.tryFindChild(REGISTRY_ID) as PrefixRegistry | undefined) ?? new PrefixRegistry(root, REGISTRY_ID);
  const stackRegion = Stack.of(scope).region;
  const region = isConcrete(stackRegion) ? stackRegion : undefined;
  const claims = registry.claims.get(prefix) ?? [];
  const clash = claims.find((c) => c.region === undefined || region === undefined || c.region === region);
  check(clash === undefined, 'authDomain',
    `prefix must be unique in the region, but ${clash?.path} already uses it in this app`, prefix);
  claims.push({ region, path: scope.node.path });
  registry.claims.set(prefix, claims);
}
