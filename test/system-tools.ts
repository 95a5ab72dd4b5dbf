// What a few tests take from the machine rather than from npm: Chromium (hosted-UI sign-in in a
// real browser), the AWS CLI v2 and curl, openssl and jq (the README's client scripts), and
// python3 (the project's own cfn-lint, .ci/cfn-lint.sh). A test whose tool is missing is skipped
// with one line on stderr that says what to install; with REQUIRE_TEST_TOOLS=1 (.ci/run sets it)
// it fails instead, so a green CI run never hides a skipped test.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export interface SystemTool {
  /** What the test needs, e.g. "Chromium". */
  readonly name: string;
  /** Where it was found; undefined when it is missing. */
  readonly path?: string;
  /** When missing: why, and exactly what to install. */
  readonly missing: string;
}

const ROOT = path.join(__dirname, '..');

function executable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function onPath(command: string): string[] {
  return (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)
    .map((dir) => path.join(dir, command)).filter(executable);
}

/** Debian's Chromium at /usr/bin/chromium, or the browser that CHROMIUM names (Chrome works too). */
export function chromium(): SystemTool {
  const file = process.env.CHROMIUM ?? '/usr/bin/chromium';
  return {
    name: 'Chromium',
    path: executable(file) ? file : undefined,
    missing: `no ${file}: apt-get install chromium (Debian/Ubuntu, as root), or set CHROMIUM to a Chrome or Chromium binary`,
  };
}

/** The first AWS CLI v2 among AWS_CLI_V2, every `aws` on PATH and /usr/bin/aws (a pip-installed v1 may come first on PATH). */
export function awsCliV2(usual = ['/usr/bin/aws', '/usr/local/bin/aws']): SystemTool {
  const candidates = [process.env.AWS_CLI_V2, ...onPath('aws'), ...usual]
    .filter((f): f is string => !!f && executable(f));
  const found = candidates.find((file) => /^aws-cli\/2\./.test(spawnSync(file, ['--version'], { encoding: 'utf8' }).stdout ?? ''));
  return {
    name: 'AWS CLI v2',
    path: found,
    missing: `no AWS CLI v2 (found: ${candidates.join(', ') || 'none'}): apt-get install awscli (Debian 12+, as root), or see https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html; or set AWS_CLI_V2 to its path`,
  };
}

/** Commands the client scripts run from PATH. */
export function commands(...names: string[]): SystemTool {
  const missing = names.filter((n) => onPath(n).length === 0);
  return {
    name: names.join(', '),
    path: missing.length === 0 ? names.map((n) => onPath(n)[0]).join(' ') : undefined,
    missing: `${missing.join(', ')} not on PATH: apt-get install ${missing.join(' ')} (Debian/Ubuntu, as root); macOS: brew install ${missing.join(' ')}`,
  };
}

/** The project's own cfn-lint (.ci/cfn-lint.sh), created on first use: only python3 with venv is needed. */
export function cfnLint(): SystemTool {
  const r = spawnSync('bash', [path.join(ROOT, '.ci', 'cfn-lint.sh'), '--ensure'], { encoding: 'utf8' });
  // The first run makes the environment (≈30 s): say so, as the script does.
  const creating = (r.stderr ?? '').split('\n').find((l) => l.startsWith('cfn-lint: creating'));
  if (creating) process.stderr.write(`${creating}\n`);
  const why = ((r.stderr ?? '').trim().split('\n').filter(Boolean).pop() ?? `exit ${r.status}`).replace(/^cfn-lint: /, '');
  return {
    name: 'cfn-lint',
    path: r.status === 0 ? path.join(ROOT, '.tools', 'cfn-lint', 'bin', 'cfn-lint') : undefined,
    missing: why,
  };
}

/** Whether a missing tool fails the tests instead of skipping them (CI). */
export function toolsRequired(): boolean {
  return process.env.REQUIRE_TEST_TOOLS === '1';
}

/** The one line that says what `name` needs and how to install it; undefined when nothing is missing. */
function missingLine(tools: SystemTool[], name: string): string | undefined {
  const missing = tools.filter((t) => !t.path);
  return missing.length === 0 ? undefined : `${name}: needs ${missing.map((t) => `${t.name} (${t.missing})`).join('; ')}`;
}

/**
 * `describe(name, fn)` when every tool is there. Otherwise one line on stderr and the block is
 * skipped (its hooks never run); with REQUIRE_TEST_TOOLS=1 the block is one failing test instead.
 */
export function describeWith(tools: SystemTool[], name: string, fn: () => void): void {
  const line = missingLine(tools, name);
  if (!line) {
    describe(name, fn);
  } else if (toolsRequired()) {
    describe(name, () => test('has the system tools it needs (REQUIRE_TEST_TOOLS=1)', () => {
      throw new Error(line);
    }));
  } else {
    process.stderr.write(`skipped ${line}\n`);
    describe.skip(name, fn);
  }
}

/** `test(name, fn, timeout)` when every tool is there; otherwise skipped or failing as describeWith says. */
export function testWith(tools: SystemTool[], name: string, fn: () => Promise<void>, timeout?: number): void {
  const line = missingLine(tools, name);
  if (!line) {
    test(name, fn, timeout);
  } else if (toolsRequired()) {
    test(name, () => {
      throw new Error(line);
    });
  } else {
    process.stderr.write(`skipped ${line}\n`);
    test.skip(name, fn);
  }
}
