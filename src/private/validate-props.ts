import { Duration, RemovalPolicy, Token } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { validateDomainPrefix } from './identity';
import { check, isConcrete, unresolved } from './validate';
import { AppClient, AppClientKind } from '../app-client';
import type { SecureCognitoApiProps } from '../secure-cognito-api-props';
import { SecurityProfile } from '../security-profile';

/** API Gateway's limit on JWT authorizer audiences. */
const MAX_AUDIENCE = 50;
/** API Gateway's limit on authorization scopes per route. */
const MAX_ROUTE_SCOPES = 10;
/**
 * Cognito's limit on the OAuth scopes of one app client (AllowedOAuthScopes: at most 50 items).
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html#CognitoUserPools-CreateUserPoolClient-request-AllowedOAuthScopes
 */
const MAX_CLIENT_SCOPES = 50;
/**
 * The retention periods CloudWatch Logs accepts, in days; `RetentionDays.INFINITE` (no retention
 * policy) aside.
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html#CWL-PutRetentionPolicy-request-retentionInDays
 */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];
const NETWORK_PROPS = ['vpc', 'vpcSubnets', 'egress', 'interfaceEndpoints'] as const;
const HANDLER_PROPS = ['handlerTimeout', 'handlerMemorySize', 'handlerReservedConcurrency'] as const;

/** Everything that can be checked before any resource is created. */
export function validateProps(scope: Construct, props: SecureCognitoApiProps, clients: AppClient[],
  rsScopes: cognito.ResourceServerScope[], featurePlan: cognito.FeaturePlan): void {
  if (props.passwordMinLength !== undefined && isConcrete(props.passwordMinLength)) {
    check(Number.isInteger(props.passwordMinLength) && props.passwordMinLength >= 12 && props.passwordMinLength <= 99,
      'passwordMinLength', 'must be an integer from 12 to 99', props.passwordMinLength);
  }
  const threat = props.threatProtectionMode;
  if (threat !== undefined && threat !== cognito.StandardThreatProtectionMode.NO_ENFORCEMENT) {
    check(featurePlan === cognito.FeaturePlan.PLUS, 'threatProtectionMode',
      `${threat} needs featurePlan PLUS (featurePlan is ${featurePlan})`, threat);
  }
  check(!(featurePlan === cognito.FeaturePlan.LITE && props.managedLoginVersion === cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN),
    'managedLoginVersion', 'NEWER_MANAGED_LOGIN needs featurePlan ESSENTIALS or PLUS (the Lite plan only has the classic hosted UI)',
    'NEWER_MANAGED_LOGIN');
  if (props.authDomain) validateDomainPrefix(props.authDomain.prefix);
  if (props.handlerTimeout !== undefined) {
    check(props.handlerTimeout.toMilliseconds() < 30_000, 'handlerTimeout',
      'must be shorter than 30 seconds, the API Gateway integration timeout', props.handlerTimeout);
  }
  if (props.handlerMemorySize !== undefined && isConcrete(props.handlerMemorySize)) {
    check(Number.isInteger(props.handlerMemorySize) && props.handlerMemorySize >= 128 && props.handlerMemorySize <= 10240,
      'handlerMemorySize', 'must be an integer from 128 to 10240', props.handlerMemorySize);
  }
  const networkSet = NETWORK_PROPS.filter((k) => props[k] !== undefined);
  check(!(props.handler && networkSet.length > 0), 'handler',
    `is your own function: vpc, vpcSubnets, egress and interfaceEndpoints configure the built-in handler and must be left unset (set: ${networkSet.join(', ')})`,
    props.handler?.node.path);
  check(!(props.vpc && props.egress), 'egress', 'only applies to the VPC the construct creates; it must be left unset with `vpc`', props.egress);
  check(!(props.vpcSubnets && !props.vpc), 'vpcSubnets', 'needs `vpc`', describeSelection(props.vpcSubnets));
  validateRemoval(props);

  const identifier = props.resourceServerIdentifier;
  if (identifier !== undefined && isConcrete(identifier)) {
    check(/^[\x21\x23-\x5B\x5D-\x7E]{1,256}$/.test(identifier), 'resourceServerIdentifier',
      'must be 1 to 256 printable ASCII characters without spaces, quotes or backslashes', identifier);
  }
  const scopeNames = rsScopes.map((s) => s.scopeName);
  for (const name of scopeNames) {
    if (!isConcrete(name)) continue;
    check(/^[\x21\x23-\x2E\x30-\x5B\x5D-\x7E]{1,256}$/.test(name), 'resourceServerScopes',
      'names must be 1 to 256 printable ASCII characters without spaces, quotes, slashes or backslashes', name);
  }
  check(new Set(scopeNames).size === scopeNames.length, 'resourceServerScopes', 'names must be unique', scopeNames);
  check(scopeNames.length <= MAX_RS_SCOPES, 'resourceServerScopes',
    `must hold at most ${MAX_RS_SCOPES} scopes (Cognito's limit per resource server)`, scopeNames.length);
  validateClients(clients, new Set(scopeNames));

  if (props.defaultRouteScopes) {
    validateScopes('defaultRouteScopes', props.defaultRouteScopes);
    validateReachableScopes('defaultRouteScopes', props.defaultRouteScopes,
      { identifier: identifier ?? 'api', resourceServerScopes: scopeNames, clients });
  }
  validateIdentityNames(scope, props);
  validateApiSettings(props);
  validateProfile(props);
}

