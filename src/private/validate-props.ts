import { Duration, Token } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { validateDomainPrefix } from './identity';
import { check, isConcrete } from './validate';
import { AppClient } from '../app-client';
import type { SecureCognitoApiProps } from '../secure-cognito-api';

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
  validateClients(clients, new Set(scopeNames));

  if (props.defaultRouteScopes) validateScopes('defaultRouteScopes', props.defaultRouteScopes);
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
      check(client.refreshTokenValidity.toMinutes() > client.accessTokenValidity.toMinutes(), `${prop}.refreshTokenValidity`,
        `must be longer than accessTokenValidity (${client.accessTokenValidity.toHumanString()})`, client.refreshTokenValidity);
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
