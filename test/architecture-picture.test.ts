// The README's architecture picture (docs/architecture.svg, rendered to docs/architecture.png)
// shows which props change which part as yellow `propName` tags. This fails when a prop of
// SecureCognitoApiProps has no tag (a prop added since the picture was drawn), or when a tag names
// neither a prop nor a public method of SecureCognitoApi (a prop renamed or removed). After
// editing the SVG, re-render the PNG with docs/render-architecture.sh.
import * as fs from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

/** The property names of `interface <name> { ... }` in a TypeScript source (`readonly x?:` or `readonly x:`). */
function interfaceProps(source: string, name: string): string[] {
  const start = source.search(new RegExp(`^export interface ${name}\\b[^{]*\\{`, 'm'));
  if (start < 0) {
    throw new Error(`no "export interface ${name}" in the source`);
  }
  // The interface body ends at the first `}` at the start of a line (members are indented).
  const end = source.indexOf('\n}', start);
  const body = source.slice(start, end < 0 ? undefined : end);
  return [...body.matchAll(/^\s+readonly\s+(\w+)\??\s*:/gm)].map((m) => m[1]);
}

/** The public methods of a class source, as `name()` (the way the picture writes them). */
function publicMethods(source: string): string[] {
  return [...source.matchAll(/^\s+public\s+(\w+)\s*\(/gm)].map((m) => `${m[1]}()`);
}

/** The texts of the `<g class="tag">…<text>…</text></g>` elements of an SVG. */
function tagTexts(svg: string): string[] {
  return [...svg.matchAll(/<g\s+class="tag"\s*>[\s\S]*?<text\b[^>]*>([^<]*)<\/text>[\s\S]*?<\/g>/g)].map((m) =>
    m[1].trim(),
  );
}

/** The props without a tag, and the tags that name no prop or method (the legend excluded). */
function compareTags(
  props: readonly string[],
  methods: readonly string[],
  tags: readonly string[],
  legend: readonly string[] = ['propName'],
): { missing: string[]; unknown: string[] } {
  const tagSet = new Set(tags);
  const known = new Set([...props, ...methods, ...legend]);
  return {
    missing: props.filter((p) => !tagSet.has(p)),
    unknown: [...new Set(tags)].filter((t) => !known.has(t)),
  };
}

describe('the comparison itself', () => {
  const source = `
import type { Duration } from 'aws-cdk-lib';
/** Not this one. */
export interface OtherProps {
  readonly other?: string;
}
/**
 * Props. A comment that says readonly notAProp: here is not a property.
 */
export interface SomeProps {
  // ---- group ----
  /** @default 1 */
  readonly alpha?: number;
  readonly beta: string;
  readonly gammaTimeout?: Duration;
}
export interface AfterProps {
  readonly after?: string;
}
`;

  test('parses the readonly properties of the named interface only', () => {
    expect(interfaceProps(source, 'SomeProps')).toEqual(['alpha', 'beta', 'gammaTimeout']);
    expect(() => interfaceProps(source, 'MissingProps')).toThrow(/no "export interface MissingProps"/);
  });

  test('collects tag texts, not other texts', () => {
    const svg = `<svg><text class="h">alpha</text>
<g class="tag"><rect x="1" y="2" width="3" height="4" rx="4"/><text x="5" y="6">propName</text></g>
<g class="tag"><rect x="1" y="2" width="3" height="4" rx="4"/><text x="5" y="6">alpha</text></g>
<g class="step"><circle cx="1" cy="2" r="11"/><text x="1" y="2">beta</text></g>
<g class="tag"><rect/><text x="5" y="6">doIt()</text></g></svg>`;
    expect(tagTexts(svg)).toEqual(['propName', 'alpha', 'doIt()']);
  });

  test('reports a prop without a tag, and a tag naming nothing', () => {
    const props = interfaceProps(source, 'SomeProps');
    expect(compareTags(props, ['doIt()'], ['propName', 'alpha', 'doIt()', 'gammaTimeout', 'delta'])).toEqual({
      missing: ['beta'],
      unknown: ['delta'],
    });
    expect(compareTags(props, [], ['alpha', 'beta', 'gammaTimeout', 'propName'])).toEqual({ missing: [], unknown: [] });
  });
});

describe('docs/architecture.svg', () => {
  const props = interfaceProps(read('src/secure-cognito-api-props.ts'), 'SecureCognitoApiProps');
  const methods = publicMethods(read('src/secure-cognito-api.ts'));
  const tags = tagTexts(read('docs/architecture.svg'));

  test('the parsers find the props, the methods and the tags', () => {
    // Guards against a regex that silently finds nothing (then every check below would pass).
    expect(props.length).toBeGreaterThan(30);
    expect(props).toEqual(expect.arrayContaining(['signUpMode', 'apiDomain', 'securityProfile', 'outputs']));
    expect(methods).toContain('addRoute()');
    expect(tags.length).toBeGreaterThan(30);
  });

  test('every SecureCognitoApiProps prop appears as a tag', () => {
    const { missing } = compareTags(props, methods, tags);
    if (missing.length > 0) {
      throw new Error(`props without a tag in docs/architecture.svg: ${missing.join(', ')}`);
    }
  });

  test('every tag names a prop or a public method of SecureCognitoApi', () => {
    const { unknown } = compareTags(props, methods, tags);
    if (unknown.length > 0) {
      throw new Error(`tags in docs/architecture.svg that name no prop or method: ${unknown.join(', ')}`);
    }
  });

  test('no prop has two tags', () => {
    const twice = tags.filter((t, i) => tags.indexOf(t) !== i);
    expect(twice).toEqual([]);
  });
});
