/**
 * The cost model: what a synthesized template costs per month, in a fixed part (what bills by the
 * hour or month whether anyone uses the stack or not) and a per-use part, for a workload of monthly
 * active users and API requests. Prices: bench/prices.ts. What is read from the template:
 * bench/cost-template.ts. Assumptions about how a workload behaves: ASSUMPTIONS below.
 */
import { CfnTemplate, LambdaShape, templateFacts, TemplateFacts } from './cost-template';
import { BYTES_PER_GB, HOURS_PER_MONTH, PRICES, Prices, SECONDS_PER_MONTH, tiered } from './prices';

export { templateFacts } from './cost-template';
export type { CfnTemplate, CfnResource, TemplateFacts } from './cost-template';

export interface Workload {
  readonly label: string;
  /** Monthly active users of the pool. */
  readonly mau: number;
  /** API requests per month. */
  readonly requests: number;
}

export const IDLE: Workload = { label: 'idle', mau: 0, requests: 0 };
export const WORKLOADS: readonly Workload[] = [
  { label: '1k MAU, 1M requests', mau: 1_000, requests: 1e6 },
  { label: '10k MAU, 10M requests', mau: 10_000, requests: 10e6 },
  { label: '100k MAU, 100M requests', mau: 100_000, requests: 100e6 },
];

/** How a workload behaves where the template cannot say. Each one is printed under the README table. */
export const ASSUMPTIONS = {
  /** Tokens issued per MAU per month (a sign-in or a refresh about once a day); each runs the token triggers. */
  tokensPerMau: 30,
  /** Billed duration of one handler invocation (the built-in handler answers in about a millisecond; cold starts add more). */
  handlerMs: 10,
  /** Billed duration of one Cognito trigger invocation. */
  triggerMs: 10,
  /** Lambda's own START, END and REPORT lines per invocation, written to the function's log group. */
  lambdaLogBytes: 300,
  /** REST API execution logs at INFO (without data trace): about ten lines per request. An estimate, not measured. */
  restInfoExecutionLogBytes: 1000,
  /** Bytes per API request that the handler sends or receives through a NAT gateway (the built-in handler: none). */
  natBytesPerRequest: 0,
  /** Bytes per API request through interface endpoints (the built-in handler: none). */
  endpointBytesPerRequest: 0,
  /** X-Ray's default sampling rule: the first request each second, then 5 % of the others; traffic spread evenly. */
  xrayReservoirPerSecond: 1,
  xrayRate: 0.05,
  /**
   * KMS requests Cognito makes per token it issues when the pool has a customer managed key. AWS
   * does not publish the figure: an estimate of one data-key request per token, not measured.
   */
  kmsRequestsPerToken: 1,
  /** Each machine client runs all month and caches its token until it expires (hours x 60 / token minutes). */
  machineClientsCacheTokens: true,
};
export type Assumptions = typeof ASSUMPTIONS;

/** What a line of the bill scales with. */
export type CostGroup = 'fixed' | 'users' | 'machines' | 'requests';

export interface CostLine {
  readonly group: CostGroup;
  readonly item: string;
  readonly quantity: number;
  readonly unit: string;
  readonly usd: number;
}

export interface MonthlyCost {
  readonly workload: Workload;
  readonly lines: CostLine[];
  readonly fixed: number;
  readonly users: number;
  readonly machines: number;
  readonly requests: number;
  readonly total: number;
}

/** Typical values of API Gateway's $context variables, to size one access-log line from its format. */
const CONTEXT_SAMPLES: Record<string, string> = {
  'requestId': 'Jt8x5hbvIAMEa3Q=',
  'requestTimeEpoch': '1764619200000',
  'requestTime': '01/Dec/2026:20:00:00 +0000',
  'identity.sourceIp': '203.0.113.10',
  'identity.user': '-',
  'identity.caller': '-',
  'httpMethod': 'GET',
  'routeKey': 'GET /',
  'path': '/',
  'resourcePath': '/',
  'protocol': 'HTTP/1.1',
  'status': '200',
  'responseLength': '36',
  'responseLatency': '25',
  'integrationLatency': '21',
  'integrationStatus': '200',
  'integrationErrorMessage': '-',
  'authorizer.error': '-',
  'error.message': '-',
  'authorizer.claims.client_id': '1example23456789abcdefghij',
};
const UNKNOWN_CONTEXT_SAMPLE = '0123456789';

/** Bytes of one access-log line written with `format`. */
export function accessLogBytes(format: string): number {
  const line = format.replace(/\$context\.([A-Za-z0-9_.]+)/g, (_, name: string) => CONTEXT_SAMPLES[name] ?? UNKNOWN_CONTEXT_SAMPLE);
  return Buffer.byteLength(line, 'utf8');
}

