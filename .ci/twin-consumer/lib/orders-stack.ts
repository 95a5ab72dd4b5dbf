import * as path from 'path';
import { Stack, StackProps } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

/** A user pool and an HTTP API wired by hand with aws-cdk-lib's L2s. */
export class OrdersStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const pool = new cognito.UserPool(this, 'Pool', { selfSignUpEnabled: false });
    const read = new cognito.ResourceServerScope({ scopeName: 'read', scopeDescription: 'Read orders' });
    const server = pool.addResourceServer('Orders', { identifier: 'orders', scopes: [read] });
    pool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'consumer-orders' } });
    const script = pool.addClient('Script', { userPoolClientName: 'script', generateSecret: true, authFlows: { userPassword: true }, disableOAuth: true });
    const machine = pool.addClient('Machine', {
      userPoolClientName: 'machine',
      generateSecret: true,
      oAuth: { flows: { clientCredentials: true }, scopes: [cognito.OAuthScope.resourceServer(server, read)] },
    });
    const handler = new lambda.Function(this, 'Handler', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset(path.join(__dirname, '..', 'handler')),
    });
    const authorizer = new HttpUserPoolAuthorizer('Authorizer', pool, { userPoolClients: [script, machine] });
    const api = new apigwv2.HttpApi(this, 'Api', { apiName: 'orders' });
    const integration = new HttpLambdaIntegration('Handler', handler);
    api.addRoutes({ path: '/me', methods: [apigwv2.HttpMethod.GET], integration, authorizer });
    api.addRoutes({ path: '/orders', methods: [apigwv2.HttpMethod.GET], integration, authorizer, authorizationScopes: ['orders/read'] });
  }
}
