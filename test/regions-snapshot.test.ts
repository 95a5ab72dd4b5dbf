// The two-Region acceptance lines, checked on the committed integ snapshot (which
// `integ:regions:assert` keeps equal to what the code synthesizes): the replica, the API in both
// Regions trusting the same updated issuer and the same clients, and the DNS failover pair.
import * as fs from 'fs';
import * as path from 'path';

const DIR = path.join(__dirname, 'regions.integ.snapshot');
const primary = JSON.parse(fs.readFileSync(path.join(DIR, 'SecureCognitoApiRegionsPrimary.template.json'), 'utf8'));
const secondary = JSON.parse(fs.readFileSync(path.join(DIR, 'SecureCognitoApiRegionsSecondary.template.json'), 'utf8'));

function ofType(t: any, type: string): [string, any][] {
  return Object.entries<any>(t.Resources).filter(([, r]) => r.Type === type);
}

/** A value of the primary's template as the secondary reads it: the name of the cross-Region export. */
function imported(value: any): string {
  return value['Fn::GetAtt'][1];
}

test('the primary holds the pool and its replica in the other Region', () => {
  const [[poolId]] = ofType(primary, 'AWS::Cognito::UserPool');
  const [[, replica]] = ofType(primary, 'AWS::Cognito::UserPoolReplica');
  expect(replica.Properties).toEqual({ UserPoolId: { Ref: poolId }, RegionName: 'us-west-2' });
  expect(ofType(secondary, 'AWS::Cognito::UserPool')).toEqual([]);
  expect(ofType(secondary, 'AWS::Cognito::UserPoolRegionalConfigurationAttachment')).toHaveLength(1);
});

test('both authorizers trust the primary\'s updated issuer and the same clients', () => {
  const [[poolId]] = ofType(primary, 'AWS::Cognito::UserPool');
  const [[, a]] = ofType(primary, 'AWS::ApiGatewayV2::Authorizer');
  const [[, b]] = ofType(secondary, 'AWS::ApiGatewayV2::Authorizer');
  const [prefixA, , , poolA] = a.Properties.JwtConfiguration.Issuer['Fn::Join'][1];
  const [prefixB, , , poolB] = b.Properties.JwtConfiguration.Issuer['Fn::Join'][1];
  expect(prefixA).toBe('https://issuer-cognito-idp.us-east-1.');
  expect(prefixB).toBe(prefixA);
  expect(poolA).toEqual({ Ref: poolId });
  expect(imported(poolB)).toContain(`Ref${poolId}`);
  const clients = a.Properties.JwtConfiguration.Audience.map((c: any) => c.Ref);
  expect(clients).toHaveLength(ofType(primary, 'AWS::Cognito::UserPoolClient').length);
  expect(b.Properties.JwtConfiguration.Audience.map(imported)).toEqual(clients.map((id: string) => expect.stringContaining(`Ref${id}`)));
});

test('one API name, failover records: the primary\'s on its health check, the secondary\'s behind it', () => {
  const [[checkId]] = ofType(primary, 'AWS::Route53::HealthCheck');
  const records = (t: any) => ofType(t, 'AWS::Route53::RecordSet').map(([, r]) => r.Properties).filter((p) => p.Name === 'api.example.com.');
  expect(records(primary).map((p) => [p.Type, p.Failover, p.HealthCheckId])).toEqual([['A', 'PRIMARY', { Ref: checkId }], ['AAAA', 'PRIMARY', { Ref: checkId }]]);
  expect(records(secondary).map((p) => [p.Type, p.Failover])).toEqual([['A', 'SECONDARY'], ['AAAA', 'SECONDARY']]);
  const [[, domain]] = ofType(primary, 'AWS::Cognito::UserPoolDomain');
  expect(domain.Properties.Routing).toEqual({ Failover: { PrimaryRoute53HealthCheckId: { Ref: checkId }, SecondaryRegion: 'us-west-2' } });
});
