// The user lifecycle on the twin, as Cognito documents it: a disabled or deleted user cannot sign
// in or refresh; GlobalSignOut, AdminUserGlobalSignOut and RevokeToken end refresh for both kinds
// of refresh token the twin issues (the JSON API's and the token endpoint's), at both places they
// are redeemed; Cognito's own APIs refuse the revoked access tokens while the HTTP API, like API
// Gateway's JWT authorizer, keeps accepting them until they expire.
// https://docs.aws.amazon.com/cognito/latest/developerguide/token-revocation.html
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminDisableUser.html
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GlobalSignOut.html
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { synthFidelity } from './fixtures/fidelity-app';
import { codeFor, redeem, refreshAt, signInAt, authorizeUrl } from './oauth-client';
import { generatePassword, secretHash, Twin, TwinUser } from '../../twin/src/emulator/twin';
import { callApi } from '../../twin/src/harness/walk';

let work: string;
let twin: Twin;
let offset = 0;
let n = 0;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-lifecycle-'));
  twin = await Twin.start(synthFidelity(path.join(work, 'cdk.out')), [], undefined, { clock: () => Date.now() + offset });
});

afterEach(() => {
  offset = 0;
});

afterAll(async () => {
  await twin?.stop();
  fs.rmSync(work, { recursive: true, force: true });
});

/** A fresh user per test, so one test's sign-out does not touch another's. */
async function newUser(): Promise<TwinUser> {
  const user = { username: `user${++n}`, password: generatePassword(12), email: `user${n}@example.com` };
  await twin.createUser(user);
  return user;
}

const cli = () => twin.client('cli');
const portal = () => twin.client('portal');
const hash = (username: string, client = cli()) => secretHash(username, client.clientId, client.clientSecret!);

/** A sign-in of each kind: InitiateAuth (cli) and the code flow (portal); their tokens. */
async function bothSignIns(user: TwinUser) {
  const api = (await twin.rpc('InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH', ClientId: cli().clientId, AuthParameters: { USERNAME: user.username, PASSWORD: user.password, SECRET_HASH: hash(user.username) },
  })).AuthenticationResult;
  const oauth = (await redeem(twin, portal(), (await codeFor(twin, portal(), user)).code)).json;
  return { api, oauth };
}

