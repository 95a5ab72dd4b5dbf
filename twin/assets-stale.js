// Exits 0 when the bundled Lambda assets (assets/**/index.js from src/**/*.lambda.ts) are missing or
// older than any source file, 1 when they are current: the demo re-bundles only then, which saves
// the bundle task's ~10 s on every run after the first.
const fs = require('fs');
const path = require('path');

const walk = (dir) => fs.readdirSync(dir, { withFileTypes: true })
  .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
const sources = walk('src').filter((f) => f.endsWith('.ts'));
const newest = Math.max(...sources.map((f) => fs.statSync(f).mtimeMs), fs.statSync('package.json').mtimeMs);
const bundles = sources.filter((f) => f.endsWith('.lambda.ts'))
  .map((f) => path.join('assets', path.relative('src', f).replace(/\.ts$/, ''), 'index.js'));
process.exit(bundles.length && bundles.every((b) => fs.existsSync(b) && fs.statSync(b).mtimeMs >= newest) ? 1 : 0);
