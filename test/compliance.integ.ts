// The compliance profile, deployable with `npx projen integ:compliance:deploy`. Synthesis runs
// every pack the profile promises to pass as CDK validation plugins: AwsSolutions, Serverless,
// HIPAA Security, NIST 800-53 R5, PCI DSS 3.2.1 and the Control Tower guard rules. A finding the
// construct did not acknowledge fails the synthesis (and so `integ:compliance:snapshot|assert`).
// test/security-packs.test.ts asserts the same findings as data.
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, PCIDSS321Checks, ServerlessChecks } from 'cdk-nag';
import { CONFIG_ENV, complianceStack } from './configs';

const app = new App({
  context: {
    // Creation stack traces hold absolute paths: without this, the snapshot differs per checkout.
    'aws:cdk:disable-creation-stack-traces': true,
    // The stack has an explicit account (Control Tower's CT.LAMBDA.PR.2 needs a literal
    // SourceAccount); the VPC's AZs are given here so that synthesis needs no AWS credentials.
    [`availability-zones:account=${CONFIG_ENV.account}:region=${CONFIG_ENV.region}`]: [`${CONFIG_ENV.region}a`, `${CONFIG_ENV.region}b`],
  },
});
complianceStack(app);
Validations.of(app).addPlugins(
  new AwsSolutionsChecks(app),
  new ServerlessChecks(app),
  new HIPAASecurityChecks(app),
  new NIST80053R5Checks(app),
  new PCIDSS321Checks(app),
  new CfnGuardValidator(),
);
app.synth();