/** Refresh at the JSON API; the error text or 'ok'. */
async function refreshApi(user: TwinUser, refreshToken: string, client = cli()): Promise<string> {
  try {
    await twin.rpc('InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: client.clientId, AuthParameters: { REFRESH_TOKEN: refreshToken, SECRET_HASH: hash(user.username, client) } });
    return 'ok';
  } catch (e) {
    return (e as Error).message;
  }
}

/** Refresh at the token endpoint; the error or 'ok'. */
async function refreshOAuth(refreshToken: string): Promise<string> {
  const res = await refreshAt(twin, portal(), refreshToken);
  return res.status === 200 ? 'ok' : `${res.json.error}: ${res.json.error_description}`;
}

describe('both kinds of refresh token work at both places before anything happens', () => {
  test('JSON API and token endpoint, each token at its own client', async () => {
    const user = await newUser();
    const { api, oauth } = await bothSignIns(user);
    expect(api.RefreshToken.split('.')).toHaveLength(5);
    expect([await refreshApi(user, api.RefreshToken), await refreshOAuth(oauth.refresh_token), await refreshApi(user, oauth.refresh_token, portal())]).toEqual(['ok', 'ok', 'ok']);
    expect(await refreshApi(user, api.RefreshToken, portal())).toBe('InitiateAuth: NotAuthorizedException: Invalid Refresh Token');
  });
});

describe.each([
  ['GlobalSignOut (the user, with an access token)', async (_u: TwinUser, accessToken: string) => twin.rpc('GlobalSignOut', { AccessToken: accessToken }), 'Refresh Token has been revoked'],
  ['AdminUserGlobalSignOut', async (u: TwinUser) => twin.rpc('AdminUserGlobalSignOut', { UserPoolId: twin.poolId, Username: u.username }), 'Refresh Token has been revoked'],
  ['AdminDisableUser', async (u: TwinUser) => twin.rpc('AdminDisableUser', { UserPoolId: twin.poolId, Username: u.username }), 'User is disabled.'],
  ['AdminDeleteUser', async (u: TwinUser) => twin.rpc('AdminDeleteUser', { UserPoolId: twin.poolId, Username: u.username }), 'Invalid Refresh Token'],
])('%s', (_what, act, reason) => {
  test('ends refresh for every refresh token of the user, at the JSON API and the token endpoint', async () => {
    const user = await newUser();
    const { api, oauth } = await bothSignIns(user);
    await act(user, api.AccessToken);
    expect(await refreshApi(user, api.RefreshToken)).toBe(`InitiateAuth: NotAuthorizedException: ${reason}`);
    expect(await refreshOAuth(oauth.refresh_token)).toBe(`invalid_grant: ${reason}`);
  });

  test('Cognito\'s APIs refuse the access token; the HTTP API accepts it until it expires, as API Gateway does', async () => {
    const user = await newUser();
    const { api, oauth } = await bothSignIns(user);
    await act(user, api.AccessToken);
    await expect(twin.rpc('GetUser', { AccessToken: api.AccessToken })).rejects.toThrow(/^GetUser: NotAuthorizedException: (Access Token has been revoked|User is disabled\.|User does not exist\.)$/);
    expect(await callApi(twin, api.AccessToken)).toEqual({ status: 200, body: `Hello, World! I am ${user.username}!` });
    expect(await callApi(twin, oauth.access_token)).toEqual({ status: 200, body: `Hello, World! I am ${user.username}!` });
  });
});

describe('RevokeToken', () => {
  test('ends that refresh token and its access tokens only; the user\'s other sign-ins go on', async () => {
    const user = await newUser();
    const one = await bothSignIns(user);
    const two = await bothSignIns(user);
    await twin.rpc('RevokeToken', { ClientId: cli().clientId, ClientSecret: cli().clientSecret, Token: one.api.RefreshToken });
    expect(await refreshApi(user, one.api.RefreshToken)).toBe('InitiateAuth: NotAuthorizedException: Refresh Token has been revoked');
    await expect(twin.rpc('GetUser', { AccessToken: one.api.AccessToken })).rejects.toThrow('GetUser: NotAuthorizedException: Access Token has been revoked');
    expect([await refreshApi(user, two.api.RefreshToken), await refreshOAuth(one.oauth.refresh_token)]).toEqual(['ok', 'ok']);
    expect((await twin.rpc('GetUser', { AccessToken: two.api.AccessToken })).Username).toBe(user.username);
  });

  test('a token-endpoint refresh token revoked through the JSON API', async () => {
    const user = await newUser();
    const { oauth } = await bothSignIns(user);
    await twin.rpc('RevokeToken', { ClientId: portal().clientId, ClientSecret: portal().clientSecret, Token: oauth.refresh_token });
    expect(await refreshOAuth(oauth.refresh_token)).toBe('invalid_grant: Refresh Token has been revoked');
  });

  test('refusals: a wrong client secret, an access token, another client\'s token left alone', async () => {
    const user = await newUser();
    const { api } = await bothSignIns(user);
    await expect(twin.rpc('RevokeToken', { ClientId: cli().clientId, ClientSecret: 'wrong', Token: api.RefreshToken }))
      .rejects.toThrow(`RevokeToken: UnauthorizedException: Unable to verify secret for client ${cli().clientId}`);
    await expect(twin.rpc('RevokeToken', { ClientId: cli().clientId, ClientSecret: cli().clientSecret, Token: api.AccessToken }))
      .rejects.toThrow('RevokeToken: UnsupportedTokenTypeException');
    await twin.rpc('RevokeToken', { ClientId: portal().clientId, ClientSecret: portal().clientSecret, Token: api.RefreshToken });
    expect(await refreshApi(user, api.RefreshToken)).toBe('ok');
  });
});

describe('sign-in after the lifecycle changes', () => {
  test('a disabled user cannot sign in (JSON API and managed login) until enabled again', async () => {
    const user = await newUser();
    await twin.rpc('AdminDisableUser', { UserPoolId: twin.poolId, Username: user.username });
    await expect(twin.signIn(cli(), user.username, user.password)).rejects.toThrow('InitiateAuth: NotAuthorizedException: User is disabled.');
    const page = await signInAt(authorizeUrl(twin, portal()), user);
    expect(page.body.match(/id="message">([^<]*)/)?.[1]).toBe('User is disabled.');
    await twin.rpc('AdminEnableUser', { UserPoolId: twin.poolId, Username: user.username });
    expect((await twin.signIn(cli(), user.username, user.password)).AccessToken).toMatch(/^eyJ/);
  });

  test('a deleted user cannot sign in (the client hides whether the user exists) and a new user of the same name gets none of the old refresh tokens', async () => {
    const user = await newUser();
    const { api } = await bothSignIns(user);
    await twin.rpc('AdminDeleteUser', { UserPoolId: twin.poolId, Username: user.username });
    await expect(twin.signIn(cli(), user.username, user.password)).rejects.toThrow('InitiateAuth: NotAuthorizedException: Incorrect username or password.');
    await twin.createUser(user);
    expect(await refreshApi(user, api.RefreshToken)).toBe('InitiateAuth: NotAuthorizedException: Invalid Refresh Token');
  });

  test('a code issued before the user was disabled is refused at the token endpoint', async () => {
    const user = await newUser();
    const { code } = await codeFor(twin, portal(), user);
    await twin.rpc('AdminDisableUser', { UserPoolId: twin.poolId, Username: user.username });
    expect((await redeem(twin, portal(), code)).json.error).toBe('invalid_grant');
  });
});

describe('the JSON API\'s own refusals', () => {
  test.each([
    ['USER_PASSWORD_AUTH without USERNAME', { AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { PASSWORD: 'x' } }, 'InvalidParameterException: Missing required parameter USERNAME'],
    ['USER_PASSWORD_AUTH without PASSWORD', { AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'x' } }, 'InvalidParameterException: Missing required parameter PASSWORD'],
    ['REFRESH_TOKEN_AUTH without REFRESH_TOKEN', { AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: {} }, 'InvalidParameterException: Missing required parameter REFRESH_TOKEN'],
    ['USER_SRP_AUTH, not enabled for the client', { AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: 'x', SRP_A: 'aa' } }, 'InvalidParameterException: USER_SRP_AUTH flow not enabled for this client'],
    ['an unknown client', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'nosuchclient', AuthParameters: { USERNAME: 'x', PASSWORD: 'y' } }, 'ResourceNotFoundException: User pool client nosuchclient does not exist.'],
  ])('%s', async (_what, body, message) => {
    await expect(twin.rpc('InitiateAuth', { ClientId: cli().clientId, ...body })).rejects.toThrow(`InitiateAuth: ${message}`);
  });

  test('a user confirmed already cannot be confirmed again; another pool id is not found', async () => {
    const user = await newUser();
    await expect(twin.rpc('AdminConfirmSignUp', { UserPoolId: twin.poolId, Username: user.username }))
      .rejects.toThrow('AdminConfirmSignUp: NotAuthorizedException: User cannot be confirmed. Current status is CONFIRMED');
    await expect(twin.rpc('AdminGetUser', { UserPoolId: 'us-east-1_other', Username: user.username }))
      .rejects.toThrow('AdminGetUser: ResourceNotFoundException: User pool us-east-1_other does not exist.');
  });
});

