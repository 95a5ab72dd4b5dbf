// Passwordless sign-in beside MFA and administrator approval: passkeys count as MFA (with user
// verification), one-time codes are refused where Cognito would never offer them, and the e-mail
// codes of an approved user need the address verified by the approver.
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { AppClient, AuthDomain, SecureCognitoApi, SecureCognitoApiProps, SignUpMode } from '../src';

const web = AppClient.web('web', { callbackUrls: ['https://app.example.com/cb'] });
const ses = cognito.UserPoolEmail.withSES({ fromEmail: 'no-reply@example.com', sesRegion: 'us-east-1' });
const authDomain = AuthDomain.cognitoPrefix('my-app');

function build(props: SecureCognitoApiProps): { stack: Stack; pool: any } {
  const app = new App({ context: { 'aws:cdk:disable-creation-stack-traces': true } });
  const stack = new Stack(app, 'TestStack', { env: { account: '123456789012', region: 'us-east-1' } });
  new SecureCognitoApi(stack, 'Api', { clients: [web], authDomain, ...props });
  const pools = Object.values(Template.fromStack(stack).findResources('AWS::Cognito::UserPool'));
  return { stack, pool: pools[0].Properties };
}

describe('passkeys and MFA', () => {
  test('default (MFA optional): a passkey with user verification counts as MFA, so a user who adds TOTP keeps passkey sign-in', () => {
    // GIVEN / WHEN
    const { pool } = build({ signIn: { passkeys: true } });
    // THEN
    expect(pool.MfaConfiguration).toBe('OPTIONAL');
    expect(pool.WebAuthnFactorConfiguration).toBe('MULTI_FACTOR_WITH_USER_VERIFICATION');
    expect(pool.WebAuthnUserVerification).toBe('required');
  });

  test('MFA required: passkeys stay offered, as a multi-factor sign-in', () => {
    // GIVEN / WHEN
    const { pool } = build({ signIn: { passkeys: true }, mfa: cognito.Mfa.REQUIRED });
    // THEN
    expect(pool.MfaConfiguration).toBe('ON');
    expect(pool.Policies.SignInPolicy.AllowedFirstAuthFactors).toEqual(['PASSWORD', 'WEB_AUTHN']);
    expect(pool.WebAuthnFactorConfiguration).toBe('MULTI_FACTOR_WITH_USER_VERIFICATION');
  });

  test('override: MFA off leaves passkeys a single factor (Cognito\'s default)', () => {
    // GIVEN / WHEN
    const { pool } = build({ signIn: { passkeys: true }, mfa: cognito.Mfa.OFF });
    // THEN
    expect(pool.WebAuthnFactorConfiguration).toBeUndefined();
  });

  test('override: user verification only preferred leaves passkeys a single factor (no second factor without it)', () => {
    // GIVEN / WHEN
    const { pool } = build({ signIn: { passkeys: true, passkeyUserVerification: cognito.PasskeyUserVerification.PREFERRED } });
    // THEN
    expect(pool.WebAuthnUserVerification).toBe('preferred');
    expect(pool.WebAuthnFactorConfiguration).toBeUndefined();
  });

  test('without passkeys: no factor configuration', () => {
    // GIVEN / WHEN
    const { pool } = build({ signIn: { emailOtp: true }, email: ses });
    // THEN
    expect(pool.WebAuthnFactorConfiguration).toBeUndefined();
  });
});

describe('one-time codes and MFA: refusals', () => {
  const cases: [string, SecureCognitoApiProps, string][] = [
    ['e-mail codes with MFA required', { signIn: { emailOtp: true }, email: ses, mfa: cognito.Mfa.REQUIRED },
      '`signIn.emailOtp` needs `mfa` OPTIONAL or OFF: with MFA required Cognito never offers a one-time code as the first factor (passkeys, which count as MFA with user verification, still work), got: "REQUIRED"'],
    ['SMS codes with MFA required', { signIn: { smsOtp: true }, mfa: cognito.Mfa.REQUIRED },
      '`signIn.smsOtp` needs `mfa` OPTIONAL or OFF: with MFA required Cognito never offers a one-time code as the first factor (passkeys, which count as MFA with user verification, still work), got: "REQUIRED"'],
  ];

  test.each(cases)('%s', (_name, props, message) => {
    expect(() => build(props)).toThrow(message);
  });
});

describe('e-mail codes and administrator approval', () => {
  const message = 'signIn.emailOtp with signUpMode ADMIN_APPROVAL: AdminConfirmSignUp leaves email_verified false, and Cognito sends one-time codes only to a verified address. '
    + 'Approve with `aws cognito-idp admin-update-user-attributes --user-attributes Name=email,Value=<address> Name=email_verified,Value=true` as well (docs/clients/approve-sign-up.sh does).';

  test('ADMIN_APPROVAL (the default): a warning names the approval step that verifies the address', () => {
    // GIVEN / WHEN
    const { stack } = build({ signIn: { emailOtp: true }, email: ses });
    // THEN
    Annotations.fromStack(stack).hasWarning('/TestStack/Api', Match.stringLikeRegexp(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  });

  test('SELF_SERVICE: the user verifies the address at sign-up, no warning', () => {
    // GIVEN / WHEN
    const { stack } = build({ signIn: { emailOtp: true }, email: ses, signUpMode: SignUpMode.SELF_SERVICE });
    // THEN
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('email_verified'));
  });

  test('the approval script verifies the address along with the confirmation', () => {
    // GIVEN
    const script = fs.readFileSync(path.join(__dirname, '..', 'docs', 'clients', 'approve-sign-up.sh'), 'utf8');
    // THEN
    expect(script).toContain('aws cognito-idp admin-confirm-sign-up');
    expect(script).toMatch(/aws cognito-idp admin-update-user-attributes [^\n]*\\\n\s*--user-attributes Name=email,Value="\$EMAIL" Name=email_verified,Value=true\n/);
    expect(script).toContain('VERIFY_EMAIL="yes"');
  });
});