/** Traces X-Ray records in a month of `requests` spread evenly, under the default sampling rule. */
export function xrayTraces(requests: number, a: Assumptions = ASSUMPTIONS): number {
  const perSecond = requests / SECONDS_PER_MONTH;
  const reservoir = Math.min(perSecond, a.xrayReservoirPerSecond);
  return (reservoir + Math.max(0, perSecond - a.xrayReservoirPerSecond) * a.xrayRate) * SECONDS_PER_MONTH;
}

/** Machine tokens a month: every machine client keeps one valid token all month. */
export function machineTokens(facts: TemplateFacts, workload: Workload): number {
  if (workload.mau === 0 && workload.requests === 0) return 0;
  return facts.machineClientTokenMinutes.reduce((sum, minutes) => sum + (HOURS_PER_MONTH * 60) / minutes, 0);
}

function lambdaLines(
  group: CostGroup, what: string, fns: readonly LambdaShape[], invocations: number, ms: number, p: Prices, a: Assumptions,
): CostLine[] {
  const lines: CostLine[] = [];
  for (const fn of fns) {
    if (invocations <= 0) continue;
    const gbSeconds = invocations * (fn.memoryMb / 1024) * (ms / 1000);
    if (gbSeconds > p.lambdaGbSecondFirstTier[fn.arch]) {
      throw new Error(`${gbSeconds} GB-seconds per month is beyond the verified Lambda price tier in bench/prices.ts`);
    }
    lines.push({ group, item: `${what} Lambda requests`, quantity: invocations, unit: 'invocations', usd: (invocations / 1e6) * p.lambdaMillionRequests });
    lines.push({
      group,
      item: `${what} Lambda duration (${fn.memoryMb} MB ${fn.arch}, ${ms} ms)`,
      quantity: gbSeconds,
      unit: 'GB-seconds',
      usd: gbSeconds * p.lambdaGbSecond[fn.arch],
    });
    const logGb = (invocations * a.lambdaLogBytes) / BYTES_PER_GB;
    lines.push({ group, item: `${what} Lambda log lines`, quantity: logGb, unit: 'GB ingested', usd: logGb * p.logsIngestedGb });
  }
  return lines;
}

