import { Duration } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { only, resources, synth } from './util';
import { AppClient } from '../src';

const CALLBACK = 'https://app.example.org/callback';

/** The client with this ClientName. */
function client(template: ReturnType<typeof synth>['template'], name: string): any {
  const found = Object.values(resources(template, 'AWS::Cognito::UserPoolClient')).filter((r) => r.Properties.ClientName === name);
  if (found.length !== 1) throw new Error(`expected one client named ${name}, found ${found.length}`);
  return found[0].Properties;
}

/** What every client must have, whatever its kind. */
const EVERY_CLIENT = {
  PreventUserExistenceErrors: 'ENABLED',
  EnableTokenRevocation: true,
  AccessTokenValidity: 60,
  TokenValidityUnits: expect.objectContaining({ AccessToken: 'minutes' }),
  AuthSessionValidity: 3,
};

describe('app clients', () => {
  test('default: exactly one client, the password-auth script client with a secret, and nothing hidden', () => {
    const { template, api } = synth();
    template.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
    expect(client(template, 'cli')).toEqual({
      ...client(template, 'cli'),
      ...EVERY_CLIENT,
      GenerateSecret: true,
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      AllowedOAuthFlowsUserPoolClient: false,
      IdTokenValidity: 60,
      RefreshTokenValidity: 43200,
    });
    expect(client(template, 'cli').AllowedOAuthFlows).toBeUndefined();
    expect(client(template, 'cli').CallbackURLs).toBeUndefined();
    expect(api.clients).toHaveLength(1);
  });

  test('web: authorization code, no secret, explicit scopes and URLs, a managed-login branding style', () => {
    const { template } = synth({
      clients: [AppClient.web('spa', { callbackUrls: [CALLBACK], logoutUrls: ['https://app.example.org/'] })],
    });
    expect(client(template, 'spa')).toEqual(expect.objectContaining({
      ...EVERY_CLIENT,
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      CallbackURLs: [CALLBACK],
      LogoutURLs: ['https://app.example.org/'],
      SupportedIdentityProviders: ['COGNITO'],
      // What managed login needs to show its sign-in forms (docs/decisions/004); never USER_PASSWORD_AUTH.
      // No ALLOW_REFRESH_TOKEN_AUTH: a web client rotates its refresh tokens (docs/decisions/065).
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_AUTH'],
    }));
    template.hasResourceProperties('AWS::Cognito::ManagedLoginBranding', {
      UseCognitoProvidedValues: true,
      ClientId: { Ref: Match.stringLikeRegexp('^ApiClientsspa') },
    });
  });

  test('every hosted-UI kind can sign in through managed login: SRP, and choice-based sign-in on Essentials and Plus', () => {
    const hostedUi = (plan: cognito.FeaturePlan) => synth({
      featurePlan: plan,
      clients: [
        AppClient.web('spa', { callbackUrls: [CALLBACK] }),
        AppClient.confidentialWeb('portal', { callbackUrls: [CALLBACK] }),
        AppClient.implicit('legacy', { callbackUrls: [CALLBACK] }),
        AppClient.machine('m2m', { resourceServerScopes: ['read'] }),
        AppClient.passwordAuth('cli'),
      ],
    }).template;
    for (const plan of [cognito.FeaturePlan.ESSENTIALS, cognito.FeaturePlan.PLUS]) {
      const t = hostedUi(plan);
      // The web client rotates its refresh tokens, so Cognito refuses REFRESH_TOKEN_AUTH for it.
      expect(client(t, 'spa').ExplicitAuthFlows).toEqual(['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_AUTH']);
      for (const name of ['portal', 'legacy']) {
        expect(client(t, name).ExplicitAuthFlows).toEqual(['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
      }
      expect(client(t, 'm2m').ExplicitAuthFlows).toEqual(['ALLOW_REFRESH_TOKEN_AUTH']);
      expect(client(t, 'cli').ExplicitAuthFlows).toEqual(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
    }
    // Lite has no choice-based sign-in: SRP only.
    const lite = hostedUi(cognito.FeaturePlan.LITE);
    expect(client(lite, 'spa').ExplicitAuthFlows).toEqual(['ALLOW_USER_SRP_AUTH']);
    for (const name of ['portal', 'legacy']) {
      expect(client(lite, name).ExplicitAuthFlows).toEqual(['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
    }
  });

  test('confidential web: authorization code with a secret', () => {
    const { template } = synth({ clients: [AppClient.confidentialWeb('portal', { callbackUrls: [CALLBACK] })] });
    expect(client(template, 'portal')).toEqual(expect.objectContaining({
      ...EVERY_CLIENT, GenerateSecret: true, AllowedOAuthFlows: ['code'],
    }));
  });

  test('implicit: opt-in only, tokens in the redirect, with a warning', () => {
    const { template, stack } = synth({ clients: [AppClient.implicit('legacy', { callbackUrls: [CALLBACK] })] });
    expect(client(template, 'legacy')).toEqual(expect.objectContaining({
      ...EVERY_CLIENT, GenerateSecret: false, AllowedOAuthFlows: ['implicit'],
    }));
    Annotations.fromStack(stack).hasWarning('/TestStack/Api/Clients/legacy', Match.stringLikeRegexp('uses the implicit grant'));
  });

  test('machine: client_credentials only, a secret, custom scopes only, no callback, no ID or refresh token settings', () => {
    const { template } = synth({ clients: [AppClient.machine('reporting', { resourceServerScopes: ['read'] })] });
    const props = client(template, 'reporting');
    expect(props).toEqual(expect.objectContaining({
      ...EVERY_CLIENT,
      GenerateSecret: true,
      AllowedOAuthFlows: ['client_credentials'],
      AllowedOAuthScopes: ['api/read'],
    }));
    expect(props.CallbackURLs).toBeUndefined();
    expect(props.IdTokenValidity).toBeUndefined();
    expect(props.RefreshTokenValidity).toBeUndefined();
    template.resourceCountIs('AWS::Cognito::ManagedLoginBranding', 0);
  });

  test('password auth without a secret, on request', () => {
    const { template } = synth({ clients: [AppClient.passwordAuth('public-cli', { generateSecret: false })] });
    expect(client(template, 'public-cli').GenerateSecret).toBe(false);
  });

  test('no client ever gets the https://example.com callback the L2 would add', () => {
    const { template } = synth({
      clients: [
        AppClient.web('spa', { callbackUrls: [CALLBACK] }),
        AppClient.implicit('legacy', { callbackUrls: [CALLBACK] }),
        AppClient.machine('m2m', { resourceServerScopes: ['read', 'write'] }),
        AppClient.passwordAuth('cli'),
      ],
    });
    expect(JSON.stringify(template.toJSON())).not.toContain('example.com');
  });

  test('default: 60-minute access and ID tokens, 30-day refresh tokens', () => {
    const props = client(synth({ clients: [AppClient.web('spa', { callbackUrls: [CALLBACK] })] }).template, 'spa');
    expect([props.AccessTokenValidity, props.IdTokenValidity, props.RefreshTokenValidity]).toEqual([60, 60, 43200]);
  });

  test('override: token lifetimes', () => {
    const props = client(synth({
      clients: [AppClient.web('spa', {
        callbackUrls: [CALLBACK],
        accessTokenValidity: Duration.minutes(15),
        idTokenValidity: Duration.minutes(20),
        refreshTokenValidity: Duration.days(1),
      })],
    }).template, 'spa');
    expect([props.AccessTokenValidity, props.IdTokenValidity, props.RefreshTokenValidity]).toEqual([15, 20, 1440]);
  });

  test('override: OIDC and custom scopes of a hosted-UI client', () => {
    const props = client(synth({
      clients: [AppClient.web('spa', { callbackUrls: [CALLBACK], oidcScopes: ['openid'], resourceServerScopes: ['write'] })],
    }).template, 'spa');
    expect(props.AllowedOAuthScopes).toEqual(['openid', 'api/write']);
  });
});

describe('resource server', () => {
  test('default: identifier api with read and write scopes', () => {
    const rs = only(synth().template, 'AWS::Cognito::UserPoolResourceServer');
    expect(rs.Identifier).toBe('api');
    expect(rs.Scopes.map((s: any) => s.ScopeName)).toEqual(['read', 'write']);
  });

  test('override: identifier and scopes', () => {
    const { template, api } = synth({
      resourceServerIdentifier: 'https://orders.example.org',
      resourceServerScopes: [new cognito.ResourceServerScope({ scopeName: 'orders.read', scopeDescription: 'Read orders' })],
      clients: [AppClient.machine('m2m', { resourceServerScopes: ['orders.read'] })],
    });
    const rs = only(template, 'AWS::Cognito::UserPoolResourceServer');
    expect(rs.Identifier).toBe('https://orders.example.org');
    expect(client(template, 'm2m').AllowedOAuthScopes).toEqual(['https://orders.example.org/orders.read']);
    expect(api.scope('orders.read')).toBe('https://orders.example.org/orders.read');
  });
});
