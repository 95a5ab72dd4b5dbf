import type * as acm from 'aws-cdk-lib/aws-certificatemanager';
import type * as route53 from 'aws-cdk-lib/aws-route53';

/**
 * A custom domain of your own for the hosted UI (managed login) and the OAuth endpoints,
 * e.g. `auth.example.com`.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-add-custom-domain.html
 */
export interface CustomAuthDomainOptions {
  /**
   * The fully qualified domain name, lower case, without a trailing dot, e.g. `auth.example.com`.
   * It must be a subdomain: Cognito requires its parent domain (`example.com`) to resolve to an
   * A record when the domain is created, and refuses top-level domains as parents.
   */
  readonly domainName: string;

  /**
   * The public Route 53 hosted zone that holds `domainName`: the zone of the domain itself or of
   * one of its parent domains. The construct creates the alias records (A and AAAA) to the hosted
   * UI's CloudFront distribution in it, and validates the certificate it creates there.
   * `HostedZone.fromHostedZoneAttributes()` lets the construct check the zone at synth time;
   * `HostedZone.fromHostedZoneId()` works too, unchecked.
   */
  readonly hostedZone: route53.IHostedZone;

  /**
   * The ACM certificate for `domainName`. CloudFront serves the hosted UI, so the certificate must
   * be in us-east-1, whatever the region of the user pool. In a stack outside us-east-1, pass
   * `acm.Certificate.fromCertificateArn()` with the ARN of a certificate issued in us-east-1, or
   * a certificate created in a us-east-1 stack with `crossRegionReferences: true` on both stacks.
   *
   * @default - a certificate for `domainName` validated through DNS in `hostedZone`; only possible
   * when the stack's region is `us-east-1` (set `env` on the stack), refused otherwise
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-add-custom-domain.html#cognito-user-pools-add-custom-domain-adding
   */
  readonly certificate?: acm.ICertificate;

  /**
   * Whether to create a placeholder A record on the parent domain (`example.com` for
   * `auth.example.com`), pointing to 192.0.2.1 (TEST-NET-1, RFC 5737, which routes nowhere).
   * Cognito only checks that the parent domain resolves, whatever the address. Turn it on only
   * when the parent domain has no A record yet: if one exists, the deployment fails because the
   * record already exists. Needs `hostedZone` to hold the parent domain.
   *
   * @default false - the parent domain must already resolve (a warning recalls it)
   */
  readonly parentDomainRecord?: boolean;
}

/**
 * Where the hosted UI (managed login) and the OAuth endpoints are served.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-assign-domain.html
 */
export class AuthDomain {
  /**
   * A prefix domain, `https://<prefix>.auth.<region>.amazoncognito.com`. The prefix must be
   * unique in the region: lower-case letters, digits and hyphens, 1 to 63 characters, and must not
   * contain `aws`, `amazon` or `cognito`. Two instances of one app with the same prefix in the same
   * region (or where a region is unknown at synth time) are refused at synth.
   *
   * @param prefix the domain prefix, e.g. `my-app-auth`
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-assign-domain-prefix.html
   */
  public static cognitoPrefix(prefix: string): AuthDomain {
    return new AuthDomain(prefix, undefined);
  }

  /**
   * A custom domain of your own, e.g. `https://auth.example.com`: the construct creates the
   * Cognito domain, the Route 53 alias records (A and AAAA) to its CloudFront distribution, and,
   * in a us-east-1 stack, the certificate when you give none.
   *
   * @param options the domain name, its Route 53 hosted zone, and optionally its us-east-1 certificate
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-add-custom-domain.html
   */
  public static custom(options: CustomAuthDomainOptions): AuthDomain {
    return new AuthDomain(undefined, options);
  }

  /**
   * The Cognito domain prefix.
   *
   * @default - none: a custom domain
   */
  public readonly prefix?: string;

  /**
   * The custom domain.
   *
   * @default - none: a Cognito prefix domain
   */
  public readonly customDomain?: CustomAuthDomainOptions;

  private constructor(prefix: string | undefined, customDomain: CustomAuthDomainOptions | undefined) {
    this.prefix = prefix;
    this.customDomain = customDomain;
  }
}