/** API Gateway's and Cognito's limits that CloudFormation would otherwise report after minutes. */
const MAX_RS_SCOPES = 100;

function validateIdentityNames(scope: Construct, props: SecureCognitoApiProps): void {
  if (props.userPoolName !== undefined && isConcrete(props.userPoolName)) {
    check(/^[\w\s+=,.@-]{1,128}$/.test(props.userPoolName), 'userPoolName',
      'must be 1 to 128 letters, digits, spaces and the characters +=,.@-_', props.userPoolName);
  }
  const groups = props.groups ?? [];
  const seen = new Set<string>();
  for (const group of groups) {
    // Each group's construct id (and so its logical id) is made from its name.
    check(isConcrete(group), 'groups', 'names must be known at synth time: each group\'s logical id is made from its name', unresolved(scope, group));
    check(/^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,128}$/u.test(group), 'groups',
      'names must be 1 to 128 characters without whitespace', group);
    check(!seen.has(group), 'groups', 'names must be unique', group);
    seen.add(group);
  }
}

function validateApiSettings(props: SecureCognitoApiProps): void {
  if (props.apiName !== undefined && isConcrete(props.apiName)) {
    check(props.apiName.length >= 1 && props.apiName.length <= 128, 'apiName', 'must be 1 to 128 characters', props.apiName);
  }
  const rate = props.throttle?.rateLimit;
  if (rate !== undefined && isConcrete(rate)) {
    check(rate >= 0, 'throttle.rateLimit', 'must be zero or more requests per second', rate);
  }
  const burst = props.throttle?.burstLimit;
  if (burst !== undefined && isConcrete(burst)) {
    check(Number.isInteger(burst) && burst >= 0, 'throttle.burstLimit', 'must be an integer, zero or more', burst);
  }
  const cors = props.cors;
  if (cors) {
    // `https://*` or `https://*.example.com` is as open as `*` for a credentialed request.
    check(!(cors.allowCredentials && (cors.allowOrigins ?? []).some((o) => isConcrete(o) && o.includes('*'))), 'cors.allowOrigins',
      'must list explicit origins when allowCredentials is true (browsers refuse credentials with *)', cors.allowOrigins);
    if (cors.maxAge !== undefined) {
      check(cors.maxAge.toSeconds() <= 86_400, 'cors.maxAge', 'must be at most 1 day (86400 seconds)', cors.maxAge);
    }
  }
  const endpoints = (props.interfaceEndpoints ?? []).map((e) => e.shortName);
  const dup = endpoints.find((e, i) => endpoints.indexOf(e) !== i);
  check(dup === undefined, 'interfaceEndpoints', 'must not repeat a service', dup);
  if (props.handlerTimeout !== undefined && !Token.isUnresolved(props.handlerTimeout.toMilliseconds())) {
    const ms = props.handlerTimeout.toMilliseconds();
    check(ms >= 1000 && ms % 1000 === 0, 'handlerTimeout', 'must be a whole number of seconds, at least 1', props.handlerTimeout);
  }
}

