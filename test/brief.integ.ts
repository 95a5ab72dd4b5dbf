// The brief's design: a NAT gateway per AZ for the private Lambda, admin approval of sign-ups,
// and the four client kinds its article uses (code, implicit, client_credentials and the
// USER_PASSWORD_AUTH script client). `npx projen integ:brief:deploy` deploys it.
import { briefStack } from '../fixtures/configs';
import { integApp } from '../fixtures/integ-app';

const app = integApp();
briefStack(app);
app.synth();
