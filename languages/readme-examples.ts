// The README's Python, Java, C# and Go examples are the consumer apps of languages/, verbatim: a block
// preceded by `<!-- example: languages/<file> -->` must equal that file. Used by languages/run.ts
// and by test/languages-readme.test.ts (so that `npx projen test` catches a drift in seconds).
import * as fs from 'fs';
import * as path from 'path';

/** The app files whose text the README shows. */
export const README_EXAMPLES = [
  'languages/python/app.py',
  'languages/java/src/main/java/com/example/securecognitoapi/SecureCognitoApiApp.java',
  'languages/go/main.go',
  'languages/dotnet/Program.cs',
];

/** Problems, one line each; empty when every example equals its app file. */
export function checkReadmeExamples(root: string): string[] {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const blocks = new Map<string, string>();
  for (const match of readme.matchAll(/<!-- example: (\S+) -->\n```\w+\n([\s\S]*?)^```$/gm)) {
    blocks.set(match[1], match[2]);
  }
  const problems: string[] = [];
  for (const file of README_EXAMPLES) {
    const block = blocks.get(file);
    if (block === undefined) {
      problems.push(`README.md has no example marked <!-- example: ${file} -->`);
      continue;
    }
    const source = fs.readFileSync(path.join(root, file), 'utf8');
    if (block !== source) {
      const a = block.split('\n');
      const b = source.split('\n');
      const line = a.findIndex((l, i) => l !== b[i]);
      problems.push(`README.md's example of ${file} differs from the file at its line ${line + 1}: ` +
        `${JSON.stringify(a[line] ?? '')} in README.md, ${JSON.stringify(b[line] ?? '')} in the file`);
    }
  }
  return problems;
}
