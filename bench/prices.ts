/**
 * The one price table of the cost model (bench/cost.ts): us-east-1 (N. Virginia) list prices in
 * USD, without taxes, savings plans or discounts. The README's price table is generated from it.
 *
 * Free tiers: only Cognito's MAU free tier is applied, because it is part of how a feature plan is
 * priced (Lite and Essentials: the first 10,000 MAUs of the account; Plus: none). The other
 * always-free allowances (Lambda 1M requests and 400,000 GB-s, CloudWatch 10 alarm metrics and
 * 5 GB of logs, X-Ray 100,000 traces) are shared by everything in an account and are not applied:
 * a stack alone in a fresh account pays less than the model says.
 *
 * How each price was checked (PRICES_CHECKED): the official pricing pages render their rates in the
 * browser, so each rate was read from the page's worked examples, AWS announcements and
 * documentation, and cross-checked against at least one recent transcription of the page. Where
 * only the first tier of a tiered price could be verified, the table stops there and the model
 * refuses volumes beyond it (`TieredPrice.verifiedUpTo`) instead of guessing.
 *
 * Cognito machine-to-machine app clients: from 2024-07-09 every app client with the
 * client_credentials grant cost $6 per month, prorated by the second. AWS removed that price
 * dimension on 2025-11-03 ("Amazon Cognito removes Machine-to-Machine app client price dimension",
 * https://aws.amazon.com/about-aws/whats-new/2025/11/amazon-cognito-removes-machine-machine-app-client-price-dimension/);
 * the Cognito developer guide's "Monitoring and managing costs" page now lists only the M2M token
 * request volume (https://docs.aws.amazon.com/cognito/latest/developerguide/tracking-cost.html).
 * The model still counts M2M clients and prices them with `m2mAppClientMonth` (now $0), so the
 * figures before that date can be reproduced (docs/decisions/035-cost-model.md).
 *
 * Customized machine tokens (the pre-token-generation trigger at V3_0): Cognito has no price
 * dimension of its own for them. The feature needs the Essentials or Plus plan, which bills MAUs,
 * and machines are not MAUs; the cost page lists only the M2M request volume
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/tracking-cost.html). A customized
 * token costs the token request plus one trigger invocation (Lambda's request and duration prices).
 */
export const PRICES_CHECKED = '2026-12-01';
export const REGION = 'us-east-1';
/** Hours in a billing month, as AWS's own calculator assumes. */
export const HOURS_PER_MONTH = 730;
/** Seconds in that month, for per-second rates such as X-Ray's sampling reservoir. */
export const SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600;
/** Bytes in a billed GB (AWS bills data in binary gigabytes). */
export const BYTES_PER_GB = 1024 ** 3;

/** One tier: `usd` per unit for the units up to `upTo` (cumulative, units per month). */
export interface Tier {
  readonly upTo: number;
  readonly usd: number;
}

export interface TieredPrice {
  /** Units billed at $0 first (a free tier that is part of the price). */
  readonly free: number;
  readonly tiers: readonly Tier[];
  /** Beyond the last tier's `upTo` the price was not verified: the model throws. */
  readonly unit: string;
}

export interface Price {
  /** What the README shows as the item. */
  readonly item: string;
  /** Human-readable rate, e.g. "$0.045 per hour". */
  readonly rate: string;
  readonly source: string;
}

const VPC = 'https://aws.amazon.com/vpc/pricing/';
const COGNITO = 'https://aws.amazon.com/cognito/pricing/';
const CLOUDWATCH = 'https://aws.amazon.com/cloudwatch/pricing/';
const LAMBDA = 'https://aws.amazon.com/lambda/pricing/';
const APIGW = 'https://aws.amazon.com/api-gateway/pricing/';
const WAF = 'https://aws.amazon.com/waf/pricing/';

/** Every rate the model uses, in one place. Units are in the names. */
export const PRICES = {
  natGatewayHour: 0.045,
  natGatewayGb: 0.045,
  publicIpv4Hour: 0.005,
  interfaceEndpointAzHour: 0.01,
  interfaceEndpointGb: 0.01,
  kmsKeyMonth: 1,
  /** Symmetric-key requests: 20,000 a month free, then $0.03 per 10,000. */
  kmsRequests: { free: 20_000, unit: 'KMS requests', tiers: [{ upTo: Infinity, usd: 0.03 / 10_000 }] } as TieredPrice,
  alarmMetricMonth: 0.1,
  alarmMetricHighResMonth: 0.3,
  secretMonth: 0.4,
  hostedZoneMonth: 0.5,
  /**
   * A basic health check of an AWS endpoint (HTTP/HTTPS/TCP, 30-second interval, no optional features):
   * Route 53's pricing page, cross-checked with infracost's Route 53 health check resource (50 cents).
   */
  route53HealthCheckMonth: 0.5,
  dashboardMonth: 3,
  wafWebAclMonth: 5,
  wafRuleMonth: 1,
  wafMillionRequests: 0.6,
  /** $0 since 2025-11-03; $6 from 2024-07-09 until then (see the file comment). */
  m2mAppClientMonth: 0,
  /**
   * $2.25 per 1,000 in the first tier (AWS's billing code CUPM2MTokenRequestsFull, and a public bill at
   * $0.00225 a request). Where the first tier ends, sources disagree (100,000 or 250,000 a month); the
   * lower bound is taken, and the model refuses more.
   */
  m2mTokenRequests: { free: 0, unit: 'M2M token requests', tiers: [{ upTo: 100_000, usd: 2.25 / 1000 }] } as TieredPrice,
  /**
   * Essentials $0.015 and Plus $0.020 per MAU are the page's own worked examples; Lite's $0.0055 and
   * $0.0046 too ("850,000 MAUs x $0.0046" after 10,000 free and 90,000 at $0.0055), which puts its
   * first two tiers at 10,001-100,000 and 100,001-1,000,000.
   */
  cognitoMau: {
    LITE: { free: 10_000, unit: 'MAUs (Lite)', tiers: [{ upTo: 100_000, usd: 0.0055 }, { upTo: 1_000_000, usd: 0.0046 }] } as TieredPrice,
    ESSENTIALS: { free: 10_000, unit: 'MAUs (Essentials)', tiers: [{ upTo: Infinity, usd: 0.015 }] } as TieredPrice,
    PLUS: { free: 0, unit: 'MAUs (Plus)', tiers: [{ upTo: Infinity, usd: 0.02 }] } as TieredPrice,
  },
  httpApiRequests: { free: 0, unit: 'HTTP API requests', tiers: [{ upTo: 300e6, usd: 1.0 / 1e6 }, { upTo: 1e9, usd: 0.9 / 1e6 }] } as TieredPrice,
  restApiRequests: { free: 0, unit: 'REST API requests', tiers: [{ upTo: 333e6, usd: 3.5 / 1e6 }, { upTo: 1e9, usd: 2.8 / 1e6 }] } as TieredPrice,
  lambdaMillionRequests: 0.2,
  lambdaGbSecond: { arm64: 0.0000133334, x86_64: 0.0000166667 },
  /** Verified first tier of Lambda duration (GB-seconds per month): 7.5 billion on arm64, 6 billion on x86. */
  lambdaGbSecondFirstTier: { arm64: 7.5e9, x86_64: 6e9 },
  logsIngestedGb: 0.5,
  xrayMillionTraces: 5,
};
export type Prices = typeof PRICES;

