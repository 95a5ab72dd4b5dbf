// The Cognito Identity Provider JSON actions that sign users in, refresh, sign out and revoke,
// with the checks Cognito makes (API reference: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/):
//  - SECRET_HASH on every call that names a client with a secret
//    (https://docs.aws.amazon.com/cognito/latest/developerguide/signing-up-users-in-your-app.html#cognito-user-pools-computing-secret-hash);
//  - the client's ExplicitAuthFlows; the pool's sign-up mode and password policy;
//  - no self-confirmation when the pool sends no code (the brief's administrator approval);
//  - refresh tokens end with RevokeToken, GlobalSignOut, AdminUserGlobalSignOut, a disabled or
//    deleted user (https://docs.aws.amazon.com/cognito/latest/developerguide/token-revocation.html);
//  - actions authorized by an access token need `aws.cognito.signin.user.admin` and a live sign-in.
// User and group administration is in directory.ts.
import { randomUUID } from 'crypto';
import { CLIENT_SECRET_ACTIONS, clientSecretAction } from './client-secrets';
import { directoryAction } from './directory';
import { getTokensFromRefreshToken, refreshTokenAuthRefusal } from './refresh-rotation';
import { attributeList, attributeMap, requireClient } from './request-parts';
import { validitySeconds } from './rules';
import { ADMIN_SCOPE, CognitoError, PoolClient, PoolUser, UserPool } from './userpool';

type Json = any;

/** Sessions of NEW_PASSWORD_REQUIRED challenges, per pool. */
const challengeSessions = new WeakMap<UserPool, Map<string, { username: string; clientId: string; expires: number }>>();

/** One call of the JSON protocol; throws CognitoError with Cognito's type and message. */
export async function callAction(pool: UserPool, target: string, body: Json): Promise<Json> {
  const b = body ?? {};
  if (typeof b.UserPoolId === 'string' && b.UserPoolId !== pool.id) {
    throw new CognitoError('ResourceNotFoundException', `User pool ${b.UserPoolId} does not exist.`);
  }
  switch (target) {
    case 'InitiateAuth': return initiateAuth(pool, requireClient(pool, b.ClientId), b, false);
    case 'AdminInitiateAuth': return initiateAuth(pool, requireClient(pool, b.ClientId), b, true);
    case 'RespondToAuthChallenge':
    case 'AdminRespondToAuthChallenge': return respondToChallenge(pool, requireClient(pool, b.ClientId), b);
    case 'SignUp': return signUp(pool, requireClient(pool, b.ClientId), b);
    case 'ConfirmSignUp': return confirmSignUp(pool, requireClient(pool, b.ClientId), b);
    case 'ResendConfirmationCode': {
      const client = requireClient(pool, b.ClientId);
      pool.checkSecretHash(client, b.Username, b.SecretHash);
      const user = pool.requireUser(b.Username);
      return { CodeDeliveryDetails: deliver(pool, user, 'SignUp') };
    }
    case 'GetTokensFromRefreshToken': return getTokensFromRefreshToken(pool, requireClient(pool, b.ClientId), b);
    case 'GlobalSignOut': pool.revokeUser(userOfToken(pool, b.AccessToken)); return {};
    case 'AdminUserGlobalSignOut': pool.revokeUser(pool.requireUser(b.Username)); return {};
    case 'RevokeToken': return revokeToken(pool, b);
    case 'AdminDisableUser': {
      // "Deactivates a user and revokes all access tokens for the user."
      const user = pool.requireUser(b.Username);
      user.enabled = false;
      pool.revokeUser(user);
      return {};
    }
    case 'AdminEnableUser': pool.requireUser(b.Username).enabled = true; return {};
    case 'AdminDeleteUser': pool.deleteUser(pool.requireUser(b.Username)); return {};
    case 'DeleteUser': pool.deleteUser(userOfToken(pool, b.AccessToken)); return {};
    case 'GetUser': {
      const user = userOfToken(pool, b.AccessToken);
      return { Username: user.username, UserAttributes: attributeList(user) };
    }
    case 'ChangePassword': {
      const user = userOfToken(pool, b.AccessToken);
      if (b.PreviousPassword !== user.password) throw new CognitoError('NotAuthorizedException', 'Incorrect username or password.');
      user.password = pool.checkPassword(b.ProposedPassword);
      return {};
    }
    case 'ForgotPassword': {
      const client = requireClient(pool, b.ClientId);
      pool.checkSecretHash(client, b.Username, b.SecretHash);
      return { CodeDeliveryDetails: deliver(pool, pool.requireUser(b.Username), 'ForgotPassword') };
    }
    case 'ConfirmForgotPassword': {
      const client = requireClient(pool, b.ClientId);
      pool.checkSecretHash(client, b.Username, b.SecretHash);
      const user = pool.requireUser(b.Username);
      checkCode(pool, user, 'ForgotPassword', b.ConfirmationCode);
      user.password = pool.checkPassword(b.Password);
      user.status = 'CONFIRMED';
      return {};
    }
    default: return CLIENT_SECRET_ACTIONS.includes(target) ? clientSecretAction(pool, target, b) : directoryAction(pool, target, b);
  }
}

