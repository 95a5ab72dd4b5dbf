// Sign-in methods: passkeys and e-mail one-time codes, Google and OIDC federation on the web
// client, a custom managed login style, and a WAF web ACL on the user pool. Synthesis runs the
// AwsSolutions and Serverless packs as CDK validation plugins: a finding the construct did not
// acknowledge fails `integ:signin:snapshot|assert`. Deploying needs the inputs listed on
// signInStack in fixtures/configs.ts.
import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { signInStack } from '../fixtures/configs';
import { integApp } from '../fixtures/integ-app';

const app = integApp();
signInStack(app);
Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
app.synth();
