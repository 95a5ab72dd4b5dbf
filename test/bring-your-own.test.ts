import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { newestNodeRuntimeOfCdkLib } from './util';
import { AuthDomain, SecureCognitoApi } from '../src';

function setup() {
  // The VPC the construct creates asks for the AZs of an env-specific stack: answer from context.
  const app = new App({ context: { 'availability-zones:account=123456789012:region=eu-west-1': ['eu-west-1a', 'eu-west-1b'] } });
  const stack = new Stack(app, 'Stack', { env: { account: '123456789012', region: 'eu-west-1' } });
  return { app, stack };
}

/** A VPC known by its attributes, as `Vpc.fromLookup()` would return one, without a lookup. */
function importedVpc(stack: Stack, withPrivate = true): ec2.IVpc {
  return ec2.Vpc.fromVpcAttributes(stack, 'Imported', {
    vpcId: 'vpc-0example',
    availabilityZones: ['eu-west-1a', 'eu-west-1b'],
    publicSubnetIds: ['subnet-pub1', 'subnet-pub2'],
    privateSubnetIds: withPrivate ? ['subnet-priv1', 'subnet-priv2'] : undefined,
  });
}

function builtInFunctions(template: Template) {
  return template.findResources('AWS::Lambda::Function', { Properties: { Description: Match.stringLikeRegexp('built-in handler') } });
}

describe('existing VPC', () => {
  test('default: the handler goes to the private subnets of the given VPC, no VPC is created', () => {
    // GIVEN
    const { stack } = setup();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
    // WHEN
    const api = new SecureCognitoApi(stack, 'Api', { vpc });
    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::EC2::VPC', 1);
    template.resourceCountIs('AWS::EC2::FlowLog', 0);
    template.hasResourceProperties('AWS::Lambda::Function', {
      VpcConfig: { SubnetIds: vpc.privateSubnets.map((s) => ({ Ref: stack.getLogicalId(s.node.defaultChild as ec2.CfnSubnet) })) },
    });
    expect(api.vpc).toBe(vpc);
    expect(api.flowLogGroup).toBeUndefined();
  });

  test('vpcSubnets selects a subnet group of the given VPC', () => {
    // GIVEN
    const { stack } = setup();
    const vpc = new ec2.Vpc(stack, 'Vpc', {
      maxAzs: 2,
      natGateways: 1,
      subnetConfiguration: [
        { name: 'Ingress', subnetType: ec2.SubnetType.PUBLIC },
        { name: 'App', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
        { name: 'Data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      ],
    });
    // WHEN
    new SecureCognitoApi(stack, 'Api', { vpc, vpcSubnets: { subnetGroupName: 'Data' } });
    // THEN
    const data = vpc.selectSubnets({ subnetGroupName: 'Data' }).subnets;
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', {
      VpcConfig: { SubnetIds: data.map((s) => ({ Ref: stack.getLogicalId(s.node.defaultChild as ec2.CfnSubnet) })) },
    });
  });

  test('a VPC imported by attributes, with its private subnets by default and without any lookup', () => {
    // GIVEN
    const { app, stack } = setup();
    // WHEN
    new SecureCognitoApi(stack, 'Api', { vpc: importedVpc(stack) });
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', {
      VpcConfig: { SubnetIds: ['subnet-priv1', 'subnet-priv2'] },
    });
    expect(app.synth().manifest.missing).toBeUndefined();
  });

  describe('refusals', () => {
    test('a selection of public subnets (created VPC: subnets named by path)', () => {
      const { stack } = setup();
      const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
      expect(() => new SecureCognitoApi(stack, 'Api', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC } }))
        .toThrow('`vpcSubnets` must select private or isolated subnets: the handler must not run in a public subnet, '
          + 'got: ["Stack/Vpc/PublicSubnet1", "Stack/Vpc/PublicSubnet2"]');
    });

    test('a selection of public subnets (imported VPC: subnets named by id)', () => {
      const { stack } = setup();
      expect(() => new SecureCognitoApi(stack, 'Api', { vpc: importedVpc(stack), vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC } }))
        .toThrow('`vpcSubnets` must select private or isolated subnets: the handler must not run in a public subnet, '
          + 'got: ["subnet-pub1", "subnet-pub2"]');
    });

    test('a public subnet given by object', () => {
      const { stack } = setup();
      const vpc = importedVpc(stack);
      expect(() => new SecureCognitoApi(stack, 'Api', { vpc, vpcSubnets: { subnets: [vpc.privateSubnets[0], vpc.publicSubnets[1]] } }))
        .toThrow('`vpcSubnets` must select private or isolated subnets: the handler must not run in a public subnet, got: ["subnet-pub2"]');
    });

    test('a VPC with public subnets only and no selection', () => {
      const { stack } = setup();
      expect(() => new SecureCognitoApi(stack, 'Api', { vpc: importedVpc(stack, false) }))
        .toThrow('`vpc` has no private or isolated subnet for the handler (the default selection fell back to its public subnets); '
          + 'select private subnets with `vpcSubnets`, got: ["subnet-pub1", "subnet-pub2"]');
    });
  });
});

