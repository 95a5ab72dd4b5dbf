import { check, isConcrete } from './validate';
import { AppClient, AppClientKind } from '../app-client';

// Every fact about OAuth scopes, in one place: the scope names Cognito reserves, the limits on
// scopes per route and per client, and which scopes a token of each client kind can carry.
// Clients, routes, groups and validation all import it.

/**
 * The scope every InitiateAuth access token carries, and the only one.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-access-token.html
 */
export const COGNITO_ADMIN_SCOPE = 'aws.cognito.signin.user.admin';
/** The OpenID Connect scopes a hosted-UI client may request. */
export const OIDC_SCOPES = ['openid', 'email', 'phone', 'profile'];
/** Scopes that only add claims to the ID token; they never identify an API caller on their own. */
export const CLAIM_ONLY_SCOPES = ['email', 'phone', 'profile'];

/**
 * API Gateway's limit on authorization scopes per route (cannot be increased).
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html
 */
export const MAX_ROUTE_SCOPES = 10;
/**
 * Cognito's limit on the OAuth scopes of one app client (AllowedOAuthScopes: at most 50 items).
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html#CognitoUserPools-CreateUserPoolClient-request-AllowedOAuthScopes
 */
export const MAX_CLIENT_SCOPES = 50;
/**
 * Cognito's limit on the scopes of one resource server.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html
 */
export const MAX_RESOURCE_SERVER_SCOPES = 100;

/** The full name of a resource-server scope, `<identifier>/<name>`, as tokens and routes carry it. */
export function fullScopeName(identifier: string, name: string): string {
  return `${identifier}/${name}`;
}

/**
 * The OAuth scopes a client may request (its AllowedOAuthScopes, and the `scope` of its authorize
 * URL): its OIDC scopes, then its resource-server scopes by full name. A machine client has no
 * OIDC scope; a password-auth client requests none of them (it has no OAuth flow).
 */
export function requestableScopes(spec: AppClient, identifier: string): string[] {
  return [...spec.oidcScopes, ...spec.resourceServerScopes.map((s) => fullScopeName(identifier, s))];
}

/**
 * The scopes an access token of this client carries that can identify it to the API:
 * InitiateAuth tokens carry only `aws.cognito.signin.user.admin`; OAuth tokens (hosted UI,
 * client credentials) carry the granted scopes, of which the claim-only OIDC scopes say nothing
 * about the caller.
 */
export function accessTokenScopes(spec: AppClient, identifier: string): string[] {
  if (spec.kind === AppClientKind.PASSWORD_AUTH) return [COGNITO_ADMIN_SCOPE];
  return requestableScopes(spec, identifier).filter((s) => !CLAIM_ONLY_SCOPES.includes(s));
}

/** Every scope the access tokens of the clients can carry, each once: what the default route accepts. */
export function apiScopes(clients: AppClient[], identifier: string): string[] {
  return [...new Set(clients.flatMap((c) => accessTokenScopes(c, identifier)))];
}

/** What a token accepted by the authorizer can carry: the scopes of the clients and of the resource server. */
export interface ScopeContext {
  readonly identifier: string;
  readonly resourceServerScopes: string[];
  readonly clients: AppClient[];
}

/** The scopes of a route (or of the default route): 1 to 10, none blank, each one a token can carry. */
export function validateRouteScopes(prop: string, scopes: string[], ctx: ScopeContext): void {
  check(scopes.length >= 1 && scopes.length <= MAX_ROUTE_SCOPES, prop,
    `must hold 1 to ${MAX_ROUTE_SCOPES} scopes (without one, a route would accept ID tokens)`, scopes);
  for (const scope of scopes) {
    check(!isConcrete(scope) || /^\S+$/.test(scope), prop, 'must not contain blank or whitespace scopes', scope);
  }
  validateReachableScopes(prop, scopes, ctx);
}

/**
 * Refuses a route scope that no token the authorizer accepts could ever carry, as `scope()` does:
 * `<identifier>/<name>` must name a scope of the resource server; an OIDC scope must be one a
 * hosted-UI client may request; `aws.cognito.signin.user.admin` needs a client that signs users
 * in (InitiateAuth tokens always carry it). Other scopes (another resource server's, or one a
 * pre-token-generation trigger adds) cannot be judged at synth time and are taken as they are.
 */
function validateReachableScopes(prop: string, scopes: string[], ctx: ScopeContext): void {
  const prefix = fullScopeName(ctx.identifier, '');
  const oidc = new Set(ctx.clients.filter((c) => c.usesHostedUi).flatMap((c) => c.oidcScopes));
  const signsUsersIn = ctx.clients.some((c) => c.kind !== AppClientKind.MACHINE);
  for (const scope of scopes) {
    if (!isConcrete(scope)) continue;
    if (isConcrete(ctx.identifier) && scope.startsWith(prefix)) {
      check(ctx.resourceServerScopes.includes(scope.slice(prefix.length)), prop,
        `must name scopes the resource server defines (${ctx.resourceServerScopes.map((n) => prefix + n).join(', ')}): no token could carry this one`, scope);
    } else if (OIDC_SCOPES.includes(scope)) {
      check(oidc.has(scope), prop,
        `must be scopes a client may request (${[...oidc].join(', ') || 'no hosted-UI client requests OIDC scopes'}): no token could carry this one`, scope);
    } else if (scope === COGNITO_ADMIN_SCOPE) {
      check(signsUsersIn, prop, 'needs a client that signs users in: machine tokens never carry this scope', scope);
    }
  }
}

/**
 * The default route's scopes when derived from the clients: every scope a client can carry, which
 * may exceed API Gateway's 10 per route.
 */
export function validateDerivedRouteScopes(scopes: string[]): void {
  check(scopes.length <= MAX_ROUTE_SCOPES, 'clients',
    `carry ${scopes.length} distinct scopes and the default route would accept them all, but API Gateway allows ${MAX_ROUTE_SCOPES} per route: set defaultRouteScopes`,
    scopes);
}

/** The resource server's identifier and scope names: Cognito's character sets, unique names, at most 100. */
export function validateResourceServer(identifier: string | undefined, scopeNames: string[]): void {
  if (identifier !== undefined && isConcrete(identifier)) {
    check(/^[\x21\x23-\x5B\x5D-\x7E]{1,256}$/.test(identifier), 'resourceServerIdentifier',
      'must be 1 to 256 printable ASCII characters without spaces, quotes or backslashes', identifier);
  }
  for (const name of scopeNames) {
    if (!isConcrete(name)) continue;
    check(/^[\x21\x23-\x2E\x30-\x5B\x5D-\x7E]{1,256}$/.test(name), 'resourceServerScopes',
      'names must be 1 to 256 printable ASCII characters without spaces, quotes, slashes or backslashes', name);
  }
  check(new Set(scopeNames).size === scopeNames.length, 'resourceServerScopes', 'names must be unique', scopeNames);
  check(scopeNames.length <= MAX_RESOURCE_SERVER_SCOPES, 'resourceServerScopes',
    `must hold at most ${MAX_RESOURCE_SERVER_SCOPES} scopes (Cognito's limit per resource server)`, scopeNames.length);
}
