// The built-in pre-token-generation trigger. It changes ACCESS tokens only, and nothing else:
// - `groupScopes` (event V2_0 or V3_0): adds the resource-server scopes of the user's groups. The
//   mapping group -> full scope names comes from GROUP_SCOPES, written at synth from validated
//   `groupScopes`; groups from request.groupConfiguration.groupsToOverride (what Cognito would
//   write to `cognito:groups`), scopes already granted from request.scopes.
// - machine clients with `accessTokenClaims`, `extraScopes` or `clientMetadataClaims` (event V3_0,
//   the only version Cognito runs for client-credentials tokens): MACHINE_TOKENS lists, per app
//   client id (callerContext.clientId), the claims and scopes to add and the ClientMetadata keys
//   (request.clientMetadata, from the token request's `aws_client_metadata`) to copy into claims.
//   A machine client's id never signs a user in, so the client id alone picks the entry.
// - It only ever sets response.claimsAndScopeOverrideDetails.accessTokenGeneration
//   (scopesToAdd, claimsToAddOrOverride): nothing is suppressed, the ID token is left as Cognito
//   made it.
// - Its behaviour is a function of the event and of its environment only: no network call.
// - It logs nothing: no claim, attribute or metadata value reaches CloudWatch from here.
// @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html
import type { PreTokenGenerationV2TriggerEvent, PreTokenGenerationV3TriggerEvent } from 'aws-lambda';

/** A V2_0 event (user tokens) or a V3_0 one (user and client-credentials tokens): the same shape. */
export type TokenEvent = PreTokenGenerationV2TriggerEvent | PreTokenGenerationV3TriggerEvent;

/** One machine client's customization, as the construct writes it into MACHINE_TOKENS. */
export interface MachineTokenEntry {
  /** The app client id. */
  readonly clientId: string;
  /** Claims to add or override. */
  readonly claims: Record<string, string>;
  /** Full scope names (`<identifier>/<scope>`) to add. */
  readonly scopes: string[];
  /** ClientMetadata keys copied into same-named claims. */
  readonly metadata: string[];
}

/** The longest ClientMetadata value copied into a claim (the construct documents the same bound). */
export const MAX_METADATA_CLAIM_CHARS = 256;

/** Group name -> full scope names (`<identifier>/<scope>`), read once per container. */
const MAPPING: Record<string, string[]> = JSON.parse(process.env.GROUP_SCOPES ?? '{}');
/** Machine client customizations, read once per container. */
const MACHINES: MachineTokenEntry[] = JSON.parse(process.env.MACHINE_TOKENS ?? '[]');

/** The scopes the groups grant that the token does not carry yet, in mapping order, once each. */
export function scopesToAdd(groups: readonly string[], granted: readonly string[], mapping = MAPPING): string[] {
  const out: string[] = [];
  for (const group of groups) {
    // Own properties only: a group named `constructor` or `__proto__` grants nothing.
    const scopes = Object.hasOwn(mapping, group) ? mapping[group] : [];
    for (const scope of scopes) {
      if (!granted.includes(scope) && !out.includes(scope)) out.push(scope);
    }
  }
  return out;
}

/**
 * The claims of a machine client's token: the ClientMetadata values it asked to copy (strings of
 * at most 256 characters), then the configured claims, which win.
 */
export function machineClaims(entry: MachineTokenEntry, metadata: Record<string, unknown> | undefined): Record<string, string> {
  const claims: Record<string, string> = {};
  for (const key of entry.metadata) {
    const value = metadata && Object.hasOwn(metadata, key) ? metadata[key] : undefined;
    if (typeof value === 'string' && value.length <= MAX_METADATA_CLAIM_CHARS) claims[key] = value;
  }
  return { ...claims, ...entry.claims };
}

/** What the trigger adds to the access token for this event: a pure function of the event and the mappings. */
export function accessTokenChanges(event: TokenEvent, mapping = MAPPING, machines = MACHINES) {
  const granted = event.request.scopes ?? [];
  const add = scopesToAdd(event.request.groupConfiguration?.groupsToOverride ?? [], granted, mapping);
  const machine = machines.find((m) => m.clientId === event.callerContext?.clientId);
  let claims: Record<string, string> = {};
  if (machine) {
    for (const scope of machine.scopes) if (!granted.includes(scope) && !add.includes(scope)) add.push(scope);
    claims = machineClaims(machine, event.request.clientMetadata);
  }
  return {
    ...(add.length > 0 ? { scopesToAdd: add } : {}),
    ...(Object.keys(claims).length > 0 ? { claimsToAddOrOverride: claims } : {}),
  };
}

export async function handler<E extends TokenEvent>(event: E): Promise<E> {
  const changes = accessTokenChanges(event);
  if (Object.keys(changes).length > 0) {
    event.response = { claimsAndScopeOverrideDetails: { accessTokenGeneration: changes } };
  }
  return event;
}
