// Nothing lost. CloudFormation identifies a resource by its logical id: if a refactor renames a
// construct on the path to the user pool (or its domain, resource server or clients), the next
// deployment creates a NEW pool and deletes (or, with RETAIN, orphans) the old one. Every user,
// password and MFA secret stays behind in the old pool, and every client id changes, so every
// app's configuration breaks. These ids are therefore part of the public contract: if this test
// fails, do not update the ids, restore the construct paths.
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { briefStack, complianceStack, defaultStack } from '../fixtures/configs';
import { SecureCognitoApi } from '../src';

function logicalIds(template: Template, type: string): string[] {
  return Object.keys(template.findResources(type)).sort();
}

describe('nothing lost: logical ids', () => {
  test('the default configuration keeps the ids of the user pool, its domain, resource server and client', () => {
    // GIVEN / WHEN
    const template = Template.fromStack(defaultStack(new App()));
    // THEN
    expect({
      userPool: logicalIds(template, 'AWS::Cognito::UserPool'),
      domain: logicalIds(template, 'AWS::Cognito::UserPoolDomain'),
      resourceServer: logicalIds(template, 'AWS::Cognito::UserPoolResourceServer'),
      clients: logicalIds(template, 'AWS::Cognito::UserPoolClient'),
    }).toEqual({
      userPool: ['ApiIdentityUserPool185EF191'],
      domain: ['ApiIdentityDomain77A88DB9'],
      resourceServer: ['ApiIdentityResourceServer6BA2F287'],
      clients: ['ApiClientscli9C59ED34'],
    });
  });

  test('the brief configuration keeps the ids of every client kind and of the groups', () => {
    const template = Template.fromStack(briefStack(new App()));
    expect({
      userPool: logicalIds(template, 'AWS::Cognito::UserPool'),
      clients: logicalIds(template, 'AWS::Cognito::UserPoolClient'),
      groups: logicalIds(template, 'AWS::Cognito::UserPoolGroup'),
    }).toEqual({
      userPool: ['ApiIdentityUserPool185EF191'],
      clients: ['ApiClientscli9C59ED34', 'ApiClientsimplicitDF2D1889', 'ApiClientsmachineF286D318', 'ApiClientsweb36C1170F'],
      groups: ['ApiIdentityGroupadmins2827948F', 'ApiIdentityGroupreaders6150C1CD'],
    });
  });

  test('switching to the compliance profile keeps the user pool, its domain and resource server; only the pool\'s key changes', () => {
    // GIVEN the same identity settings in both profiles
    const standard = Template.fromStack(defaultStack(new App())).toJSON().Resources;
    const compliance = Template.fromStack(complianceStack(new App())).toJSON().Resources;
    // THEN the pool, domain and resource server are the same resources with the same properties,
    // except the pool's KeyConfiguration (the construct's key; an update without interruption:
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-cognito-userpool-keyconfiguration.html)
    const { KeyConfiguration: key, ...pool } = compliance.ApiIdentityUserPool185EF191.Properties;
    expect(key).toEqual({ KeyType: 'CUSTOMER_MANAGED_KEY', KmsKeyArn: { 'Fn::GetAtt': ['ApiEncryptionKey8E3C21A0', 'Arn'] } });
    const { KeyConfiguration: standardKey, ...standardPool } = standard.ApiIdentityUserPool185EF191.Properties;
    expect(standardKey).toEqual({ KeyType: 'AWS_OWNED_KEY' });
    expect(pool).toEqual(standardPool);
    expect(compliance.ApiIdentityResourceServer6BA2F287).toEqual(standard.ApiIdentityResourceServer6BA2F287);
    // (the domain prefix embeds the stack name, so only its logical id is compared)
    expect(Object.keys(compliance)).toContain('ApiIdentityDomain77A88DB9');
  });
});

describe('nothing lost: retention', () => {
  test('default: the user pool is retained and deletion-protected, without warning', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack');
    // WHEN
    new SecureCognitoApi(stack, 'Api');
    // THEN
    Template.fromStack(stack).hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtection: 'ACTIVE' }),
    });
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('removalPolicy'));
  });

  test('override: DESTROY is honoured, with a warning that names the consequence', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack');
    // WHEN
    new SecureCognitoApi(stack, 'Api', { removalPolicy: RemovalPolicy.DESTROY, deletionProtection: false });
    // THEN
    Template.fromStack(stack).hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Delete',
      Properties: Match.objectLike({ DeletionProtection: 'INACTIVE' }),
    });
    Annotations.fromStack(stack).hasWarning('/Stack/Api/Identity/UserPool', Match.stringLikeRegexp(
      'removalPolicy is destroy: deleting the stack or replacing the user pool deletes every account in it.'));
  });
});
