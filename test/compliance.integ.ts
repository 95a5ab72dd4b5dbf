// The compliance profile, deployable with `npx projen integ:compliance:deploy`. Synthesis runs
// every pack the profile promises to pass as CDK validation plugins: AwsSolutions, Serverless,
// HIPAA Security, NIST 800-53 R5, PCI DSS 3.2.1 and the Control Tower guard rules. A finding the
// construct did not acknowledge fails the synthesis (and so `integ:compliance:snapshot|assert`).
// test/security-packs.test.ts asserts the same findings as data.
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, PCIDSS321Checks, ServerlessChecks } from 'cdk-nag';
import { complianceStack } from '../fixtures/configs';
import { integApp } from '../fixtures/integ-app';

const app = integApp();
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
