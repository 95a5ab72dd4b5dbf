// Security packs asserted as data, on every deployable configuration (test/configs.ts, the same
// factories the integ apps use): each finding a pack reports on the construct is either
// acknowledged by the construct itself, with a reason, or fails the test. The findings table
// of each configuration is printed.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, PCIDSS321Checks, ServerlessChecks } from 'cdk-nag';
import { briefStack, complianceStack, customDomainsStack, defaultStack, signInStack } from './configs';
import { formatFindings, Pack, PackResult, recordedAcknowledgements, scan } from './nag';
import { SecureCognitoApi, SecurityProfile } from '../src';
import { ACKNOWLEDGEMENTS } from '../src/private/acknowledgements';

/** Standard-profile guarantee: the two packs every configuration passes. */
const STANDARD_PACKS = [Pack.AWS_SOLUTIONS, Pack.SERVERLESS];
/** Compliance-profile guarantee: all five cdk-nag packs and the Control Tower guard rules. */
const COMPLIANCE_PACKS = [Pack.AWS_SOLUTIONS, Pack.SERVERLESS, Pack.HIPAA, Pack.NIST_800_53_R5, Pack.PCI_DSS_321, Pack.CONTROL_TOWER];

function alarmsOnlyStack(app: App): Stack {
  const stack = new Stack(app, 'SecureCognitoApiAlarms', { env: { account: '123456789012', region: 'us-east-1' } });
  new SecureCognitoApi(stack, 'Api', { alarms: true });
  return stack;
}

const CONFIGURATIONS: [string, (app: App) => Stack, Pack[]][] = [
  ['default', defaultStack, STANDARD_PACKS],
  ['brief', briefStack, STANDARD_PACKS],
  ['custom domains', customDomainsStack, STANDARD_PACKS],
  ['standard with alarms', alarmsOnlyStack, STANDARD_PACKS],
  ['compliance', complianceStack, COMPLIANCE_PACKS],
  ['sign-in methods', signInStack, STANDARD_PACKS],
];

/** Pack of a rule id: `AwsSolutions-COG2` -> AwsSolutions. */
function packOf(rule: string): string {
  return rule.startsWith('cdk-validator-cfnguard::') ? Pack.CONTROL_TOWER : rule.slice(0, rule.lastIndexOf('-', rule.indexOf('[') === -1 ? undefined : rule.indexOf('[')));
}

describe.each(CONFIGURATIONS)('security packs: %s configuration', (name, factory, guaranteed) => {
  let stack: Stack;
  let results: PackResult[];

  beforeAll(() => {
    // GIVEN the configuration as deployed
    stack = factory(new App());
    // WHEN every pack runs over it
    results = scan(stack);
    console.log(formatFindings(`${name} configuration (guaranteed clean: ${guaranteed.join(', ')})`, results));
  });

  test.each(guaranteed)('%s: no unacknowledged finding', (pack) => {
    // THEN nothing is left that the construct did not acknowledge
    expect(results.find((r) => r.pack === pack)!.unacknowledged).toEqual([]);
  });

  test.each(ALL_PACKS_RUN())('%s: the acknowledged findings are exactly the acknowledgements the construct recorded', (pack) => {
    // THEN no acknowledgement is stale (recorded without a finding) and none is missing
    const result = results.find((r) => r.pack === pack)!;
    const acknowledged = result.acknowledged.map((f) => f.rule).sort();
    const recorded = recordedAcknowledgements(stack).filter((a) => packOf(a.rule) === pack).map((a) => a.rule).sort();
    expect(acknowledged).toEqual(recorded);
  });

  test('every acknowledgement is recorded on the resource the catalog names, with that entry\'s reason', () => {
    for (const recorded of recordedAcknowledgements(stack)) {
      const entry = ACKNOWLEDGEMENTS.find((a) => a.id === recorded.rule && a.reason === recorded.reason
        && new RegExp(`^Api/${a.resource.replace(/<[^>]+>/g, '[^/]+')}(/Resource)?$`).test(recorded.path));
      expect({ ...recorded, inCatalog: entry !== undefined }).toEqual({ ...recorded, inCatalog: true });
    }
  });

  test('every acknowledged finding carries the reason of the published catalog', () => {
    for (const result of results) {
      for (const finding of result.acknowledged) {
        const reasons = ACKNOWLEDGEMENTS.filter((a) => a.id === finding.rule).map((a) => a.reason);
        expect({ rule: finding.rule, reason: finding.reason, inCatalog: reasons.includes(finding.reason!) })
          .toEqual({ rule: finding.rule, reason: finding.reason, inCatalog: true });
      }
    }
  });
});

