// No file of src/ imports itself through others, type-only imports included: a circle of imports
// means two files that cannot be read (or changed) one without the other, and at runtime one of
// them sees the other half-loaded.
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const SRC = path.join(__dirname, '..', 'src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** The files of src/ that a file imports (relative imports only; packages cannot import src/). */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
  return info.importedFiles
    .map((f) => f.fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => {
      const base = path.resolve(path.dirname(file), name);
      return [`${base}.ts`, path.join(base, 'index.ts')].find((p) => fs.existsSync(p)) ?? base;
    });
}

/** Every circle of imports, each as the list of files that close it (relative to src/). */
export function importCycles(files: string[]): string[][] {
  const graph = new Map(files.map((f) => [f, importsOf(f)]));
  const cycles: string[][] = [];
  const done = new Set<string>();
  const visit = (file: string, trail: string[]): void => {
    const at = trail.indexOf(file);
    if (at >= 0) {
      cycles.push([...trail.slice(at), file].map((f) => path.relative(SRC, f)));
      return;
    }
    if (done.has(file)) return;
    for (const next of graph.get(file) ?? []) visit(next, [...trail, file]);
    done.add(file);
  };
  files.forEach((f) => visit(f, []));
  return cycles;
}

describe('imports of src/', () => {
  test('no circle of imports, type-only imports included', () => {
    expect(importCycles(sourceFiles(SRC))).toEqual([]);
  });

  test('the check sees a circle (two files of a temporary folder that import each other)', () => {
    const dir = fs.mkdtempSync(path.join(SRC, '..', 'test', '.tmp-cycle-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.ts'), "import type { B } from './b';\nexport type A = B;\n");
      fs.writeFileSync(path.join(dir, 'b.ts'), "import type { A } from './a';\nexport type B = A | string;\n");
      expect(importCycles(sourceFiles(dir)).length).toBeGreaterThan(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
