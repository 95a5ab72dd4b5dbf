/**
 * One cold synth, as `cdk synth` runs an app: a fresh Node process that loads
 * the libraries, builds one stack with one instance of a variant and
 * synthesizes it. Run by cold.ts from an esbuild-transpiled copy (plain JS, no
 * ts-node), prints JSON timings on stdout.
 *
 * argv: <variant module path> <export name>
 */
const t0 = process.hrtime.bigint();
const bootMs = process.uptime() * 1000;
/* eslint-disable @typescript-eslint/no-require-imports */
const { App, Stack } = require('aws-cdk-lib') as typeof import('aws-cdk-lib');
const [modulePath, exportName, outdir] = process.argv.slice(2);
const mod = require(modulePath) as Record<string, unknown>;
/* eslint-enable @typescript-eslint/no-require-imports */
type Added = { add: (scope: InstanceType<typeof Stack>, id: string) => void };
const factory = mod[exportName];
const variant = (typeof factory === 'function' ? (factory as () => Added)() : factory) as Added;
const t1 = process.hrtime.bigint();
const app = new App({ outdir, context: { 'aws:cdk:disable-creation-stack-traces': true } });
const stack = new Stack(app, 'Bench');
variant.add(stack, 'Api');
app.synth();
const t2 = process.hrtime.bigint();
process.stdout.write(JSON.stringify({
  bootMs,
  importMs: Number(t1 - t0) / 1e6,
  synthMs: Number(t2 - t1) / 1e6,
  processMs: process.uptime() * 1000,
}));
