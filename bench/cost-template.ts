/**
 * What a synthesized CloudFormation template holds that the cost model prices: counts of the
 * resources that bill by the hour or month, and the properties that set per-use rates (the pool's
 * feature plan and triggers, machine clients and their token lifetime, the API kind, the handler's
 * memory and architecture, the access-log format, tracing, WAF rules).
 */

export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
}

export interface CfnTemplate {
  readonly Resources?: Record<string, CfnResource>;
}

export type Plan = 'LITE' | 'ESSENTIALS' | 'PLUS';
export type Arch = 'arm64' | 'x86_64';

export interface LambdaShape {
  readonly logicalId: string;
  readonly memoryMb: number;
  readonly arch: Arch;
  readonly tracing: boolean;
}

export interface TemplateFacts {
  readonly natGateways: number;
  readonly publicIpv4: number;
  readonly interfaceEndpointAzs: number;
  readonly gatewayEndpoints: number;
  readonly kmsKeys: number;
  readonly alarmMetrics: number;
  readonly alarmMetricsHighRes: number;
  readonly secrets: number;
  readonly hostedZones: number;
  /** Route 53 health checks (the primary Region's check that fails the domains over). */
  readonly healthChecks: number;
  readonly dashboards: number;
  readonly wafWebAcls: number;
  readonly wafRules: number;
  readonly userPools: number;
  /** Whether a user pool is encrypted with a customer managed key: Cognito then calls KMS as it works. */
  readonly userPoolCustomerKey: boolean;
  /** The plan the pool bills at: UserPoolTier, else Plus when threat protection is on, else Essentials (AWS's default). */
  readonly plan: Plan | undefined;
  /** The cheapest plan whose features cover what the template turns on. */
  readonly planNeeded: Plan | undefined;
  readonly planReasons: string[];
  /** Access-token lifetime in minutes of each app client with the client_credentials grant. */
  readonly machineClientTokenMinutes: number[];
  /** Lambda functions behind Cognito triggers invoked on every token issue. */
  readonly tokenTriggers: LambdaShape[];
  /** Whether the pre-token-generation trigger also runs for machine tokens (event version V3_0). */
  readonly triggerOnMachineTokens: boolean;
  /** Triggers the model does not price (invoked per sign-up or message, not per token). */
  readonly otherTriggers: string[];
  readonly api: 'HTTP' | 'REST' | undefined;
  /** Lambda functions that API integrations invoke. */
  readonly handlers: LambdaShape[];
  /** Access-log formats of the API stages. */
  readonly accessLogFormats: string[];
  /** API Gateway (REST) stage tracing. */
  readonly apiTracing: boolean;
  /** REST stages whose execution logging is at INFO for every method (`LoggingLevel` in MethodSettings). */
  readonly restInfoExecutionLogs: number;
  /**
   * A standby Region's stack (it configures a user pool replica there): its API serves requests
   * only while the primary Region fails, so the model gives it none.
   */
  readonly standbyRegion: boolean;
  readonly resourceCount: number;
  /** Resource types that the model neither prices nor knows to be free. */
  readonly unpriced: string[];
}

