import { Duration, Stack } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { only, resources, synth } from './util';
import { AppClient } from '../src';

const CALLBACK = 'https://app.example.org/callback';
const ALL_KINDS = [
  AppClient.web('spa', { callbackUrls: [CALLBACK] }),
  AppClient.implicit('legacy', { callbackUrls: [CALLBACK] }),
  AppClient.machine('m2m', { resourceServerScopes: ['read'] }),
  AppClient.passwordAuth('cli'),
];

function routes(template: ReturnType<typeof synth>['template']): any[] {
  return Object.values(resources(template, 'AWS::ApiGatewayV2::Route')).map((r) => r.Properties);
}

function otherFunction(stack: Stack, id: string): lambda.Function {
  return new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 })'),
  });
}

describe('JWT authorizer', () => {
  test('issuer is the user pool, audience is every client id (access tokens carry client_id, not aud)', () => {
    const { template } = synth({ clients: ALL_KINDS });
    const authorizer = only(template, 'AWS::ApiGatewayV2::Authorizer');
    expect(authorizer.AuthorizerType).toBe('JWT');
    expect(authorizer.IdentitySource).toEqual(['$request.header.Authorization']);
    expect(authorizer.JwtConfiguration.Issuer).toEqual({
      'Fn::Join': ['', ['https://issuer-cognito-idp.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }, '/', { Ref: expect.stringMatching(/^ApiIdentityUserPool/) }]],
    });
    const clientIds = Object.keys(resources(template, 'AWS::Cognito::UserPoolClient')).sort();
    expect(clientIds).toHaveLength(4);
    expect(authorizer.JwtConfiguration.Audience.map((a: any) => a.Ref).sort()).toEqual(clientIds);
  });

  test('no hidden client: the number of clients is the number asked for', () => {
    synth({ clients: ALL_KINDS }).template.resourceCountIs('AWS::Cognito::UserPoolClient', 4);
  });
});

describe('default route', () => {
  test('default: GET / behind the JWT authorizer with the InitiateAuth scope of the default client', () => {
    const [route, ...rest] = routes(synth().template);
    expect(rest).toEqual([]);
    expect(route).toEqual(expect.objectContaining({
      RouteKey: 'GET /',
      AuthorizationType: 'JWT',
      AuthorizationScopes: ['aws.cognito.signin.user.admin'],
      AuthorizerId: { Ref: expect.stringMatching(/^ApiHttpApiCognitoJwt/) },
    }));
  });

  test('scopes are the union every client kind carries, so all their access tokens pass and ID tokens (no scope) fail', () => {
    const { template, api } = synth({ clients: ALL_KINDS });
    const expected = ['openid', 'api/read', 'aws.cognito.signin.user.admin'];
    expect(routes(template)[0].AuthorizationScopes).toEqual(expected);
    expect(api.defaultRouteScopes).toEqual(expected);
  });

  test('override: explicit default route scopes', () => {
    const { template } = synth({ defaultRouteScopes: ['api/read'] });
    expect(routes(template)[0].AuthorizationScopes).toEqual(['api/read']);
  });

  test('integration: payload format 2.0 to the handler, with a permission scoped to the route', () => {
    const { template } = synth();
    const integration = only(template, 'AWS::ApiGatewayV2::Integration');
    expect(integration).toEqual(expect.objectContaining({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0', TimeoutInMillis: 29000 }));
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'apigateway.amazonaws.com',
      SourceArn: { 'Fn::Join': ['', Match.arrayWith(['/*/*/'])] },
    });
  });
});

describe('addRoute', () => {
  test('default: GET with the default route scopes and the construct handler', () => {
    const { template } = synth({}, (api) => api.addRoute({ path: '/items' }));
    const route = routes(template).find((r) => r.RouteKey === 'GET /items');
    expect(route.AuthorizationType).toBe('JWT');
    expect(route.AuthorizationScopes).toEqual(['aws.cognito.signin.user.admin']);
    template.resourceCountIs('AWS::ApiGatewayV2::Integration', 1);
  });

  test('override: methods, a custom scope and another function', () => {
    const { template } = synth({}, (api, stack) => api.addRoute({
      path: '/items/{id}',
      methods: [apigwv2.HttpMethod.PUT, apigwv2.HttpMethod.DELETE],
      scopes: [api.scope('write')],
      handler: otherFunction(stack, 'Writer'),
    }));
    const added = routes(template).filter((r) => r.RouteKey.endsWith(' /items/{id}'));
    expect(added.map((r) => r.RouteKey).sort()).toEqual(['DELETE /items/{id}', 'PUT /items/{id}']);
    for (const r of added) {
      expect(r.AuthorizationType).toBe('JWT');
      expect(r.AuthorizationScopes).toEqual(['api/write']);
    }
    template.resourceCountIs('AWS::ApiGatewayV2::Integration', 2);
  });

  test('every route of the API requires the JWT authorizer and at least one scope', () => {
    const { template } = synth({ clients: ALL_KINDS }, (api, stack) => {
      api.addRoute({ path: '/a', methods: [apigwv2.HttpMethod.POST] });
      api.addRoute({ path: '/b', scopes: ['api/read'], handler: otherFunction(stack, 'B') });
    });
    const all = routes(template);
    expect(all).toHaveLength(3);
    for (const r of all) {
      expect(r.AuthorizationType).toBe('JWT');
      expect(r.AuthorizationScopes.length).toBeGreaterThan(0);
    }
  });
});

describe('API name', () => {
  test('default: the construct id', () => {
    expect(only(synth().template, 'AWS::ApiGatewayV2::Api').Name).toBe('Api');
  });

  test('override: a given name', () => {
    expect(only(synth({ apiName: 'orders-api' }).template, 'AWS::ApiGatewayV2::Api').Name).toBe('orders-api');
  });
});

describe('CORS', () => {
  test('default: no CORS configuration', () => {
    expect(only(synth().template, 'AWS::ApiGatewayV2::Api').CorsConfiguration).toBeUndefined();
  });

  test('override: API Gateway answers preflights itself; no OPTIONS route reaches the authorizer', () => {
    const { template } = synth({
      cors: {
        allowOrigins: ['https://app.example.org'],
        allowMethods: [apigwv2.CorsHttpMethod.GET],
        allowHeaders: ['authorization'],
        maxAge: Duration.hours(1),
      },
    });
    expect(only(template, 'AWS::ApiGatewayV2::Api').CorsConfiguration).toEqual({
      AllowOrigins: ['https://app.example.org'], AllowMethods: ['GET'], AllowHeaders: ['authorization'], MaxAge: 3600,
    });
    expect(routes(template).map((r) => r.RouteKey)).toEqual(['GET /']);
  });
});

describe('stage', () => {
  test('default: $default stage, auto-deployed, throttled at 100 rps with bursts of 200', () => {
    const stage = only(synth().template, 'AWS::ApiGatewayV2::Stage');
    expect(stage.StageName).toBe('$default');
    expect(stage.AutoDeploy).toBe(true);
    expect(stage.DefaultRouteSettings).toEqual({ ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 });
  });

  test('override: throttling', () => {
    const stage = only(synth({ throttle: { rateLimit: 5, burstLimit: 10 } }).template, 'AWS::ApiGatewayV2::Stage');
    expect(stage.DefaultRouteSettings).toEqual({ ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 });
  });

  test('access log: JSON with request id, route, status, latency, integration and authorizer errors, and no header or token', () => {
    const { template } = synth();
    const settings = only(template, 'AWS::ApiGatewayV2::Stage').AccessLogSettings;
    const format = JSON.parse(settings.Format);
    expect(format).toEqual(expect.objectContaining({
      requestId: '$context.requestId',
      routeKey: '$context.routeKey',
      status: '$context.status',
      latency: '$context.responseLatency',
      integrationError: '$context.integrationErrorMessage',
      authorizerError: '$context.authorizer.error',
    }));
    expect(settings.Format).not.toMatch(/header|authorization/i);
    expect(settings.DestinationArn).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^ApiAccessLogs/), 'Arn'] });
  });

  test('default: logs kept one month', () => {
    const groups = Object.values(resources(synth().template, 'AWS::Logs::LogGroup'));
    expect(groups).toHaveLength(3);
    for (const g of groups) expect(g.Properties.RetentionInDays).toBe(30);
  });

  test('override: log retention', () => {
    const groups = Object.values(resources(synth({ logRetention: logs.RetentionDays.ONE_YEAR }).template, 'AWS::Logs::LogGroup'));
    for (const g of groups) expect(g.Properties.RetentionInDays).toBe(365);
  });
});
