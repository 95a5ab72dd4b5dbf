// The README's "Defaults and why" table, row by row, against what `new SecureCognitoApi(this, 'Api')`
// synthesizes. When a default changes, this fails until the README row (and this test) says so.
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { SecureCognitoApi } from '../src';

describe('README "Defaults and why" matches the default deployment', () => {
  let template: Template;
  let api: SecureCognitoApi;
  beforeAll(() => {
    const app = new App({ context: { 'aws:cdk:disable-creation-stack-traces': true } });
    const stack = new Stack(app, 'HelloApi', { env: { account: '111111111111', region: 'us-east-1' } });
    api = new SecureCognitoApi(stack, 'Api');
    template = Template.fromStack(stack);
  });

  test('Sign-up: admin approval (self sign-up on, nothing auto-verified)', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
      AutoVerifiedAttributes: [],
    });
  });

  test('Sign-in: username or e-mail alias, case-insensitive, e-mail required', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AliasAttributes: ['email'],
      UsernameConfiguration: { CaseSensitive: false },
      Schema: Match.arrayWith([Match.objectLike({ Name: 'email', Required: true })]),
    });
  });

  test('Passwords: 12 characters, every class, temporary passwords 3 days', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      Policies: {
        PasswordPolicy: {
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
          TemporaryPasswordValidityDays: 3,
        },
      },
    });
  });

  test('MFA: optional, TOTP only; account recovery by e-mail only', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
    });
  });

  test('Feature plan: Essentials; Deletion: protection on and Retain', () => {
    template.hasResource('AWS::Cognito::UserPool', {
      Properties: Match.objectLike({ UserPoolTier: 'ESSENTIALS', DeletionProtection: 'ACTIVE' }),
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  test('Hosted UI: a Cognito prefix domain with managed login version 2', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      ManagedLoginVersion: 2,
      CustomDomainConfig: Match.absent(),
    });
  });

  test('App clients: one password-auth client "cli" with a secret, no OAuth flow', () => {
    template.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ClientName: 'cli',
      GenerateSecret: true,
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      AllowedOAuthFlowsUserPoolClient: false,
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
      AuthSessionValidity: 3,
      AccessTokenValidity: 60,
      IdTokenValidity: 60,
      RefreshTokenValidity: 43200,
    });
  });

  test('Resource server: identifier api with scopes read and write', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolResourceServer', {
      Identifier: 'api',
      Scopes: [Match.objectLike({ ScopeName: 'read' }), Match.objectLike({ ScopeName: 'write' })],
    });
  });

  test('Issuer: the updated issuer on the pool and in the authorizer', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', { IssuerConfiguration: { Type: 'UPDATED' } });
    const [authorizer] = Object.values<any>(template.findResources('AWS::ApiGatewayV2::Authorizer'));
    expect(authorizer.Properties.JwtConfiguration.Issuer['Fn::Join'][1][0]).toBe('https://issuer-cognito-idp.us-east-1.');
  });

  test('Pool encryption: Cognito\'s AWS owned key, written out, and no KMS key', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', { KeyConfiguration: { KeyType: 'AWS_OWNED_KEY' } });
    template.resourceCountIs('AWS::KMS::Key', 0);
  });

  test('Refresh tokens: the default cli client does not rotate, and says so', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ClientName: 'cli', RefreshTokenRotation: { Feature: 'DISABLED' }, ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    });
  });

  test('JWT authorizer: issuer is the pool, audience every client, Authorization header', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: Match.stringLikeRegexp('^ApiClientscli') }],
        Issuer: Match.anyValue(),
      },
    });
  });

  test('Default route: GET / with the scope of the default client\'s tokens', () => {
    expect(api.defaultRouteScopes).toEqual(['aws.cognito.signin.user.admin']);
    template.resourceCountIs('AWS::ApiGatewayV2::Route', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'GET /',
      AuthorizationType: 'JWT',
      AuthorizationScopes: ['aws.cognito.signin.user.admin'],
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      PayloadFormatVersion: '2.0',
      TimeoutInMillis: 29000,
    });
  });

  test('CORS off; throttling 100/s and 200 burst; JSON access logs with the documented fields', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { CorsConfiguration: Match.absent() });
    const stages = template.findResources('AWS::ApiGatewayV2::Stage');
    const stage = Object.values(stages)[0].Properties;
    expect(stage.StageName).toBe('$default');
    expect(stage.DefaultRouteSettings).toMatchObject({ ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 });
    expect(Object.keys(JSON.parse(stage.AccessLogSettings.Format))).toEqual([
      'requestId', 'requestTime', 'ip', 'httpMethod', 'routeKey', 'path', 'protocol', 'status', 'responseLength',
      'latency', 'integrationLatency', 'integrationStatus', 'integrationError', 'authorizerError', 'errorMessage', 'clientId',
    ]);
  });

  test('Log retention: one month for the access log, the handler log and the flow log', () => {
    template.resourceCountIs('AWS::Logs::LogGroup', 3);
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  test('Handler: nodejs24.x, arm64, 256 MB, 10 s, active tracing, JSON logs', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      MemorySize: 256,
      Timeout: 10,
      TracingConfig: { Mode: 'Active' },
      LoggingConfig: Match.objectLike({ LogFormat: 'JSON' }),
      VpcConfig: Match.objectLike({ SubnetIds: Match.anyValue() }),
    });
  });

  test('VPC: 2 AZs of isolated subnets, no NAT, no internet gateway, S3 and DynamoDB gateway endpoints, flow logs', () => {
    template.resourceCountIs('AWS::EC2::Subnet', 2);
    template.allResourcesProperties('AWS::EC2::Subnet', { MapPublicIpOnLaunch: false });
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    template.resourceCountIs('AWS::EC2::InternetGateway', 0);
    template.resourceCountIs('AWS::EC2::VPCEndpoint', 2);
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', { VpcEndpointType: 'Gateway' });
    template.hasResourceProperties('AWS::EC2::FlowLog', { TrafficType: 'ALL', LogDestinationType: 'cloud-watch-logs' });
  });

  test('Security group: no ingress, HTTPS egress only', () => {
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupIngress: Match.absent(),
      SecurityGroupEgress: [{ CidrIp: '0.0.0.0/0', IpProtocol: 'tcp', FromPort: 443, ToPort: 443, Description: Match.anyValue() }],
    });
  });

  test('Outputs: the documented ones, and none holds a client secret', () => {
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    // The default client `cli` signs in with InitiateAuth: no hosted UI, no token endpoint.
    expect(Object.keys(outputs)).toEqual(['ApiApiUrl', 'ApiUserPoolId', 'ApiIssuer', 'ApiClientIdcli']);
    expect(JSON.stringify(outputs)).not.toMatch(/ClientSecret/);
  });

  test('"Call the API": the snippet looks each output up by its whole key, and every key it uses exists', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### Call the API'), readme.indexOf('## App clients'));
    // A prefix match (starts_with) would return both ApiClientIdcli and ApiClientIdcliadmin.
    expect(section).toContain("Outputs[?OutputKey=='$1'].OutputValue");
    expect(section).not.toContain('starts_with');
    const keys = [...section.matchAll(/\$\(out (\w+)\)/g)].map((m) => m[1]);
    expect(keys).toEqual(['ApiApiUrl', 'ApiUserPoolId', 'ApiClientIdcli']);
    const outputs = Object.keys(template.toJSON().Outputs);
    for (const key of keys) expect(outputs).toContain(key);
  });

  test('"$0 when idle" is promised next to the price of idleness (Lambda reclaims a VPC function\'s ENIs)', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
    const intro = readme.slice(0, readme.indexOf('```'));
    expect(intro).toContain('$0 when idle (after weeks idle the first request\nmay fail: see [the price of idleness](#the-price-of-idleness))');
    const idle = readme.slice(readme.indexOf('#### The price of idleness'), readme.indexOf('<!-- cost-table:start'));
    expect(idle).toContain('"$0 when idle" has a price of its own.');
    expect(idle).toContain('(https://docs.aws.amazon.com/lambda/latest/dg/functions-states.html)');
    expect(idle).toMatch(/`Inactive`[\s\S]*`Pending`/);
  });
});
