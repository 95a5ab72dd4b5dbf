/**
 * Idle price table: what a synthesized template costs per month with no
 * traffic, no users and no requests. us-east-1 (N. Virginia) list prices in
 * USD, without free tier, savings plans or taxes.
 *
 * Checked on 2026-11-26 (PRICES_CHECKED). The official pricing pages render
 * their per-region rates with a region selector, so each figure was read from
 * the page's own worked examples or from a recent transcription of it, and
 * cross-checked against a second source:
 *
 * - NAT gateway, $0.045 per NAT gateway-hour (plus $0.045/GB processed):
 *   https://aws.amazon.com/vpc/pricing/ ("NAT Gateway" tab; transcribed
 *   2026-09-20 by api-evangelist/amazon-vpc plans/amazon-vpc-plans-pricing.yml),
 *   same rate quoted for US East in cloudburn.io/blog/aws-nat-gateway-pricing (2026-02).
 * - Public IPv4 address, $0.005 per IP-hour, in use or idle, including the
 *   Elastic IP a NAT gateway holds (since 2024-02-01):
 *   https://aws.amazon.com/vpc/pricing/ ("Public IPv4 Address" tab) and
 *   https://aws.amazon.com/blogs/aws/new-aws-public-ipv4-address-charge-public-ip-insights/
 * - Interface VPC endpoint (AWS PrivateLink), $0.01 per endpoint per AZ-hour
 *   (plus $0.01/GB processed): https://aws.amazon.com/privatelink/pricing/
 *   ("billed for each hour that your VPC endpoint remains provisioned in each
 *   Availability Zone"); rate as quoted in awsnegotiations.com/privatelink-cost-analysis.html (2026-05).
 *   Gateway endpoints (S3, DynamoDB) have no hourly or data charge:
 *   https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html
 * - KMS customer managed key, $1 per key-month: https://aws.amazon.com/kms/pricing/
 * - CloudWatch alarm, $0.10 per standard-resolution alarm metric-month,
 *   $0.30 high resolution: https://aws.amazon.com/cloudwatch/pricing/
 * - Secrets Manager, $0.40 per secret-month: https://aws.amazon.com/secrets-manager/pricing/
 * - Route 53 hosted zone, $0.50 per zone-month: https://aws.amazon.com/route53/pricing/
 * - CloudWatch dashboard, $3 per dashboard-month: https://aws.amazon.com/cloudwatch/pricing/
 * - WAF web ACL, $5 per web ACL-month: https://aws.amazon.com/waf/pricing/
 *
 * Everything in PER_USE_TYPES bills only per request, invocation, monthly
 * active user, GB ingested or GB stored, which is $0 when idle: Cognito
 * (Essentials and Plus bill per MAU), API Gateway (REST and HTTP, per
 * request), Lambda (per request and GB-second), CloudWatch Logs (per GB
 * ingested/stored; an empty log group is free), VPC flow logs (per GB
 * delivered), SNS (per publish), IAM, VPCs, subnets, route tables, security
 * groups and internet gateways (free). A type in neither table is reported as
 * "unpriced" by the benchmark so that nothing is silently counted as free.
 */
export const PRICES_CHECKED = '2026-11-26';
export const REGION = 'us-east-1';
/** Hours in a billing month, as AWS's own calculator assumes. */
export const HOURS_PER_MONTH = 730;

export interface HourlyPrice {
  readonly usdPerHour: number;
  readonly unit: string;
  readonly source: string;
}

export interface MonthlyPrice {
  readonly usdPerMonth: number;
  readonly unit: string;
  readonly source: string;
}

export const NAT_GATEWAY: HourlyPrice = {
  usdPerHour: 0.045,
  unit: 'NAT gateway-hour',
  source: 'https://aws.amazon.com/vpc/pricing/',
};

export const PUBLIC_IPV4: HourlyPrice = {
  usdPerHour: 0.005,
  unit: 'public IPv4 address-hour (EIP)',
  source: 'https://aws.amazon.com/vpc/pricing/',
};

export const INTERFACE_ENDPOINT_AZ: HourlyPrice = {
  usdPerHour: 0.01,
  unit: 'interface endpoint AZ-hour',
  source: 'https://aws.amazon.com/privatelink/pricing/',
};