function ALL_PACKS_RUN(): Pack[] {
  // The cdk-nag packs (cfn-guard acknowledgements are not used by the construct).
  return [Pack.AWS_SOLUTIONS, Pack.SERVERLESS, Pack.HIPAA, Pack.NIST_800_53_R5, Pack.PCI_DSS_321];
}

describe('security packs: acknowledgement catalog', () => {
  test('every reason is a sentence of substance', () => {
    for (const a of ACKNOWLEDGEMENTS) {
      expect(a.reason.length).toBeGreaterThan(80);
    }
  });

  test('the catalog has no duplicate id on the same resource', () => {
    const keys = ACKNOWLEDGEMENTS.map((a) => `${a.id} ${a.resource}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  test('MFA REQUIRED and the PLUS plan remove the Cognito acknowledgements, and their findings', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Strict');
    // WHEN
    new SecureCognitoApi(stack, 'Api', {
      mfa: cognito.Mfa.REQUIRED,
      featurePlan: cognito.FeaturePlan.PLUS,
    });
    // THEN
    const [aws] = scan(stack, [Pack.AWS_SOLUTIONS]);
    expect(aws.unacknowledged).toEqual([]);
    expect(aws.acknowledged.map((f) => f.rule)).not.toEqual(expect.arrayContaining(['AwsSolutions-COG2']));
    expect(aws.acknowledged.map((f) => f.rule)).not.toEqual(expect.arrayContaining(['AwsSolutions-COG8']));
  });

  test('SMS one-time codes: the SMS role\'s wildcard and inline policy are acknowledged on the role, nothing else is found', () => {
    // GIVEN the compliance profile with SMS codes, which adds the UserPool L2's SMS role
    const stack = new Stack(new App(), 'Sms', { env: { account: '123456789012', region: 'us-east-1' } });
    // WHEN
    new SecureCognitoApi(stack, 'Api', { securityProfile: SecurityProfile.COMPLIANCE, signIn: { smsOtp: true } });
    // THEN
    const results = scan(stack);
    for (const r of results) expect({ pack: r.pack, unacknowledged: r.unacknowledged }).toEqual({ pack: r.pack, unacknowledged: [] });
    const onRole = results.flatMap((r) => r.acknowledged).filter((f) => f.path.startsWith('Api/Identity/UserPool/smsRole')).map((f) => f.rule);
    expect(onRole.sort()).toEqual(['AwsSolutions-IAM5[Resource::*]', 'HIPAA.Security-IAMNoInlinePolicy',
      'NIST.800.53.R5-IAMNoInlinePolicy', 'PCI.DSS.321-IAMNoInlinePolicy']);
  });

  test('a consumer registering the packs as CDK validation plugins gets a passing report', () => {
    // GIVEN the compliance configuration in an app that runs every pack the way a consumer does
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'plugins-'));
    const app = new App({ outdir });
    complianceStack(app);
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app), new HIPAASecurityChecks(app),
      new NIST80053R5Checks(app), new PCIDSS321Checks(app), new CfnGuardValidator());
    const exitCode = process.exitCode;
    const printed: string[] = [];
    const error = jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => { printed.push(args.join(' ')); });
    try {
      // WHEN
      app.synth();
      // THEN each plugin reports success, the JSON report holds no violation, and the process is not flagged as failed
      const summary = printed.join('\n');
      const report = JSON.parse(fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf8'));
      const violations = (report.pluginReports as { violations?: unknown[] }[]).flatMap((r) => r.violations ?? []);
      expect({
        successes: summary.match(/│ success ║/g)?.length,
        failures: summary.match(/│ failure ║/g)?.length ?? 0,
        violations,
        exitCode: process.exitCode ?? 0,
      }).toEqual({ successes: 6, failures: 0, violations: [], exitCode: exitCode ?? 0 });
    } finally {
      process.exitCode = exitCode;
      error.mockRestore();
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  test('no test leaves process.exitCode set (a failing validation plugin would)', () => {
    expect(process.exitCode ?? 0).toBe(0);
  });
});

describe('security packs: the README section lists every acknowledgement', () => {
  test('README.md holds each acknowledged rule id with its reason', () => {
    const doc = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
    for (const a of ACKNOWLEDGEMENTS) {
      expect({ id: a.id, listed: doc.includes(`\`${a.id}\``), reason: doc.includes(a.reason.replace(/\|/g, '\\|')) })
        .toEqual({ id: a.id, listed: true, reason: true });
    }
  });
});
