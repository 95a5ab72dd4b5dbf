// Runs cognito-local (a devDependency) as a child process on a free loopback
// port, in a temporary working directory (it keeps its state in `.cognito/`
// under its cwd), and talks to it with raw JSON-RPC over HTTP: the same wire
// format as `https://cognito-idp.<region>.amazonaws.com`.
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { freePort, isClosed, LOOPBACK, sleep, within } from './net';

/** An error answer of the Cognito JSON protocol (`__type` and `message`). */
export class CognitoError extends Error {
  constructor(readonly target: string, readonly status: number, readonly type: string, message: string) {
    super(`${target}: ${status} ${type}: ${message}`);
    this.name = 'CognitoError';
  }
}

const START_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 3_000;

export class CognitoLocal {
  /**
   * Starts cognito-local on 127.0.0.1 and a free port. HOST and PORT are what
   * it also uses for its issuer, so tokens say `iss: http://127.0.0.1:<port>/<poolId>`.
   */
  static async start(): Promise<CognitoLocal> {
    let lastError: Error | undefined;
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await freePort();
      const instance = new CognitoLocal(port);
      try {
        await instance.launch();
        return instance;
      } catch (e) {
        lastError = e as Error;
        const log = instance.logTail();
        await instance.stop();
        // Somebody may have taken the port between freePort() and listen(): try another.
        if (!/EADDRINUSE/.test(log)) break;
      }
    }
    throw lastError ?? new Error('cognito-local did not start');
  }

  readonly url: string;
  readonly workDir: string;
  readonly logFile: string;
  private child?: ChildProcess;
  private exited?: Promise<void>;
  private readonly exitGuard: () => void;

  private constructor(readonly port: number) {
    this.url = `http://${LOOPBACK}:${port}`;
    this.workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cognito-local-'));
    this.logFile = path.join(this.workDir, 'cognito-local.log');
    this.exitGuard = () => this.killGroup('SIGKILL');
  }

  /** The issuer cognito-local writes into tokens of `poolId`. */
  issuer(poolId: string): string {
    return `${this.url}/${poolId}`;
  }

  /** One call of the Cognito Identity Provider JSON protocol. */
  async rpc<T = any>(target: string, body: unknown): Promise<T> {
    const res = await fetch(`${this.url}/`, {
      method: 'POST',
      headers: {
        'X-Amz-Target': `AWSCognitoIdentityProviderService.${target}`,
        'Content-Type': 'application/x-amz-json-1.1',
      },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    const json = text ? JSON.parse(text) : {};
    if (res.status !== 200) {
      throw new CognitoError(target, res.status, String(json.__type ?? json.code ?? 'Error'), String(json.message ?? text));
    }
    return json as T;
  }

  /** The pool's JWKS, as cognito-local serves it. */
  async jwks(poolId: string): Promise<{ keys: any[] }> {
    const res = await fetch(`${this.url}/${poolId}/.well-known/jwks.json`);
    if (res.status !== 200) {
      throw new Error(`GET /${poolId}/.well-known/jwks.json: ${res.status}`);
    }
    return (await res.json()) as { keys: any[] };
  }

  /** The last lines of cognito-local's log, for error messages. */
  logTail(lines = 20): string {
    try {
      return fs.readFileSync(this.logFile, 'utf-8').split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  }

  /** Stops the process group, waits for it, checks the port refuses connections, removes the work dir. */
  async stop(): Promise<void> {
    process.removeListener('exit', this.exitGuard);
    if (this.child && this.exited) {
      this.killGroup('SIGTERM');
      if (!(await within(this.exited, STOP_TIMEOUT_MS))) {
        this.killGroup('SIGKILL');
        await this.exited;
      }
    }
    this.child = undefined;
    fs.rmSync(this.workDir, { recursive: true, force: true });
    if (!(await isClosed(this.port))) {
      throw new Error(`cognito-local stopped but 127.0.0.1:${this.port} still accepts connections`);
    }
  }

  private async launch(): Promise<void> {
    // cognito-local's default config makes every pool use e-mail usernames;
    // an empty list lets the template's own UsernameAttributes (or none) apply.
    fs.mkdirSync(path.join(this.workDir, '.cognito'), { recursive: true });
    fs.writeFileSync(
      path.join(this.workDir, '.cognito', 'config.json'),
      JSON.stringify({ UserPoolDefaults: { UsernameAttributes: [] } }),
    );
    const log = fs.openSync(this.logFile, 'a');
    const bin = require.resolve('cognito-local/lib/bin/start.js');
    // The IPC channel is a lifeline: if this process dies without stop() (even SIGKILL),
    // the channel closes and cognito-local exits instead of listening on.
    const lifeline = `process.on('disconnect', () => process.exit(0)); require(${JSON.stringify(bin)});`;
    const child = spawn(process.execPath, ['-e', lifeline], {
      cwd: this.workDir,
      env: {
        PATH: process.env.PATH,
        HOST: LOOPBACK,
        PORT: String(this.port),
        AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1',
        NODE_NO_WARNINGS: '1',
      },
      stdio: ['ignore', log, log, 'ipc'],
      // Its own process group, so stop() can signal everything it started.
      detached: true,
    });
    fs.closeSync(log);
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    process.on('exit', this.exitGuard);

    let exitedEarly = false;
    void this.exited.then(() => { exitedEarly = true; });
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (exitedEarly) {
        throw new Error(`cognito-local exited during start-up:\n${this.logTail()}`);
      }
      try {
        const res = await fetch(`${this.url}/health`);
        if (res.status === 200) return;
      } catch {
        // not listening yet
      }
      await sleep(50);
    }
    throw new Error(`cognito-local did not answer on ${this.url}/health within ${START_TIMEOUT_MS} ms:\n${this.logTail()}`);
  }

  private killGroup(signal: NodeJS.Signals): void {
    const pid = this.child?.pid;
    if (pid === undefined || this.child?.exitCode !== null || this.child?.signalCode !== null) return;
    try {
      process.kill(-pid, signal);
    } catch {
      // already gone
    }
  }
}