describe('existing Lambda function', () => {
  test('default: the built-in handler (the newest Node.js runtime, arm64) in a created VPC', () => {
    // GIVEN
    const { stack } = setup();
    // WHEN
    const api = new SecureCognitoApi(stack, 'Api');
    // THEN
    const template = Template.fromStack(stack);
    expect(Object.keys(builtInFunctions(template))).toHaveLength(1);
    template.hasResourceProperties('AWS::Lambda::Function', { Runtime: newestNodeRuntimeOfCdkLib(), Architectures: ['arm64'] });
    template.resourceCountIs('AWS::EC2::VPC', 1);
    expect(api.vpc).toBeDefined();
  });

  test('handler: your function serves the default route; no built-in handler, VPC or security group', () => {
    // GIVEN
    const { stack } = setup();
    const mine = lambda.Function.fromFunctionAttributes(stack, 'Mine', {
      functionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:mine',
      sameEnvironment: true,
    });
    // WHEN
    const api = new SecureCognitoApi(stack, 'Api', { handler: mine });
    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Lambda::Function', 0);
    template.resourceCountIs('AWS::EC2::VPC', 0);
    template.resourceCountIs('AWS::EC2::SecurityGroup', 0);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationUri: 'arn:aws:lambda:eu-west-1:123456789012:function:mine',
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      FunctionName: 'arn:aws:lambda:eu-west-1:123456789012:function:mine',
      Principal: 'apigateway.amazonaws.com',
    });
    expect(api.handler).toBe(mine);
    expect(api.vpc).toBeUndefined();
    expect(api.securityGroup).toBeUndefined();
  });

  test('refusal: network props beside your own function', () => {
    const { stack } = setup();
    const mine = lambda.Function.fromFunctionArn(stack, 'Mine', 'arn:aws:lambda:eu-west-1:123456789012:function:mine');
    expect(() => new SecureCognitoApi(stack, 'Api', { handler: mine, vpc: importedVpc(stack) }))
      .toThrow('`handler` is your own function: vpc, vpcSubnets, egress and interfaceEndpoints configure the built-in handler '
        + 'and must be left unset (set: vpc), got: "Stack/Mine"');
  });
});

describe('extra routes', () => {
  test('default: addRoute() serves GET with the default route scopes and the construct\'s handler', () => {
    // GIVEN
    const { stack } = setup();
    const api = new SecureCognitoApi(stack, 'Api');
    // WHEN
    const routes = api.addRoute({ path: '/status' });
    // THEN
    const template = Template.fromStack(stack);
    expect(routes).toHaveLength(1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'GET /status',
      AuthorizationType: 'JWT',
      AuthorizationScopes: api.defaultRouteScopes,
    });
    template.resourceCountIs('AWS::ApiGatewayV2::Integration', 1);
  });

  test('addRoute() with its own function, methods and scopes', () => {
    // GIVEN
    const { stack } = setup();
    const api = new SecureCognitoApi(stack, 'Api');
    const items = new lambda.Function(stack, 'Items', {
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 204 });'),
    });
    // WHEN
    const routes = api.addRoute({
      path: '/items/{id}',
      methods: [apigwv2.HttpMethod.PUT, apigwv2.HttpMethod.DELETE],
      scopes: [api.scope('write')],
      handler: items,
    });
    // THEN
    const template = Template.fromStack(stack);
    expect(routes).toHaveLength(2);
    const itemsId = stack.getLogicalId(items.node.defaultChild as lambda.CfnFunction);
    const [integrationId] = Object.keys(template.findResources('AWS::ApiGatewayV2::Integration', {
      Properties: { IntegrationUri: { 'Fn::GetAtt': [itemsId, 'Arn'] } },
    }));
    expect(integrationId).toBeDefined();
    for (const method of ['PUT', 'DELETE']) {
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: `${method} /items/{id}`,
        AuthorizationType: 'JWT',
        AuthorizationScopes: ['api/write'],
        Target: { 'Fn::Join': ['', ['integrations/', { Ref: integrationId }]] },
      });
    }
    template.resourceCountIs('AWS::ApiGatewayV2::Integration', 2);
  });
});

describe('existing hosted zones and certificates', () => {
  test('zones and certificates by attributes: no certificate is created, no context lookup', () => {
    // GIVEN
    const { app, stack } = setup();
    const zone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z0EXAMPLE', zoneName: 'example.com' });
    const authCert = acm.Certificate.fromCertificateArn(stack, 'AuthCert',
      'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555');
    const apiCert = acm.Certificate.fromCertificateArn(stack, 'ApiCert',
      'arn:aws:acm:eu-west-1:123456789012:certificate/66666666-7777-8888-9999-000000000000');
    // WHEN
    const api = new SecureCognitoApi(stack, 'Api', {
      authDomain: AuthDomain.custom({ domainName: 'auth.example.com', hostedZone: zone, certificate: authCert }),
      apiDomain: { domainName: 'api.example.com', hostedZone: zone, certificate: apiCert },
    });
    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::CertificateManager::Certificate', 0);
    template.resourceCountIs('AWS::Route53::RecordSet', 4);
    expect(api.authCertificate).toBe(authCert);
    expect(api.apiCertificate).toBe(apiCert);
    expect(app.synth().manifest.missing).toBeUndefined();
  });
});
