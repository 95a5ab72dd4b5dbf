// The cost model of bench/, which prices every configuration before anyone deploys it: the README's cost tables are what the model computes from the
// committed templates, the idle figures of every integ configuration, and one hand-computed case per
// price line. Cheap: no synthesis, only the committed snapshot templates.
import * as fs from 'fs';
import * as path from 'path';
import { accessLogBytes, ASSUMPTIONS, IDLE, machineTokens, monthlyCost, Workload, xrayTraces } from '../bench/cost';
import { allConfigurations, configurationCost, currentCostSection, integConfigurations, renderCostSection, usd } from '../bench/cost-readme';
import { CfnResource, CfnTemplate, templateFacts } from '../bench/cost-template';
import { PRICES, tiered } from '../bench/prices';

const ROOT = path.join(__dirname, '..');
const GIB = 1024 ** 3;

function tpl(resources: Record<string, CfnResource>): CfnTemplate {
  return { Resources: resources };
}
const pool = (props: Record<string, unknown> = {}): CfnResource => ({ Type: 'AWS::Cognito::UserPool', Properties: { UserPoolTier: 'ESSENTIALS', ...props } });
const machineClient = (props: Record<string, unknown> = {}): CfnResource => ({
  Type: 'AWS::Cognito::UserPoolClient',
  Properties: { AllowedOAuthFlows: ['client_credentials'], AccessTokenValidity: 60, TokenValidityUnits: { AccessToken: 'minutes' }, ...props },
});
const fn = (memory: number, arch: string, tracing = false): CfnResource => ({
  Type: 'AWS::Lambda::Function',
  Properties: { MemorySize: memory, Architectures: [arch], ...(tracing ? { TracingConfig: { Mode: 'Active' } } : {}) },
});
const httpApi = (format?: string): Record<string, CfnResource> => ({
  Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: { ProtocolType: 'HTTP' } },
  Integration: { Type: 'AWS::ApiGatewayV2::Integration', Properties: { IntegrationUri: { 'Fn::GetAtt': ['Handler', 'Arn'] } } },
  Stage: { Type: 'AWS::ApiGatewayV2::Stage', Properties: format ? { AccessLogSettings: { Format: format } } : {} },
});
const line = (t: CfnTemplate, w: Workload, item: string, prices = PRICES, a = ASSUMPTIONS) => {
  const found = monthlyCost(t, w, prices, a).lines.filter((l) => l.item.startsWith(item));
  expect(found).toHaveLength(1);
  return found[0].usd;
};
const W = (mau: number, requests: number): Workload => ({ label: 'test', mau, requests });

describe('README cost tables', () => {
  test('the README holds exactly what the model computes for every configuration', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    expect(currentCostSection(readme)).toEqual(renderCostSection(allConfigurations(ROOT)));
  });

  test('every test/*.integ.ts is a configuration of the table', () => {
    const integ = fs.readdirSync(path.join(ROOT, 'test')).filter((f) => f.endsWith('.integ.ts')).map((f) => f.replace('.integ.ts', '')).sort();
    expect(integConfigurations(ROOT).map((c) => c.name).sort()).toEqual(integ);
  });

  test('idle figures of the integ configurations, M2M clients included', () => {
    const idle = Object.fromEntries(integConfigurations(ROOT).map((c) => [c.name, usd(configurationCost(c, IDLE).total)]));
    // compliance: KMS key $1 + 5 alarms $0.50 + the user pool's WAF web ACL ($5) and its 4 rules ($4), on
    // by default in the COMPLIANCE profile; signin: the same web ACL; tokens: the pool's multi-Region key;
    // regions: that key and its replica, and the health check that fails the domains over (the replica itself is not priced).
    expect(idle).toMatchObject({
      'default': '$0.00',
      'brief': '$73.00',
      'compliance': '$10.50',
      'custom-domains': '$73.00',
      'signin': '$9.00',
      'tokens': '$1.00',
      'regions': '$2.50',
    });
  });

  test('with the M2M app-client price of 2024-07-09 to 2025-11-02 ($6), the brief idles at $79.00 and compliance at $7.50 before its WAF ($16.50 with it)', () => {
    const before = { ...PRICES, m2mAppClientMonth: 6 };
    const idleBefore = (templates: CfnTemplate[]) => usd(templates.reduce((s, t) => s + monthlyCost(t, IDLE, before).total, 0));
    const idle = Object.fromEntries(integConfigurations(ROOT).map((c) => [c.name, idleBefore(c.templates)]));
    expect(idle).toMatchObject({ brief: '$79.00', compliance: '$16.50' });
  });
});

