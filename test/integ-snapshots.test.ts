// The acceptance lines of the foundation, checked on the committed integ snapshots (which
// `integ:<name>:assert` in `npx projen test` keeps equal to what the code synthesizes).
import * as fs from 'fs';
import * as path from 'path';

function template(name: string, stack: string): any {
  return JSON.parse(fs.readFileSync(path.join(__dirname, `${name}.integ.snapshot`, `${stack}.template.json`), 'utf8'));
}

function ofType(t: any, type: string): [string, any][] {
  return Object.entries<any>(t.Resources).filter(([, r]) => r.Type === type);
}

describe.each([
  ['default', 'SecureCognitoApiDefault'],
  ['brief', 'SecureCognitoApiBrief'],
])('integ snapshot %s', (name, stackName) => {
  const t = template(name, stackName);

  test('every route is JWT-authorized with at least one scope', () => {
    const routes = ofType(t, 'AWS::ApiGatewayV2::Route');
    expect(routes.length).toBeGreaterThan(0);
    for (const [, r] of routes) {
      expect(r.Properties.AuthorizationType).toBe('JWT');
      expect(r.Properties.AuthorizationScopes.length).toBeGreaterThanOrEqual(1);
    }
  });

  test('every client id is in the authorizer audience, and there is no other client', () => {
    const [[, authorizer], ...more] = ofType(t, 'AWS::ApiGatewayV2::Authorizer');
    expect(more).toEqual([]);
    const audience = authorizer.Properties.JwtConfiguration.Audience.map((a: any) => a.Ref).sort();
    expect(audience).toEqual(ofType(t, 'AWS::Cognito::UserPoolClient').map(([id]) => id).sort());
  });

  test('the user pool is retained and deletion-protected', () => {
    const [[, pool], ...more] = ofType(t, 'AWS::Cognito::UserPool');
    expect(more).toEqual([]);
    expect(pool.DeletionPolicy).toBe('Retain');
    expect(pool.UpdateReplacePolicy).toBe('Retain');
    expect(pool.Properties.DeletionProtection).toBe('ACTIVE');
  });

  test('every client prevents user-existence errors', () => {
    for (const [, c] of ofType(t, 'AWS::Cognito::UserPoolClient')) {
      expect(c.Properties.PreventUserExistenceErrors).toBe('ENABLED');
    }
  });

  test('the Lambda is nodejs24.x on arm64 in private subnets of two AZs', () => {
    const [[, fn]] = ofType(t, 'AWS::Lambda::Function');
    expect(fn.Properties.Runtime).toBe('nodejs24.x');
    expect(fn.Properties.Architectures).toEqual(['arm64']);
    const subnets = Object.fromEntries(ofType(t, 'AWS::EC2::Subnet'));
    const used = fn.Properties.VpcConfig.SubnetIds.map((s: any) => subnets[s.Ref]);
    expect(used).toHaveLength(2);
    for (const s of used) expect(s.Properties.MapPublicIpOnLaunch).toBe(false);
    expect(new Set(used.map((s: any) => JSON.stringify(s.Properties.AvailabilityZone))).size).toBe(2);
    const tags = used.map((s: any) => s.Properties.Tags.find((tag: any) => tag.Key === 'aws-cdk:subnet-type').Value);
    expect(tags.every((tag: string) => tag === 'Isolated' || tag === 'Private')).toBe(true);
  });

  test('the stage writes JSON access logs and is throttled', () => {
    const [[, stage]] = ofType(t, 'AWS::ApiGatewayV2::Stage');
    expect(Object.keys(JSON.parse(stage.Properties.AccessLogSettings.Format))).toEqual(
      expect.arrayContaining(['requestId', 'routeKey', 'status', 'latency', 'integrationError', 'authorizerError']));
    expect(stage.Properties.DefaultRouteSettings).toEqual({ ThrottlingBurstLimit: 200, ThrottlingRateLimit: 100 });
  });

  test('no output carries a secret', () => {
    expect(JSON.stringify(t.Outputs)).not.toContain('ClientSecret');
    expect(JSON.stringify(t)).not.toContain('ClientSecret');
  });
});

