// Authorization by group in the twin (issue 13): when the template's pool has the built-in
// pre-token-generation trigger (`groupScopes`), the twin signs in a member of a group and a user
// outside it the way the brief's Method 1 does (a raw InitiateAuth POST, USER_PASSWORD_AUTH,
// SECRET_HASH) and calls each route that only the group's scopes open: 200 for the member, 403
// for the other, on the same token type.
import { secretHash, Twin, TwinClientInfo, TwinUser } from '../emulator/twin';

/** A route every scope of which only groups grant (no client of the template may request it). */
export interface GroupRoute {
  readonly routeKey: string;
  /** Groups whose scopes open the route. */
  readonly groups: string[];
}

/** The trigger's mapping group -> scopes, from its environment in the template. */
export function groupScopeMapping(twin: Twin): Record<string, string[]> {
  const raw = twin.preTokenTrigger?.environment.GROUP_SCOPES;
  return raw ? JSON.parse(raw) : {};
}

/** The routes of the template that only group scopes open (none without the trigger). */
export function groupRoutes(twin: Twin): GroupRoute[] {
  const mapping = groupScopeMapping(twin);
  const requestable = new Set(twin.model.clients.flatMap((c) => c.allowedOAuthScopes));
  return twin.model.routes
    .filter((r) => r.authorizationScopes.length > 0 && r.authorizationScopes.every((s) => !requestable.has(s)))
    .map((r) => ({
      routeKey: r.routeKey,
      groups: Object.keys(mapping).filter((g) => mapping[g].some((s) => r.authorizationScopes.includes(s))),
    }))
    .filter((r) => r.groups.length > 0);
}

/** The brief's Method 1: POST InitiateAuth to the Cognito endpoint; the access token, or the error. */
export async function method1(twin: Twin, client: TwinClientInfo, user: TwinUser): Promise<string> {
  const params: Record<string, string> = { USERNAME: user.username, PASSWORD: user.password };
  if (client.clientSecret) params.SECRET_HASH = secretHash(user.username, client.clientId, client.clientSecret);
  const res = await fetch(twin.cognitoIdpUrl, {
    method: 'POST',
    headers: { 'X-Amz-Target': 'AWSCognitoIdentityProviderService.InitiateAuth', 'Content-Type': 'application/x-amz-json-1.1' },
    body: JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: params, ClientId: client.clientId }),
  });
  const json: any = await res.json();
  if (res.status !== 200) throw new Error(`InitiateAuth: ${res.status} ${json.__type}: ${json.message}`);
  return json.AuthenticationResult.AccessToken;
}

/** The template's first client that allows USER_PASSWORD_AUTH (the brief's script client). */
export function passwordClient(twin: Twin): TwinClientInfo | undefined {
  return twin.clients.find((c) => c.template.explicitAuthFlows.includes('ALLOW_USER_PASSWORD_AUTH'));
}
