// Federated identity providers: the providers created, the clients' SupportedIdentityProviders,
// their dependencies, secrets kept out of the template, and the refusals with exact messages.
import { App, CfnParameter, SecretValue, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { resources, synth } from './util';
import { AppClient, IdentityProvider, SecureCognitoApi, SecureCognitoApiProps } from '../src';

const cb = { callbackUrls: ['https://app.example.com/cb'] };
const google = IdentityProvider.google({ clientId: 'g-id', clientSecret: SecretValue.secretsManager('google-secret') });
const corp = IdentityProvider.oidc({
  name: 'Corp', clientId: 'c-id', clientSecret: SecretValue.secretsManager('corp-secret'), issuerUrl: 'https://login.corp.example.com',
});
const apple = IdentityProvider.apple({
  servicesId: 'com.example.app', teamId: 'TEAM123456', keyId: 'KEY1234567', privateKey: SecretValue.secretsManager('apple-key'),
});
const saml = IdentityProvider.saml({
  name: 'Entra', metadata: cognito.UserPoolIdentityProviderSamlMetadata.url('https://login.example.com/metadata.xml'),
});

function providerByName(template: any, name: string): any {
  return Object.values(resources(template, 'AWS::Cognito::UserPoolIdentityProvider')).find((p) => p.Properties.ProviderName === name);
}
function client(template: any, name: string): any {
  return Object.values(resources(template, 'AWS::Cognito::UserPoolClient')).find((c) => c.Properties.ClientName === name);
}

describe('federation', () => {
  test('default: no provider; hosted-UI clients support COGNITO alone, other clients nothing', () => {
    // GIVEN / WHEN
    const { template, api } = synth({ clients: [AppClient.web('web', cb), AppClient.passwordAuth('cli')] });
    // THEN
    template.resourceCountIs('AWS::Cognito::UserPoolIdentityProvider', 0);
    expect(api.identityProviders).toEqual([]);
    expect(client(template, 'web').Properties.SupportedIdentityProviders).toEqual(['COGNITO']);
    expect(client(template, 'cli').Properties.SupportedIdentityProviders).toBeUndefined();
  });

  test('Google, Apple, OIDC and SAML: one provider each, with the default scopes and e-mail mapping', () => {
    // GIVEN / WHEN
    const { template, api } = synth({ identityProviders: [google, apple, corp, saml], clients: [AppClient.web('web', cb)] });
    // THEN
    expect(api.identityProviders).toHaveLength(4);
    expect(providerByName(template, 'Google').Properties).toMatchObject({
      ProviderType: 'Google',
      ProviderDetails: { client_id: 'g-id', authorize_scopes: 'openid email profile' },
      AttributeMapping: { email: 'email' },
    });
    expect(providerByName(template, 'SignInWithApple').Properties).toMatchObject({
      ProviderType: 'SignInWithApple',
      ProviderDetails: { client_id: 'com.example.app', team_id: 'TEAM123456', key_id: 'KEY1234567', authorize_scopes: 'email name' },
    });
    expect(providerByName(template, 'Corp').Properties).toMatchObject({
      ProviderType: 'OIDC',
      ProviderDetails: { client_id: 'c-id', oidc_issuer: 'https://login.corp.example.com', authorize_scopes: 'openid email profile', attributes_request_method: 'GET' },
      AttributeMapping: { email: 'email' },
    });
    expect(providerByName(template, 'Entra').Properties).toMatchObject({
      ProviderType: 'SAML',
      ProviderDetails: { MetadataURL: 'https://login.example.com/metadata.xml', IDPSignout: false },
      AttributeMapping: { email: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress' },
    });
  });

  test('secrets are dynamic references, never the secret itself', () => {
    // GIVEN / WHEN
    const { stack, template } = synth({ identityProviders: [google, apple, corp], clients: [AppClient.web('web', cb)] });
    // THEN
    const resolved = (name: string, key: string) => stack.resolve(providerByName(template, name).Properties.ProviderDetails[key]);
    expect(JSON.stringify(resolved('Google', 'client_secret'))).toContain('{{resolve:secretsmanager:google-secret');
    expect(JSON.stringify(resolved('SignInWithApple', 'private_key'))).toContain('{{resolve:secretsmanager:apple-key');
    expect(JSON.stringify(resolved('Corp', 'client_secret'))).toContain('{{resolve:secretsmanager:corp-secret');
    expect(JSON.stringify(template.toJSON().Outputs ?? {})).not.toMatch(/secret/i);
  });

  test('override: a NoEcho parameter is taken as a secret', () => {
    // GIVEN
    const app = new App();
    const stack = new Stack(app, 'TestStack');
    const param = new CfnParameter(stack, 'CorpSecret', { noEcho: true });
    // WHEN
    new SecureCognitoApi(stack, 'Api', {
      identityProviders: [IdentityProvider.oidc({ name: 'Corp', clientId: 'c', clientSecret: SecretValue.cfnParameter(param), issuerUrl: 'https://x.example.com' })],
      clients: [AppClient.web('web', cb)],
    });
    // THEN
    expect(providerByName(Template.fromStack(stack), 'Corp').Properties.ProviderDetails.client_secret).toEqual({ Ref: 'CorpSecret' });
  });

  test('a client lists exactly the providers it names, after COGNITO, and depends on them', () => {
    // GIVEN / WHEN
    const { template } = synth({
      identityProviders: [google, corp],
      clients: [AppClient.web('web', { ...cb, identityProviders: ['Google', 'Corp'] }), AppClient.web('plain', cb)],
    });
    // THEN
    const web = client(template, 'web');
    expect(web.Properties.SupportedIdentityProviders).toEqual(['COGNITO', 'Google', 'Corp']);
    const ids = ['Google', 'Corp'].map((n) => Object.entries(resources(template, 'AWS::Cognito::UserPoolIdentityProvider'))
      .find(([, p]) => p.Properties.ProviderName === n)![0]);
    expect(web.DependsOn).toEqual(expect.arrayContaining(ids));
    expect(client(template, 'plain').Properties.SupportedIdentityProviders).toEqual(['COGNITO']);
  });

  test('override: a federation-only client (cognitoSignIn false) lists its providers alone', () => {
    // GIVEN / WHEN
    const { template } = synth({
      identityProviders: [google],
      clients: [AppClient.web('web', { ...cb, identityProviders: ['Google'], cognitoSignIn: false })],
    });
    // THEN
    expect(client(template, 'web').Properties.SupportedIdentityProviders).toEqual(['Google']);
  });

  test('override: attribute mapping and scopes', () => {
    // GIVEN / WHEN
    const { template } = synth({
      identityProviders: [IdentityProvider.google({
        clientId: 'g',
        clientSecret: SecretValue.secretsManager('s'),
        scopes: ['openid', 'email'],
        attributeMapping: { email: cognito.ProviderAttribute.GOOGLE_EMAIL, givenName: cognito.ProviderAttribute.GOOGLE_GIVEN_NAME },
      })],
      clients: [AppClient.web('web', cb)],
    });
    // THEN
    expect(providerByName(template, 'Google').Properties).toMatchObject({
      ProviderDetails: { authorize_scopes: 'openid email' },
      AttributeMapping: { email: 'email', given_name: 'given_name' },
    });
  });
});

describe('federation: refusals', () => {
  const cases: [string, SecureCognitoApiProps, string][] = [
    ['a client naming an unknown provider', { identityProviders: [google], clients: [AppClient.web('web', { ...cb, identityProviders: ['Okta'] })] },
      '`clients[web].identityProviders` must name providers of `identityProviders` (Google), got: "Okta"'],
    ['a client naming a provider when none is defined', { clients: [AppClient.web('web', { ...cb, identityProviders: ['Google'] })] },
      '`clients[web].identityProviders` must name providers of `identityProviders` (none defined), got: "Google"'],
    ['a client naming a provider twice', { identityProviders: [google], clients: [AppClient.web('web', { ...cb, identityProviders: ['Google', 'Google'] })] },
      '`clients[web].identityProviders` must not repeat a provider, got: ["Google", "Google"]'],
    ['a client with no way to sign in', { clients: [AppClient.web('web', { ...cb, cognitoSignIn: false })] },
      '`clients[web].cognitoSignIn` can be false only with at least one of `identityProviders`: the client would offer no way to sign in, got: false'],
    ['two providers of one name', { identityProviders: [google, IdentityProvider.google({ clientId: 'x', clientSecret: SecretValue.secretsManager('y') })] },
      '`identityProviders` names must be unique (case-insensitive), got: "Google"'],
    ['a plain-text client secret', { identityProviders: [IdentityProvider.google({ clientId: 'x', clientSecret: SecretValue.unsafePlainText('s3cr3t') })] },
      '`identityProviders[Google]` clientSecret must come from Secrets Manager or a NoEcho parameter, not plain text written into the template, got: "(plain text, not shown)"'],
    ['a plain-text Apple key', {
      identityProviders: [IdentityProvider.apple({ servicesId: 'a', teamId: 't', keyId: 'k', privateKey: SecretValue.unsafePlainText('-----BEGIN') })],
    }, '`identityProviders[SignInWithApple]` privateKey must come from Secrets Manager or a NoEcho parameter, not plain text written into the template, got: "(plain text, not shown)"'],
    ['an OIDC provider named like a social one', {
      identityProviders: [IdentityProvider.oidc({ name: 'Google', clientId: 'c', clientSecret: SecretValue.secretsManager('s'), issuerUrl: 'https://x.example.com' })],
    }, '`identityProviders[Google]` name must not be a name Cognito reserves (COGNITO, Google, SignInWithApple, Facebook, LoginWithAmazon), got: "Google"'],
    ['a SAML provider name with a space', {
      identityProviders: [IdentityProvider.saml({ name: 'My Corp', metadata: cognito.UserPoolIdentityProviderSamlMetadata.url('https://x.example.com/m') })],
    }, '`identityProviders[My Corp]` name must be 3 to 32 characters without whitespace, not starting or ending with _, got: "My Corp"'],
    ['an SSM SecureString secret (CloudFormation resolves ssm-secure only in the properties it lists)', {
      identityProviders: [IdentityProvider.oidc({ name: 'Corp', clientId: 'c', clientSecret: SecretValue.ssmSecure('/corp/secret'), issuerUrl: 'https://x.example.com' })],
    }, '`identityProviders[Corp]` clientSecret must come from Secrets Manager (`SecretValue.secretsManager()`) or a NoEcho parameter (`SecretValue.cfnParameter()`): CloudFormation resolves ssm-secure references only in the resource properties it lists, and a provider\'s ProviderDetails is not one, got: "{{resolve:ssm-secure:/corp/secret}}"'],
    ['an SSM SecureString Apple key', {
      identityProviders: [IdentityProvider.apple({ servicesId: 'a', teamId: 't', keyId: 'k', privateKey: SecretValue.ssmSecure('/apple/key', '3') })],
    }, '`identityProviders[SignInWithApple]` privateKey must come from Secrets Manager (`SecretValue.secretsManager()`) or a NoEcho parameter (`SecretValue.cfnParameter()`): CloudFormation resolves ssm-secure references only in the resource properties it lists, and a provider\'s ProviderDetails is not one, got: "{{resolve:ssm-secure:/apple/key:3}}"'],
    ['an OIDC issuer over http', {
      identityProviders: [IdentityProvider.oidc({ name: 'Corp', clientId: 'c', clientSecret: SecretValue.secretsManager('s'), issuerUrl: 'http://x.example.com' })],
    }, '`identityProviders[Corp]` issuerUrl must be an https URL, got: "http://x.example.com"'],
  ];

  test.each(cases)('%s', (_name, props, message) => {
    expect(() => synth(props)).toThrow(message);
  });
});
