// The user pool's issuer, as the template chooses it (AWS::Cognito::UserPool IssuerConfiguration):
//  - ORIGINAL (also when the property is absent): `https://cognito-idp.<region>.amazonaws.com/<pool id>`;
//  - UPDATED, recommended for all pools and needed for multi-Region replication:
//    `https://issuer-cognito-idp.<region>.amazonaws.com/<pool id>`, the region being the pool's
//    primary Region.
// Every token the pool issues (ID, access, machine) carries its issuer in `iss`; a JWT authorizer
// accepts only tokens whose `iss` is the issuer it is configured with. The twin keeps that
// contract on loopback: each kind of issuer has a stand-in URL on the twin's Cognito endpoint
// (the pool's JWKS is under the one it issues with), and the template's authorizer gets the
// stand-in of the kind its own issuer names. So a pool and an authorizer that disagree refuse every token, as on AWS.
// @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_IssuerConfigurationType.html
// @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-cognito-userpool-issuerconfiguration.html
// @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html

export type IssuerType = 'ORIGINAL' | 'UPDATED';

/** The host name each kind of issuer has on AWS, before `.<region>.amazonaws.com`. */
const HOSTS: Record<IssuerType, string> = { ORIGINAL: 'cognito-idp', UPDATED: 'issuer-cognito-idp' };

/** The pool's issuer type from its properties: IssuerConfiguration.Type, ORIGINAL when absent. */
export function poolIssuerType(poolProperties: Record<string, any>): IssuerType {
  const type = poolProperties.IssuerConfiguration?.Type ?? 'ORIGINAL';
  if (type !== 'ORIGINAL' && type !== 'UPDATED') {
    throw new Error(`IssuerConfiguration.Type must be ORIGINAL or UPDATED, got: ${JSON.stringify(type)}`);
  }
  return type;
}

/** The issuer URL Cognito writes into the pool's tokens on AWS. */
export function cognitoIssuer(type: IssuerType, region: string, userPoolId: string): string {
  return `https://${HOSTS[type]}.${region}.amazonaws.com/${userPoolId}`;
}

/** A Cognito issuer as a template writes it, rendered with `<LogicalId>` placeholders for its Refs. */
export interface TemplateIssuer {
  readonly type: IssuerType;
  /** The region it names, or `AWS::Region` when it is the stack's. */
  readonly region: string;
  /** The logical id of the user pool the issuer ends with. */
  readonly userPoolLogicalId: string;
}

/**
 * Reads an issuer rendered with `<X>` for `{Ref: X}` (e.g. an authorizer's JwtConfiguration.Issuer):
 * `https://[issuer-]cognito-idp.<region>.<amazonaws.com | <AWS::URLSuffix>>/<Pool>`; undefined
 * when it is not a Cognito user pool's issuer.
 */
export function parseTemplateIssuer(rendered: string | undefined): TemplateIssuer | undefined {
  const m = rendered?.match(/^https:\/\/(issuer-cognito-idp|cognito-idp)\.([^/]+?)\.(?:amazonaws\.com(?:\.cn)?|<AWS::URLSuffix>)\/<([^>]+)>$/);
  if (!m) return undefined;
  return { type: m[1] === HOSTS.UPDATED ? 'UPDATED' : 'ORIGINAL', region: m[2].replace(/^<|>$/g, ''), userPoolLogicalId: m[3] };
}

/** The path under the twin's Cognito endpoint that plays the issuer of `type` (its JWKS is below it). */
export function twinIssuerPath(type: IssuerType, userPoolId: string): string {
  return type === 'ORIGINAL' ? `/${userPoolId}` : `/${HOSTS.UPDATED}/${userPoolId}`;
}