/** Types that bill only with use, or never: $0 when idle, priced per use where the model knows how. */
const PER_USE_OR_FREE = new Set([
  'AWS::ApiGateway::Account', 'AWS::ApiGateway::Authorizer', 'AWS::ApiGateway::Deployment', 'AWS::ApiGateway::Method',
  'AWS::ApiGateway::Resource', 'AWS::ApiGateway::RestApi', 'AWS::ApiGateway::Stage', 'AWS::ApiGateway::UsagePlan',
  'AWS::ApiGatewayV2::Api', 'AWS::ApiGatewayV2::ApiMapping', 'AWS::ApiGatewayV2::Authorizer', 'AWS::ApiGatewayV2::DomainName',
  'AWS::ApiGatewayV2::Integration', 'AWS::ApiGatewayV2::Route', 'AWS::ApiGatewayV2::Stage', 'AWS::CDK::Metadata',
  'AWS::CertificateManager::Certificate', 'AWS::Cognito::ManagedLoginBranding', 'AWS::Cognito::UserPool',
  'AWS::Cognito::UserPoolClient', 'AWS::Cognito::UserPoolDomain', 'AWS::Cognito::UserPoolGroup',
  'AWS::Cognito::UserPoolIdentityProvider', 'AWS::Cognito::UserPoolResourceServer', 'AWS::Cognito::UserPoolUICustomizationAttachment',
  'AWS::EC2::FlowLog', 'AWS::EC2::InternetGateway', 'AWS::EC2::Route', 'AWS::EC2::RouteTable', 'AWS::EC2::SecurityGroup',
  'AWS::EC2::SecurityGroupEgress', 'AWS::EC2::SecurityGroupIngress', 'AWS::EC2::Subnet', 'AWS::EC2::SubnetRouteTableAssociation',
  'AWS::EC2::VPC', 'AWS::EC2::VPCGatewayAttachment', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::Policy', 'AWS::IAM::Role',
  'AWS::KMS::Alias', 'AWS::Lambda::Function', 'AWS::Lambda::Permission', 'AWS::Logs::LogGroup', 'AWS::Logs::ResourcePolicy',
  'AWS::Route53::RecordSet', 'AWS::SNS::Subscription', 'AWS::SNS::Topic', 'AWS::SNS::TopicPolicy',
  'AWS::WAFv2::WebACLAssociation', 'AWS::WAFv2::LoggingConfiguration', 'AWS::WAFv2::IPSet', 'AWS::WAFv2::RegexPatternSet', 'AWS::Cognito::LogDeliveryConfiguration',
  'AWS::Cognito::UserPoolRiskConfigurationAttachment', 'AWS::Cognito::UserPoolUser', 'AWS::Cognito::UserPoolUserToGroupAttachment',
  'AWS::Cognito::Terms',
  // Rotation is free; each rotation runs its function four times and calls Secrets Manager a few
  // times ($0.05 per 10,000 calls): under a cent a month at any period `secretRotation` allows.
  'AWS::SecretsManager::RotationSchedule',
  // A replica's own settings; CDK's cross-Region references (SSM parameters written and read once per deployment).
  'AWS::Cognito::UserPoolRegionalConfigurationAttachment', 'Custom::CrossRegionExportWriter', 'Custom::CrossRegionExportReader',
  // The VPC L2's "restrict default security group" custom resource: a Lambda run once per deployment.
  'Custom::VpcRestrictDefaultSG',
]);

/** WAF managed rule groups with a subscription and per-request fee of their own, which the model does not price. */
const PAID_RULE_GROUPS = ['AWSManagedRulesBotControlRuleSet', 'AWSManagedRulesATPRuleSet', 'AWSManagedRulesACFPRuleSet', 'AWSManagedRulesAntiDDoSRuleSet'];

/** Cognito triggers that run on every sign-in or token issue (a refresh included for pre token generation). */
const TOKEN_TRIGGERS = ['PreTokenGeneration', 'PreAuthentication', 'PostAuthentication', 'DefineAuthChallenge', 'CreateAuthChallenge', 'VerifyAuthChallengeResponse'];