describe('fixed monthly price lines, hand-computed', () => {
  test('NAT gateway: $0.045 x 730 h', () => {
    expect(line(tpl({ N: { Type: 'AWS::EC2::NatGateway' } }), IDLE, 'NAT gateways')).toBeCloseTo(32.85, 10);
  });
  test('public IPv4: $0.005 x 730 h', () => {
    expect(line(tpl({ E: { Type: 'AWS::EC2::EIP' } }), IDLE, 'public IPv4')).toBeCloseTo(3.65, 10);
  });
  test('interface endpoint in 3 subnets: 3 x $0.01 x 730 h; gateway endpoints free', () => {
    const t = tpl({
      I: { Type: 'AWS::EC2::VPCEndpoint', Properties: { VpcEndpointType: 'Interface', SubnetIds: ['a', 'b', 'c'] } },
      G: { Type: 'AWS::EC2::VPCEndpoint', Properties: { VpcEndpointType: 'Gateway' } },
    });
    expect(line(t, IDLE, 'interface endpoints')).toBeCloseTo(21.9, 10);
    expect(monthlyCost(t, IDLE).total).toBeCloseTo(21.9, 10);
  });
  test('KMS key: $1', () => {
    expect(line(tpl({ K: { Type: 'AWS::KMS::Key' } }), IDLE, 'KMS keys')).toBe(1);
  });
  test('alarms: $0.10 per standard metric (metric math: per metric read), $0.30 high resolution', () => {
    const t = tpl({
      A: { Type: 'AWS::CloudWatch::Alarm', Properties: { Period: 300 } },
      M: { Type: 'AWS::CloudWatch::Alarm', Properties: { Metrics: [{ MetricStat: {} }, { MetricStat: {} }, { Expression: 'm1+m2' }] } },
      H: { Type: 'AWS::CloudWatch::Alarm', Properties: { Period: 10 } },
    });
    expect(line(t, IDLE, 'CloudWatch alarm metrics')).toBeCloseTo(0.3, 10);
    expect(line(t, IDLE, 'CloudWatch high-resolution')).toBeCloseTo(0.3, 10);
  });
  test('secret $0.40, hosted zone $0.50, dashboard $3', () => {
    const t = tpl({
      S: { Type: 'AWS::SecretsManager::Secret' }, Z: { Type: 'AWS::Route53::HostedZone' }, D: { Type: 'AWS::CloudWatch::Dashboard' },
    });
    expect(monthlyCost(t, IDLE).total).toBeCloseTo(3.9, 10);
  });
  test('WAF: $5 per web ACL + $1 per rule; $0.60 per million requests (one per token issued)', () => {
    const t = tpl({ P: pool(), W: { Type: 'AWS::WAFv2::WebACL', Properties: { Rules: [{}, {}, {}] } } });
    expect(line(t, IDLE, 'WAF web ACLs')).toBe(5);
    expect(line(t, IDLE, 'WAF rules')).toBe(3);
    // 1,000 MAUs x 30 tokens = 30,000 requests.
    expect(line(t, W(1000, 0), 'WAF requests (user tokens)')).toBeCloseTo(0.018, 10);
  });
  test('M2M app client: $0 a month since 2025-11-03, $6 before', () => {
    const t = tpl({ P: pool(), C: machineClient(), U: { Type: 'AWS::Cognito::UserPoolClient', Properties: { AllowedOAuthFlows: ['code'] } } });
    expect(line(t, IDLE, 'Cognito M2M app clients')).toBe(0);
    expect(line(t, IDLE, 'Cognito M2M app clients', { ...PRICES, m2mAppClientMonth: 6 })).toBe(6);
  });
  test('a type the model does not know is reported as not priced', () => {
    expect(templateFacts(tpl({ X: { Type: 'AWS::RDS::DBInstance' } })).unpriced).toEqual(['AWS::RDS::DBInstance']);
  });
});

