// The cfn-lint gate (.ci/lint-cfn.sh, `npx projen lint:cfn`, called by .ci/run): its config passes
// a template we ship and still fails one that CloudFormation would refuse.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.join(__dirname, '..');
const config = path.join(root, '.ci', 'cfn-lint.yaml');
const snapshot = path.join(root, 'test', 'default.integ.snapshot', 'SecureCognitoApiDefault.template.json');

/** The version whose schemas hold the user pool's IssuerConfiguration and KeyConfiguration (.ci/lint-cfn.sh). */
const CFN_LINT_MIN = '1.58.0';

/** The cfn-lint that .ci/lint-cfn.sh runs: the one it installed when the one on PATH is too old, else PATH's. */
function cfnLint(): string {
  const cached = path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'),
    'cdk-secure-cognito-api', `cfn-lint-${CFN_LINT_MIN}`, 'bin', 'cfn-lint');
  return fs.existsSync(cached) ? cached : 'cfn-lint';
}

function lint(file: string): { status: number | null; output: string } {
  const r = spawnSync(cfnLint(), ['--config-file', config, '--', file], { encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe('cfn-lint gate', () => {
  test('.ci/run calls `npx projen lint:cfn`, which runs .ci/lint-cfn.sh after bundling', () => {
    const tasks = JSON.parse(fs.readFileSync(path.join(root, '.projen', 'tasks.json'), 'utf8')).tasks;
    expect(tasks['lint:cfn'].steps).toEqual([{ spawn: 'bundle' }, { exec: 'bash .ci/lint-cfn.sh' }]);
    expect(fs.readFileSync(path.join(root, '.ci', 'run'), 'utf8')).toMatch(/^npx projen lint:cfn$/m);
  });

  test(`the cfn-lint in use is ${CFN_LINT_MIN} or newer (older ones do not know IssuerConfiguration; \`npx projen lint:cfn\` installs one)`, () => {
    const version = spawnSync(cfnLint(), ['--version'], { encoding: 'utf8' }).stdout.trim().split(' ')[1] ?? '0';
    const [a, b, c] = version.split('.').map(Number);
    const [x, y, z] = CFN_LINT_MIN.split('.').map(Number);
    expect(a * 1e6 + b * 1e3 + c).toBeGreaterThanOrEqual(x * 1e6 + y * 1e3 + z);
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