function obj(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** The logical ids that `Fn::GetAtt: [id, 'Arn']` point to anywhere inside `v`. */
export function arnTargets(v: unknown, out: string[] = []): string[] {
  if (Array.isArray(v)) {
    v.forEach((x) => arnTargets(x, out));
  } else if (typeof v === 'object' && v !== null) {
    const o = v as Record<string, unknown>;
    const ga = o['Fn::GetAtt'];
    if (Array.isArray(ga) && ga[1] === 'Arn' && typeof ga[0] === 'string') out.push(ga[0]);
    Object.values(o).forEach((x) => arnTargets(x, out));
  }
  return out;
}

/**
 * The function an ARN built from a function name points to (`...:function:<name>` in a Fn::Join),
 * as the V3_0 pre-token trigger is named: its pool cannot reference it (docs/decisions/070).
 */
export function namedFunction(resources: Record<string, CfnResource>, v: unknown): string | undefined {
  const name = /:function:([A-Za-z0-9_-]+)$/.exec(JSON.stringify(v)?.match(/:function:[A-Za-z0-9_-]+/)?.[0] ?? '')?.[1];
  if (name === undefined) return undefined;
  return Object.keys(resources).find((id) => resources[id].Type === 'AWS::Lambda::Function' && resources[id].Properties?.FunctionName === name);
}

function lambdaShape(resources: Record<string, CfnResource>, id: string): LambdaShape | undefined {
  const r = resources[id];
  if (r?.Type !== 'AWS::Lambda::Function') return undefined;
  const p = r.Properties ?? {};
  const archs = p.Architectures;
  return {
    logicalId: id,
    // Lambda's defaults: 128 MB, x86_64, tracing PassThrough.
    memoryMb: typeof p.MemorySize === 'number' ? p.MemorySize : 128,
    arch: Array.isArray(archs) && archs[0] === 'arm64' ? 'arm64' : 'x86_64',
    tracing: obj(p.TracingConfig).Mode === 'Active',
  };
}

/** Minutes an access token lives: AccessTokenValidity in TokenValidityUnits.AccessToken (CloudFormation's default unit: hours). */
function accessTokenMinutes(p: Record<string, unknown>): number {
  const validity = typeof p.AccessTokenValidity === 'number' ? p.AccessTokenValidity : 60;
  const unit = typeof p.AccessTokenValidity === 'number' ? obj(p.TokenValidityUnits).AccessToken ?? 'hours' : 'minutes';
  const perUnit: Record<string, number> = { seconds: 1 / 60, minutes: 1, hours: 60, days: 1440 };
  return validity * (perUnit[String(unit)] ?? 60);
}

function alarmMetrics(p: Record<string, unknown>): number {
  const metrics = p.Metrics;
  // Metric math: billed per metric the alarm reads.
  if (Array.isArray(metrics)) return Math.max(1, metrics.filter((m) => 'MetricStat' in obj(m)).length);
  return 1;
}

function planOf(pool: Record<string, unknown>): Plan {
  const tier = pool.UserPoolTier;
  if (tier === 'LITE' || tier === 'ESSENTIALS' || tier === 'PLUS') return tier;
  const mode = obj(pool.UserPoolAddOns).AdvancedSecurityMode;
  // Threat protection exists only on Plus; a pool without UserPoolTier is created on Essentials.
  return mode === 'AUDIT' || mode === 'ENFORCED' ? 'PLUS' : 'ESSENTIALS';
}

/** Reads what the cost model needs from a synthesized template. */
export function templateFacts(template: CfnTemplate, assumedAzs = 2): TemplateFacts {
  const resources = template.Resources ?? {};
  const f = {
    natGateways: 0,
    publicIpv4: 0,
    interfaceEndpointAzs: 0,
    gatewayEndpoints: 0,
    kmsKeys: 0,
    alarmMetrics: 0,
    alarmMetricsHighRes: 0,
    secrets: 0,
    hostedZones: 0,
    healthChecks: 0,
    dashboards: 0,
    wafWebAcls: 0,
    wafRules: 0,
    userPools: 0,
  };
  let plan: Plan | undefined;
  let userPoolCustomerKey = false;
  const reasons = new Set<string>();
  const machineClientTokenMinutes: number[] = [];
  const tokenTriggers: LambdaShape[] = [];
  const otherTriggers: string[] = [];
  let triggerOnMachineTokens = false;
  let api: 'HTTP' | 'REST' | undefined;
  const handlerIds = new Set<string>();
  const accessLogFormats: string[] = [];
  let apiTracing = false;
  let restInfoExecutionLogs = 0;
  const unpriced = new Set<string>();

  for (const r of Object.values(resources)) {
    const p = r.Properties ?? {};
    switch (r.Type) {
      case 'AWS::EC2::NatGateway': f.natGateways++; break;
      case 'AWS::EC2::EIP': f.publicIpv4++; break;
      // "KMS pricing and quotas for KMS keys apply to each primary and replica key" (ReplicateKey).
      case 'AWS::KMS::Key': case 'AWS::KMS::ReplicaKey': f.kmsKeys++; break;
      case 'AWS::Route53::HealthCheck': f.healthChecks++; break;
      case 'AWS::SecretsManager::Secret': f.secrets++; break;
      case 'AWS::Route53::HostedZone': f.hostedZones++; break;
      case 'AWS::CloudWatch::Dashboard': f.dashboards++; break;
      case 'AWS::WAFv2::WebACL':
        f.wafWebAcls++;
        f.wafRules += Array.isArray(p.Rules) ? p.Rules.length : 0;
        for (const rule of Array.isArray(p.Rules) ? p.Rules : []) {
          const name = obj(obj(obj(rule).Statement).ManagedRuleGroupStatement).Name;
          if (typeof name === 'string' && PAID_RULE_GROUPS.includes(name)) unpriced.add(`AWS::WAFv2::WebACL (${name})`);
        }
        break;
      case 'AWS::CloudWatch::Alarm':
        if (typeof p.Period === 'number' && p.Period < 60) f.alarmMetricsHighRes += alarmMetrics(p);
        else f.alarmMetrics += alarmMetrics(p);
        break;
      case 'AWS::EC2::VPCEndpoint':
        if (p.VpcEndpointType === 'Interface') {
          f.interfaceEndpointAzs += Array.isArray(p.SubnetIds) ? p.SubnetIds.length : assumedAzs;
        } else if (p.VpcEndpointType === undefined || p.VpcEndpointType === 'Gateway') {
          f.gatewayEndpoints++;
        } else {
          unpriced.add(`AWS::EC2::VPCEndpoint (${String(p.VpcEndpointType)})`);
        }
        break;
      case 'AWS::Cognito::UserPool': {
        f.userPools++;
        plan = planOf(p);
        if (obj(p.KeyConfiguration).KeyType === 'CUSTOMER_MANAGED_KEY') userPoolCustomerKey = true;
        if (planOf({ UserPoolAddOns: p.UserPoolAddOns }) === 'PLUS') reasons.add('threat protection (Plus)');
        const lambdaConfig = obj(p.LambdaConfig);
        for (const [key, value] of Object.entries(lambdaConfig)) {
          const name = key === 'PreTokenGenerationConfig' ? 'PreTokenGeneration' : key;
          const arn = key === 'PreTokenGenerationConfig' ? obj(value).LambdaArn : value;
          const target = typeof value === 'string' ? undefined : arnTargets(arn)[0] ?? namedFunction(resources, arn);
          if (key === 'PreTokenGeneration' && lambdaConfig.PreTokenGenerationConfig) continue; // the same function
          if (TOKEN_TRIGGERS.includes(name)) {
            tokenTriggers.push(lambdaShape(resources, target ?? '') ?? { logicalId: target ?? String(value), memoryMb: 128, arch: 'x86_64', tracing: false });
          } else if (name !== 'KMSKeyID') {
            otherTriggers.push(name);
          }
          if (key === 'PreTokenGenerationConfig') {
            const version = obj(value).LambdaVersion;
            if (version === 'V2_0' || version === 'V3_0') reasons.add(`pre token generation ${version} (Essentials)`);
            if (version === 'V3_0') triggerOnMachineTokens = true;
          }
        }
        const signIn = obj(obj(p.Policies).SignInPolicy).AllowedFirstAuthFactors;
        if (Array.isArray(signIn) && signIn.some((x) => x !== 'PASSWORD')) reasons.add('choice-based sign-in (Essentials)');
        break;
      }
      case 'AWS::Cognito::ManagedLoginBranding': reasons.add('managed login branding (Essentials)'); break;
      case 'AWS::Cognito::UserPoolDomain':
        if (p.ManagedLoginVersion === 2) reasons.add('managed login (Essentials)');
        break;
      case 'AWS::Cognito::UserPoolClient':
        if (Array.isArray(p.AllowedOAuthFlows) && p.AllowedOAuthFlows.includes('client_credentials')) {
          machineClientTokenMinutes.push(accessTokenMinutes(p));
        }
        break;
      case 'AWS::ApiGatewayV2::Api':
        if (p.ProtocolType === 'HTTP' || p.ProtocolType === undefined) api = 'HTTP';
        else unpriced.add(`AWS::ApiGatewayV2::Api (${String(p.ProtocolType)})`);
        break;
      case 'AWS::ApiGateway::RestApi': api = 'REST'; break;
      case 'AWS::ApiGatewayV2::Integration': arnTargets(p.IntegrationUri).forEach((id) => handlerIds.add(id)); break;
      case 'AWS::ApiGateway::Method': arnTargets(obj(p.Integration).Uri).forEach((id) => handlerIds.add(id)); break;
      case 'AWS::ApiGatewayV2::Stage': {
        const format = obj(p.AccessLogSettings).Format;
        if (typeof format === 'string') accessLogFormats.push(format);
        break;
      }
      case 'AWS::ApiGateway::Stage': {
        const format = obj(p.AccessLogSetting).Format;
        if (typeof format === 'string') accessLogFormats.push(format);
        if (p.TracingEnabled === true) apiTracing = true;
        if (Array.isArray(p.MethodSettings) && p.MethodSettings.some((m) => obj(m).LoggingLevel === 'INFO' && obj(m).ResourcePath === '/*')) {
          restInfoExecutionLogs++;
        }
        break;
      }
      default:
        if (!PER_USE_OR_FREE.has(r.Type)) unpriced.add(r.Type);
    }
  }
  const handlers = [...handlerIds].map((id) => lambdaShape(resources, id)).filter((x): x is LambdaShape => x !== undefined);
  const planNeeded: Plan | undefined = f.userPools === 0 ? undefined
    : [...reasons].some((x) => x.endsWith('(Plus)')) ? 'PLUS'
      : [...reasons].some((x) => x.endsWith('(Essentials)')) ? 'ESSENTIALS' : 'LITE';
  return {
    ...f,
    userPoolCustomerKey,
    plan,
    planNeeded,
    planReasons: [...reasons].sort(),
    machineClientTokenMinutes,
    tokenTriggers,
    triggerOnMachineTokens,
    otherTriggers: otherTriggers.sort(),
    api,
    handlers,
    accessLogFormats,
    apiTracing,
    restInfoExecutionLogs,
    standbyRegion: Object.values(resources).some((r) => r.Type === 'AWS::Cognito::UserPoolRegionalConfigurationAttachment'),
    resourceCount: Object.keys(resources).length,
    unpriced: [...unpriced].sort(),
  };
}
