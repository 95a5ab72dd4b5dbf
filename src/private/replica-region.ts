import { Annotations, CfnResource, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { cognitoKeyStatement } from './pool-key';
import { check, isConcrete, unresolved } from './validate';
import type { ApiDomainOptions } from '../api-domain';
import type { SecureCognitoApi } from '../secure-cognito-api';
import { ReplicaEmailOptions, ReplicaStatus } from '../user-pool-replica';

const CLAIM_ID = 'ReplicaRegionClaim';

/**
 * Refuses a second-Region stack that does not match the primary's replica: the primary must ask
 * for a replica in this stack's Region, and a user pool has one replica, so one such stack.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-multi-region.html
 */
export function validateReplicaRegion(scope: Construct, primary: SecureCognitoApi, apiDomain: ApiDomainOptions | undefined): void {
  const region = Stack.of(scope).region;
  check(isConcrete(region), 'SecureCognitoApiReplica',
    'must be in a stack with a concrete Region (env: { region }), the Region of the primary\'s `replica`', unresolved(scope, region));
  check(primary.replicaRegion !== undefined, 'primary',
    `must have a replica in this stack's Region: add replica: { region: '${region}' } to its props`, 'no replica');
  check(primary.replicaRegion === region, 'primary',
    `must replicate to this stack's Region (${region}); a user pool has one replica`, primary.replicaRegion);
  check(primary.node.tryFindChild(CLAIM_ID) === undefined, 'primary',
    'must have one SecureCognitoApiReplica only: a user pool has one replica', primary.node.path);
  new Construct(primary, CLAIM_ID);
  const primaryName = primary.apiDomainName?.name;
  if (apiDomain) {
    check(primaryName !== undefined, 'apiDomain',
      'needs the primary to have `apiDomain` with the same name (one name, failover records in both Regions)', apiDomain.domainName);
    if (isConcrete(apiDomain.domainName) && isConcrete(primaryName)) {
      check(apiDomain.domainName === primaryName, 'apiDomain.domainName', `must be the primary's API domain (${primaryName})`, apiDomain.domainName);
    }
  } else if (primaryName !== undefined) {
    warnApiDomain(scope, primaryName);
  }
}

function warnApiDomain(scope: Construct, primaryName: string): void {
  Annotations.of(scope).addWarningV2('cdk-secure-cognito-api:replicaApiDomain',
    `The primary serves its API on ${primaryName} but this Region's API has no apiDomain: clients of that name cannot fail over here.`);
}

/**
 * The user pool key in this Region: a replica of the primary's multi-Region key, which Cognito
 * needs in every Region of the pool ("available in all AWS Regions that have user pool
 * replicas"). An imported key cannot be replicated from here: a warning says so.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-multi-region.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-kms-replicakey.html
 */
export function replicateKey(scope: Construct, primary: SecureCognitoApi): kms.CfnReplicaKey | undefined {
  const key = primary.userPoolKey;
  if (!(key instanceof kms.Key)) {
    Annotations.of(scope).addWarningV2('cdk-secure-cognito-api:replicaKey',
      'The user pool key is imported: replicate it to this Region yourself (aws kms replicate-key), with a key policy that lets cognito-idp.amazonaws.com use it, before the replica is created.');
    return undefined;
  }
  const stack = Stack.of(scope);
  const policy = new iam.PolicyDocument({
    statements: [
      new iam.PolicyStatement({
        sid: 'AccountAdministers',
        principals: [new iam.AccountRootPrincipal()],
        actions: ['kms:*'],
        resources: ['*'],
      }),
      cognitoKeyStatement(stack),
      new iam.PolicyStatement({
        sid: 'CreateGrantOnlyForAwsServices',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['kms:CreateGrant'],
        resources: ['*'],
        conditions: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
      }),
    ],
  });
  const replica = new kms.CfnReplicaKey(scope, 'UserPoolKeyReplica', {
    primaryKeyArn: key.keyArn,
    keyPolicy: policy,
    description: 'SecureCognitoApi: the user pool key in the replica Region',
    enabled: true,
  });
  // Without the key the replica cannot read its users: it stays as long as the pool's key.
  replica.cfnOptions.deletionPolicy = (key.node.defaultChild as kms.CfnKey).cfnOptions.deletionPolicy;
  replica.cfnOptions.updateReplacePolicy = (key.node.defaultChild as kms.CfnKey).cfnOptions.updateReplacePolicy;
  return replica;
}

export interface RegionalConfigurationProps {
  readonly userPoolId: string;
  readonly status: ReplicaStatus;
  readonly email?: ReplicaEmailOptions;
  /** The replica's pre-token-generation trigger, a function of this Region. */
  readonly preTokenGeneration?: { readonly fn: lambda.IFunction; readonly version: string };
}

/**
 * The replica's own settings (`AWS::Cognito::UserPoolRegionalConfigurationAttachment`, written as
 * a CfnResource since aws-cdk-lib 2.260 lacks it): its status and its e-mail through SES in this
 * Region. E-mail, SMS, triggers, tags, log export and the web ACL are the settings a replica keeps
 * on its own; everything else follows the primary.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-multi-region.html
 */
export function regionalConfiguration(scope: Construct, props: RegionalConfigurationProps): CfnResource {
  const stack = Stack.of(scope);
  const email = props.email;
  const emailConfiguration = email ? {
    EmailSendingAccount: 'DEVELOPER',
    From: email.fromEmail,
    ReplyToEmailAddress: email.replyTo,
    SourceArn: `arn:${stack.partition}:ses:${stack.region}:${stack.account}:identity/${email.sesIdentity}`,
    ConfigurationSet: email.configurationSet,
  } : undefined;
  const trigger = props.preTokenGeneration;
  const attachment = new CfnResource(scope, 'RegionalConfiguration', {
    type: 'AWS::Cognito::UserPoolRegionalConfigurationAttachment',
    properties: {
      UserPoolId: props.userPoolId,
      Status: props.status,
      EmailConfiguration: emailConfiguration,
      LambdaConfig: trigger ? { PreTokenGenerationConfig: { LambdaArn: trigger.fn.functionArn, LambdaVersion: trigger.version } } : undefined,
    },
  });
  if (trigger) {
    // Cognito invokes the trigger as the replica pool of this Region, and only that pool may.
    trigger.fn.addPermission('ReplicaPoolInvokes', {
      principal: new iam.ServicePrincipal('cognito-idp.amazonaws.com'),
      sourceArn: `arn:${stack.partition}:cognito-idp:${stack.region}:${stack.account}:userpool/${props.userPoolId}`,
    });
  }
  return attachment;
}
