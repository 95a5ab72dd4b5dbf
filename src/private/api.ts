import { Duration, Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { CfnPermission } from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { validateUniqueRoutes } from './validate-props';

export interface ApiProps {
  readonly apiName?: string;
  /** The issuer of the pool's tokens (private/issuer-url.ts). */
  readonly issuer: string;
  readonly audience: string[];
  readonly cors?: apigwv2.CorsPreflightOptions;
  readonly throttle: apigwv2.ThrottleSettings;
  readonly logRetention: logs.RetentionDays;
  /** Whether only a custom domain serves the API. */
  readonly disableExecuteApiEndpoint?: boolean;
  /** KMS key of the access log group (compliance profile). */
  readonly logEncryptionKey?: kms.IKey;
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
  /** The issuer the authorizer trusts: the user pool's URL. */
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
    this.accessLogGroup = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      encryptionKey: props.logEncryptionKey,
    });
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
