// `npx projen demo`: the whole flow on loopback, no AWS account.
// Synthesize the default integ app, start cognito-local, create the pool,
// clients and an administrator-approved user `alice` from the template, sign
// in the way the brief's "Method 1" script does, start a gateway that enforces
// the template's JWT authorizer, and call the bundled handler through it.
// Everything started here is stopped here, also when a step fails.
//
// TWIN_APP=<file> synthesizes another app (e.g. test/brief.integ.ts) instead.
// TWIN_KEEP=1 keeps the twin running after the walk-through, so the printed
// curl commands can be tried by hand; Ctrl-C stops it.
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { synthDefault } from './construct-app';
import { isClosed } from './net';
import { loadAssembly } from './template';
import { decodeJwt } from './tokens';
import { COGNITO_LOCAL_GAPS, generatePassword, secretHash, Twin, TWIN_GAPS, TwinClientInfo } from './twin';

const ROOT = path.resolve(__dirname, '..');
// TWIN_APP=test/brief.integ.ts runs another integ app through the same steps.
const INTEG_APP = process.env.TWIN_APP ?? path.join('test', 'default.integ.ts');
const EXPECTED = 'Hello, World! I am alice!';
const STEPS = 9;

let stepNo = 0;
// Lines produced while a step runs are held back and printed under its title.
let held: string[] | undefined;
const say = (line = '') => process.stdout.write(`${line}\n`);
const detail = (line: string) => (held ? held.push(`        ${line}`) : say(`        ${line}`));
const note = (line: string) => detail(`note: ${line}`);

/** Runs one numbered step, prints its title and wall time (or FAILED), then what it printed. */
async function step<T>(title: string, f: () => Promise<T>): Promise<T> {
  stepNo++;
  const label = `[${stepNo}/${STEPS}] ${title}`;
  const start = process.hrtime.bigint();
  const ms = () => Number((process.hrtime.bigint() - start) / 1_000_000n);
  held = [];
  const flush = (outcome: string) => {
    const lines = held ?? [];
    held = undefined;
    say(`${label.padEnd(78, ' ')} ${outcome}`);
    lines.forEach((l) => say(l));
  };
  try {
    const result = await f();
    flush(formatMs(ms()));
    return result;
  } catch (e) {
    flush(`FAILED after ${formatMs(ms())}`);
    throw e;
  }
}

/** A path relative to the repository when inside it. */
function shown(p: string): string {
  const rel = path.relative(ROOT, p);
  return rel.startsWith('..') ? p : rel;
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}

/** Synthesizes the integ app with ts-node into `outdir` (App auto-synthesizes when CDK_OUTDIR is set). */
async function synthIntegApp(app: string, outdir: string): Promise<void> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register', app], {
    cwd: ROOT,
    env: { ...process.env, CDK_OUTDIR: outdir, TS_NODE_PROJECT: 'test/tsconfig.json', TS_NODE_TRANSPILE_ONLY: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0 || !fs.existsSync(path.join(outdir, 'manifest.json'))) {
    throw new Error(`synthesizing ${app} failed (exit ${code}):\n${output}`);
  }
}

function signInClient(twin: Twin): TwinClientInfo {
  const able = twin.clients.filter((c) => c.template.explicitAuthFlows.includes('ALLOW_USER_PASSWORD_AUTH'));
  const client = able.find((c) => c.name === 'cli') ?? able[0];
  if (!client) {
    throw new Error(`no client in the template allows ALLOW_USER_PASSWORD_AUTH (clients: ${twin.clients.map((c) => c.name).join(', ')}); the brief's Method 1 needs one`);
  }
  return client;
}

function curlCommands(twin: Twin, client: TwinClientInfo, password: string): string[] {
  const cognitoUrl = twin.cognito!.url;
  const hash = client.clientSecret
    ? ['SECRET_HASH=$(echo -n "${USERNAME}${CLIENT_ID}" | openssl dgst -sha256 -hmac "${CLIENT_SECRET}" -binary | openssl enc -base64)']
    : [];
  const hashParam = client.clientSecret ? ',\\"SECRET_HASH\\":\\"$SECRET_HASH\\"' : '';
  return [
    `CLIENT_ID=${client.clientId}`,
    ...(client.clientSecret ? [`CLIENT_SECRET=${client.clientSecret}`] : []),
    'USERNAME=alice',
    `PASSWORD='${password}'`,
    ...hash,
    `ACCESS_TOKEN=$(curl -s -X POST ${cognitoUrl}/ \\`,
    '  -H \'X-Amz-Target: AWSCognitoIdentityProviderService.InitiateAuth\' \\',
    '  -H \'Content-Type: application/x-amz-json-1.1\' \\',
    `  --data-raw "{\\"AuthFlow\\":\\"USER_PASSWORD_AUTH\\",\\"AuthParameters\\":{\\"USERNAME\\":\\"$USERNAME\\",\\"PASSWORD\\":\\"$PASSWORD\\"${hashParam}},\\"ClientId\\":\\"$CLIENT_ID\\"}" \\`,
    '  | node -pe \'JSON.parse(require("fs").readFileSync(0)).AuthenticationResult.AccessToken\')',
    `curl -s -H "Authorization: Bearer $ACCESS_TOKEN" ${twin.gateway!.url}/`,
    `curl -s -i ${twin.gateway!.url}/    # no token: 401 {"message":"Unauthorized"}`,
  ];
}

