import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { only, resources } from './util';
import {
  IssuerType, ReplicaStatus, SecureCognitoApi, SecureCognitoApiProps, SecureCognitoApiReplica, SecureCognitoApiReplicaProps,
  UserPoolEncryption, UserPoolFirewall,
} from '../src';

const PRIMARY = 'eu-west-1';
const SECONDARY = 'eu-central-1';
const ENV = { account: '111111111111' };
const REPLICATED: SecureCognitoApiProps = { userPoolEncryption: UserPoolEncryption.multiRegionKey(), replica: { region: SECONDARY } };

function app() {
  return new App({ context: { 'aws:cdk:disable-creation-stack-traces': true } });
}

/** A primary in one Region, and (unless `secondary` is false) its replica's API in another. */
function twoRegions(props: SecureCognitoApiProps = REPLICATED, replicaProps: Partial<SecureCognitoApiReplicaProps> = {}) {
  const a = app();
  const primaryStack = new Stack(a, 'Primary', { env: { ...ENV, region: PRIMARY }, crossRegionReferences: true });
  const primary = new SecureCognitoApi(primaryStack, 'Api', props);
  const secondaryStack = new Stack(a, 'Secondary', { env: { ...ENV, region: SECONDARY }, crossRegionReferences: true });
  const replica = new SecureCognitoApiReplica(secondaryStack, 'Api', { primary, ...replicaProps });
  return {
    primary,
    replica,
    primaryStack,
    secondaryStack,
    primaryTemplate: Template.fromStack(primaryStack),
    secondaryTemplate: Template.fromStack(secondaryStack),
  };
}

function primaryOnly(props: SecureCognitoApiProps, region: string | null = PRIMARY): Template {
  const stack = new Stack(app(), 'Primary', region ? { env: { ...ENV, region } } : {});
  new SecureCognitoApi(stack, 'Api', props);
  return Template.fromStack(stack);
}

