// Authorization by group on the local twin (issue 13 item 4): the twin of test/groups.integ.ts
// (`admins` carry api/admin, which no client may request; GET and POST /admin require it), with
// alice in admins and bob in no group. Tokens come from the brief's Method 1 (a raw InitiateAuth
// POST, USER_PASSWORD_AUTH + SECRET_HASH) or the hosted UI, pass through the template's own
// pre-token-generation trigger (the bundled asset, a V2_0 event), and are checked by the twin's
// JWT authorizer. "Minted" tokens are signed with the twin's key, which the gateway trusts.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { groupsStack } from '../../fixtures/configs';
import { decodeJwt, mint } from '../../twin/src/emulator/tokens';
import { generatePassword, secretHash, Twin, TwinClientInfo, TwinUser } from '../../twin/src/emulator/twin';
import { groupRoutes, method1, passwordClient } from '../../twin/src/harness/group-walk';
import { callApi, tokenFor } from '../../twin/src/harness/walk';

const FORBIDDEN = '{"message":"Forbidden"}';
const ALICE: TwinUser = { username: 'alice', password: generatePassword(12), email: 'alice@example.com', groups: ['admins'] };
const BOB: TwinUser = { username: 'bob', password: generatePassword(12), email: 'bob@example.com', groups: [] };

let outdir: string;
let twin: Twin;
let cli: TwinClientInfo;
let alice: string;
let bob: string;

beforeAll(async () => {
  outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-groups-'));
  const app = new App({ outdir, context: { 'aws:cdk:disable-creation-stack-traces': true } });
  groupsStack(app);
  app.synth();
  twin = await Twin.start(outdir, [ALICE, BOB]);
  cli = passwordClient(twin)!;
  alice = await method1(twin, cli, ALICE);
  bob = await method1(twin, cli, BOB);
});

afterAll(async () => {
  await twin?.stop();
  fs.rmSync(outdir, { recursive: true, force: true });
});

describe('the twin of test/groups.integ.ts', () => {
  test('runs the template\'s pre-token-generation trigger, and finds the routes only the group opens', () => {
    expect(twin.preTokenTrigger?.environment.GROUP_SCOPES).toBe('{"admins":["api/admin"]}');
    expect(groupRoutes(twin)).toEqual([
      { routeKey: 'GET /admin', groups: ['admins'] },
      { routeKey: 'POST /admin', groups: ['admins'] },
    ]);
  });

  test('TWIN_STATE lists a user in the group and a user outside it', () => {
    expect(twin.state().users.map((u) => ({ username: u.username, groups: u.groups }))).toEqual([
      { username: 'alice', groups: ['admins'] },
      { username: 'bob', groups: [] },
    ]);
  });

  test('Method 1 tokens: the member\'s access token carries the group\'s scope, the non-member\'s does not', () => {
    expect(decodeJwt(alice).payload).toMatchObject({ 'token_use': 'access', 'cognito:groups': ['admins'], 'scope': 'aws.cognito.signin.user.admin api/admin' });
    expect(decodeJwt(bob).payload).toMatchObject({ token_use: 'access', scope: 'aws.cognito.signin.user.admin' });
    expect(decodeJwt(bob).payload['cognito:groups']).toBeUndefined();
  });
});

describe('security matrix: authorization by group', () => {
  test('member, Method 1 token: 200 on GET and POST /admin', async () => {
    expect(await callApi(twin, alice, 'GET /admin')).toEqual({ status: 200, body: 'Hello, World! I am alice!' });
    expect(await callApi(twin, alice, 'POST /admin')).toEqual({ status: 200, body: 'Hello, World! I am alice!' });
  });

  test('non-member, same token type: 403 on GET and POST /admin, 200 on GET /', async () => {
    expect(await callApi(twin, bob, 'GET /admin')).toEqual({ status: 403, body: FORBIDDEN });
    expect(await callApi(twin, bob, 'POST /admin')).toEqual({ status: 403, body: FORBIDDEN });
    expect(await callApi(twin, bob, 'GET /')).toEqual({ status: 200, body: 'Hello, World! I am bob!' });
  });

  test('forged group claim without the scope (validly signed): 403, the authorizer reads scopes, not groups', async () => {
    const forged = mint(bob, { 'cognito:groups': ['admins'] });
    expect(decodeJwt(forged).payload).toMatchObject({ 'cognito:groups': ['admins'], 'scope': 'aws.cognito.signin.user.admin' });
    expect(await callApi(twin, forged, 'GET /admin')).toEqual({ status: 403, body: FORBIDDEN });
  });

  test('the member\'s ID token (groups, no scope claim): 403', async () => {
    const params = { USERNAME: ALICE.username, PASSWORD: ALICE.password, SECRET_HASH: secretHash(ALICE.username, cli.clientId, cli.clientSecret!) };
    const result = await twin.rpc('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: cli.clientId, AuthParameters: params });
    expect(decodeJwt(result.AuthenticationResult.IdToken).payload['cognito:groups']).toEqual(['admins']);
    expect(await callApi(twin, result.AuthenticationResult.IdToken, 'GET /admin')).toEqual({ status: 403, body: FORBIDDEN });
  });

  test('hosted-UI sign-in (code + PKCE): the member\'s token gets the group\'s scope too, the non-member\'s does not', async () => {
    const web = twin.client('web');
    const member = await tokenFor(twin, web, ALICE);
    const other = await tokenFor(twin, web, BOB);
    expect(String(decodeJwt(member.accessToken).payload.scope).split(' ')).toContain('api/admin');
    expect(await callApi(twin, member.accessToken, 'GET /admin')).toEqual({ status: 200, body: 'Hello, World! I am alice!' });
    expect(await callApi(twin, other.accessToken, 'GET /admin')).toEqual({ status: 403, body: FORBIDDEN });
  });

  test('refresh after leaving the group: the new access token no longer carries the scope (403)', async () => {
    const carol: TwinUser = { username: 'carol', password: generatePassword(12), email: 'carol@example.com', groups: ['admins'] };
    await twin.createUser(carol);
    const hash = secretHash(carol.username, cli.clientId, cli.clientSecret!);
    const first = await twin.rpc('InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH', ClientId: cli.clientId, AuthParameters: { USERNAME: carol.username, PASSWORD: carol.password, SECRET_HASH: hash },
    });
    expect(await callApi(twin, first.AuthenticationResult.AccessToken, 'GET /admin')).toEqual({ status: 200, body: 'Hello, World! I am carol!' });
    await twin.rpc('AdminRemoveUserFromGroup', { UserPoolId: twin.poolId, Username: carol.username, GroupName: 'admins' });
    const refreshed = await twin.rpc('InitiateAuth', {
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: cli.clientId,
      AuthParameters: { REFRESH_TOKEN: first.AuthenticationResult.RefreshToken, SECRET_HASH: hash },
    });
    expect(decodeJwt(refreshed.AuthenticationResult.AccessToken).payload.scope).toBe('aws.cognito.signin.user.admin');
    expect(await callApi(twin, refreshed.AuthenticationResult.AccessToken, 'GET /admin')).toEqual({ status: 403, body: FORBIDDEN });
  });
});
