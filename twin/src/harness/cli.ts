// The command line: `up`, `run -- <command>`, `check`, each with --help. Exit codes are in EXIT.
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseArgs } from 'util';
import { check } from './check';
import { RunningTwin, startTwin, StartTwinOptions, TwinUserSpec } from './session';
import { TwinStateFile, writeStateFile } from './state';
import { SynthError } from '../assembly/synth';
import { TwinTemplateError } from '../assembly/template';

export const COMMAND = 'cdk-secure-cognito-api-twin';

/** What each exit code means (also in `--help` and the README). */
export const EXIT = {
  ok: 0,
  /** `check` found a problem. */
  checkFailed: 1,
  /** The command line is wrong. */
  usage: 2,
  /** The app cannot be synthesized, or no stack has a user pool and a JWT-authorized HTTP API. */
  app: 3,
  /** The twin did not start (a port, a process, a handler). */
  start: 4,
  /** `run`: the command could not be started (not found). */
  commandNotFound: 127,
} as const;

const SHARED_OPTIONS = `Options (up, run, check):
  --app <folder>         the CDK app's folder (its cdk.json "app" command is run, as cdk synth does); default: .
  --assembly <cdk.out>   a cloud assembly already synthesized (no synth)
  --stack <name>         a stack to bring up (repeatable); default: every stack with a user pool and a JWT-authorized HTTP API
  --user <name:password[:group,...]>
                         a user to create, administrator-approved (repeatable); default: alice with a generated password
  --stub <"ROUTE=STATUS">
                         the status a route the twin cannot run answers, e.g. --stub "GET /orders=200"; default 501
  --state <file>         write the state file (endpoints, clients, users; JSON, mode 600) there
  --verbose              print the twin's log (gateway, handlers)
  -h, --help             this help`;

const HELP: Record<string, string> = {
  main: `${COMMAND}: a CDK app's Cognito user pool and JWT-authorized HTTP API on 127.0.0.1, no AWS account.

Usage: npx ${COMMAND} <command> [options]

Commands:
  up                     bring the twin up, print its endpoints, stay up until Ctrl-C
  run [options] -- <command...>
                         bring it up, run the command (your tests) with TWIN_* variables, stop it, exit with the command's code
  check                  sign in once per client kind and call the API with each token; one verdict line

Run \`npx ${COMMAND} <command> --help\` for a command's options.
Exit codes: 0 ok, 1 check failed, 2 usage, 3 app or assembly unusable, 4 the twin did not start; run: the command's code (127: not found).`,
  up: `Usage: npx ${COMMAND} up [options]

Synthesizes the app, brings up every stack with a user pool and a JWT-authorized HTTP API, creates
the users, writes the state file (--state), prints the endpoints and stays up until SIGINT or
SIGTERM, then stops everything it started.

${SHARED_OPTIONS}`,
  run: `Usage: npx ${COMMAND} run [options] -- <command...>

Brings the twin up as \`up\` does, runs the command with these variables, stops the twin and exits
with the command's exit code:
  TWIN_STATE                                 the state file (JSON: endpoints, clients with secrets, users with passwords, stacks)
  TWIN_API_URL                               the first stack's first HTTP API
  TWIN_COGNITO_IDP_URL                       the Cognito endpoint (InitiateAuth, ...: https://cognito-idp.<region>.amazonaws.com on AWS)
  TWIN_TOKEN_URL                             the token endpoint (/oauth2/token of the user pool domain)
  TWIN_USER_POOL_ID                          the user pool's id
  AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER the Cognito endpoint, for AWS SDKs and the AWS CLI

${SHARED_OPTIONS}`,
  check: `Usage: npx ${COMMAND} check [options]

Brings the twin up, calls a route without a token (401 expected), signs in once per client (each
kind the way its clients do: USER_PASSWORD_AUTH with SECRET_HASH, client_credentials, the hosted
UI with code + PKCE, code + secret or implicit) and calls a route that client's token opens; with
group scopes, each group route as a member (200) and as a user outside the group (403). Ends with
one verdict line; exit code 1 when something failed.

${SHARED_OPTIONS}`,
};

