// Runs a Python Lambda asset from the cloud assembly with the machine's `python3`: one long-lived
// process per function (a warm container), the handler imported from the asset directory as the
// Python runtime does (`file.function`, `folder/file.function`), the function's environment only.
// Events go in as JSON lines on stdin; results come back as JSON lines on file descriptor 3, so
// whatever the handler prints stays a log line, as in CloudWatch.
// Handler naming: https://docs.aws.amazon.com/lambda/latest/dg/python-handler.html
// Context object: https://docs.aws.amazon.com/lambda/latest/dg/python-context.html
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as readline from 'readline';
import { failPending, forwardOutput, InvokeResult, lambdaEnvironment } from './lambda';
import { within } from './net';
import { TwinFunction } from '../assembly/template';

const BOOTSTRAP = `
import importlib, json, os, sys, time
sys.path.insert(0, os.environ['LAMBDA_TASK_ROOT'])
module_name, function_name = os.environ.pop('_TWIN_HANDLER').rsplit('.', 1)
channel = os.fdopen(3, 'w')
def send(message):
    channel.write(json.dumps(message) + '\\n')
    channel.flush()
class Context:
    def __init__(self, c):
        self.function_name = c['functionName']
        self.function_version = '$LATEST'
        self.aws_request_id = c['awsRequestId']
        self.invoked_function_arn = 'arn:aws:lambda:us-east-1:000000000000:function:' + c['functionName']
        self.memory_limit_in_mb = os.environ.get('AWS_LAMBDA_FUNCTION_MEMORY_SIZE', '128')
        self.log_group_name = '/aws/lambda/' + c['functionName']
        self.log_stream_name = 'twin'
        self._deadline = c['deadline']
    def get_remaining_time_in_millis(self):
        return max(0, int(self._deadline - time.time() * 1000))
try:
    handler = getattr(importlib.import_module(module_name.replace('/', '.')), function_name)
except Exception as e:
    send({'ready': False, 'error': {'errorType': 'Runtime.ImportModuleError', 'errorMessage': type(e).__name__ + ': ' + str(e)}})
    sys.exit(1)
send({'ready': True})
for line in sys.stdin:
    message = json.loads(line)
    try:
        send({'id': message['id'], 'ok': True, 'result': handler(message['event'], Context(message['context']))})
    except Exception as e:
        send({'id': message['id'], 'ok': False, 'error': {'errorType': type(e).__name__, 'errorMessage': str(e)}})
`;

/** The `python3` on the PATH of this process, or undefined. */
export function findPython(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, 'python3');
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

export class PythonRunner {
  private child?: ChildProcess;
  private ready?: Promise<void>;
  private nextId = 0;
  private readonly pending = new Map<number, (r: InvokeResult) => void>();
  private readonly exitGuard: () => void;

  constructor(readonly fn: TwinFunction, private readonly python: string, private readonly log: (line: string) => void = () => undefined) {
    this.exitGuard = () => this.signal('SIGKILL');
  }

  /** Invokes the handler; a timeout or a crash is an error result, as in Lambda. */
  async invoke(event: unknown): Promise<InvokeResult> {
    try {
      await this.start();
    } catch (e) {
      return { ok: false, error: { errorType: 'Runtime.ImportModuleError', errorMessage: (e as Error).message } };
    }
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
      this.child!.stdin!.write(`${JSON.stringify({ id, event, context })}\n`);
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
    child.stdin?.end();
    if (!(await within(exited, 1000))) {
      this.signalChild(child, 'SIGKILL');
      await exited;
    }
  }

  private start(): Promise<void> {
    if (this.ready) return this.ready;
    const child = spawn(this.python, ['-u', '-c', BOOTSTRAP], {
      cwd: this.fn.assetDir,
      env: {
        ...lambdaEnvironment(this.fn),
        _TWIN_HANDLER: this.fn.handler,
      },
      stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
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
        reject(new Error(`Lambda ${this.fn.logicalId} (${this.fn.handler}, ${this.fn.runtime}) exited: ${code ?? signal}`));
        failPending(this.pending, `exited: ${code ?? signal}`);
      });
      readline.createInterface({ input: child.stdio[3] as NodeJS.ReadableStream }).on('line', (line) => {
        const m = JSON.parse(line);
        if (m.ready === true) resolve();
        else if (m.ready === false) reject(new Error(`Lambda ${this.fn.logicalId} (${this.fn.handler}): ${m.error.errorMessage}`));
        else this.pending.get(m.id)?.(m.ok ? { ok: true, result: m.result } : { ok: false, error: m.error });
      });
    });
    return this.ready;
  }

  private signal(signal: NodeJS.Signals): void {
    if (this.child) this.signalChild(this.child, signal);
  }

  private signalChild(child: ChildProcess, signal: NodeJS.Signals): void {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  }
}
