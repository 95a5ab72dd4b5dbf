import { Duration, Token } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as logs from 'aws-cdk-lib/aws-logs';
import { validateDomainPrefix } from './identity';
import { check, isConcrete } from './validate';
import { AppClient } from '../app-client';
import type { SecureCognitoApiProps } from '../secure-cognito-api-props';
import { SecurityProfile } from '../security-profile';

/** API Gateway's limit on JWT authorizer audiences. */
const MAX_AUDIENCE = 50;
/** API Gateway's limit on authorization scopes per route. */
const MAX_ROUTE_SCOPES = 10;

/** Everything that can be checked before any resource is created. */
export function validateProps(props: SecureCognitoApiProps, clients: AppClient[],
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
  check(!(props.handler && (props.vpc || props.vpcSubnets || props.egress || props.interfaceEndpoints)), 'handler',
    'is your own function: vpc, vpcSubnets, egress and interfaceEndpoints configure the built-in handler and must be left unset',
    props.handler?.node.path);
  check(!(props.vpc && props.egress), 'egress', 'only applies to the VPC the construct creates; it must be left unset with `vpc`', props.egress);
  check(!(props.vpcSubnets && !props.vpc), 'vpcSubnets', 'needs `vpc`', props.vpcSubnets?.subnetGroupName ?? 'a selection');

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
    const prefix = `${identifier ?? 'api'}/`;
    for (const scope of props.defaultRouteScopes) {
      if (!isConcrete(scope) || !scope.startsWith(prefix)) continue;
      check(scopeNames.includes(scope.slice(prefix.length)), 'defaultRouteScopes',
        `must name scopes the resource server defines (${scopeNames.map((n) => prefix + n).join(', ')}): no token could carry this one`, scope);
    }
  }
  validateIdentityNames(props);
  validateApiSettings(props);
  validateProfile(props);
}

/** API Gateway's and Cognito's limits that CloudFormation would otherwise report after minutes. */
const MAX_RS_SCOPES = 100;

function validateIdentityNames(props: SecureCognitoApiProps): void {
  if (props.userPoolName !== undefined && isConcrete(props.userPoolName)) {
    check(/^[\w\s+=,.@-]{1,128}$/.test(props.userPoolName), 'userPoolName',
      'must be 1 to 128 letters, digits, spaces and the characters +=,.@-_', props.userPoolName);
  }
  const groups = props.groups ?? [];
  const seen = new Set<string>();
  for (const group of groups) {
    if (!isConcrete(group)) continue;
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
    check(!(cors.allowCredentials && (cors.allowOrigins ?? []).includes('*')), 'cors.allowOrigins',
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
  const concurrency = props.handlerReservedConcurrency;
  if (concurrency !== undefined && isConcrete(concurrency)) {
    check(Number.isInteger(concurrency) && concurrency >= 1, 'handlerReservedConcurrency',
      'must be an integer of at least 1 (0 would throttle every request)', concurrency);
  }
  check(!(props.handler && (props.handlerTimeout || props.handlerMemorySize || concurrency !== undefined)), 'handler',
    'is your own function: handlerTimeout, handlerMemorySize and handlerReservedConcurrency configure the built-in handler and must be left unset',
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
  for (const client of clients) {
    const prop = `clients[${client.name}]`;
    check(/^[A-Za-z][A-Za-z0-9-]{0,63}$/.test(client.name), 'clients',
      'names must start with a letter and hold up to 64 letters, digits and hyphens', client.name);
    check(!seen.has(client.name.toLowerCase()), 'clients', 'names must be unique (case-insensitive)', client.name);
    seen.add(client.name.toLowerCase());

    for (const scope of client.resourceServerScopes) {
      check(!isConcrete(scope) || definedScopes.has(scope), `${prop}.resourceServerScopes`,
        `must name scopes of the resource server (${[...definedScopes].join(', ')})`, scope);
    }
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

/** Route rules: API Gateway's path syntax, explicit methods, 1 to 10 scopes. */
export function validateRoute(path: string, methods: apigwv2.HttpMethod[], scopes: string[]): void {
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
}
