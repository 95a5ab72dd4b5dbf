/**
 * Writes the CloudFormation template of every bench variant, one instance each, plus three
 * instances of our default and of the shared-VPC variant in one stack (the scaling case), to the
 * directory given as the only argument. `.ci/lint-cfn.sh` runs cfn-lint on them.
 *
 * Usage: TS_NODE_PROJECT=bench/tsconfig.json node --require ts-node/register bench/templates.ts <outdir>
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { HAND_WIRED } from './hand-wired';
import { OURS_COMPLIANCE, OURS_DEFAULT, OURS_ENDPOINTS, OURS_NAT_PER_AZ, OURS_SHARED_VPC, OURS_SINGLE_NAT } from './ours';
import { SOLUTIONS } from './solutions';
import { Variant } from './variant';

/** Every variant the benchmarks build. */
export const ALL_VARIANTS: Variant[] = [
  OURS_DEFAULT, OURS_SINGLE_NAT, OURS_NAT_PER_AZ, OURS_ENDPOINTS, OURS_SHARED_VPC, OURS_COMPLIANCE, SOLUTIONS, HAND_WIRED,
];

/** Synthesizes `instances` copies of a variant in one stack; returns the template file written. */
export function writeTemplate(variant: Variant, instances: number, outdir: string): string {
  const app = new App({ outdir: path.join(outdir, 'cdk.out'), context: { 'aws:cdk:disable-creation-stack-traces': true } });
  const stack = new Stack(app, `Bench-${variant.key}-${instances}`);
  for (let i = 0; i < instances; i++) variant.add(stack, instances === 1 ? 'Api' : `Api${i}`);
  const template = app.synth().getStackByName(stack.stackName).template;
  const file = path.join(outdir, `${stack.stackName}.template.json`);
  fs.writeFileSync(file, JSON.stringify(template, undefined, 1));
  return file;
}

if (require.main === module) {
  const outdir = process.argv[2];
  if (!outdir) throw new Error('usage: bench/templates.ts <outdir>');
  fs.mkdirSync(outdir, { recursive: true });
  const files = [
    ...ALL_VARIANTS.map((v) => writeTemplate(v, 1, outdir)),
    writeTemplate(OURS_DEFAULT, 3, outdir),
    writeTemplate(OURS_SHARED_VPC, 3, outdir),
  ];
  console.log(`wrote ${files.length} bench templates`);
}
