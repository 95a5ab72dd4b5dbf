// A stand-in for SecureCognitoApi built from plain aws-cdk-lib L2s, with the
// template shape the construct produces: a user pool (alias e-mail, strong
// password policy, admin-only sign-up), a password-auth script client `cli`
// with a secret, a hosted-UI client, a machine client with a custom scope, an
// HTTP API whose JWT authorizer trusts the pool and every client, `GET /`
// requiring the union of the clients' scopes, and an extra route that needs a
// custom scope. The twin's own tests run against it, so they do not depend on
// the construct's progress; the construct's integ app is the demo's input.
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { HelloFunction } from '../src/handler/hello-function';

export const FIXTURE_RESOURCE_SERVER = 'twin-api';
export const FIXTURE_CUSTOM_SCOPE = `${FIXTURE_RESOURCE_SERVER}/items.write`;
export const FIXTURE_READ_SCOPE = `${FIXTURE_RESOURCE_SERVER}/items.read`;

/** Synthesizes the fixture stack into `outdir` and returns the assembly directory. */
export function synthFixture(outdir: string): string {
  const app = new App({ outdir, context: { 'aws:cdk:disable-creation-stack-traces': true } });
  const stack = new Stack(app, 'TwinFixture', { env: { region: 'eu-west-1' } });

  const pool = new cognito.UserPool(stack, 'UserPool', {
    signInAliases: { username: true, email: true },
    selfSignUpEnabled: false,
    passwordPolicy: {
      minLength: 12,
      requireDigits: true,
      requireLowercase: true,
      requireUppercase: true,
      requireSymbols: true,
    },
  });
  const items = new cognito.ResourceServerScope({ scopeName: 'items.write', scopeDescription: 'write items' });
  const read = new cognito.ResourceServerScope({ scopeName: 'items.read', scopeDescription: 'read items' });
  const server = pool.addResourceServer('ResourceServer', { identifier: FIXTURE_RESOURCE_SERVER, scopes: [items, read] });
  pool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'twin-fixture' } });

  const cli = pool.addClient('CliClient', {
    userPoolClientName: 'cli',
    generateSecret: true,
    authFlows: { userPassword: true },
    disableOAuth: true,
  });
  const web = pool.addClient('WebClient', {
    userPoolClientName: 'web',
    generateSecret: false,
    oAuth: {
      flows: { authorizationCodeGrant: true },
      scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL],
      callbackUrls: ['http://localhost:3000/callback'],
    },
  });
  const machine = pool.addClient('MachineClient', {
    userPoolClientName: 'machine',
    generateSecret: true,
    oAuth: {
      flows: { clientCredentials: true },
      scopes: [cognito.OAuthScope.resourceServer(server, read)],
    },
  });

  const fn = new HelloFunction(stack, 'Handler', { timeout: Duration.seconds(5) });
  const api = new apigwv2.HttpApi(stack, 'HttpApi', { createDefaultStage: true });
  const authorizer = new HttpUserPoolAuthorizer('Authorizer', pool, { userPoolClients: [cli, web, machine] });
  const integration = new HttpLambdaIntegration('Integration', fn);

  api.addRoutes({
    path: '/',
    methods: [apigwv2.HttpMethod.GET],
    integration,
    authorizer,
    authorizationScopes: ['aws.cognito.signin.user.admin', 'openid', FIXTURE_READ_SCOPE],
  });
  api.addRoutes({
    path: '/items',
    methods: [apigwv2.HttpMethod.POST],
    integration,
    authorizer,
    authorizationScopes: [FIXTURE_CUSTOM_SCOPE],
  });

  return app.synth().directory;
}
