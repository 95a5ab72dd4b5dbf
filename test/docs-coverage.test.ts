// Docs coverage, read from the jsii assembly: what Construct Hub, PyPI, Maven, NuGet and Go users
// see. Every exported type, property, method, parameter and enum member has a summary; every
// optional property of a struct or interface says with `@default` what happens when it is left
// out; no exported signature uses `any` or `json` (untyped in Python, Java, C# and Go), nor a
// union (no static type outside TypeScript).
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { compileJsiiForTest } from 'jsii';

// ---- the slice of the jsii assembly schema (@jsii/spec) that the checker reads -----------------

interface Docs {
  readonly summary?: string;
  readonly default?: string;
  readonly [tag: string]: unknown;
}

interface TypeRef {
  readonly primitive?: string;
  readonly fqn?: string;
  readonly collection?: { readonly kind: string; readonly elementtype: TypeRef };
  readonly union?: { readonly types: TypeRef[] };
  readonly intersection?: { readonly types: TypeRef[] };
}

interface Parameter {
  readonly name: string;
  readonly type: TypeRef;
  readonly optional?: boolean;
  readonly docs?: Docs;
}

interface Callable {
  readonly name?: string;
  readonly docs?: Docs;
  readonly parameters?: Parameter[];
  readonly returns?: { readonly type: TypeRef };
  readonly protected?: boolean;
}

interface Property {
  readonly name: string;
  readonly type: TypeRef;
  readonly optional?: boolean;
  readonly docs?: Docs;
}

interface JsiiType {
  readonly fqn: string;
  readonly kind: 'class' | 'interface' | 'enum';
  readonly name: string;
  readonly docs?: Docs;
  readonly datatype?: boolean;
  readonly initializer?: Callable;
  readonly properties?: Property[];
  readonly methods?: Callable[];
  readonly members?: { readonly name: string; readonly docs?: Docs }[];
}

/** A jsii assembly, as far as the checker is concerned. */
export interface AssemblyLike {
  readonly name: string;
  readonly types?: Record<string, JsiiType>;
}

// ---- the checker -------------------------------------------------------------------------------

/** `@default` values that say nothing about the behaviour. */
const EMPTY_DEFAULTS = new Set(['', '-', 'undefined', '- undefined', 'none', 'null']);

/**
 * Lists what an API user would miss in the generated docs and bindings, one line per offender:
 * `<Type>.<member>: <problem>`. Empty when the assembly is complete.
 */
export function findDocProblems(assembly: AssemblyLike): string[] {
  const problems: string[] = [];
  const own = Object.values(assembly.types ?? {}).filter((t) => t.fqn.startsWith(`${assembly.name}.`));
  for (const type of own) {
    const where = type.fqn.slice(assembly.name.length + 1);
    if (!hasSummary(type.docs)) problems.push(`${where}: ${type.kind} without a summary`);

    for (const member of type.members ?? []) {
      if (!hasSummary(member.docs)) problems.push(`${where}.${member.name}: enum member without a summary`);
    }

    for (const prop of type.properties ?? []) {
      const at = `${where}.${prop.name}`;
      if (!hasSummary(prop.docs)) problems.push(`${at}: property without a summary`);
      if (type.kind === 'interface' && prop.optional) {
        const dflt = prop.docs?.default;
        if (dflt === undefined) {
          problems.push(`${at}: optional property without @default (say what happens when it is left out)`);
        } else if (EMPTY_DEFAULTS.has(dflt.trim().toLowerCase())) {
          problems.push(`${at}: @default "${dflt}" does not describe the behaviour`);
        }
      }
      problems.push(...typeProblems(at, prop.type));
    }

    const callables: [string, Callable][] = [];
    if (type.initializer && !type.initializer.protected) callables.push([`${where}.constructor`, type.initializer]);
    for (const method of type.methods ?? []) callables.push([`${where}.${method.name}()`, method]);
    for (const [at, callable] of callables) {
      if (!at.endsWith('.constructor') && !hasSummary(callable.docs)) problems.push(`${at}: method without a summary`);
      for (const param of callable.parameters ?? []) {
        const pat = `${at} parameter ${param.name}`;
        if (!hasSummary(param.docs)) problems.push(`${pat}: parameter without docs (@param)`);
        problems.push(...typeProblems(pat, param.type));
      }
      if (callable.returns) problems.push(...typeProblems(`${at} return type`, callable.returns.type));
    }
  }
  return problems;
}

