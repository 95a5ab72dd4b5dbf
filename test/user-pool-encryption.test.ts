import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { only, resources, synth } from './util';
import { SecureCognitoApi, SecurityProfile, UserPoolEncryption } from '../src';

/** The statement the key policy must hold for Cognito, and nothing more for it. */
const COGNITO_STATEMENT = {
  Sid: 'CognitoUserPoolsOfThisAccount',
  Effect: 'Allow',
  Principal: { Service: 'cognito-idp.amazonaws.com' },
  Action: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
  Resource: '*',
  Condition: {
    StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
    ArnLike: {
      'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cognito-idp:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':userpool/*']] },
    },
  },
};

function keys(template: Template): [string, any][] {
  return Object.entries(resources(template, 'AWS::KMS::Key'));
}

describe('user pool encryption', () => {
  test('default (standard profile): Cognito\'s AWS owned key, written out, and no KMS key', () => {
    const { template, api } = synth();
    expect(only(template, 'AWS::Cognito::UserPool').KeyConfiguration).toEqual({ KeyType: 'AWS_OWNED_KEY' });
    template.resourceCountIs('AWS::KMS::Key', 0);
    expect(api.userPoolKey).toBeUndefined();
  });

  test('default (compliance profile): the construct\'s key encrypts the pool, with Cognito in its key policy', () => {
    const { template, api } = synth({ securityProfile: SecurityProfile.COMPLIANCE });
    const [[id, key]] = keys(template);
    expect(only(template, 'AWS::Cognito::UserPool').KeyConfiguration).toEqual({ KeyType: 'CUSTOMER_MANAGED_KEY', KmsKeyArn: { 'Fn::GetAtt': [id, 'Arn'] } });
    expect(key.Properties.KeyPolicy.Statement).toContainEqual(COGNITO_STATEMENT);
    // Created after its key policy lets Cognito use the key.
    template.hasResource('AWS::Cognito::UserPool', { DependsOn: Match.arrayWith([id]) });
    expect(api.userPoolKey).toBe(api.encryptionKey);
  });

  test('override: the construct\'s key under the standard profile encrypts the pool and not the logs', () => {
    const { template, api } = synth({ userPoolEncryption: UserPoolEncryption.constructKey() });
    expect(keys(template)).toHaveLength(1);
    expect(api.userPoolKey).toBe(api.encryptionKey);
    for (const logGroup of Object.values(resources(template, 'AWS::Logs::LogGroup'))) {
      expect(logGroup.Properties.KmsKeyId).toBeUndefined();
    }
  });

  test('override: a multi-Region key for the pool alone, rotated, retained like the pool, beside the compliance key', () => {
    const { template, api } = synth({ securityProfile: SecurityProfile.COMPLIANCE, userPoolEncryption: UserPoolEncryption.multiRegionKey() });
    const all = keys(template);
    expect(all).toHaveLength(2);
    const [id, key] = all.find(([, k]) => k.Properties.MultiRegion === true)!;
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect([key.DeletionPolicy, key.UpdateReplacePolicy]).toEqual(['Retain', 'Retain']);
    expect(key.Properties.KeyPolicy.Statement).toContainEqual(COGNITO_STATEMENT);
    expect(id).toMatch(/^ApiUserPoolKey/);
    expect(only(template, 'AWS::Cognito::UserPool').KeyConfiguration.KmsKeyArn).toEqual({ 'Fn::GetAtt': [id, 'Arn'] });
    expect(api.userPoolKey).not.toBe(api.encryptionKey);
  });

  test('override: a key of this app gets the Cognito statement; an imported one gets a warning', () => {
    const app = new App();
    const stack = new Stack(app, 'Mine', { env: { account: '123456789012', region: 'eu-west-1' } });
    const mine = new kms.Key(stack, 'Mine', { enableKeyRotation: true });
    new SecureCognitoApi(stack, 'Api', { userPoolEncryption: UserPoolEncryption.customerKey(mine) });
    const t = Template.fromStack(stack);
    const [, key] = keys(t).find(([id]) => id.startsWith('Mine'))!;
    expect(key.Properties.KeyPolicy.Statement.map((s: any) => s.Sid)).toContain('CognitoUserPoolsOfThisAccount');

    const other = new Stack(new App(), 'Imported', { env: { account: '123456789012', region: 'eu-west-1' } });
    const arn = 'arn:aws:kms:eu-west-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab';
    new SecureCognitoApi(other, 'Api', { userPoolEncryption: UserPoolEncryption.customerKey(kms.Key.fromKeyArn(other, 'Key', arn)) });
    expect(only(Template.fromStack(other), 'AWS::Cognito::UserPool').KeyConfiguration).toEqual({ KeyType: 'CUSTOMER_MANAGED_KEY', KmsKeyArn: arn });
    Annotations.fromStack(other).hasWarning('/Imported/Api/Identity/UserPool', Match.stringLikeRegexp('must let cognito-idp.amazonaws.com use it'));
  });

  test('refused: a key of another Region', () => {
    const stack = new Stack(new App(), 'S', { env: { account: '123456789012', region: 'us-east-1' } });
    const key = kms.Key.fromKeyArn(stack, 'Key', 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    expect(() => new SecureCognitoApi(stack, 'Api', { userPoolEncryption: UserPoolEncryption.customerKey(key) }))
      .toThrow('`userPoolEncryption` key must be in the user pool\'s Region (us-east-1), got: "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"');
  });
});
