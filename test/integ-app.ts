import { App } from 'aws-cdk-lib';
import { CONFIG_CONTEXT } from './configs';

/**
 * The App of every `test/*.integ.ts`. Snapshots must not depend on the checkout folder: no
 * creation stack traces (CDK >= 2.258 records them) and no stack traces on annotations, and no
 * `performance-counters.json`, which aws-cdk-lib writes only when a synth is slow (> 10 s per stack,
 * as on a loaded 2-core machine): with it, `integ:<name>:assert` fails at random.
 */
export function integApp(context: Record<string, unknown> = {}): App {
  // The configurations of test/configs.ts have a fixed environment: give them its AZs.
  return new App({
    performanceReporting: false,
    context: {
      'aws:cdk:disable-creation-stack-traces': true,
      'aws:cdk:disable-stack-trace': true,
      ...CONFIG_CONTEXT,
      ...context,
    },
  });
}
