import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { newestNodeRuntimeOfCdkLib, only, resources, synth } from './util';
import { machineTokensStack } from '../fixtures/configs';
import { EgressMode, SecureCognitoApi } from '../src';

describe('network', () => {
  test('default: no NAT gateway, no internet gateway, no public subnet — two isolated subnets in two AZs', () => {
    const { template } = synth();
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    template.resourceCountIs('AWS::EC2::InternetGateway', 0);
    template.resourceCountIs('AWS::EC2::EIP', 0);
    const subnets = Object.values(resources(template, 'AWS::EC2::Subnet')).map((s) => s.Properties);
    expect(subnets).toHaveLength(2);
    for (const s of subnets) expect(s.MapPublicIpOnLaunch).toBe(false);
    expect(new Set(subnets.map((s) => JSON.stringify(s.AvailabilityZone))).size).toBe(2);
    expect(Object.values(resources(template, 'AWS::EC2::Route'))).toHaveLength(0);
  });

  test('default: free S3 and DynamoDB gateway endpoints, no interface endpoint', () => {
    const endpoints = Object.values(resources(synth().template, 'AWS::EC2::VPCEndpoint')).map((e) => e.Properties);
    expect(endpoints.map((e) => e.VpcEndpointType)).toEqual(['Gateway', 'Gateway']);
    expect(endpoints.map((e) => JSON.stringify(e.ServiceName)).join()).toMatch(/s3.*dynamodb/);
  });

  test('override: one NAT gateway', () => {
    const { template } = synth({ egress: EgressMode.SINGLE_NAT_GATEWAY });
    template.resourceCountIs('AWS::EC2::NatGateway', 1);
    template.resourceCountIs('AWS::EC2::InternetGateway', 1);
  });

  test('override: a NAT gateway per AZ, the brief\'s design', () => {
    const { template } = synth({ egress: EgressMode.NAT_GATEWAY_PER_AZ });
    template.resourceCountIs('AWS::EC2::NatGateway', 2);
    template.resourceCountIs('AWS::EC2::Subnet', 4);
  });

  test('override: interface endpoints with private DNS in the private subnets', () => {
    const { template } = synth({ interfaceEndpoints: [ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER] });
    const iface = Object.values(resources(template, 'AWS::EC2::VPCEndpoint'))
      .map((e) => e.Properties).filter((e) => e.VpcEndpointType === 'Interface');
    expect(iface).toHaveLength(1);
    expect(iface[0].PrivateDnsEnabled).toBe(true);
    expect(iface[0].ServiceName).toEqual({ 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.secretsmanager']] });
    expect(iface[0].SubnetIds).toHaveLength(2);
  });

  test('default: flow logs of all traffic to CloudWatch Logs', () => {
    const flow = only(synth().template, 'AWS::EC2::FlowLog');
    expect(flow.TrafficType).toBe('ALL');
    expect(flow.LogDestinationType).toBe('cloud-watch-logs');
  });

  test('override: no flow logs', () => {
    synth({ flowLogs: false }).template.resourceCountIs('AWS::EC2::FlowLog', 0);
  });

  test('security group: no ingress, HTTPS egress only', () => {
    const { template, api } = synth();
    const sg = only(template, 'AWS::EC2::SecurityGroup');
    expect(sg.SecurityGroupIngress).toBeUndefined();
    expect(sg.SecurityGroupEgress).toEqual([
      { CidrIp: '0.0.0.0/0', Description: 'HTTPS to AWS service endpoints (VPC endpoints or NAT)', FromPort: 443, IpProtocol: 'tcp', ToPort: 443 },
    ]);
    expect(api.connections.securityGroups).toEqual([api.securityGroup]);
  });

  test('override: a given VPC — no VPC created, the handler in its private subnets', () => {
    const stack = new Stack(new App(), 'Given');
    const given = new ec2.Vpc(stack, 'Given', { maxAzs: 2, natGateways: 1 });
    const api = new SecureCognitoApi(stack, 'Api', { vpc: given });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::EC2::VPC', 1);
    template.resourceCountIs('AWS::EC2::FlowLog', 0);
    expect(api.vpc).toBe(given);
    const fn = only(template, 'AWS::Lambda::Function');
    const privateIds = given.privateSubnets.map((s) => stack.resolve(s.subnetId));
    expect(fn.VpcConfig.SubnetIds).toEqual(privateIds);
  });
});

describe('built-in handler', () => {
  test('default: the newest Node.js runtime on arm64, 10 s timeout, 256 MB, active tracing, JSON logs to its own log group', () => {
    const { template } = synth();
    const fn = only(template, 'AWS::Lambda::Function');
    expect(fn).toEqual(expect.objectContaining({
      Runtime: newestNodeRuntimeOfCdkLib(),
      Architectures: ['arm64'],
      Timeout: 10,
      MemorySize: 256,
      TracingConfig: { Mode: 'Active' },
      LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: expect.stringMatching(/^ApiHandlerLogs/) } },
    }));
    expect(fn.Timeout).toBeLessThan(30);
  });

  test('default: in the private subnets of both AZs, with the construct\'s security group, no secret in its environment', () => {
    const { template } = synth();
    const fn = only(template, 'AWS::Lambda::Function');
    const subnetIds = Object.entries(resources(template, 'AWS::EC2::Subnet')).map(([id]) => id).sort();
    expect(fn.VpcConfig.SubnetIds.map((s: any) => s.Ref).sort()).toEqual(subnetIds);
    expect(fn.VpcConfig.SecurityGroupIds).toEqual([{ 'Fn::GetAtt': [expect.stringMatching(/SecurityGroup/), 'GroupId'] }]);
    expect(Object.keys(fn.Environment.Variables)).toEqual(['AWS_NODEJS_CONNECTION_REUSE_ENABLED']);
  });

  test('override: timeout and memory', () => {
    const fn = only(synth({ handlerTimeout: Duration.seconds(25), handlerMemorySize: 512 }).template, 'AWS::Lambda::Function');
    expect([fn.Timeout, fn.MemorySize]).toEqual([25, 512]);
  });

  test('override: your own function — no built-in function, no VPC created', () => {
    const stack = new Stack(new App(), 'Own');
    const own = new lambda.Function(stack, 'Own', {
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 })'),
    });
    const api = new SecureCognitoApi(stack, 'Api', { handler: own });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Lambda::Function', 1);
    template.resourceCountIs('AWS::EC2::VPC', 0);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', { IntegrationUri: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Own'), 'Arn'] } });
    expect(api.handler).toBe(own);
    expect(api.vpc).toBeUndefined();
  });
});

describe('runtime of every function the construct creates', () => {
  test('the handler, the pre-token trigger and the secret-rotation function all run the newest Node.js runtime of aws-cdk-lib', () => {
    // GIVEN the machine-token configuration: a built-in handler, a V3 trigger and rotating secrets
    const app = new App();
    const stack = machineTokensStack(app);
    // WHEN
    const functions = Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function'));
    // THEN
    expect(functions.length).toBeGreaterThanOrEqual(3);
    expect(new Set(functions.map((f) => f.Properties.Runtime))).toEqual(new Set([newestNodeRuntimeOfCdkLib()]));
  });
});
