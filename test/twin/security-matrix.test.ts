// End to end on the local twin: SecureCognitoApi synthesized with a
// password-auth client `cli`, a machine client and an addRoute route that
// needs a custom scope; the template's pool, clients,
// JWT authorizer, routes and Lambda asset, with the twin's user pool as Cognito.
// Tokens named "issued" come from the brief's InitiateAuth call; tokens named
// "minted" were built by the test and signed with the twin's own key (see
// tokens.ts), because a sign-in cannot produce them or because they must be
// wrong on purpose.
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { MATRIX_MACHINE_SCOPE, MATRIX_ROUTE_SCOPE, synthMatrix } from './fixtures/construct-app';
import { isClosed } from '../../twin/src/emulator/net';
import { decodeJwt, mint, nowSeconds, signedByStranger, tampered, unsigned } from '../../twin/src/emulator/tokens';
import { AuthenticationResult, generatePassword, secretHash, Twin, TwinClientInfo } from '../../twin/src/emulator/twin';

const UNAUTHORIZED = '{"message":"Unauthorized"}';
const FORBIDDEN = '{"message":"Forbidden"}';
const ALICE = { username: 'alice', password: generatePassword(12), email: 'alice@example.com' };

let outdir: string;
let twin: Twin;
let cli: TwinClientInfo;
let alice: AuthenticationResult;

beforeAll(async () => {
  outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-matrix-'));
  const assembly = synthMatrix(outdir);
  twin = await Twin.start(assembly, [ALICE]);
  cli = twin.client('cli');
  alice = await twin.signIn(cli, ALICE.username, ALICE.password);
});

afterAll(async () => {
  await twin?.stop();
  fs.rmSync(outdir, { recursive: true, force: true });
});

async function call(route: string, authorization?: string): Promise<{ status: number; body: string }> {
  const [method, p] = route.split(' ');
  const res = await fetch(`${twin.gateway!.url}${p}`, {
    method,
    headers: authorization === undefined ? {} : { Authorization: authorization },
  });
  return { status: res.status, body: await res.text() };
}

describe('refused by the JWT authorizer', () => {
  test('no Authorization header: 401', async () => {
    expect(await call('GET /')).toEqual({ status: 401, body: UNAUTHORIZED });
  });

  test('garbage instead of a JWT: 401', async () => {
    expect(await call('GET /', 'Bearer not.a.jwt')).toEqual({ status: 401, body: UNAUTHORIZED });
    expect(await call('GET /', 'Bearer ')).toEqual({ status: 401, body: UNAUTHORIZED });
  });

  test('issued access token with a changed payload (tampered signature): 401', async () => {
    const forged = tampered(alice.AccessToken, { username: 'mallory' });
    expect(await call('GET /', `Bearer ${forged}`)).toEqual({ status: 401, body: UNAUTHORIZED });
  });

  test('issued access token re-signed by a key outside the JWKS, same kid: 401', async () => {
    expect(await call('GET /', `Bearer ${signedByStranger(alice.AccessToken)}`)).toEqual({ status: 401, body: UNAUTHORIZED });
  });

  test('issued access token with alg none and no signature: 401', async () => {
    expect(await call('GET /', `Bearer ${unsigned(alice.AccessToken)}`)).toEqual({ status: 401, body: UNAUTHORIZED });
  });

  test('minted access token that expired a minute ago: 401', async () => {
    const expired = mint(alice.AccessToken, { iat: nowSeconds() - 3600, exp: nowSeconds() - 60 });
    expect(await call('GET /', `Bearer ${expired}`)).toEqual({ status: 401, body: UNAUTHORIZED });
  });

  test('minted access token not valid before a minute from now: 401', async () => {
    const early = mint(alice.AccessToken, { nbf: nowSeconds() + 60 });
    expect(await call('GET /', `Bearer ${early}`)).toEqual({ status: 401, body: UNAUTHORIZED });
  });

  test('minted access token from another issuer (the deployed pool URL), same key: 401', async () => {
    const elsewhere = mint(alice.AccessToken, { iss: `https://cognito-idp.eu-west-1.amazonaws.com/${twin.poolId}` });
    expect(await call('GET /', `Bearer ${elsewhere}`)).toEqual({ status: 401, body: UNAUTHORIZED });
  });

  test('issued access token of a client outside the audience: 401', async () => {
    const stranger = await twin.createOutsideClient('not-in-template');
    const token = (await twin.signIn(stranger, ALICE.username, ALICE.password)).AccessToken;
    expect(decodeJwt(token).payload.client_id).toBe(stranger.clientId);
    expect(await call('GET /', `Bearer ${token}`)).toEqual({ status: 401, body: UNAUTHORIZED });
  });

  test('issued ID token (aud is an audience client, but no scope): 403', async () => {
    expect(decodeJwt(alice.IdToken).payload.aud).toBe(cli.clientId);
    expect(await call('GET /', `Bearer ${alice.IdToken}`)).toEqual({ status: 403, body: FORBIDDEN });
  });

  test('issued access token on an addRoute route that needs a custom scope it lacks: 403', async () => {
    expect(decodeJwt(alice.AccessToken).payload.scope).toBe('aws.cognito.signin.user.admin');
    expect(await call('POST /items', `Bearer ${alice.AccessToken}`)).toEqual({ status: 403, body: FORBIDDEN });
  });

  test('a path with no route: 404 before any authorizer', async () => {
    expect(await call('GET /nowhere', `Bearer ${alice.AccessToken}`)).toEqual({ status: 404, body: '{"message":"Not Found"}' });
  });
});

