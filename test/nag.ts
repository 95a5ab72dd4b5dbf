// Runs the security packs over a stack and returns, per pack, every finding split into the ones
// the construct acknowledged and the ones nobody did. Used by test/security-packs.test.ts.
//
// cdk-nag 3 packs are run with `validateScope()` (no plugin registration: a failing plugin would
// set process.exitCode = 1 and fail the jest run with every test green). cdk-nag itself drops
// acknowledged findings from its report; to list them too, the helper records what its private
// `isAcknowledged()` answered. The cfn-guard Control Tower rules run on the synthesized template;
// a violation is acknowledged when `cdk-validator-cfnguard::<rule>` is recorded on the resource or
// one of its ancestors, the id CDK core matches when the validator runs as a plugin.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { App, CfnElement, Stack, Validations } from 'aws-cdk-lib';
import {
  AwsSolutionsChecks, HIPAASecurityChecks, NagPack, NIST80053R5Checks, PCIDSS321Checks, ServerlessChecks,
} from 'cdk-nag';
import type { IConstruct } from 'constructs';

export enum Pack {
  AWS_SOLUTIONS = 'AwsSolutions',
  SERVERLESS = 'Serverless',
  HIPAA = 'HIPAA.Security',
  NIST_800_53_R5 = 'NIST.800.53.R5',
  PCI_DSS_321 = 'PCI.DSS.321',
  CONTROL_TOWER = 'ControlTower (cfn-guard)',
}

export const ALL_PACKS = Object.values(Pack);

export interface Finding {
  /** Rule id, e.g. `AwsSolutions-COG2` or `cdk-validator-cfnguard::cloudwatch_log_group_encrypted_check`. */
  readonly rule: string;
  /** Construct path of the resource, without the stack. */
  readonly path: string;
  /** Why it was acknowledged, if it was. */
  readonly reason?: string;
}

export interface PackResult {
  readonly pack: Pack;
  readonly acknowledged: Finding[];
  readonly unacknowledged: Finding[];
}

const NAG_PACKS: Record<string, () => NagPack> = {
  [Pack.AWS_SOLUTIONS]: () => new AwsSolutionsChecks(),
  [Pack.SERVERLESS]: () => new ServerlessChecks(),
  [Pack.HIPAA]: () => new HIPAASecurityChecks(),
  [Pack.NIST_800_53_R5]: () => new NIST80053R5Checks(),
  [Pack.PCI_DSS_321]: () => new PCIDSS321Checks(),
};

/** The prefix CDK core gives to an acknowledgement without a plugin prefix. */
const ANNOTATION_PREFIX = /^annotation::/i;
const GUARD_PLUGIN = 'cdk-validator-cfnguard';

/** Acknowledgements recorded on a construct and its ancestors, id to reason. */
export function acknowledgementsOf(construct: IConstruct): Map<string, string> {
  const found = new Map<string, string>();
  for (let c: IConstruct | undefined = construct; c; c = c.node.scope) {
    for (const entry of c.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
        const plain = id.replace(ANNOTATION_PREFIX, '');
        if (!found.has(plain)) found.set(plain, reason);
      }
    }
  }
  return found;
}

/** Every acknowledgement recorded anywhere in the stack, as findings (rule + path of the construct). */
export function recordedAcknowledgements(stack: Stack): Finding[] {
  const out: Finding[] = [];
  for (const c of stack.node.findAll()) {
    for (const entry of c.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
        out.push({ rule: id.replace(ANNOTATION_PREFIX, ''), path: relativePath(stack, c), reason });
      }
    }
  }
  return out;
}

function relativePath(stack: Stack, c: IConstruct): string {
  return c.node.path.slice(stack.node.path.length + 1);
}

