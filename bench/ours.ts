/**
 * Our construct, as a user writes it: the default (one `new`, no props) and
 * each egress mode. Same built-in handler asset as the competitors use.
 */
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { EgressMode, SecureCognitoApi, SecurityProfile } from '../src';
import { Variant } from './variant';

/**
 * The interface endpoint the "with interface endpoints" row opts into (one, to
 * price one). A function, so that importing this module loads no aws-cdk-lib
 * submodule before a benchmark starts its clock.
 */
export function benchInterfaceEndpoints(): ec2.InterfaceVpcEndpointAwsService[] {
  return [ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER];
}

export const OURS_DEFAULT: Variant = {
  key: 'oursDefault',
  label: 'SecureCognitoApi default (no NAT)',
  add: (scope, id) => { new SecureCognitoApi(scope, id); },
};

export const OURS_SINGLE_NAT: Variant = {
  key: 'oursSingleNat',
  label: 'SecureCognitoApi SINGLE_NAT_GATEWAY',
  add: (scope, id) => { new SecureCognitoApi(scope, id, { egress: EgressMode.SINGLE_NAT_GATEWAY }); },
};

export const OURS_NAT_PER_AZ: Variant = {
  key: 'oursNatPerAz',
  label: 'SecureCognitoApi NAT_GATEWAY_PER_AZ',
  add: (scope, id) => { new SecureCognitoApi(scope, id, { egress: EgressMode.NAT_GATEWAY_PER_AZ }); },
};

export const OURS_ENDPOINTS: Variant = {
  key: 'oursEndpoints',
  label: 'SecureCognitoApi no NAT + 1 interface endpoint',
  add: (scope, id) => { new SecureCognitoApi(scope, id, { interfaceEndpoints: benchInterfaceEndpoints() }); },
};

const sharedVpcs = new WeakMap<Construct, ec2.Vpc>();

/**
 * Many APIs in one stack, the way to scale: one isolated VPC for all of them
 * (the `vpc` prop), instead of a VPC per instance.
 */
export const OURS_SHARED_VPC: Variant = {
  key: 'oursSharedVpc',
  label: 'SecureCognitoApi, one shared VPC',
  add: (scope, id) => {
    let vpc = sharedVpcs.get(scope);
    if (!vpc) {
      vpc = new ec2.Vpc(scope, 'SharedVpc', {
        maxAzs: 2,
        natGateways: 0,
        subnetConfiguration: [{ name: 'Private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 22 }],
        restrictDefaultSecurityGroup: false,
      });
      sharedVpcs.set(scope, vpc);
    }
    new SecureCognitoApi(scope, id, { vpc });
  },
};

/** The opt-in compliance profile: KMS-encrypted logs, 1-year retention, alarms to an encrypted topic. */
export const OURS_COMPLIANCE: Variant = {
  key: 'oursCompliance',
  label: 'SecureCognitoApi COMPLIANCE profile',
  add: (scope, id) => { new SecureCognitoApi(scope, id, { securityProfile: SecurityProfile.COMPLIANCE }); },
};
