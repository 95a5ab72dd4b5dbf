/**
 * The architectures the benchmarks compare. Each variant adds one complete
 * "API behind Cognito" to a scope: user pool + hosted-UI domain + app client,
 * an API with a Cognito/JWT authorizer, and a Lambda in a 2-AZ VPC.
 *
 * Each variant lives in its own module so that a fresh process measuring a
 * cold synth loads only what that variant needs.
 *
 * Lambda code: every variant uses the same small asset, the bundled built-in
 * handler (assets/handler/hello.lambda, ~1 KB), so asset hashing and staging
 * cost the same everywhere and cannot skew the synth comparison.
 */
import * as path from 'path';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

export const HANDLER_ASSET_DIR = path.join(__dirname, '..', 'assets', 'handler', 'hello.lambda');

export interface Variant {
  /** Short key used in JSON output. */
  readonly key: string;
  readonly label: string;
  /** Adds one instance of the architecture under `scope` with construct id `id`. */
  add(scope: Construct, id: string): void;
}

export function handlerCode(): lambda.Code {
  return lambda.Code.fromAsset(HANDLER_ASSET_DIR);
}

/** The brief's network: 2 AZs, public + private subnets, one NAT gateway per AZ. */
export function briefVpc(scope: Construct): ec2.Vpc {
  return new ec2.Vpc(scope, 'Vpc', { maxAzs: 2, natGateways: 2 });
}
