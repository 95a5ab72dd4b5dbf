// The tools a few tests take from the machine (test/system-tools.ts): found where they are, and
// when missing, one line that says exactly what to install.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { awsCliV2, chromium, commands } from './system-tools';

let dir: string;
const saved = { ...process.env };
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'system-tools-'));
});
afterEach(() => {
  process.env = { ...saved };
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A fake `aws` that prints `version` like `aws --version` does. */
function fakeAws(sub: string, version: string): string {
  fs.mkdirSync(path.join(dir, sub));
  const file = path.join(dir, sub, 'aws');
  fs.writeFileSync(file, `#!/bin/sh\necho '${version} Python/3.11.7 Linux/6 botocore/1.43.11'\n`, { mode: 0o755 });
  return file;
}

describe('system tools', () => {
  test('a command missing from PATH: which one, and the apt-get and brew lines', () => {
    process.env.PATH = dir;
    const tool = commands('jq', 'curl');
    expect(tool.path).toBeUndefined();
    expect(tool.missing).toBe('jq, curl not on PATH: apt-get install jq curl (Debian/Ubuntu, as root); macOS: brew install jq curl');
  });

  test('commands on PATH are found', () => {
    fs.writeFileSync(path.join(dir, 'jq'), '#!/bin/sh\n', { mode: 0o755 });
    process.env.PATH = dir;
    expect(commands('jq').path).toBe(path.join(dir, 'jq'));
  });

  test('Chromium: /usr/bin/chromium by default, CHROMIUM overrides; missing says what to install', () => {
    process.env.CHROMIUM = path.join(dir, 'chrome');
    expect(chromium()).toEqual({
      name: 'Chromium',
      path: undefined,
      missing: `no ${dir}/chrome: apt-get install chromium (Debian/Ubuntu, as root), or set CHROMIUM to a Chrome or Chromium binary`,
    });
    fs.writeFileSync(path.join(dir, 'chrome'), '#!/bin/sh\n', { mode: 0o755 });
    expect(chromium().path).toBe(path.join(dir, 'chrome'));
  });

  test('the AWS CLI v2 is found behind a v1 that comes first on PATH', () => {
    const v1 = fakeAws('v1', 'aws-cli/1.45.11');
    const v2 = fakeAws('v2', 'aws-cli/2.9.19');
    process.env.PATH = [path.dirname(v1), path.dirname(v2)].join(path.delimiter);
    expect(awsCliV2().path).toBe(v2);
  });

  test('only a v1: missing, naming what was found', () => {
    const v1 = fakeAws('v1', 'aws-cli/1.45.11');
    process.env.PATH = path.dirname(v1);
    const tool = awsCliV2([]);
    expect(tool.path).toBeUndefined();
    expect(tool.missing).toBe(`no AWS CLI v2 (found: ${v1}): apt-get install awscli (Debian 12+, as root), `
      + 'or see https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html; or set AWS_CLI_V2 to its path');
  });
});

describe('the README\'s two commands install no system package', () => {
  test('neither `test` nor `demo` runs setup:system (apt-get); .ci/run calls it as a step of its own', () => {
    const tasks = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '.projen', 'tasks.json'), 'utf8')).tasks;
    const spawns = (name: string) => (tasks[name].steps as { spawn?: string }[]).map((s) => s.spawn).filter(Boolean);
    expect(spawns('test')).not.toContain('setup:system');
    expect(spawns('demo')).not.toContain('setup:system');
    expect(fs.readFileSync(path.join(__dirname, '..', '.ci', 'run'), 'utf8')).toMatch(/^bash twin\/setup-system\.sh$/m);
  });
});