describe('a user\'s own actions with an access token', () => {
  test('GetUser and ChangePassword with an InitiateAuth token; a hosted-UI token without aws.cognito.signin.user.admin is refused', async () => {
    const user = await newUser();
    const { api, oauth } = await bothSignIns(user);
    const me = await twin.rpc('GetUser', { AccessToken: api.AccessToken });
    expect([me.Username, me.UserAttributes.find((a: any) => a.Name === 'email').Value]).toEqual([user.username, user.email]);
    await expect(twin.rpc('GetUser', { AccessToken: oauth.access_token })).rejects.toThrow('GetUser: NotAuthorizedException: Access Token does not have required scopes');
    const next = generatePassword(12);
    await expect(twin.rpc('ChangePassword', { AccessToken: api.AccessToken, PreviousPassword: 'wrong', ProposedPassword: next }))
      .rejects.toThrow('ChangePassword: NotAuthorizedException: Incorrect username or password.');
    await twin.rpc('ChangePassword', { AccessToken: api.AccessToken, PreviousPassword: user.password, ProposedPassword: next });
    await expect(twin.signIn(cli(), user.username, user.password)).rejects.toThrow('InitiateAuth: NotAuthorizedException: Incorrect username or password.');
    expect((await twin.signIn(cli(), user.username, next)).AccessToken).toMatch(/^eyJ/);
  });

  test('ForgotPassword sends a code; ConfirmForgotPassword with it sets the new password', async () => {
    const user = await newUser();
    const sent = await twin.rpc('ForgotPassword', { ClientId: cli().clientId, Username: user.username, SecretHash: hash(user.username) });
    expect(sent.CodeDeliveryDetails).toMatchObject({ DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    const next = generatePassword(12);
    const confirm = (code: string) => twin.rpc('ConfirmForgotPassword', { ClientId: cli().clientId, Username: user.username, SecretHash: hash(user.username), ConfirmationCode: code, Password: next });
    await expect(confirm('000000')).rejects.toThrow('ConfirmForgotPassword: CodeMismatchException: Invalid verification code provided, please try again.');
    await confirm(twin.deliveredCode(user.username)!);
    expect((await twin.signIn(cli(), user.username, next)).AccessToken).toMatch(/^eyJ/);
  });

  test('ADMIN_USER_PASSWORD_AUTH for a client without ALLOW_ADMIN_USER_PASSWORD_AUTH is refused', async () => {
    const user = await newUser();
    await expect(twin.rpc('AdminInitiateAuth', {
      UserPoolId: twin.poolId,
      ClientId: cli().clientId,
      AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: user.username, PASSWORD: user.password, SECRET_HASH: hash(user.username) },
    })).rejects.toThrow('AdminInitiateAuth: InvalidParameterException: ADMIN_USER_PASSWORD_AUTH flow not enabled for this client');
  });
});

describe('refresh token validity at the JSON API', () => {
  test('InitiateAuth refresh tokens last the client\'s RefreshTokenValidity (1 hour); access tokens its AccessTokenValidity (5 minutes)', async () => {
    const user = await newUser();
    const { api } = await bothSignIns(user);
    expect(api.ExpiresIn).toBe(300);
    offset = 60 * 60_000 - 1000;
    expect(await refreshApi(user, api.RefreshToken)).toBe('ok');
    offset = 60 * 60_000;
    expect(await refreshApi(user, api.RefreshToken)).toBe('InitiateAuth: NotAuthorizedException: Refresh Token has expired');
  });

  test('a temporary password works for the pool\'s TemporaryPasswordValidityDays (3 in the template)', async () => {
    expect(twin.model.userPool.properties.Policies.PasswordPolicy.TemporaryPasswordValidityDays).toBe(3);
    const name = `temp${++n}`;
    const temporary = generatePassword(12);
    await twin.rpc('AdminCreateUser', { UserPoolId: twin.poolId, Username: name, TemporaryPassword: temporary, MessageAction: 'SUPPRESS' });
    const signIn = () => twin.rpc('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: cli().clientId, AuthParameters: { USERNAME: name, PASSWORD: temporary, SECRET_HASH: hash(name) } });
    offset = 3 * 86400_000 - 1000;
    expect((await signIn()).ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    offset = 3 * 86400_000;
    await expect(signIn()).rejects.toThrow('InitiateAuth: NotAuthorizedException: Temporary password has expired and must be reset by an administrator.');
  });

  test('a NEW_PASSWORD_REQUIRED session lasts the client\'s AuthSessionValidity (3 minutes)', async () => {
    const name = `temp${++n}`;
    const temporary = generatePassword(12);
    await twin.rpc('AdminCreateUser', { UserPoolId: twin.poolId, Username: name, TemporaryPassword: temporary, MessageAction: 'SUPPRESS' });
    const challenge = await twin.rpc('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: cli().clientId, AuthParameters: { USERNAME: name, PASSWORD: temporary, SECRET_HASH: hash(name) } });
    expect(challenge.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    offset = 3 * 60_000;
    await expect(twin.rpc('RespondToAuthChallenge', {
      ClientId: cli().clientId,
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: challenge.Session,
      ChallengeResponses: { USERNAME: name, NEW_PASSWORD: generatePassword(12), SECRET_HASH: hash(name) },
    })).rejects.toThrow('RespondToAuthChallenge: NotAuthorizedException: Invalid session for the user, session is expired.');
  });
});
