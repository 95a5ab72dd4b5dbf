// The built-in pre-token-generation trigger (event version V2_0) of `groupScopes`: adds the
// resource-server scopes of the user's groups to the ACCESS token, and does nothing else.
// - The mapping group -> full scope names comes from the GROUP_SCOPES environment variable,
//   written at synth from validated `groupScopes` (only scopes the resource server defines).
// - Groups come from request.groupConfiguration.groupsToOverride (the user's groups, what
//   Cognito would write to `cognito:groups`); scopes already granted from request.scopes.
// - It only ever sets response.claimsAndScopeOverrideDetails.accessTokenGeneration.scopesToAdd:
//   no scope or claim is suppressed, the ID token is left as Cognito made it.
// - It logs nothing: no claim or attribute reaches CloudWatch from here.
// @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html
import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';

/** Group name -> full scope names (`<identifier>/<scope>`), read once per container. */
const MAPPING: Record<string, string[]> = JSON.parse(process.env.GROUP_SCOPES ?? '{}');

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

export async function handler(event: PreTokenGenerationV2TriggerEvent): Promise<PreTokenGenerationV2TriggerEvent> {
  const add = scopesToAdd(event.request.groupConfiguration?.groupsToOverride ?? [], event.request.scopes ?? []);
  if (add.length > 0) {
    event.response = { claimsAndScopeOverrideDetails: { accessTokenGeneration: { scopesToAdd: add } } };
  }
  return event;
}
