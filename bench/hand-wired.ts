/** The brief's architecture wired by hand with aws-cdk-lib L2s. */
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { briefVpc, handlerCode, Variant } from './variant';

/** The same architecture wired by hand with aws-cdk-lib L2s. */
export const HAND_WIRED: Variant = {
  key: 'handWired',
  label: 'Hand-wired L2s (2 NAT)',
  add(scope, id) {
    const root = new Construct(scope, id);
    const vpc = briefVpc(root);
    const pool = new cognito.UserPool(root, 'UserPool', {
      selfSignUpEnabled: true,
      signInAliases: { username: true, email: true },
    });
    pool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'bench-hand-wired' } });
    const scope_ = new cognito.ResourceServerScope({ scopeName: 'read', scopeDescription: 'Read' });
    const server = pool.addResourceServer('ResourceServer', { identifier: 'api', scopes: [scope_] });
    const client = pool.addClient('Client', {
      generateSecret: true,
      authFlows: { userPassword: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.resourceServer(server, scope_)],
        callbackUrls: ['https://app.example.org/callback'],
      },
    });
    const fn = new lambda.Function(root, 'Handler', {
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      handler: 'index.handler',
      code: handlerCode(),
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    });
    const api = new apigwv2.HttpApi(root, 'HttpApi');
    const authorizer = new HttpJwtAuthorizer('Jwt', `https://cognito-idp.${pool.env.region}.amazonaws.com/${pool.userPoolId}`, {
      jwtAudience: [client.userPoolClientId],
    });
    api.addRoutes({
      path: '/',
      methods: [apigwv2.HttpMethod.GET],
      integration: new HttpLambdaIntegration('Hello', fn),
      authorizer,
      authorizationScopes: ['api/read'],
    });
  },
};
