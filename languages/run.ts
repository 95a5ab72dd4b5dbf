// `npx projen test:languages`: packages the library for Python, Java and Go, builds the consumer
// app of each language (languages/<language>/) against the package just built, synthesizes the
// default and the brief configuration, and compares every template and asset manifest with what
// the TypeScript configurations of fixtures/configs.ts synthesize. .NET is generated only: there is
// no .NET SDK and no NuGet on the project's machines.
//
// Usage: ts-node --transpile-only languages/run.ts [python] [java] [go] [dotnet]
// Caches (kept between runs, never a reason to skip an install step): pip's cache, the Maven
// repository MAVEN_REPO (default ~/.m2/repository), Go's GOMODCACHE and GOCACHE.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkFromClone, CloneLanguage, readmeFromClone } from './from-a-clone';
import { checkReadmeExamples } from './readme-examples';
import { briefStack, CONFIG_CONTEXT, CONFIG_ENV, defaultStack } from '../fixtures/configs';
import { integApp } from '../fixtures/integ-app';

const ROOT = path.resolve(__dirname, '..');
const CONFIGS = ['default', 'brief'] as const;
type Config = (typeof CONFIGS)[number];
const STACKS: Record<Config, string> = { default: 'SecureCognitoApiDefault', brief: 'SecureCognitoApiBrief' };
/** The comment that opens each configuration in every app: maps an error's line to a configuration. */
const MARKERS: Record<Config, string> = { default: 'The minimal usage', brief: "The brief's architecture" };

/**
 * What `cdk synth` would pass to every app: the AZs of the fixed environment (no AWS lookup) and no
 * CDKMetadata resource (its analytics name the app's language, so they differ by design).
 */
const CONTEXT = {
  ...CONFIG_CONTEXT,
  'aws:cdk:version-reporting': false,
  'aws:cdk:disable-creation-stack-traces': true,
  'aws:cdk:disable-stack-trace': true,
};

interface Language {
  readonly name: string;
  /** The app source that holds both configurations, relative to languages/. */
  readonly source: string;
  readonly steps: (out: string) => Step[];
}
interface Step {
  readonly label: string;
  readonly cmd: string;
  readonly args: string[];
  readonly cwd?: string;
  readonly env?: Record<string, string>;
  /** Errors of this step come from the app: map them to a configuration. */
  readonly app?: boolean;
}

class StepError extends Error {
  constructor(readonly label: string, readonly output: string, readonly app: boolean) {
    super(`${label} failed`);
  }
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'languages-'));
const mavenRepo = process.env.MAVEN_REPO ?? path.join(os.homedir(), '.m2', 'repository');
const version: string = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
const appEnv = {
  CDK_CONTEXT_JSON: JSON.stringify(CONTEXT),
  CDK_DEFAULT_ACCOUNT: CONFIG_ENV.account,
  CDK_DEFAULT_REGION: CONFIG_ENV.region,
};
// The README's "Before the first release" path of each language: its package command, run on what
// may be a fresh clone (no .jsii yet: the task compiles first), and the file it says it writes.
const fromClone = readmeFromClone(ROOT);
const projen = (target: CloneLanguage, env: Record<string, string> = {}): Step[] => {
  const [cmd, ...args] = fromClone[target].packageCommand.split(' ');
  return [
    { label: fromClone[target].packageCommand, cmd, args, env },
    { label: `the README's ${fromClone[target].writes} exists`, cmd: 'test', args: ['-e', fromClone[target].writes] },
  ];
};