async function main(): Promise<number> {
  const started = Date.now();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-demo-'));
  const outdir = path.join(work, 'cdk.out');
  let twin: Twin | undefined;
  let hello: string | undefined;
  let failed = false;

  // In TWIN_KEEP mode Ctrl-C ends the wait and the normal shutdown runs;
  // otherwise it stops what is running and exits at once.
  let endKeep: (() => void) | undefined;
  const interrupt = (signal: NodeJS.Signals) => {
    if (endKeep) {
      endKeep();
      return;
    }
    say(`\n${signal}: stopping the twin`);
    void (twin?.stop() ?? Promise.resolve()).finally(() => {
      fs.rmSync(work, { recursive: true, force: true });
      process.exit(130);
    });
  };
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);

  say('Local twin of cdk-secure-cognito-api: the synthesized template, run on 127.0.0.1 with no AWS account.');
  say();
  try {
    const integApp = path.join(ROOT, INTEG_APP);
    const haveIntegApp = fs.existsSync(integApp);
    if (!haveIntegApp && process.env.TWIN_APP) throw new Error(`TWIN_APP=${INTEG_APP}: no such file`);
    await step(`Synthesize ${haveIntegApp ? INTEG_APP : 'new SecureCognitoApi(stack, \'Api\') with its defaults'}`, async () => {
      if (haveIntegApp) await synthIntegApp(INTEG_APP, outdir);
      else synthDefault(outdir);
    });
    if (!haveIntegApp) note(`${INTEG_APP} is not in this checkout; the twin synthesized the construct with its default props instead (twin/construct-app.ts).`);
    const model = loadAssembly(outdir);
    detail(`${shown(model.templateFile)}: stack ${model.stackName}, ${model.clients.length} client(s), ${model.routes.length} route(s)`);
    twin = new Twin(model, (line) => detail(line));

    const cognito = await step('Start cognito-local on a free loopback port', () => twin!.startCognito());
    detail(`${cognito.url}  (working directory ${cognito.workDir})`);

    const password = generatePassword(model.userPool.properties.Policies?.PasswordPolicy?.MinimumLength ?? 12);
    let status = '';
    await step('Create the user pool, its clients and the user alice from the template', async () => {
      await twin!.provision([]);
      status = await twin!.createUser({ username: 'alice', password, email: 'alice@example.com' });
    });
    detail(`user pool ${twin.poolId} from ${model.userPool.logicalId} (AliasAttributes ${JSON.stringify(model.userPool.properties.AliasAttributes ?? [])}, `
      + `AllowAdminCreateUserOnly ${model.userPool.properties.AdminCreateUserConfig?.AllowAdminCreateUserOnly === true})`);
    for (const c of twin.clients) {
      const flows = [...c.template.explicitAuthFlows, ...c.template.allowedOAuthFlows.map((f) => `oauth:${f}`)].join(' ') || 'none';
      detail(`client ${c.name.padEnd(10)} ${c.clientId}  secret: ${c.clientSecret ? 'yes' : 'no '}  flows: ${flows}`);
    }
    detail(`user alice: AdminCreateUser (no invitation) + AdminSetUserPassword Permanent -> ${status}`);
    if (model.resourceServers.length) note(`resource server(s) ${model.resourceServers.map((r) => r.identifier).join(', ')} not created: ${COGNITO_LOCAL_GAPS.resourceServers}`);
    if (model.domains.length) note(`domain ${model.domains.join(', ')} not created: ${COGNITO_LOCAL_GAPS.domains}`);
    note(COGNITO_LOCAL_GAPS.passwordPolicy);

    const client = signInClient(twin);
    const tokens = await step(`Sign in as alice: POST InitiateAuth USER_PASSWORD_AUTH${client.clientSecret ? ' + SECRET_HASH' : ''} (client ${client.name})`, () =>
      twin!.signIn(client, 'alice', password));
    const access = decodeJwt(tokens.AccessToken).payload;
    if (client.clientSecret) {
      detail(`SECRET_HASH = base64(HMAC-SHA256(client secret, "alice" + client id)) = ${secretHash('alice', client.clientId, client.clientSecret)}`);
      note(COGNITO_LOCAL_GAPS.secretHash);
    }
    note(COGNITO_LOCAL_GAPS.authFlows);
    detail(`access token: iss ${access.iss}, client_id ${access.client_id}, username ${access.username}, scope "${access.scope}", token_use ${access.token_use}`);

    const machines = twin.clients.filter((c) => c.template.allowedOAuthFlows.includes('client_credentials'));
    await step('Machine clients: client_credentials grant', async () => {
      for (const m of machines) {
        const res = await fetch(`${twin!.cognito!.url}/oauth2/token`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/x-www-form-urlencoded',
            'Authorization': `Basic ${Buffer.from(`${m.clientId}:${m.clientSecret ?? ''}`).toString('base64')}`,
          },
          body: 'grant_type=client_credentials',
        });
        detail(`client ${m.name}: POST /oauth2/token grant_type=client_credentials -> ${res.status} ${await res.text()}  (skipped)`);
      }
    });
    if (machines.length) note(COGNITO_LOCAL_GAPS.clientCredentials);
    else detail('no client of the template uses client_credentials');

    const gateway = await step('Start the local gateway enforcing the template\'s JWT authorizer', () => twin!.startGateway());
    for (const a of model.authorizers) {
      const audience = (await twin.gatewayAuthorizers()).get(a.logicalId)!.audience;
      const region = a.region === 'AWS::Region' ? '<AWS::Region>' : a.region;
      detail(`authorizer ${a.logicalId}: issuer https://cognito-idp.${region}.amazonaws.com/<Ref ${a.userPoolLogicalId}> -> ${twin.issuer}`);
      detail(`  audience (aud, or client_id when a token has no aud): ${audience.join(', ')}`);
    }
    for (const r of model.routes) {
      detail(`route ${r.routeKey.padEnd(14)} ${r.authorizationType} scopes [${r.authorizationScopes.join(' ')}] -> ${r.function.logicalId} (${shown(r.function.assetDir)}, ${r.function.handler})`);
    }
    detail(`listening on ${gateway.url}`);
    note(TWIN_GAPS.gateway);
    note(TWIN_GAPS.lambda);

    const defaultRoute = model.routes.find((r) => r.routeKey === 'GET /') ?? model.routes[0];
    const routePath = defaultRoute.routeKey.split(' ')[1] ?? '/';
    await step(`Call ${defaultRoute.routeKey} without a token`, async () => {
      const res = await fetch(`${gateway.url}${routePath}`);
      const body = await res.text();
      detail(`-> ${res.status} ${body}`);
      if (defaultRoute.authorizationType === 'JWT' && res.status !== 401) throw new Error(`expected 401, got ${res.status}`);
    });

    await step(`Call ${defaultRoute.routeKey} with alice's access token (payload 2.0 -> bundled handler)`, async () => {
      const res = await fetch(`${gateway.url}${routePath}`, { headers: { Authorization: `Bearer ${tokens.AccessToken}` } });
      const body = await res.text();
      detail(`-> ${res.status} ${body}`);
      if (res.status !== 200 || body !== EXPECTED) throw new Error(`expected 200 "${EXPECTED}", got ${res.status} "${body}"`);
      hello = body;
    });

    say();
    say('Try it by hand (ports change on every run; TWIN_KEEP=1 npx projen demo keeps the twin up until Ctrl-C):');
    for (const line of curlCommands(twin, client, password)) say(`  ${line}`);
    say();

    if (process.env.TWIN_KEEP === '1') {
      say('TWIN_KEEP=1: the twin keeps running; press Ctrl-C to stop it.');
      await new Promise<void>((resolve) => (endKeep = resolve));
      endKeep = undefined;
    }
  } catch (e) {
    failed = true;
    say();
    say(`error: ${(e as Error).message}`);
  } finally {
    const ports = [twin?.cognito?.port, twin?.gateway?.port].filter((p): p is number => p !== undefined);
    try {
      await step('Stop the gateway, the Lambda process and cognito-local', async () => {
        await twin?.stop();
        for (const port of ports) {
          if (!(await isClosed(port))) throw new Error(`127.0.0.1:${port} still accepts connections`);
        }
      });
      detail(`nothing listening on ${ports.map((p) => `127.0.0.1:${p}`).join(', ') || 'any port of ours'}`);
    } catch (e) {
      failed = true;
      say(`error: ${(e as Error).message}`);
    }
    fs.rmSync(work, { recursive: true, force: true });
    process.removeListener('SIGINT', interrupt);
    process.removeListener('SIGTERM', interrupt);
  }

  say(`${failed ? 'FAILED' : 'Done'} in ${formatMs(Date.now() - started)}.`);
  if (failed || hello === undefined) return 1;
  say(hello);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`${(e as Error).stack ?? e}\n`);
    process.exitCode = 1;
  },
);
