import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { validateHandlerSubnets } from './vpc-subnets';
import { EgressMode } from '../options';

export interface NetworkProps {
  readonly vpc?: ec2.IVpc;
  readonly vpcSubnets?: ec2.SubnetSelection;
  readonly egress: EgressMode;
  readonly interfaceEndpoints: ec2.InterfaceVpcEndpointAwsService[];
  readonly flowLogs: boolean;
  readonly logRetention: logs.RetentionDays;
  /** KMS key of the flow log group (compliance profile). */
  readonly logEncryptionKey?: kms.IKey;
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
      validateHandlerSubnets(props.vpc, props.vpcSubnets);
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
        this.flowLogGroup = new logs.LogGroup(this, 'FlowLogs', {
          retention: props.logRetention,
          encryptionKey: props.logEncryptionKey,
        });
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
