// Tokens as Cognito issues them now: the updated issuer, a multi-Region customer managed key for
// the user pool, refresh token rotation (web and script clients), terms documents in managed
// login. Synthesis runs the AwsSolutions and Serverless packs as CDK validation plugins: a finding
// the construct did not acknowledge fails `integ:tokens:snapshot|assert`.
import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { tokensStack } from '../fixtures/configs';
import { integApp } from '../fixtures/integ-app';

const app = integApp();
tokensStack(app);
Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
app.synth();
