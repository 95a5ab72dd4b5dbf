import { createHash } from 'crypto';
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { only, synth } from './util';
import { AppClient, AuthDomain, SecureCognitoApi, SecurityProfile, SignUpMode, UserPoolEncryption } from '../src';
import { prefixStem } from '../src/private/identity';

/** The first 8 hex digits of the SHA-256 of a construct path. */
function pathHash8(path: string): string {
  return createHash('sha256').update(path).digest('hex').slice(0, 8);
}

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

  test('DESTROY alone: deletion protection follows it (off), so `cdk destroy` can delete the pool, and the logs go too', () => {
    const { template } = synth({ removalPolicy: RemovalPolicy.DESTROY });
    template.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Delete',
      Properties: Match.objectLike({ DeletionProtection: 'INACTIVE' }),
    });
    const logGroups = Object.values<any>(template.findResources('AWS::Logs::LogGroup'));
    expect(logGroups.length).toBeGreaterThanOrEqual(3);
    expect(logGroups.map((r) => r.DeletionPolicy)).toEqual(logGroups.map(() => 'Delete'));
  });

  test('RETAIN_ON_UPDATE_OR_DELETE alone: deletion protection off, so a failed first deployment rolls the pool back', () => {
    const { template, stack } = synth({ removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE });
    template.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'RetainExceptOnCreate',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtection: 'INACTIVE' }),
    });
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('removalPolicy'));
  });

  test('RETAIN with deletion protection turned off explicitly: accepted, the pool is still retained', () => {
    synth({ removalPolicy: RemovalPolicy.RETAIN, deletionProtection: false }).template.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtection: 'INACTIVE' }),
    });
  });

  test('default: the log groups are kept by `cdk destroy` but deleted when the first deployment fails; the key that encrypts the pool is retained like the pool', () => {
    const { template } = synth({ securityProfile: SecurityProfile.COMPLIANCE });
    const logGroups = Object.values<any>(template.findResources('AWS::Logs::LogGroup'));
    expect(logGroups.length).toBeGreaterThanOrEqual(3);
    for (const r of logGroups) {
      expect([r.DeletionPolicy, r.UpdateReplacePolicy]).toEqual(['RetainExceptOnCreate', 'Retain']);
    }
    // Without its key a retained pool cannot read its users, so the key never goes first.
    const [key] = Object.values<any>(template.findResources('AWS::KMS::Key'));
    expect([key.DeletionPolicy, key.UpdateReplacePolicy]).toEqual(['Retain', 'Retain']);
  });

  test('a key that only encrypts logs (the pool on the AWS owned key) is deleted when the first deployment fails', () => {
    const { template } = synth({ securityProfile: SecurityProfile.COMPLIANCE, userPoolEncryption: UserPoolEncryption.awsOwnedKey() });
    const [key] = Object.values<any>(template.findResources('AWS::KMS::Key'));
    expect([key.DeletionPolicy, key.UpdateReplacePolicy]).toEqual(['RetainExceptOnCreate', 'Retain']);
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
  test('default: a prefix domain unique per instance (stack name + path hash + stack UUID), managed login', () => {
    const domain = only(synth().template, 'AWS::Cognito::UserPoolDomain');
    expect(domain.ManagedLoginVersion).toBe(2);
    expect(domain.Domain).toEqual({
      'Fn::Join': ['', [`teststack-${pathHash8('TestStack/Api/Identity')}-`, { 'Fn::Select': [2, { 'Fn::Split': ['/', { Ref: 'AWS::StackId' }] }] }]],
    });
  });

  test('two default instances in one stack, and in two stacks of one app, get distinct valid prefixes', () => {
    const app = new App({ context: { 'aws:cdk:disable-creation-stack-traces': true } });
    const one = new Stack(app, 'One');
    const two = new Stack(app, 'Two-Stack-With-A-Rather-Long-Name');
    new SecureCognitoApi(one, 'Api');
    new SecureCognitoApi(one, 'Admin');
    new SecureCognitoApi(two, 'Api');
    // The stack UUID, as CloudFormation fills it in: 36 characters.
    const uuid = '0f1e2d3c-4b5a-6978-8a9b-acbdcedf0011';
    const prefixes = [one, two].flatMap((s) => Object.values<any>(Template.fromStack(s).findResources('AWS::Cognito::UserPoolDomain'))
      .map((r) => r.Properties.Domain['Fn::Join'][1].map((p: unknown) => (typeof p === 'string' ? p : uuid)).join('')));
    expect(prefixes).toHaveLength(3);
    expect(new Set(prefixes).size).toBe(3);
    for (const prefix of prefixes) {
      // Cognito's pattern and length for a prefix, and none of its reserved words.
      expect(prefix).toMatch(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/);
      expect(prefix).not.toMatch(/aws|amazon|cognito/);
    }
    expect(prefixes[2]).toBe(`two-stack-with-a-${pathHash8('Two-Stack-With-A-Rather-Long-Name/Api/Identity')}-${uuid}`);
    expect(prefixes[2]).toHaveLength(62);
  });

  test('the same explicit prefix twice in one app and region is refused', () => {
    const app = new App();
    const env = { account: '123456789012', region: 'eu-west-1' };
    new SecureCognitoApi(new Stack(app, 'A', { env }), 'Api', { authDomain: AuthDomain.cognitoPrefix('my-login') });
    expect(() => new SecureCognitoApi(new Stack(app, 'B', { env }), 'Api', { authDomain: AuthDomain.cognitoPrefix('my-login') }))
      .toThrow('`authDomain` prefix must be unique in the region, but A/Api already uses it in this app, got: "my-login"');
    // Same stack too, and an environment-agnostic stack could land in the same region.
    const s = new Stack(app, 'C');
    expect(() => new SecureCognitoApi(s, 'Api', { authDomain: AuthDomain.cognitoPrefix('my-login') }))
      .toThrow('`authDomain` prefix must be unique in the region, but A/Api already uses it in this app, got: "my-login"');
  });

  test('the same explicit prefix in two regions, or in two apps, is accepted', () => {
    const app = new App();
    new SecureCognitoApi(new Stack(app, 'A', { env: { region: 'eu-west-1' } }), 'Api', { authDomain: AuthDomain.cognitoPrefix('my-login') });
    expect(() => new SecureCognitoApi(new Stack(app, 'B', { env: { region: 'us-east-1' } }), 'Api',
      { authDomain: AuthDomain.cognitoPrefix('my-login') })).not.toThrow();
    expect(() => new SecureCognitoApi(new Stack(new App(), 'A', { env: { region: 'eu-west-1' } }), 'Api',
      { authDomain: AuthDomain.cognitoPrefix('my-login') })).not.toThrow();
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
    expect(prefixStem('my-long-stack-name-ab-cd-ef')).toBe('my-long-stack-nam');
    expect(prefixStem('my-long-stack-nm-x')).toBe('my-long-stack-nm');
  });

  test('override: classic hosted UI', () => {
    const domain = only(synth({ managedLoginVersion: cognito.ManagedLoginVersion.CLASSIC_HOSTED_UI }).template,
      'AWS::Cognito::UserPoolDomain');
    expect(domain.ManagedLoginVersion).toBe(1);
  });
});