// cdk-nag answers "acknowledged?" in a private method; wrap it once to see the acknowledged findings.
interface NagInternals { isAcknowledged(resource: IConstruct, ruleId: string): boolean }
const hits: { rule: string; resource: IConstruct }[] = [];
const proto = NagPack.prototype as unknown as NagInternals;
const original = proto.isAcknowledged;
proto.isAcknowledged = function (this: NagPack, resource: IConstruct, ruleId: string): boolean {
  const acknowledged = original.call(this, resource, ruleId);
  if (acknowledged) hits.push({ rule: ruleId, resource });
  return acknowledged;
};

function runNag(stack: Stack, pack: Pack): PackResult {
  hits.length = 0;
  const report = NAG_PACKS[pack]().validateScope(stack);
  const unacknowledged = report.violations.flatMap((v) =>
    v.violatingResources.map((r) => ({ rule: v.ruleName, path: (r.constructPath ?? '').slice(stack.node.path.length + 1) })));
  const acknowledged = hits.map((h) => {
    return { rule: h.rule, path: relativePath(stack, h.resource), reason: acknowledgementsOf(h.resource).get(h.rule) };
  });
  return { pack, acknowledged: dedupe(acknowledged), unacknowledged: dedupe(unacknowledged) };
}

function runGuard(stack: Stack): PackResult {
  const app = stack.node.root as App;
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'nag-'));
  try {
    const assembly = app.synth({ force: true });
    const template = assembly.getStackByName(stack.stackName).template;
    const file = path.join(outdir, 'template.json');
    fs.writeFileSync(file, JSON.stringify(template));
    const report = new CfnGuardValidator().validate({ templatePaths: [file], appConstruct: app });
    const byLogicalId = new Map<string, IConstruct>();
    for (const c of stack.node.findAll()) {
      if (CfnElement.isCfnElement(c)) byLogicalId.set(stack.resolve(c.logicalId), c);
    }
    const acknowledged: Finding[] = [];
    const unacknowledged: Finding[] = [];
    for (const v of report.violations) {
      const rule = `${GUARD_PLUGIN}::${v.ruleName}`;
      for (const r of v.violatingResources) {
        const construct = byLogicalId.get(r.resourceLogicalId);
        const p = construct ? relativePath(stack, construct) : r.resourceLogicalId ?? r.locations.join(',');
        const reason = construct ? acknowledgementsOf(construct).get(rule) : undefined;
        (reason ? acknowledged : unacknowledged).push({ rule, path: p, reason });
      }
    }
    return { pack: Pack.CONTROL_TOWER, acknowledged: dedupe(acknowledged), unacknowledged: dedupe(unacknowledged) };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.rule} ${f.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  }).sort((a, b) => `${a.rule} ${a.path}`.localeCompare(`${b.rule} ${b.path}`));
}

/** Runs the packs over the stack. */
export function scan(stack: Stack, packs: Pack[] = ALL_PACKS): PackResult[] {
  return packs.map((pack) => (pack === Pack.CONTROL_TOWER ? runGuard(stack) : runNag(stack, pack)));
}

/** The findings as a plain-text table: pack, status, rule, resource. */
export function formatFindings(title: string, results: PackResult[]): string {
  const rows: string[][] = [['pack', 'status', 'rule', 'resource']];
  for (const r of results) {
    for (const f of r.unacknowledged) rows.push([r.pack, 'UNACKNOWLEDGED', f.rule, f.path]);
    for (const f of r.acknowledged) rows.push([r.pack, 'acknowledged', f.rule, f.path]);
    if (r.acknowledged.length + r.unacknowledged.length === 0) rows.push([r.pack, 'clean', '-', '-']);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const line = (row: string[]) => row.map((cell, i) => cell.padEnd(widths[i])).join(' | ');
  const summary = results.map((r) => `${r.pack}: ${r.unacknowledged.length} unacknowledged, ${r.acknowledged.length} acknowledged`);
  return [`== ${title}`, line(rows[0]), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.slice(1).map(line), ...summary].join('\n');
}
