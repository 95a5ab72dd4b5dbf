// Clients nobody here wrote, against the twin of test/brief.integ.ts, started the way a user's
// own tests start it (TWIN_KEEP=1 TWIN_STATE=<file> TWIN_APP=<app>, the demo) and driven only by
// what the state file says: the brief's Method 1 (curl, openssl, jq) and Method 2 (AWS CLI v2)
// scripts verbatim but for the variables at their top, the AWS SDK for JavaScript v3, and the
// README's machine-client and sign-up-approval scripts.
import { createHmac } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  SignUpCommand,
  ConfirmSignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CLIENTS_DIR, keepTwin, KeptTwin, readmeScripts, runScript } from './snippets';
import { awsCliV2, commands, describeWith, testWith } from '../system-tools';

let twin: KeptTwin;
// The scripts' tools come from the machine: a missing one skips its tests with one line (fails in CI).
const SHELL_TOOLS = commands('curl', 'openssl', 'jq');
const AWS_CLI = awsCliV2();
const hash = (username: string, clientId: string, secret: string) => createHmac('sha256', secret).update(username + clientId).digest('base64');

beforeAll(async () => {
  twin = await keepTwin('test/brief.integ.ts');
});

afterAll(async () => {
  await twin?.stop();
});

const client = (kind: string) => {
  const c = twin.state.clients.find((x) => x.kind === kind);
  if (!c) throw new Error(`no ${kind} client in the state file`);
  return c;
};
const alice = () => twin.state.users.find((u) => u.username === 'alice')!;
const sdk = () => new CognitoIdentityProviderClient({
  endpoint: twin.state.cognitoIdpUrl,
  region: 'us-east-1',
  credentials: { accessKeyId: 'twin', secretAccessKey: 'twin' },
});
const method1Values = (username: string, password: string, secret?: string) => ({
  API_URL: `${twin.state.apiUrl}/`,
  COGNITO_IDP_URL: twin.state.cognitoIdpUrl,
  CLIENT_ID: client('passwordAuth').clientId,
  CLIENT_SECRET: secret ?? client('passwordAuth').clientSecret!,
  USERNAME: username,
  PASSWORD: password,
});

