/** Options of the web ACL the construct creates for the user pool. */
export interface UserPoolFirewallOptions {
  /**
   * The most sign-in requests (managed login's `/login` page, the token endpoint `/oauth2/token`
   * and the `InitiateAuth` and `RespondToAuthChallenge` API calls) one IP address may make in 5
   * minutes before AWS WAF blocks it. Between 10 and 2,000,000,000. The token endpoint counts
   * too: machine tokens are billed, and a server that refreshes many users' tokens from one
   * address needs a higher limit.
   *
   * @default 300
   * @see https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-rate-based.html
   */
  readonly signInRateLimit?: number;

  /**
   * The most requests that send or check a code by e-mail or SMS (managed login's sign-up,
   * confirmation, resend-code and forgot-password pages; the `SignUp`, `ConfirmSignUp`,
   * `ResendConfirmationCode`, `ForgotPassword`, `ConfirmForgotPassword`,
   * `GetUserAttributeVerificationCode`, `VerifyUserAttribute` and `UpdateUserAttributes` API
   * calls) one IP address may make in 5 minutes before AWS WAF blocks it. Each message is billed
   * (SES, SNS), and a code can be guessed. Between 10 and 2,000,000,000.
   *
   * @default 100
   * @see https://aws.amazon.com/blogs/security/protect-your-amazon-cognito-user-pool-with-aws-waf/
   */
  readonly codeRateLimit?: number;
}

/**
 * An AWS WAF web ACL on the user pool: it inspects managed login and the pool's public API
 * operations before Cognito does. The construct's own ACL (`create()`) has four rules: the AWS
 * managed rule groups Core rule set (`AWSManagedRulesCommonRuleSet`) and Amazon IP reputation
 * list (`AWSManagedRulesAmazonIpReputationList`), and rate-based rules per IP on sign-in
 * requests and on requests that send or check codes; it logs to a CloudWatch log group
 * (`aws-waf-logs-<path>-<stack UUID>`, a new name for every creation of the stack, since the group
 * outlives `cdk destroy`). The Core rule set's rules that the construct's own flows would trip
 * count instead of blocking: the body size (SAML responses exceed 8 KB), a missing User-Agent
 * (server-side token requests), and, only when a client needs it, remote-file inclusion (a
 * redirect URL on an IPv4 host such as `http://127.0.0.1:8765/callback`) and the query size
 * (an authorize URL that may pass 2,048 bytes).
 *
 * Cost: $5 a month per web ACL plus $1 per rule ($9 a month for `create()`), $0.60 per million
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
   * @param options the sign-in and code rate limits
   */
  public static create(options: UserPoolFirewallOptions = {}): UserPoolFirewall {
    return new UserPoolFirewall(undefined, options.signInRateLimit ?? 300, options.codeRateLimit ?? 100, true);
  }

  /**
   * A web ACL of yours (REGIONAL scope, in the pool's region), associated with the user pool.
   *
   * @param webAclArn the ARN of the web ACL
   */
  public static fromWebAclArn(webAclArn: string): UserPoolFirewall {
    return new UserPoolFirewall(webAclArn, undefined, undefined, true);
  }

  /** No web ACL, also with SecurityProfile.COMPLIANCE. */
  public static none(): UserPoolFirewall {
    return new UserPoolFirewall(undefined, undefined, undefined, false);
  }

  /** The ARN of a given web ACL (undefined when the construct creates one, or with none()). */
  public readonly webAclArn?: string;
  /** The sign-in rate limit of the created web ACL, per IP and 5 minutes. */
  public readonly signInRateLimit?: number;
  /** The code rate limit of the created web ACL, per IP and 5 minutes. */
  public readonly codeRateLimit?: number;
  /** Whether a web ACL is associated with the pool. */
  public readonly enabled: boolean;

  private constructor(webAclArn: string | undefined, signInRateLimit: number | undefined, codeRateLimit: number | undefined, enabled: boolean) {
    this.webAclArn = webAclArn;
    this.signInRateLimit = signInRateLimit;
    this.codeRateLimit = codeRateLimit;
    this.enabled = enabled;
  }
}
