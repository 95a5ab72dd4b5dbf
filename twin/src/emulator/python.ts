// Runs a Python Lambda asset from the cloud assembly with the machine's `python3`: one long-lived
// process per function (a warm container), the handler imported from the asset directory as the
// Python runtime does (`file.function`, `folder/file.function`), the function's environment only.
// Events go in as JSON lines on stdin; results come back as JSON lines on file descriptor 3, so
// whatever the handler prints stays a log line, as in CloudWatch.
// Handler naming: https://docs.aws.amazon.com/lambda/latest/dg/python-handler.html
// Context object: https://docs.aws.amazon.com/lambda/latest/dg/python-context.html
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as readline from 'readline';
import { InvokeResult, lambdaEnvironment, WarmProcess } from './warm-process';
import type { TwinFunction } from '../assembly/template';

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
  private readonly process: WarmProcess;

  constructor(readonly fn: TwinFunction, python: string, log: (line: string) => void = () => undefined) {
    this.process = new WarmProcess(fn, {
      label: `Lambda ${fn.logicalId} (${fn.handler}, ${fn.runtime})`,
      spawn: () => spawn(python, ['-u', '-c', BOOTSTRAP], {
        cwd: fn.assetDir,
        env: { ...lambdaEnvironment(fn), _TWIN_HANDLER: fn.handler },
        stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
        detached: true,
      }),
      send: (child, message) => child.stdin!.write(`${JSON.stringify(message)}\n`),
      listen: (child, onMessage) => readline.createInterface({ input: child.stdio[3] as NodeJS.ReadableStream })
        .on('line', (line) => onMessage(JSON.parse(line))),
      // The bootstrap's loop ends with its standard input.
      askToExit: (child) => child.stdin?.end(),
      exitGraceMs: 1000,
    }, log);
  }

  /** Invokes the handler; a handler that cannot be imported, a timeout or a crash is an error result, as in Lambda. */
  async invoke(event: unknown): Promise<InvokeResult> {
    try {
      return await this.process.invoke(event);
    } catch (e) {
      return { ok: false, error: { errorType: 'Runtime.ImportModuleError', errorMessage: (e as Error).message } };
    }
  }

  stop(): Promise<void> {
    return this.process.stop();
  }
}