describe('user pool replica', () => {
  test('default: no replica, no health check, no failover routing on the domain', () => {
    const template = primaryOnly({});
    template.resourceCountIs('AWS::Cognito::UserPoolReplica', 0);
    template.resourceCountIs('AWS::Route53::HealthCheck', 0);
    expect(only(template, 'AWS::Cognito::UserPoolDomain').Routing).toBeUndefined();
  });

  test('replica: the replica resource in the named Region, after the pool, with its tags', () => {
    const { primaryTemplate, primary } = twoRegions({ ...REPLICATED, replica: { region: SECONDARY, tags: { team: 'auth' } } });
    const poolId = Object.keys(resources(primaryTemplate, 'AWS::Cognito::UserPool'))[0];
    primaryTemplate.hasResource('AWS::Cognito::UserPoolReplica', {
      Properties: { UserPoolId: { Ref: poolId }, RegionName: SECONDARY, UserPoolTagsAtCreate: { team: 'auth' } },
      DependsOn: Match.arrayWith([poolId]),
    });
    expect(primary.replicaRegion).toBe(SECONDARY);
    expect(primary.userPoolReplica).toBeDefined();
  });

  test('replica: a TCP health check of the primary API moves the managed-login domain to the replica Region', () => {
    const { primaryTemplate } = twoRegions();
    const [[checkId, check]] = Object.entries(resources(primaryTemplate, 'AWS::Route53::HealthCheck'));
    expect(check.Properties.HealthCheckConfig).toMatchObject({ Type: 'TCP', Port: 443, RequestInterval: 30, FailureThreshold: 3 });
    expect(only(primaryTemplate, 'AWS::Cognito::UserPoolDomain').Routing).toEqual({
      Failover: { PrimaryRoute53HealthCheckId: { Ref: checkId }, SecondaryRegion: SECONDARY },
    });
  });

  test('refused: the Lite plan, with what to set', () => {
    expect(() => primaryOnly({ ...REPLICATED, featurePlan: cognito.FeaturePlan.LITE })).toThrow(
      '`featurePlan` must be ESSENTIALS or PLUS with `replica` (Cognito does not replicate Lite pools): set featurePlan: FeaturePlan.ESSENTIALS, got: "LITE"');
  });

  test('refused: a pool without a multi-Region key, with what to set', () => {
    const rule = '`userPoolEncryption` must be a multi-Region customer managed key with `replica` (Cognito replicates only pools encrypted with one): '
      + 'set userPoolEncryption: UserPoolEncryption.multiRegionKey(), or customerKey() with a multi-Region key, got: ';
    expect(() => primaryOnly({ replica: { region: SECONDARY } })).toThrow(`${rule}"awsOwnedKey()"`);
    expect(() => primaryOnly({ ...REPLICATED, userPoolEncryption: UserPoolEncryption.constructKey() })).toThrow(`${rule}"constructKey()"`);
    const single = `arn:aws:kms:${PRIMARY}:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    expect(() => primaryOnly({ ...REPLICATED, userPoolEncryption: UserPoolEncryption.customerKey(kms.Key.fromKeyArn(new Stack(), 'K', single)) }))
      .toThrow(`${rule}"${single}"`);
  });

  test('accepted: a given multi-Region key, imported (mrk- id) or of this app', () => {
    const mrk = `arn:aws:kms:${PRIMARY}:111111111111:key/mrk-1234abcd12ab34cd56ef1234567890ab`;
    const stack = new Stack(app(), 'Primary', { env: { ...ENV, region: PRIMARY } });
    new SecureCognitoApi(stack, 'Imported', { ...REPLICATED, userPoolEncryption: UserPoolEncryption.customerKey(kms.Key.fromKeyArn(stack, 'K', mrk)) });
    const own = new kms.Key(stack, 'Own', { multiRegion: true, enableKeyRotation: true });
    new SecureCognitoApi(stack, 'OwnKeyApi', { ...REPLICATED, userPoolEncryption: UserPoolEncryption.customerKey(own) });
    Template.fromStack(stack).resourceCountIs('AWS::Cognito::UserPoolReplica', 2);
  });

  test('refused: the original issuer, with what to set', () => {
    expect(() => primaryOnly({ ...REPLICATED, issuerType: IssuerType.ORIGINAL })).toThrow(
      '`issuerType` must be UPDATED with `replica` (only the updated issuer is the same in both Regions, so that one authorizer trusts tokens of either): '
      + 'remove issuerType or set IssuerType.UPDATED, got: "ORIGINAL"');
  });

  test('refused: the pool\'s own Region, a malformed Region, a token Region, an environment-agnostic stack', () => {
    expect(() => primaryOnly({ ...REPLICATED, replica: { region: PRIMARY } })).toThrow(
      `\`replica.region\` must be another Region than the user pool's own (${PRIMARY}), got: "${PRIMARY}"`);
    expect(() => primaryOnly({ ...REPLICATED, replica: { region: 'Frankfurt' } })).toThrow(
      '`replica.region` must be a Region name such as us-west-2, got: "Frankfurt"');
    expect(() => primaryOnly({ ...REPLICATED, replica: { region: new Stack().region } })).toThrow(
      '`replica.region` must be a concrete Region name such as us-west-2, got: {"Ref":"AWS::Region"}');
    expect(() => primaryOnly(REPLICATED, null)).toThrow(
      '`replica.region` needs a stack with a concrete Region (env: { region }), since the replica must be in another Region than the user pool, got: "eu-central-1"');
  });

  test('warning: TOTP is not served by the replica', () => {
    const stack = new Stack(app(), 'Primary', { env: { ...ENV, region: PRIMARY } });
    new SecureCognitoApi(stack, 'Api', REPLICATED);
    Annotations.fromStack(stack).hasWarning('*', Match.stringLikeRegexp('does not support TOTP MFA'));
    const off = new Stack(app(), 'Off', { env: { ...ENV, region: PRIMARY } });
    new SecureCognitoApi(off, 'Api', { ...REPLICATED, mfa: cognito.Mfa.OFF });
    Annotations.fromStack(off).hasNoWarning('*', Match.stringLikeRegexp('does not support TOTP MFA'));
  });
});

