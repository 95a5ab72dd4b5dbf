import { Annotations, Arn, ArnFormat, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { createUserPoolKey } from './data-resources';
import { check } from './validate';
import { UserPoolEncryption, UserPoolKeySource } from '../user-pool-encryption';

/** Whether the pool's encryption needs the construct's own key (`encryptionKey`). */
export function needsConstructKey(encryption: UserPoolEncryption): boolean {
  return encryption.source === UserPoolKeySource.CONSTRUCT;
}

/**
 * Refuses a given key Cognito cannot use: KMS keys are regional, and the pool calls KMS in its
 * own Region (a multi-Region key's replica in another Region has an ARN of that Region).
 */
export function validateUserPoolEncryption(scope: Construct, encryption: UserPoolEncryption): void {
  const key = encryption.key;
  if (!key || Token.isUnresolved(key.keyArn)) return;
  const region = Stack.of(scope).region;
  if (Token.isUnresolved(region)) return;
  const keyRegion = Arn.split(key.keyArn, ArnFormat.SLASH_RESOURCE_NAME).region;
  check(keyRegion === region, 'userPoolEncryption', `key must be in the user pool's Region (${region})`, key.keyArn);
}

/**
 * Encrypts the pool with the chosen key and writes `KeyConfiguration` (aws-cdk-lib 2.260 has no
 * such property on CfnUserPool, so an override writes it). Returns the customer managed key, if any.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-cognito-userpool-keyconfiguration.html
 */
export function encryptUserPool(scope: Construct, userPool: cognito.UserPool, encryption: UserPoolEncryption,
  constructKey: kms.IKey | undefined, poolRemovalPolicy: RemovalPolicy): kms.IKey | undefined {
  const cfn = userPool.node.defaultChild as cognito.CfnUserPool;
  if (encryption.source === UserPoolKeySource.AWS_OWNED) {
    cfn.addPropertyOverride('KeyConfiguration', { KeyType: 'AWS_OWNED_KEY' });
    return undefined;
  }
  const key = encryption.source === UserPoolKeySource.MULTI_REGION ? createUserPoolKey(scope, 'UserPoolKey', poolRemovalPolicy)
    : encryption.source === UserPoolKeySource.GIVEN ? encryption.key! : constructKey!;
  if (!allowCognito(key)) {
    Annotations.of(userPool).addWarningV2('cdk-secure-cognito-api:userPoolKeyPolicy',
      'The user pool is encrypted with an imported KMS key: its key policy must let cognito-idp.amazonaws.com use it (kms:Decrypt, kms:GenerateDataKey, kms:DescribeKey), or the deployment fails.');
  }
  cfn.addPropertyOverride('KeyConfiguration', { KeyType: 'CUSTOMER_MANAGED_KEY', KmsKeyArn: key.keyArn });
  // The pool cannot be created before Cognito may use the key.
  if (key instanceof kms.Key) userPool.node.addDependency(key);
  return key;
}

/**
 * The key policy statement that lets Cognito encrypt and read this account's user pools in this
 * Region with the key: the data-key operations of envelope encryption and DescribeKey, which
 * checks the key when the pool is created. No grant, no other principal. Returns false when the
 * key is imported (its policy cannot be changed from here).
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/data-protection.html
 * @see https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-services.html
 */
export function allowCognito(key: kms.IKey): boolean {
  return key.addToResourcePolicy(cognitoKeyStatement(Stack.of(key)), true).statementAdded;
}

/** The key policy statement for Cognito's user pools of the stack's account and Region (see allowCognito). */
export function cognitoKeyStatement(stack: Stack): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'CognitoUserPoolsOfThisAccount',
    principals: [new iam.ServicePrincipal('cognito-idp.amazonaws.com')],
    actions: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
    resources: ['*'],
    // Only for this account's pools in this Region (no confused deputy).
    conditions: {
      StringEquals: { 'aws:SourceAccount': stack.account },
      ArnLike: { 'aws:SourceArn': `arn:${stack.partition}:cognito-idp:${stack.region}:${stack.account}:userpool/*` },
    },
  });
}