const LANGUAGES: Language[] = [
  {
    name: 'python',
    source: 'python/app.py',
    steps: (out) => {
      const venv = path.join(tmp, 'python-venv');
      return [
        ...projen('python'),
        { label: 'python3 -m venv', cmd: 'python3', args: ['-m', 'venv', venv] },
        {
          label: 'pip install the wheel',
          cmd: path.join(venv, 'bin/pip'),
          // --no-compile: byte-compiling aws-cdk-lib's thousands of modules up front costs a minute
          // the wheel the README installs into the app's virtual environment
          args: ['install', '--quiet', '--disable-pip-version-check', '--no-compile', '-r', 'languages/python/requirements.txt',
            fromClone.python.writes],
        },
        { label: 'python app.py', cmd: path.join(venv, 'bin/python'), args: ['app.py'], cwd: 'languages/python', env: { CDK_OUTDIR: out }, app: true },
      ];
    },
  },
  {
    name: 'java',
    source: 'java/src/main/java/com/example/securecognitoapi/SecureCognitoApiApp.java',
    steps: (out) => [
      // jsii-pacmak builds in a throw-away Maven repository unless told otherwise.
      ...projen('java', { JSII_PACMAK_MAVEN_LOCAL_REPOSITORY: mavenRepo }),
      // Maven never refetches a release it cached: drop the copy of the previous run's jar.
      { label: 'forget the cached jar', cmd: 'rm', args: ['-rf', path.join(mavenRepo, 'io/github/cdksecurecognitoapi')] },
      {
        label: 'mvn compile exec:java',
        cmd: 'mvn',
        args: ['--batch-mode', '--quiet', `-Dmaven.repo.local=${mavenRepo}`, `-Dcdk-secure-cognito-api.version=${version}`,
          'clean', 'compile', 'exec:java'],
        cwd: 'languages/java',
        env: { CDK_OUTDIR: out },
        app: true,
      },
    ],
  },
  {
    name: 'go',
    source: 'go/main.go',
    steps: (out) => [
      ...projen('go'),
      { label: 'go build', cmd: 'go', args: ['build', '-o', path.join(tmp, 'go-app'), '.'], cwd: 'languages/go', app: true },
      { label: 'go app', cmd: path.join(tmp, 'go-app'), args: [], cwd: 'languages/go', env: { CDK_OUTDIR: out }, app: true },
    ],
  },
];