describe('the API in the replica Region', () => {
  test('default: key replica, INACTIVE regional settings, an authorizer trusting the primary\'s updated issuer and clients', () => {
    const { secondaryTemplate, replica, primary } = twoRegions();
    const keyReplica = only(secondaryTemplate, 'AWS::KMS::ReplicaKey');
    expect(keyReplica.PrimaryKeyArn).toBeDefined();
    const cognitoStatement = keyReplica.KeyPolicy.Statement.find((s: any) => s.Sid === 'CognitoUserPoolsOfThisAccount');
    expect(JSON.stringify(cognitoStatement.Condition.ArnLike)).toContain(`:cognito-idp:${SECONDARY}:111111111111:userpool/*`);
    const regional = only(secondaryTemplate, 'AWS::Cognito::UserPoolRegionalConfigurationAttachment');
    expect(regional.Status).toBe('INACTIVE');
    expect(regional.EmailConfiguration).toBeUndefined();
    const authorizer = only(secondaryTemplate, 'AWS::ApiGatewayV2::Authorizer');
    expect(JSON.stringify(authorizer.JwtConfiguration.Issuer)).toContain('https://issuer-cognito-idp.eu-west-1.');
    expect(authorizer.JwtConfiguration.Audience).toHaveLength(1);
    secondaryTemplate.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'GET /', AuthorizationType: 'JWT', AuthorizationScopes: primary.defaultRouteScopes });
    expect(replica.vpc).toBeDefined();
    secondaryTemplate.resourceCountIs('AWS::EC2::NatGateway', 0);
  });

  test('override: ACTIVE, SES e-mail of this Region, a web ACL on the replica', () => {
    const { secondaryTemplate } = twoRegions(REPLICATED, {
      status: ReplicaStatus.ACTIVE,
      email: { fromEmail: 'no-reply@example.com', sesIdentity: 'example.com', replyTo: 'help@example.com' },
    });
    const regional = only(secondaryTemplate, 'AWS::Cognito::UserPoolRegionalConfigurationAttachment');
    expect(regional.Status).toBe('ACTIVE');
    expect(regional.EmailConfiguration).toEqual({
      EmailSendingAccount: 'DEVELOPER',
      From: 'no-reply@example.com',
      ReplyToEmailAddress: 'help@example.com',
      SourceArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:ses:${SECONDARY}:111111111111:identity/example.com`]] },
    });
  });

  test('one API name for both Regions: failover records, the primary checked by the health check', () => {
    const a = app();
    const zoneAttrs = { hostedZoneId: 'Z0123456789', zoneName: 'example.com' };
    const p = new Stack(a, 'Primary', { env: { ...ENV, region: PRIMARY }, crossRegionReferences: true });
    const primary = new SecureCognitoApi(p, 'Api', {
      ...REPLICATED, apiDomain: { domainName: 'api.example.com', hostedZone: route53.HostedZone.fromHostedZoneAttributes(p, 'Zone', zoneAttrs) },
    });
    const s = new Stack(a, 'Secondary', { env: { ...ENV, region: SECONDARY }, crossRegionReferences: true });
    new SecureCognitoApiReplica(s, 'Api', {
      primary, apiDomain: { domainName: 'api.example.com', hostedZone: route53.HostedZone.fromHostedZoneAttributes(s, 'Zone', zoneAttrs) },
    });
    const pt = Template.fromStack(p);
    const checkId = Object.keys(resources(pt, 'AWS::Route53::HealthCheck'))[0];
    for (const type of ['A', 'AAAA']) {
      pt.hasResourceProperties('AWS::Route53::RecordSet', { Name: 'api.example.com.', Type: type, Failover: 'PRIMARY', HealthCheckId: { Ref: checkId } });
      Template.fromStack(s).hasResourceProperties('AWS::Route53::RecordSet', {
        Name: 'api.example.com.', Type: type, Failover: 'SECONDARY', SetIdentifier: `secondary-${type.toLowerCase()}`,
      });
    }
    expect(JSON.stringify(only(pt, 'AWS::Route53::HealthCheck').HealthCheckConfig.FullyQualifiedDomainName)).toContain('RegionalDomainName');
  });

  test('refused: a primary without a replica, or with a replica in another Region, or a second replica stack', () => {
    const a = app();
    const p = new Stack(a, 'Primary', { env: { ...ENV, region: PRIMARY }, crossRegionReferences: true });
    const plain = new SecureCognitoApi(p, 'Plain');
    const replicated = new SecureCognitoApi(p, 'Replicated', REPLICATED);
    const s = new Stack(a, 'Secondary', { env: { ...ENV, region: SECONDARY }, crossRegionReferences: true });
    expect(() => new SecureCognitoApiReplica(s, 'Plain', { primary: plain })).toThrow(
      `\`primary\` must have a replica in this stack's Region: add replica: { region: '${SECONDARY}' } to its props, got: "no replica"`);
    const other = new Stack(a, 'Other', { env: { ...ENV, region: 'us-east-1' }, crossRegionReferences: true });
    expect(() => new SecureCognitoApiReplica(other, 'Api', { primary: replicated })).toThrow(
      `\`primary\` must replicate to this stack's Region (us-east-1); a user pool has one replica, got: "${SECONDARY}"`);
    new SecureCognitoApiReplica(s, 'Api', { primary: replicated });
    expect(() => new SecureCognitoApiReplica(s, 'Again', { primary: replicated })).toThrow(
      '`primary` must have one SecureCognitoApiReplica only: a user pool has one replica, got: "Primary/Replicated"');
  });

  test('refused: an API domain the primary does not have, or another name', () => {
    const zone = (s: Stack) => route53.HostedZone.fromHostedZoneAttributes(s, 'Zone', { hostedZoneId: 'Z0123456789', zoneName: 'example.com' });
    expect(() => twoRegions(REPLICATED, { apiDomain: { domainName: 'api.example.com', hostedZone: zone(new Stack()) } })).toThrow(
      '`apiDomain` needs the primary to have `apiDomain` with the same name (one name, failover records in both Regions), got: "api.example.com"');
  });
});

