// The checks `npx projen test` runs after jest, quietly: eslint without --fix, a type-check of
// src/, test/, fixtures/ and this runner (ts-jest and the integ apps only transpile), and every `integ:<name>:assert`
// task (each integ app synthesized by the CDK CLI and compared with its committed snapshot).
// They run side by side, as many at once as the machine has cores; each prints one line when it
// passes and its whole output when it fails. The last line is the verdict of the whole test task,
// with jest's counts read from the JUnit report jest just wrote.
//
// Run: `node --require ts-node/register/transpile-only .ci/checks.ts` (the `test:checks` task).
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

interface Check {
  readonly name: string;
  readonly command: string;
  readonly env?: Record<string, string>;
}

interface Outcome {
  readonly check: Check;
  readonly ok: boolean;
  readonly seconds: number;
  readonly output: string;
}

const ROOT = path.join(__dirname, '..');

interface TaskManifestEntry {
  readonly env?: Record<string, string>;
  readonly steps?: { readonly execArgs?: string[] }[];
}

/** projen's `eslint` task, without `--fix`: a test reports, it never rewrites the sources. */
function eslintWithoutFix(tasks: Record<string, TaskManifestEntry>): Check {
  const args = tasks.eslint?.steps?.[0]?.execArgs;
  if (!args) throw new Error('.projen/tasks.json has no eslint task with execArgs');
  return {
    name: 'eslint (no --fix)',
    command: ['npx', ...args.filter((a) => a !== '--fix' && a !== '$@')].join(' '),
    env: tasks.eslint.env,
  };
}

/** The checks to run: lint, types, then one per integ app found in the projen task manifest. */
export function checks(tasks: Record<string, TaskManifestEntry>): Check[] {
  const integ = Object.keys(tasks)
    .map((name) => /^integ:(.+):assert$/.exec(name)?.[1])
    .filter((name): name is string => name !== undefined)
    .sort();
  return [
    eslintWithoutFix(tasks),
    // test/ imports src/ and fixtures/; this runner (.ci/) imports neither, so it is checked on its own.
    { name: 'tsc --noEmit (src, test, fixtures, .ci)', command: 'npx tsc --noEmit -p test/tsconfig.json && npx tsc --noEmit -p .ci/tsconfig.json' },
    // The local twin (twin/, run by `npx projen demo` and by the twin's tests) has a tsconfig of its own.
    ...(fs.existsSync(path.join(ROOT, 'twin', 'tsconfig.json'))
      ? [{ name: 'tsc --noEmit (twin)', command: 'npx tsc --noEmit -p twin/tsconfig.json' }]
      : []),
    ...integ.map((name) => ({
      name: `integ snapshot ${name}`,
      command: `npx projen integ:${name}:assert`,
      // The type-check above covers the integ apps; ts-node would type-check them once more per app.
      env: { TS_NODE_TRANSPILE_ONLY: 'true' },
    })),
  ];
}

function run(check: Check): Promise<Outcome> {
  const start = Date.now();
  return new Promise((resolve) => {
    const child = spawn(check.command, {
      cwd: ROOT,
      shell: true,
      env: { ...process.env, ...check.env, FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => chunks.push(d));
    child.stderr.on('data', (d: Buffer) => chunks.push(d));
    child.on('close', (code) => resolve({
      check,
      ok: code === 0,
      seconds: (Date.now() - start) / 1000,
      output: Buffer.concat(chunks).toString('utf8'),
    }));
  });
}

/** Runs the checks, at most `parallel` at once, and reports each as it ends. */
async function runAll(list: Check[], parallel: number): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  const queue = [...list];
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const outcome = await run(next);
      outcomes.push(outcome);
      console.log(`${outcome.ok ? 'ok  ' : 'FAIL'} ${outcome.check.name} (${outcome.seconds.toFixed(1)} s)`);
      if (!outcome.ok) {
        console.log(`---- output of: ${outcome.check.command}\n${outcome.output.trimEnd()}\n----`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, parallel) }, worker));
  return outcomes;
}

/** jest's counts from its JUnit report (jest-junit, test-reports/junit.xml), if jest wrote one in this run. */
export function jestCounts(junitXml: string): { tests: number; failed: number; skipped: number } | undefined {
  const root = /<testsuites\b[^>]*>/.exec(junitXml)?.[0];
  if (!root) return undefined;
  const attr = (name: string) => Number(new RegExp(`\\b${name}="(\\d+)"`).exec(root)?.[1] ?? '0');
  const tests = attr('tests');
  const skipped = /<skipped\s*\/>/g;
  return { tests, failed: attr('failures') + attr('errors'), skipped: (junitXml.match(skipped) ?? []).length };
}

/** `eslint, 2 tsc, 5 integ snapshots`. */
function summary(list: Check[]): string {
  const tsc = list.filter((c) => c.name.startsWith('tsc')).length;
  const integ = list.filter((c) => c.name.startsWith('integ')).length;
  return `eslint, ${tsc} tsc, ${integ} integ snapshots`;
}

async function main(): Promise<void> {
  const started = Date.now();
  const tasks = JSON.parse(fs.readFileSync(path.join(ROOT, '.projen', 'tasks.json'), 'utf8')).tasks;
  const list = checks(tasks);
  const outcomes = await runAll(list, os.availableParallelism());
  const failed = outcomes.filter((o) => !o.ok).map((o) => o.check.name);

  const junit = path.join(ROOT, 'test-reports', 'junit.xml');
  // Only a report jest wrote after the test task's `bundle` step (i.e. in this run) counts.
  const bundled = path.join(ROOT, 'assets', 'handler', 'hello.lambda', 'index.js');
  const fresh = fs.existsSync(junit) && fs.existsSync(bundled) && fs.statSync(junit).mtimeMs >= fs.statSync(bundled).mtimeMs;
  const counts = fresh ? jestCounts(fs.readFileSync(junit, 'utf8')) : undefined;
  const jest = counts
    ? `${counts.tests - counts.failed - counts.skipped} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`
    : 'jest: no report since the last bundle';
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  const also = failed.length === 0
    ? `all ${outcomes.length} checks passed (${summary(list)}) in ${seconds} s`
    : `${failed.length} of ${outcomes.length} checks FAILED: ${failed.join(', ')}`;
  console.log(`${jest}; ${also}`);
  process.exitCode = failed.length === 0 && (counts?.failed ?? 0) === 0 ? 0 : 1;
}

if (require.main === module) {
  void main();
}
