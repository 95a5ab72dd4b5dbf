// Helpers for the tests that run outside clients: start the demo with TWIN_KEEP/TWIN_STATE as a
// user's own tests would, and run the README's client scripts (docs/clients/*.sh) with only
// the values of the variables at their top replaced.
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { TwinStateFile as TwinState } from '../../twin/src/harness/state';
import { awsCliV2 } from '../system-tools';

export const ROOT = path.resolve(__dirname, '..', '..');
export const CLIENTS_DIR = path.join(ROOT, 'docs', 'clients');

export interface KeptTwin {
  readonly state: TwinState;
  readonly output: () => string;
  /** SIGINT, then waits for the demo to exit; resolves to its exit code. */
  readonly stop: () => Promise<number | null>;
}

/** `TWIN_KEEP=1 TWIN_STATE=<file> TWIN_APP=<app>` on the demo (bundled as `npx projen demo` does); resolves once the state file exists. */
export async function keepTwin(app: string, timeoutMs = 60_000): Promise<KeptTwin> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-keep-'));
  const stateFile = path.join(work, 'state.json');
  const bundle = path.join(ROOT, '.demo', 'bundle', `demo-test-${process.pid}.js`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  await require('esbuild').build({ entryPoints: [path.join(ROOT, 'twin', 'demo.ts')], bundle: true, platform: 'node', target: 'node20', packages: 'external', outfile: bundle, logLevel: 'error' });
  const child: ChildProcess = spawn(process.execPath, [bundle], {
    cwd: ROOT,
    env: { ...process.env, TWIN_KEEP: '1', TWIN_STATE: stateFile, TWIN_APP: app },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c) => (output += c));
  child.stderr!.on('data', (c) => (output += c));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const cleanup = () => {
    fs.rmSync(work, { recursive: true, force: true });
    fs.rmSync(bundle, { force: true });
  };
  const deadline = Date.now() + timeoutMs;
  while (!fs.existsSync(stateFile)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      cleanup();
      throw new Error(`the demo wrote no ${stateFile}:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const state = JSON.parse(fs.readFileSync(stateFile, 'utf-8')) as TwinState;
  return {
    state,
    output: () => output,
    stop: async () => {
      child.kill('SIGINT');
      const code = await exited;
      cleanup();
      return code;
    },
  };
}

/** The script with `NAME="..."` lines at its top set to `values`; throws when a name is not there. */
export function withValues(script: string, values: Record<string, string>): string {
  let out = script;
  for (const [name, value] of Object.entries(values)) {
    const line = new RegExp(`^${name}="[^"\\n]*"$`, 'm');
    if (!line.test(out)) throw new Error(`no ${name}="..." line in the script`);
    out = out.replace(line, () => `${name}="${value}"`);
  }
  return out;
}

export interface ScriptRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs docs/clients/<file> with bash and `values` set. `aws` is the AWS CLI v2 (system-tools.ts finds it)
 * through a two-line shim that adds `--endpoint-url <cognitoIdpUrl>` (CLI 2.9 reads no
 * AWS_ENDPOINT_URL); the credentials are dummies (the twin checks no signature). `interact`
 * gets each stdout chunk and may answer on stdin.
 */
export async function runScript(
  file: string,
  values: Record<string, string>,
  options: { cognitoIdpUrl?: string; home?: string; interact?: (stdout: string, answer: (line: string) => void) => void } = {},
): Promise<ScriptRun> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-script-'));
  const script = path.join(work, path.basename(file));
  fs.writeFileSync(script, withValues(fs.readFileSync(path.join(CLIENTS_DIR, file), 'utf-8'), values));
  const bin = path.join(work, 'bin');
  fs.mkdirSync(bin);
  const awsV2 = options.cognitoIdpUrl ? awsCliV2().path : undefined;
  if (options.cognitoIdpUrl && awsV2) {
    fs.writeFileSync(path.join(bin, 'aws'), `#!/bin/sh\nexec '${awsV2}' --endpoint-url '${options.cognitoIdpUrl}' "$@"\n`, { mode: 0o755 });
  }
  const child = spawn('bash', [script], {
    env: {
      PATH: `${bin}:/usr/bin:/bin:${process.env.PATH}`,
      HOME: options.home ?? work,
      AWS_ACCESS_KEY_ID: 'twin',
      AWS_SECRET_ACCESS_KEY: 'twin',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_PAGER: '',
      AWS_CONFIG_FILE: path.join(work, 'aws-config'),
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => {
    stdout += c;
    options.interact?.(stdout, (line) => child.stdin.write(`${line}\n`));
  });
  child.stderr.on('data', (c) => (stderr += c));
  if (!options.interact) child.stdin.end();
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  fs.rmSync(work, { recursive: true, force: true });
  return { code, stdout, stderr };
}

/** README blocks marked `<!-- client-script: docs/clients/<file> -->`, keyed by file. */
export function readmeScripts(): Map<string, string> {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf-8');
  const blocks = new Map<string, string>();
  for (const m of readme.matchAll(/<!-- client-script: (\S+) -->\n```(?:bash|sh)\n([\s\S]*?)```/g)) blocks.set(m[1], m[2]);
  return blocks;
}
