// Resources that hold data are born right: every log group and KMS key the construct creates has
// the removal policy that the README's "What `cdk destroy` leaves behind" table promises, in every
// integ configuration (their committed templates, which `integ:<name>:assert` keeps equal to a
// fresh synth) and, for each row of the table, in a configuration that creates every one of them.
// The table is parsed, not restated: change the promise and this test follows it.
import * as fs from 'fs';
import * as path from 'path';
import { RemovalPolicy } from 'aws-cdk-lib';
import { GroupScopes, SecurityProfile, UserPoolEncryption } from '../src';
import { synth } from './util';

const ROOT = path.join(__dirname, '..');

/** A row of the table: the removal policy it is about, and what each outcome leaves behind. */
interface Row {
  readonly label: string;
  readonly removalPolicy: RemovalPolicy;
  readonly deletionProtection?: boolean;
  readonly afterDestroy: string;
  readonly afterFailedFirstDeployment: string;
}

function readTable(): Row[] {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('### What `cdk destroy` leaves behind');
  if (start < 0) throw new Error('README.md has no "What `cdk destroy` leaves behind" section');
  const lines = readme.slice(start).split('\n');
  const header = lines.findIndex((l) => l.startsWith('| `removalPolicy`'));
  const rows: Row[] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    const [label, afterDestroy, afterFailedFirstDeployment] = line.split('|').slice(1, -1).map((c) => c.trim());
    if (/refused/.test(afterDestroy)) continue; // refusals have their exact-message tests
    const policy = /^`(RETAIN|RETAIN_ON_UPDATE_OR_DELETE|DESTROY)`/.exec(label)?.[1];
    if (!policy) throw new Error(`README table row without a removal policy: ${label}`);
    rows.push({
      label,
      removalPolicy: RemovalPolicy[policy as keyof typeof RemovalPolicy],
      deletionProtection: label.includes('`deletionProtection: false`') ? false : undefined,
      afterDestroy,
      afterFailedFirstDeployment,
    });
  }
  return rows;
}

const TABLE = readTable();

/** What the table says a row leaves behind, "the same" meaning what the default row leaves. */
function leaves(row: Row, outcome: 'afterDestroy' | 'afterFailedFirstDeployment', what: RegExp): boolean {
  const text = row[outcome];
  if (/^nothing/.test(text)) return false;
  if (/^the same/.test(text) && !what.test(text)) return leaves(TABLE[0], outcome, what);
  return what.test(text);
}

/** CloudFormation's attributes for "kept after `cdk destroy`" and "kept after a failed first deployment". */
function expectedPolicy(row: Row, what: RegExp): { DeletionPolicy: string; UpdateReplacePolicy: string } {
  const destroy = leaves(row, 'afterDestroy', what);
  const rollback = leaves(row, 'afterFailedFirstDeployment', what);
  if (!destroy) return { DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete' };
  return { DeletionPolicy: rollback ? 'Retain' : 'RetainExceptOnCreate', UpdateReplacePolicy: 'Retain' };
}

const LOG_GROUPS = /log groups/;
const KEY = /KMS key/;

type Resources = Record<string, { Type: string; DeletionPolicy?: string; UpdateReplacePolicy?: string; Properties?: any }>;

/** The data resources of a template with their removal attributes, keyed `<type> <logical id>`. */
function dataResources(resources: Resources, type: string): Record<string, { DeletionPolicy?: string; UpdateReplacePolicy?: string }> {
  return Object.fromEntries(Object.entries(resources).filter(([, r]) => r.Type === type)
    .map(([id, r]) => [`${type} ${id}`, { DeletionPolicy: r.DeletionPolicy, UpdateReplacePolicy: r.UpdateReplacePolicy }]));
}

function expectRow(resources: Resources, row: Row): void {
  // A key that encrypts the user pool is kept exactly like the pool (the sentence under the table).
  const pool = Object.values(resources).find((r) => r.Type === 'AWS::Cognito::UserPool');
  const poolKey = pool?.Properties?.KeyConfiguration?.KmsKeyArn?.['Fn::GetAtt']?.[0];
  for (const [type, what] of [['AWS::Logs::LogGroup', LOG_GROUPS], ['AWS::KMS::Key', KEY]] as const) {
    const found = dataResources(resources, type);
    const expected = expectedPolicy(row, what);
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, pool && k === `${type} ${poolKey}`
      ? { DeletionPolicy: pool.DeletionPolicy, UpdateReplacePolicy: pool.UpdateReplacePolicy } : expected])));
  }
}