describe('the TWIN_STATE file', () => {
  test('names the endpoints, every client of the template with its kind, and the users', () => {
    const s = twin.state;
    expect(Object.keys(s).sort()).toEqual(['apiUrl', 'apis', 'clients', 'cognitoIdpUrl', 'hostedUiUrl', 'issuer', 'stackName', 'stacks', 'tokenUrl', 'userPoolId', 'users']);
    // One stack: `stacks` holds the top level again, and its one API is apiUrl.
    const { stacks, ...top } = s;
    expect(stacks).toEqual([top]);
    expect(top.apis.map((a) => a.url)).toEqual([s.apiUrl]);
    expect(s.tokenUrl).toBe(`${s.hostedUiUrl}/oauth2/token`);
    // The stand-in of the issuer the template chooses: the original or the updated one.
    expect(s.issuer).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/(issuer-cognito-idp/)?${s.userPoolId}$`));
    expect(s.clients.map((c) => [c.name, c.kind, typeof c.clientSecret]).sort()).toEqual([
      ['cli', 'passwordAuth', 'string'],
      ['implicit', 'implicit', 'undefined'],
      ['machine', 'machine', 'string'],
      ['web', 'web', 'undefined'],
    ]);
    expect(client('machine').scopes).toEqual(['api/read', 'api/write']);
    expect(s.users).toEqual([{ username: 'alice', password: expect.any(String), groups: [] }]);
  });
});

describeWith([SHELL_TOOLS], "the brief's scripts", () => {
  test('Method 1 (curl, openssl, jq) prints Hello', async () => {
    const run = await runScript('method1.sh', method1Values('alice', alice().password));
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^Access Token: eyJ[\w-]+\.[\w-]+\.[\w-]+\nHello, World! I am alice!$/);
  });

  test('Method 1 with a wrong CLIENT_SECRET gets no token (SECRET_HASH is checked) and the API says Unauthorized', async () => {
    const run = await runScript('method1.sh', method1Values('alice', alice().password, 'not-the-secret'));
    expect(run.stdout).toBe('Access Token: null\n{"message":"Unauthorized"}');
  });

  testWith([AWS_CLI], 'Method 2 (AWS CLI v2 from Debian) prints Hello', async () => {
    const run = await runScript('method2.sh', { ...method1Values('alice', alice().password), REGION: 'us-east-1' }, { cognitoIdpUrl: twin.state.cognitoIdpUrl });
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^Access Token: eyJ[\w-]+\.[\w-]+\.[\w-]+\nHello, World! I am alice!$/);
  });
});

describe('the AWS SDK for JavaScript v3', () => {
  test('InitiateAuth USER_PASSWORD_AUTH, then REFRESH_TOKEN_AUTH, then the API says Hello', async () => {
    const cli = client('passwordAuth');
    const first = await sdk().send(new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: cli.clientId,
      AuthParameters: { USERNAME: 'alice', PASSWORD: alice().password, SECRET_HASH: hash('alice', cli.clientId, cli.clientSecret!) },
    }));
    expect(first.AuthenticationResult).toMatchObject({ TokenType: 'Bearer', ExpiresIn: expect.any(Number) });
    const refreshed = await sdk().send(new InitiateAuthCommand({
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: cli.clientId,
      AuthParameters: { REFRESH_TOKEN: first.AuthenticationResult!.RefreshToken!, SECRET_HASH: hash('alice', cli.clientId, cli.clientSecret!) },
    }));
    const res = await fetch(`${twin.state.apiUrl}/`, { headers: { Authorization: `Bearer ${refreshed.AuthenticationResult!.AccessToken}` } });
    expect([res.status, await res.text()]).toEqual([200, 'Hello, World! I am alice!']);
  });

  test('REFRESH_TOKEN_AUTH without SECRET_HASH is refused as Cognito refuses it', async () => {
    const cli = client('passwordAuth');
    const first = await sdk().send(new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: cli.clientId,
      AuthParameters: { USERNAME: 'alice', PASSWORD: alice().password, SECRET_HASH: hash('alice', cli.clientId, cli.clientSecret!) },
    }));
    await expect(sdk().send(new InitiateAuthCommand({
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: cli.clientId,
      AuthParameters: { REFRESH_TOKEN: first.AuthenticationResult!.RefreshToken! },
    }))).rejects.toThrow(`Client ${cli.clientId} is configured for secret but secret was not received`);
  });
});

describe("the README's client scripts", () => {
  test('each README block marked client-script is the file the tests run', () => {
    const blocks = readmeScripts();
    const files = fs.readdirSync(CLIENTS_DIR).filter((f) => f.endsWith('.sh')).sort();
    expect([...blocks.keys()].sort()).toEqual(files.map((f) => `docs/clients/${f}`));
    for (const f of files) expect(blocks.get(`docs/clients/${f}`)).toBe(fs.readFileSync(path.join(CLIENTS_DIR, f), 'utf-8'));
  });

  testWith([SHELL_TOOLS], 'machine.sh: client_credentials with curl says Hello, then reuses its cached token until expiry', async () => {
    const m = client('machine');
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-home-'));
    const values = { TOKEN_URL: twin.state.tokenUrl, CLIENT_ID: m.clientId, CLIENT_SECRET: m.clientSecret!, SCOPE: 'api/read', API_URL: `${twin.state.apiUrl}/` };
    try {
      const first = await runScript('machine.sh', values, { home });
      expect([first.code, first.stdout, first.stderr]).toEqual([0, `Hello, World! I am ${m.clientId}!`, '']);
      const cache = JSON.parse(fs.readFileSync(path.join(home, '.cache', 'my-api', 'machine-token.json'), 'utf-8'));
      expect(cache.expires_at - Math.floor(Date.now() / 1000)).toBeGreaterThan(3500);
      expect(fs.statSync(path.join(home, '.cache', 'my-api', 'machine-token.json')).mode.toString(8)).toMatch(/600$/);
      // A wrong secret does not matter while the cached token is valid: no token request is made.
      const cached = await runScript('machine.sh', { ...values, CLIENT_SECRET: 'wrong' }, { home });
      expect([cached.code, cached.stdout]).toEqual([0, `Hello, World! I am ${m.clientId}!`]);
      // Without the cache, the wrong secret reaches the token endpoint: invalid_client.
      fs.rmSync(path.join(home, '.cache'), { recursive: true });
      const refused = await runScript('machine.sh', { ...values, CLIENT_SECRET: 'wrong' }, { home });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('token request failed: {"error":"invalid_client"');
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });

  test('a machine token is accepted on routes whose scopes it carries, 403 on the others', async () => {
    const m = client('machine');
    const token = async (scope: string) => {
      const res = await fetch(twin.state.tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'authorization': `Basic ${Buffer.from(`${m.clientId}:${m.clientSecret}`).toString('base64')}` },
        body: new URLSearchParams({ grant_type: 'client_credentials', scope }),
      });
      return ((await res.json()) as any).access_token as string;
    };
    const call = async (method: string, p: string, t: string) => (await fetch(`${twin.state.apiUrl}${p}`, { method, headers: { Authorization: `Bearer ${t}` } })).status;
    const read = await token('api/read');
    expect([await call('GET', '/', read), await call('POST', '/items', read)]).toEqual([200, 403]);
    const write = await token('api/write');
    expect([await call('GET', '/', write), await call('POST', '/items', write)]).toEqual([200, 200]);
  });

  testWith([SHELL_TOOLS, AWS_CLI], 'approve-sign-up.sh: a visitor signs up, cannot sign in, cannot confirm alone; the administrator approves; Hello', async () => {
    const cli = client('passwordAuth');
    const password = `${alice().password}N`;
    const signUp = await sdk().send(new SignUpCommand({
      ClientId: cli.clientId,
      Username: 'newuser',
      Password: password,
      SecretHash: hash('newuser', cli.clientId, cli.clientSecret!),
      UserAttributes: [{ Name: 'email', Value: 'newuser@example.com' }],
    }));
    expect(signUp.UserConfirmed).toBe(false);
    const before = await runScript('method1.sh', method1Values('newuser', password));
    expect(before.stdout).toBe('Access Token: null\n{"message":"Unauthorized"}');
    await expect(sdk().send(new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: cli.clientId,
      AuthParameters: { USERNAME: 'newuser', PASSWORD: password, SECRET_HASH: hash('newuser', cli.clientId, cli.clientSecret!) },
    }))).rejects.toThrow(expect.objectContaining({ name: 'UserNotConfirmedException' }));
    // ADMIN_APPROVAL sends no code, so no code confirms the account.
    await expect(sdk().send(new ConfirmSignUpCommand({
      ClientId: cli.clientId, Username: 'newuser', ConfirmationCode: '123456', SecretHash: hash('newuser', cli.clientId, cli.clientSecret!),
    }))).rejects.toThrow('Invalid verification code provided, please try again.');

    const approve = await runScript('approve-sign-up.sh', { USER_POOL_ID: twin.state.userPoolId, USERNAME: 'newuser', REGION: 'us-east-1' }, { cognitoIdpUrl: twin.state.cognitoIdpUrl });
    expect([approve.code, approve.stderr]).toEqual([0, '']);
    expect(approve.stdout.trim()).toBe('newuser');

    const after = await runScript('method1.sh', method1Values('newuser', password));
    expect(after.stdout).toMatch(/\nHello, World! I am newuser!$/);
  });
});

describe('the kept twin', () => {
  test('SIGINT stops it: the demo exits 0 with its verdict and nothing listens any more', async () => {
    const urls = [twin.state.apiUrl, twin.state.cognitoIdpUrl];
    const code = await twin.stop();
    expect(code).toBe(0);
    expect(twin.output().trim().split('\n').pop()).toMatch(/^OK: 4 client\(s\) signed in and got through/);
    for (const url of urls) await expect(fetch(url)).rejects.toThrow('fetch failed');
  });
});
