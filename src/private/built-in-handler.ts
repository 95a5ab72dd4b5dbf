import { Duration, Token } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { createLogGroup, DataPolicy } from './data-resources';
import { check, isConcrete } from './validate';
import { HelloFunction } from '../handler/hello-function';
import type { SecureCognitoApiProps } from '../secure-cognito-api-props';

/** The built-in handler's timeout unless `handlerTimeout` says otherwise. */
export const DEFAULT_HANDLER_TIMEOUT = Duration.seconds(10);

/**
 * The network-interface actions Lambda checks for when it places a function in a VPC; they
 * support no resource-level permission. The same actions as AWSLambdaVPCAccessExecutionRole
 * without that managed policy's logs:CreateLogGroup/CreateLogStream/PutLogEvents on `*`.
 *
 * @see https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html#configuration-vpc-permissions
 */
export const VPC_NETWORK_INTERFACE_ACTIONS = [
  'ec2:CreateNetworkInterface',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DescribeSubnets',
  'ec2:DeleteNetworkInterface',
  'ec2:AssignPrivateIpAddresses',
  'ec2:UnassignPrivateIpAddresses',
];

/**
 * How every function the construct creates runs: arm64 (cheaper per millisecond), 256 MB, X-Ray
 * active tracing and JSON logs (so the log group can be queried by field).
 */
export const FUNCTION_SETTINGS = {
  architecture: lambda.Architecture.ARM_64,
  memorySize: 256,
  tracing: lambda.Tracing.ACTIVE,
  loggingFormat: lambda.LoggingFormat.JSON,
};

/**
 * The newest Node.js runtime the app's aws-cdk-lib knows (nodejs24.x in 2.260, our floor;
 * nodejs26.x from 2.278). The bundles target Node.js 24, which every newer runtime runs, so a user
 * on a newer aws-cdk-lib gets the newer runtime, as cdk-nag's AwsSolutions-L1 and
 * Serverless-LambdaLatestVersion expect (they compare with the same list).
 *
 * @see https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html
 */
export function newestNodeRuntime(): string {
  const versions = lambda.Runtime.ALL
    .map((r) => /^nodejs(\d+)\.x$/.exec(r.name))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]));
  return `nodejs${Math.max(...versions)}.x`;
}

/**
 * Runs a function the construct creates on `newestNodeRuntime()`: projen's generated function
 * classes fix the runtime of the machine that generated them.
 */
export function onNewestNodeRuntime<T extends lambda.Function>(fn: T): T {
  (fn.node.defaultChild as lambda.CfnFunction).runtime = newestNodeRuntime();
  return fn;
}

/** What the built-in handler runs in and with. */
export interface BuiltInHandlerProps {
  readonly logs: DataPolicy;
  readonly timeout: Duration;
  readonly memorySize?: number;
  readonly reservedConcurrency?: number;
  readonly vpc: ec2.IVpc;
  readonly vpcSubnets: ec2.SubnetSelection;
  readonly securityGroup: ec2.ISecurityGroup;
}

/** The built-in handler and its log group. */
export interface BuiltInHandler {
  readonly handler: lambda.Function;
  readonly handlerLogGroup: logs.LogGroup;
}

/**
 * The built-in handler, its own log group and its role, as children of the L3 (`HandlerLogs`,
 * `HandlerRole`, `Handler`: ids that name them in every deployed stack).
 */
export function createBuiltInHandler(scope: Construct, props: BuiltInHandlerProps): BuiltInHandler {
  const handlerLogGroup = createLogGroup(scope, 'HandlerLogs', props.logs);
  const handler = onNewestNodeRuntime(new HelloFunction(scope, 'Handler', {
    role: handlerRole(scope, 'HandlerRole', handlerLogGroup),
    reservedConcurrentExecutions: props.reservedConcurrency,
    description: 'SecureCognitoApi built-in handler: Hello, World! I am <user>!',
    ...FUNCTION_SETTINGS,
    memorySize: props.memorySize ?? FUNCTION_SETTINGS.memorySize,
    timeout: props.timeout,
    logGroup: handlerLogGroup,
    vpc: props.vpc,
    vpcSubnets: props.vpcSubnets,
    securityGroups: [props.securityGroup],
  }));
  return { handler, handlerLogGroup };
}

/**
 * The built-in handler's role: the ENI actions Lambda needs in a VPC and log writes to its own
 * log group only, instead of the managed policies' logs:* on every log group of the account.
 * The function depends on the role and so on this policy, which Lambda checks at creation.
 */
function handlerRole(scope: Construct, id: string, logGroup: logs.ILogGroup): iam.Role {
  const role = new iam.Role(scope, id, {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    description: 'SecureCognitoApi built-in handler: VPC network interfaces, its own log group, X-Ray',
  });
  role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: VPC_NETWORK_INTERFACE_ACTIONS, resources: ['*'] }));
  logGroup.grantWrite(role);
  return role;
}

/**
 * Props that configure the built-in handler (or its network) mean nothing with your own function:
 * refused, naming those that are set.
 */
export function refuseWithOwnHandler(props: SecureCognitoApiProps, keys: readonly (keyof SecureCognitoApiProps)[]): void {
  const set = keys.filter((k) => props[k] !== undefined);
  const names = `${keys.slice(0, -1).join(', ')} and ${keys[keys.length - 1]}`;
  check(!(props.handler && set.length > 0), 'handler',
    `is your own function: ${names} configure the built-in handler and must be left unset (set: ${set.join(', ')})`,
    props.handler?.node.path);
}

/**
 * The built-in handler's settings: a timeout under API Gateway's 30-second integration timeout in
 * whole seconds, Lambda's memory range, a reserved concurrency that lets requests through.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html
 * @see https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html
 */
export function validateCompute(props: SecureCognitoApiProps): void {
  const timeout = props.handlerTimeout;
  if (timeout !== undefined && !Token.isUnresolved(timeout.toMilliseconds())) {
    check(timeout.toMilliseconds() < 30_000, 'handlerTimeout',
      'must be shorter than 30 seconds, the API Gateway integration timeout', timeout);
    const ms = timeout.toMilliseconds();
    check(ms >= 1000 && ms % 1000 === 0, 'handlerTimeout', 'must be a whole number of seconds, at least 1', timeout);
  }
  if (props.handlerMemorySize !== undefined && isConcrete(props.handlerMemorySize)) {
    check(Number.isInteger(props.handlerMemorySize) && props.handlerMemorySize >= 128 && props.handlerMemorySize <= 10240,
      'handlerMemorySize', 'must be an integer from 128 to 10240', props.handlerMemorySize);
  }
  const concurrency = props.handlerReservedConcurrency;
  if (concurrency !== undefined && isConcrete(concurrency)) {
    check(Number.isInteger(concurrency) && concurrency >= 1, 'handlerReservedConcurrency',
      'must be an integer of at least 1 (0 would throttle every request)', concurrency);
  }
  refuseWithOwnHandler(props, ['handlerTimeout', 'handlerMemorySize', 'handlerReservedConcurrency']);
}
