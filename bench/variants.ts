/**
 * The architectures the benchmarks compare. Each variant adds one complete
 * "API behind Cognito" to a scope: user pool + hosted-UI domain + app client,
 * an API with a Cognito/JWT authorizer, and a Lambda in a 2-AZ VPC.
 *
 * Lambda code: every variant uses the same small asset, the bundled built-in
 * handler (assets/handler/hello.lambda, ~1 KB), so asset hashing and staging
 * cost the same everywhere and cannot skew the synth comparison.
 */
import * as path from 'path';
import { CognitoToApiGatewayToLambda } from '@aws-solutions-constructs/aws-cognito-apigateway-lambda';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

export const HANDLER_ASSET_DIR = path.join(__dirname, '..', 'assets', 'handler', 'hello.lambda');

export interface Variant {
  /** Short key used in JSON output. */
  readonly key: string;
  readonly label: string;
  /** Adds one instance of the architecture under `scope` with construct id `id`. */
  add(scope: Construct, id: string): void;
}

function handlerCode(): lambda.Code {
  return lambda.Code.fromAsset(HANDLER_ASSET_DIR);
}

/** The brief's network: 2 AZs, public + private subnets, one NAT gateway per AZ. */
function briefVpc(scope: Construct): ec2.Vpc {
  return new ec2.Vpc(scope, 'Vpc', { maxAzs: 2, natGateways: 2 });
}

/** AWS Solutions Construct aws-cognito-apigateway-lambda, given the brief's VPC. */
export const SOLUTIONS: Variant = {
  key: 'solutions',
  label: 'Solutions Construct (2 NAT)',
  add(scope, id) {
    const root = new Construct(scope, id);
    const vpc = briefVpc(root);
    const sc = new CognitoToApiGatewayToLambda(root, 'Api', {
      lambdaFunctionProps: {
        runtime: lambda.Runtime.NODEJS_24_X,
        architecture: lambda.Architecture.ARM_64,
        handler: 'index.handler',
        code: handlerCode(),
        vpc,
        vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      },
    });
    // The Solutions Construct makes no hosted-UI domain; the brief has one.
    sc.userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'bench-solutions' } });
  },
};

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
