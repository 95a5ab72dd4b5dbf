// The minimal usage: one `new`, no props. `npx projen integ:default:deploy` deploys it.
import { integApp } from './integ-app';
import { defaultStack } from './configs';

const app = integApp();
defaultStack(app);
app.synth();