function validateProfile(props: SecureCognitoApiProps): void {
  if (props.logRetention !== undefined && isConcrete(props.logRetention)) {
    check(props.logRetention === logs.RetentionDays.INFINITE || LOG_RETENTION_DAYS.includes(props.logRetention), 'logRetention',
      `must be a retention CloudWatch Logs accepts (${LOG_RETENTION_DAYS.join(', ')} days) or RetentionDays.INFINITE`, props.logRetention);
  }
  const concurrency = props.handlerReservedConcurrency;
  if (concurrency !== undefined && isConcrete(concurrency)) {
    check(Number.isInteger(concurrency) && concurrency >= 1, 'handlerReservedConcurrency',
      'must be an integer of at least 1 (0 would throttle every request)', concurrency);
  }
  const handlerSet = HANDLER_PROPS.filter((k) => props[k] !== undefined);
  check(!(props.handler && handlerSet.length > 0), 'handler',
    `is your own function: handlerTimeout, handlerMemorySize and handlerReservedConcurrency configure the built-in handler and must be left unset (set: ${handlerSet.join(', ')})`,
    props.handler?.node.path);
  check(!(props.alarmTopic && props.alarms === false), 'alarmTopic', 'needs `alarms` on; it is never notified while `alarms` is false',
    props.alarmTopic?.node.path);
  if (props.securityProfile !== SecurityProfile.COMPLIANCE) return;
  const retention = props.logRetention;
  if (retention !== undefined) {
    check(retention === logs.RetentionDays.INFINITE || retention >= logs.RetentionDays.ONE_YEAR, 'logRetention',
      'must be at least one year (365 days) with SecurityProfile.COMPLIANCE', retention);
  }
  check(props.flowLogs !== false, 'flowLogs', 'cannot be turned off with SecurityProfile.COMPLIANCE', props.flowLogs);
}

