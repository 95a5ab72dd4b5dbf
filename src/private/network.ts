import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { refuseWithOwnHandler } from './built-in-handler';
import { createLogGroup, DataPolicy } from './data-resources';
import { check, isConcrete } from './validate';
import { validateHandlerSubnets } from './vpc-subnets';
import { EgressMode } from '../options';
import type { SecureCognitoApiProps } from '../secure-cognito-api-props';
import { SecurityProfile } from '../security-profile';

export interface NetworkProps {
  readonly vpc?: ec2.IVpc;
  readonly vpcSubnets?: ec2.SubnetSelection;
  readonly egress: EgressMode;
  readonly interfaceEndpoints: ec2.InterfaceVpcEndpointAwsService[];
  readonly flowLogs: boolean;
  /** How the flow log group is born. */
  readonly logs: DataPolicy;
}

/** The handler's network: a VPC (created or given), its private subnets and a security group. */
export class Network extends Construct {
  public readonly vpc: ec2.IVpc;
  public readonly vpcSubnets: ec2.SubnetSelection;
  public readonly securityGroup: ec2.SecurityGroup;
  public readonly flowLogGroup?: logs.LogGroup;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    if (props.vpc) {
      this.vpc = props.vpc;
      this.vpcSubnets = props.vpcSubnets ?? {};
    } else {
      const vpc = new ec2.Vpc(this, 'Vpc', {
        maxAzs: 2,
        natGateways: natGatewayCount(props.egress),
        subnetConfiguration: props.egress === EgressMode.NONE
          ? [{ name: 'Private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 22 }]
          : [
            { name: 'Public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24, mapPublicIpOnLaunch: false },
            { name: 'Private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
          ],
        // Gateway endpoints cost nothing and keep S3/DynamoDB traffic off the NAT.
        gatewayEndpoints: {
          S3: { service: ec2.GatewayVpcEndpointAwsService.S3 },
          DynamoDB: { service: ec2.GatewayVpcEndpointAwsService.DYNAMODB },
        },
        // Would add a custom resource (a Lambda) to every stack; the default SG is unused here.
        restrictDefaultSecurityGroup: false,
      });
      if (props.flowLogs) {
        this.flowLogGroup = createLogGroup(this, 'FlowLogs', props.logs);
        vpc.addFlowLog('FlowLog', {
          destination: ec2.FlowLogDestination.toCloudWatchLogs(this.flowLogGroup),
          trafficType: ec2.FlowLogTrafficType.ALL,
        });
      }
      this.vpc = vpc;
      this.vpcSubnets = { subnetGroupName: 'Private' };
    }

    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: this.vpc,
      description: 'SecureCognitoApi handler: no ingress; HTTPS egress to AWS APIs only',
      allowAllOutbound: false,
    });
    this.securityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443),
      'HTTPS to AWS service endpoints (VPC endpoints or NAT)');

    for (const service of props.interfaceEndpoints) {
      new ec2.InterfaceVpcEndpoint(this, `Endpoint-${service.shortName}`, {
        vpc: this.vpc,
        service,
        privateDnsEnabled: true,
        subnets: this.vpcSubnets,
      });
    }
  }
}

function natGatewayCount(egress: EgressMode): number {
  switch (egress) {
    case EgressMode.NONE: return 0;
    case EgressMode.SINGLE_NAT_GATEWAY: return 1;
    case EgressMode.NAT_GATEWAY_PER_AZ: return 2;
  }
}

/**
 * The handler's network: only with the built-in handler, `egress` only for a created VPC,
 * `vpcSubnets` only in a given one (and never its public subnets), each interface endpoint once,
 * flow logs kept under the COMPLIANCE profile.
 */
export function validateNetwork(props: SecureCognitoApiProps): void {
  refuseWithOwnHandler(props, ['vpc', 'vpcSubnets', 'egress', 'interfaceEndpoints']);
  check(!(props.vpc && props.egress), 'egress', 'only applies to the VPC the construct creates; it must be left unset with `vpc`', props.egress);
  check(!(props.vpcSubnets && !props.vpc), 'vpcSubnets', 'needs `vpc`', describeSelection(props.vpcSubnets));
  const endpoints = (props.interfaceEndpoints ?? []).map((e) => e.shortName);
  const dup = endpoints.find((e, i) => endpoints.indexOf(e) !== i);
  check(dup === undefined, 'interfaceEndpoints', 'must not repeat a service', dup);
  check(!(props.securityProfile === SecurityProfile.COMPLIANCE && props.flowLogs === false), 'flowLogs',
    'cannot be turned off with SecurityProfile.COMPLIANCE', props.flowLogs);
  if (props.vpc && !props.handler) validateHandlerSubnets(props.vpc, props.vpcSubnets);
}

/** A subnet selection as the user wrote it, e.g. `{subnetType: "PRIVATE_ISOLATED"}`. */
function describeSelection(selection: ec2.SubnetSelection | undefined): { toHumanString(): string } {
  return {
    toHumanString: () => {
      if (!selection) return 'undefined';
      const parts: string[] = [];
      if (selection.subnetType) parts.push(`subnetType: "${selection.subnetType}"`);
      if (selection.subnetGroupName) parts.push(`subnetGroupName: "${selection.subnetGroupName}"`);
      if (selection.availabilityZones) parts.push(`availabilityZones: [${selection.availabilityZones.map((z) => JSON.stringify(z)).join(', ')}]`);
      if (selection.onePerAz !== undefined) parts.push(`onePerAz: ${selection.onePerAz}`);
      if (selection.subnets) parts.push(`subnets: [${selection.subnets.map((n) => JSON.stringify(isConcrete(n.subnetId) ? n.subnetId : n.node.path)).join(', ')}]`);
      if (selection.subnetFilters) parts.push(`subnetFilters: ${selection.subnetFilters.length} filter(s)`);
      return `{${parts.join(', ')}}`;
    },
  };
}
