// jest globalSetup: every test file runs with its own temporary directory, removed by
// global-teardown.ts when the run ends. Each `new App()` without `outdir` synthesizes into a new
// `cdk.out*` folder under os.tmpdir() that aws-cdk-lib never deletes (≈300 per run); pointing
// TMPDIR at one folder of the run's own lets the teardown remove them all, and no other
// process's temporary files.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** The variable through which the teardown finds the folder. */
export const RUN_TMPDIR_VAR = 'CDK_SECURE_COGNITO_API_TEST_TMPDIR';
/** The prefix of the folder, which the teardown checks before deleting anything. */
export const RUN_TMPDIR_PREFIX = 'cdk-secure-cognito-api-test-';

export default function globalSetup(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), RUN_TMPDIR_PREFIX));
  // Workers start after globalSetup and inherit this environment; os.tmpdir() reads TMPDIR.
  process.env[RUN_TMPDIR_VAR] = dir;
  process.env.TMPDIR = dir;
}
