// The brief's design: a NAT gateway per AZ for the private Lambda, admin approval of sign-ups,
// and the four client kinds its article uses (code, implicit, client_credentials and the
// USER_PASSWORD_AUTH script client). `npx projen integ:brief:deploy` deploys it.
import { Stack } from 'aws-cdk-lib';
import { integApp } from './integ-app';
import { AppClient, EgressMode, SecureCognitoApi, SignUpMode } from '../src';

const app = integApp();
const stack = new Stack(app, 'SecureCognitoApiBrief');
new SecureCognitoApi(stack, 'Api', {
  signUpMode: SignUpMode.ADMIN_APPROVAL,
  egress: EgressMode.NAT_GATEWAY_PER_AZ,
  clients: [
    AppClient.web('web', { callbackUrls: ['http://localhost:3000/callback'], logoutUrls: ['http://localhost:3000/'] }),
    AppClient.implicit('implicit', { callbackUrls: ['http://localhost:3000/callback'] }),
    AppClient.machine('machine', { resourceServerScopes: ['read'] }),
    AppClient.passwordAuth('cli'),
  ],
});
app.synth();
