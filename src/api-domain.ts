import type * as acm from 'aws-cdk-lib/aws-certificatemanager';
import type * as route53 from 'aws-cdk-lib/aws-route53';

/**
 * A custom domain of your own for the HTTP API, e.g. `api.example.com`: a regional API Gateway
 * domain name (TLS 1.2, IPv4 and IPv6) mapped to the `$default` stage, with Route 53 alias
 * records (A and AAAA).
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-custom-domain-names.html
 */
export interface ApiDomainOptions {
  /**
   * The fully qualified domain name, lower case, without a trailing dot, e.g. `api.example.com`.
   */
  readonly domainName: string;

  /**
   * The public Route 53 hosted zone that holds `domainName`: the zone of the domain itself or of
   * one of its parent domains. The construct creates the alias records in it, and validates the
   * certificate it creates there.
   */
  readonly hostedZone: route53.IHostedZone;

  /**
   * The ACM certificate for `domainName`, in the stack's region (a regional endpoint).
   *
   * @default - a certificate for `domainName` validated through DNS in `hostedZone`
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-custom-domains-prerequisites.html
   */
  readonly certificate?: acm.ICertificate;

  /**
   * Whether to disable the default `https://<api-id>.execute-api.<region>.amazonaws.com`
   * endpoint, so that the API is only reachable through the custom domain.
   *
   * @default true
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-disable-default-endpoint.html
   */
  readonly disableExecuteApiEndpoint?: boolean;
}
