import { RemovalPolicy } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { only, synth } from './util';
import { AppClient, AuthDomain, SignUpMode } from '../src';
import { prefixStem } from '../src/private/identity';

describe('user pool', () => {
  test('default: admin approval — self sign-up on, no automatic verification, so sign-ups wait for AdminConfirmSignUp', () => {
    const { template } = synth();
    const pool = only(template, 'AWS::Cognito::UserPool');
    expect(pool.AdminCreateUserConfig).toEqual({ AllowAdminCreateUserOnly: false });
    expect(pool.AutoVerifiedAttributes).toEqual([]);
  });

  test('override: admin only — no self sign-up', () => {
    const { template } = synth({ signUpMode: SignUpMode.ADMIN_ONLY });
    const pool = only(template, 'AWS::Cognito::UserPool');
    expect(pool.AdminCreateUserConfig).toEqual({ AllowAdminCreateUserOnly: true });
    expect(pool.AutoVerifiedAttributes).toEqual([]);
  });

  test('override: self-service — e-mail verified with a code, original e-mail kept until verified', () => {
    const { template } = synth({ signUpMode: SignUpMode.SELF_SERVICE });
    const pool = only(template, 'AWS::Cognito::UserPool');
    expect(pool.AdminCreateUserConfig).toEqual({ AllowAdminCreateUserOnly: false });
    expect(pool.AutoVerifiedAttributes).toEqual(['email']);
    expect(pool.UserAttributeUpdateSettings).toEqual({ AttributesRequireVerificationBeforeUpdate: ['email'] });
    expect(pool.VerificationMessageTemplate.DefaultEmailOption).toBe('CONFIRM_WITH_CODE');
  });

  test('default: username sign-in with the e-mail address as an alias, case-insensitive', () => {
    const pool = only(synth().template, 'AWS::Cognito::UserPool');
    expect(pool.AliasAttributes).toEqual(['email']);
    expect(pool.UsernameAttributes).toBeUndefined();
    expect(pool.UsernameConfiguration).toEqual({ CaseSensitive: false });
    expect(pool.Schema).toEqual([{ Name: 'email', Required: true, Mutable: true }]);
  });

  test('override: e-mail as the username', () => {
    const pool = only(synth({ signInAliases: { email: true } }).template, 'AWS::Cognito::UserPool');
    expect(pool.UsernameAttributes).toEqual(['email']);
    expect(pool.AliasAttributes).toBeUndefined();
  });

  test('default: password of 12 characters or more with every character class', () => {
    const pool = only(synth().template, 'AWS::Cognito::UserPool');
    expect(pool.Policies.PasswordPolicy).toEqual({
      MinimumLength: 12,
      RequireLowercase: true,
      RequireUppercase: true,
      RequireNumbers: true,
      RequireSymbols: true,
      TemporaryPasswordValidityDays: 3,
    });
  });

  test('override: longer passwords', () => {
    const pool = only(synth({ passwordMinLength: 20 }).template, 'AWS::Cognito::UserPool');
    expect(pool.Policies.PasswordPolicy.MinimumLength).toBe(20);
  });

  test('default: MFA optional, TOTP only (no SMS)', () => {
    const pool = only(synth().template, 'AWS::Cognito::UserPool');
    expect(pool.MfaConfiguration).toBe('OPTIONAL');
    expect(pool.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
  });

  test('override: MFA required', () => {
    const pool = only(synth({ mfa: cognito.Mfa.REQUIRED }).template, 'AWS::Cognito::UserPool');
    expect(pool.MfaConfiguration).toBe('ON');
    expect(pool.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
  });

  test('default: Essentials plan, no threat protection', () => {
    const pool = only(synth().template, 'AWS::Cognito::UserPool');
    expect(pool.UserPoolTier).toBe('ESSENTIALS');
    expect(pool.UserPoolAddOns).toBeUndefined();
  });

  test('override: the Plus plan turns full threat protection on', () => {
    const pool = only(synth({ featurePlan: cognito.FeaturePlan.PLUS }).template, 'AWS::Cognito::UserPool');
    expect(pool.UserPoolTier).toBe('PLUS');
    expect(pool.UserPoolAddOns).toEqual({ AdvancedSecurityMode: 'ENFORCED' });
  });

  test('override: Plus with threat protection in audit mode', () => {
    const pool = only(synth({
      featurePlan: cognito.FeaturePlan.PLUS,
      threatProtectionMode: cognito.StandardThreatProtectionMode.AUDIT_ONLY,
    }).template, 'AWS::Cognito::UserPool');
    expect(pool.UserPoolAddOns).toEqual({ AdvancedSecurityMode: 'AUDIT' });
  });

  test('default: deletion protection on and the pool retained', () => {
    const { template, stack } = synth();
    template.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtection: 'ACTIVE' }),
    });
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('removalPolicy'));
  });

  test('override: deletion protection off and DESTROY, with a warning', () => {
    const { template, stack } = synth({ deletionProtection: false, removalPolicy: RemovalPolicy.DESTROY });
    template.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Delete',
      Properties: Match.objectLike({ DeletionProtection: 'INACTIVE' }),
    });
    Annotations.fromStack(stack).hasWarning('/TestStack/Api/Identity/UserPool',
      'removalPolicy is destroy: deleting the stack or replacing the user pool deletes every account in it. [ack: cdk-secure-cognito-api:userPoolNotRetained]');
  });

  test('default: a pool name chosen by CloudFormation, Cognito\'s own e-mail sender', () => {
    const pool = only(synth().template, 'AWS::Cognito::UserPool');
    expect(pool.UserPoolName).toBeUndefined();
    expect(pool.EmailConfiguration).toBeUndefined();
  });

  test('override: pool name and SES e-mail', () => {
    const pool = only(synth({
      userPoolName: 'customers',
      email: cognito.UserPoolEmail.withSES({ fromEmail: 'noreply@example.org', sesRegion: 'us-east-1' }),
    }).template, 'AWS::Cognito::UserPool');
    expect(pool.UserPoolName).toBe('customers');
    expect(pool.EmailConfiguration).toEqual(expect.objectContaining({ EmailSendingAccount: 'DEVELOPER', From: 'noreply@example.org' }));
  });

  test('default: no group', () => {
    synth().template.resourceCountIs('AWS::Cognito::UserPoolGroup', 0);
  });

  test('override: groups', () => {
    const { template, api } = synth({ groups: ['admins', 'readers'] });
    template.resourceCountIs('AWS::Cognito::UserPoolGroup', 2);
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'admins' });
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'readers' });
    expect(api.groups).toHaveLength(2);
  });
});

