// Synthesizing without AWS credentials (a fresh clone has none): the construct's VPC takes two zones of
// `stack.availabilityZones`. In a stack whose env names an account and a region, that is a context
// lookup (`cdk synth` asks the account, or fails without credentials); without an account it is
// `Fn::GetAZs`, resolved at deploy time. The README's custom-domains example uses a region-only
// env, and shows the context that answers the lookup. docs/decisions/030-availability-zone-lookup.md
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { AppClient, AuthDomain, SecureCognitoApi } from '../src';

const AZ_CONTEXT_KEY = 'availability-zones:account=123456789012:region=us-east-1';

/** The README's custom-domains example in a stack with the given env and app context. */
function customDomainsApp(env: { account?: string; region: string }, context: Record<string, unknown> = {}) {
  const app = new App({ context });
  const stack = new Stack(app, 'Custom', { env });
  const hostedZone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', {
    hostedZoneId: 'Z0123456789EXAMPLE',
    zoneName: 'example.com',
  });
  new SecureCognitoApi(stack, 'Api', {
    authDomain: AuthDomain.custom({ domainName: 'auth.example.com', hostedZone }),
    apiDomain: { domainName: 'api.example.com', hostedZone },
    clients: [AppClient.web('spa', { callbackUrls: ['https://app.example.com/callback'] })],
  });
  return { app, stack };
}

function subnetZones(stack: Stack): unknown[] {
  return Object.values(Template.fromStack(stack).findResources('AWS::EC2::Subnet')).map((s) => s.Properties.AvailabilityZone);
}

describe('availability zones of the construct\'s VPC', () => {
  test('a region-only env (the README example) synthesizes with no lookup: the zones are chosen at deploy time', () => {
    // GIVEN / WHEN
    const { app, stack } = customDomainsApp({ region: 'us-east-1' });
    // THEN
    expect(app.synth().manifest.missing).toBeUndefined();
    expect(subnetZones(stack)).toEqual([
      { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] },
      { 'Fn::Select': [1, { 'Fn::GetAZs': '' }] },
    ]);
  });

  test('an env with an account needs the availability-zones lookup, which cdk synth makes with credentials', () => {
    // GIVEN / WHEN
    const { app } = customDomainsApp({ account: '123456789012', region: 'us-east-1' });
    // THEN
    expect(app.synth().manifest.missing?.map((m) => m.key)).toEqual([AZ_CONTEXT_KEY]);
  });

  test('the context key the README shows answers the lookup: no credentials needed, the subnets use those zones', () => {
    // GIVEN / WHEN
    const { app, stack } = customDomainsApp({ account: '123456789012', region: 'us-east-1' },
      { [AZ_CONTEXT_KEY]: ['us-east-1a', 'us-east-1b'] });
    // THEN
    expect(app.synth().manifest.missing).toBeUndefined();
    expect(subnetZones(stack)).toEqual(['us-east-1a', 'us-east-1b']);
  });
});
