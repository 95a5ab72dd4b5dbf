// What the packages are built from and what they ship. Every `package:<language>` works on a fresh
// clone (it builds what it packs first), and the npm tarball, which jsii-pacmak also embeds in the
// Python, Java, .NET and Go packages, holds only what a user's app and Construct Hub read.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');
const tasks = JSON.parse(fs.readFileSync(path.join(ROOT, '.projen', 'tasks.json'), 'utf8')).tasks;

describe('package tasks from a fresh clone', () => {
  test.each(['js', 'python', 'java', 'go', 'dotnet'])('package:%s bundles, compiles when .jsii is missing or stale, then runs jsii-pacmak', (language) => {
    // GIVEN a clone with no .jsii ("Expected to find .jsii file" from jsii-pacmak otherwise)
    const steps = tasks[`package:${language}`].steps;
    expect(steps).toEqual([
      { spawn: 'pre-compile' },
      { spawn: 'compile', condition: '[ ! -f .jsii ] || [ -n "$(find src package.json README.md -newer .jsii -print -quit)" ]' },
      { execArgs: ['jsii-pacmak', '-v', '--target', language] },
    ]);
    expect(tasks['pre-compile'].steps).toEqual([{ spawn: 'bundle' }]);
  });
});

/** What a user's app, jsii-pacmak and Construct Hub read from the tarball; nothing else may be in it. */
const ALLOWED: RegExp[] = [
  /^package\.json$/,
  /^README\.md$/,
  /^LICENSE$/,
  /^\.jsii$/,
  /^lib\/[\w./-]+\.(js|d\.ts)$/,
  /^assets\/(handler|private)\/[\w.-]+\.lambda\/index\.js$/,
  /^rosetta\/[\w-]+\.ts-fixture$/,
];

describe('the npm tarball', () => {
  let files: string[];
  beforeAll(() => {
    const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    files = JSON.parse(r.stdout)[0].files.map((f: { path: string }) => f.path).sort();
  });

  test('holds nothing outside the allowlist (no .ci/, twin/, docs/, test/, src/, .tools/, API.md)', () => {
    expect(files.filter((f) => !ALLOWED.some((a) => a.test(f)))).toEqual([]);
  });

  test('holds what users and Construct Hub need: package.json, README, LICENSE, the rosetta fixture, each bundled handler there is', () => {
    expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'rosetta/default.ts-fixture']));
    // assets/ is made by `bundle` (every package task's first step): each handler it made is packed
    const assets = path.join(ROOT, 'assets');
    const bundled = fs.existsSync(assets)
      ? fs.readdirSync(assets, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('index.js')).map((f) => `assets/${f}`)
      : [];
    expect(files.filter((f) => f.startsWith('assets/'))).toEqual(bundled.sort());
    // lib/ and .jsii are made by `compile`: when they exist, they are packed (without lib's .ts sources)
    if (fs.existsSync(path.join(ROOT, '.jsii'))) expect(files).toContain('.jsii');
    if (fs.existsSync(path.join(ROOT, 'lib', 'index.js'))) expect(files).toEqual(expect.arrayContaining(['lib/index.js', 'lib/index.d.ts']));
  });
});
