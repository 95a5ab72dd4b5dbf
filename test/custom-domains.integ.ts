// The brief's full design behind custom domains (fixtures/configs.ts customDomainsStack).
// `npx projen integ:custom-domains:snapshot` synthesizes it offline into the committed snapshot;
// `npx projen integ:custom-domains:deploy` deploys it for real: set INTEG_HOSTED_ZONE_ID and
// INTEG_ZONE_NAME to a public hosted zone of yours (the stack then differs from the snapshot,
// which the deploy task replaces), and CDK_INTEG_ACCOUNT to your account.
import { customDomainsStack } from '../fixtures/configs';
import { integApp } from '../fixtures/integ-app';

const app = integApp();
customDomainsStack(app);
app.synth();
