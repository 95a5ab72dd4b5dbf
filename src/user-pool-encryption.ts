import type * as kms from 'aws-cdk-lib/aws-kms';

/** Which key encrypts the user pool's data at rest. */
export enum UserPoolKeySource {
  /** Cognito's own key, owned by AWS and invisible in KMS. */
  AWS_OWNED = 'AWS_OWNED',
  /** The construct's customer managed key (`encryptionKey`, created under SecurityProfile.COMPLIANCE). */
  CONSTRUCT = 'CONSTRUCT',
  /** A multi-Region customer managed key that the construct creates for the user pool alone. */
  MULTI_REGION = 'MULTI_REGION',
  /** A customer managed key you pass. */
  GIVEN = 'GIVEN',
}

/**
 * The key that encrypts the user pool's data at rest (users, attributes, credentials).
 *
 * A customer managed key lets you audit every use in CloudTrail and cut Cognito off by disabling
 * it; while it is disabled or deleted, the pool cannot read its users. Multi-Region replication of
 * the pool needs a multi-Region key.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/data-protection.html
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_KeyConfigurationType.html
 *
 * @example
 * import { UserPoolEncryption } from 'cdk-secure-cognito-api';
 *
 * new SecureCognitoApi(this, 'Api', { userPoolEncryption: UserPoolEncryption.multiRegionKey() });
 */
export class UserPoolEncryption {
  /** Cognito's AWS owned key (`AWS_OWNED_KEY`): no key to manage, no KMS charge. */
  public static awsOwnedKey(): UserPoolEncryption {
    return new UserPoolEncryption(UserPoolKeySource.AWS_OWNED);
  }

  /**
   * The construct's own customer managed key, the one that encrypts its log groups
   * (`encryptionKey`), created if the construct has none. A single-Region key, rotated yearly;
   * the construct adds the key policy statement Cognito needs.
   */
  public static constructKey(): UserPoolEncryption {
    return new UserPoolEncryption(UserPoolKeySource.CONSTRUCT);
  }

  /**
   * A new multi-Region customer managed key for the user pool alone (`userPoolKey`), rotated
   * yearly, with the key policy Cognito needs. Choose it when the pool may be replicated to a
   * second Region: replication needs a multi-Region key, and a key cannot become multi-Region later.
   */
  public static multiRegionKey(): UserPoolEncryption {
    return new UserPoolEncryption(UserPoolKeySource.MULTI_REGION);
  }

  /**
   * A customer managed key you pass, in the user pool's Region. When it is a `kms.Key` of this
   * app, the construct adds the key policy statement Cognito needs; an imported key's policy must
   * already allow `cognito-idp.amazonaws.com` to use it (a warning says so).
   *
   * @param key a symmetric encryption key
   */
  public static customerKey(key: kms.IKey): UserPoolEncryption {
    return new UserPoolEncryption(UserPoolKeySource.GIVEN, key);
  }

  /** Where the key comes from. */
  public readonly source: UserPoolKeySource;
  /** The key you passed (`customerKey` only). */
  public readonly key?: kms.IKey;

  private constructor(source: UserPoolKeySource, key?: kms.IKey) {
    this.source = source;
    this.key = key;
  }
}
