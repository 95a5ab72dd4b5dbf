// Runs a Lambda asset from the cloud assembly the way the Node.js runtime
// would: in its own process, with only the environment the template gives the
// function, `require`-ing `<assetDir>/<file>.js` and calling the exported
// handler with the event. One long-lived process per function (a warm
// container); events and results cross an IPC channel as JSON.
import { ChildProcess, spawn } from 'child_process';
import * as path from 'path';
import { within } from './net';
import { TwinFunction } from '../assembly/template';

// The "runtime" inside the child: plain CommonJS so it needs no compiler.
const RUNTIME = `
const mod = require(process.env._TWIN_HANDLER_FILE);
const fn = mod[process.env._TWIN_HANDLER_EXPORT];
delete process.env._TWIN_HANDLER_FILE;
delete process.env._TWIN_HANDLER_EXPORT;
process.on('message', async ({ id, event, context }) => {
  try {
    if (typeof fn !== 'function') throw new Error('handler is not a function');
    const result = await fn(event, { ...context, getRemainingTimeInMillis: () => context.deadline - Date.now() });
    process.send({ id, ok: true, result: result === undefined ? null : result });
  } catch (e) {
    process.send({ id, ok: false, error: { errorType: (e && e.name) || 'Error', errorMessage: String((e && e.message) || e) } });
  }
});
process.on('disconnect', () => process.exit(0));
process.send({ ready: true });
`;

export interface LambdaError {
  readonly errorType: string;
  readonly errorMessage: string;
}

export type InvokeResult = { readonly ok: true; readonly result: unknown } | { readonly ok: false; readonly error: LambdaError };

/** The variables Lambda sets beside the function's own environment, for every runtime. */
export function lambdaEnvironment(fn: TwinFunction): Record<string, string> {
  return {
    ...fn.environment,
    AWS_REGION: 'us-east-1',
    AWS_LAMBDA_FUNCTION_NAME: fn.logicalId,
    AWS_LAMBDA_FUNCTION_TIMEOUT: String(fn.timeoutSeconds),
    LAMBDA_TASK_ROOT: fn.assetDir,
    TZ: ':UTC',
  };
}

/** Sends the child's stdout and stderr to `log`, a line at a time, as CloudWatch would show them. */
export function forwardOutput(child: ChildProcess, log: (line: string) => void): void {
  const forward = (chunk: Buffer) => chunk.toString().split('\n').filter(Boolean).forEach((l) => log(l));
  child.stdout!.on('data', forward);
  child.stderr!.on('data', forward);
}

/** Ends every invocation in flight when the function's process exits, as Lambda reports a crash. */
export function failPending(pending: Map<number, (r: InvokeResult) => void>, why: string): void {
  for (const [, done] of pending) done({ ok: false, error: { errorType: 'Runtime.ExitError', errorMessage: why } });
  pending.clear();
}

export class LambdaRunner {
  private child?: ChildProcess;
  private ready?: Promise<void>;
  private nextId = 0;
  private readonly pending = new Map<number, (r: InvokeResult) => void>();
  private readonly exitGuard: () => void;

  constructor(readonly fn: TwinFunction, private readonly log: (line: string) => void = () => undefined) {
    this.exitGuard = () => this.killGroup('SIGKILL');
  }

  /** Invokes the handler; a timeout or a crash is an error result, as in Lambda. */
  async invoke(event: unknown): Promise<InvokeResult> {
    await this.start();
    const id = this.nextId++;
    const timeoutMs = this.fn.timeoutSeconds * 1000;
    const context = {
      functionName: this.fn.logicalId,
      awsRequestId: `twin-${id}`,
      deadline: Date.now() + timeoutMs,
    };
    let timer: NodeJS.Timeout | undefined;
    const r = await new Promise<InvokeResult>((resolve) => {
      this.pending.set(id, resolve);
      timer = setTimeout(() => resolve({
        ok: false,
        error: { errorType: 'Sandbox.Timedout', errorMessage: `Task timed out after ${this.fn.timeoutSeconds} seconds` },
      }), timeoutMs);
      this.child!.send({ id, event, context });
    });
    clearTimeout(timer);
    this.pending.delete(id);
    if (!r.ok && r.error.errorType === 'Sandbox.Timedout') {
      // Lambda throws the sandbox away after a timeout.
      await this.stop();
    }
    return r;
  }

  async stop(): Promise<void> {
    process.removeListener('exit', this.exitGuard);
    const child = this.child;
    this.child = undefined;
    this.ready = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
    if (!(await within(exited, 2000))) {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
      await exited;
    }
  }

  private start(): Promise<void> {
    if (this.ready) return this.ready;
    const dot = this.fn.handler.lastIndexOf('.');
    const file = path.join(this.fn.assetDir, this.fn.handler.slice(0, dot));
    const exportName = this.fn.handler.slice(dot + 1);
    const child = spawn(process.execPath, ['-e', RUNTIME], {
      cwd: this.fn.assetDir,
      env: {
        ...lambdaEnvironment(this.fn),
        _TWIN_HANDLER_FILE: file,
        _TWIN_HANDLER_EXPORT: exportName,
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      detached: true,
    });
    this.child = child;
    process.on('exit', this.exitGuard);
    forwardOutput(child, this.log);
    this.ready = new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code, signal) => {
        if (this.child === child) {
          this.child = undefined;
          this.ready = undefined;
        }
        reject(new Error(`Lambda ${this.fn.logicalId} (${this.fn.handler}) exited: ${code ?? signal}`));
        failPending(this.pending, `exited: ${code ?? signal}`);
      });
      child.on('message', (m: any) => {
        if (m.ready) {
          resolve();
          return;
        }
        this.pending.get(m.id)?.(m.ok ? { ok: true, result: m.result } : { ok: false, error: m.error });
      });
    });
    return this.ready;
  }

  private killGroup(signal: NodeJS.Signals): void {
    const pid = this.child?.pid;
    if (pid === undefined) return;
    try {
      process.kill(-pid, signal);
    } catch {
      // already gone
    }
  }
}
