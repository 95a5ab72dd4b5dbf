/**
 * The built-in handler: bundle size and cold start inside a fresh Node
 * process (require of the bundle, then the first invocation).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { summarize, Summary } from './stats';
import { HANDLER_ASSET_DIR } from './variant';

export const HANDLER_BUNDLE = path.join(HANDLER_ASSET_DIR, 'index.js');
export const BUNDLE_BUDGET_BYTES = 2048;

export interface HandlerResult {
  readonly bundleBytes: number;
  readonly gzipBytes: number;
  readonly withinBudget: boolean;
  readonly requireMs: Summary;
  readonly firstInvokeMs: Summary;
  readonly coldTotalMs: Summary;
  /** What the first invocation answered (a sanity check, not a timing). */
  readonly response: string;
}

// Runs in the child. Times only what happens after Node itself has booted:
// require() of the bundle, then the first invocation with a payload-2.0 event
// carrying Cognito access-token claims as API Gateway's JWT authorizer passes them.
const CHILD = `
const t0 = process.hrtime.bigint();
const m = require(process.argv[1]);
const t1 = process.hrtime.bigint();
const event = { version: '2.0', routeKey: 'GET /', rawPath: '/', headers: {},
  requestContext: { authorizer: { jwt: { claims: { username: 'alice', client_id: 'c1', scope: 'api/read' }, scopes: ['api/read'] } } } };
Promise.resolve(m.handler(event)).then((res) => {
  const t2 = process.hrtime.bigint();
  process.stdout.write(JSON.stringify({ requireNs: String(t1 - t0), invokeNs: String(t2 - t1), res }));
});
`;

export function handlerBench(runs: number): HandlerResult {
  if (!fs.existsSync(HANDLER_BUNDLE)) {
    throw new Error(`${HANDLER_BUNDLE} is missing: run \`npx projen bundle\` first`);
  }
  const code = fs.readFileSync(HANDLER_BUNDLE);
  const gzipBytes = zlib.gzipSync(code, { level: 9 }).length;
  const requireMs: number[] = [];
  const invokeMs: number[] = [];
  const totalMs: number[] = [];
  let response = '';
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(process.execPath, ['-e', CHILD, HANDLER_BUNDLE], { encoding: 'utf8' });
    const parsed = JSON.parse(out) as { requireNs: string; invokeNs: string; res: { statusCode: number; body: string } };
    const r = Number(parsed.requireNs) / 1e6;
    const v = Number(parsed.invokeNs) / 1e6;
    requireMs.push(r);
    invokeMs.push(v);
    totalMs.push(r + v);
    response = `${parsed.res.statusCode} ${parsed.res.body}`;
  }
  return {
    bundleBytes: code.length,
    gzipBytes,
    withinBudget: code.length <= BUNDLE_BUDGET_BYTES,
    requireMs: summarize(requireMs),
    firstInvokeMs: summarize(invokeMs),
    coldTotalMs: summarize(totalMs),
    response,
  };
}