describe('the replica Region\'s warnings and logs', () => {
  test('default: no warning; the log groups are kept on delete like the primary\'s', () => {
    const { secondaryStack, secondaryTemplate } = twoRegions();
    Annotations.fromStack(secondaryStack).hasNoWarning('*', Match.stringLikeRegexp('replica'));
    for (const logGroup of Object.values(resources(secondaryTemplate, 'AWS::Logs::LogGroup'))) {
      expect(logGroup.DeletionPolicy).toBe('RetainExceptOnCreate');
    }
  });

  test('the primary\'s group-scopes trigger runs in the replica Region too: a function there, named in the replica\'s settings', () => {
    const { secondaryTemplate } = twoRegions({ ...REPLICATED, groups: ['admins'], groupScopes: [{ group: 'admins', scopes: ['read'] }] });
    const [[fnId, fn]] = Object.entries(resources(secondaryTemplate, 'AWS::Lambda::Function')).filter(([, f]) => f.Properties.Environment?.Variables?.GROUP_SCOPES);
    expect(JSON.parse(fn.Properties.Environment.Variables.GROUP_SCOPES)).toEqual({ admins: ['api/read'] });
    expect(only(secondaryTemplate, 'AWS::Cognito::UserPoolRegionalConfigurationAttachment').LambdaConfig).toEqual({
      PreTokenGenerationConfig: { LambdaArn: { 'Fn::GetAtt': [fnId, 'Arn'] }, LambdaVersion: 'V2_0' },
    });
    secondaryTemplate.hasResourceProperties('AWS::Lambda::Permission', {
      FunctionName: { 'Fn::GetAtt': [fnId, 'Arn'] },
      Principal: 'cognito-idp.amazonaws.com',
      SourceArn: Match.objectLike({ 'Fn::Join': Match.arrayWith([Match.arrayWith([`:cognito-idp:${SECONDARY}:111111111111:userpool/`])]) }),
    });
  });

  test('default: no trigger in the replica Region when the primary has none', () => {
    const { secondaryTemplate } = twoRegions();
    expect(only(secondaryTemplate, 'AWS::Cognito::UserPoolRegionalConfigurationAttachment').LambdaConfig).toBeUndefined();
  });
});

describe('the web ACL in the replica Region', () => {
  test('default: none when the primary has none', () => {
    const { secondaryTemplate, replica } = twoRegions();
    secondaryTemplate.resourceCountIs('AWS::WAFv2::WebACL', 0);
    expect(replica.webAcl).toBeUndefined();
  });

  test('the primary has a web ACL: the replica gets the construct\'s rules on its own ARN in its Region', () => {
    const { secondaryTemplate, replica } = twoRegions({ ...REPLICATED, firewall: UserPoolFirewall.create() });
    expect(replica.webAcl).toBeDefined();
    const association = only(secondaryTemplate, 'AWS::WAFv2::WebACLAssociation');
    expect(JSON.stringify(association.ResourceArn)).toContain(`:cognito-idp:${SECONDARY}:111111111111:userpool/`);
  });

  test('override: none in the replica Region although the primary has one', () => {
    const { secondaryTemplate } = twoRegions({ ...REPLICATED, firewall: UserPoolFirewall.create() }, { firewall: UserPoolFirewall.none() });
    secondaryTemplate.resourceCountIs('AWS::WAFv2::WebACL', 0);
  });
});

test('warning: an imported key must be replicated by hand', () => {
  const mrk = `arn:aws:kms:${PRIMARY}:111111111111:key/mrk-1234abcd12ab34cd56ef1234567890ab`;
  const a = app();
  const p = new Stack(a, 'Primary', { env: { ...ENV, region: PRIMARY }, crossRegionReferences: true });
  const primary = new SecureCognitoApi(p, 'Api', { ...REPLICATED, userPoolEncryption: UserPoolEncryption.customerKey(kms.Key.fromKeyArn(p, 'K', mrk)) });
  const s = new Stack(a, 'Secondary', { env: { ...ENV, region: SECONDARY }, crossRegionReferences: true });
  const replica = new SecureCognitoApiReplica(s, 'Api', { primary });
  expect(replica.userPoolKeyReplica).toBeUndefined();
  Template.fromStack(s).resourceCountIs('AWS::KMS::ReplicaKey', 0);
  Annotations.fromStack(s).hasWarning('*', Match.stringLikeRegexp('replicate it to this Region yourself'));
});
