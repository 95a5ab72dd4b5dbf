// Runs a Lambda asset from the cloud assembly the way the Node.js runtime
// would: in its own process, with only the environment the template gives the
// function, `require`-ing `<assetDir>/<file>.js` and calling the exported
// handler with the event. One long-lived process per function (a warm
// container); events and results cross an IPC channel as JSON.
import { spawn } from 'child_process';
import * as path from 'path';
import { InvokeResult, lambdaEnvironment, WarmProcess } from './warm-process';
import type { TwinFunction } from '../assembly/template';

export type { InvokeResult, LambdaError } from './warm-process';

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

export class LambdaRunner {
  private readonly process: WarmProcess;

  constructor(readonly fn: TwinFunction, log: (line: string) => void = () => undefined) {
    const dot = fn.handler.lastIndexOf('.');
    this.process = new WarmProcess(fn, {
      label: `Lambda ${fn.logicalId} (${fn.handler})`,
      spawn: () => spawn(process.execPath, ['-e', RUNTIME], {
        cwd: fn.assetDir,
        env: {
          ...lambdaEnvironment(fn),
          _TWIN_HANDLER_FILE: path.join(fn.assetDir, fn.handler.slice(0, dot)),
          _TWIN_HANDLER_EXPORT: fn.handler.slice(dot + 1),
        },
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
        detached: true,
      }),
      send: (child, message) => child.send(message),
      listen: (child, onMessage) => child.on('message', onMessage),
      askToExit: (_child, signalGroup) => signalGroup('SIGTERM'),
      exitGraceMs: 2000,
    }, log);
  }

  /** Invokes the handler; a timeout or a crash is an error result, as in Lambda. */
  invoke(event: unknown): Promise<InvokeResult> {
    return this.process.invoke(event);
  }

  stop(): Promise<void> {
    return this.process.stop();
  }
}
