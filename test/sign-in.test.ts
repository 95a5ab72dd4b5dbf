// Choice-based sign-in (passkeys, e-mail and SMS one-time codes): defaults, overrides and the
// refusals of private/sign-in-policy.ts, each with its exact message.
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { only, resources, synth } from './util';
import { AppClient, AuthDomain, SecureCognitoApi, SecureCognitoApiProps } from '../src';

const web = AppClient.web('web', { callbackUrls: ['https://app.example.com/cb'] });
const ses = cognito.UserPoolEmail.withSES({ fromEmail: 'no-reply@example.com', sesRegion: 'us-east-1' });
const prefix = AuthDomain.cognitoPrefix('my-app');

/** A stack in us-east-1, so that a prefix domain's full name is known at synth time. */
function build(props: SecureCognitoApiProps): Template {
  const app = new App({ context: { 'aws:cdk:disable-creation-stack-traces': true } });
  const stack = new Stack(app, 'TestStack', { env: { account: '123456789012', region: 'us-east-1' } });
  new SecureCognitoApi(stack, 'Api', props);
  return Template.fromStack(stack);
}

function clientByName(template: Template, name: string): any {
  return Object.values(resources(template, 'AWS::Cognito::UserPoolClient')).find((c) => c.Properties.ClientName === name).Properties;
}

describe('choice-based sign-in', () => {
  test('default: passwords only, no sign-in policy, no passkey settings, USER_AUTH as decision 004 gives it', () => {
    // GIVEN / WHEN
    const { template } = synth({ clients: [web] });
    // THEN
    const pool = only(template, 'AWS::Cognito::UserPool');
    expect(pool.Policies.SignInPolicy).toBeUndefined();
    expect(pool.WebAuthnRelyingPartyID).toBeUndefined();
    expect(pool.WebAuthnUserVerification).toBeUndefined();
    // USER_AUTH is there all the same: decision 004 gives it to hosted-UI clients on Essentials and Plus
    // (no REFRESH_TOKEN_AUTH: the web client rotates its refresh tokens, decision 065).
    expect(clientByName(template, 'web').ExplicitAuthFlows).toEqual(['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_AUTH']);
  });

  test('passkeys: WEB_AUTHN beside PASSWORD, the prefix domain as relying party, user verification required', () => {
    // GIVEN / WHEN
    const template = build({ clients: [web], authDomain: prefix, signIn: { passkeys: true } });
    // THEN
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      Policies: Match.objectLike({ SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'WEB_AUTHN'] } }),
      WebAuthnRelyingPartyID: 'my-app.auth.us-east-1.amazoncognito.com',
      WebAuthnUserVerification: 'required',
    });
  });

  test('passkeys with a custom domain: the custom domain is the relying party', () => {
    // GIVEN
    const stack = new Stack(new App(), 'S', { env: { account: '123456789012', region: 'us-east-1' } });
    const hostedZone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z1', zoneName: 'example.com' });
    // WHEN
    new SecureCognitoApi(stack, 'Api', {
      clients: [web],
      authDomain: AuthDomain.custom({ domainName: 'auth.example.com', hostedZone }),
      signIn: { passkeys: true },
    });
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPool', { WebAuthnRelyingPartyID: 'auth.example.com' });
  });

  test('override: user verification preferred; an explicit relying party without hosted-UI clients', () => {
    // GIVEN / WHEN
    const template = build({
      authDomain: prefix,
      signIn: { passkeys: true, passkeyRelyingPartyId: 'app.example.com', passkeyUserVerification: cognito.PasskeyUserVerification.PREFERRED },
    });
    // THEN
    template.hasResourceProperties('AWS::Cognito::UserPool', { WebAuthnRelyingPartyID: 'app.example.com', WebAuthnUserVerification: 'preferred' });
  });

  test('e-mail one-time codes through SES: EMAIL_OTP, hosted-UI clients allow USER_AUTH, the script client does not', () => {
    // GIVEN / WHEN
    const template = build({ clients: [web, AppClient.passwordAuth('cli')], email: ses, signIn: { emailOtp: true } });
    // THEN
    const pool = only(template, 'AWS::Cognito::UserPool');
    expect(pool.Policies.SignInPolicy.AllowedFirstAuthFactors).toEqual(['PASSWORD', 'EMAIL_OTP']);
    expect(pool.EmailConfiguration.EmailSendingAccount).toBe('DEVELOPER');
    expect(pool.WebAuthnRelyingPartyID).toBeUndefined();
    expect(clientByName(template, 'web').ExplicitAuthFlows).toContain('ALLOW_USER_AUTH');
    expect(clientByName(template, 'cli').ExplicitAuthFlows).not.toContain('ALLOW_USER_AUTH');
  });

  test('SMS one-time codes: SMS_OTP and the role Cognito publishes SMS with', () => {
    // GIVEN / WHEN
    const template = build({ clients: [web], signIn: { smsOtp: true } });
    // THEN
    const pool = only(template, 'AWS::Cognito::UserPool');
    expect(pool.Policies.SignInPolicy.AllowedFirstAuthFactors).toEqual(['PASSWORD', 'SMS_OTP']);
    expect(pool.SmsConfiguration.SnsCallerArn).toBeDefined();
  });

  test('all factors together', () => {
    // GIVEN / WHEN
    const template = build({ clients: [web], authDomain: prefix, email: ses, signIn: { passkeys: true, emailOtp: true, smsOtp: true } });
    // THEN
    expect(only(template, 'AWS::Cognito::UserPool').Policies.SignInPolicy.AllowedFirstAuthFactors)
      .toEqual(['PASSWORD', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN']);
  });
});

