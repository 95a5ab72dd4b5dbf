import { Stack } from 'aws-cdk-lib';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import { IssuerType } from '../issuer';

/**
 * The issuer a pool writes in `iss`, so that the JWT authorizer trusts exactly that one.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_IssuerConfigurationType.html
 */
export function issuerUrl(userPool: cognito.IUserPool, type: IssuerType): string {
  const stack = Stack.of(userPool);
  const host = type === IssuerType.UPDATED ? 'issuer-cognito-idp' : 'cognito-idp';
  return `https://${host}.${stack.region}.${stack.urlSuffix}/${userPool.userPoolId}`;
}

/**
 * Writes `IssuerConfiguration` on the pool. aws-cdk-lib 2.260 (the oldest version the library
 * accepts) has no such property on CfnUserPool, so an override writes it; newer versions read
 * the same CloudFormation property.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-cognito-userpool-issuerconfiguration.html
 */
export function writeIssuerType(userPool: cognito.UserPool, type: IssuerType): void {
  (userPool.node.defaultChild as cognito.CfnUserPool).addPropertyOverride('IssuerConfiguration', { Type: type });
}
