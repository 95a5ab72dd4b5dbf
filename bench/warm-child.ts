/**
 * One process of the warm synth benchmark: the four variants interleaved in
 * this process (warm-up, then measured rounds). Run by warm.ts from the
 * esbuild-transpiled copy; prints the raw samples as JSON on stdout.
 *
 * argv: <warm-up rounds> <measured rounds>
 */
import { HAND_WIRED } from './hand-wired';
import { OURS_DEFAULT, OURS_NAT_PER_AZ } from './ours';
import { SOLUTIONS } from './solutions';
import { synthBench } from './synth';

/** The variants of the warm benchmark, in the order of the report. */
export const WARM_VARIANTS = [OURS_DEFAULT, OURS_NAT_PER_AZ, SOLUTIONS, HAND_WIRED];

if (require.main === module) {
  const [warmup, rounds] = process.argv.slice(2).map(Number);
  process.stdout.write(JSON.stringify(synthBench(WARM_VARIANTS, warmup, rounds)));
}
