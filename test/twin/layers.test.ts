// The twin package reads as its data flows: the cloud assembly (assembly/) -> what plays AWS
// (emulator/) -> the CLI and the test helpers (harness/). A layer imports only itself and the
// layers before it, and nothing in twin/src imports the library's source or test code.
import * as fs from 'fs';
import * as path from 'path';

const SRC = path.join(__dirname, '..', '..', 'twin', 'src');
const LAYERS = ['assembly', 'emulator', 'harness'];

function imports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf-8');
  return [...text.matchAll(/(?:from|require\()\s*'(\.[^']+)'/g)].map((m) => path.resolve(path.dirname(file), m[1]));
}

test('each layer of twin/src imports only itself and the layers before it', () => {
  const wrong: string[] = [];
  for (const [rank, layer] of LAYERS.entries()) {
    for (const name of fs.readdirSync(path.join(SRC, layer)).filter((f) => f.endsWith('.ts'))) {
      const file = path.join(SRC, layer, name);
      for (const target of imports(file)) {
        const relative = path.relative(SRC, target);
        const targetRank = LAYERS.indexOf(relative.split(path.sep)[0]);
        if (relative.startsWith('..') || targetRank < 0 || targetRank > rank) wrong.push(`${layer}/${name} imports ${relative}`);
      }
    }
  }
  expect(wrong).toEqual([]);
});
