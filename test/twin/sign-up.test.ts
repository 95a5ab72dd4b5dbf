// Sign-up in each mode, as the hosted UI's sign-up page does it (the SignUp call, with
// SECRET_HASH for a client with a secret), against twins of the flows app synthesized with
// SELF_SERVICE and ADMIN_ONLY. ADMIN_APPROVAL, the brief's mode, runs in outside-clients.test.ts
// with the AWS CLI doing the approval.
// SELF_SERVICE: Cognito e-mails a code; the twin's pool keeps it, where the
// twin reads it (Twin.deliveredCode), like a user reading their mailbox.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SignUpMode } from '../../src';
import { synthFlows } from './fixtures/construct-app';
import { secretHash, Twin } from '../../twin/src/emulator/twin';
import { callApi, signInWithForm } from '../../twin/src/harness/walk';

const PASSWORD = 'Tw-Sign-up-7a-password';

async function withTwin(mode: SignUpMode, f: (twin: Twin) => Promise<void>): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-signup-'));
  const twin = await Twin.start(synthFlows(path.join(work, 'cdk.out'), mode), []);
  try {
    await f(twin);
  } finally {
    await twin.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function signUp(twin: Twin, username: string) {
  const cli = twin.client('cli');
  return twin.rpc('SignUp', {
    ClientId: cli.clientId,
    Username: username,
    Password: PASSWORD,
    SecretHash: secretHash(username, cli.clientId, cli.clientSecret!),
    UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }],
  });
}

test('SELF_SERVICE: sign up, cannot sign in yet, confirm with the e-mailed code, sign in on the hosted UI, Hello', async () => {
  await withTwin(SignUpMode.SELF_SERVICE, async (twin) => {
    const cli = twin.client('cli');
    const result = await signUp(twin, 'dana');
    expect(result).toMatchObject({ UserConfirmed: false, CodeDeliveryDetails: { DeliveryMedium: 'EMAIL', AttributeName: 'email' } });
    await expect(twin.signIn(cli, 'dana', PASSWORD)).rejects.toThrow('InitiateAuth: UserNotConfirmedException');
    const code = twin.deliveredCode('dana');
    expect(code).toMatch(/^\d{6}$/);
    await expect(twin.rpc('ConfirmSignUp', { ClientId: cli.clientId, Username: 'dana', ConfirmationCode: '000000', SecretHash: secretHash('dana', cli.clientId, cli.clientSecret!) }))
      .rejects.toThrow('ConfirmSignUp: CodeMismatchException');
    await twin.rpc('ConfirmSignUp', { ClientId: cli.clientId, Username: 'dana', ConfirmationCode: code, SecretHash: secretHash('dana', cli.clientId, cli.clientSecret!) });
    const landed = new URL(await signInWithForm(twin.signInUrl(twin.client('implicit')), { username: 'dana', password: PASSWORD, email: '' }));
    const token = new URLSearchParams(landed.hash.slice(1)).get('access_token')!;
    expect(await callApi(twin, token)).toEqual({ status: 200, body: 'Hello, World! I am dana!' });
  });
});

test('ADMIN_ONLY: sign-up is refused as Cognito refuses it; an administrator-created user signs in', async () => {
  await withTwin(SignUpMode.ADMIN_ONLY, async (twin) => {
    expect(twin.model.userPool.properties.AdminCreateUserConfig.AllowAdminCreateUserOnly).toBe(true);
    await expect(signUp(twin, 'eve')).rejects.toThrow('SignUp: NotAuthorizedException: SignUp is not permitted for this user pool');
    await twin.createUser({ username: 'frank', password: PASSWORD, email: 'frank@example.com' });
    const tokens = await twin.signIn(twin.client('cli'), 'frank', PASSWORD);
    expect(await callApi(twin, tokens.AccessToken)).toEqual({ status: 200, body: 'Hello, World! I am frank!' });
  });
});

test('ADMIN_APPROVAL on the hosted UI sign-up page: the page says an administrator must approve; sign-in says not confirmed', async () => {
  await withTwin(SignUpMode.ADMIN_APPROVAL, async (twin) => {
    const url = twin.signInUrl(twin.client('implicit'), 'signup');
    const page = await (await fetch(url)).text();
    const session = page.match(/name="session" value="([^"]+)"/)![1];
    const res = await fetch(`${twin.hostedUiUrl}/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ session, username: 'gina', email: 'gina@example.com', password: PASSWORD }),
    });
    expect(await res.text()).toContain('An administrator must approve your account before you can sign in.');
    await expect(signInWithForm(twin.signInUrl(twin.client('implicit')), { username: 'gina', password: PASSWORD, email: '' }))
      .rejects.toThrow('sign-in as gina: 200 User is not confirmed.');
    await twin.rpc('AdminConfirmSignUp', { UserPoolId: twin.poolId, Username: 'gina' });
    const landed = new URL(await signInWithForm(twin.signInUrl(twin.client('implicit')), { username: 'gina', password: PASSWORD, email: '' }));
    expect(await callApi(twin, new URLSearchParams(landed.hash.slice(1)).get('access_token')!)).toEqual({ status: 200, body: 'Hello, World! I am gina!' });
  });
});