function validateClients(clients: AppClient[], definedScopes: Set<string>): void {
  check(clients.length >= 1 && clients.length <= MAX_AUDIENCE, 'clients',
    `must hold 1 to ${MAX_AUDIENCE} app clients (the JWT authorizer's audience limit)`, clients.length);
  const seen = new Set<string>();
  const outputNames = new Set<string>();
  for (const client of clients) {
    const prop = `clients[${client.name}]`;
    // Cognito takes 1 to 128 characters of [\w\s+=,.@-]; the name is also a construct id and,
    // without its hyphens, part of output ids, hence letters, digits and hyphens only.
    // https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html#CognitoUserPools-CreateUserPoolClient-request-ClientName
    check(/^[A-Za-z][A-Za-z0-9-]{0,127}$/.test(client.name), 'clients',
      'names must start with a letter and hold up to 128 letters, digits and hyphens (Cognito\'s ClientName limit)', client.name);
    check(!seen.has(client.name.toLowerCase()), 'clients', 'names must be unique (case-insensitive)', client.name);
    seen.add(client.name.toLowerCase());
    // Output ids are `<construct>ClientId<name without hyphens>` (CloudFormation ids are alphanumeric).
    const outputName = client.name.replace(/-/g, '').toLowerCase();
    check(!outputNames.has(outputName), 'clients', 'names must stay unique without their hyphens (the output ids drop them)', client.name);
    outputNames.add(outputName);

    for (const scope of client.resourceServerScopes) {
      check(!isConcrete(scope) || definedScopes.has(scope), `${prop}.resourceServerScopes`,
        `must name scopes of the resource server (${[...definedScopes].join(', ')})`, scope);
    }
    const scopeCount = client.oidcScopes.length + client.resourceServerScopes.length;
    check(scopeCount <= MAX_CLIENT_SCOPES, `${prop}.resourceServerScopes`,
      `and oidcScopes must hold at most ${MAX_CLIENT_SCOPES} scopes together (Cognito's limit per app client)`, scopeCount);
    if (client.kind === 'MACHINE') {
      check(client.resourceServerScopes.length > 0, `${prop}.resourceServerScopes`,
        'must hold at least one scope: Cognito refuses the client credentials grant without a custom scope', client.resourceServerScopes);
    }
    if (client.usesHostedUi) {
      check(client.callbackUrls.length >= 1 && client.callbackUrls.length <= 100, `${prop}.callbackUrls`,
        'must hold 1 to 100 URLs', client.callbackUrls);
      check(client.logoutUrls.length <= 100, `${prop}.logoutUrls`, 'must hold at most 100 URLs', client.logoutUrls);
      client.callbackUrls.forEach((u) => validateRedirectUrl(`${prop}.callbackUrls`, u));
      client.logoutUrls.forEach((u) => validateRedirectUrl(`${prop}.logoutUrls`, u));
      for (const scope of client.oidcScopes) {
        check(['openid', 'email', 'phone', 'profile', 'aws.cognito.signin.user.admin'].includes(scope), `${prop}.oidcScopes`,
          'must be openid, email, phone, profile or aws.cognito.signin.user.admin', scope);
      }
      check(!client.oidcScopes.some((s) => ['email', 'phone', 'profile'].includes(s)) || client.oidcScopes.includes('openid'),
        `${prop}.oidcScopes`, 'must include openid when it includes email, phone or profile', client.oidcScopes);
      check(client.oidcScopes.length + client.resourceServerScopes.length > 0, `${prop}.oidcScopes`,
        'and resourceServerScopes must not both be empty: the access token would carry no scope the API accepts', client.oidcScopes);
    }
    validateValidity(`${prop}.accessTokenValidity`, client.accessTokenValidity, Duration.minutes(5), Duration.days(1));
    if (client.kind !== 'MACHINE') {
      validateValidity(`${prop}.idTokenValidity`, client.idTokenValidity, Duration.minutes(5), Duration.days(1));
      validateValidity(`${prop}.refreshTokenValidity`, client.refreshTokenValidity, Duration.minutes(60), Duration.days(3650));
      check(client.refreshTokenValidity.toMinutes({ integral: false }) > client.accessTokenValidity.toMinutes({ integral: false }),
        `${prop}.refreshTokenValidity`,
        `must be longer than accessTokenValidity (${client.accessTokenValidity.toHumanString()})`, client.refreshTokenValidity);
      check(client.refreshTokenValidity.toMinutes({ integral: false }) >= client.idTokenValidity.toMinutes({ integral: false }),
        `${prop}.refreshTokenValidity`,
        `must not be shorter than idTokenValidity (${client.idTokenValidity.toHumanString()})`, client.refreshTokenValidity);
    }
  }
}

function validateValidity(prop: string, value: Duration, min: Duration, max: Duration): void {
  if (Token.isUnresolved(value.toMinutes({ integral: false }))) return;
  const minutes = value.toMinutes({ integral: false });
  check(minutes >= min.toMinutes() && minutes <= max.toMinutes(), prop,
    `must be between ${min.toHumanString()} and ${max.toHumanString()}`, value);
}

/**
 * Cognito's rules for redirect URLs: absolute, HTTPS except on the loopback host, no fragment.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html#CognitoUserPools-CreateUserPoolClient-request-CallbackURLs
 */