async function initiateAuth(pool: UserPool, client: PoolClient, b: Json, admin: boolean): Promise<Json> {
  const flow = String(b.AuthFlow);
  const params = b.AuthParameters ?? {};
  const allowed = client.template.explicitAuthFlows;
  if (flow === 'REFRESH_TOKEN_AUTH' || flow === 'REFRESH_TOKEN') {
    const refusal = refreshTokenAuthRefusal(client);
    if (refusal) throw refusal;
    requireParameters(params, ['REFRESH_TOKEN']);
    if (typeof params.SECRET_HASH !== 'string' && client.secrets.length) pool.checkSecretHash(client, [], undefined);
    const { grant, user } = pool.redeemRefreshToken(params.REFRESH_TOKEN, client);
    // The hash is over the user's name, or the sub for a user who signed in with an alias.
    pool.checkSecretHash(client, [grant.username, grant.sub, params.USERNAME], params.SECRET_HASH);
    const t = await pool.issueUserTokens(user, client, {
      scopes: grant.scopes, triggerSource: 'TokenGeneration_RefreshTokens', originJti: grant.originJti, authTime: grant.authTime, withId: true,
    });
    return { AuthenticationResult: result(t), ChallengeParameters: {} };
  }
  const passwordFlow = admin ? ['ADMIN_USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH'].includes(flow) : flow === 'USER_PASSWORD_AUTH';
  const needed = admin ? 'ALLOW_ADMIN_USER_PASSWORD_AUTH' : 'ALLOW_USER_PASSWORD_AUTH';
  if (!passwordFlow) {
    if (['USER_SRP_AUTH', 'USER_AUTH', 'CUSTOM_AUTH'].includes(flow) && !allowed.includes(`ALLOW_${flow}`)) {
      throw new CognitoError('InvalidParameterException', `${flow} flow not enabled for this client`);
    }
    throw new CognitoError('InvalidParameterException', `the twin does not emulate AuthFlow ${flow}; use ${admin ? 'ADMIN_USER_PASSWORD_AUTH' : 'USER_PASSWORD_AUTH'}, REFRESH_TOKEN_AUTH or the managed login pages`);
  }
  if (!allowed.includes(needed)) throw new CognitoError('InvalidParameterException', `${flow} flow not enabled for this client`);
  requireParameters(params, ['USERNAME', 'PASSWORD']);
  pool.checkSecretHash(client, params.USERNAME, params.SECRET_HASH);
  const user = pool.authenticate(client, params.USERNAME, params.PASSWORD);
  if (user.status === 'FORCE_CHANGE_PASSWORD') {
    const session = randomUUID().replace(/-/g, '') + randomUUID().replace(/-/g, '');
    sessionsOf(pool).set(session, { username: user.username, clientId: client.clientId, expires: pool.now() + validitySeconds(client.template, 'session') * 1000 });
    const { sub: _sub, ...visible } = user.attributes;
    return {
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: session,
      ChallengeParameters: { USER_ID_FOR_SRP: user.username, requiredAttributes: '[]', userAttributes: JSON.stringify(visible) },
    };
  }
  return { AuthenticationResult: result(await signIn(pool, user, client, 'TokenGeneration_Authentication')), ChallengeParameters: {} };
}

/** Tokens of a new sign-in through the JSON API: the reserved admin scope only, an ID token, a refresh token. */
function signIn(pool: UserPool, user: PoolUser, client: PoolClient, triggerSource: string) {
  return pool.issueUserTokens(user, client, {
    scopes: [ADMIN_SCOPE], triggerSource, originJti: pool.startSession(user, client), authTime: Math.floor(pool.now() / 1000), withId: true, refresh: 'api',
  });
}

async function respondToChallenge(pool: UserPool, client: PoolClient, b: Json): Promise<Json> {
  const answers = b.ChallengeResponses ?? {};
  if (b.ChallengeName !== 'NEW_PASSWORD_REQUIRED') {
    throw new CognitoError('InvalidParameterException', `the twin does not emulate the ${String(b.ChallengeName)} challenge`);
  }
  const session = sessionsOf(pool).get(String(b.Session));
  if (!session || session.clientId !== client.clientId || session.expires <= pool.now()) {
    throw new CognitoError('NotAuthorizedException', 'Invalid session for the user, session is expired.');
  }
  const user = pool.requireUser(session.username);
  pool.checkSecretHash(client, [answers.USERNAME, user.username], answers.SECRET_HASH);
  user.password = pool.checkPassword(answers.NEW_PASSWORD);
  user.status = 'CONFIRMED';
  sessionsOf(pool).delete(String(b.Session));
  return { AuthenticationResult: result(await signIn(pool, user, client, 'TokenGeneration_NewPasswordChallenge')), ChallengeParameters: {} };
}

