// cdk-secure-cognito-api-twin: the programmatic API (the CLI is `cdk-secure-cognito-api-twin`).
export { startTwin } from './harness/session';
export type { RunningTwin, Select, StartTwinOptions, TwinTokens, TwinUserSpec } from './harness/session';
export type { TwinApiState, TwinStackState, TwinStateFile } from './harness/state';
export { check } from './harness/check';
export type { CheckOptions, CheckResult } from './harness/check';
export { main as cli, EXIT, runEnvironment } from './harness/cli';
export { secretHash } from './emulator/rules';
export type { TwinState } from './emulator/rules';
