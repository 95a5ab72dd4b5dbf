// The minimal usage: one `new`, no props. `npx projen integ:default:deploy` deploys it.
import { defaultStack } from '../fixtures/configs';
import { integApp } from '../fixtures/integ-app';

const app = integApp();
defaultStack(app);
app.synth();
