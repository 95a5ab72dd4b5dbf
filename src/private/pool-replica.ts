import { Annotations, Arn, ArnFormat, CfnResource, Duration, Stack, Token } from 'aws-cdk-lib';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { Construct } from 'constructs';
import { check, isConcrete, unresolved } from './validate';
import { IssuerType } from '../issuer';
import { UserPoolEncryption, UserPoolKeySource } from '../user-pool-encryption';
import type { UserPoolReplicaOptions } from '../user-pool-replica';

/** A Region name as AWS writes them (`us-west-2`, `ap-southeast-3`, `us-gov-west-1`). */
const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d+$/;
/** KMS gives multi-Region keys ids that begin with `mrk-`. */
const MULTI_REGION_KEY_ID = /^mrk-/;

export interface ReplicaPrerequisites {
  readonly featurePlan: cognito.FeaturePlan;
  readonly userPoolEncryption: UserPoolEncryption;
  readonly issuerType: IssuerType;
  readonly mfa: cognito.Mfa;
}

/**
 * Refuses a replica Cognito would refuse or serve badly, with what to add. The prerequisites are
 * the developer guide's ("Things to know about multi-Region replication"): Essentials or Plus, a
 * multi-Region customer managed key, the updated issuer so that both Regions' tokens carry one
 * issuer; one secondary per user pool (the option is a single Region).
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-multi-region.html
 */
export function validateReplica(scope: Construct, replica: UserPoolReplicaOptions | undefined, pre: ReplicaPrerequisites): void {
  if (!replica) return;
  check(pre.featurePlan !== cognito.FeaturePlan.LITE, 'featurePlan',
    'must be ESSENTIALS or PLUS with `replica` (Cognito does not replicate Lite pools): set featurePlan: FeaturePlan.ESSENTIALS', pre.featurePlan);
  check(isMultiRegionKey(pre.userPoolEncryption), 'userPoolEncryption',
    'must be a multi-Region customer managed key with `replica` (Cognito replicates only pools encrypted with one): '
    + 'set userPoolEncryption: UserPoolEncryption.multiRegionKey(), or customerKey() with a multi-Region key', describeKey(pre.userPoolEncryption));
  check(pre.issuerType === IssuerType.UPDATED, 'issuerType',
    'must be UPDATED with `replica` (only the updated issuer is the same in both Regions, so that one authorizer trusts tokens of either): '
    + 'remove issuerType or set IssuerType.UPDATED', pre.issuerType);
  const region = replica.region;
  check(isConcrete(region), 'replica.region', 'must be a concrete Region name such as us-west-2', unresolved(scope, region));
  check(REGION_NAME.test(region), 'replica.region', 'must be a Region name such as us-west-2', region);
  const own = Stack.of(scope).region;
  check(isConcrete(own), 'replica.region',
    'needs a stack with a concrete Region (env: { region }), since the replica must be in another Region than the user pool', region);
  check(region !== own, 'replica.region', `must be another Region than the user pool's own (${own})`, region);
  if (pre.mfa !== cognito.Mfa.OFF) {
    Annotations.of(scope).addWarningV2('cdk-secure-cognito-api:replicaTotp',
      `The replica in ${region} does not support TOTP MFA: users with an authenticator app can sign in only while the primary Region serves requests.`);
  }
}

function isMultiRegionKey(encryption: UserPoolEncryption): boolean {
  if (encryption.source === UserPoolKeySource.MULTI_REGION) return true;
  const key = encryption.key;
  if (encryption.source !== UserPoolKeySource.GIVEN || !key) return false;
  if (key instanceof kms.Key) return Stack.of(key).resolve((key.node.defaultChild as kms.CfnKey).multiRegion) === true;
  if (Token.isUnresolved(key.keyArn)) return true; // an imported key known only at deploy time: Cognito checks it
  const keyId = Arn.split(key.keyArn, ArnFormat.SLASH_RESOURCE_NAME).resourceName ?? '';
  return MULTI_REGION_KEY_ID.test(keyId);
}

function describeKey(encryption: UserPoolEncryption): string {
  const key = encryption.key;
  if (key && !(key instanceof kms.Key) && !Token.isUnresolved(key.keyArn)) return key.keyArn;
  if (key) return 'customerKey(a single-Region key)';
  return encryption.source === UserPoolKeySource.AWS_OWNED ? 'awsOwnedKey()' : 'constructKey()';
}

export interface PoolReplicaProps {
  readonly userPool: cognito.UserPool;
  readonly domain: cognito.UserPoolDomain;
  readonly replica: UserPoolReplicaOptions;
  readonly httpApi: apigwv2.IHttpApi;
  /** The API's custom domain: its records become the primary of a failover pair. */
  readonly apiDomainName?: apigwv2.DomainName;
  readonly apiDomainRecords: route53.RecordSet[];
}

/**
 * The replica (`AWS::Cognito::UserPoolReplica`, written as a CfnResource since aws-cdk-lib 2.260
 * has no CfnUserPoolReplica), and the primary Region's health check that moves traffic to the
 * replica's Region: the managed-login domain's failover routing and the API's failover records.
 */
export class PoolReplica extends Construct {
  public readonly resource: CfnResource;
  public readonly healthCheck: route53.HealthCheck;

  constructor(scope: Construct, id: string, props: PoolReplicaProps) {
    super(scope, id);
    const { region, tags } = props.replica;
    this.resource = new CfnResource(this, 'Resource', {
      type: 'AWS::Cognito::UserPoolReplica',
      properties: { UserPoolId: props.userPool.userPoolId, RegionName: region, UserPoolTagsAtCreate: tags },
    });
    // The replica copies the pool as deployed: its clients, resource server and domain first.
    this.resource.node.addDependency(props.userPool);

    // A TCP check on the API's regional endpoint in the primary Region: it needs no
    // unauthenticated route (every route of the API requires a token), and fails when API
    // Gateway's regional endpoint stops answering.
    const stack = Stack.of(this);
    const fqdn = props.apiDomainName?.regionalDomainName ?? `${props.httpApi.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`;
    this.healthCheck = new route53.HealthCheck(this, 'PrimaryHealthCheck', {
      type: route53.HealthCheckType.TCP,
      fqdn,
      port: 443,
      requestInterval: Duration.seconds(30),
      failureThreshold: 3,
    });

    // Cognito moves the managed-login domain to the replica's Region when this check fails.
    // @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-cognito-userpooldomain-failovertype.html
    (props.domain.node.defaultChild as cognito.CfnUserPoolDomain).addPropertyOverride('Routing', {
      Failover: { PrimaryRoute53HealthCheckId: this.healthCheck.healthCheckId, SecondaryRegion: region },
    });
    markFailover(props.apiDomainRecords, route53.Failover.PRIMARY, this.healthCheck);
  }
}

/**
 * Turns the API's alias records into one side of a failover pair: the same name answers with the
 * primary Region's endpoint while its health check passes, with the secondary's otherwise.
 *
 * @see https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-policy-failover.html
 */
export function markFailover(records: route53.RecordSet[], failover: route53.Failover, healthCheck?: route53.IHealthCheck): void {
  for (const record of records) {
    const cfn = record.node.defaultChild as route53.CfnRecordSet;
    cfn.failover = failover;
    cfn.setIdentifier = `${failover.toLowerCase()}-${cfn.type.toLowerCase()}`;
    if (healthCheck) cfn.healthCheckId = healthCheck.healthCheckId;
  }
}