interface Parsed {
  readonly options: StartTwinOptions;
  readonly state?: string;
  readonly verbose: boolean;
  readonly help: boolean;
}

class UsageError extends Error {}

function parse(args: string[]): Parsed {
  const { values } = parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      app: { type: 'string' },
      assembly: { type: 'string' },
      stack: { type: 'string', multiple: true },
      user: { type: 'string', multiple: true },
      stub: { type: 'string', multiple: true },
      state: { type: 'string' },
      verbose: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.app && values.assembly) throw new UsageError('--app and --assembly exclude each other: give the app\'s folder or its cloud assembly');
  const users = values.user?.map(parseUser);
  const stubs = Object.fromEntries((values.stub ?? []).map(parseStub));
  const verbose = values.verbose === true;
  return {
    options: {
      app: values.app,
      assembly: values.assembly && path.resolve(values.assembly),
      stacks: values.stack,
      users,
      stubs,
      log: verbose ? (line) => process.stderr.write(`${line}\n`) : undefined,
    },
    state: values.state,
    verbose,
    help: values.help === true,
  };
}

/** `name:password[:group,...]`. */
export function parseUser(spec: string): TwinUserSpec {
  const m = spec.match(/^([^:]+):([^:]+)(?::(.*))?$/);
  if (!m) throw new UsageError(`--user must be name:password[:group,...], got: ${spec}`);
  return { username: m[1], password: m[2], groups: m[3] ? m[3].split(',').filter(Boolean) : [] };
}

/** `ROUTE=STATUS`, e.g. `GET /orders=200`. */
export function parseStub(spec: string): [string, number] {
  const m = spec.match(/^(.+)=(\d{3})$/);
  if (!m) throw new UsageError(`--stub must be "ROUTE=STATUS" such as "GET /orders=200", got: ${spec}`);
  return [m[1].trim(), Number(m[2])];
}