function run(step: Step): void {
  const result = spawnSync(step.cmd, step.args, {
    cwd: path.join(ROOT, step.cwd ?? '.'),
    env: { ...process.env, ...appEnv, ...step.env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.status !== 0) {
    const output = `${result.error?.message ?? ''}${result.stdout ?? ''}${result.stderr ?? ''}`;
    throw new StepError(step.label, output, step.app ?? false);
  }
}

/** Which configurations an error in the app's output points at, from its file:line references. */
function configsOfError(language: Language, output: string): Config[] {
  const file = path.join(__dirname, language.source);
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const starts = CONFIGS.map((c) => lines.findIndex((l) => l.includes(MARKERS[c])) + 1);
  const base = path.basename(file).replace(/\./g, '\\.');
  // Python: `File ".../app.py", line 17`; Java: `App.java:[35,17]` or `App.java:35)`; Go: `main.go:30:3`
  const pattern = new RegExp(`${base}(?:", line |:\\[|:)(\\d+)`, 'g');
  const hit = new Set<Config>();
  for (const match of output.matchAll(pattern)) {
    const line = Number(match[1]);
    CONFIGS.forEach((c, i) => {
      const end = i + 1 < starts.length ? starts[i + 1] : Infinity;
      if (starts[i] > 0 && line >= starts[i] && line < end) hit.add(c);
    });
  }
  return hit.size > 0 ? [...hit] : [...CONFIGS];
}

/**
 * The C# app cannot be compiled here (no .NET SDK): check that every type, static member, method and
 * property it uses from the library exists in the C# that jsii-pacmak generated.
 */
function checkCsharpNames(app: string, generated: string): string[] {
  const source = fs.readFileSync(app, 'utf8');
  const types = new Map(fs.readdirSync(generated).filter((f) => f.endsWith('.cs'))
    .map((f) => [f.slice(0, -3), fs.readFileSync(path.join(generated, f), 'utf8')]));
  const problems: string[] = [];
  // a public method or property, or an enum member on a line of its own
  const declares = (type: string, member: string) =>
    new RegExp(`public [^\\n(]*\\b${member}\\b|^\\s*${member},?\\s*$`, 'm').test(types.get(type) ?? '');
  const variables = new Map<string, string>();
  for (const m of source.matchAll(/var (\w+) = new (\w+)\(/g)) variables.set(m[1], m[2]);
  for (const m of source.matchAll(/\b(\w+)\.(\w+)\b/g)) {
    const type = types.has(m[1]) ? m[1] : variables.get(m[1]);
    if (type && types.has(type) && !declares(type, m[2])) problems.push(`${m[1]}.${m[2]}: ${type} has no ${m[2]}`);
  }
  for (const m of source.matchAll(/new (\w+)\s*\{/g)) {
    if (!types.has(m[1])) continue;
    let depth = 0;
    let end = m.index! + m[0].length - 1;
    for (; end < source.length; end++) {
      if (source[end] === '{') depth++;
      if (source[end] === '}' && --depth === 0) break;
    }
    let body = source.slice(m.index! + m[0].length, end);
    while (/\{[^{}]*\}/.test(body)) body = body.replace(/\{[^{}]*\}/g, ''); // this object's own props only
    for (const p of body.matchAll(/(\w+) = /g)) {
      if (!declares(m[1], p[1])) problems.push(`new ${m[1]} { ${p[1]} = ... }: ${m[1]} has no ${p[1]}`);
    }
  }
  return problems;
}

/** The first differences between two JSON values, as `path: expected -> actual`. */
function differences(expected: unknown, actual: unknown, where = '', found: string[] = []): string[] {
  if (found.length >= 5) return found;
  if (typeof expected === 'object' && expected !== null && typeof actual === 'object' && actual !== null) {
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    for (const key of keys) {
      differences((expected as Record<string, unknown>)[key], (actual as Record<string, unknown>)[key], `${where}/${key}`, found);
    }
  } else if (JSON.stringify(expected) !== JSON.stringify(actual)) {
    found.push(`${where || '/'}: TypeScript ${JSON.stringify(expected)?.slice(0, 120)}, got ${JSON.stringify(actual)?.slice(0, 120)}`);
  }
  return found;
}

function compare(reference: string, out: string, config: Config): string[] {
  const problems: string[] = [];
  for (const suffix of ['template.json', 'assets.json']) {
    const file = `${STACKS[config]}.${suffix}`;
    if (!fs.existsSync(path.join(out, file))) {
      problems.push(`${file} was not written`);
      continue;
    }
    const read = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    problems.push(...differences(read(reference), read(out)).map((d) => `${file} ${d}`));
  }
  return problems;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(0)}s`;
}

function main(): number {
  const wanted = process.argv.slice(2);
  const selected = (name: string) => wanted.length === 0 || wanted.includes(name);
  const verdicts: string[] = [];
  let failed = false;

  // The reference: the TypeScript configurations, synthesized with the same context.
  const reference = path.join(tmp, 'typescript');
  let started = Date.now();
  process.env.CDK_OUTDIR = reference;
  const app = integApp(CONTEXT);
  defaultStack(app);
  briefStack(app);
  app.synth();
  delete process.env.CDK_OUTDIR;
  console.log(`typescript: synthesized fixtures/configs.ts (${seconds(Date.now() - started)})`);

  // Each `package:<language>` compiles first when .jsii is missing or stale, as on a fresh clone.
  if (!fs.existsSync(path.join(ROOT, '.jsii'))) console.log('jsii: no .jsii yet (a fresh clone): the first package task compiles');

  for (const language of LANGUAGES.filter((l) => selected(l.name))) {
    const out = path.join(tmp, language.name);
    started = Date.now();
    const states: Record<Config, string> = { default: 'not synthesized', brief: 'not synthesized' };
    try {
      for (const step of language.steps(out)) {
        const stepStart = Date.now();
        run(step);
        console.log(`${language.name}: ${step.label} (${seconds(Date.now() - stepStart)})`);
      }
      for (const config of CONFIGS) {
        const problems = compare(reference, out, config);
        states[config] = problems.length === 0 ? 'identical' : 'DIFFERENT';
        if (problems.length > 0) {
          failed = true;
          console.error(`${language.name}, ${config} configuration: the templates differ from TypeScript's:\n  ${problems.join('\n  ')}`);
        }
      }
    } catch (err) {
      if (!(err instanceof StepError)) throw err;
      failed = true;
      const tail = err.output.trim().split('\n').slice(-25).join('\n  ');
      const configs = err.app ? configsOfError(language, err.output) : [...CONFIGS];
      for (const config of configs) states[config] = `FAILED (${err.label})`;
      console.error(`${language.name}, ${configs.join(' and ')} configuration: ${err.label} failed:\n  ${tail}`);
    }
    console.log(`${language.name}: ${seconds(Date.now() - started)} in all`);
    verdicts.push(`${language.name}: ${CONFIGS.map((c) => `${c} ${states[c]}`).join(', ')}`);
  }

  if (selected('dotnet')) {
    started = Date.now();
    const dotnet: Step = { label: 'jsii-pacmak --code-only --target dotnet', cmd: 'npx', args: ['jsii-pacmak', '--code-only', '--target', 'dotnet'] };
    try {
      // `package:dotnet` would build with the .NET SDK, which is not here: its pre-compile and
      // compile steps alone (compile only when .jsii is missing or stale), then code only.
      run({ label: 'npx projen pre-compile', cmd: 'npx', args: ['projen', 'pre-compile'] });
      const compile = JSON.parse(fs.readFileSync(path.join(ROOT, '.projen/tasks.json'), 'utf8')).tasks['package:dotnet'].steps[1];
      run({ label: 'compile when .jsii is missing or stale', cmd: 'bash', args: ['-c', `if ${compile.condition}; then npx projen compile; fi`] });
      run(dotnet);
      console.log(`dotnet: ${dotnet.label} (${seconds(Date.now() - started)})`);
      const names = checkCsharpNames(path.join(__dirname, 'dotnet/Program.cs'),
        path.join(ROOT, 'dist/dotnet/CdkSecureCognitoApi/CdkSecureCognitoApi'));
      if (names.length > 0) {
        failed = true;
        console.error(`dotnet: languages/dotnet/Program.cs uses names the generated C# lacks:\n  ${names.join('\n  ')}`);
      } else {
        console.log('dotnet: every library name that languages/dotnet/Program.cs uses exists in the generated C#');
      }
      verdicts.push(names.length > 0 ? 'dotnet: generated only (no SDK here), Program.cs uses unknown names'
        : 'dotnet: generated only (no SDK here)');
    } catch (err) {
      if (!(err instanceof StepError)) throw err;
      failed = true;
      console.error(`dotnet: ${err.label} failed:\n  ${err.output.trim().split('\n').slice(-25).join('\n  ')}`);
      verdicts.push('dotnet: generation FAILED');
    }
  }

  const readme = [...checkReadmeExamples(ROOT), ...checkFromClone(ROOT)];
  if (readme.length > 0) {
    failed = true;
    console.error(`README.md examples differ from the apps in languages/:\n  ${readme.join('\n  ')}`);
  } else {
    console.log('README.md: the Python, Java, C# and Go examples are the apps in languages/, and each "Before the first release" path is the one run here');
  }

  fs.rmSync(tmp, { recursive: true, force: true });
  console.log(verdicts.join('\n'));
  return failed ? 1 : 0;
}

if (require.main === module) process.exitCode = main();
export { checkCsharpNames };