// What aws-jwt-verify alone would let through and API Gateway refuses (issue 10 item 18); each token
// is signed by the pool's key, so only the rule under test can refuse it.
describe('refused as API Gateway refuses them, though signed by the pool key', () => {
  test('minted access token without exp: 401', async () => {
    const forever = mint(alice.AccessToken, { exp: undefined });
    expect(decodeJwt(forever).payload.exp).toBeUndefined();
    expect(await call('GET /', `Bearer ${forever}`)).toEqual({ status: 401, body: UNAUTHORIZED });
  });

  test('minted access token with client_id given as an array holding an audience client: 401', async () => {
    const listed = mint(alice.AccessToken, { client_id: [cli.clientId] });
    expect(await call('GET /', `Bearer ${listed}`)).toEqual({ status: 401, body: UNAUTHORIZED });
  });

  test('two Authorization headers, the first one valid (API Gateway joins them with a comma): 401', async () => {
    const status = await rawGet('/', [['Authorization', `Bearer ${alice.AccessToken}`], ['Authorization', 'Bearer x.y.z']]);
    expect(status).toMatch(/^HTTP\/1\.1 401 /);
  });

  test('a valid token with request line and header values over 10,240 bytes: 431', async () => {
    const padding = 'a'.repeat(10_240 - alice.AccessToken.length);
    const status = await rawGet('/', [['Authorization', `Bearer ${alice.AccessToken}`], ['X-Padding', padding]]);
    expect(status).toMatch(/^HTTP\/1\.1 431 /);
    // Just under the quota the same token passes.
    const fits = 'a'.repeat(10_240 - alice.AccessToken.length - 200);
    expect(await rawGet('/', [['Authorization', `Bearer ${alice.AccessToken}`], ['X-Padding', fits]])).toMatch(/^HTTP\/1\.1 200 /);
  });

  test('issued access token with base64 padding appended to its signature: 401', async () => {
    expect(await call('GET /', `Bearer ${alice.AccessToken}=`)).toEqual({ status: 401, body: UNAUTHORIZED });
    expect(await call('GET /', `Bearer ${alice.AccessToken}==`)).toEqual({ status: 401, body: UNAUTHORIZED });
  });
});

