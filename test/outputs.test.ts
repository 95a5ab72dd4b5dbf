import { synth } from './util';
import { AppClient, SignUpMode } from '../src';

describe('outputs', () => {
  test('default: API URL, user pool id, issuer, hosted UI, token endpoint and the client id', () => {
    const outputs = synth().template.toJSON().Outputs;
    const described = Object.values<any>(outputs).map((o) => o.Description);
    expect(described).toEqual([
      'URL of the HTTP API',
      'Id of the Cognito user pool',
      'Issuer the JWT authorizer trusts',
      'Base URL of the hosted UI (managed login)',
      'OAuth 2.0 token endpoint (authorization_code, refresh_token, client_credentials)',
      'Client id of the password-auth (USER_PASSWORD_AUTH + SECRET_HASH) app client "cli"',
    ]);
  });

  test('hosted-UI clients: sign-in and sign-up URLs, URL-encoded, code for code flows and token for implicit', () => {
    const { template, stack } = synth({
      clients: [
        AppClient.web('spa', { callbackUrls: ['https://app.example.org/cb?x=1'], resourceServerScopes: ['read'] }),
        AppClient.implicit('legacy', { callbackUrls: ['http://localhost:3000/cb'] }),
      ],
    });
    const outputs = Object.entries<any>(template.toJSON().Outputs);
    const find = (prefix: string) => {
      const [, output] = outputs.find(([id]) => id.startsWith(prefix))!;
      return { url: stack.resolve(output.Value)['Fn::Join'][1].map((p: any) => (typeof p === 'string' ? p : '<token>')).join(''), description: output.Description };
    };
    const spaSignUp = find('ApiOutputsSignUpUrlspa');
    expect(spaSignUp.url).toBe('https://<token>.auth.<token>.amazoncognito.com/signup?client_id=<token>&response_type=code'
      + '&scope=openid+email+profile+api%2Fread&redirect_uri=https%3A%2F%2Fapp.example.org%2Fcb%3Fx%3D1');
    expect(spaSignUp.description).toContain('code_challenge_method=S256 (PKCE)');
    expect(find('ApiOutputsSignInUrlspa').url).toMatch(/\/oauth2\/authorize\?client_id=<token>&response_type=code&/);
    const legacySignUp = find('ApiOutputsSignUpUrllegacy');
    expect(legacySignUp.url).toContain('response_type=token&scope=openid+email+profile&redirect_uri=http%3A%2F%2Flocalhost%3A3000%2Fcb');
    expect(legacySignUp.description).toContain('SignupGetTokenURL');
    expect(outputs.filter(([id]) => /SignUpUrl|SignInUrl/.test(id))).toHaveLength(4);
  });

  test('no output ever carries a client secret', () => {
    const { template } = synth({
      clients: [
        AppClient.confidentialWeb('portal', { callbackUrls: ['https://app.example.org/cb'] }),
        AppClient.machine('m2m', { resourceServerScopes: ['read'] }),
        AppClient.passwordAuth('cli'),
      ],
    });
    const json = JSON.stringify(template.toJSON().Outputs);
    expect(json).toContain('ClientId');
    expect(json).not.toContain('ClientSecret');
    // Nothing anywhere in the template reads a secret back (GetAtt ClientSecret would).
    expect(JSON.stringify(template.toJSON())).not.toContain('ClientSecret');
  });

  test('admin-only sign-up: sign-in URLs but no sign-up URL', () => {
    const { template } = synth({
      signUpMode: SignUpMode.ADMIN_ONLY,
      clients: [AppClient.web('spa', { callbackUrls: ['https://app.example.org/cb'] })],
    });
    const ids = Object.keys(template.toJSON().Outputs);
    expect(ids.filter((id) => id.startsWith('ApiOutputsSignInUrl'))).toHaveLength(1);
    expect(ids.filter((id) => id.startsWith('ApiOutputsSignUpUrl'))).toHaveLength(0);
  });

  test('override: no outputs', () => {
    expect(synth({ outputs: false }).template.toJSON().Outputs).toBeUndefined();
  });
});
