import * as cognito from 'aws-cdk-lib/aws-cognito';
import type { MachineTokenEntry } from './pre-token.lambda';
import { check, isConcrete } from './validate';
import type { AppClient } from '../app-client';

/**
 * Claims a pre-token-generation trigger may not add or override: the ones the developer guide
 * lists as not modifiable, and the ones Cognito itself writes into a client-credentials access
 * token (`client_id`, `scope` — changed only through scopesToAdd —, `version`, ...). A `cognito:`
 * prefix is refused as a whole: those names are Cognito's.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-access-token.html
 */
export const RESERVED_CLAIMS = [
  'acr', 'amr', 'aud', 'at_hash', 'auth_time', 'azp', 'exp', 'iat', 'identities', 'iss', 'jti', 'nbf', 'nonce',
  'origin_jti', 'sub', 'token_use', 'client_id', 'scope', 'username', 'version', 'event_id', 'device_key',
];

/** A claim name an HTTP API can map as `$context.authorizer.claims.<name>`. */
const CLAIM_NAME = /^[A-Za-z][A-Za-z0-9_.:-]{0,63}$/;

export type { MachineTokenEntry };

/** The machine clients whose access tokens the trigger customizes. */
export function customizedMachineClients(clients: AppClient[]): AppClient[] {
  return clients.filter((c) => {
    const t = c.machineTokens;
    return t !== undefined && (Object.keys(t.accessTokenClaims ?? {}).length > 0
      || (t.extraScopes ?? []).length > 0 || (t.clientMetadataClaims ?? []).length > 0);
  });
}

function checkClaimName(prop: string, name: string): void {
  if (!isConcrete(name)) return;
  check(CLAIM_NAME.test(name), prop,
    'must name claims with a letter, then up to 63 letters, digits and _.:- (what an HTTP API maps as $context.authorizer.claims.<name>)', name);
  check(!RESERVED_CLAIMS.includes(name) && !name.startsWith('cognito:'), prop,
    `must not name a claim Cognito sets itself or forbids to override (${RESERVED_CLAIMS.join(', ')}, cognito:*)`, name);
}

/**
 * Refuses what Cognito would not do or what would surprise at run time: customization on the Lite
 * plan (no V3_0 events), a reserved or unmappable claim name, a scope the resource server does not
 * define or that the client may already request, a metadata key that repeats a configured claim.
 */
export function validateMachineTokens(clients: AppClient[], rsScopeNames: string[], featurePlan: cognito.FeaturePlan): void {
  for (const client of customizedMachineClients(clients)) {
    const t = client.machineTokens!;
    const base = `clients["${client.name}"]`;
    check(featurePlan !== cognito.FeaturePlan.LITE, base,
      'customizes machine tokens, which needs featurePlan ESSENTIALS or PLUS: only those plans send the V3_0 pre-token-generation event, the one Cognito runs for client-credentials tokens',
      featurePlan);
    const claims = t.accessTokenClaims ?? {};
    for (const name of Object.keys(claims)) checkClaimName(`${base}.accessTokenClaims`, name);
    for (const scope of t.extraScopes ?? []) {
      if (!isConcrete(scope)) continue;
      check(rsScopeNames.includes(scope), `${base}.extraScopes`,
        `must name scopes of the resource server (${rsScopeNames.join(', ')}), without its identifier`, scope);
      check(!client.resourceServerScopes.includes(scope), `${base}.extraScopes`,
        'must not repeat a scope of resourceServerScopes: the client may request it already', scope);
    }
    for (const key of t.clientMetadataClaims ?? []) {
      checkClaimName(`${base}.clientMetadataClaims`, key);
      check(!Object.prototype.hasOwnProperty.call(claims, key), `${base}.clientMetadataClaims`,
        'must not repeat a name of accessTokenClaims: the configured value would always win over what the machine sends', key);
    }
  }
}

/** The trigger's entries, one per customized machine client, with full scope names. */
export function machineTokenEntries(clients: AppClient[], created: Record<string, cognito.IUserPoolClient>, identifier: string): MachineTokenEntry[] {
  return customizedMachineClients(clients).map((c) => ({
    clientId: created[c.name].userPoolClientId,
    claims: { ...c.machineTokens!.accessTokenClaims },
    scopes: [...new Set(c.machineTokens!.extraScopes ?? [])].map((s) => `${identifier}/${s}`),
    metadata: [...new Set(c.machineTokens!.clientMetadataClaims ?? [])],
  }));
}

/** The longest app client id Cognito issues (its API's length constraint), to size the environment at synth. */
export const MAX_CLIENT_ID_CHARS = 128;
