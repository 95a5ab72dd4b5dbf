// The cfn-lint gate (.ci/lint-cfn.sh, `npx projen lint:cfn`, called by .ci/run): its config passes
// a template we ship and still fails one that CloudFormation would refuse. cfn-lint is the
// project's own (.ci/cfn-lint.sh: a virtual environment under .tools/, made on first use), never
// one from PATH: without python3 these tests are skipped with one line (they fail in CI).
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cfnLint, describeWith } from './system-tools';

const root = path.join(__dirname, '..');
const config = path.join(root, '.ci', 'cfn-lint.yaml');
const snapshot = path.join(root, 'test', 'default.integ.snapshot', 'SecureCognitoApiDefault.template.json');
const CFN_LINT = path.join(root, '.ci', 'cfn-lint.sh');
const PINNED = fs.readFileSync(path.join(root, '.ci', 'cfn-lint.version'), 'utf8').trim();

/** PATH without any directory that holds a cfn-lint: what a machine without one sees. */
function pathWithoutCfnLint(): string {
  return (process.env.PATH ?? '').split(path.delimiter)
    .filter((dir) => dir && !fs.existsSync(path.join(dir, 'cfn-lint'))).join(path.delimiter);
}

function lint(file: string): { status: number | null; output: string } {
  const r = spawnSync('bash', [CFN_LINT, '--config-file', config, '--', file], { encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe('cfn-lint gate', () => {
  test('.ci/lint-cfn.sh and these tests run the project\'s own cfn-lint, never one from PATH', () => {
    const script = fs.readFileSync(path.join(root, '.ci', 'lint-cfn.sh'), 'utf8');
    expect(script).not.toMatch(/^[^#]*\bpip install/m);
    // a command position: line start, `if`, `$(`, a pipe, `&&` or `command -v`
    expect(script.split('\n').filter((l) => /(^\s*|\bif |\$\(|\| |&& |command -v )cfn-lint\b/.test(l))).toEqual([]);
  });

  test('.ci/run runs the README\'s test command with every cfn-lint removed from PATH, after checking none is left', () => {
    const run = fs.readFileSync(path.join(root, '.ci', 'run'), 'utf8');
    expect(run).toMatch(/^if PATH=\$no_cfn_lint_path command -v cfn-lint >\/dev\/null; then .* exit 1; fi$/m);
    expect(run).toMatch(/^PATH=\$no_cfn_lint_path bash -c "\$test_cmd" 2>&1 \| tee "\$test_log"$/m);
    expect(run).toMatch(/^export REQUIRE_TEST_TOOLS=1$/m);
  });

  test('.ci/run calls `npx projen lint:cfn`, which runs .ci/lint-cfn.sh after bundling', () => {
    const tasks = JSON.parse(fs.readFileSync(path.join(root, '.projen', 'tasks.json'), 'utf8')).tasks;
    expect(tasks['lint:cfn'].steps).toEqual([{ spawn: 'bundle' }, { exec: 'bash .ci/lint-cfn.sh' }]);
    expect(fs.readFileSync(path.join(root, '.ci', 'run'), 'utf8')).toMatch(/^npx projen lint:cfn$/m);
  });

  test('every ignored check has a reason in the config', () => {
    const lines = fs.readFileSync(config, 'utf8').split('\n');
    const ignored = lines.map((l, i) => [l, i] as const).filter(([l]) => /^ {2}- [EWI]\d+/.test(l));
    expect(ignored.length).toBeGreaterThan(0);
    for (const [line, i] of ignored) {
      expect(line).toMatch(/^ {2}- W\d+$/); // warnings only, never an error
      expect(lines[i - 1]).toMatch(/^ {2}# /);
    }
  });
});

describeWith([cfnLint()], 'cfn-lint gate, linting', () => {
  test('the pinned cfn-lint runs with no cfn-lint on PATH', () => {
    const r = spawnSync('bash', [CFN_LINT, '--version'], { encoding: 'utf8', env: { ...process.env, PATH: pathWithoutCfnLint() } });
    expect([r.status, r.stdout.trim()]).toEqual([0, `cfn-lint ${PINNED}`]);
  });

  test('the default integ template passes', () => {
    const r = lint(snapshot);
    expect(r.output).toBe('');
    expect(r.status).toBe(0);
  });

  test('a template CloudFormation would refuse fails (an unknown property of the user pool)', () => {
    const template = JSON.parse(fs.readFileSync(snapshot, 'utf8'));
    const pool = Object.values<any>(template.Resources).find((r) => r.Type === 'AWS::Cognito::UserPool');
    pool.Properties.NotAProperty = true;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfn-lint-'));
    try {
      const file = path.join(dir, 'broken.template.json');
      fs.writeFileSync(file, JSON.stringify(template));
      const r = lint(file);
      expect(r.output).toMatch(/^E3002 /m);
      expect(r.status).toBe(2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
