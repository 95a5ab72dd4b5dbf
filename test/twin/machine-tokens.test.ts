// Machine tokens shaped by the template's V3_0 pre-token-generation trigger, client secrets that
// rotate with Cognito's two-secret support, and a client's terms documents on its sign-up page,
// in the twin of fixtures/token-app.ts: real tokens over real HTTP (the JSON protocol, the token
// endpoint, the API's JWT authorizer, the managed-login pages).
import { MACHINE_TENANT, TERMS_URLS, TRIGGER_SCOPE } from './fixtures/token-app';
import { cognito, passwordSignIn, startTokenTwin, stopTokenTwins, token } from './token-twin';
import { decodeJwt } from '../../twin/src/emulator/tokens';
import { Twin, TwinClientInfo } from '../../twin/src/emulator/twin';
import { callApi } from '../../twin/src/harness/walk';

afterAll(stopTokenTwins);

const basic = (c: TwinClientInfo, secret = c.clientSecret!) => ({ clientId: c.clientId, secret });
const claimsOf = (accessToken: string) => decodeJwt(accessToken).payload;

describe('machine tokens with a V3_0 trigger', () => {
  let twin: Twin;
  beforeAll(async () => {
    twin = await startTokenTwin({ trigger: true });
  });

  test('the client the trigger names gets its claim and a scope beyond its AllowedOAuthScopes; the route needing that scope answers 200', async () => {
    const machine = twin.client('machine');
    expect(machine.template.allowedOAuthScopes).toEqual(['api/read']);
    const res = await token(twin, { grant_type: 'client_credentials' }, basic(machine));
    expect(res.status).toBe(200);
    const claims = claimsOf(res.json.access_token);
    expect([claims.tenant, claims.scope, claims.client_id, claims.sub]).toEqual([MACHINE_TENANT, `api/read ${TRIGGER_SCOPE}`, machine.clientId, machine.clientId]);
    expect(await callApi(twin, res.json.access_token, 'POST /admin')).toEqual({ status: 200, body: expect.stringContaining('Hello') });
  });

  test('another machine client gets neither: 403 on the route, 200 on the one its own scope opens', async () => {
    const res = await token(twin, { grant_type: 'client_credentials' }, basic(twin.client('reader')));
    const claims = claimsOf(res.json.access_token);
    expect([claims.tenant, claims.scope]).toEqual([undefined, 'api/read']);
    expect(await callApi(twin, res.json.access_token, 'POST /admin')).toEqual({ status: 403, body: '{"message":"Forbidden"}' });
    expect((await callApi(twin, res.json.access_token)).status).toBe(200);
  });

  test('aws_client_metadata reaches the trigger as the event\'s clientMetadata; anything but a JSON object of strings is invalid_request', async () => {
    const reader = twin.client('reader');
    const res = await token(twin, { grant_type: 'client_credentials', aws_client_metadata: '{"region":"eu-west-1"}' }, basic(reader));
    expect(claimsOf(res.json.access_token).region).toBe('eu-west-1');
    expect(await token(twin, { grant_type: 'client_credentials', aws_client_metadata: '["eu"]' }, basic(reader))).toEqual({
      status: 400, json: { error: 'invalid_request', error_description: 'aws_client_metadata must be a JSON object of strings, got: ["eu"]' },
    });
  });

  test('user tokens get the V3 event too (the trigger writes the version it was sent)', async () => {
    const claims = claimsOf((await passwordSignIn(twin, twin.client('cli'))).json.AuthenticationResult.AccessToken);
    expect([claims.event_version, claims.trigger_source]).toEqual(['3', 'TokenGeneration_Authentication']);
  });

  test('without a trigger (the default) the machine token has only what its client is allowed: 403 on the route', async () => {
    const plain = await startTokenTwin({});
    const res = await token(plain, { grant_type: 'client_credentials' }, basic(plain.client('machine')));
    expect([claimsOf(res.json.access_token).tenant, claimsOf(res.json.access_token).scope]).toEqual([undefined, 'api/read']);
    expect((await callApi(plain, res.json.access_token, 'POST /admin')).status).toBe(403);
  });
});

