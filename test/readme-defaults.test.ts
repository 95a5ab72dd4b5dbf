// The README's "Defaults and why" table, read row by row, against what `new SecureCognitoApi(this,
// 'Api')` synthesizes. Each row's Default cell must state what the template holds (the values
// below are read from the template, then looked for in the cell), each prop it names must exist,
// and every row has a check here and every check a row. When a default changes, this fails until
// the README row says so; when the README changes, until the template does.
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { SecureCognitoApi } from '../src';

const README = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');

interface Row {
  readonly part: string;
  readonly value: string;
  readonly props: string;
}

/** The rows of the table under "## Defaults and why", cell by cell. */
function defaultsTable(readme: string): Row[] {
  const section = readme.slice(readme.indexOf('## Defaults and why'), readme.indexOf('\n## ', readme.indexOf('## Defaults and why') + 1));
  const lines = section.split('\n').filter((l) => l.startsWith('| '));
  const [header, rule, ...rows] = lines;
  expect([header, rule]).toEqual(['| Part | Default | Prop | Why |', '| --- | --- | --- | --- |']);
  return rows.map((line) => {
    const cells = line.slice(2, -2).split(' | ');
    if (cells.length !== 4) throw new Error(`"Defaults and why" row with ${cells.length} cells: ${line}`);
    return { part: cells[0], value: cells[1], props: cells[2] };
  });
}

type Resources = Record<string, { Type: string; Properties?: any; DeletionPolicy?: string }>;
let template: Template;
let resources: Resources;
let api: SecureCognitoApi;
const of = (type: string) => Object.values(resources).filter((r) => r.Type === type);
const one = (type: string) => {
  const found = of(type);
  expect(found).toHaveLength(1);
  return found[0].Properties ?? {};
};
const DAYS_IN_WORDS: Record<number, string> = { 30: 'one month', 90: 'three months', 365: 'one year' };
const NUMBER_WORDS = ['no', 'one', 'two', 'three'];

/**
 * What each row's Default cell must say, computed from the template: the phrases returned must all
 * be in the cell. Assertions inside check what the phrases alone cannot (counts, absent settings).
 */
