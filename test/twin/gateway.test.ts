// The local gateway and Lambda runner on their own: route matching, the
// payload-2.0 event, result mapping, and the runner's process isolation.
import { generateKeyPairSync } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { GatewayAuthorizer, LocalGateway } from '../../twin/src/emulator/gateway';
import { InvokeResult, LambdaRunner } from '../../twin/src/emulator/lambda';
import { isClosed } from '../../twin/src/emulator/net';
import { nowSeconds, signRs256 } from '../../twin/src/emulator/tokens';

const ISSUER = 'http://127.0.0.1:1/local_test';
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PRIVATE_PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const AUTHORIZER: GatewayAuthorizer = {
  name: 'Test',
  issuer: ISSUER,
  audience: ['client-a'],
  identitySource: ['$request.header.Authorization'],
  jwks: { keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'k1', alg: 'RS256', use: 'sig' }] } as any,
};

function token(claims: Record<string, unknown>): string {
  return signRs256({ kid: 'k1', typ: 'JWT' }, { iss: ISSUER, client_id: 'client-a', iat: nowSeconds(), exp: nowSeconds() + 300, ...claims }, PRIVATE_PEM);
}

/** An integration that answers with the event it received. */
const echo = async (event: unknown): Promise<InvokeResult> => ({ ok: true, result: { statusCode: 200, body: JSON.stringify(event) } });

let gateway: LocalGateway;

beforeAll(async () => {
  gateway = await LocalGateway.start({
    routes: [
      { routeKey: 'GET /items/{id}', authorizationScopes: [], invoke: echo },
      { routeKey: 'GET /items/special', authorizationScopes: [], invoke: echo },
      { routeKey: 'GET /files/{proxy+}', authorizationScopes: [], invoke: echo },
      { routeKey: 'GET /secure', authorizer: AUTHORIZER, authorizationScopes: ['api/read'], invoke: echo },
      { routeKey: 'GET /plain', authorizationScopes: [], invoke: async () => ({ ok: true, result: { hello: 'world' } }) },
      { routeKey: 'GET /crash', authorizationScopes: [], invoke: async () => ({ ok: false, error: { errorType: 'Error', errorMessage: 'boom' } }) },
    ],
  });
});

afterAll(async () => {
  const port = gateway.port;
  await gateway.close();
  expect(await isClosed(port)).toBe(true);
});

async function get(p: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; contentType: string | null }> {
  const res = await fetch(`${gateway.url}${p}`, { headers });
  return { status: res.status, body: await res.text(), contentType: res.headers.get('content-type') };
}

describe('routing', () => {
  test('a literal path beats a path parameter', async () => {
    expect(JSON.parse((await get('/items/special')).body).routeKey).toBe('GET /items/special');
    const event = JSON.parse((await get('/items/42')).body);
    expect([event.routeKey, event.pathParameters]).toEqual(['GET /items/{id}', { id: '42' }]);
  });

  test('a greedy parameter takes the rest of the path', async () => {
    expect(JSON.parse((await get('/files/a/b/c.txt')).body).pathParameters).toEqual({ proxy: 'a/b/c.txt' });
  });

  test('another method on a known path: 404 {"message":"Not Found"}', async () => {
    const res = await fetch(`${gateway.url}/items/42`, { method: 'DELETE' });
    expect([res.status, await res.text()]).toEqual([404, '{"message":"Not Found"}']);
  });
});

describe('payload 2.0 event', () => {
  test('carries the verified claims as strings and the token scopes', async () => {
    const res = await get('/secure?b=2&a=1&a=3', { 'Authorization': `Bearer ${token({ 'scope': 'api/read other', 'username': 'alice', 'cognito:groups': ['admins', 'ops'] })}`, 'X-Trace': 't' });
    expect(res.status).toBe(200);
    const event = JSON.parse(res.body);
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /secure',
      rawPath: '/secure',
      rawQueryString: 'b=2&a=1&a=3',
      queryStringParameters: { a: '1,3', b: '2' },
      headers: { 'x-trace': 't' },
      isBase64Encoded: false,
      requestContext: {
        stage: '$default',
        routeKey: 'GET /secure',
        http: { method: 'GET', path: '/secure', protocol: 'HTTP/1.1' },
        authorizer: { jwt: { scopes: ['api/read', 'other'] } },
      },
    });
    expect(event.requestContext.authorizer.jwt.claims).toMatchObject({
      'username': 'alice',
      'client_id': 'client-a',
      'exp': expect.stringMatching(/^\d+$/),
      'cognito:groups': '[admins ops]',
    });
  });

  test('a token issued in the future (iat) is refused: 401', async () => {
    const res = await get('/secure', { Authorization: `Bearer ${token({ scope: 'api/read', iat: nowSeconds() + 600 })}` });
    expect([res.status, res.body]).toEqual([401, '{"message":"Unauthorized"}']);
  });

  test('a token whose aud is outside the audience is refused even if client_id is inside: 401', async () => {
    const res = await get('/secure', { Authorization: `Bearer ${token({ scope: 'api/read', aud: 'client-b' })}` });
    expect([res.status, res.body]).toEqual([401, '{"message":"Unauthorized"}']);
  });

  test('scopes are read from scp too', async () => {
    const res = await get('/secure', { Authorization: `Bearer ${token({ scp: ['api/read'] })}` });
    expect(res.status).toBe(200);
  });
});

describe('Lambda result', () => {
  test('without statusCode: 200 and the result as JSON', async () => {
    expect(await get('/plain')).toEqual({ status: 200, body: '{"hello":"world"}', contentType: 'application/json' });
  });

  test('a function error: 500 {"message":"Internal Server Error"}', async () => {
    expect(await get('/crash')).toEqual({ status: 500, body: '{"message":"Internal Server Error"}', contentType: 'application/json' });
  });
});

describe('LambdaRunner', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-lambda-'));
    fs.writeFileSync(path.join(dir, 'index.js'), [
      'exports.env = async () => Object.keys(process.env).sort();',
      'exports.fail = async () => { throw new TypeError("bad input"); };',
    ].join('\n'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const fn = (handler: string) => ({
    logicalId: 'Fn',
    assetDir: dir,
    handler,
    runtime: 'nodejs24.x',
    timeoutSeconds: 3,
    environment: { FROM_TEMPLATE: 'x' },
    unresolvedEnvironment: [],
  });

  test('the handler sees the template\'s environment, not the parent\'s', async () => {
    const runner = new LambdaRunner(fn('index.env'));
    try {
      const r = await runner.invoke({});
      expect(r).toEqual({
        ok: true,
        result: ['AWS_LAMBDA_FUNCTION_NAME', 'AWS_LAMBDA_FUNCTION_TIMEOUT', 'AWS_REGION', 'FROM_TEMPLATE', 'LAMBDA_TASK_ROOT', 'TZ'],
      });
    } finally {
      await runner.stop();
    }
  });

  test('a thrown error comes back as a function error', async () => {
    const runner = new LambdaRunner(fn('index.fail'));
    try {
      expect(await runner.invoke({})).toEqual({ ok: false, error: { errorType: 'TypeError', errorMessage: 'bad input' } });
    } finally {
      await runner.stop();
    }
  });
});