function validateRedirectUrl(prop: string, value: string): void {
  if (!isConcrete(value)) return;
  // new URL() would percent-encode a space; Cognito's pattern refuses any whitespace.
  check(!/\s/.test(value), prop, 'must not contain whitespace', value);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    check(false, prop, 'must hold absolute URLs', value);
    return;
  }
  const loopback = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
  check(url.protocol === 'https:' || (url.protocol === 'http:' && loopback) || !/^https?:$/.test(url.protocol),
    prop, 'must use https (http is allowed only for localhost and 127.0.0.1)', value);
  check(!value.includes('#'), prop, 'must not contain a fragment (#)', value);
  // https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html: redirect_uri
  // must match a callback URL of the client exactly; Cognito has no wildcard matching.
  check(!value.includes('*'), prop, 'must be exact URLs: Cognito matches redirect_uri exactly, so a wildcard (*) never matches', value);
  check(value.length <= 1024, prop, 'must be at most 1024 characters', value);
}

function validateScopes(prop: string, scopes: string[]): void {
  check(scopes.length >= 1 && scopes.length <= MAX_ROUTE_SCOPES, prop,
    `must hold 1 to ${MAX_ROUTE_SCOPES} scopes (without one, a route would accept ID tokens)`, scopes);
  for (const scope of scopes) {
    check(!isConcrete(scope) || /^\S+$/.test(scope), prop, 'must not contain blank or whitespace scopes', scope);
  }
}

/**
 * API Gateway refuses two routes with the same method and path, parameter names aside
 * (`/items/{id}` and `/items/{key}` are the same route). Records the new route keys in `existing`.
 */
export function validateUniqueRoutes(existing: Set<string>, path: string, methods: apigwv2.HttpMethod[]): void {
  if (!isConcrete(path)) return;
  const normalized = path.replace(/\{[^}]*?(\+?)\}/g, '{$1}');
  for (const method of methods) {
    const key = `${method} ${normalized}`;
    check(!existing.has(key), 'path', `${method} is already routed on this path (parameter names aside)`, path);
    existing.add(key);
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

/** What a token accepted by the authorizer can carry: the scopes of the clients and of the resource server. */
export interface ScopeContext {
  readonly identifier: string;
  readonly resourceServerScopes: string[];
  readonly clients: AppClient[];
}

const OIDC_SCOPES = ['openid', 'email', 'phone', 'profile'];
const ADMIN_SCOPE = 'aws.cognito.signin.user.admin';

/**
 * Refuses a route scope that no token the authorizer accepts could ever carry, as `scope()` does:
 * `<identifier>/<name>` must name a scope of the resource server; an OIDC scope must be one a
 * hosted-UI client may request; `aws.cognito.signin.user.admin` needs a client that signs users
 * in (InitiateAuth tokens always carry it). Other scopes (another resource server's, or one a
 * pre-token-generation trigger adds) cannot be judged at synth time and are taken as they are.
 */
export function validateReachableScopes(prop: string, scopes: string[], ctx: ScopeContext): void {
  const prefix = `${ctx.identifier}/`;
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
    } else if (scope === ADMIN_SCOPE) {
      check(signsUsersIn, prop, 'needs a client that signs users in: machine tokens never carry this scope', scope);
    }
  }
}

