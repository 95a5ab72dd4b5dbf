// Two Regions: a replicated user pool and its API in the primary Region, the API in the replica's
// Region trusting the same (updated) issuer, DNS failover between them. Synthesis runs the
// AwsSolutions and Serverless packs as CDK validation plugins: a finding the construct did not
// acknowledge fails `integ:regions:snapshot|assert`. Deploy the primary stack first (the second
// reads its values through cross-Region references).
import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { integApp } from '../fixtures/integ-app';
import { regionsStacks, REPLICA_CONTEXT } from '../fixtures/regions';

const app = integApp(REPLICA_CONTEXT);
regionsStacks(app);
Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
app.synth();