describe('integ snapshot default', () => {
  test('no NAT gateway and no public subnet', () => {
    const t = template('default', 'SecureCognitoApiDefault');
    expect(ofType(t, 'AWS::EC2::NatGateway')).toHaveLength(0);
    expect(ofType(t, 'AWS::EC2::InternetGateway')).toHaveLength(0);
    const subnets = ofType(t, 'AWS::EC2::Subnet');
    expect(subnets).toHaveLength(2);
    for (const [, s] of subnets) {
      expect(s.Properties.Tags).toContainEqual({ Key: 'aws-cdk:subnet-type', Value: 'Isolated' });
    }
  });
});

describe('integ snapshot brief', () => {
  const t = template('brief', 'SecureCognitoApiBrief');

  test('one NAT gateway per AZ', () => {
    expect(ofType(t, 'AWS::EC2::NatGateway')).toHaveLength(2);
  });

  test('the four client kinds; the machine client has only client_credentials, a secret and custom scopes', () => {
    const clients = Object.fromEntries(ofType(t, 'AWS::Cognito::UserPoolClient').map(([, c]) => [c.Properties.ClientName, c.Properties]));
    expect(Object.keys(clients).sort()).toEqual(['cli', 'implicit', 'machine', 'web']);
    expect(clients.web.AllowedOAuthFlows).toEqual(['code']);
    expect(clients.implicit.AllowedOAuthFlows).toEqual(['implicit']);
    expect(clients.cli.ExplicitAuthFlows).toContain('ALLOW_USER_PASSWORD_AUTH');
    expect(clients.cli.GenerateSecret).toBe(true);
    expect(clients.machine.AllowedOAuthFlows).toEqual(['client_credentials']);
    expect(clients.machine.GenerateSecret).toBe(true);
    expect(clients.machine.AllowedOAuthScopes).toEqual(['api/read', 'api/write']);
  });

  test('the user pool waits for an administrator: self sign-up without automatic verification', () => {
    const [[, pool]] = ofType(t, 'AWS::Cognito::UserPool');
    expect(pool.Properties.AdminCreateUserConfig.AllowAdminCreateUserOnly).toBe(false);
    expect(pool.Properties.AutoVerifiedAttributes).toEqual([]);
  });
});

describe('integ snapshot groups (authorization by group)', () => {
  const t = template('groups', 'SecureCognitoApiGroups');

  test('the pool\'s pre-token-generation trigger is the built-in function, event version V2_0', () => {
    const [[, pool]] = ofType(t, 'AWS::Cognito::UserPool');
    const config = pool.Properties.LambdaConfig.PreTokenGenerationConfig;
    expect(config.LambdaVersion).toBe('V2_0');
    const fn = t.Resources[config.LambdaArn['Fn::GetAtt'][0]];
    expect(fn.Properties.Runtime).toBe('nodejs24.x');
    expect(fn.Properties.Architectures).toEqual(['arm64']);
    expect(fn.Properties.VpcConfig).toBeUndefined();
    expect(JSON.parse(fn.Properties.Environment.Variables.GROUP_SCOPES)).toEqual({ admins: ['api/admin'] });
  });

  test('at least one route requires only scopes that no app client may request (only a group grants them)', () => {
    const requestable = new Set(ofType(t, 'AWS::Cognito::UserPoolClient').flatMap(([, c]) => c.Properties.AllowedOAuthScopes ?? []));
    const groupOnly = ofType(t, 'AWS::ApiGatewayV2::Route')
      .filter(([, r]) => r.Properties.AuthorizationScopes.every((s: string) => !requestable.has(s)))
      .map(([, r]) => r.Properties.RouteKey).sort();
    expect(groupOnly).toEqual(['GET /admin', 'POST /admin']);
  });

  test('there is a passwordAuth (USER_PASSWORD_AUTH) client', () => {
    const flows = ofType(t, 'AWS::Cognito::UserPoolClient').map(([, c]) => c.Properties.ExplicitAuthFlows ?? []);
    expect(flows.some((f: string[]) => f.includes('ALLOW_USER_PASSWORD_AUTH'))).toBe(true);
  });
});
