import { Duration, Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { CfnPermission } from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { createLogGroup, DataPolicy } from './data-resources';
import { apiScopes, ScopeContext, validateDerivedRouteScopes, validateRouteScopes } from './scopes';
import { check, isConcrete } from './validate';
import type { SecureCognitoApiProps } from '../secure-cognito-api-props';

export interface ApiProps {
  readonly apiName?: string;
  /** The issuer of the pool's tokens (private/issuer-url.ts). */
  readonly issuer: string;
  readonly audience: string[];
  readonly cors?: apigwv2.CorsPreflightOptions;
  readonly throttle: apigwv2.ThrottleSettings;
  /** How the access log group is born. */
  readonly logs: DataPolicy;
  /** Whether only a custom domain serves the API. */
  readonly disableExecuteApiEndpoint?: boolean;
}

/**
 * The fields of the JSON access log line. No header, no token, no query string: only what
 * explains a request's fate (which route, which status, how long, and why the authorizer or the
 * integration refused it).
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html
 */
export const ACCESS_LOG_FIELDS: Record<string, string> = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTimeEpoch',
  ip: '$context.identity.sourceIp',
  httpMethod: '$context.httpMethod',
  routeKey: '$context.routeKey',
  path: '$context.path',
  protocol: '$context.protocol',
  status: '$context.status',
  responseLength: '$context.responseLength',
  latency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationStatus: '$context.integrationStatus',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  errorMessage: '$context.error.message',
  clientId: '$context.authorizer.claims.client_id',
};

/** The HTTP API, its `$default` stage with access logs and throttling, and the JWT authorizer. */
export class Api extends Construct {
  public readonly httpApi: apigwv2.HttpApi;
  public readonly stage: apigwv2.HttpStage;
  public readonly authorizer: HttpJwtAuthorizer;
  public readonly accessLogGroup: logs.LogGroup;
  /** The issuer the authorizer trusts: the user pool's (IssuerConfiguration). */
  public readonly issuer: string;
  private readonly integrations = new Map<lambda.IFunction, HttpLambdaIntegration>();
  private readonly routeKeys = new Set<string>();

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    this.httpApi = new apigwv2.HttpApi(this, 'HttpApi', {
      apiName: props.apiName,
      description: 'HTTP API behind a Cognito JWT authorizer (cdk-secure-cognito-api)',
      // The default stage cannot have access logs or throttling: we add our own `$default`.
      createDefaultStage: false,
      corsPreflight: props.cors,
      disableExecuteApiEndpoint: props.disableExecuteApiEndpoint ?? false,
    });
    this.accessLogGroup = createLogGroup(this, 'AccessLogs', props.logs);
    this.stage = this.httpApi.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(this.accessLogGroup),
        format: apigw.AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });

    // Cognito access tokens have no `aud` claim; API Gateway then matches `client_id` against
    // the audience. The issuer is the pool itself, so tokens of any other pool are refused.
    this.issuer = props.issuer;
    this.authorizer = new HttpJwtAuthorizer('CognitoJwt', this.issuer, {
      authorizerName: 'CognitoJwt',
      identitySource: ['$request.header.Authorization'],
      jwtAudience: props.audience,
    });
  }

  /** Adds routes for each method of a path, behind the JWT authorizer with the given scopes. */
  public addRoutes(path: string, methods: apigwv2.HttpMethod[], scopes: string[], handler: lambda.IFunction): apigwv2.HttpRoute[] {
    validateUniqueRoutes(this.routeKeys, path, methods);
    const routes = this.httpApi.addRoutes({
      path,
      methods,
      integration: this.integrationFor(handler),
      authorizer: this.authorizer,
      authorizationScopes: scopes,
    });
    routes.forEach(pinInvokePermission);
    return routes;
  }

  private integrationFor(handler: lambda.IFunction): HttpLambdaIntegration {
    let integration = this.integrations.get(handler);
    if (!integration) {
      integration = new HttpLambdaIntegration(`Integration${this.integrations.size}`, handler, {
        payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_2_0,
        timeout: Duration.seconds(29),
      });
      this.integrations.set(handler, integration);
    }
    return integration;
  }
}

/**
 * The integration lets apigateway.amazonaws.com invoke the function from this API's execute-api
 * ARN. The ARN is an Fn::Join that Control Tower's CT.LAMBDA.PR.2 cannot read, so the permission
 * also names the account (a literal when the stack has an explicit account).
 */
function pinInvokePermission(route: apigwv2.HttpRoute): void {
  for (const child of route.node.findAll()) {
    if (child instanceof CfnPermission) {
      child.sourceAccount = child.sourceAccount ?? Stack.of(route).account;
    }
  }
}

/**
 * The API's settings and the default route's scopes: API Gateway's limits on names, throttling
 * and CORS, and scopes that a token of a configured client can carry.
 */
export function validateApi(props: SecureCognitoApiProps, ctx: ScopeContext): void {
  if (props.defaultRouteScopes) {
    validateRouteScopes('defaultRouteScopes', props.defaultRouteScopes, ctx);
  } else {
    validateDerivedRouteScopes(apiScopes(ctx.clients, ctx.identifier));
  }
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
  validateRouteScopes('scopes', scopes, ctx);
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
