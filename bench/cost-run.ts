/**
 * `npx projen bench:cost` (also the last step of `npx projen bench`): synthesizes the two designs we
 * compare against into bench/templates/, prices every configuration with the cost model, rewrites the
 * README's cost tables between their markers and prints the idle figures. A few seconds.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { allConfigurations, configurationCost, COMPETITORS, currentCostSection, renderCostSection, replaceCostSection, usd } from './cost-readme';
import { templateFacts } from './cost-template';
import { HAND_WIRED } from './hand-wired';
import { SOLUTIONS } from './solutions';
import { Variant } from './variant';

const root = path.join(__dirname, '..');
const variants: Record<string, Variant> = { 'solutions': SOLUTIONS, 'hand-wired': HAND_WIRED };

function synthesize(file: string, variant: Variant): void {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-cost-'));
  try {
    const app = new App({ outdir, context: { 'aws:cdk:disable-creation-stack-traces': true } });
    const stack = new Stack(app, 'Bench', { env: { account: '123456789012', region: 'us-east-1' } });
    variant.add(stack, 'Api');
    const template = app.synth().getStackByName(stack.stackName).template as Record<string, unknown>;
    fs.writeFileSync(path.join(root, 'bench', 'templates', `${file}.template.json`), `${JSON.stringify(template, null, 1)}\n`);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

function main(): void {
  fs.mkdirSync(path.join(root, 'bench', 'templates'), { recursive: true });
  for (const [file] of COMPETITORS) synthesize(file, variants[file]);
  const configs = allConfigurations(root);
  const readmePath = path.join(root, 'README.md');
  const readme = fs.readFileSync(readmePath, 'utf8');
  const section = renderCostSection(configs);
  const changed = currentCostSection(readme) !== section;
  if (changed) fs.writeFileSync(readmePath, replaceCostSection(readme, section));
  for (const c of configs) {
    const types = [...new Set(c.templates.flatMap((t) => templateFacts(t).unpriced))];
    const unpriced = types.length ? `  WARNING not priced: ${types.join(', ')}` : '';
    console.log(`${c.source.padEnd(34)} idle ${usd(configurationCost(c).total).padStart(8)}${unpriced}`);
  }
  console.log(`cost tables: README.md ${changed ? 'rewritten' : 'already up to date'}`);
}

main();
