// The twin's command line: its usage errors and exit codes, `run -- <command>` (variables, state
// file, the command's exit code), `up` until a signal, `check` on a hand-wired app, and synthesis
// through a cdk.json app command as `cdk synth` does it.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CONSTRUCT_STACK, HAND_WIRED_STACK, synthHandWired } from './fixtures/hand-wired';
import { synthApp } from '../../twin/src/assembly/synth';
import { isClosed } from '../../twin/src/emulator/net';
import { EXIT, main, parseStub, parseUser } from '../../twin/src/harness/cli';
import type { TwinStateFile } from '../../twin/src/harness/state';

let work: string;
let assembly: string;
let stderr: string;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-cli-'));
  assembly = synthHandWired(path.join(work, 'cdk.out'));
});

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

beforeEach(() => {
  stderr = '';
  jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += chunk;
    return true;
  });
});

afterEach(() => jest.restoreAllMocks());

/** Runs the CLI in this process; resolves to its exit code and stdout lines. */
async function cli(...argv: string[]): Promise<[number, string[]]> {
  const lines: string[] = [];
  const code = await main(argv, (l) => lines.push(l));
  return [code, lines];
}

describe('usage', () => {
  test('GIVEN no command THEN the help and exit 2; --help exits 0', async () => {
    const [code, lines] = await cli();
    expect(code).toBe(EXIT.usage);
    expect(lines.join('\n')).toContain('Commands:\n  up ');
    expect((await cli('--help'))[0]).toBe(EXIT.ok);
  });

  test.each(['up', 'run', 'check'])('GIVEN %s --help THEN its own help, exit 0', async (command) => {
    const [code, lines] = await cli(command, '--help');
    expect(code).toBe(EXIT.ok);
    expect(lines[0].split('\n')[0]).toBe(`Usage: npx cdk-secure-cognito-api-twin ${command} [options]${command === 'run' ? ' -- <command...>' : ''}`);
  });

  test('GIVEN an unknown command THEN exit 2 and what to use instead', async () => {
    expect((await cli('start'))[0]).toBe(EXIT.usage);
    expect(stderr).toBe('unknown command start: use up, run or check (npx cdk-secure-cognito-api-twin --help)\n');
  });

  test('GIVEN run without a command THEN exit 2 with an example', async () => {
    expect((await cli('run', '--assembly', assembly))[0]).toBe(EXIT.usage);
    expect(stderr.split('\n')[0]).toBe('run needs a command after --, e.g. npx cdk-secure-cognito-api-twin run -- npm test');
  });

  test('GIVEN --app and --assembly THEN exit 2', async () => {
    expect((await cli('up', '--app', '.', '--assembly', assembly))[0]).toBe(EXIT.usage);
    expect(stderr.split('\n')[0]).toBe('--app and --assembly exclude each other: give the app\'s folder or its cloud assembly');
  });

  test('--user and --stub: defaults and refusals', () => {
    expect(parseUser('dave:Pw-1234567890a')).toEqual({ username: 'dave', password: 'Pw-1234567890a', groups: [] });
    expect(parseUser('erin:Pw-1234567890a:admins,readers')).toEqual({ username: 'erin', password: 'Pw-1234567890a', groups: ['admins', 'readers'] });
    expect(() => parseUser('dave')).toThrow('--user must be name:password[:group,...], got: dave');
    expect(parseStub('GET /orders/{id}=204')).toEqual(['GET /orders/{id}', 204]);
    expect(() => parseStub('GET /orders')).toThrow('--stub must be "ROUTE=STATUS" such as "GET /orders=200", got: GET /orders');
  });
});

describe('the app', () => {
  test('GIVEN a folder without cdk.json THEN exit 3 and how to point at the app', async () => {
    const [code, lines] = await cli('check', '--app', work);
    expect(code).toBe(EXIT.app);
    expect(lines).toContain(`error: no cdk.json in ${work}: run in your CDK app's folder, or pass --app <folder> or --assembly <cdk.out>`);
  });

  test('GIVEN a stack without a user pool THEN exit 3 naming what it lacks', async () => {
    const edited = path.join(work, 'no-pool');
    fs.cpSync(assembly, edited, { recursive: true });
    const file = path.join(edited, `${HAND_WIRED_STACK}.template.json`);
    const template = JSON.parse(fs.readFileSync(file, 'utf-8'));
    for (const [id, r] of Object.entries<any>(template.Resources)) if (r.Type === 'AWS::Cognito::UserPool') delete template.Resources[id];
    fs.writeFileSync(file, JSON.stringify(template));
    expect((await cli('up', '--assembly', edited, '--stack', HAND_WIRED_STACK))[0]).toBe(EXIT.app);
    expect(stderr).toBe(`error: --stack ${HAND_WIRED_STACK}: it has no AWS::Cognito::UserPool; the twin brings up stacks with a user pool and a JWT-authorized HTTP API\n`);
  });

  test('GIVEN a cdk.json app command THEN it runs as cdk synth runs it, with the context of cdk.json and cdk.context.json', async () => {
    const appDir = path.join(work, 'app');
    fs.mkdirSync(appDir);
    fs.writeFileSync(path.join(appDir, 'app.js'), `
      const { App, Stack, CfnOutput } = require(${JSON.stringify(require.resolve('aws-cdk-lib'))});
      const app = new App();
      const stack = new Stack(app, 'Synthesized');
      new CfnOutput(stack, 'FromCdkJson', { value: app.node.tryGetContext('fromCdkJson') });
      new CfnOutput(stack, 'FromContextFile', { value: app.node.tryGetContext('fromContextFile') });
      app.synth();`);
    fs.writeFileSync(path.join(appDir, 'cdk.json'), JSON.stringify({ app: 'node app.js', context: { fromCdkJson: 'a' } }));
    fs.writeFileSync(path.join(appDir, 'cdk.context.json'), JSON.stringify({ fromContextFile: 'b' }));
    const out = await synthApp({ appDir, outdir: path.join(work, 'app.out') });
    const outputs = JSON.parse(fs.readFileSync(path.join(out, 'Synthesized.template.json'), 'utf-8')).Outputs;
    expect([outputs.FromCdkJson.Value, outputs.FromContextFile.Value]).toEqual(['a', 'b']);

    fs.writeFileSync(path.join(appDir, 'cdk.json'), JSON.stringify({ app: 'node -e "console.error(\'boom\'); process.exit(3)"' }));
    await expect(synthApp({ appDir, outdir: path.join(work, 'app.out2') })).rejects.toThrow(
      `the app command of ${path.join(appDir, 'cdk.json')} (node -e "console.error('boom'); process.exit(3)") failed (3); fix the app so that \`cdk synth\` passes:\nboom`);
  });
});