/** Resource types with a fixed monthly charge per resource. */
export const MONTHLY_PER_RESOURCE: Record<string, MonthlyPrice> = {
  'AWS::KMS::Key': { usdPerMonth: 1, unit: 'key-month', source: 'https://aws.amazon.com/kms/pricing/' },
  'AWS::SecretsManager::Secret': { usdPerMonth: 0.4, unit: 'secret-month', source: 'https://aws.amazon.com/secrets-manager/pricing/' },
  'AWS::Route53::HostedZone': { usdPerMonth: 0.5, unit: 'hosted zone-month', source: 'https://aws.amazon.com/route53/pricing/' },
  'AWS::CloudWatch::Dashboard': { usdPerMonth: 3, unit: 'dashboard-month', source: 'https://aws.amazon.com/cloudwatch/pricing/' },
  'AWS::WAFv2::WebACL': { usdPerMonth: 5, unit: 'web ACL-month', source: 'https://aws.amazon.com/waf/pricing/' },
};

/** CloudWatch alarms are billed per metric the alarm evaluates. */
export const ALARM_METRIC_STANDARD: MonthlyPrice = {
  usdPerMonth: 0.1,
  unit: 'standard-resolution alarm metric-month',
  source: 'https://aws.amazon.com/cloudwatch/pricing/',
};
export const ALARM_METRIC_HIGH_RES: MonthlyPrice = {
  usdPerMonth: 0.3,
  unit: 'high-resolution alarm metric-month',
  source: 'https://aws.amazon.com/cloudwatch/pricing/',
};

/** Types that bill only with use (or never): $0 when idle. */
export const PER_USE_TYPES: ReadonlySet<string> = new Set([
  'AWS::ApiGateway::Account',
  'AWS::ApiGateway::Authorizer',
  'AWS::ApiGateway::Deployment',
  'AWS::ApiGateway::Method',
  'AWS::ApiGateway::Resource',
  'AWS::ApiGateway::RestApi',
  'AWS::ApiGateway::Stage',
  'AWS::ApiGateway::UsagePlan',
  'AWS::ApiGatewayV2::Api',
  'AWS::ApiGatewayV2::ApiMapping',
  'AWS::ApiGatewayV2::Authorizer',
  'AWS::ApiGatewayV2::DomainName',
  'AWS::ApiGatewayV2::Integration',
  'AWS::ApiGatewayV2::Route',
  'AWS::ApiGatewayV2::Stage',
  'AWS::CDK::Metadata',
  'AWS::CertificateManager::Certificate',
  'AWS::Cognito::ManagedLoginBranding',
  'AWS::Cognito::UserPool',
  'AWS::Cognito::UserPoolClient',
  'AWS::Cognito::UserPoolDomain',
  'AWS::Cognito::UserPoolGroup',
  'AWS::Cognito::UserPoolResourceServer',
  'AWS::EC2::FlowLog',
  'AWS::EC2::InternetGateway',
  'AWS::EC2::Route',
  'AWS::EC2::RouteTable',
  'AWS::EC2::SecurityGroup',
  'AWS::EC2::SecurityGroupEgress',
  'AWS::EC2::SecurityGroupIngress',
  'AWS::EC2::Subnet',
  'AWS::EC2::SubnetRouteTableAssociation',
  'AWS::EC2::VPC',
  'AWS::EC2::VPCGatewayAttachment',
  'AWS::IAM::ManagedPolicy',
  'AWS::IAM::Policy',
  'AWS::IAM::Role',
  'AWS::KMS::Alias',
  'AWS::Lambda::Function',
  'AWS::Lambda::Permission',
  'AWS::Logs::LogGroup',
  'AWS::Logs::ResourcePolicy',
  'AWS::Route53::RecordSet',
  'AWS::SNS::Subscription',
  'AWS::SNS::Topic',
  'AWS::SNS::TopicPolicy',
  // The VPC L2's "restrict default security group" custom resource: a Lambda
  // that runs once per deployment.
  'Custom::VpcRestrictDefaultSG',
]);
