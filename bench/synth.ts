/**
 * Synth time: a fresh App per sample (construction + app.synth()), variants
 * interleaved round-robin in one process after warm-up rounds.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { CfnTemplate } from './cost';
import { msSince, summarize, Summary } from './stats';
import { Variant } from './variant';

export interface SynthSample {
  /** new App + Stack + construct(s), in ms. */
  readonly constructMs: number;
  /** app.synth(), in ms. */
  readonly synthMs: number;
  readonly totalMs: number;
  /** CPU time of this process (user + system) over the sample, in ms. */
  readonly cpuMs: number;
}

export interface SynthResult {
  readonly construct: Summary;
  readonly synth: Summary;
  readonly total: Summary;
  readonly cpu: Summary;
  /** Total ms per round, in round order (for paired ratios). */
  readonly rounds: number[];
}

/**
 * Median of the per-round ratios a/b. Rounds are interleaved, so each pair ran
 * seconds apart under the same machine load: this is the ratio to trust on a
 * shared or noisy machine.
 */
export function pairedRatio(a: SynthResult, b: SynthResult): Summary {
  return summarize(a.rounds.map((x, i) => x / b.rounds[i]));
}

const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'scapi-bench-'));
process.on('exit', () => fs.rmSync(tmpRoot, { recursive: true, force: true }));
let outCounter = 0;

function freshOutdir(): string {
  return path.join(tmpRoot, `out-${outCounter++}`);
}

/** Drop the cloud assemblies written so far (keeps /tmp small across runs). */
export function cleanOutdirs(): void {
  fs.rmSync(tmpRoot, { recursive: true, force: true });
  fs.mkdirSync(tmpRoot, { recursive: true });
}

export function newApp(extraContext: Record<string, unknown> = {}): App {
  return new App({
    outdir: freshOutdir(),
    context: { 'aws:cdk:disable-creation-stack-traces': true, ...extraContext },
  });
}

/** Construct `instances` copies of a variant in one stack, synthesize, time it. */
export function synthOnce(
  variant: Variant,
  instances = 1,
  extraContext: Record<string, unknown> = {},
): SynthSample & { template: CfnTemplate } {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const app = newApp(extraContext);
  const stack = new Stack(app, 'Bench');
  for (let i = 0; i < instances; i++) {
    variant.add(stack, instances === 1 ? 'Api' : `Api${i}`);
  }
  const constructMs = msSince(t0);
  const t1 = process.hrtime.bigint();
  const assembly = app.synth();
  const synthMs = msSince(t1);
  const c = process.cpuUsage(c0);
  const template = assembly.getStackByName(stack.stackName).template as CfnTemplate;
  return { constructMs, synthMs, totalMs: constructMs + synthMs, cpuMs: (c.user + c.system) / 1000, template };
}

/** Samples per variant key, in round order. */
export type SynthSamples = Record<string, SynthSample[]>;

/** Warm-up rounds, then `rounds` interleaved rounds over all variants. */
export function synthBench(variants: Variant[], warmup: number, rounds: number): SynthSamples {
  const samples: SynthSamples = {};
  for (const v of variants) samples[v.key] = [];
  for (let r = 0; r < warmup; r++) {
    for (const v of variants) synthOnce(v);
  }
  for (let r = 0; r < rounds; r++) {
    // No forced GC (global.gc): a full collection throws away V8's compiled
    // code and inline caches, and made every later sample 3-4x slower than a
    // steady-state synth. Garbage collection stays in the samples, as it does in
    // a real synth; rotating the first variant of each round spreads the
    // garbage one variant leaves behind over all the others.
    for (let k = 0; k < variants.length; k++) {
      const v = variants[(r + k) % variants.length];
      const { constructMs, synthMs, totalMs, cpuMs } = synthOnce(v);
      samples[v.key].push({ constructMs, synthMs, totalMs, cpuMs });
    }
    cleanOutdirs();
  }
  cleanOutdirs();
  return samples;
}

/** Summaries of the samples of each variant (pooled over every process they came from). */
export function summarizeSamples(samples: SynthSamples): Record<string, SynthResult> {
  const out: Record<string, SynthResult> = {};
  for (const [key, s] of Object.entries(samples)) {
    out[key] = {
      construct: summarize(s.map((x) => x.constructMs)),
      synth: summarize(s.map((x) => x.synthMs)),
      total: summarize(s.map((x) => x.totalMs)),
      cpu: summarize(s.map((x) => x.cpuMs)),
      rounds: s.map((x) => x.totalMs),
    };
  }
  return out;
}
