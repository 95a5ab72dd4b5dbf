// The twin's user pool on its own (no HTTP): token validity as CloudFormation reads a client's
// properties, the seams other features hook into, and what a failing trigger does.
import { createHmac } from 'crypto';
import type { TwinClient } from '../../twin/src/assembly/template';
import { revokeRefreshToken } from '../../twin/src/emulator/actions';
import { validitySeconds } from '../../twin/src/emulator/rules';
import { decodeJwt, verifiedClaims } from '../../twin/src/emulator/tokens';
import { CognitoError, UserPool } from '../../twin/src/emulator/userpool';

const client = (properties: Record<string, any>, generateSecret = false): TwinClient => ({
  logicalId: 'C', name: 'c', generateSecret, explicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'], allowedOAuthFlows: [], allowedOAuthScopes: [], callbackUrls: [], properties,
});

describe('token validity from a client\'s properties', () => {
  test('defaults: access and ID tokens 1 hour, refresh tokens 30 days, the auth session 3 minutes', () => {
    const c = client({});
    expect(['access', 'id', 'refresh', 'session'].map((k) => validitySeconds(c, k as any))).toEqual([3600, 3600, 30 * 86400, 180]);
  });

  test('values without units are hours (access, ID) and days (refresh), as CloudFormation reads them', () => {
    const c = client({ AccessTokenValidity: 2, IdTokenValidity: 3, RefreshTokenValidity: 4, AuthSessionValidity: 15 });
    expect(['access', 'id', 'refresh', 'session'].map((k) => validitySeconds(c, k as any))).toEqual([7200, 10800, 4 * 86400, 900]);
  });

  test('TokenValidityUnits override each unit', () => {
    const c = client({ AccessTokenValidity: 5, IdTokenValidity: 30, RefreshTokenValidity: 60, TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'seconds', RefreshToken: 'minutes' } });
    expect(['access', 'id', 'refresh'].map((k) => validitySeconds(c, k as any))).toEqual([300, 30, 3600]);
  });
});

describe('the seams', () => {
  test('issuer: every token\'s iss, following the pool\'s base URL', async () => {
    const pool = new UserPool('us-east-1_abc', {});
    pool.baseUrl = 'http://127.0.0.1:1234';
    const c = pool.addClient('c', client({}));
    const user = pool.createUser('u', 'p', {}, 'CONFIRMED');
    const t = await pool.issueUserTokens(user, c, { scopes: ['aws.cognito.signin.user.admin'], triggerSource: 'TokenGeneration_Authentication', originJti: pool.startSession(user, c), authTime: 1, withId: true });
    expect([pool.issuer, decodeJwt(t.accessToken).payload.iss, decodeJwt(t.idToken!).payload.iss]).toEqual(Array(3).fill('http://127.0.0.1:1234/us-east-1_abc'));
    expect(verifiedClaims(t.accessToken)?.token_use).toBe('access');
  });

  test('client secrets: any of the client\'s list passes, for the secret itself and for SECRET_HASH', () => {
    const pool = new UserPool('us-east-1_abc', {});
    const c = pool.addClient('c', client({}, true));
    expect(c.secrets).toHaveLength(1);
    c.secrets.push('second-secret-of-this-client');
    expect([pool.checkClientSecret(c, c.secrets[0]), pool.checkClientSecret(c, 'second-secret-of-this-client'), pool.checkClientSecret(c, 'other')]).toEqual([true, true, false]);
    const hash = createHmac('sha256', 'second-secret-of-this-client').update(`u${c.clientId}`).digest('base64');
    expect(() => pool.checkSecretHash(c, 'u', hash)).not.toThrow();
    expect(() => pool.checkSecretHash(c, 'u', 'x')).toThrow(`Unable to verify secret hash for client ${c.clientId}`);
  });

  test('refresh tokens: issued by issueUserTokens, redeemed by redeemRefreshToken, at the client that got them', async () => {
    let now = 1_000_000;
    const pool = new UserPool('us-east-1_abc', {}, () => now);
    const c = pool.addClient('c', client({ RefreshTokenValidity: 1, TokenValidityUnits: { RefreshToken: 'hours' } }));
    const other = pool.addClient('o', client({}));
    const user = pool.createUser('u', 'p', {}, 'CONFIRMED');
    const t = await pool.issueUserTokens(user, c, { scopes: ['s'], triggerSource: 'x', originJti: pool.startSession(user, c), authTime: 1, withId: false, refresh: 'api' });
    expect(pool.redeemRefreshToken(t.refreshToken, c).grant).toMatchObject({ clientId: c.clientId, sub: user.sub, scopes: ['s'], via: 'api', expiresAt: 1_000_000 + 3600_000 });
    expect(() => pool.redeemRefreshToken(t.refreshToken, other)).toThrow('Invalid Refresh Token');
    now += 3600_000;
    expect(() => pool.redeemRefreshToken(t.refreshToken, c)).toThrow('Refresh Token has expired');
  });
});

test('a pre-token trigger that fails: UserLambdaValidationException, no tokens', async () => {
  const trigger = { logicalId: 'Trigger', assetDir: '/nonexistent-twin-asset', handler: 'index.handler', timeoutSeconds: 3, environment: {} };
  const pool = new UserPool('us-east-1_abc', {}, Date.now, trigger);
  const c = pool.addClient('c', client({}));
  const user = pool.createUser('u', 'p', {}, 'CONFIRMED');
  const issuing = pool.issueUserTokens(user, c, { scopes: [], triggerSource: 'TokenGeneration_Authentication', originJti: pool.startSession(user, c), authTime: 1, withId: true });
  await expect(issuing).rejects.toThrow(CognitoError);
  await expect(issuing).rejects.toMatchObject({ type: 'UserLambdaValidationException', message: expect.stringMatching(/^PreTokenGeneration failed with error /) });
});

test('a client with EnableTokenRevocation false cannot revoke (UnsupportedOperationException)', () => {
  const pool = new UserPool('us-east-1_abc', {});
  const c = pool.addClient('c', client({ EnableTokenRevocation: false }));
  expect(() => revokeRefreshToken(pool, c, 'a.b.c.d.e')).toThrow('Token revocation is not enabled for this app client');
});

describe('password sign-in answers', () => {
  test('an unknown user: "Incorrect username or password." by default; UserNotFoundException when the client sets PreventUserExistenceErrors LEGACY', () => {
    const pool = new UserPool('us-east-1_abc', {});
    const hiding = pool.addClient('h', client({ PreventUserExistenceErrors: 'ENABLED' }));
    const legacy = pool.addClient('l', client({ PreventUserExistenceErrors: 'LEGACY' }));
    expect(() => pool.authenticate(hiding, 'nobody', 'x')).toThrow('Incorrect username or password.');
    expect(() => pool.authenticate(legacy, 'nobody', 'x')).toThrow('User does not exist.');
  });

  test('a temporary password lasts TemporaryPasswordValidityDays, 7 when the pool does not say', () => {
    let now = 0;
    const pool = new UserPool('us-east-1_abc', {}, () => now);
    const c = pool.addClient('c', client({}));
    const user = pool.createUser('u', 'temp', {}, 'CONFIRMED');
    pool.setTemporaryPassword(user, 'temp');
    now = 7 * 86400_000 - 1;
    expect(pool.authenticate(c, 'u', 'temp').status).toBe('FORCE_CHANGE_PASSWORD');
    now = 7 * 86400_000;
    expect(() => pool.authenticate(c, 'u', 'temp')).toThrow('Temporary password has expired and must be reset by an administrator.');
  });
});
