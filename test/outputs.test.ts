import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { synth } from './util';
import { AppClient, AuthDomain, SecureCognitoApi, SignUpMode } from '../src';

describe('outputs', () => {
  test('default: API URL, user pool id, issuer and the client id; no hosted UI or token endpoint, which `cli` cannot use', () => {
    const outputs = synth().template.toJSON().Outputs;
    expect(Object.fromEntries(Object.entries<any>(outputs).map(([k, o]) => [k, o.Description]))).toEqual({
      ApiApiUrl: 'URL of the HTTP API',
      ApiUserPoolId: 'Id of the Cognito user pool',
      ApiIssuer: 'Issuer the JWT authorizer trusts',
      ApiClientIdcli: 'Client id of the password-auth (USER_PASSWORD_AUTH + SECRET_HASH) app client "cli"',
    });
  });

  test('the hosted UI only with a hosted-UI client, the token endpoint only with a client that calls it', () => {
    const keys = (clients: AppClient[]) => Object.keys(synth({ clients }).template.toJSON().Outputs);
    const machine = AppClient.machine('m2m', { resourceServerScopes: ['read'] });
    const implicit = AppClient.implicit('legacy', { callbackUrls: ['https://app.example.org/cb'] });
    const web = AppClient.web('spa', { callbackUrls: ['https://app.example.org/cb'] });
    expect(keys([machine])).toEqual(['ApiApiUrl', 'ApiUserPoolId', 'ApiIssuer', 'ApiTokenEndpoint', 'ApiClientIdm2m']);
    expect(keys([implicit])).toEqual(['ApiApiUrl', 'ApiUserPoolId', 'ApiIssuer', 'ApiHostedUiUrl', 'ApiClientIdlegacy',
      'ApiSignInUrllegacy', 'ApiSignUpUrllegacy']);
    const both = synth({ clients: [web, machine] }).template.toJSON().Outputs;
    expect(both.ApiTokenEndpoint.Description).toBe('OAuth 2.0 token endpoint (authorization_code, refresh_token, client_credentials)');
    expect(both.ApiHostedUiUrl.Description).toBe('Base URL of the hosted UI (managed login)');
  });

  test('predictable output ids: `<construct path><Name><client without hyphens>`, no hash, `cli` and `cli-admin` apart', () => {
    const app = new App();
    const stack = new Stack(app, 'S');
    const clients = [AppClient.passwordAuth('cli'), AppClient.passwordAuth('cli-admin')];
    new SecureCognitoApi(stack, 'Api', { clients, authDomain: AuthDomain.cognitoPrefix('one-login') });
    new SecureCognitoApi(new Construct(stack, 'Backend'), 'Orders-Api', { clients, authDomain: AuthDomain.cognitoPrefix('two-login') });
    const outputs = Template.fromStack(stack).toJSON().Outputs;
    expect(Object.keys(outputs).sort()).toEqual([
      'ApiApiUrl', 'ApiClientIdcli', 'ApiClientIdcliadmin', 'ApiIssuer', 'ApiUserPoolId',
      'BackendOrdersApiApiUrl', 'BackendOrdersApiClientIdcli', 'BackendOrdersApiClientIdcliadmin', 'BackendOrdersApiIssuer', 'BackendOrdersApiUserPoolId',
    ]);
    expect(outputs.ApiClientIdcli.Description).toContain('"cli"');
    expect(outputs.ApiClientIdcliadmin.Description).toContain('"cli-admin"');
  });

  test('alarms: the topic ARN is an output, and alarmEmails subscribe to it', () => {
    const { template, stack } = synth({ alarms: true, alarmEmails: ['ops@example.com', 'oncall@example.com'] });
    const outputs = template.toJSON().Outputs;
    expect(outputs.ApiAlarmTopicArn.Value).toEqual({ Ref: expect.stringMatching(/^ApiAlarmsTopic/) });
    template.resourceCountIs('AWS::SNS::Subscription', 2);
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email', Endpoint: 'ops@example.com', TopicArn: { Ref: outputs.ApiAlarmTopicArn.Value.Ref },
    });
    Annotations.fromStack(stack).hasNoInfo('*', Match.stringLikeRegexp('no subscription'));
  });

  test('alarms without alarmEmails: quiet, but an info annotation says so', () => {
    const { template, stack } = synth({ alarms: true });
    template.resourceCountIs('AWS::SNS::Subscription', 0);
    expect(template.toJSON().Outputs.ApiAlarmTopicArn).toBeDefined();
    Annotations.fromStack(stack).hasInfo('/TestStack/Api/Alarms', 'The alarms notify an SNS topic that has no subscription yet: set alarmEmails, '
      + 'or subscribe to the topic whose ARN is the AlarmTopicArn output.');
  });

  test('alarmEmails on a topic of your own subscribe to it, and no info annotation', () => {
    const app = new App();
    const s = new Stack(app, 'S');
    const topic = new sns.Topic(s, 'Mine');
    new SecureCognitoApi(s, 'Api', { alarms: true, alarmTopic: topic, alarmEmails: ['ops@example.com'] });
    const t = Template.fromStack(s);
    t.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', TopicArn: { Ref: s.getLogicalId(topic.node.defaultChild as sns.CfnTopic) } });
    Annotations.fromStack(s).hasNoInfo('*', Match.anyValue());
  });

  test('hosted-UI clients: sign-in and sign-up URLs, URL-encoded, code for code flows and token for implicit', () => {
    const { template, stack } = synth({
      clients: [
        AppClient.web('spa', { callbackUrls: ['https://app.example.org/cb?x=1'], resourceServerScopes: ['read'] }),
        AppClient.implicit('legacy', { callbackUrls: ['http://localhost:3000/cb'] }),
      ],
    });
    const outputs = Object.entries<any>(template.toJSON().Outputs);
    const find = (key: string) => {
      const [, output] = outputs.find(([id]) => id === key)!;
      return { url: stack.resolve(output.Value)['Fn::Join'][1].map((p: any) => (typeof p === 'string' ? p : '<token>')).join(''), description: output.Description };
    };
    const spaSignUp = find('ApiSignUpUrlspa');
    expect(spaSignUp.url).toBe('https://<token>.auth.<token>.amazoncognito.com/signup?client_id=<token>&response_type=code'
      + '&scope=openid+email+profile+api%2Fread&redirect_uri=https%3A%2F%2Fapp.example.org%2Fcb%3Fx%3D1');
    expect(spaSignUp.description).toContain('code_challenge_method=S256 (PKCE)');
    expect(find('ApiSignInUrlspa').url).toMatch(/\/oauth2\/authorize\?client_id=<token>&response_type=code&/);
    const legacySignUp = find('ApiSignUpUrllegacy');
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
    expect(ids.filter((id) => id.startsWith('ApiSignInUrl'))).toEqual(['ApiSignInUrlspa']);
    expect(ids.filter((id) => id.startsWith('ApiSignUpUrl'))).toHaveLength(0);
  });

  test('override: no outputs', () => {
    expect(synth({ outputs: false }).template.toJSON().Outputs).toBeUndefined();
  });
});