describe('per-use price lines, hand-computed', () => {
  test('M2M tokens: a client caching a 60-minute token asks 730 times a month, $2.25 per 1,000', () => {
    const t = tpl({ P: pool(), C: machineClient() });
    expect(machineTokens(templateFacts(t), W(1, 1))).toBe(730);
    expect(machineTokens(templateFacts(t), IDLE)).toBe(0);
    expect(line(t, W(1, 1), 'Cognito M2M token requests')).toBeCloseTo(1.6425, 10);
    // AccessTokenValidity without units is in hours (CloudFormation's default unit).
    const hours = tpl({ P: pool(), C: machineClient({ AccessTokenValidity: 1, TokenValidityUnits: undefined }) });
    expect(machineTokens(templateFacts(hours), W(1, 1))).toBe(730);
    const fiveMinutes = tpl({ P: pool(), C: machineClient({ AccessTokenValidity: 5 }) });
    expect(line(fiveMinutes, W(1, 1), 'Cognito M2M token requests')).toBeCloseTo(8760 * 0.00225, 10);
  });
  test('tiers beyond the verified ones are refused', () => {
    expect(() => tiered(PRICES.m2mTokenRequests, 100_001)).toThrow('100001 M2M token requests per month is beyond the verified price tiers in bench/prices.ts');
    expect(() => tiered(PRICES.cognitoMau.LITE, 1_000_001)).toThrow('1000001 MAUs (Lite) per month is beyond the verified price tiers in bench/prices.ts');
  });
  test('MAUs: Essentials $0.015 after 10,000 free; Lite $0.0055 then $0.0046; Plus $0.02 from the first', () => {
    expect(line(tpl({ P: pool() }), W(100_000, 0), 'Cognito MAUs (essentials)')).toBeCloseTo(1350, 8);
    expect(line(tpl({ P: pool() }), W(5_000, 0), 'Cognito MAUs (essentials)')).toBe(0);
    expect(line(tpl({ P: pool({ UserPoolTier: 'LITE' }) }), W(150_000, 0), 'Cognito MAUs (lite)')).toBeCloseTo(90_000 * 0.0055 + 50_000 * 0.0046, 8);
    expect(line(tpl({ P: pool({ UserPoolTier: 'PLUS' }) }), W(1_000, 0), 'Cognito MAUs (plus)')).toBeCloseTo(20, 8);
  });
  test('plan: UserPoolTier, else Plus with threat protection, else Essentials; the plan needed follows the features', () => {
    const noTier = (props: Record<string, unknown>) => tpl({ P: { Type: 'AWS::Cognito::UserPool', Properties: props } });
    expect(templateFacts(noTier({})).plan).toBe('ESSENTIALS');
    expect(templateFacts(noTier({})).planNeeded).toBe('LITE');
    expect(templateFacts(noTier({ UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' } })).plan).toBe('PLUS');
    expect(templateFacts(noTier({ UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' } })).planNeeded).toBe('PLUS');
    const login = tpl({ P: pool(), D: { Type: 'AWS::Cognito::UserPoolDomain', Properties: { ManagedLoginVersion: 2 } } });
    expect(templateFacts(login).planNeeded).toBe('ESSENTIALS');
  });
  test('HTTP API: $1.00 per million to 300 million, then $0.90; REST API $3.50 per million', () => {
    const t = tpl({ ...httpApi(), Handler: fn(128, 'arm64') });
    expect(line(t, W(0, 1e6), 'API Gateway HTTP API requests')).toBeCloseTo(1, 10);
    expect(line(t, W(0, 400e6), 'API Gateway HTTP API requests')).toBeCloseTo(390, 8);
    const rest = tpl({ R: { Type: 'AWS::ApiGateway::RestApi' } });
    expect(line(rest, W(0, 1e6), 'API Gateway REST API requests')).toBeCloseTo(3.5, 10);
  });
  test('handler Lambda: $0.20 per million requests; GB-seconds at the template\'s memory and architecture', () => {
    const arm = tpl({ ...httpApi(), Handler: fn(256, 'arm64') });
    expect(line(arm, W(0, 1e6), 'handler Lambda requests')).toBeCloseTo(0.2, 10);
    // 1M x 0.25 GB x 0.010 s = 2,500 GB-s.
    expect(line(arm, W(0, 1e6), 'handler Lambda duration (256 MB arm64, 10 ms)')).toBeCloseTo(2500 * 0.0000133334, 12);
    const x86 = tpl({ ...httpApi(), Handler: fn(128, 'x86_64') });
    expect(line(x86, W(0, 1e6), 'handler Lambda duration (128 MB x86_64, 10 ms)')).toBeCloseTo(1250 * 0.0000166667, 12);
  });
  test('CloudWatch Logs: $0.50 per GB of access-log lines (the format filled in) and Lambda\'s own lines', () => {
    expect(accessLogBytes('{"id":"$context.requestId","s":"$context.status"}')).toBe('{"id":"Jt8x5hbvIAMEa3Q=","s":"200"}'.length);
    const t = tpl({ ...httpApi('$context.requestId'), Handler: fn(128, 'arm64') });
    expect(line(t, W(0, 1e6), 'access log (16 B per request)')).toBeCloseTo((16e6 / GIB) * 0.5, 12);
    expect(line(t, W(0, 1e6), 'handler Lambda log lines')).toBeCloseTo((300e6 / GIB) * 0.5, 12);
  });
  test('X-Ray: $5 per million traces, sampling 1 a second then 5 %', () => {
    expect(xrayTraces(1e6)).toBeCloseTo(1e6, 6);
    expect(xrayTraces(100e6)).toBeCloseTo(2_628_000 + 0.05 * (100e6 - 2_628_000), 4);
    const t = tpl({ ...httpApi(), Handler: fn(128, 'arm64', true) });
    expect(line(t, W(0, 1e6), 'X-Ray traces recorded')).toBeCloseTo(5, 8);
    expect(monthlyCost(tpl({ ...httpApi(), Handler: fn(128, 'arm64') }), W(0, 1e6)).lines.some((l) => l.item.startsWith('X-Ray'))).toBe(false);
  });
  test('NAT and interface endpoint data: $0.045 and $0.01 per GB processed', () => {
    const t = tpl({
      N: { Type: 'AWS::EC2::NatGateway' },
      I: { Type: 'AWS::EC2::VPCEndpoint', Properties: { VpcEndpointType: 'Interface', SubnetIds: ['a'] } },
    });
    // 1,048,576 requests x 1 KiB = 1 GiB.
    const a = { ...ASSUMPTIONS, natBytesPerRequest: 1024, endpointBytesPerRequest: 1024 };
    expect(line(t, W(0, 1024 * 1024), 'NAT gateway data processed', PRICES, a)).toBeCloseTo(0.045, 12);
    expect(line(t, W(0, 1024 * 1024), 'interface endpoint data processed', PRICES, a)).toBeCloseTo(0.01, 12);
  });
  test('Cognito trigger: one invocation per token issued (V3_0: machine tokens too), at the trigger\'s memory', () => {
    const trigger = (version: string) => tpl({
      P: pool({ LambdaConfig: { PreTokenGenerationConfig: { LambdaArn: { 'Fn::GetAtt': ['Trigger', 'Arn'] }, LambdaVersion: version } } }),
      Trigger: fn(128, 'arm64'),
      C: machineClient(),
    });
    const v2 = monthlyCost(trigger('V2_0'), W(1000, 0));
    // 1,000 MAUs x 30 tokens = 30,000 invocations; 30,000 x 0.125 GB x 0.010 s = 37.5 GB-s.
    expect(v2.lines.find((l) => l.item === 'trigger Lambda requests')?.usd).toBeCloseTo(0.006, 12);
    expect(v2.lines.find((l) => l.item.startsWith('trigger Lambda duration'))?.usd).toBeCloseTo(37.5 * 0.0000133334, 12);
    expect(v2.lines.filter((l) => l.group === 'machines' && l.item.startsWith('trigger'))).toHaveLength(0);
    const v3 = monthlyCost(trigger('V3_0'), W(1000, 0));
    expect(v3.lines.find((l) => l.group === 'machines' && l.item === 'trigger Lambda requests')?.quantity).toBe(730);
  });
  test('a V3_0 trigger named by its ARN (the pool cannot reference it) is priced at its own memory and architecture', () => {
    const arn = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':lambda:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':function:Stack-PreToken-0123456789']] };
    const t = tpl({
      P: pool({ LambdaConfig: { PreTokenGenerationConfig: { LambdaArn: arn, LambdaVersion: 'V3_0' } } }),
      Trigger: { ...fn(256, 'arm64'), Properties: { ...fn(256, 'arm64').Properties, FunctionName: 'Stack-PreToken-0123456789' } },
      C: machineClient(),
    });
    const cost = monthlyCost(t, W(0, 1));
    // Each of the 730 machine tokens a month runs the trigger once: 730 x 0.25 GB x 0.010 s.
    expect(cost.lines.find((l) => l.group === 'machines' && l.item === 'trigger Lambda duration (256 MB arm64, 10 ms)')?.quantity).toBeCloseTo(1.825, 12);
    // Cognito bills a customized machine token as any machine token: no price dimension of its own.
    expect(cost.lines.filter((l) => l.group === 'machines' && l.item.startsWith('Cognito')).map((l) => l.item)).toEqual(['Cognito M2M token requests']);
  });
});

describe('KMS requests of a pool with a customer managed key', () => {
  const cmk = { KeyConfiguration: { KeyType: 'CUSTOMER_MANAGED_KEY', KmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/k' } };

  test('default (the AWS owned key, written out or not): no KMS request line', () => {
    for (const t of [tpl({ Pool: pool() }), tpl({ Pool: pool({ KeyConfiguration: { KeyType: 'AWS_OWNED_KEY' } }) })]) {
      expect(monthlyCost(t, W(100_000, 0)).lines.filter((l) => l.item.startsWith('KMS requests'))).toEqual([]);
    }
  });

  test('a customer managed key: one request per token (an estimate), 20,000 free, then $0.03 per 10,000', () => {
    // 100,000 MAUs x 30 tokens = 3,000,000 requests; 2,980,000 billed x $0.000003 = $8.94
    expect(line(tpl({ Pool: pool(cmk) }), W(100_000, 0), 'KMS requests by Cognito (customer managed key, user tokens)')).toBeCloseTo(8.94, 6);
    // 500 MAUs x 30 = 15,000 requests: inside the free tier
    expect(monthlyCost(tpl({ Pool: pool(cmk) }), W(500, 0)).lines.find((l) => l.item.startsWith('KMS requests'))?.usd).toBe(0);
    // Machine tokens pay from where the user tokens left the free tier: 730 tokens, all billed here.
    const both = tpl({ Pool: pool(cmk), Client: machineClient() });
    expect(line(both, W(1_000, 1), 'KMS requests by Cognito (customer managed key, machine tokens)')).toBeCloseTo((30_000 + 730 - 20_000) * 0.000003 - (30_000 - 20_000) * 0.000003, 9);
  });

  test('terms documents are free', () => {
    expect(templateFacts(tpl({ Terms: { Type: 'AWS::Cognito::Terms' } })).unpriced).toEqual([]);
  });
});

describe('REST API execution logs', () => {
  test('a REST stage logging every method at INFO adds the estimated bytes per request at $0.50 per GB', () => {
    const t = tpl({
      R: { Type: 'AWS::ApiGateway::RestApi' },
      S: { Type: 'AWS::ApiGateway::Stage', Properties: { MethodSettings: [{ HttpMethod: '*', ResourcePath: '/*', LoggingLevel: 'INFO' }] } },
    });
    expect(line(t, W(0, 1e6), 'REST execution log at INFO (1000 B per request)')).toBeCloseTo((1e9 / GIB) * 0.5, 12);
    const errorsOnly = tpl({ S: { Type: 'AWS::ApiGateway::Stage', Properties: { MethodSettings: [{ ResourcePath: '/*', LoggingLevel: 'ERROR' }] } } });
    expect(templateFacts(errorsOnly).restInfoExecutionLogs).toBe(0);
  });
});

describe('WAF managed rule groups with fees of their own', () => {
  test('Bot Control is reported as not priced; a free managed rule group counts as one $1 rule', () => {
    const t = tpl({
      W: {
        Type: 'AWS::WAFv2::WebACL',
        Properties: {
          Rules: [
            { Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesBotControlRuleSet' } } },
            { Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesCommonRuleSet' } } },
          ],
        },
      },
    });
    expect(templateFacts(t).unpriced).toEqual(['AWS::WAFv2::WebACL (AWSManagedRulesBotControlRuleSet)']);
    expect(line(t, IDLE, 'WAF rules')).toBe(2);
  });
});

describe('two Regions: the replica and the standby Region\'s API', () => {
  const standby = tpl({ ...httpApi(), Handler: fn(256, 'arm64'), Regional: { Type: 'AWS::Cognito::UserPoolRegionalConfigurationAttachment' } });

  test('a Route 53 health check: $0.50 a month; a KMS replica key: $1 like any key', () => {
    expect(line(tpl({ Check: { Type: 'AWS::Route53::HealthCheck' } }), IDLE, 'Route 53 health checks')).toBeCloseTo(0.5, 10);
    expect(line(tpl({ Key: { Type: 'AWS::KMS::ReplicaKey' } }), IDLE, 'KMS keys')).toBeCloseTo(1, 10);
  });

  test('the standby Region\'s API serves no request while the primary is healthy; the same API in the primary Region does', () => {
    const w = W(0, 1_000_000);
    expect(monthlyCost(standby, w).requests).toBe(0);
    const active = tpl({ ...httpApi(), Handler: fn(256, 'arm64') });
    expect(line(active, w, 'API Gateway HTTP API requests')).toBeCloseTo(1, 10);
  });

  test('the replica itself is reported as not priced (no source gave its rate); its regional settings are free', () => {
    const facts = templateFacts(tpl({ Replica: { Type: 'AWS::Cognito::UserPoolReplica' }, Regional: { Type: 'AWS::Cognito::UserPoolRegionalConfigurationAttachment' } }));
    expect(facts.unpriced).toEqual(['AWS::Cognito::UserPoolReplica']);
    expect(facts.standbyRegion).toBe(true);
  });
});