const CHECKS: Record<string, () => string[]> = {
  'Sign-up': () => {
    const pool = one('AWS::Cognito::UserPool');
    expect(pool.AdminCreateUserConfig.AllowAdminCreateUserOnly).toBe(false);
    expect(pool.AutoVerifiedAttributes).toEqual([]);
    return ['`SignUpMode.ADMIN_APPROVAL`', 'anyone may sign up', 'no verification message'];
  },
  'Sign-in': () => {
    const pool = one('AWS::Cognito::UserPool');
    expect(pool.AliasAttributes).toEqual(['email']);
    const required = pool.Schema.filter((a: any) => a.Required).map((a: any) => a.Name);
    expect(required).toEqual(['email']);
    return ['username, or the e-mail address as an alias', pool.UsernameConfiguration.CaseSensitive ? 'case-sensitive' : 'case-insensitive', 'e-mail required'];
  },
  'Passwords': () => {
    const policy = one('AWS::Cognito::UserPool').Policies.PasswordPolicy;
    expect([policy.RequireLowercase, policy.RequireUppercase, policy.RequireNumbers, policy.RequireSymbols]).toEqual([true, true, true, true]);
    return [`at least ${policy.MinimumLength} characters`, 'lower case, upper case, digit and symbol', `valid ${policy.TemporaryPasswordValidityDays} days`];
  },
  'MFA': () => {
    const pool = one('AWS::Cognito::UserPool');
    expect(pool.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
    return [pool.MfaConfiguration.toLowerCase(), 'TOTP authenticator apps only (no SMS)'];
  },
  'Account recovery': () => {
    expect(one('AWS::Cognito::UserPool').AccountRecoverySetting).toEqual({ RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] });
    return ['by e-mail only'];
  },
  'Feature plan': () => {
    const pool = one('AWS::Cognito::UserPool');
    expect(pool.UserPoolAddOns).toBeUndefined();
    return [`${pool.UserPoolTier[0]}${pool.UserPoolTier.slice(1).toLowerCase()}`, 'threat protection off'];
  },
  'Deletion': () => {
    const [pool] = of('AWS::Cognito::UserPool');
    expect(pool.Properties.DeletionProtection).toBe('ACTIVE');
    const logs = new Set(of('AWS::Logs::LogGroup').map((g) => g.DeletionPolicy));
    expect(logs.size).toBe(1);
    return ['deletion protection on', `\`DeletionPolicy: ${pool.DeletionPolicy}\``, `log groups (and a created KMS key) \`${[...logs][0]}\``];
  },
  'E-mail': () => {
    const email = one('AWS::Cognito::UserPool').EmailConfiguration;
    expect(email === undefined || email.EmailSendingAccount === 'COGNITO_DEFAULT').toBe(true);
    return ['Cognito\'s own sender'];
  },
  'Hosted UI domain': () => {
    const domain = one('AWS::Cognito::UserPoolDomain');
    expect(domain.CustomDomainConfig).toBeUndefined();
    const [prefix, uuid] = domain.Domain['Fn::Join'][1];
    expect(prefix).toMatch(/^helloapi-[0-9a-f]{8}-$/); // the stack name, then a hash of the construct path
    expect(uuid).toEqual({ 'Fn::Select': [2, { 'Fn::Split': ['/', { Ref: 'AWS::StackId' }] }] }); // the stack's UUID
    return ['Cognito prefix domain `<stack name>-<hash of the construct path>-<stack UUID>`'];
  },
  'Hosted UI version': () => {
    const hostedUiClients = of('AWS::Cognito::UserPoolClient').filter((c) => c.Properties.AllowedOAuthFlowsUserPoolClient);
    expect(of('AWS::Cognito::ManagedLoginBranding')).toHaveLength(hostedUiClients.length);
    return [`managed login (version ${one('AWS::Cognito::UserPoolDomain').ManagedLoginVersion})`, 'a branding style in Cognito\'s default look for every hosted-UI client'];
  },
  'App clients': () => {
    const clients = of('AWS::Cognito::UserPoolClient').map((c) => c.Properties);
    expect(clients.map((c) => [c.ClientName, c.GenerateSecret, c.ExplicitAuthFlows, c.AllowedOAuthFlowsUserPoolClient]))
      .toEqual([['cli', true, ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'], false]]);
    return [`${NUMBER_WORDS[clients.length]}: \`AppClient.passwordAuth('${clients[0].ClientName}')\``];
  },
  'Resource server': () => {
    const server = one('AWS::Cognito::UserPoolResourceServer');
    const scopes = server.Scopes.map((s: any) => `\`${s.ScopeName}\``);
    return [`identifier \`${server.Identifier}\``, `scopes ${scopes.slice(0, -1).join(', ')} and ${scopes[scopes.length - 1]}`];
  },
  'Issuer': () => {
    expect(one('AWS::Cognito::UserPool').IssuerConfiguration).toEqual({ Type: 'UPDATED' });
    // The authorizer trusts the same issuer (the pool's host, in the stack's concrete Region).
    expect(one('AWS::ApiGatewayV2::Authorizer').JwtConfiguration.Issuer['Fn::Join'][1][0]).toBe('https://issuer-cognito-idp.us-east-1.');
    return ['the updated issuer `https://issuer-cognito-idp.<region>.amazonaws.com/<pool id>`'];
  },
  'Pool encryption': () => {
    expect(one('AWS::Cognito::UserPool').KeyConfiguration).toEqual({ KeyType: 'AWS_OWNED_KEY' });
    expect(of('AWS::KMS::Key')).toHaveLength(0);
    return ['Cognito\'s AWS owned key, written out (`KeyConfiguration`)'];
  },
  'Refresh tokens': () => {
    const [cli] = of('AWS::Cognito::UserPoolClient').map((c) => c.Properties);
    expect(cli.RefreshTokenRotation).toEqual({ Feature: 'DISABLED' });
    return ['not on the others, including the default `cli` client'];
  },
  'JWT authorizer': () => {
    const authorizer = one('AWS::ApiGatewayV2::Authorizer');
    expect(authorizer.JwtConfiguration.Issuer['Fn::Join'][1].slice(-1)).toEqual([{ Ref: Object.keys(resources).find((id) => resources[id].Type === 'AWS::Cognito::UserPool') }]);
    expect(authorizer.JwtConfiguration.Audience).toEqual(Object.keys(resources).filter((id) => resources[id].Type === 'AWS::Cognito::UserPoolClient').map((id) => ({ Ref: id })));
    const header = /^\$request\.header\.(\w+)$/.exec(authorizer.IdentitySource[0])![1];
    return ['issuer = the pool', 'audience = every client id', `token from the \`${header}\` header`];
  },
  'Default route': () => {
    const route = one('AWS::ApiGatewayV2::Route');
    expect(route.AuthorizationScopes).toEqual(api.defaultRouteScopes);
    return [`\`${route.RouteKey}\``, ...route.AuthorizationScopes.map((s: string) => `\`${s}\``)];
  },
  'Routes': () => {
    const integration = one('AWS::ApiGatewayV2::Integration');
    return [`Lambda proxy payload ${integration.PayloadFormatVersion}`, `${integration.TimeoutInMillis / 1000} s integration timeout`];
  },
  'CORS': () => {
    expect(one('AWS::ApiGatewayV2::Api').CorsConfiguration).toBeUndefined();
    return ['off'];
  },
  'Throttling': () => {
    const stage = one('AWS::ApiGatewayV2::Stage');
    const { ThrottlingRateLimit: rate, ThrottlingBurstLimit: burst } = stage.DefaultRouteSettings;
    return [`${rate} requests/s steady, ${burst} burst`, `on the \`${stage.StageName}\` stage`];
  },
  'Access logs': () => {
    const fields = Object.keys(JSON.parse(one('AWS::ApiGatewayV2::Stage').AccessLogSettings.Format));
    return [`JSON lines with ${fields.map((f) => `\`${f}\``).join(', ')}`];
  },
  'Log retention': () => {
    const days = new Set(of('AWS::Logs::LogGroup').map((g) => g.Properties.RetentionInDays));
    expect(days.size).toBe(1);
    expect(of('AWS::Logs::LogGroup')).toHaveLength(3);
    return [`${DAYS_IN_WORDS[[...days][0]]}, for the access log, the handler's log and the VPC flow log`];
  },
  'Handler': () => {
    const fn = one('AWS::Lambda::Function');
    expect(fn.TracingConfig).toEqual({ Mode: 'Active' });
    expect(fn.LoggingConfig.LogFormat).toBe('JSON');
    const runtime = /^nodejs(\d+\.x)$/.exec(fn.Runtime)![1];
    return [`Node.js ${runtime} on ${fn.Architectures[0]}`, `${fn.MemorySize} MB, ${fn.Timeout} s timeout, X-Ray active tracing, JSON logs`];
  },
  'VPC': () => {
    const subnets = of('AWS::EC2::Subnet').map((s) => s.Properties);
    expect(subnets.every((s) => s.MapPublicIpOnLaunch === false)).toBe(true);
    expect([of('AWS::EC2::NatGateway').length, of('AWS::EC2::InternetGateway').length]).toEqual([0, 0]);
    const masks = new Set(subnets.map((s) => s.CidrBlock.split('/')[1]));
    expect(masks.size).toBe(1);
    return [`new, ${subnets.length} AZs, isolated private subnets (/${[...masks][0]}), no NAT gateway, no internet gateway, no public subnet`];
  },
  'VPC endpoints': () => {
    const endpoints = of('AWS::EC2::VPCEndpoint').map((e) => e.Properties);
    expect(endpoints.map((e) => e.VpcEndpointType ?? 'Gateway')).toEqual(['Gateway', 'Gateway']);
    expect(endpoints.map((e) => e.ServiceName['Fn::Join'][1][2])).toEqual(['.s3', '.dynamodb']);
    return ['S3 and DynamoDB gateway endpoints; no interface endpoint'];
  },
  'Flow logs': () => {
    const flow = one('AWS::EC2::FlowLog');
    expect([flow.TrafficType, flow.LogDestinationType]).toEqual(['ALL', 'cloud-watch-logs']);
    return ['all traffic of the created VPC, to CloudWatch Logs'];
  },
  'Security group': () => {
    const group = one('AWS::EC2::SecurityGroup');
    expect(group.SecurityGroupIngress).toBeUndefined();
    expect(group.SecurityGroupEgress).toHaveLength(1);
    const [egress] = group.SecurityGroupEgress;
    expect([egress.CidrIp, egress.FromPort]).toEqual(['0.0.0.0/0', egress.ToPort]);
    return [`no ingress; egress ${egress.IpProtocol.toUpperCase()} ${egress.FromPort} only`];
  },
  'Outputs': () => {
    const outputs = Object.keys(template.toJSON().Outputs);
    expect(outputs).toEqual(['ApiApiUrl', 'ApiUserPoolId', 'ApiIssuer', 'ApiClientIdcli']);
    expect(JSON.stringify(template.toJSON().Outputs)).not.toMatch(/ClientSecret/);
    return ['API URL, issuer, pool id, client ids', 'never a client secret'];
  },
};

/** Props and members a row names in its Prop column exist in the library's source. */
const SOURCE = fs.readdirSync(path.join(__dirname, '..', 'src'), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts')).map((f) => fs.readFileSync(path.join(__dirname, '..', 'src', f), 'utf8')).join('\n');
function unknownProps(props: string): string[] {
  return [...props.matchAll(/`([\w.()]+)`/g)].map((m) => m[1]).filter((name) => {
    if (name.endsWith('()')) return !new RegExp(`public ${name.slice(0, -2)}\\(`).test(SOURCE);
    if (name.startsWith('api.')) return !new RegExp(`\\b(readonly|get) ${name.slice(4)}\\b`).test(SOURCE);
    return !new RegExp(`readonly ${name}\\?:`).test(SOURCE);
  });
}

const ROWS = defaultsTable(README);

describe('README "Defaults and why", row by row, against the default deployment', () => {
  beforeAll(() => {
    const app = new App({ context: { 'aws:cdk:disable-creation-stack-traces': true } });
    const stack = new Stack(app, 'HelloApi', { env: { account: '111111111111', region: 'us-east-1' } });
    api = new SecureCognitoApi(stack, 'Api');
    template = Template.fromStack(stack);
    resources = template.toJSON().Resources;
  });

  test('every row has a check, and every check a row', () => {
    expect(ROWS.map((r) => r.part)).toEqual(Object.keys(CHECKS));
  });

  test.each(ROWS.map((r) => [r.part, r] as const))('%s: the Default cell says what the template holds, and its props exist', (part, row) => {
    const check = CHECKS[part];
    expect(check).toBeDefined();
    const missing = check().filter((phrase) => !row.value.includes(phrase));
    expect(missing).toEqual([]);
    expect(unknownProps(row.props)).toEqual([]);
  });

  test('the table is read: a changed cell fails its row', () => {
    const changed = README.replace('| Throttling | 100 requests/s steady', '| Throttling | 50 requests/s steady');
    const row = defaultsTable(changed).find((r) => r.part === 'Throttling')!;
    expect(CHECKS.Throttling().filter((phrase) => !row.value.includes(phrase))).toEqual(['100 requests/s steady, 200 burst']);
  });
});

describe('README statements next to the table', () => {
  beforeAll(() => {
    if (template) return;
    const app = new App({ context: { 'aws:cdk:disable-creation-stack-traces': true } });
    const stack = new Stack(app, 'HelloApi', { env: { account: '111111111111', region: 'us-east-1' } });
    new SecureCognitoApi(stack, 'Api');
    template = Template.fromStack(stack);
  });

  test('"Call the API": the snippet looks each output up by its whole key, and every key it uses exists', () => {
    const section = README.slice(README.indexOf('### Call the API'), README.indexOf('## App clients'));
    // A prefix match (starts_with) would return both ApiClientIdcli and ApiClientIdcliadmin.
    expect(section).toContain("Outputs[?OutputKey=='$1'].OutputValue");
    expect(section).not.toContain('starts_with');
    const keys = [...section.matchAll(/\$\(out (\w+)\)/g)].map((m) => m[1]);
    expect(keys).toEqual(['ApiApiUrl', 'ApiUserPoolId', 'ApiClientIdcli']);
    const outputs = Object.keys(template.toJSON().Outputs);
    for (const key of keys) expect(outputs).toContain(key);
  });

  test('"$0 when idle" is promised next to the price of idleness (Lambda reclaims a VPC function\'s ENIs)', () => {
    const intro = README.slice(0, README.indexOf('```'));
    expect(intro).toContain('$0 when idle (after weeks idle the first request\nmay fail: see [the price of idleness](#the-price-of-idleness))');
    const idle = README.slice(README.indexOf('#### The price of idleness'), README.indexOf('<!-- cost-table:start'));
    expect(idle).toContain('"$0 when idle" has a price of its own.');
    expect(idle).toContain('(https://docs.aws.amazon.com/lambda/latest/dg/functions-states.html)');
    expect(idle).toMatch(/`Inactive`[\s\S]*`Pending`/);
  });
});
