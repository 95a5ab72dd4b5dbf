/** Options of the web ACL the construct creates for the user pool. */
export interface UserPoolFirewallOptions {
  /**
   * The most sign-in requests (managed login's `/login` page and the `InitiateAuth` and
   * `RespondToAuthChallenge` API calls) one IP address may make in 5 minutes before AWS WAF
   * blocks it. Between 10 and 2,000,000,000.
   *
   * @default 300
   * @see https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-rate-based.html
   */
  readonly signInRateLimit?: number;
}

/**
 * An AWS WAF web ACL on the user pool: it inspects managed login and the pool's public API
 * operations before Cognito does. The construct's own ACL (`create()`) has three rules: the AWS
 * managed rule groups Core rule set (`AWSManagedRulesCommonRuleSet`, with its body-size rule set
 * to count, since SAML responses exceed 8 KB) and Amazon IP reputation list
 * (`AWSManagedRulesAmazonIpReputationList`), and a rate-based rule on sign-in requests; it logs to
 * a CloudWatch log group (`aws-waf-logs-...`).
 *
 * Cost: $5 a month per web ACL plus $1 per rule ($8 a month for `create()`), $0.60 per million
 * requests, and the log volume; AWS managed rule groups of this kind have no extra fee.
 * Adding, changing or removing the web ACL does not touch the user pool.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-waf.html
 * @see https://aws.amazon.com/waf/pricing/
 */
export class UserPoolFirewall {
  /**
   * A web ACL of the construct's own, associated with the user pool.
   *
   * @param options the sign-in rate limit
   */
  public static create(options: UserPoolFirewallOptions = {}): UserPoolFirewall {
    return new UserPoolFirewall(undefined, options.signInRateLimit ?? 300, true);
  }

  /**
   * A web ACL of yours (REGIONAL scope, in the pool's region), associated with the user pool.
   *
   * @param webAclArn the ARN of the web ACL
   */
  public static fromWebAclArn(webAclArn: string): UserPoolFirewall {
    return new UserPoolFirewall(webAclArn, undefined, true);
  }

  /** No web ACL, also with SecurityProfile.COMPLIANCE. */
  public static none(): UserPoolFirewall {
    return new UserPoolFirewall(undefined, undefined, false);
  }

  /** The ARN of a given web ACL (undefined when the construct creates one, or with none()). */
  public readonly webAclArn?: string;
  /** The sign-in rate limit of the created web ACL, per IP and 5 minutes. */
  public readonly signInRateLimit?: number;
  /** Whether a web ACL is associated with the pool. */
  public readonly enabled: boolean;

  private constructor(webAclArn: string | undefined, signInRateLimit: number | undefined, enabled: boolean) {
    this.webAclArn = webAclArn;
    this.signInRateLimit = signInRateLimit;
    this.enabled = enabled;
  }
}
