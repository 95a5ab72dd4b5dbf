// Security packs asserted as data, on every deployable configuration (fixtures/configs.ts, the same
// factories the integ apps use): each finding a pack reports on the construct is either
// acknowledged by the construct itself, with a reason, or fails the test. The findings table
// of each configuration is written to test-reports/security-packs.txt, and printed only when a
// test of that configuration fails.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, PCIDSS321Checks, ServerlessChecks } from 'cdk-nag';
import { formatFindings, Pack, PackResult, recordedAcknowledgements, scan } from './nag';
import { briefStack, complianceStack, customDomainsStack, defaultStack, groupsStack, machineTokensStack, signInStack, tokensStack } from '../fixtures/configs';
import { regionsStacks } from '../fixtures/regions';
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
  ['groups', groupsStack, STANDARD_PACKS],
  // The five cdk-nag packs; Control Tower flags the trigger outside any VPC (see below).
  ['groups, compliance profile', groupsComplianceStack, COMPLIANCE_PACKS.filter((p) => p !== Pack.CONTROL_TOWER)],
  ['machine tokens', machineTokensStack, STANDARD_PACKS],
  ['machine tokens, compliance profile', machineTokensComplianceStack, COMPLIANCE_PACKS.filter((p) => p !== Pack.CONTROL_TOWER)],
  ['tokens', tokensStack, STANDARD_PACKS],
  ['tokens, compliance profile', (app) => tokensStack(app, 'SecureCognitoApiTokensCompliance', { securityProfile: SecurityProfile.COMPLIANCE }), COMPLIANCE_PACKS],
  ['two Regions, the primary', (app) => regionsStacks(app).primary, STANDARD_PACKS],
  ['two Regions, the replica\'s Region', (app) => regionsStacks(app).secondary, STANDARD_PACKS],
];

/** Every configuration's findings table, rewritten on each run. */
const REPORT = path.join(__dirname, '..', 'test-reports', 'security-packs.txt');
fs.mkdirSync(path.dirname(REPORT), { recursive: true });
fs.writeFileSync(REPORT, '');

function machineTokensComplianceStack(app: App): Stack {
  return machineTokensStack(app, 'SecureCognitoApiMachineTokensCompliance', { securityProfile: SecurityProfile.COMPLIANCE });
}

function groupsComplianceStack(app: App): Stack {
  return groupsStack(app, 'SecureCognitoApiGroupsCompliance', { securityProfile: SecurityProfile.COMPLIANCE });
}

describe('security packs: groupScopes with the compliance profile, Control Tower', () => {
  test('the only finding is lambda_inside_vpc_check on the pre-token-generation trigger, deliberately outside any VPC and not acknowledged', () => {
    // GIVEN the groups configuration with the compliance profile
    const stack = groupsComplianceStack(new App());
    // WHEN the Control Tower rules run
    const [guard] = scan(stack, [Pack.CONTROL_TOWER]);
    // THEN the trigger (no network call, so no VPC) is the one finding; the construct records no
    // Control Tower acknowledgement, because CDK core would match it across the whole app
    expect(guard.unacknowledged).toEqual([
      { rule: 'cdk-validator-cfnguard::lambda_inside_vpc_check', path: 'Api/PreTokenGeneration/Function/Resource' },
    ]);
    expect(guard.acknowledged).toEqual([]);
  });
});

describe('security packs: machine tokens with the compliance profile, Control Tower', () => {
  test('the only findings are lambda_inside_vpc_check on the trigger and the rotation functions, deliberately outside any VPC', () => {
    // GIVEN the machine-tokens configuration with the compliance profile
    const stack = machineTokensComplianceStack(new App());
    // WHEN the Control Tower rules run
    const [guard] = scan(stack, [Pack.CONTROL_TOWER]);
    // THEN the functions that call only AWS APIs (no VPC, see the acknowledgements) are the findings
    expect(guard.unacknowledged).toEqual(['billing', 'portal', 'reporting'].map((c) => (
      { rule: 'cdk-validator-cfnguard::lambda_inside_vpc_check', path: `Api/ClientSecrets/${c}/Function/Resource` }))
      .concat([{ rule: 'cdk-validator-cfnguard::lambda_inside_vpc_check', path: 'Api/PreTokenGeneration/Function/Resource' }]));
    expect(guard.acknowledged).toEqual([]);
  });
});

