// The deployable configurations, shared by the integ apps (test/*.integ.ts) and by the tests
// that scan them with the security packs (test/security-packs.test.ts): a configuration that
// is deployed is exactly the configuration that is scanned.
import { App, SecretValue, Stack } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as route53 from 'aws-cdk-lib/aws-route53';
import {
  AppClient, AuthDomain, BrandingAsset, BrandingAssetCategory, BrandingAssetExtension, EgressMode, IdentityProvider, LoginBranding,
  SecureCognitoApi, SecurityProfile, SignUpMode, UserPoolFirewall,
} from '../src';

/**
 * A fixed environment, so that the templates do not depend on the machine that synthesizes them.
 * To deploy an integ app, set CDK_INTEG_ACCOUNT and CDK_INTEG_REGION.
 */
export const CONFIG_ENV = {
  account: process.env.CDK_INTEG_ACCOUNT ?? '123456789012',
  region: process.env.CDK_INTEG_REGION ?? 'us-east-1',
};
const ENV = CONFIG_ENV;

/** Context that spares synthesis an AZ lookup (and so AWS credentials) for the fixed environment. */
export const CONFIG_CONTEXT = {
  [`availability-zones:account=${ENV.account}:region=${ENV.region}`]: [`${ENV.region}a`, `${ENV.region}b`],
};

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

/**
 * The brief's full design: the hosted UI and the API behind custom domains with their Route 53
 * records, a NAT gateway per AZ, admin approval and the four client kinds. The region is
 * us-east-1, where the construct can create the hosted UI's certificate (CloudFront takes
 * certificates only from there). To deploy it, set INTEG_HOSTED_ZONE_ID and INTEG_ZONE_NAME to a
 * public hosted zone of yours.
 */
export function customDomainsStack(app: App, id = 'SecureCognitoApiCustomDomains'): Stack {
  const stack = new Stack(app, id, { env: { account: ENV.account, region: 'us-east-1' } });
  const zoneName = process.env.INTEG_ZONE_NAME ?? 'example.com';
  const hostedZone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', {
    hostedZoneId: process.env.INTEG_HOSTED_ZONE_ID ?? 'Z0123456789EXAMPLE',
    zoneName,
  });
  new SecureCognitoApi(stack, 'Api', {
    signUpMode: SignUpMode.ADMIN_APPROVAL,
    egress: EgressMode.NAT_GATEWAY_PER_AZ,
    authDomain: AuthDomain.custom({
      domainName: `auth.${zoneName}`,
      hostedZone,
      // The brief's "root domain isn't in use" case: a placeholder A record on the apex.
      // Leave it off when the apex already resolves, or the deployment fails on the existing record.
      parentDomainRecord: true,
    }),
    apiDomain: { domainName: `api.${zoneName}`, hostedZone },
    clients: [
      AppClient.web('web', {
        callbackUrls: [`https://app.${zoneName}/callback`],
        logoutUrls: [`https://app.${zoneName}/`],
        resourceServerScopes: ['read'],
      }),
      AppClient.implicit('implicit', { callbackUrls: [`https://app.${zoneName}/token`] }),
      AppClient.machine('machine', { resourceServerScopes: ['read'] }),
      AppClient.passwordAuth('cli'),
    ],
  });
  return stack;
}

/**
 * Sign-in methods (#14): passkeys and e-mail one-time codes beside the password, Google and an
 * OIDC provider on the web client, a custom managed login style with a logo, and the WAF web ACL
 * on the user pool. To deploy it: a unique INTEG_AUTH_PREFIX, an SES identity in INTEG_SES_FROM,
 * and the secrets `secure-cognito-api/google` and `secure-cognito-api/corp` in Secrets Manager.
 */
export function signInStack(app: App, id = 'SecureCognitoApiSignIn'): Stack {
  const stack = new Stack(app, id, { env: ENV });
  const fromEmail = process.env.INTEG_SES_FROM ?? 'no-reply@example.com';
  new SecureCognitoApi(stack, 'Api', {
    authDomain: AuthDomain.cognitoPrefix(process.env.INTEG_AUTH_PREFIX ?? 'secure-api-signin'),
    email: cognito.UserPoolEmail.withSES({ fromEmail, sesRegion: ENV.region }),
    signIn: { passkeys: true, emailOtp: true },
    identityProviders: [
      IdentityProvider.google({ clientId: 'google-client-id.apps.googleusercontent.com', clientSecret: SecretValue.secretsManager('secure-cognito-api/google') }),
      IdentityProvider.oidc({
        name: 'Corp',
        clientId: 'corp-client-id',
        clientSecret: SecretValue.secretsManager('secure-cognito-api/corp'),
        issuerUrl: 'https://login.example.com',
      }),
    ],
    branding: LoginBranding.custom({
      settingsJson: JSON.stringify({ categories: { global: { colorSchemeMode: 'LIGHT', pageHeader: { enabled: true } } } }),
      assets: [BrandingAsset.fromBase64(
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><circle cx="32" cy="32" r="30" fill="#0972d3"/></svg>').toString('base64'),
        BrandingAssetExtension.SVG, { category: BrandingAssetCategory.FORM_LOGO })],
    }),
    firewall: UserPoolFirewall.create(),
    clients: [
      AppClient.web('web', {
        callbackUrls: ['https://app.example.com/callback'],
        resourceServerScopes: ['read'],
        identityProviders: ['Google', 'Corp'],
      }),
      AppClient.passwordAuth('cli'),
    ],
  });
  return stack;
}
