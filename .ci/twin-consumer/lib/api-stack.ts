import { Stack, StackProps } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { AppClient, SecureCognitoApi } from 'cdk-secure-cognito-api';
import { Construct } from 'constructs';

export class ApiStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const api = new SecureCognitoApi(this, 'Api', {
      clients: [
        AppClient.web('web', { callbackUrls: ['http://localhost:3000/callback'], resourceServerScopes: ['read'] }),
        AppClient.implicit('implicit', { callbackUrls: ['http://localhost:3000/implicit'] }),
        AppClient.machine('machine', { resourceServerScopes: ['read', 'write'] }),
        AppClient.passwordAuth('cli'),
      ],
    });
    // POST /items: only tokens that carry api/write (the machine client's)
    api.addRoute({ path: '/items', methods: [apigwv2.HttpMethod.POST], scopes: [api.scope('write')] });
  }
}
