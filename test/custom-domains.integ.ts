// The brief's full design: the hosted UI and the API behind custom domains, a NAT gateway per AZ,
// admin approval of self-registered users, and the four kinds of client its article uses (code
// with PKCE, implicit, machine-to-machine, USER_PASSWORD_AUTH script).
//
// `npx projen integ:custom-domains:snapshot` synthesizes it offline into the committed snapshot;
// `npx projen integ:custom-domains:deploy` deploys it for real: set INTEG_HOSTED_ZONE_ID and
// INTEG_ZONE_NAME to a public hosted zone of yours in that account (the stack then differs from
// the snapshot, which the deploy task replaces).
import { Stack } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { integApp } from './integ-app';
import { AppClient, AuthDomain, EgressMode, SecureCognitoApi, SignUpMode } from '../src';

const account = process.env.CDK_DEFAULT_ACCOUNT && process.env.INTEG_HOSTED_ZONE_ID ? process.env.CDK_DEFAULT_ACCOUNT : '123456789012';
// us-east-1: the construct creates the hosted UI's certificate, which CloudFront takes only from there.
const region = 'us-east-1';
const zoneName = process.env.INTEG_ZONE_NAME ?? 'example.com';

const app = integApp({
  // The AZs of the created VPC, so that synth never looks them up in an account.
  [`availability-zones:account=${account}:region=${region}`]: [`${region}a`, `${region}b`],
});
const stack = new Stack(app, 'SecureCognitoApiCustomDomains', { env: { account, region } });

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
