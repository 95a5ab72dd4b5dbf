import { App } from 'aws-cdk-lib';
import { CONFIG_CONTEXT } from './configs';

/**
 * The App of every `test/*.integ.ts`. Snapshots must not depend on the checkout folder: no
 * creation stack traces (CDK >= 2.258 records them) and no stack traces on annotations. Nor on
 * the machine's load: a synth slower than 10 s (a busy machine) makes aws-cdk-lib write
 * performance-counters.json into the cloud assembly, which `integ:<name>:assert` then reports
 * as a difference from the snapshot; `aws:cdk:performance-reporting: false` turns that off.
 */
export function integApp(context: Record<string, unknown> = {}): App {
  // The configurations of test/configs.ts have a fixed environment: give them its AZs.
  return new App({
    context: {
      'aws:cdk:disable-creation-stack-traces': true,
      'aws:cdk:disable-stack-trace': true,
      'aws:cdk:performance-reporting': false,
      ...CONFIG_CONTEXT,
      ...context,
    },
  });
}
