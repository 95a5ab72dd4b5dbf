// The README's "Before the first release" paths, one per language (blocks after
// `<!-- from-a-clone:<language> -->`): the `npx projen package:<language>` command and the file it
// writes, and how the app installs it. languages/run.ts runs these very commands and installs
// these very files; the Java and Go apps of languages/ point at dist/ the way the README tells a
// user's app to (checked here, with the README's `../cdk-secure-cognito-api/` being `../../` there).
import * as fs from 'fs';
import * as path from 'path';

export const CLONE_LANGUAGES = ['js', 'python', 'java', 'go'] as const;
export type CloneLanguage = (typeof CLONE_LANGUAGES)[number];

export interface FromClone {
  /** The command that builds the package, e.g. `npx projen package:python`. */
  readonly packageCommand: string;
  /** The file that command writes, relative to the clone. */
  readonly writes: string;
  /** The command run in the app, `cd ../my-app && ` removed; undefined for Java (a pom block instead). */
  readonly install?: string;
}

/** The clone's folder as the README's app (`../my-app`) sees it. */
export const CLONE_FROM_APP = '../cdk-secure-cognito-api/';

function blocks(readme: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const m of readme.matchAll(/<!-- from-a-clone:([\w-]+) -->\n```\w+\n([\s\S]*?)^```$/gm)) found.set(m[1], m[2]);
  return found;
}

/** Each language's path; throws with the README's fault when a block is missing or malformed. */
export function readmeFromClone(root: string): Record<CloneLanguage, FromClone> {
  const all = blocks(fs.readFileSync(path.join(root, 'README.md'), 'utf8'));
  const result: Partial<Record<CloneLanguage, FromClone>> = {};
  for (const language of CLONE_LANGUAGES) {
    const block = all.get(language);
    if (block === undefined) throw new Error(`README.md has no block after <!-- from-a-clone:${language} -->`);
    const [first, second] = block.trim().split('\n');
    const m = /^(npx projen package:(\w+))\s+# writes (\S+)$/.exec(first);
    if (!m || m[2] !== language) {
      throw new Error(`README.md, from-a-clone:${language}: the first line must be "npx projen package:${language}   # writes <file>", got: ${first}`);
    }
    const install = second === undefined ? undefined : /^cd \.\.\/my-app && (.+)$/.exec(second)?.[1];
    if (second !== undefined && install === undefined) {
      throw new Error(`README.md, from-a-clone:${language}: the second line must start with "cd ../my-app && ", got: ${second}`);
    }
    result[language] = { packageCommand: m[1], writes: m[3], install };
  }
  return result as Record<CloneLanguage, FromClone>;
}

/** What the README tells an app to do that the apps of languages/ must do alike; one line per problem. */
export function checkFromClone(root: string): string[] {
  const paths = readmeFromClone(root);
  const all = blocks(fs.readFileSync(path.join(root, 'README.md'), 'utf8'));
  const asInLanguages = (text: string) => text.split(CLONE_FROM_APP).join('../../');
  const problems: string[] = [];
  for (const language of CLONE_LANGUAGES) {
    const { writes, install } = paths[language];
    if (install !== undefined && !install.includes(`${CLONE_FROM_APP}${language === 'go' ? path.dirname(writes) : writes}`)) {
      problems.push(`README.md, from-a-clone:${language}: the app's command does not install ${writes}: ${install}`);
    }
  }
  const dedent = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean).join('\n');
  const pomBlock = all.get('java-pom');
  const pom = fs.readFileSync(path.join(root, 'languages/java/pom.xml'), 'utf8');
  const pomRepositories = /<repositories>[\s\S]*?<\/repositories>/.exec(pom)?.[0];
  if (pomBlock === undefined || pomRepositories === undefined || dedent(asInLanguages(pomBlock)) !== dedent(pomRepositories)) {
    problems.push('README.md\'s from-a-clone:java-pom block is not the <repositories> of languages/java/pom.xml (with ../cdk-secure-cognito-api/ for ../../)');
  }
  const goMod = fs.readFileSync(path.join(root, 'languages/go/go.mod'), 'utf8');
  const replace = /^replace (\S+) => (\S+)$/m.exec(goMod);
  const goInstall = paths.go.install ?? '';
  if (!replace || !asInLanguages(goInstall).includes(`-replace ${replace[1]}=${replace[2]}`)) {
    problems.push(`README.md's from-a-clone:go replace is not the one in languages/go/go.mod (${replace?.slice(1).join(' => ')})`);
  }
  return problems;
}
