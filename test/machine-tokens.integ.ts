// Machine tokens with claims and scopes (the pre-token-generation trigger at V3_0) and client
// secrets that rotate in Secrets Manager. `npx projen integ:machine-tokens:deploy` deploys it.
import { machineTokensStack } from '../fixtures/configs';
import { integApp } from '../fixtures/integ-app';

const app = integApp();
machineTokensStack(app);
app.synth();
