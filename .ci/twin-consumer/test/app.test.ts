// The app's own tests on the local twin: every client kind signs in and gets what AWS would answer.
import { RunningTwin, startTwin } from 'cdk-secure-cognito-api-twin';

let twin: RunningTwin;

beforeAll(async () => {
  twin = await startTwin({ app: '.', users: [{ username: 'alice', password: 'Consumer-Passw0rd-1' }] });
}, 120_000);

afterAll(() => twin?.stop());

describe('ConsumerApi (SecureCognitoApi)', () => {
  const stack = 'ConsumerApi';

  test('no token: 401', async () => {
    expect((await twin.fetch('/', undefined, { stack })).status).toBe(401);
  });

  test.each(['cli', 'web', 'implicit'])('alice through %s: 200 on GET /, 403 on POST /items (no api/write scope)', async (client) => {
    const { accessToken } = await twin.signIn('alice', { stack, client });
    const hello = await twin.fetch('/', accessToken, { stack });
    expect([hello.status, await hello.text()]).toEqual([200, 'Hello, World! I am alice!']);
    expect((await twin.fetch('/items', accessToken, { stack, method: 'POST' })).status).toBe(403);
  });

  test('machine with api/write: 200 on POST /items; with api/read only: 403', async () => {
    expect((await twin.fetch('/items', await twin.clientCredentials('machine', ['api/write'], { stack }), { stack, method: 'POST' })).status).toBe(200);
    expect((await twin.fetch('/items', await twin.clientCredentials('machine', ['api/read'], { stack }), { stack, method: 'POST' })).status).toBe(403);
  });
});

describe('ConsumerOrders (hand-wired L2s)', () => {
  const stack = 'ConsumerOrders';

  test('script (USER_PASSWORD_AUTH + SECRET_HASH): 200 on /me, 403 on /orders (no orders/read scope)', async () => {
    const { accessToken } = await twin.signIn('alice', { stack, client: 'script' });
    const me = await twin.fetch('/me', accessToken, { stack });
    expect([me.status, await me.json()]).toEqual([200, { route: 'GET /me', caller: 'alice' }]);
    expect((await twin.fetch('/orders', accessToken, { stack })).status).toBe(403);
    expect((await twin.fetch('/orders', undefined, { stack })).status).toBe(401);
  });

  test('machine (client_credentials, orders/read): 200 on /orders', async () => {
    const res = await twin.fetch('/orders', await twin.clientCredentials('machine', undefined, { stack }), { stack });
    expect(res.status).toBe(200);
  });
});