/** The README's price table: what each rate is and where it was read. */
export const PRICE_TABLE: readonly Price[] = [
  { item: 'NAT gateway', rate: '$0.045 per hour + $0.045 per GB processed', source: VPC },
  { item: 'public IPv4 address (each NAT gateway holds one)', rate: '$0.005 per hour', source: VPC },
  { item: 'interface VPC endpoint', rate: '$0.01 per AZ per hour + $0.01 per GB', source: 'https://aws.amazon.com/privatelink/pricing/' },
  { item: 'gateway VPC endpoint (S3, DynamoDB)', rate: 'free', source: 'https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html' },
  { item: 'KMS customer managed key (each multi-Region replica too)', rate: '$1 per month', source: 'https://aws.amazon.com/kms/pricing/' },
  { item: 'KMS requests (Cognito with a customer managed key)', rate: '20,000 a month free, then $0.03 per 10,000', source: 'https://aws.amazon.com/kms/pricing/' },
  { item: 'CloudWatch alarm', rate: '$0.10 per standard-resolution alarm metric per month ($0.30 high resolution)', source: CLOUDWATCH },
  { item: 'CloudWatch Logs ingestion', rate: '$0.50 per GB', source: CLOUDWATCH },
  { item: 'Cognito MAUs, Lite', rate: 'first 10,000 free, then $0.0055 (to 100,000), $0.0046 (to 1,000,000)', source: COGNITO },
  { item: 'Cognito MAUs, Essentials (the default plan)', rate: 'first 10,000 free, then $0.015', source: COGNITO },
  { item: 'Cognito MAUs, Plus', rate: '$0.02, no free tier', source: COGNITO },
  { item: 'Cognito M2M app client (client_credentials)', rate: '$0 since 2025-11-03 (was $6 per month)', source: 'https://aws.amazon.com/about-aws/whats-new/2025/11/amazon-cognito-removes-machine-machine-app-client-price-dimension/' },
  { item: 'Cognito M2M token requests', rate: '$2.25 per 1,000 (first tier, to 100,000 a month)', source: COGNITO },
  { item: 'API Gateway HTTP API', rate: '$1.00 per million requests (first 300 million), then $0.90', source: APIGW },
  { item: 'API Gateway REST API', rate: '$3.50 per million requests (first 333 million), then $2.80', source: APIGW },
  { item: 'Lambda requests (handler and Cognito triggers)', rate: '$0.20 per million', source: LAMBDA },
  { item: 'Lambda duration', rate: '$0.0000133334 per GB-second on arm64, $0.0000166667 on x86_64', source: LAMBDA },
  { item: 'X-Ray traces recorded (active tracing)', rate: '$5.00 per million', source: 'https://aws.amazon.com/xray/pricing/' },
  { item: 'WAF', rate: '$5 per web ACL per month + $1 per rule per month + $0.60 per million requests', source: WAF },
  { item: 'Route 53 health check of an AWS endpoint (basic)', rate: '$0.50 per month', source: 'https://aws.amazon.com/route53/pricing/' },
  { item: 'Cognito multi-Region replication (user pool replica)', rate: 'an add-on of its own, not priced here: no source read its rate', source: 'https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-multi-region.html' },
  { item: 'Secrets Manager secret, Route 53 hosted zone, CloudWatch dashboard', rate: '$0.40, $0.50, $3 per month', source: 'https://aws.amazon.com/secrets-manager/pricing/' },
];

/** Cost of `units` on a tiered price; throws beyond the verified tiers. */
export function tiered(price: TieredPrice, units: number): number {
  let remaining = Math.max(0, units - price.free);
  let floor = price.free;
  let usd = 0;
  for (const tier of price.tiers) {
    if (remaining <= 0) break;
    const inTier = Math.min(remaining, tier.upTo - floor);
    usd += inTier * tier.usd;
    remaining -= inTier;
    floor = tier.upTo;
  }
  if (remaining > 0) {
    throw new Error(`${units} ${price.unit} per month is beyond the verified price tiers in bench/prices.ts`);
  }
  return usd;
}