/** The monthly bill of one template at one workload. */
export function monthlyCost(
  template: CfnTemplate | TemplateFacts,
  workload: Workload,
  p: Prices = PRICES,
  a: Assumptions = ASSUMPTIONS,
): MonthlyCost {
  const f = 'natGateways' in template ? template : templateFacts(template);
  const lines: CostLine[] = [];
  const add = (group: CostGroup, item: string, quantity: number, unit: string, usd: number) => {
    if (quantity > 0) lines.push({ group, item, quantity, unit, usd });
  };

  // Fixed: billed by the hour or the month, used or not.
  add('fixed', 'NAT gateways', f.natGateways, 'gateways', f.natGateways * p.natGatewayHour * HOURS_PER_MONTH);
  add('fixed', 'public IPv4 addresses', f.publicIpv4, 'addresses', f.publicIpv4 * p.publicIpv4Hour * HOURS_PER_MONTH);
  add('fixed', 'interface endpoints x AZs', f.interfaceEndpointAzs, 'endpoint-AZs', f.interfaceEndpointAzs * p.interfaceEndpointAzHour * HOURS_PER_MONTH);
  add('fixed', 'KMS keys', f.kmsKeys, 'keys', f.kmsKeys * p.kmsKeyMonth);
  add('fixed', 'CloudWatch alarm metrics', f.alarmMetrics, 'alarm metrics', f.alarmMetrics * p.alarmMetricMonth);
  add('fixed', 'CloudWatch high-resolution alarm metrics', f.alarmMetricsHighRes, 'alarm metrics', f.alarmMetricsHighRes * p.alarmMetricHighResMonth);
  add('fixed', 'Secrets Manager secrets', f.secrets, 'secrets', f.secrets * p.secretMonth);
  add('fixed', 'Route 53 hosted zones', f.hostedZones, 'zones', f.hostedZones * p.hostedZoneMonth);
  add('fixed', 'Route 53 health checks', f.healthChecks, 'checks', f.healthChecks * p.route53HealthCheckMonth);
  add('fixed', 'CloudWatch dashboards', f.dashboards, 'dashboards', f.dashboards * p.dashboardMonth);
  add('fixed', 'WAF web ACLs', f.wafWebAcls, 'web ACLs', f.wafWebAcls * p.wafWebAclMonth);
  add('fixed', 'WAF rules', f.wafRules, 'rules', f.wafRules * p.wafRuleMonth);
  const m2mClients = f.machineClientTokenMinutes.length;
  add('fixed', 'Cognito M2M app clients', m2mClients, 'clients', m2mClients * p.m2mAppClientMonth);

  // Users: monthly active users, the tokens they are issued and what runs on each token.
  const userTokens = workload.mau * a.tokensPerMau;
  if (f.plan !== undefined) {
    add('users', `Cognito MAUs (${f.plan.toLowerCase()})`, workload.mau, 'MAUs', tiered(p.cognitoMau[f.plan], workload.mau));
  }
  lines.push(...lambdaLines('users', 'trigger', f.tokenTriggers, userTokens, a.triggerMs, p, a));
  if (f.wafWebAcls > 0) add('users', 'WAF requests (user tokens)', userTokens, 'requests', (userTokens / 1e6) * p.wafMillionRequests);
  // The free KMS requests go to the user tokens first; the machine tokens pay from where those end.
  const userKms = f.userPoolCustomerKey ? userTokens * a.kmsRequestsPerToken : 0;
  add('users', 'KMS requests by Cognito (customer managed key, user tokens)', userKms, 'requests', tiered(p.kmsRequests, userKms));

  // Machines: client_credentials tokens, cached until they expire.
  const mTokens = machineTokens(f, workload);
  add('machines', 'Cognito M2M token requests', mTokens, 'tokens', tiered(p.m2mTokenRequests, mTokens));
  if (f.triggerOnMachineTokens) lines.push(...lambdaLines('machines', 'trigger', f.tokenTriggers, mTokens, a.triggerMs, p, a));
  if (f.wafWebAcls > 0) add('machines', 'WAF requests (machine tokens)', mTokens, 'requests', (mTokens / 1e6) * p.wafMillionRequests);
  const machineKms = f.userPoolCustomerKey ? mTokens * a.kmsRequestsPerToken : 0;
  add('machines', 'KMS requests by Cognito (customer managed key, machine tokens)', machineKms, 'requests',
    tiered(p.kmsRequests, userKms + machineKms) - tiered(p.kmsRequests, userKms));

  // Requests: the API, its handler, their logs and traces, and the network they cross.
  // A standby Region serves the API only while the primary fails: its month is the primary's.
  const r = f.standbyRegion ? 0 : workload.requests;
  if (f.api !== undefined) {
    add('requests', `API Gateway ${f.api} API requests`, r, 'requests', tiered(f.api === 'HTTP' ? p.httpApiRequests : p.restApiRequests, r));
  }
  lines.push(...lambdaLines('requests', 'handler', f.handlers, r, a.handlerMs, p, a));
  for (const format of f.accessLogFormats) {
    const gb = (r * accessLogBytes(format)) / BYTES_PER_GB;
    add('requests', `access log (${accessLogBytes(format)} B per request)`, gb, 'GB ingested', gb * p.logsIngestedGb);
  }
  for (let i = 0; i < f.restInfoExecutionLogs; i++) {
    const gb = (r * a.restInfoExecutionLogBytes) / BYTES_PER_GB;
    add('requests', `REST execution log at INFO (${a.restInfoExecutionLogBytes} B per request)`, gb, 'GB ingested', gb * p.logsIngestedGb);
  }
  if (f.apiTracing || f.handlers.some((h) => h.tracing)) {
    const traces = xrayTraces(r, a);
    add('requests', 'X-Ray traces recorded', traces, 'traces', (traces / 1e6) * p.xrayMillionTraces);
  }
  if (f.natGateways > 0) {
    const gb = (r * a.natBytesPerRequest) / BYTES_PER_GB;
    add('requests', 'NAT gateway data processed', gb, 'GB', gb * p.natGatewayGb);
  }
  if (f.interfaceEndpointAzs > 0) {
    const gb = (r * a.endpointBytesPerRequest) / BYTES_PER_GB;
    add('requests', 'interface endpoint data processed', gb, 'GB', gb * p.interfaceEndpointGb);
  }

  const sum = (g: CostGroup) => lines.filter((l) => l.group === g).reduce((s, l) => s + l.usd, 0);
  const fixed = sum('fixed');
  const users = sum('users');
  const machines = sum('machines');
  const requests = sum('requests');
  return { workload, lines, fixed, users, machines, requests, total: fixed + users + machines + requests };
}

/** Idle monthly cost and the counts that explain it (the shape bench/run.ts prints). */
export interface IdleCost {
  readonly usdPerMonth: number;
  readonly lines: { item: string; quantity: number; unit: string; usdPerMonth: number }[];
  readonly natGateways: number;
  readonly eips: number;
  readonly interfaceEndpointAzs: number;
  readonly gatewayEndpoints: number;
  readonly unpriced: string[];
  readonly resourceCount: number;
}

export function idleCost(template: CfnTemplate): IdleCost {
  const f = templateFacts(template);
  const c = monthlyCost(f, IDLE);
  return {
    usdPerMonth: c.total,
    lines: c.lines.map((l) => ({ item: l.item, quantity: l.quantity, unit: l.unit, usdPerMonth: l.usd })),
    natGateways: f.natGateways,
    eips: f.publicIpv4,
    interfaceEndpointAzs: f.interfaceEndpointAzs,
    gatewayEndpoints: f.gatewayEndpoints,
    unpriced: f.unpriced,
    resourceCount: f.resourceCount,
  };
}
