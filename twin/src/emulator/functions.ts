// What each route of the gateway invokes: the function's runner (Node.js in a Node.js process,
// Python with the machine's python3), one warm process per function; or, when the twin cannot run
// the target (another integration type, runtime or package type), a stub answering a fixed status
// after the route's authorizer, with a line that names the route and the function.
import { InvokeResult, LambdaRunner } from './lambda';
import { findPython, PythonRunner } from './python';
import { runtimeFamily, TwinRoute } from '../assembly/template';

/** The status of a route whose target the twin cannot run, unless a stub says otherwise. */
export const DEFAULT_STUB_STATUS = 501;

interface FunctionRunner {
  invoke(event: unknown): Promise<InvokeResult>;
  stop(): Promise<void>;
}

export class RouteTargets {
  /** What the twin could not reproduce as deployed, one line each. */
  readonly notes: string[] = [];
  private readonly runners = new Map<string, FunctionRunner>();

  constructor(private readonly stubs: Record<string, number>, private readonly log: (line: string) => void) {}

  /** The route's function runner, or a stub answering a fixed status (noted once). */
  invokerFor(r: TwinRoute): (event: unknown) => Promise<InvokeResult> {
    const fn = r.function;
    const python = fn && runtimeFamily(fn.runtime) === 'python' ? findPython() : undefined;
    const why = r.unsupported ?? (fn && runtimeFamily(fn.runtime) === 'python' && !python ? `function ${fn.logicalId} runs ${fn.runtime} and there is no python3 on the PATH` : undefined);
    if (!fn || why) {
      const chosen = this.stubs[r.routeKey];
      const status = chosen ?? DEFAULT_STUB_STATUS;
      this.notes.push(`route ${r.routeKey}${fn ? ` (function ${fn.logicalId})` : ''}: ${why}; it answers ${status}${chosen === undefined ? ` (--stub "${r.routeKey}=<status>" to choose)` : ''}`);
      const body = JSON.stringify({ message: `the local twin does not run this route's target: ${why}` });
      return async () => ({ ok: true, result: { statusCode: status, headers: { 'content-type': 'application/json' }, body } });
    }
    let runner = this.runners.get(fn.logicalId);
    if (!runner) {
      if (fn.unresolvedEnvironment.length) {
        this.notes.push(`function ${fn.logicalId}: environment ${fn.unresolvedEnvironment.join(', ')} cannot be resolved locally (a Ref, GetAtt or import); the handler runs without them`);
      }
      const log = (line: string) => this.log(`[lambda ${fn.logicalId}] ${line}`);
      runner = python ? new PythonRunner(fn, python, log) : new LambdaRunner(fn, log);
      this.runners.set(fn.logicalId, runner);
    }
    return runner.invoke.bind(runner);
  }

  /** Stops every function process; throws the first error after trying them all. */
  async stop(): Promise<void> {
    const results = await Promise.allSettled([...this.runners.values()].map((r) => r.stop()));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }
}
