/**
 * Warm synth time: the variants interleaved round-robin in one process, after
 * warm-up, repeated in a few fresh processes. One process alone gives tight
 * medians, but V8 compiles each process differently: the ours / hand-wired ratio
 * moved between 0.84 and 1.69 from one single-process run to the next. Pooling
 * the samples of several processes keeps the figures from depending on one
 * process's luck.
 */
import { execFileSync } from 'child_process';
import * as path from 'path';
import { SynthSample, SynthSamples } from './synth';

export interface WarmRun {
  /** Samples of every process, concatenated per variant (rounds stay aligned across variants). */
  readonly pooled: SynthSamples;
  /** Each process's own samples, to show how much a single process varies. */
  readonly perProcess: SynthSamples[];
}

/** @param jsRoot the transpiled copy of the repository (see transpileForChildren). */
export function warmSynthBench(jsRoot: string, processes: number, warmup: number, rounds: number): WarmRun {
  const perProcess: SynthSamples[] = [];
  for (let p = 0; p < processes; p++) {
    const out = execFileSync(process.execPath, [path.join(jsRoot, 'bench', 'warm-child.js'), String(warmup), String(rounds)], {
      encoding: 'utf8',
      cwd: jsRoot,
      maxBuffer: 64 * 1024 * 1024,
    });
    perProcess.push(JSON.parse(out) as SynthSamples);
  }
  const pooled: SynthSamples = {};
  for (const run of perProcess) {
    for (const [key, samples] of Object.entries(run)) {
      pooled[key] = [...(pooled[key] ?? []), ...samples] as SynthSample[];
    }
  }
  return { pooled, perProcess };
}