/** A GET with exactly these header lines (fetch would merge duplicates); resolves to the status line. */
function rawGet(p: string, headers: Array<[string, string]>): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port: twin.gateway!.port }, () => {
      const lines = [`GET ${p} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close', ...headers.map(([k, v]) => `${k}: ${v}`)];
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    });
    let data = '';
    socket.on('data', (d) => (data += d.toString()));
    socket.on('end', () => resolve(data.split('\r\n')[0]));
    socket.on('error', reject);
  });
}

describe('accepted', () => {
  test('issued access token on the default route: 200 from the bundled handler', async () => {
    expect(await call('GET /', `Bearer ${alice.AccessToken}`)).toEqual({ status: 200, body: 'Hello, World! I am alice!' });
  });

  test('the same token without the Bearer prefix, as API Gateway allows: 200', async () => {
    expect(await call('GET /', alice.AccessToken)).toEqual({ status: 200, body: 'Hello, World! I am alice!' });
  });

  test('minted access token carrying the custom scope on the addRoute route: 200', async () => {
    const scoped = mint(alice.AccessToken, { scope: `aws.cognito.signin.user.admin ${MATRIX_ROUTE_SCOPE}` });
    expect(await call('POST /items', `Bearer ${scoped}`)).toEqual({ status: 200, body: 'Hello, World! I am alice!' });
  });

  test('minted machine token (client_credentials shape: client_id, its custom scope, no username) on the default route: 200', async () => {
    const machine = twin.client('machine');
    const token = mint(alice.AccessToken, { client_id: machine.clientId, scope: MATRIX_MACHINE_SCOPE, username: undefined, sub: machine.clientId });
    expect(await call('GET /', `Bearer ${token}`)).toEqual({ status: 200, body: `Hello, World! I am ${machine.clientId}!` });
  });
});

describe('refused for scope', () => {
  test('the same machine token on the addRoute route, which needs another custom scope: 403', async () => {
    const machine = twin.client('machine');
    const token = mint(alice.AccessToken, { client_id: machine.clientId, scope: MATRIX_MACHINE_SCOPE, username: undefined, sub: machine.clientId });
    expect(await call('POST /items', `Bearer ${token}`)).toEqual({ status: 403, body: FORBIDDEN });
  });
});

describe('what the twin\'s user pool checks, as Cognito does', () => {
  test('SECRET_HASH: a wrong or missing one is NotAuthorizedException', async () => {
    const wrong = secretHash(ALICE.username, cli.clientId, 'not-the-secret');
    await expect(twin.signIn(cli, ALICE.username, ALICE.password, wrong))
      .rejects.toThrow(`InitiateAuth: NotAuthorizedException: Unable to verify secret hash for client ${cli.clientId}`);
    await expect(twin.rpc('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: cli.clientId, AuthParameters: { USERNAME: ALICE.username, PASSWORD: ALICE.password } }))
      .rejects.toThrow(`InitiateAuth: NotAuthorizedException: Client ${cli.clientId} is configured for secret but secret was not received`);
  });

  test('client_credentials: the token endpoint issues Cognito\'s M2M claims', async () => {
    const machine = twin.client('machine');
    const res = await fetch(`${twin.hostedUiUrl}/oauth2/token`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'Authorization': `Basic ${Buffer.from(`${machine.clientId}:${machine.clientSecret}`).toString('base64')}`,
      },
      body: 'grant_type=client_credentials',
    });
    const token = ((await res.json()) as any).access_token;
    expect(decodeJwt(token).payload).toMatchObject({ sub: machine.clientId, client_id: machine.clientId, token_use: 'access', scope: MATRIX_MACHINE_SCOPE, version: 2, iss: twin.issuer });
  });

  test('a wrong password is NotAuthorizedException "Incorrect username or password."', async () => {
    await expect(twin.signIn(cli, ALICE.username, `${ALICE.password}x`)).rejects.toThrow('InitiateAuth: NotAuthorizedException: Incorrect username or password.');
  });

  test('AuthenticationResult has ExpiresIn and TokenType', async () => {
    const result = await twin.signIn(cli, ALICE.username, ALICE.password);
    const exp = Number(decodeJwt(result.AccessToken).payload.exp);
    expect(result.TokenType).toBe('Bearer');
    expect(Math.abs(result.ExpiresIn! - (exp - nowSeconds()))).toBeLessThanOrEqual(2);
  });

  test('refresh tokens are opaque (five dot-separated parts, like Cognito\'s encrypted ones), not a readable JWT', async () => {
    expect(alice.RefreshToken!.split('.')).toHaveLength(5);
    expect(() => decodeJwt(alice.RefreshToken!).payload).toThrow();
  });

  test('ExplicitAuthFlows: USER_PASSWORD_AUTH is refused for a client whose template does not allow it', async () => {
    const machine = twin.client('machine');
    expect(machine.template.explicitAuthFlows).not.toContain('ALLOW_USER_PASSWORD_AUTH');
    await expect(twin.signIn(machine, ALICE.username, ALICE.password))
      .rejects.toThrow('InitiateAuth: InvalidParameterException: USER_PASSWORD_AUTH flow not enabled for this client');
  });

  test('PasswordPolicy: the template\'s policy is enforced by the pool too', async () => {
    await expect(twin.createUser({ username: 'bob', password: 'short', email: 'bob@example.com' }))
      .rejects.toThrow('password for bob breaks the template\'s PasswordPolicy: shorter than 12, no uppercase letter, no number, no symbol');
    await twin.rpc('AdminCreateUser', { UserPoolId: twin.poolId, Username: 'carol', MessageAction: 'SUPPRESS' });
    await expect(twin.rpc('AdminSetUserPassword', { UserPoolId: twin.poolId, Username: 'carol', Password: 'short', Permanent: true }))
      .rejects.toThrow('AdminSetUserPassword: InvalidPasswordException: Password did not conform with policy: shorter than 12, no uppercase letter, no number, no symbol');
  });
});

describe('teardown', () => {
  test('stopping the twin leaves nothing listening', async () => {
    const ports = [twin.front!.port, twin.gateway!.port];
    await twin.stop();
    for (const port of ports) {
      expect(await isClosed(port)).toBe(true);
    }
  });
});
