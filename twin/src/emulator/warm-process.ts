// One warm Lambda sandbox: a long-lived process per function, whatever its runtime. The runtime
// says how to start the process and how messages cross (Node.js: IPC; Python: JSON lines); this
// file keeps what every runtime shares: one invocation at a time per id, the function's timeout
// (after which Lambda throws the sandbox away), a crash failing every invocation in flight, and a
// process group that is ended with the twin, even when the twin itself is killed.
import type { ChildProcess } from 'child_process';
import { within } from './net';
import type { TwinFunction } from '../assembly/template';

export interface LambdaError {
  readonly errorType: string;
  readonly errorMessage: string;
}

export type InvokeResult = { readonly ok: true; readonly result: unknown } | { readonly ok: false; readonly error: LambdaError };

/** What the handler gets as its context, and its deadline (epoch ms). */
export interface InvocationContext {
  readonly functionName: string;
  readonly awsRequestId: string;
  readonly deadline: number;
}

/** A message from the runtime: ready (or not, with the error), or the outcome of invocation `id`. */
export interface RuntimeMessage {
  readonly ready?: boolean;
  readonly id?: number;
  readonly ok?: boolean;
  readonly result?: unknown;
  readonly error?: LambdaError;
}

/** How one runtime starts its process and talks to it. */
export interface RuntimeChannel {
  /** Names the function in errors, e.g. `Lambda Fn (index.handler)`. */
  readonly label: string;
  /** How long `askToExit` may take before the process group is killed. */
  readonly exitGraceMs: number;
  /** Starts the process, detached (its own process group), stdout and stderr piped. */
  spawn(): ChildProcess;
  send(child: ChildProcess, message: { id: number; event: unknown; context: InvocationContext }): void;
  listen(child: ChildProcess, onMessage: (m: RuntimeMessage) => void): void;
  /** Asks the process to end by itself; it is killed if it has not after `exitGraceMs`. */
  askToExit(child: ChildProcess, signalGroup: (signal: NodeJS.Signals) => void): void;
}

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

export class WarmProcess {
  private child?: ChildProcess;
  private ready?: Promise<void>;
  private nextId = 0;
  private readonly pending = new Map<number, (r: InvokeResult) => void>();
  private readonly exitGuard: () => void;

  constructor(private readonly fn: TwinFunction, private readonly channel: RuntimeChannel, private readonly log: (line: string) => void) {
    this.exitGuard = () => this.child && signalGroup(this.child, 'SIGKILL');
  }

  /** Starts the process if it is not running and invokes the handler; a timeout or a crash is an error result, as in Lambda. */
  async invoke(event: unknown): Promise<InvokeResult> {
    await this.start();
    const id = this.nextId++;
    const timeoutMs = this.fn.timeoutSeconds * 1000;
    const context = { functionName: this.fn.logicalId, awsRequestId: `twin-${id}`, deadline: Date.now() + timeoutMs };
    let timer: NodeJS.Timeout | undefined;
    const r = await new Promise<InvokeResult>((resolve) => {
      this.pending.set(id, resolve);
      timer = setTimeout(() => resolve({
        ok: false,
        error: { errorType: 'Sandbox.Timedout', errorMessage: `Task timed out after ${this.fn.timeoutSeconds} seconds` },
      }), timeoutMs);
      this.channel.send(this.child!, { id, event, context });
    });
    clearTimeout(timer);
    this.pending.delete(id);
    // Lambda throws the sandbox away after a timeout.
    if (!r.ok && r.error.errorType === 'Sandbox.Timedout') await this.stop();
    return r;
  }

  async stop(): Promise<void> {
    process.removeListener('exit', this.exitGuard);
    const child = this.child;
    this.child = undefined;
    this.ready = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    this.channel.askToExit(child, (signal) => signalGroup(child, signal));
    if (!(await within(exited, this.channel.exitGraceMs))) {
      signalGroup(child, 'SIGKILL');
      await exited;
    }
  }

  private start(): Promise<void> {
    if (this.ready) return this.ready;
    const child = this.channel.spawn();
    this.child = child;
    process.on('exit', this.exitGuard);
    const forward = (chunk: Buffer) => chunk.toString().split('\n').filter(Boolean).forEach((l) => this.log(l));
    child.stdout!.on('data', forward);
    child.stderr!.on('data', forward);
    this.ready = new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code, signal) => {
        if (this.child === child) {
          this.child = undefined;
          this.ready = undefined;
        }
        reject(new Error(`${this.channel.label} exited: ${code ?? signal}`));
        // A crash ends every invocation in flight, as Lambda reports it.
        for (const [, done] of this.pending) done({ ok: false, error: { errorType: 'Runtime.ExitError', errorMessage: `exited: ${code ?? signal}` } });
        this.pending.clear();
      });
      this.channel.listen(child, (m) => {
        if (m.ready === true) resolve();
        else if (m.ready === false) reject(new Error(`${this.channel.label}: ${m.error?.errorMessage}`));
        else if (m.id !== undefined) this.pending.get(m.id)?.(m.ok ? { ok: true, result: m.result } : { ok: false, error: m.error! });
      });
    });
    return this.ready;
  }
}

/** Signals the process group the runtime's process leads (the handler's own children too). */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
}
