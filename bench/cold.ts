/**
 * Cold synth: what one `cdk synth` of a one-instance app costs, in fresh Node
 * processes (module loading included, which the warm in-process benchmark
 * leaves out). Variants interleaved round-robin; the sources are transpiled
 * once with esbuild so that no TypeScript compiler runs in the children.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildSync } from 'esbuild';
import { summarize, Summary } from './stats';

const ROOT = path.join(__dirname, '..');

export interface ColdVariant {
  readonly key: string;
  readonly label: string;
  /** Module under bench/, without extension, e.g. 'solutions'. */
  readonly module: string;
  /** Exported Variant, or a zero-argument function returning one. */
  readonly exportName: string;
}

export interface ColdResult {
  /** Loading aws-cdk-lib, the construct library and its dependencies. */
  readonly importMs: Summary;
  /** new App + construct + app.synth(). */
  readonly synthMs: Summary;
  /** Whole process, Node boot included. */
  readonly processMs: Summary;
}

function listTs(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'results' ? [] : listTs(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/**
 * Transpiles src/ and bench/ to plain JS in a temp dir that mirrors the repo
 * (node_modules and assets symlinked), so that child processes run without a
 * TypeScript compiler. The caller removes the directory.
 */
export function transpileForChildren(): string {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'scapi-cold-'));
  buildSync({
    entryPoints: [...listTs(path.join(ROOT, 'src')), ...listTs(path.join(ROOT, 'bench'))],
    outdir: out,
    outbase: ROOT,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    logLevel: 'error',
  });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(out, 'node_modules'), 'dir');
  fs.symlinkSync(path.join(ROOT, 'assets'), path.join(out, 'assets'), 'dir');
  return out;
}

/** @param out the transpiled copy of the repository (see transpileForChildren). */
export function coldSynthBench(out: string, variants: ColdVariant[], runs: number): Record<string, ColdResult> {
  const samples: Record<string, { importMs: number; synthMs: number; processMs: number }[]> = {};
  for (const v of variants) samples[v.key] = [];
  for (let r = 0; r < runs; r++) {
    for (let k = 0; k < variants.length; k++) {
      const v = variants[(r + k) % variants.length];
      const outdir = path.join(out, `cdk.out-${v.key}-${r}`);
      const stdout = execFileSync(process.execPath, [
        path.join(out, 'bench', 'cold-child.js'), path.join(out, 'bench', v.module), v.exportName, outdir,
      ], { encoding: 'utf8', cwd: out });
      samples[v.key].push(JSON.parse(stdout));
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  }
  const result: Record<string, ColdResult> = {};
  for (const v of variants) {
    const s = samples[v.key];
    result[v.key] = {
      importMs: summarize(s.map((x) => x.importMs)),
      synthMs: summarize(s.map((x) => x.synthMs)),
      processMs: summarize(s.map((x) => x.processMs)),
    };
  }
  return result;
}
