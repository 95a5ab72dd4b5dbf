// What the twin reads from a synthesized assembly, and what it refuses to fake.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { synthDefault } from './fixtures/construct-app';
import { FIXTURE_CUSTOM_SCOPE, FIXTURE_READ_SCOPE, synthFixture } from './fixtures/fixture';
import { poolIssuerType } from '../../twin/src/assembly/issuer';
import { loadAssembly, TwinTemplateError } from '../../twin/src/assembly/template';

let outdir: string;
let assembly: string;

beforeAll(() => {
  outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-template-'));
  assembly = synthFixture(path.join(outdir, 'cdk.out'));
});

afterAll(() => {
  fs.rmSync(outdir, { recursive: true, force: true });
});

/** Copies the assembly with the stack template changed by `edit`. */
function withTemplate(edit: (resources: Record<string, any>) => void): string {
  const copy = fs.mkdtempSync(path.join(outdir, 'edited-'));
  fs.cpSync(assembly, copy, { recursive: true });
  const file = path.join(copy, 'TwinFixture.template.json');
  const template = JSON.parse(fs.readFileSync(file, 'utf-8'));
  edit(template.Resources);
  fs.writeFileSync(file, JSON.stringify(template));
  return copy;
}

function resourceOf(resources: Record<string, any>, type: string): any {
  return Object.values(resources).find((r: any) => r.Type === type);
}