function signUp(pool: UserPool, client: PoolClient, b: Json): Json {
  pool.checkSecretHash(client, b.Username, b.SecretHash);
  if (pool.properties.AdminCreateUserConfig?.AllowAdminCreateUserOnly === true) {
    throw new CognitoError('NotAuthorizedException', 'SignUp is not permitted for this user pool');
  }
  const password = pool.checkPassword(b.Password);
  const user = pool.createUser(String(b.Username ?? ''), password, attributeMap(b.UserAttributes), 'UNCONFIRMED');
  const sendsCode = (pool.properties.AutoVerifiedAttributes ?? []).length > 0;
  return { UserConfirmed: false, UserSub: user.sub, ...(sendsCode ? { CodeDeliveryDetails: deliver(pool, user, 'SignUp') } : {}) };
}

function confirmSignUp(pool: UserPool, client: PoolClient, b: Json): Json {
  pool.checkSecretHash(client, b.Username, b.SecretHash);
  const user = pool.requireUser(b.Username);
  if (user.status !== 'UNCONFIRMED') throw new CognitoError('NotAuthorizedException', `User cannot be confirmed. Current status is ${user.status}`);
  checkCode(pool, user, 'SignUp', b.ConfirmationCode);
  user.status = 'CONFIRMED';
  for (const a of pool.properties.AutoVerifiedAttributes ?? []) if (user.attributes[a]) user.attributes[`${a}_verified`] = 'true';
  return {};
}

/** RevokeToken: the refresh token and every access token of its sign-in; other sign-ins stay. */
function revokeToken(pool: UserPool, b: Json): Json {
  const client = requireClient(pool, b.ClientId);
  if (client.secrets.length && !pool.checkClientSecret(client, b.ClientSecret)) {
    throw new CognitoError('UnauthorizedException', `Unable to verify secret for client ${client.clientId}`);
  }
  revokeRefreshToken(pool, client, b.Token);
  return {};
}

/**
 * What RevokeToken and /oauth2/revoke share: refused when the client has revocation turned off or
 * the token is a JWT (an access or ID token); a token unknown to, or not issued to, this client
 * is left alone without an error, as the revocation endpoint documents for invalid tokens.
 */
export function revokeRefreshToken(pool: UserPool, client: PoolClient, token: unknown): void {
  if (client.template.properties?.EnableTokenRevocation === false) {
    throw new CognitoError('UnsupportedOperationException', 'Token revocation is not enabled for this app client');
  }
  if (typeof token !== 'string' || token === '') throw new CognitoError('InvalidParameterException', 'Token is required');
  if (token.split('.').length === 3) throw new CognitoError('UnsupportedTokenTypeException', 'Unsupported token type: only refresh tokens can be revoked');
  const grant = pool.refreshTokens.peek(token);
  if (grant && grant.clientId === client.clientId) pool.revokeOrigin(grant.originJti);
}

/** The user an access token stands for, when Cognito's own APIs would still accept it. */
export function userOfToken(pool: UserPool, token: unknown): PoolUser {
  const live = pool.liveAccessToken(token);
  if (typeof live === 'string') throw new CognitoError('NotAuthorizedException', live);
  if (!String(live.claims.scope ?? '').split(' ').includes(ADMIN_SCOPE)) {
    throw new CognitoError('NotAuthorizedException', 'Access Token does not have required scopes');
  }
  if (!live.user) throw new CognitoError('NotAuthorizedException', 'Invalid Access Token');
  return live.user;
}

/** Cognito's answer to an auth flow without one of its parameters. */
function requireParameters(params: Json, names: string[]): void {
  for (const n of names) {
    if (typeof params[n] !== 'string' || params[n] === '') throw new CognitoError('InvalidParameterException', `Missing required parameter ${n}`);
  }
}

function result(t: { accessToken: string; idToken?: string; refreshToken?: string; expiresIn: number }): Json {
  return {
    AccessToken: t.accessToken,
    ExpiresIn: t.expiresIn,
    TokenType: 'Bearer',
    ...(t.idToken ? { IdToken: t.idToken } : {}),
    ...(t.refreshToken ? { RefreshToken: t.refreshToken } : {}),
  };
}

function deliver(pool: UserPool, user: PoolUser, purpose: 'SignUp' | 'ForgotPassword'): Json {
  const code = String(Math.floor(100000 + Math.random() * 900000));
  pool.deliveries.push({ username: user.username, code, purpose });
  const email = user.attributes.email ?? '';
  return { Destination: email.replace(/^(.)[^@]*(@.).*$/, '$1***$2***'), DeliveryMedium: 'EMAIL', AttributeName: 'email' };
}

function checkCode(pool: UserPool, user: PoolUser, purpose: 'SignUp' | 'ForgotPassword', code: unknown): void {
  const sent = pool.deliveries.filter((d) => d.username === user.username && d.purpose === purpose).pop();
  // No code was ever sent (e.g. no AutoVerifiedAttributes): whatever the caller tries is not it.
  if (!sent || sent.code !== code) throw new CognitoError('CodeMismatchException', 'Invalid verification code provided, please try again.');
}

function sessionsOf(pool: UserPool) {
  let m = challengeSessions.get(pool);
  if (!m) challengeSessions.set(pool, (m = new Map()));
  return m;
}