/** Pack of a rule id: `AwsSolutions-COG2` -> AwsSolutions. */
function packOf(rule: string): string {
  return rule.startsWith('cdk-validator-cfnguard::') ? Pack.CONTROL_TOWER : rule.slice(0, rule.lastIndexOf('-', rule.indexOf('[') === -1 ? undefined : rule.indexOf('[')));
}

describe.each(CONFIGURATIONS)('security packs: %s configuration', (name, factory, guaranteed) => {
  let stack: Stack;
  let results: PackResult[];
  let table: string;

  beforeAll(() => {
    // GIVEN the configuration as deployed
    stack = factory(new App());
    // WHEN every pack runs over it
    results = scan(stack);
    table = formatFindings(`${name} configuration (guaranteed clean: ${guaranteed.join(', ')})`, results);
    fs.appendFileSync(REPORT, `${table}\n\n`);
  });

  test.each(guaranteed)('%s: no unacknowledged finding', (pack) => {
    // THEN nothing is left that the construct did not acknowledge
    const unacknowledged = results.find((r) => r.pack === pack)!.unacknowledged;
    if (unacknowledged.length > 0) console.log(table);
    expect(unacknowledged).toEqual([]);
  });

  test.each(ALL_PACKS_RUN())('%s: the acknowledged findings are exactly the acknowledgements the construct recorded', (pack) => {
    // THEN no acknowledgement is stale (recorded without a finding) and none is missing
    const result = results.find((r) => r.pack === pack)!;
    const acknowledged = result.acknowledged.map((f) => f.rule).sort();
    const recorded = recordedAcknowledgements(stack).filter((a) => packOf(a.rule) === pack).map((a) => a.rule).sort();
    if (JSON.stringify(acknowledged) !== JSON.stringify(recorded)) console.log(table);
    expect(acknowledged).toEqual(recorded);
  });

  test('every acknowledgement is recorded on the resource the catalog names, with that entry\'s reason', () => {
    // The construct's own: newer aws-cdk-lib (2.276) records acknowledgements of its built-in
    // template validation on its L2s and on the stack (`CloudFormation-Validate::W3010` for the
    // literal AZs of stack.availabilityZones, `::F3002` on ec2.FlowLog).
    const own = recordedAcknowledgements(stack).filter((a) => !a.rule.startsWith('CloudFormation-Validate::'));
    expect(own.length).toBeGreaterThan(0);
    for (const recorded of own) {
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
    const plugins = [new AwsSolutionsChecks(app), new ServerlessChecks(app), new HIPAASecurityChecks(app),
      new NIST80053R5Checks(app), new PCIDSS321Checks(app), new CfnGuardValidator()];
    Validations.of(app).addPlugins(...plugins);
    const exitCode = process.exitCode;
    // aws-cdk-lib 2.260 prints a table of every plugin's result, 2.276 prints nothing when all pass
    // and leaves them out of the JSON report: each plugin's own answer is read where it returns it.
    const validate = plugins.map((p) => jest.spyOn(p, 'validate'));
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      // WHEN
      app.synth();
      // THEN each plugin ran once and reports success, the JSON report holds no violation, and the process is not flagged as failed
      const answers = validate.map((v) => v.mock.results.map((r) => (r.value as { success: boolean }).success));
      const report = JSON.parse(fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf8'));
      const violations = (report.pluginReports as { violations?: unknown[] }[]).flatMap((r) => r.violations ?? []);
      expect({
        answers,
        violations,
        exitCode: process.exitCode ?? 0,
      }).toEqual({ answers: [[true], [true], [true], [true], [true], [true]], violations: [], exitCode: exitCode ?? 0 });
    } finally {
      validate.forEach((v) => v.mockRestore());
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