describe('hosted UI domain', () => {
  test('default: a prefix domain unique per stack (stack name + stack UUID), managed login', () => {
    const domain = only(synth().template, 'AWS::Cognito::UserPoolDomain');
    expect(domain.ManagedLoginVersion).toBe(2);
    expect(domain.Domain).toEqual({
      'Fn::Join': ['', ['teststack-', { 'Fn::Select': [2, { 'Fn::Split': ['/', { Ref: 'AWS::StackId' }] }] }]],
    });
  });

  test('override: a given prefix', () => {
    const domain = only(synth({ authDomain: AuthDomain.cognitoPrefix('my-api-login') }).template, 'AWS::Cognito::UserPoolDomain');
    expect(domain.Domain).toBe('my-api-login');
  });

  test('default: no branding style without a hosted-UI client', () => {
    synth().template.resourceCountIs('AWS::Cognito::ManagedLoginBranding', 0);
  });

  test('the Lite plan defaults to the classic hosted UI (its only option) and creates no branding', () => {
    const { template } = synth({
      featurePlan: cognito.FeaturePlan.LITE,
      clients: [AppClient.web('spa', { callbackUrls: ['https://app.example.org/cb'] })],
    });
    expect(only(template, 'AWS::Cognito::UserPoolDomain').ManagedLoginVersion).toBe(1);
    template.resourceCountIs('AWS::Cognito::ManagedLoginBranding', 0);
  });

  test('the default prefix never keeps "aws", "amazon" or "cognito", even rebuilt from the pieces around one', () => {
    expect(prefixStem('amazamazonon')).toBe('');
    expect(prefixStem('cogawsnito-Prod')).toBe('prod');
    expect(prefixStem('My-AWS-Stack')).toBe('mystack');
    expect(prefixStem('Orders-Api')).toBe('orders-api');
    expect(prefixStem('my-long-stack-name-ab-cd-ef')).toBe('my-long-stack-name-a');
    expect(prefixStem('my-long-stack-names-x')).toBe('my-long-stack-names');
  });

  test('override: classic hosted UI', () => {
    const domain = only(synth({ managedLoginVersion: cognito.ManagedLoginVersion.CLASSIC_HOSTED_UI }).template,
      'AWS::Cognito::UserPoolDomain');
    expect(domain.ManagedLoginVersion).toBe(1);
  });
});