/** The row of the table that a template's user pool follows (CDK's mapping of RemovalPolicy). */
function rowOf(resources: Resources): Row {
  const pool = Object.values(resources).find((r) => r.Type === 'AWS::Cognito::UserPool');
  // A replica Region's stack holds no pool: its data follows the default row (the sentence under the table).
  if (!pool) return TABLE[0];
  const policy = { Retain: RemovalPolicy.RETAIN, RetainExceptOnCreate: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE, Delete: RemovalPolicy.DESTROY }[pool.DeletionPolicy ?? 'Delete'];
  const unprotected = pool.Properties?.DeletionProtection !== 'ACTIVE';
  const row = TABLE.find((r) => r.removalPolicy === policy && (r.deletionProtection === false) === (unprotected && policy === RemovalPolicy.RETAIN));
  if (!row) throw new Error(`no README row for a user pool with DeletionPolicy ${pool.DeletionPolicy}`);
  return row;
}

const SNAPSHOTS = fs.readdirSync(path.join(ROOT, 'test')).filter((d) => d.endsWith('.integ.snapshot'))
  .flatMap((d) => fs.readdirSync(path.join(ROOT, 'test', d)).filter((f) => f.endsWith('.template.json')).map((f) => path.join('test', d, f)));

describe('data resources: what `cdk destroy` leaves behind (the README table)', () => {
  test('the table has the rows this test reads', () => {
    expect(TABLE.map((r) => [r.removalPolicy, r.deletionProtection])).toEqual([
      [RemovalPolicy.RETAIN, undefined], [RemovalPolicy.RETAIN, false],
      [RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE, undefined], [RemovalPolicy.DESTROY, undefined],
    ]);
    expect(SNAPSHOTS.length).toBeGreaterThanOrEqual(6);
  });

  test.each(SNAPSHOTS)('every log group and KMS key of %s', (file) => {
    const resources: Resources = JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8')).Resources;
    expect(Object.keys(dataResources(resources, 'AWS::Logs::LogGroup')).length).toBeGreaterThan(0);
    expectRow(resources, rowOf(resources));
  });

  test.each(TABLE.flatMap((r) => [[r.label, r, true], [r.label, r, false]] as const))('every log group and KMS key with %s (the key encrypts the pool: %s)', (_label, row, poolKey) => {
    // Every data resource at once: COMPLIANCE (key, flow logs, web ACL logs), alarms, the group-scopes trigger.
    const groupScopes: GroupScopes[] = [{ group: 'admins', scopes: ['write'] }];
    const { template } = synth({
      userPoolEncryption: poolKey ? UserPoolEncryption.constructKey() : UserPoolEncryption.awsOwnedKey(),
      securityProfile: SecurityProfile.COMPLIANCE,
      removalPolicy: row.removalPolicy,
      deletionProtection: row.deletionProtection,
      groups: ['admins'],
      groupScopes,
      alarmEmails: ['ops@example.com'],
    });
    const resources = template.toJSON().Resources as Resources;
    expect(Object.keys(dataResources(resources, 'AWS::Logs::LogGroup'))).toHaveLength(5);
    expect(Object.keys(dataResources(resources, 'AWS::KMS::Key'))).toHaveLength(1);
    expect(rowOf(resources)).toBe(row);
    expectRow(resources, row);
  });

});
