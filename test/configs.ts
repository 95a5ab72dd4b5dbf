// The deployable configurations, shared by the integ apps (test/*.integ.ts) and by the tests
// that scan them with the security packs (test/security-packs.test.ts): a configuration that
// is deployed is exactly the configuration that is scanned.
import { App, Stack } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { AppClient, EgressMode, SecureCognitoApi, SecurityProfile, SignUpMode } from '../src';

/**
 * A fixed environment, so that the templates do not depend on the machine that synthesizes them.
 * To deploy an integ app, set CDK_INTEG_ACCOUNT and CDK_INTEG_REGION.
 */
export const CONFIG_ENV = {
  account: process.env.CDK_INTEG_ACCOUNT ?? '123456789012',
  region: process.env.CDK_INTEG_REGION ?? 'us-east-1',
};
const ENV = CONFIG_ENV;

/** The minimal usage: one `new`, every default. */
export function defaultStack(app: App, id = 'SecureCognitoApiDefault'): Stack {
  const stack = new Stack(app, id, { env: ENV });
  new SecureCognitoApi(stack, 'Api');
  return stack;
}

/**
 * The brief's architecture: a NAT gateway per AZ, admin approval of sign-ups, and every client
 * kind the brief's scripts and URLs use (code, implicit, client credentials, USER_PASSWORD_AUTH).
 */
export function briefStack(app: App, id = 'SecureCognitoApiBrief'): Stack {
  const stack = new Stack(app, id, { env: ENV });
  const api = new SecureCognitoApi(stack, 'Api', {
    signUpMode: SignUpMode.ADMIN_APPROVAL,
    egress: EgressMode.NAT_GATEWAY_PER_AZ,
    clients: [
      AppClient.web('web', {
        callbackUrls: ['https://app.example.com/callback', 'http://localhost:3000/callback'],
        logoutUrls: ['https://app.example.com/'],
        resourceServerScopes: ['read'],
      }),
      AppClient.implicit('implicit', { callbackUrls: ['https://app.example.com/implicit'] }),
      AppClient.machine('machine', { resourceServerScopes: ['read', 'write'] }),
      AppClient.passwordAuth('cli'),
    ],
    groups: ['admins', 'readers'],
  });
  api.addRoute({ path: '/items', methods: [apigwv2.HttpMethod.POST], scopes: [api.scope('write')] });
  return stack;
}

/** The opt-in compliance profile: KMS-encrypted logs kept a year, reserved concurrency, alarms. */
export function complianceStack(app: App, id = 'SecureCognitoApiCompliance'): Stack {
  const stack = new Stack(app, id, { env: ENV });
  new SecureCognitoApi(stack, 'Api', {
    securityProfile: SecurityProfile.COMPLIANCE,
    clients: [
      AppClient.web('web', { callbackUrls: ['https://app.example.com/callback'], resourceServerScopes: ['read'] }),
      AppClient.machine('machine', { resourceServerScopes: ['read'] }),
      AppClient.passwordAuth('cli'),
    ],
  });
  return stack;
}