describe('loadAssembly', () => {
  test('GIVEN the fixture assembly THEN it models pool, clients, authorizer, routes and the Lambda asset', () => {
    const model = loadAssembly(assembly);

    expect(model.stackName).toBe('TwinFixture');
    expect(model.userPool.properties.AliasAttributes).toEqual(['email']);
    expect(model.clients.map((c) => [c.name, c.generateSecret, c.explicitAuthFlows, c.allowedOAuthFlows, c.allowedOAuthScopes])).toEqual([
      ['cli', true, ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'], [], []],
      ['web', false, [], ['code'], ['openid', 'email']],
      ['machine', true, [], ['client_credentials'], [FIXTURE_READ_SCOPE]],
    ]);
    expect(model.resourceServers).toEqual([expect.objectContaining({ identifier: 'twin-api', scopes: [FIXTURE_CUSTOM_SCOPE, FIXTURE_READ_SCOPE] })]);
    expect(model.domains).toEqual(['twin-fixture']);

    expect(model.authorizers).toHaveLength(1);
    const [authorizer] = model.authorizers;
    expect(authorizer.userPoolLogicalId).toBe(model.userPool.logicalId);
    expect(authorizer.region).toBe('eu-west-1');
    expect(authorizer.audience).toEqual(model.clients.map((c) => ({ clientLogicalId: c.logicalId })));
    expect(authorizer.identitySource).toEqual(['$request.header.Authorization']);

    expect(model.routes.map((r) => [r.routeKey, r.authorizationType, r.authorizerLogicalId, r.authorizationScopes, r.payloadFormatVersion])).toEqual([
      ['GET /', 'JWT', authorizer.logicalId, ['aws.cognito.signin.user.admin', 'openid', FIXTURE_READ_SCOPE], '2.0'],
      ['POST /items', 'JWT', authorizer.logicalId, [FIXTURE_CUSTOM_SCOPE], '2.0'],
    ]);
    const fn = model.routes[0].function!;
    expect(fn.handler).toBe('index.handler');
    expect(fn.timeoutSeconds).toBe(5);
    expect(fn.environment).toEqual({ AWS_NODEJS_CONNECTION_REUSE_ENABLED: '1' });
    expect(path.dirname(fn.assetDir)).toBe(assembly);
    expect(fs.existsSync(path.join(fn.assetDir, 'index.js'))).toBe(true);
  });

  test('GIVEN the env-agnostic issuer form (Ref AWS::Region) THEN it is the same pool', () => {
    const dir = withTemplate((resources) => {
      const a = resourceOf(resources, 'AWS::ApiGatewayV2::Authorizer');
      const pool = a.Properties.JwtConfiguration.Issuer['Fn::Join'][1][1];
      a.Properties.JwtConfiguration.Issuer = { 'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/', pool]] };
    });
    expect(loadAssembly(dir).authorizers[0].region).toBe('AWS::Region');
  });

  test('GIVEN SecureCognitoApi with its defaults THEN the twin reads its issuer (Ref AWS::URLSuffix), client cli and GET /', () => {
    const model = loadAssembly(synthDefault(path.join(outdir, 'construct')));

    // The authorizer trusts the issuer the pool issues with, whichever the construct chooses.
    expect(model.authorizers.map((a) => [a.region, a.userPoolLogicalId, a.issuerType, a.audience])).toEqual([
      ['AWS::Region', model.userPool.logicalId, poolIssuerType(model.userPool.properties), [{ clientLogicalId: model.clients[0].logicalId }]],
    ]);
    expect(model.clients.map((c) => [c.name, c.generateSecret, c.explicitAuthFlows])).toEqual([
      ['cli', true, ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']],
    ]);
    expect(model.routes.map((r) => [r.routeKey, r.authorizationType, r.authorizationScopes, r.function?.handler])).toEqual([
      ['GET /', 'JWT', ['aws.cognito.signin.user.admin'], 'index.handler'],
    ]);
    expect(fs.existsSync(path.join(model.routes[0].function!.assetDir, 'index.js'))).toBe(true);
  });

  test('GIVEN an issuer that is not the pool THEN it throws', () => {
    const dir = withTemplate((resources) => {
      resourceOf(resources, 'AWS::ApiGatewayV2::Authorizer').Properties.JwtConfiguration.Issuer = 'https://example.com';
    });
    expect(() => loadAssembly(dir)).toThrow(TwinTemplateError);
    expect(() => loadAssembly(dir)).toThrow(/issuer must be https:\/\/\[issuer-\]cognito-idp\.<region>\.amazonaws\.com\/<Ref UserPool\w+>, got: "https:\/\/example.com"/);
  });

  test('GIVEN the updated issuer (issuer-cognito-idp) THEN the authorizer trusts the pool\'s UPDATED issuer', () => {
    const dir = withTemplate((resources) => {
      const jwt = resourceOf(resources, 'AWS::ApiGatewayV2::Authorizer').Properties.JwtConfiguration;
      const pool = jwt.Issuer['Fn::Join'][1][1];
      jwt.Issuer = { 'Fn::Join': ['', ['https://issuer-cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/', pool]] };
    });
    const [authorizer] = loadAssembly(dir).authorizers;
    expect([authorizer.issuerType, authorizer.region]).toEqual(['UPDATED', 'AWS::Region']);
  });

  test('GIVEN a literal audience entry THEN it is kept as a literal', () => {
    const dir = withTemplate((resources) => {
      resourceOf(resources, 'AWS::ApiGatewayV2::Authorizer').Properties.JwtConfiguration.Audience.push('some-client-id');
    });
    expect(loadAssembly(dir).authorizers[0].audience.slice(-1)).toEqual([{ literal: 'some-client-id' }]);
  });

  test('GIVEN a Lambda authorizer THEN its routes run nothing and say why, instead of letting requests through', () => {
    const dir = withTemplate((resources) => {
      resourceOf(resources, 'AWS::ApiGatewayV2::Authorizer').Properties.AuthorizerType = 'REQUEST';
    });
    const model = loadAssembly(dir);
    expect(model.authorizers).toEqual([]);
    expect(model.routes.map((r) => [r.routeKey, r.function, r.unsupported?.replace(/authorizer \S+/, 'authorizer A')])).toEqual([
      ['GET /', undefined, 'its authorizer A is REQUEST; the twin enforces JWT authorizers only'],
      ['POST /items', undefined, 'its authorizer A is REQUEST; the twin enforces JWT authorizers only'],
    ]);
  });

  test('GIVEN a Java function THEN its routes say the twin cannot run it, naming the function', () => {
    const dir = withTemplate((resources) => {
      resourceOf(resources, 'AWS::Lambda::Function').Properties.Runtime = 'java21';
    });
    expect(loadAssembly(dir).routes.map((r) => r.unsupported?.replace(/function \S+/, 'function F'))).toEqual([
      'function F runs java21; the twin runs Node.js and Python 3 functions',
      'function F runs java21; the twin runs Node.js and Python 3 functions',
    ]);
  });

  test('GIVEN an HTTP proxy integration THEN its routes say the twin runs Lambda functions only', () => {
    const dir = withTemplate((resources) => {
      resourceOf(resources, 'AWS::ApiGatewayV2::Integration').Properties = { IntegrationType: 'HTTP_PROXY', IntegrationUri: 'https://example.com', PayloadFormatVersion: '1.0' };
    });
    expect(loadAssembly(dir).routes.map((r) => r.unsupported?.replace(/integration \S+/, 'integration I'))).toEqual([
      'integration I is HTTP_PROXY (https://example.com); the twin runs Lambda functions only',
      'integration I is HTTP_PROXY (https://example.com); the twin runs Lambda functions only',
    ]);
  });

  test('GIVEN no cloud assembly THEN it says so', () => {
    expect(() => loadAssembly(path.join(outdir, 'missing'))).toThrow(/no cloud assembly at .*missing \(manifest.json missing\)/);
  });
});