describe('choice-based sign-in: refusals', () => {
  const cases: [string, SecureCognitoApiProps, string][] = [
    ['the Lite plan', { featurePlan: cognito.FeaturePlan.LITE, authDomain: prefix, signIn: { passkeys: true } },
      '`signIn` needs featurePlan ESSENTIALS or PLUS (choice-based sign-in with passkeys and one-time codes is not in the Lite plan), got: "LITE"'],
    ['e-mail codes without SES', { signIn: { emailOtp: true } },
      '`signIn.emailOtp` needs `email: cognito.UserPoolEmail.withSES(...)`: Cognito sends one-time codes only through Amazon SES, not its default e-mail sender, got: "COGNITO_DEFAULT"'],
    ['e-mail codes with Cognito\'s sender', { email: cognito.UserPoolEmail.withCognito(), signIn: { emailOtp: true } },
      '`signIn.emailOtp` needs `email: cognito.UserPoolEmail.withSES(...)`: Cognito sends one-time codes only through Amazon SES, not its default e-mail sender, got: "COGNITO_DEFAULT"'],
    ['passkeys on the default prefix domain', { clients: [web], signIn: { passkeys: true } },
      '`signIn.passkeys` needs `authDomain` (a prefix of up to about 30 characters, or a custom domain): the relying party is the hosted UI\'s domain, and the default prefix domain is longer than the 63 characters a relying party ID may have, got: "the default prefix domain"'],
    ['passkeys on a long prefix', { clients: [web], authDomain: AuthDomain.cognitoPrefix('a'.repeat(31)), signIn: { passkeys: true } },
      `\`signIn.passkeys\` needs a hosted UI domain of at most 63 characters, the relying party ID's limit: shorten the \`authDomain\` prefix, got: "${'a'.repeat(31)}.auth.us-east-1.amazoncognito.com"`],
    ['a relying party other than the managed login domain', { clients: [web], authDomain: prefix, signIn: { passkeys: true, passkeyRelyingPartyId: 'example.com' } },
      '`signIn.passkeyRelyingPartyId` must be the hosted UI\'s domain (my-app.auth.us-east-1.amazoncognito.com) when a client signs in through managed login, got: "example.com"'],
    ['a relying party that is a URL', { authDomain: prefix, signIn: { passkeys: true, passkeyRelyingPartyId: 'https://app.example.com' } },
      '`signIn.passkeyRelyingPartyId` must be a lower-case domain name of at most 63 characters, without scheme or port, got: "https://app.example.com"'],
    ['a relying party without passkeys', { signIn: { passkeyRelyingPartyId: 'app.example.com' } },
      '`signIn.passkeyRelyingPartyId` needs `signIn.passkeys` on, got: "app.example.com"'],
    ['user verification without passkeys', { signIn: { passkeyUserVerification: cognito.PasskeyUserVerification.PREFERRED } },
      '`signIn.passkeyUserVerification` needs `signIn.passkeys` on, got: "preferred"'],
  ];

  test.each(cases)('%s', (_name, props, message) => {
    expect(() => build(props)).toThrow(message);
  });
});
