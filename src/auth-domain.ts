/**
 * Where the hosted UI (managed login) and the OAuth endpoints are served.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-assign-domain.html
 */
export class AuthDomain {
  /**
   * A prefix domain, `https://<prefix>.auth.<region>.amazoncognito.com`. The prefix must be
   * unique in the region: lower-case letters, digits and hyphens, 1 to 63 characters, and must not
   * contain `aws`, `amazon` or `cognito`.
   *
   * @param prefix the domain prefix, e.g. `my-app-auth`
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-assign-domain-prefix.html
   */
  public static cognitoPrefix(prefix: string): AuthDomain {
    return new AuthDomain(prefix);
  }

  /** The Cognito domain prefix. */
  public readonly prefix: string;

  private constructor(prefix: string) {
    this.prefix = prefix;
  }
}
