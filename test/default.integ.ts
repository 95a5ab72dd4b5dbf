// The minimal usage: one `new`, no props. `npx projen integ:default:deploy` deploys it.
import { defaultStack } from './configs';
import { integApp } from './integ-app';

const app = integApp();
defaultStack(app);
app.synth();