/** Route rules: API Gateway's path syntax, explicit methods, 1 to 10 scopes that a token can carry. */
export function validateRoute(path: string, methods: apigwv2.HttpMethod[], scopes: string[], ctx: ScopeContext): void {
  if (isConcrete(path)) {
    check(path === '/' || /^(\/(\{[A-Za-z0-9._-]+\+?\}|[A-Za-z0-9._~:@!$&'()*,;=-]+))+$/.test(path), 'path',
      'must start with / and hold segments of letters, digits and ._~:@!$&\'()*,;=- or {param}, without a trailing slash', path);
    const greedy = path.indexOf('+}');
    check(greedy === -1 || greedy === path.length - 2, 'path', 'may have a greedy {param+} only as its last segment', path);
  }
  check(methods.length >= 1, 'methods', 'must hold at least one method', methods);
  for (const method of methods) {
    check(method !== apigwv2.HttpMethod.ANY && method !== apigwv2.HttpMethod.OPTIONS, 'methods',
      'must be explicit methods: ANY and OPTIONS would send CORS preflights through the authorizer', method);
  }
  validateScopes('scopes', scopes);
  validateReachableScopes('scopes', scopes, ctx);
}

/**
 * Removal policy and deletion protection must agree: Cognito refuses to delete a pool whose
 * deletion protection is active, so CloudFormation cannot either (docs/decisions/005).
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-deletion-protection.html
 */
function validateRemoval(props: SecureCognitoApiProps): void {
  if (props.deletionProtection !== true) return;
  check(props.removalPolicy !== RemovalPolicy.DESTROY, 'deletionProtection',
    'must be false or unset with removalPolicy DESTROY: Cognito refuses to delete a protected pool, so `cdk destroy` would end in DELETE_FAILED',
    props.deletionProtection);
  check(props.removalPolicy !== RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE, 'deletionProtection',
    'must be false or unset with removalPolicy RETAIN_ON_UPDATE_OR_DELETE: Cognito refuses to delete a protected pool, so the rollback of a failed first deployment would fail instead of deleting it (use RETAIN to keep a protected pool)',
    props.deletionProtection);
}

/** A subnet selection as the user wrote it, e.g. `{subnetType: "PRIVATE_ISOLATED"}`. */
function describeSelection(selection: ec2.SubnetSelection | undefined): { toHumanString(): string } {
  return {
    toHumanString: () => {
      if (!selection) return 'undefined';
      const parts: string[] = [];
      if (selection.subnetType) parts.push(`subnetType: "${selection.subnetType}"`);
      if (selection.subnetGroupName) parts.push(`subnetGroupName: "${selection.subnetGroupName}"`);
      if (selection.availabilityZones) parts.push(`availabilityZones: [${selection.availabilityZones.map((z) => JSON.stringify(z)).join(', ')}]`);
      if (selection.onePerAz !== undefined) parts.push(`onePerAz: ${selection.onePerAz}`);
      if (selection.subnets) parts.push(`subnets: [${selection.subnets.map((n) => JSON.stringify(isConcrete(n.subnetId) ? n.subnetId : n.node.path)).join(', ')}]`);
      if (selection.subnetFilters) parts.push(`subnetFilters: ${selection.subnetFilters.length} filter(s)`);
      return `{${parts.join(', ')}}`;
    },
  };
}

/**
 * `alarmTopic` given while the alarms stay off (unset under the STANDARD profile): the topic would
 * never be notified. `alarms: false` with a topic is refused earlier, with its own message.
 */
export function validateAlarmTopic(topic: { node: { path: string } } | undefined, alarmsOn: boolean): void {
  check(topic === undefined || alarmsOn, 'alarmTopic',
    'needs the alarms on (`alarms: true` or SecurityProfile.COMPLIANCE): the STANDARD profile creates no alarm, so the topic would never be notified',
    topic?.node.path);
}

/** `alarmEmails`: concrete-or-token addresses, unique, and alarms that can notify them. */
export function validateAlarmEmails(emails: string[] | undefined, alarmsOn: boolean): void {
  if (emails === undefined) return;
  check(alarmsOn, 'alarmEmails', 'needs the alarms on (`alarms: true` or SecurityProfile.COMPLIANCE): without alarms nothing is ever sent', emails);
  for (const email of emails) {
    check(!isConcrete(email) || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email), 'alarmEmails', 'must hold e-mail addresses', email);
  }
  const dup = emails.find((e, i) => isConcrete(e) && emails.indexOf(e) !== i);
  check(dup === undefined, 'alarmEmails', 'must not repeat an address', dup);
}
