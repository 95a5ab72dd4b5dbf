/**
 * A replica of the user pool in a second Region (Cognito's multi-Region replication): one user
 * pool id, one issuer and one set of app clients in both Regions. The primary takes every write
 * (sign-up, password reset, profile changes, administration); the replica signs registered users
 * in and issues their tokens when it is active.
 *
 * Prerequisites, each checked at synth: the Essentials or Plus feature plan, a multi-Region
 * customer managed key (`UserPoolEncryption.multiRegionKey()`, or `customerKey()` with a
 * multi-Region key), the updated issuer, and a concrete Region other than the stack's. A user pool
 * has at most one replica.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-multi-region.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-userpoolreplica.html
 *
 * @example
 * import { UserPoolEncryption } from 'cdk-secure-cognito-api';
 *
 * new SecureCognitoApi(this, 'Api', {
 *   userPoolEncryption: UserPoolEncryption.multiRegionKey(),
 *   replica: { region: 'us-west-2' },
 * });
 */
export interface UserPoolReplicaOptions {
  /**
   * The Region of the replica, e.g. `us-west-2`: a concrete Region name, not the stack's own.
   * Deploy a `SecureCognitoApiReplica` in a stack of this Region for the API, the key replica
   * and the replica's own settings there.
   */
  readonly region: string;

  /**
   * Tags of the replica user pool, written when Cognito creates it (a change replaces the
   * replica). Tags are one of the settings each replica keeps on its own.
   *
   * @default - no tags
   */
  readonly tags?: Record<string, string>;
}

/**
 * Whether a replica serves end users. A new replica starts INACTIVE: Cognito lets administrators
 * configure it but refuses end-user requests until it is set to ACTIVE.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UserPoolReplicaType.html
 */
export enum ReplicaStatus {
  /** Serves end users: sign-in and token issue of registered users. */
  ACTIVE = 'ACTIVE',
  /** Administrative configuration only; end-user requests are refused. */
  INACTIVE = 'INACTIVE',
}

/**
 * The replica's e-mail through Amazon SES in the replica's Region (a replica keeps its own e-mail
 * configuration; SES identities are regional).
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-email.html
 */
export interface ReplicaEmailOptions {
  /** The sender address, e.g. `no-reply@example.com`, of a verified SES identity in the replica's Region. */
  readonly fromEmail: string;
  /** The verified SES identity in the replica's Region: the domain or the address, e.g. `example.com`. */
  readonly sesIdentity: string;
  /**
   * The reply-to address.
   *
   * @default - replies go to `fromEmail`
   */
  readonly replyTo?: string;
  /**
   * An SES configuration set of the replica's Region.
   *
   * @default - none
   */
  readonly configurationSet?: string;
}
