import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { SecurityProfile } from '../security-profile';

/** Reserved concurrency of the built-in handler in the compliance profile. */
export const COMPLIANCE_RESERVED_CONCURRENCY = 50;

/** What the security profile and the observability props resolve to. */
export interface ProfileSettings {
  readonly profile: SecurityProfile;
  readonly logRetention: logs.RetentionDays;
  readonly reservedConcurrency?: number;
  readonly flowLogs: boolean;
  readonly alarms: boolean;
  /** Whether the construct must create its own KMS key (logs in COMPLIANCE, or the alarm topic). */
  readonly needsKey: boolean;
}

/** The subset of the L3's props that the profile reads (kept structural to avoid an import cycle). */
export interface ProfileInputs {
  readonly securityProfile?: SecurityProfile;
  readonly logRetention?: logs.RetentionDays;
  readonly handlerReservedConcurrency?: number;
  readonly handler?: unknown;
  readonly flowLogs?: boolean;
  readonly alarms?: boolean;
  readonly alarmTopic?: unknown;
  readonly logEncryptionKey?: kms.IKey;
}

/**
 * Resolves the profile: COMPLIANCE turns on what HIPAA, NIST 800-53 R5, PCI DSS 3.2.1 and the
 * Control Tower controls ask for; every explicit prop still wins (validation refuses the
 * combinations that would break the profile).
 */
export function resolveProfile(props: ProfileInputs): ProfileSettings {
  const profile = props.securityProfile ?? SecurityProfile.STANDARD;
  const compliance = profile === SecurityProfile.COMPLIANCE;
  const alarms = props.alarms ?? compliance;
  return {
    profile,
    logRetention: props.logRetention ?? (compliance ? logs.RetentionDays.ONE_YEAR : logs.RetentionDays.ONE_MONTH),
    reservedConcurrency: props.handlerReservedConcurrency ?? (compliance && !props.handler ? COMPLIANCE_RESERVED_CONCURRENCY : undefined),
    flowLogs: props.flowLogs ?? true,
    alarms,
    needsKey: !props.logEncryptionKey && (compliance || (alarms && !props.alarmTopic)),
  };
}

/**
 * A customer managed key for the log groups and the alarm topic, rotated yearly. CloudWatch Logs
 * may use it only for this account's log groups in this region; CloudWatch may use it to publish
 * alarms to the encrypted topic.
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html
 */
export function createEncryptionKey(scope: Construct, id: string): kms.Key {
  const stack = Stack.of(scope);
  const key = new kms.Key(scope, id, {
    description: 'SecureCognitoApi: encrypts the log groups and the alarm topic',
    enableKeyRotation: true,
  });
  key.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'CloudWatchLogsOfThisAccount',
    principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
    actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
    resources: ['*'],
    conditions: {
      ArnLike: {
        'kms:EncryptionContext:aws:logs:arn': `arn:${stack.partition}:logs:${stack.region}:${stack.account}:log-group:*`,
      },
    },
  }));
  denyGrantsExceptForAwsServices(key);
  key.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'CloudWatchAlarmsToEncryptedTopic',
    principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
    actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
    resources: ['*'],
    // Only for this account's alarms (no confused deputy).
    conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
  }));
  return key;
}

/** Control Tower CT.KMS.PR.3: a key grants only to AWS services acting on AWS resources. */
export function denyGrantsExceptForAwsServices(key: kms.Key): void {
  key.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'CreateGrantOnlyForAwsServices',
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: ['kms:CreateGrant'],
    resources: ['*'],
    conditions: {
      BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' },
    },
  }));
}

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
 * The built-in handler's role: the ENI actions Lambda needs in a VPC and log writes to its own
 * log group only, instead of the managed policies' logs:* on every log group of the account.
 * The function depends on the role and so on this policy, which Lambda checks at creation.
 */
export function handlerRole(scope: Construct, id: string, logGroup: logs.ILogGroup): iam.Role {
  const role = new iam.Role(scope, id, {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    description: 'SecureCognitoApi built-in handler: VPC network interfaces, its own log group, X-Ray',
  });
  role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: VPC_NETWORK_INTERFACE_ACTIONS, resources: ['*'] }));
  logGroup.grantWrite(role);
  return role;
}
