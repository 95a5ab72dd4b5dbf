// The README's per-language examples of signing in on the twin (the brief's Method 1 with
// SECRET_HASH, from the state file) are the files in twin/examples/, verbatim; the Python and Go
// ones run here against a twin of SecureCognitoApi's defaults and get the handler's answer.
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { synthDefault } from './fixtures/construct-app';
import { runEnvironment } from '../../twin/src/harness/cli';
import { RunningTwin, startTwin } from '../../twin/src/harness/session';
import { writeStateFile } from '../../twin/src/harness/state';

const ROOT = path.resolve(__dirname, '..', '..');
const EXAMPLES = ['twin/examples/sign_in.py', 'twin/examples/SignIn.java', 'twin/examples/sign_in.go'];

/** Runs a program without blocking this process, which serves the twin it calls. */
function output(file: string, args: string[], options: { env: NodeJS.ProcessEnv; cwd?: string }): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { ...options, encoding: 'utf-8', timeout: 120_000 }, (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)));
  });
}

let work: string;
let twin: RunningTwin;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-examples-'));
  twin = await startTwin({ assembly: synthDefault(path.join(work, 'cdk.out')) });
  env = { ...process.env, ...runEnvironment(twin.state, writeStateFile(path.join(work, 'state.json'), twin.state)) };
});

afterAll(async () => {
  await twin?.stop();
  fs.rmSync(work, { recursive: true, force: true });
});

test('the README shows each example file verbatim', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf-8');
  const blocks = new Map([...readme.matchAll(/<!-- twin-example: (\S+) -->\n```\w+\n([\s\S]*?)^```$/gm)].map((m) => [m[1], m[2]]));
  expect([...blocks.keys()]).toEqual(EXAMPLES);
  for (const file of EXAMPLES) expect(blocks.get(file)).toBe(fs.readFileSync(path.join(ROOT, file), 'utf-8'));
});

test('the Python example signs in with Method 1 and calls the API', async () => {
  expect(await output('python3', [path.join(ROOT, 'twin/examples/sign_in.py')], { env })).toBe('Hello, World! I am alice!\n');
});

test('the Go example signs in with Method 1 and calls the API', async () => {
  const goEnv = { ...env, GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local', GOCACHE: process.env.GOCACHE ?? path.join(os.homedir(), '.cache', 'go-build') };
  expect(await output('go', ['run', path.join(ROOT, 'twin/examples/sign_in.go')], { env: goEnv, cwd: work })).toBe('Hello, World! I am alice!\n');
});
