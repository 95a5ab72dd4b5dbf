// startTwin on an app written the way CDK users write it without SecureCognitoApi (the aws-cdk-lib
// L2s by hand), beside a stack that uses it: every stack and API comes up, the authorizer answers
// 200/401/403 as API Gateway would, a Python handler answers, and what the twin cannot run (a Java
// function, an environment value that is a GetAtt) is named, not hidden.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CONSTRUCT_STACK, HAND_WIRED_STACK, ORDERS_SCOPE, synthHandWired } from './fixtures/hand-wired';
import { isClosed } from '../../twin/src/emulator/net';
import { decodeJwt } from '../../twin/src/emulator/tokens';
import { RunningTwin, startTwin } from '../../twin/src/harness/session';

const PASSWORD = 'Tw-Passw0rd-Carol7a';
let work: string;
let assembly: string;
let twin: RunningTwin;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-start-'));
  assembly = synthHandWired(path.join(work, 'cdk.out'));
  twin = await startTwin({ assembly, users: [{ username: 'carol', password: PASSWORD }] });
});

afterAll(async () => {
  await twin?.stop();
  fs.rmSync(work, { recursive: true, force: true });
});

const json = async (res: Response): Promise<[number, any]> => [res.status, await res.json()];

describe('GIVEN an app with a SecureCognitoApi stack and a hand-wired L2 stack', () => {
  test('THEN both stacks come up, the hand-wired one with its two HTTP APIs, and carol in each pool', () => {
    const byStack = Object.fromEntries(twin.state.stacks.map((s) => [s.stackName, s]));
    expect(Object.keys(byStack).sort()).toEqual([HAND_WIRED_STACK, CONSTRUCT_STACK]);
    expect(byStack[HAND_WIRED_STACK].apis.map((a) => a.name)).toEqual(['orders', 'admin']);
    // aws-cdk-lib's UserPoolClient allows the implicit and code flows unless told otherwise.
    expect(byStack[HAND_WIRED_STACK].clients.map((c) => [c.name, c.kind])).toEqual([['script', 'implicit'], ['machine', 'machine']]);
    expect(twin.state.stacks.map((s) => s.users)).toEqual([[{ username: 'carol', password: PASSWORD, groups: [] }], [{ username: 'carol', password: PASSWORD, groups: [] }]]);
  });

  test('THEN the hand-wired API answers 401 without a token and 200 to the user pool authorizer with a password token', async () => {
    const { accessToken } = await twin.signIn('carol', { stack: HAND_WIRED_STACK });
    expect(await json(await twin.fetch('/me', undefined, { stack: HAND_WIRED_STACK }))).toEqual([401, { message: 'Unauthorized' }]);
    expect(await json(await twin.fetch('/me', accessToken, { stack: HAND_WIRED_STACK }))).toEqual([200, { runtime: 'node', route: 'GET /me', caller: 'carol' }]);
  });

  test('THEN a token without the route\'s scope gets 403, and the machine token that carries it gets 200', async () => {
    const { accessToken } = await twin.signIn('carol', { stack: HAND_WIRED_STACK });
    expect(decodeJwt(accessToken).payload.scope).not.toContain(ORDERS_SCOPE);
    expect(await json(await twin.fetch('/orders', accessToken, { stack: HAND_WIRED_STACK }))).toEqual([403, { message: 'Forbidden' }]);

    const machine = await twin.clientCredentials('machine', [ORDERS_SCOPE], { stack: HAND_WIRED_STACK });
    const [status, body] = await json(await twin.fetch('/orders', machine, { stack: HAND_WIRED_STACK }));
    expect([status, body.route]).toEqual([200, 'GET /orders']);
  });

  test('THEN the Python handler answers with the claims and its own environment only', async () => {
    const { accessToken } = await twin.signIn('carol', { stack: HAND_WIRED_STACK });
    const [status, body] = await json(await twin.fetch('/python', accessToken, { stack: HAND_WIRED_STACK }));
    expect(status).toBe(200);
    expect({ ...body, function: body.function.replace(/[0-9A-F]{8}$/, '') }).toEqual({
      runtime: 'python', route: 'GET /python', caller: 'carol', greeting: 'hello from the template', function: 'PythonHandler',
    });
  });

  test('THEN the second API of the stack has a gateway of its own', async () => {
    const { accessToken } = await twin.signIn('carol', { stack: HAND_WIRED_STACK });
    const admin = twin.state.stacks.find((s) => s.stackName === HAND_WIRED_STACK)!.apis[1];
    expect(await json(await twin.fetch('/admin', accessToken, { stack: HAND_WIRED_STACK, api: 'admin' }))).toEqual([200, { runtime: 'node', route: 'GET /admin', caller: 'carol' }]);
    expect((await fetch(`${admin.url}/me`)).status).toBe(404);
  });

  test('THEN the Java route answers 501 after the authorizer, and the notes name it and the unresolvable environment value', async () => {
    const { accessToken } = await twin.signIn('carol', { stack: HAND_WIRED_STACK });
    expect((await twin.fetch('/java', undefined, { stack: HAND_WIRED_STACK })).status).toBe(401);
    expect((await twin.fetch('/java', accessToken, { stack: HAND_WIRED_STACK })).status).toBe(501);
    expect(twin.notes.map((n) => n.replace(/([A-Za-z]+)[0-9A-F]{8}\b/g, '$1'))).toEqual([
      `${HAND_WIRED_STACK}: function PythonHandler: environment POOL_ARN cannot be resolved locally (a Ref, GetAtt or import); the handler runs without them`,
      `${HAND_WIRED_STACK}: route GET /java: function JavaHandler runs java21; the twin runs Node.js and Python 3 functions; it answers 501 (--stub "GET /java=<status>" to choose)`,
    ]);
  });

  test('THEN the SecureCognitoApi stack answers its built-in handler', async () => {
    const { accessToken } = await twin.signIn('carol', { stack: CONSTRUCT_STACK });
    const res = await twin.fetch('/', accessToken, { stack: CONSTRUCT_STACK });
    expect([res.status, await res.text()]).toEqual([200, 'Hello, World! I am carol!']);
  });
});

describe('GIVEN a stub status for the Java route and one stack chosen', () => {
  test('THEN only that stack comes up, the route answers the stub status, and stop() frees every port', async () => {
    const one = await startTwin({ assembly, stacks: [HAND_WIRED_STACK], stubs: { 'GET /java': 200 } });
    const ports = one.twins.flatMap((t) => [t.front!.port, ...[...t.gateways.values()].map((g) => g.port)]);
    try {
      expect(one.state.stacks.map((s) => s.stackName)).toEqual([HAND_WIRED_STACK]);
      expect(one.state.users.map((u) => u.username)).toEqual(['alice']);
      const { accessToken } = await one.signIn();
      expect((await one.fetch('/java', accessToken)).status).toBe(200);
      expect(one.notes.filter((n) => n.includes('GET /java'))[0]).toMatch(/; it answers 200$/);
    } finally {
      await one.stop();
    }
    for (const port of ports) expect(await isClosed(port)).toBe(true);
  });

  test('THEN a stack that is not in the assembly is refused with the stacks it has', async () => {
    await expect(startTwin({ assembly, stacks: ['Nope'] })).rejects.toThrow(`--stack Nope: no such stack in ${assembly} (have: ${CONSTRUCT_STACK}, ${HAND_WIRED_STACK})`);
  });
});
