import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

/**
 * How the construct's data resources are born: every log group and KMS key the construct creates
 * comes from this file, so none is ever created with another retention, key or removal policy
 * (a loop that fixed them after construction forgot two of them).
 */
export interface DataPolicy {
  /** Retention of every log group. */
  readonly logRetention: logs.RetentionDays;
  /** The key of every log group (COMPLIANCE, or `logEncryptionKey`); CloudWatch's own encryption when undefined. */
  readonly logEncryptionKey?: kms.IKey;
  /** What a deletion does to the log groups and to a key the construct creates. */
  readonly removalPolicy: RemovalPolicy;
}

/**
 * The removal policy of the data the construct creates, from the user pool's: deleted with the
 * stack under DESTROY, otherwise retained except when the deployment that created it rolls back,
 * so a failed first deployment leaves nothing behind (docs/decisions/005).
 */
export function dataRemovalPolicy(userPoolRemovalPolicy: RemovalPolicy): RemovalPolicy {
  return userPoolRemovalPolicy === RemovalPolicy.DESTROY ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE;
}

/** A log group with the policy's retention, key and removal policy; `props` adds what AWS needs of its name. */
export function createLogGroup(scope: Construct, id: string, policy: DataPolicy, props: Pick<logs.LogGroupProps, 'logGroupName'> = {}): logs.LogGroup {
  return new logs.LogGroup(scope, id, {
    ...props,
    retention: policy.logRetention,
    encryptionKey: policy.logEncryptionKey,
    removalPolicy: policy.removalPolicy,
  });
}

/**
 * A customer managed key for the log groups and the alarm topic, rotated yearly. CloudWatch Logs
 * may use it only for this account's log groups in this region; CloudWatch may use it to publish
 * alarms to the encrypted topic.
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html
 */
export function createEncryptionKey(scope: Construct, id: string, removalPolicy: RemovalPolicy): kms.Key {
  const stack = Stack.of(scope);
  const key = new kms.Key(scope, id, {
    description: 'SecureCognitoApi: encrypts the log groups and the alarm topic',
    enableKeyRotation: true,
    removalPolicy,
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

/**
 * A multi-Region symmetric key, rotated yearly, for the user pool alone (multi-Region replication
 * needs one, and a key cannot become multi-Region later). It takes the pool's removal policy:
 * without its key a retained pool cannot read its users.
 */
export function createUserPoolKey(scope: Construct, id: string, poolRemovalPolicy: RemovalPolicy): kms.Key {
  const key = new kms.Key(scope, id, {
    description: 'SecureCognitoApi: encrypts the user pool (multi-Region, so that the pool can be replicated)',
    enableKeyRotation: true,
    multiRegion: true,
    removalPolicy: poolRemovalPolicy,
  });
  denyGrantsExceptForAwsServices(key);
  return key;
}

/** Control Tower CT.KMS.PR.3: a key grants only to AWS services acting on AWS resources. */
function denyGrantsExceptForAwsServices(key: kms.Key): void {
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
