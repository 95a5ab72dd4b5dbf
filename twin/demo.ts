// `npx projen demo`: the whole flow on loopback, no AWS account. Synthesizes an integ app
// (TWIN_APP, default test/brief.integ.ts; absolute paths work), brings up the twin (its own user
// pool behind the Cognito endpoint, the gateway, the bundled handler), creates the
// administrator-approved user alice, and signs in once per client kind the way that kind does,
// calling the API with each token. One line per step, a verdict at the end.
//
// TWIN_KEEP=1 keeps the twin up afterwards until SIGINT/SIGTERM; TWIN_STATE=<file> then gets
// the twin's endpoints, clients and users as JSON once it is ready (twin.ts, TwinState), so
// other programs — outside clients, a user's own tests — can drive it.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadAssembly } from './src/assembly/template';
import { isClosed } from './src/emulator/net';
import { clientKind, generatePassword, Twin, TwinUser } from './src/emulator/twin';
import { groupRoutes, method1, passwordClient } from './src/harness/group-walk';
import { callApi, tokenFor } from './src/harness/walk';
import { synthDefault } from '../test/twin/fixtures/construct-app';

/** The repository: the folder above this file that holds .projenrc.ts (the demo may run from a bundle in .demo/). */
const ROOT = findRoot(__dirname);
const INTEG_APP = process.env.TWIN_APP ?? path.join('test', 'brief.integ.ts');
const KINDS_ORDER = ['passwordAuth', 'machine', 'web', 'confidentialWeb', 'implicit'];

