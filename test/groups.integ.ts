// Authorization by group: `admins` carry `api/admin`, a scope no app client may request, and
// `/admin` opens only to it; the pool's pre-token-generation trigger (V2_0) adds it to members'
// access tokens. `npx projen integ:groups:deploy` deploys it.
import { groupsStack } from '../fixtures/configs';
import { integApp } from '../fixtures/integ-app';

const app = integApp();
groupsStack(app);
app.synth();
