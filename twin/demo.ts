// `npx projen demo`: the CLI's `check` on the brief's app. Synthesizes an integ app (TWIN_APP,
// default test/brief.integ.ts; absolute paths work) in this process, which is faster than a
// `cdk.json` app command, then runs `check` on the assembly: the twin comes up, a request without
// a token is refused, and alice signs in once per client kind the way that kind does, calling the
// API with each token. One line per step, a verdict at the end.
//
// TWIN_KEEP=1 keeps the twin up afterwards until SIGINT/SIGTERM; TWIN_STATE=<file> then gets
// the state file once it is ready, so other programs (the outside-client tests) can drive it.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { discoverStacks } from './src/assembly/template';
import { check, formatMs } from './src/harness/check';
import { RunningTwin } from './src/harness/session';
import { writeStateFile } from './src/harness/state';
import { synthDefault } from '../test/twin/fixtures/construct-app';

/** The repository: the folder above this file that holds .projenrc.ts (the demo may run from a bundle in .demo/). */
const ROOT = findRoot(__dirname);
const INTEG_APP = process.env.TWIN_APP ?? path.join('test', 'brief.integ.ts');

const say = (line = '') => process.stdout.write(`${line}\n`);

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
  const app = path.resolve(ROOT, INTEG_APP);
  const shown = fs.existsSync(app) || process.env.TWIN_APP ? (path.relative(ROOT, app).startsWith('..') ? app : path.relative(ROOT, app)) : 'the construct\'s defaults';
  say(`Local twin of cdk-secure-cognito-api: ${shown} on 127.0.0.1, no AWS account.`);
  try {
    if (!fs.existsSync(app) && process.env.TWIN_APP) throw new Error(`TWIN_APP=${INTEG_APP}: no such file`);
    await (fs.existsSync(app) ? synthIntegApp(app, outdir) : synthDefault(outdir));
    const synthTime = formatMs(Date.now() - started);
    const stacks = discoverStacks(outdir).stacks;
    say(`  synthesized ${stacks.join(', ')}`.padEnd(72) + synthTime);
    // The rest is the CLI's `check` on that assembly; TWIN_KEEP holds the twin up before it stops.
    const result = await check({ assembly: outdir, say: (line) => say(line), beforeStop: process.env.TWIN_KEEP === '1' ? keep : undefined });
    return result.failures.length ? 1 : 0;
  } catch (e) {
    say(`error: ${(e as Error).message}`);
    say(`FAILED: 1 problem(s), in ${formatMs(Date.now() - started)}.`);
    return 1;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** TWIN_KEEP=1: writes TWIN_STATE (when set) and waits for SIGINT/SIGTERM. */
async function keep(running: RunningTwin): Promise<void> {
  if (process.env.TWIN_STATE) say(`  state: ${writeStateFile(process.env.TWIN_STATE, running.state)}`);
  say(`TWIN_KEEP=1: the twin stays up (API ${running.state.apiUrl}); Ctrl-C stops it.`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
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
