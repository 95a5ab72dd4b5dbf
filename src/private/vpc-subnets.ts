import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import { check, isConcrete } from './validate';

/**
 * Refuses a selection of a given VPC that puts the built-in handler in public subnets: a Lambda
 * function there has no internet access (its ENIs get no public address) and sits beside the
 * internet gateway for nothing. Only subnets the VPC knows as public can be recognised; subnets
 * selected by id that the VPC does not list are taken as they are.
 */
export function validateHandlerSubnets(vpc: ec2.IVpc, selection: ec2.SubnetSelection | undefined): void {
  const publicIds = new Set(vpc.publicSubnets.map((s) => s.subnetId));
  const selected = vpc.selectSubnets(selection ?? {}).subnets;
  const offending = selected.filter((s) => publicIds.has(s.subnetId)).map(describe);
  if (selection) {
    check(offending.length === 0, 'vpcSubnets',
      'must select private or isolated subnets: the handler must not run in a public subnet', offending);
  } else {
    check(offending.length === 0, 'vpc',
      'has no private or isolated subnet for the handler (the default selection fell back to its public subnets); select private subnets with `vpcSubnets`',
      offending);
  }
}

/** The subnet id when known at synth time, else the subnet's construct path. */
function describe(subnet: ec2.ISubnet): string {
  return isConcrete(subnet.subnetId) ? subnet.subnetId : subnet.node.path;
}