const say = (line = '') => process.stdout.write(`${line}\n`);
const formatMs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`);

async function timed<T>(f: () => Promise<T>): Promise<[T, string]> {
  const start = Date.now();
  const result = await f();
  return [result, formatMs(Date.now() - start)];
}

function findRoot(dir: string): string {
  for (let d = dir; d !== path.dirname(d); d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, '.projenrc.ts'))) return d;
  }
  throw new Error(`no .projenrc.ts above ${dir}`);
}

/**
 * Synthesizes the integ app into `outdir`: esbuild bundles it (its own code and src/; packages
 * stay external) into .demo/bundle/, two levels below the repository as src/handler/ is, so the
 * handler asset's relative path still resolves; then it runs in this process with CDK_OUTDIR set
 * (the App synthesizes there). Much faster than ts-node on 2 cores.
 */
async function synthIntegApp(app: string, outdir: string): Promise<void> {
  const bundle = path.join(ROOT, '.demo', 'bundle', `app-${process.pid}.js`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild');
  await esbuild.build({ entryPoints: [app], bundle: true, platform: 'node', target: 'node20', packages: 'external', outfile: bundle, logLevel: 'error' });
  const previous = process.env.CDK_OUTDIR;
  process.env.CDK_OUTDIR = outdir;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(bundle);
  } finally {
    if (previous === undefined) delete process.env.CDK_OUTDIR;
    else process.env.CDK_OUTDIR = previous;
    fs.rmSync(bundle, { force: true });
  }
  if (!fs.existsSync(path.join(outdir, 'manifest.json'))) throw new Error(`synthesizing ${app} wrote no cloud assembly`);
}

async function main(): Promise<number> {
  const started = Date.now();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-demo-'));
  const outdir = path.join(work, 'cdk.out');
  let twin: Twin | undefined;
  const failures: string[] = [];
  let hellos = 0;
  let groupRoutesChecked = 0;

  let endKeep: (() => void) | undefined;
  const interrupt = (signal: NodeJS.Signals) => {
    if (endKeep) return endKeep();
    say(`${signal}: stopping the twin`);
    void (twin?.stop() ?? Promise.resolve()).finally(() => {
      fs.rmSync(work, { recursive: true, force: true });
      process.exit(130);
    });
  };
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);

  const app = path.resolve(ROOT, INTEG_APP);
  const shown = fs.existsSync(app) || process.env.TWIN_APP ? (path.relative(ROOT, app).startsWith('..') ? app : path.relative(ROOT, app)) : 'the construct\'s defaults';
  say(`Local twin of cdk-secure-cognito-api: ${shown} on 127.0.0.1, no AWS account.`);
  try {
    if (!fs.existsSync(app) && process.env.TWIN_APP) throw new Error(`TWIN_APP=${INTEG_APP}: no such file`);
    const [, synthTime] = await timed(async () => (fs.existsSync(app) ? synthIntegApp(app, outdir) : void synthDefault(outdir)));
    const model = loadAssembly(outdir);
    say(`  synthesized ${model.stackName}: ${model.clients.length} client(s), ${model.routes.length} route(s)`.padEnd(72) + synthTime);

    twin = new Twin(model);
    const password = generatePassword(model.userPool.properties.Policies?.PasswordPolicy?.MinimumLength ?? 12);
    // With `groupScopes`: alice is a member of the group a group-only route needs, bob is in no group.
    const byGroup = groupRoutes(twin);
    const alice: TwinUser = { username: 'alice', password, email: 'alice@example.com', groups: byGroup.length ? [byGroup[0].groups[0]] : [] };
    const bob: TwinUser = { username: 'bob', password: generatePassword(password.length), email: 'bob@example.com', groups: [] };
    const [, upTime] = await timed(async () => {
      await twin!.startCognito();
      await twin!.provision(byGroup.length ? [alice, bob] : [alice]);
      await twin!.startGateway();
    });
    say(`  twin up: Cognito ${twin.cognitoIdpUrl}, API ${twin.gateway!.url}`.padEnd(72) + upTime);

    const noToken = await callApi(twin, undefined);
    say(`  ${'no token'.padEnd(26)} GET / -> ${noToken.status} ${noToken.body}`);
    if (noToken.status !== 401) failures.push(`GET / without a token answered ${noToken.status}`);

    const clients = [...twin.clients].sort((a, b) => KINDS_ORDER.indexOf(clientKind(a.template)) - KINDS_ORDER.indexOf(clientKind(b.template)));
    for (const client of clients) {
      const label = `${client.name} (${clientKind(client.template)})`.padEnd(26);
      try {
        const [walk, time] = await timed(() => tokenFor(twin!, client, alice));
        const res = await callApi(twin, walk.accessToken);
        const expected = `Hello, World! I am ${walk.kind === 'machine' ? client.clientId : 'alice'}!`;
        const ok = res.status === 200 && res.body === expected;
        if (ok) hellos++;
        else failures.push(`${client.name}: GET / answered ${res.status} ${res.body}`);
        say(`  ${label} ${walk.how} -> ${res.status} ${res.body}`.padEnd(120) + ` ${time}`);
      } catch (e) {
        failures.push(`${client.name}: ${(e as Error).message}`);
        say(`  ${label} FAILED: ${(e as Error).message}`);
      }
    }
    const script = passwordClient(twin);
    for (const route of byGroup.filter(() => script !== undefined)) {
      groupRoutesChecked++;
      for (const [user, expected] of [[alice, alice.groups!.some((g) => route.groups.includes(g)) ? 200 : 403], [bob, 403]] as const) {
        const res = await callApi(twin, await method1(twin, script!, user), route.routeKey);
        const who = `${user.username} (${user.groups?.length ? user.groups.join(', ') : 'no group'})`.padEnd(26);
        say(`  ${who} Method 1, ${route.routeKey} -> ${res.status} ${res.body}`);
        if (res.status !== expected) failures.push(`${user.username}: ${route.routeKey} answered ${res.status}, expected ${expected}`);
      }
    }
    say('  where the twin is not AWS: README.md, "Where the twin is not AWS"');

    if (process.env.TWIN_KEEP === '1') {
      if (process.env.TWIN_STATE) {
        const file = path.resolve(process.env.TWIN_STATE);
        fs.writeFileSync(`${file}.tmp`, JSON.stringify(twin.state(), null, 2), { mode: 0o600 });
        fs.renameSync(`${file}.tmp`, file);
        say(`  state: ${file}`);
      }
      say(`TWIN_KEEP=1: the twin stays up (API ${twin.gateway!.url}); Ctrl-C stops it.`);
      await new Promise<void>((resolve) => (endKeep = resolve));
    }
  } catch (e) {
    failures.push((e as Error).message);
  } finally {
    const ports = [twin?.front?.port, twin?.gateway?.port].filter((p): p is number => p !== undefined);
    try {
      await twin?.stop();
      for (const port of ports) if (!(await isClosed(port))) failures.push(`127.0.0.1:${port} still accepts connections`);
    } catch (e) {
      failures.push(`stopping: ${(e as Error).message}`);
    }
    fs.rmSync(work, { recursive: true, force: true });
    process.removeListener('SIGINT', interrupt);
    process.removeListener('SIGTERM', interrupt);
  }

  const time = formatMs(Date.now() - started);
  if (failures.length) {
    failures.forEach((f) => say(`error: ${f}`));
    say(`FAILED: ${failures.length} problem(s), ${hellos} client(s) said Hello, in ${time}.`);
    return 1;
  }
  const byGroupNote = groupRoutesChecked ? `, ${groupRoutesChecked} group route(s) opened to the member only` : '';
  say(`OK: ${hellos} client(s) said Hello${byGroupNote}, the API refused a request without a token; twin stopped; ${time}.`);
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