/** The CLI: returns the exit code. `say` gets stdout lines. */
export async function main(argv: string[], say: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '-h' || command === '--help' || command === 'help') {
    say(HELP.main);
    return command ? EXIT.ok : EXIT.usage;
  }
  if (!HELP[command] || command === 'main') {
    process.stderr.write(`unknown command ${command}: use up, run or check (npx ${COMMAND} --help)\n`);
    return EXIT.usage;
  }
  const dashes = rest.indexOf('--');
  const optionArgs = dashes >= 0 ? rest.slice(0, dashes) : rest;
  const commandLine = dashes >= 0 ? rest.slice(dashes + 1) : [];
  let parsed: Parsed;
  try {
    parsed = parse(optionArgs);
    if (command === 'run' && !parsed.help && !commandLine.length) throw new UsageError(`run needs a command after --, e.g. npx ${COMMAND} run -- npm test`);
    if (command !== 'run' && dashes >= 0) throw new UsageError(`${command} takes no command after --; did you mean run?`);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n(npx ${COMMAND} ${command} --help)\n`);
    return EXIT.usage;
  }
  if (parsed.help) {
    say(HELP[command]);
    return EXIT.ok;
  }
  try {
    if (command === 'check') {
      say(`Checking ${parsed.options.assembly ?? path.resolve(parsed.options.app ?? '.')} on the local twin (127.0.0.1, no AWS account).`);
      const result = await check({ ...parsed.options, say: (l) => say(l) });
      if (result.startError) return exitCodeOf(result.startError);
      return result.failures.length ? EXIT.checkFailed : EXIT.ok;
    }
    // A signal while the twin starts must still stop what started: wait for it here, not by default exit.
    const stopSignal = new Promise<NodeJS.Signals>((resolve) => {
      process.once('SIGINT', () => resolve('SIGINT'));
      process.once('SIGTERM', () => resolve('SIGTERM'));
    });
    const running = await startTwin(parsed.options);
    return command === 'up' ? await up(running, parsed, say, stopSignal) : await run(running, parsed, commandLine);
  } catch (e) {
    return failed(e);
  }
}

function exitCodeOf(e: unknown): number {
  return e instanceof SynthError || e instanceof TwinTemplateError ? EXIT.app : EXIT.start;
}

function failed(e: unknown): number {
  const code = exitCodeOf(e);
  const message = (e as Error).message;
  process.stderr.write(code === EXIT.app ? `error: ${message}\n` : `error: the twin did not start: ${message}\n(rerun with --verbose for its log)\n`);
  return code;
}

async function up(running: RunningTwin, parsed: Parsed, say: (line: string) => void, stopSignal: Promise<NodeJS.Signals>): Promise<number> {
  const state = running.state;
  const file = parsed.state ? writeStateFile(parsed.state, state) : undefined;
  describe(state, running.notes, say);
  if (file) say(`state: ${file}`);
  say('The twin is up; Ctrl-C stops it.');
  const signal = await stopSignal;
  await running.stop();
  if (file) fs.rmSync(file, { force: true });
  say(`${signal}: twin stopped.`);
  return EXIT.ok;
}

async function run(running: RunningTwin, parsed: Parsed, commandLine: string[]): Promise<number> {
  const work = parsed.state ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'twin-run-'));
  const state = running.state;
  const file = writeStateFile(parsed.state ?? path.join(work!, 'state.json'), state);
  running.notes.forEach((n) => process.stderr.write(`twin: note: ${n}\n`));
  try {
    return await new Promise<number>((resolve) => {
      const child = spawn(commandLine[0], commandLine.slice(1), { stdio: 'inherit', env: { ...process.env, ...runEnvironment(state, file) } });
      const forward = (signal: NodeJS.Signals) => child.kill(signal);
      process.on('SIGINT', forward);
      process.on('SIGTERM', forward);
      child.once('error', (e) => {
        process.stderr.write(`twin: ${commandLine[0]} did not start: ${e.message}\n`);
        resolve(EXIT.commandNotFound);
      });
      child.once('exit', (code, signal) => {
        process.removeListener('SIGINT', forward);
        process.removeListener('SIGTERM', forward);
        resolve(code ?? 128 + (os.constants.signals[signal!] ?? 0));
      });
    });
  } finally {
    await running.stop();
    if (work) fs.rmSync(work, { recursive: true, force: true });
    else fs.rmSync(file, { force: true });
  }
}

/** The variables `run` gives the command. AWS SDKs read AWS_ENDPOINT_URL_<SERVICE> (https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html). */
export function runEnvironment(state: TwinStateFile, file: string): Record<string, string> {
  return {
    TWIN_STATE: file,
    TWIN_API_URL: state.apiUrl,
    TWIN_COGNITO_IDP_URL: state.cognitoIdpUrl,
    TWIN_TOKEN_URL: state.tokenUrl,
    TWIN_USER_POOL_ID: state.userPoolId,
    AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: state.cognitoIdpUrl,
  };
}

function describe(state: TwinStateFile, notes: string[], say: (line: string) => void): void {
  for (const s of state.stacks) {
    say(`${s.stackName}:`);
    say(`  Cognito endpoint  ${s.cognitoIdpUrl}   (user pool ${s.userPoolId})`);
    say(`  token endpoint    ${s.tokenUrl}`);
    for (const api of s.apis) say(`  API ${api.name.padEnd(13)} ${api.url}`);
    for (const c of s.clients) say(`  client ${c.name.padEnd(10)} ${c.kind.padEnd(16)} ${c.clientId}`);
    for (const u of s.users) say(`  user ${u.username.padEnd(12)} ${u.password}${u.groups.length ? `  (groups: ${u.groups.join(', ')})` : ''}`);
  }
  notes.forEach((n) => say(`note: ${n}`));
}
