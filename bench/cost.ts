/**
 * Idle monthly cost of a synthesized CloudFormation template, from the price
 * table in prices.ts. Counts only what bills while nothing happens.
 */
import {
  ALARM_METRIC_HIGH_RES,
  ALARM_METRIC_STANDARD,
  HOURS_PER_MONTH,
  INTERFACE_ENDPOINT_AZ,
  MONTHLY_PER_RESOURCE,
  NAT_GATEWAY,
  PER_USE_TYPES,
  PUBLIC_IPV4,
} from './prices';

export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
}

export interface CfnTemplate {
  readonly Resources?: Record<string, CfnResource>;
}

export interface CostLine {
  readonly item: string;
  readonly quantity: number;
  readonly unit: string;
  readonly usdPerMonth: number;
}

export interface IdleCost {
  readonly usdPerMonth: number;
  readonly lines: CostLine[];
  /** Counts that matter for the egress comparison. */
  readonly natGateways: number;
  readonly eips: number;
  readonly interfaceEndpointAzs: number;
  readonly gatewayEndpoints: number;
  /** Resource types found in the template that the price table does not know. */
  readonly unpriced: string[];
  readonly resourceCount: number;
}

/** Number of AZs an interface endpoint is provisioned in (one ENI per subnet). */
function endpointAzCount(props: Record<string, unknown>, assumedAzs: number): number {
  const subnets = props.SubnetIds;
  return Array.isArray(subnets) ? subnets.length : assumedAzs;
}

function alarmMetricCount(props: Record<string, unknown>): number {
  const metrics = props.Metrics;
  if (Array.isArray(metrics)) {
    // Metric math: billed per metric the expression reads.
    return Math.max(1, metrics.filter((m) => typeof m === 'object' && m !== null && 'MetricStat' in m).length);
  }
  return 1;
}

/**
 * @param assumedAzs AZ count assumed when an endpoint's subnets are a single
 *   unresolvable token (never the case in our fixtures; reported if it happens).
 */
export function idleCost(template: CfnTemplate, assumedAzs = 2): IdleCost {
  const resources = Object.values(template.Resources ?? {});
  let natGateways = 0;
  let eips = 0;
  let interfaceEndpointAzs = 0;
  let gatewayEndpoints = 0;
  let alarmStd = 0;
  let alarmHigh = 0;
  const monthly = new Map<string, number>();
  const unpriced = new Set<string>();

  for (const r of resources) {
    const props = r.Properties ?? {};
    switch (r.Type) {
      case 'AWS::EC2::NatGateway':
        natGateways++;
        break;
      case 'AWS::EC2::EIP':
        eips++;
        break;
      case 'AWS::EC2::VPCEndpoint':
        if (props.VpcEndpointType === 'Interface') {
          interfaceEndpointAzs += endpointAzCount(props, assumedAzs);
        } else if (props.VpcEndpointType === undefined || props.VpcEndpointType === 'Gateway') {
          gatewayEndpoints++;
        } else {
          unpriced.add(`AWS::EC2::VPCEndpoint (${String(props.VpcEndpointType)})`);
        }
        break;
      case 'AWS::CloudWatch::Alarm': {
        const highRes = typeof props.Period === 'number' && props.Period < 60;
        if (highRes) alarmHigh += alarmMetricCount(props);
        else alarmStd += alarmMetricCount(props);
        break;
      }
      default:
        if (MONTHLY_PER_RESOURCE[r.Type]) {
          monthly.set(r.Type, (monthly.get(r.Type) ?? 0) + 1);
        } else if (!PER_USE_TYPES.has(r.Type)) {
          unpriced.add(r.Type);
        }
    }
  }

  const lines: CostLine[] = [];
  const hourly = (item: string, quantity: number, price: { usdPerHour: number; unit: string }) => {
    if (quantity > 0) {
      lines.push({ item, quantity, unit: price.unit, usdPerMonth: quantity * price.usdPerHour * HOURS_PER_MONTH });
    }
  };
  hourly('NAT gateway', natGateways, NAT_GATEWAY);
  hourly('Elastic IP (public IPv4)', eips, PUBLIC_IPV4);
  hourly('Interface endpoint x AZ', interfaceEndpointAzs, INTERFACE_ENDPOINT_AZ);
  if (alarmStd > 0) {
    lines.push({ item: 'CloudWatch alarm metric', quantity: alarmStd, unit: ALARM_METRIC_STANDARD.unit, usdPerMonth: alarmStd * ALARM_METRIC_STANDARD.usdPerMonth });
  }
  if (alarmHigh > 0) {
    lines.push({ item: 'CloudWatch alarm metric (high res)', quantity: alarmHigh, unit: ALARM_METRIC_HIGH_RES.unit, usdPerMonth: alarmHigh * ALARM_METRIC_HIGH_RES.usdPerMonth });
  }
  for (const [type, quantity] of monthly) {
    const price = MONTHLY_PER_RESOURCE[type];
    lines.push({ item: type, quantity, unit: price.unit, usdPerMonth: quantity * price.usdPerMonth });
  }

  return {
    usdPerMonth: lines.reduce((sum, l) => sum + l.usdPerMonth, 0),
    lines,
    natGateways,
    eips,
    interfaceEndpointAzs,
    gatewayEndpoints,
    unpriced: [...unpriced].sort(),
    resourceCount: resources.length,
  };
}
