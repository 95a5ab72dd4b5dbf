/**
 * The issuer (`iss`) of the tokens the user pool signs. The JWT authorizer always trusts the
 * issuer the pool uses.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_IssuerConfigurationType.html
 */
export enum IssuerType {
  /**
   * `https://cognito-idp.<region>.amazonaws.com/<pool id>`: the issuer of every pool created
   * before the updated issuer existed, served from the pool's Region only.
   */
  ORIGINAL = 'ORIGINAL',

  /**
   * `https://issuer-cognito-idp.<region>.amazonaws.com/<pool id>`, where the Region is the pool's
   * primary Region. AWS recommends it for all user pools; multi-Region replication needs it,
   * since its keys (JWKS) are served from several Regions.
   */
  UPDATED = 'UPDATED',
}