describe('run -- <command>', () => {
  test('GIVEN a command THEN it gets the variables and a mode-600 state file, and its exit code is the CLI\'s', async () => {
    const report = path.join(work, 'run-report.json');
    const script = `
      const fs = require('fs');
      const state = JSON.parse(fs.readFileSync(process.env.TWIN_STATE, 'utf-8'));
      fs.writeFileSync(${JSON.stringify(report)}, JSON.stringify({
        mode: (fs.statSync(process.env.TWIN_STATE).mode & 0o777).toString(8),
        file: process.env.TWIN_STATE,
        env: [process.env.TWIN_API_URL === state.apiUrl, process.env.TWIN_COGNITO_IDP_URL === state.cognitoIdpUrl,
          process.env.TWIN_TOKEN_URL === state.tokenUrl, process.env.TWIN_USER_POOL_ID === state.userPoolId,
          process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER === state.cognitoIdpUrl],
        stacks: state.stacks.map((s) => s.stackName),
      }));
      process.exit(7);`;
    const [code] = await cli('run', '--assembly', assembly, '--stack', HAND_WIRED_STACK, '--', process.execPath, '-e', script);
    expect(code).toBe(7);
    const seen = JSON.parse(fs.readFileSync(report, 'utf-8'));
    expect([seen.mode, seen.env, seen.stacks]).toEqual(['600', [true, true, true, true, true], [HAND_WIRED_STACK]]);
    expect(fs.existsSync(seen.file)).toBe(false);
  });

  test('GIVEN a command that does not exist THEN exit 127', async () => {
    expect((await cli('run', '--assembly', assembly, '--stack', HAND_WIRED_STACK, '--', 'no-such-command-here'))[0]).toBe(EXIT.commandNotFound);
    expect(stderr).toContain('twin: no-such-command-here did not start: spawn no-such-command-here ENOENT');
  });
});

describe('up', () => {
  test('GIVEN --state and --user THEN it writes the state, stays up until SIGTERM, then stops everything and removes the state', async () => {
    const stateFile = path.join(work, 'up', 'state.json');
    const lines: string[] = [];
    const exited = main(['up', '--assembly', assembly, '--state', stateFile, '--user', 'dave:Tw-Passw0rd-Dave7a'], (l) => lines.push(l));
    while (!fs.existsSync(stateFile)) await new Promise((r) => setTimeout(r, 50));
    const state: TwinStateFile = JSON.parse(fs.readFileSync(stateFile, 'utf-8'));
    expect(fs.statSync(stateFile).mode.toString(8).slice(-3)).toBe('600');
    expect(state.stacks.map((s) => [s.stackName, s.users])).toEqual([
      [CONSTRUCT_STACK, [{ username: 'dave', password: 'Tw-Passw0rd-Dave7a', groups: [] }]],
      [HAND_WIRED_STACK, [{ username: 'dave', password: 'Tw-Passw0rd-Dave7a', groups: [] }]],
    ]);
    expect(lines).toContain(`  API orders        ${state.stacks[1].apis[0].url}`);
    expect((await fetch(`${state.apiUrl}/`)).status).toBe(401);

    process.emit('SIGTERM');
    expect(await exited).toBe(EXIT.ok);
    expect(lines.slice(-1)).toEqual(['SIGTERM: twin stopped.']);
    expect(fs.existsSync(stateFile)).toBe(false);
    expect(await isClosed(Number(new URL(state.apiUrl).port))).toBe(true);
  });
});

describe('check', () => {
  test('GIVEN the hand-wired app THEN one line per client of each stack, the refused request, and an OK verdict', async () => {
    const [code, lines] = await cli('check', '--assembly', assembly);
    expect(code).toBe(EXIT.ok);
    const steps = lines.filter((l) => l.startsWith(`  ${CONSTRUCT_STACK}: `) || l.startsWith(`  ${HAND_WIRED_STACK}: `)).map((l) => l.replace(/\s+\d+(\.\d)? m?s$/, '').replace(/ -> .*$/, ''));
    expect(steps).toEqual([
      `  ${CONSTRUCT_STACK}: no token                   GET /`,
      `  ${CONSTRUCT_STACK}: cli (passwordAuth)         InitiateAuth USER_PASSWORD_AUTH + SECRET_HASH`,
      `  ${HAND_WIRED_STACK}: no token                   GET /me`,
      `  ${HAND_WIRED_STACK}: machine (machine)          client_credentials, scope orders/read`,
      `  ${HAND_WIRED_STACK}: script (implicit)          hosted-UI sign-in, token in the fragment`,
    ]);
    expect(lines.slice(-1)[0]).toMatch(/^OK: 3 client\(s\) signed in and got through, the API refused a request without a token; twin stopped; /);
  });
});