describe('client secrets that rotate (two at once)', () => {
  let twin: Twin;
  beforeAll(async () => {
    twin = await startTokenTwin({});
  });
  const call = (target: string, body: Record<string, unknown>) => cognito(twin, target, { UserPoolId: twin.poolId, ...body });

  test('machine client: a generated second secret works beside the first; after deleting the first, the first is invalid_client', async () => {
    const machine = twin.client('machine');
    const added = await call('AddUserPoolClientSecret', { ClientId: machine.clientId });
    expect(added.status).toBe(200);
    const second: string = added.json.ClientSecretDescriptor.ClientSecretValue;
    expect(second).toMatch(/^[a-z0-9]{51}$/);

    const listed = await call('ListUserPoolClientSecrets', { ClientId: machine.clientId });
    expect(listed.json.ClientSecrets).toHaveLength(2);
    expect(JSON.stringify(listed.json)).not.toContain(second);
    expect(JSON.stringify(listed.json)).not.toContain(machine.clientSecret);

    for (const secret of [machine.clientSecret!, second]) {
      const res = await token(twin, { grant_type: 'client_credentials' }, basic(machine, secret));
      expect((await callApi(twin, res.json.access_token)).status).toBe(200);
    }
    expect(await call('AddUserPoolClientSecret', { ClientId: machine.clientId })).toEqual({
      status: 400, json: { __type: 'LimitExceededException', message: `Client ${machine.clientId} already has 2 client secrets` },
    });

    const oldId = listed.json.ClientSecrets.find((s: any) => s.ClientSecretId !== added.json.ClientSecretDescriptor.ClientSecretId).ClientSecretId;
    expect(await call('DeleteUserPoolClientSecret', { ClientId: machine.clientId, ClientSecretId: oldId })).toEqual({ status: 200, json: {} });
    expect(await token(twin, { grant_type: 'client_credentials' }, basic(machine))).toEqual({
      status: 400, json: { error: 'invalid_client', error_description: 'client authentication failed' },
    });
    expect((await token(twin, { grant_type: 'client_credentials' }, basic(machine, second))).status).toBe(200);
    const newId = added.json.ClientSecretDescriptor.ClientSecretId;
    expect(await call('DeleteUserPoolClientSecret', { ClientId: machine.clientId, ClientSecretId: newId })).toEqual({
      status: 400, json: { __type: 'InvalidParameterException', message: 'Cannot delete the last remaining client secret' },
    });
  });

  test('password client: SECRET_HASH and GetTokensFromRefreshToken accept a custom second secret during the overlap; the deleted one is refused', async () => {
    const cli = twin.client('cli');
    const custom = 'rotated+secret_0123456789abcdef';
    const added = await call('AddUserPoolClientSecret', { ClientId: cli.clientId, ClientSecret: custom });
    // Cognito returns the value only when it generated it.
    expect(Object.keys(added.json.ClientSecretDescriptor).sort()).toEqual(['ClientSecretCreateDate', 'ClientSecretId']);

    const withOld = await passwordSignIn(twin, cli);
    const withNew = await passwordSignIn(twin, cli, custom);
    expect([withOld.status, withNew.status]).toEqual([200, 200]);
    const refreshed = await cognito(twin, 'GetTokensFromRefreshToken', { ClientId: cli.clientId, ClientSecret: custom, RefreshToken: withOld.json.AuthenticationResult.RefreshToken });
    expect(refreshed.status).toBe(200);

    const { json } = await call('ListUserPoolClientSecrets', { ClientId: cli.clientId });
    const oldId = json.ClientSecrets.find((s: any) => s.ClientSecretId !== added.json.ClientSecretDescriptor.ClientSecretId).ClientSecretId;
    await call('DeleteUserPoolClientSecret', { ClientId: cli.clientId, ClientSecretId: oldId });
    expect(await passwordSignIn(twin, cli)).toEqual({
      status: 400, json: { __type: 'NotAuthorizedException', message: `Unable to verify secret hash for client ${cli.clientId}` },
    });
    expect((await passwordSignIn(twin, cli, custom)).status).toBe(200);
    expect((await cognito(twin, 'GetTokensFromRefreshToken', { ClientId: cli.clientId, ClientSecret: cli.clientSecret, RefreshToken: withNew.json.AuthenticationResult.RefreshToken })).json)
      .toEqual({ __type: 'NotAuthorizedException', message: `Unable to verify secret for client ${cli.clientId}` });
  });

  test('refusals: a custom secret outside 24-64 [\\w+] characters; a client with no secret', async () => {
    expect((await call('AddUserPoolClientSecret', { ClientId: twin.client('reader').clientId, ClientSecret: 'too-short' })).json).toEqual({
      __type: 'InvalidParameterException',
      message: '1 validation error detected: Value at \'clientSecret\' failed to satisfy constraint: Member must have length between 24 and 64 and satisfy regular expression pattern: [\\w+]+',
    });
    const web = twin.client('web');
    expect((await call('AddUserPoolClientSecret', { ClientId: web.clientId })).json).toEqual({ __type: 'InvalidParameterException', message: `Client ${web.clientId} has no client secret` });
  });
});

describe('terms documents on the sign-up page', () => {
  const page = async (twin: Twin, path: '/signup' | '/login') => {
    const web = twin.client('web');
    const q = new URLSearchParams({ client_id: web.clientId, response_type: 'code', redirect_uri: web.template.callbackUrls[0], scope: 'openid' });
    const res = await fetch(`${twin.hostedUiUrl}${path}?${q}`);
    expect(res.status).toBe(200);
    return res.text();
  };

  test('both documents: the sign-up page links their default-language URLs; the sign-in page does not', async () => {
    const twin = await startTokenTwin({ terms: 'both' });
    const html = await page(twin, '/signup');
    expect(html).toContain(`<a id="terms-of-use" href="${TERMS_URLS['terms-of-use']}">Terms of use</a>`);
    expect(html).toContain(`<a id="privacy-policy" href="${TERMS_URLS['privacy-policy']}">Privacy policy</a>`);
    expect(await page(twin, '/login')).not.toContain('terms-of-use');
  });

  test('one document alone is not shown, as Cognito waits for both; none (the default) neither', async () => {
    expect(await page(await startTokenTwin({ terms: 'termsOfUseOnly' }), '/signup')).not.toContain(TERMS_URLS['terms-of-use']);
    expect(await page(await startTokenTwin({}), '/signup')).not.toContain('class="terms"');
  });
});