function hasSummary(docs: Docs | undefined): boolean {
  return typeof docs?.summary === 'string' && docs.summary.trim().length > 0;
}

/** `any`, `json` and unions, wherever they hide (arrays and maps included). */
function typeProblems(at: string, ref: TypeRef): string[] {
  if (ref.primitive === 'any' || ref.primitive === 'json') {
    return [`${at}: type is \`${ref.primitive}\`, untyped in Python, Java, C# and Go`];
  }
  if (ref.union) return [`${at}: type is a union, which other languages see as \`Object\`; use an enum-like class`];
  if (ref.collection) return typeProblems(at, ref.collection.elementtype);
  if (ref.intersection) return ref.intersection.types.flatMap((t) => typeProblems(at, t));
  return [];
}

// ---- loading the assembly of this package ------------------------------------------------------

const ROOT = path.join(__dirname, '..');

/**
 * The assembly that `npx projen compile` wrote, when it is newer than every source; otherwise (a
 * fresh clone, where `npx projen test` runs before compile, or sources edited since) a fresh one
 * compiled by jsii in a temporary copy of the package, leaving the working tree untouched.
 */
function loadOwnAssembly(): AssemblyLike {
  const file = path.join(ROOT, '.jsii');
  if (fs.existsSync(file) && fs.statSync(file).mtimeMs >= newestInputMtime()) {
    return readAssembly(file);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docs-coverage-'));
  try {
    for (const name of ['package.json', 'tsconfig.json', 'README.md', 'LICENSE']) {
      fs.copyFileSync(path.join(ROOT, name), path.join(dir, name));
    }
    fs.cpSync(path.join(ROOT, 'src'), path.join(dir, 'src'), { recursive: true });
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    execFileSync(process.execPath, [require.resolve('jsii/bin/jsii'), '--silence-warnings=reserved-word'], {
      cwd: dir,
      stdio: 'pipe',
      env: { ...process.env, JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION: '1', JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION: '1' },
    });
    return readAssembly(path.join(dir, '.jsii'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function newestInputMtime(): number {
  const files = ['package.json', 'README.md'].map((f) => path.join(ROOT, f));
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) files.push(full);
    }
  };
  walk(path.join(ROOT, 'src'));
  return Math.max(...files.map((f) => fs.statSync(f).mtimeMs));
}

function readAssembly(file: string): AssemblyLike {
  const json = JSON.parse(fs.readFileSync(file, 'utf-8'));
  if (json.schema === 'jsii/file-redirect') {
    // A compressed assembly (`compressAssembly: true`): .jsii points at a gzipped file.
    const target = path.join(path.dirname(file), json.filename);
    return JSON.parse(zlib.gunzipSync(fs.readFileSync(target)).toString('utf-8'));
  }
  return json;
}

// ---- tests -------------------------------------------------------------------------------------

describe('docs coverage of the published API (jsii assembly)', () => {
  let assembly: AssemblyLike;
  beforeAll(() => {
    assembly = loadOwnAssembly();
  });

  test('the assembly holds the exported API', () => {
    const names = Object.values(assembly.types ?? {}).map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining([
      'SecureCognitoApi', 'SecureCognitoApiProps', 'AppClient', 'AuthDomain', 'AddRouteOptions', 'SignUpMode', 'EgressMode',
    ]));
  });

  test('every type, property, method, parameter and enum member is documented, and nothing is `any`', () => {
    const problems = findDocProblems(assembly);
    if (problems.length > 0) {
      throw new Error(`${problems.length} documentation problem(s) in the published API:\n  ${problems.join('\n  ')}`);
    }
  });
});

describe('Construct Hub metadata (package.json, from .projenrc.ts)', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf-8'));

  test('a description, the keywords users search for, a stability and a package per language', () => {
    expect(pkg.description.length).toBeGreaterThan(40);
    // `awscdk` is what makes Construct Hub index the package at all
    expect(pkg.keywords).toEqual(expect.arrayContaining(['awscdk', 'cdk', 'cognito', 'api-gateway', 'jwt', 'oauth', 'lambda', 'vpc']));
    expect(['experimental', 'stable', 'deprecated']).toContain(pkg.stability);
    expect(pkg.jsii.targets).toMatchObject({
      python: { distName: 'cdk-secure-cognito-api', module: 'cdk_secure_cognito_api' },
      java: { package: 'io.github.cdksecurecognitoapi', maven: { groupId: 'io.github.cdksecurecognitoapi', artifactId: 'cdk-secure-cognito-api' } },
      dotnet: { namespace: 'CdkSecureCognitoApi', packageId: 'CdkSecureCognitoApi' },
      go: { moduleName: 'github.com/cdk-secure-cognito-api/cdk-secure-cognito-api-go' },
    });
  });
});

