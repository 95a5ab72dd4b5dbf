// Apps built from the real construct for the twin. `synthDefault` is what the
// demo synthesizes when test/default.integ.ts is absent (the default props:
// one password-auth client `cli`); `synthMatrix` is the security matrix's
// stack: a password-auth client, a machine client with a custom scope, and
// an addRoute route that requires another custom scope.
import { App, Stack } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { AppClient, SecureCognitoApi, SignUpMode } from '../src';

const CONTEXT = { 'aws:cdk:disable-creation-stack-traces': true };

/** `new SecureCognitoApi(stack, 'Api')` with its defaults; returns the assembly directory. */
export function synthDefault(outdir: string): string {
  const app = new App({ outdir, context: CONTEXT });
  new SecureCognitoApi(new Stack(app, 'TwinDefault'), 'Api');
  return app.synth().directory;
}

/** The scope the matrix's machine client may request (on the default route). */
export const MATRIX_MACHINE_SCOPE = 'api/read';
/** The scope the matrix's addRoute route requires. */
export const MATRIX_ROUTE_SCOPE = 'api/write';

export function synthMatrix(outdir: string): string {
  const app = new App({ outdir, context: CONTEXT });
  const api = new SecureCognitoApi(new Stack(app, 'TwinMatrix'), 'Api', {
    clients: [
      AppClient.passwordAuth('cli'),
      AppClient.machine('machine', { resourceServerScopes: ['read'] }),
    ],
  });
  api.addRoute({ path: '/items', methods: [apigwv2.HttpMethod.POST], scopes: [api.scope('write')] });
  return app.synth().directory;
}

/** The loopback callback every hosted-UI client of the flows app returns to, unless told another. */
export const FLOWS_CALLBACK = 'http://localhost:3000/callback';

/**
 * Every client kind in one app, with loopback callbacks: the flows tests drive each of them
 * (browser sign-in, code exchange, implicit fragment, client_credentials, password auth).
 */
export function synthFlows(outdir: string, signUpMode: SignUpMode = SignUpMode.ADMIN_APPROVAL, callbackUrl = FLOWS_CALLBACK): string {
  const app = new App({ outdir, context: CONTEXT });
  const api = new SecureCognitoApi(new Stack(app, 'TwinFlows'), 'Api', {
    signUpMode,
    clients: [
      AppClient.web('web', { callbackUrls: [callbackUrl], resourceServerScopes: ['read'] }),
      AppClient.confidentialWeb('portal', { callbackUrls: [callbackUrl], resourceServerScopes: ['read'] }),
      AppClient.implicit('implicit', { callbackUrls: [callbackUrl] }),
      AppClient.machine('machine', { resourceServerScopes: ['read', 'write'] }),
      AppClient.machine('reader', { resourceServerScopes: ['read'] }),
      AppClient.passwordAuth('cli'),
    ],
    groups: ['admins'],
  });
  api.addRoute({ path: '/items', methods: [apigwv2.HttpMethod.POST], scopes: [api.scope('write')] });
  return app.synth().directory;
}