describe('the checker itself', () => {
  test('reports each kind of gap in a synthetic assembly fragment', () => {
    const fragment: AssemblyLike = {
      name: 'lib',
      types: {
        'lib.WidgetProps': {
          fqn: 'lib.WidgetProps',
          kind: 'interface',
          name: 'WidgetProps',
          datatype: true,
          docs: { summary: 'Props of a widget.' },
          properties: [
            { name: 'color', optional: true, type: { primitive: 'string' }, docs: { summary: 'The color.' } },
            { name: 'size', optional: true, type: { primitive: 'number' }, docs: { summary: 'The size.', default: 'undefined' } },
            { name: 'shape', optional: true, type: { primitive: 'string' }, docs: { summary: 'The shape.', default: '- a circle' } },
            { name: 'extra', type: { collection: { kind: 'map', elementtype: { primitive: 'any' } } }, docs: { summary: 'Extra.' } },
            { name: 'raw', type: { primitive: 'json' } },
            { name: 'either', type: { union: { types: [{ primitive: 'string' }, { primitive: 'number' }] } }, docs: { summary: 'E.' } },
          ],
        },
        'lib.Widget': {
          fqn: 'lib.Widget',
          kind: 'class',
          name: 'Widget',
          initializer: { parameters: [{ name: 'props', type: { fqn: 'lib.WidgetProps' } }] },
          methods: [{ name: 'spin', docs: {}, parameters: [{ name: 'speed', type: { primitive: 'number' }, docs: { summary: 'rpm' } }] }],
        },
        'lib.Mode': {
          fqn: 'lib.Mode',
          kind: 'enum',
          name: 'Mode',
          docs: { summary: 'Modes.' },
          members: [{ name: 'FAST', docs: { summary: 'Fast.' } }, { name: 'SLOW' }],
        },
        'other.Ignored': { fqn: 'other.Ignored', kind: 'class', name: 'Ignored' },
      },
    };

    expect(findDocProblems(fragment)).toEqual([
      'WidgetProps.color: optional property without @default (say what happens when it is left out)',
      'WidgetProps.size: @default "undefined" does not describe the behaviour',
      'WidgetProps.extra: type is `any`, untyped in Python, Java, C# and Go',
      'WidgetProps.raw: property without a summary',
      'WidgetProps.raw: type is `json`, untyped in Python, Java, C# and Go',
      'WidgetProps.either: type is a union, which other languages see as `Object`; use an enum-like class',
      'Widget: class without a summary',
      'Widget.constructor parameter props: parameter without docs (@param)',
      'Widget.spin(): method without a summary',
      'Mode.SLOW: enum member without a summary',
    ]);
  });

  test('reads what jsii emits: a missing @default, an undocumented @param and `any` are caught', () => {
    const result = compileJsiiForTest({
      'index.ts': [
        '/** Props of a gadget. */',
        'export interface GadgetProps {',
        '  /** The name. */',
        '  readonly name?: string;',
        '  /**',
        '   * The size.',
        '   *',
        '   * @default 3',
        '   */',
        '  readonly size?: number;',
        '  /** Anything. */',
        '  readonly payload: any;',
        '}',
        '/** A gadget. */',
        'export class Gadget {',
        '  /** @param props the props */',
        '  constructor(public readonly props: GadgetProps) {}',
        '  /** Turns it. */',
        '  public turn(by: number): void { void by; }',
        '}',
      ].join('\n'),
    }, { packageJson: { name: 'gadgets' } });

    expect(findDocProblems(result.assembly as unknown as AssemblyLike)).toEqual([
      'Gadget.turn() parameter by: parameter without docs (@param)',
      'GadgetProps.payload: type is `any`, untyped in Python, Java, C# and Go',
      'GadgetProps.name: optional property without @default (say what happens when it is left out)',
    ]);
  });
});
