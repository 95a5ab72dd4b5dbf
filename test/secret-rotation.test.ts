// Client secrets that rotate: `secretRotation` keeps an app client's secret in Secrets Manager and
// rotates it with Cognito's two secrets per client (AddUserPoolClientSecret / DeleteUserPoolClientSecret).
import { Duration } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { only, resources, synth } from './util';
import { AppClient, SecureCognitoApiProps, SecurityProfile } from '../src';

const MACHINE = AppClient.machine('reporting', { resourceServerScopes: ['read'], secretRotation: Duration.days(30) });

function rotating(...clients: AppClient[]): SecureCognitoApiProps {
  return { clients };
}

describe('secretRotation', () => {
  test('default: no client rotates, so there is no secret, schedule or rotation function', () => {
    const { template, api } = synth(rotating(AppClient.machine('reporting', { resourceServerScopes: ['read'] })));
    template.resourceCountIs('AWS::SecretsManager::Secret', 0);
    template.resourceCountIs('AWS::SecretsManager::RotationSchedule', 0);
    expect(Object.keys(resources(template, 'AWS::Lambda::Function'))).toHaveLength(1);
    expect(api.clientSecrets).toEqual({});
  });

  test('override: the secret names the client, holds no client secret, and rotates at deployment then every period', () => {
    const { template, api, stack } = synth(rotating(MACHINE));
    const clientId = stack.getLogicalId(api.clients[0].node.defaultChild as cognito.CfnUserPoolClient);
    const secret = only(template, 'AWS::SecretsManager::Secret');
    expect(secret.GenerateSecretString).toEqual({
      SecretStringTemplate: { 'Fn::Join': ['', ['{"clientId":"', { Ref: clientId }, '"}']] },
      GenerateStringKey: 'pending',
      ExcludePunctuation: true,
    });
    expect(secret.KmsKeyId).toBeUndefined();
    // Deleted with its client (CloudFormation deletes the clients; only the pool is retained).
    template.hasResource('AWS::SecretsManager::Secret', { DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete' });
    const schedule = only(template, 'AWS::SecretsManager::RotationSchedule');
    expect(schedule.RotationRules).toEqual({ ScheduleExpression: 'rate(30 days)' });
    expect(schedule.RotateImmediatelyOnUpdate).toBe(true);
    expect(Object.keys(api.clientSecrets)).toEqual(['reporting']);
  });

  test('the client secret is in no output, no environment variable and no attribute reference of the template', () => {
    const { template } = synth(rotating(MACHINE));
    const json = JSON.stringify(template.toJSON());
    expect(json).not.toMatch(/"ClientSecret"/);
    expect(json).not.toMatch(/"SecretString":/);
    const fn = Object.values(resources(template, 'AWS::Lambda::Function'))
      .find((f: any) => f.Properties.Environment?.Variables?.SECRET_ARN) as any;
    expect(Object.keys(fn.Properties.Environment.Variables).sort()).toEqual(['AWS_NODEJS_CONNECTION_REUSE_ENABLED', 'CLIENT_ID', 'SECRET_ARN', 'USER_POOL_ID']);
  });

  test('the rotation role may touch its one secret and the client-secret actions of the pool, nothing else', () => {
    const { template, api, stack } = synth(rotating(MACHINE));
    const poolId = stack.getLogicalId(api.userPool.node.defaultChild as cognito.CfnUserPool);
    const policies = Object.values(resources(template, 'AWS::IAM::Policy'))
      .filter((p: any) => p.Properties.PolicyName.startsWith('ApiClientSecretsreportingRole'));
    expect(policies).toHaveLength(1);
    const statements = (policies[0] as any).Properties.PolicyDocument.Statement;
    const secretId = Object.keys(resources(template, 'AWS::SecretsManager::Secret'))[0];
    expect(statements).toEqual(expect.arrayContaining([
      {
        Action: ['cognito-idp:AddUserPoolClientSecret', 'cognito-idp:DeleteUserPoolClientSecret', 'cognito-idp:ListUserPoolClientSecrets'],
        Effect: 'Allow',
        Resource: { 'Fn::GetAtt': [poolId, 'Arn'] },
      },
      {
        Action: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue', 'secretsmanager:UpdateSecretVersionStage'],
        Effect: 'Allow',
        Resource: { Ref: secretId },
      },
    ]));
    const actions = statements.flatMap((s: any) => [s.Action].flat());
    expect(actions.filter((a: string) => a.startsWith('secretsmanager:') || a.startsWith('cognito-idp:'))).toHaveLength(7);
    expect(actions).not.toContain('secretsmanager:GetRandomPassword');
  });

  test('an output names the secret\'s ARN (never its value) for each rotating client', () => {
    const { template } = synth(rotating(MACHINE, AppClient.machine('billing', { resourceServerScopes: ['read'] })));
    const secretId = Object.keys(resources(template, 'AWS::SecretsManager::Secret'))[0];
    template.hasOutput('ApiClientSecretArnreporting', { Value: { Ref: secretId } });
    expect(Object.keys(template.findOutputs('*')).filter((k) => k.startsWith('ApiClientSecretArn'))).toEqual(['ApiClientSecretArnreporting']);
  });

  test('only Secrets Manager may invoke the rotation function, for that secret', () => {
    const { template } = synth(rotating(MACHINE));
    const secretId = Object.keys(resources(template, 'AWS::SecretsManager::Secret'))[0];
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Principal: 'secretsmanager.amazonaws.com',
      SourceArn: { Ref: secretId },
    });
  });

  test('confidential web and password-auth clients with a secret rotate too, one function each', () => {
    const { template, api } = synth(rotating(
      MACHINE,
      AppClient.confidentialWeb('portal', { callbackUrls: ['https://portal.example.com/cb'], secretRotation: Duration.hours(4) }),
      AppClient.passwordAuth('cli', { secretRotation: Duration.days(1000) }),
    ));
    template.resourceCountIs('AWS::SecretsManager::RotationSchedule', 3);
    expect(Object.keys(api.clientSecrets)).toEqual(['reporting', 'portal', 'cli']);
    const rates = Object.values(resources(template, 'AWS::SecretsManager::RotationSchedule')).map((r: any) => r.Properties.RotationRules.ScheduleExpression);
    expect(rates).toEqual(['rate(30 days)', 'rate(4 hours)', 'rate(1000 days)']);
  });

  test('compliance: the secret is encrypted with the construct\'s key, which the rotation role may use through Secrets Manager', () => {
    const { template, api, stack } = synth({ ...rotating(MACHINE), securityProfile: SecurityProfile.COMPLIANCE });
    const keyId = stack.getLogicalId(api.encryptionKey!.node.defaultChild as any);
    expect(only(template, 'AWS::SecretsManager::Secret').KmsKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    const fn = api.clientSecrets.reporting.node.scope!.node.findChild('Function') as lambda.Function;
    expect(fn.node.path).toBe('TestStack/Api/ClientSecrets/reporting/Function');
    const policy = Object.values(resources(template, 'AWS::IAM::Policy'))
      .find((p: any) => p.Properties.PolicyName.startsWith('ApiClientSecretsreportingRole')) as any;
    expect(policy.Properties.PolicyDocument.Statement).toEqual(expect.arrayContaining([expect.objectContaining({
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Condition: { StringEquals: { 'kms:ViaService': { 'Fn::Join': ['', ['secretsmanager.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } } },
      Resource: { 'Fn::GetAtt': [keyId, 'Arn'] },
    })]));
  });
});

describe('secretRotation: refusals', () => {
  test.each([
    ['a public web client', AppClient.web('spa', { callbackUrls: ['https://app.example.com/cb'], secretRotation: Duration.days(30) }),
      '`clients["spa"].secretRotation` needs a client with a secret (confidentialWeb, machine, or passwordAuth with generateSecret): this one has none to rotate, got: "WEB"'],
    ['an implicit client', AppClient.implicit('legacy', { callbackUrls: ['https://app.example.com/cb'], secretRotation: Duration.days(30) }),
      '`clients["legacy"].secretRotation` needs a client with a secret (confidentialWeb, machine, or passwordAuth with generateSecret): this one has none to rotate, got: "IMPLICIT"'],
    ['a password-auth client without a secret', AppClient.passwordAuth('cli', { generateSecret: false, secretRotation: Duration.days(30) }),
      '`clients["cli"].secretRotation` needs a client with a secret (confidentialWeb, machine, or passwordAuth with generateSecret): this one has none to rotate, got: "PASSWORD_AUTH"'],
    ['less than 4 hours', AppClient.machine('m', { resourceServerScopes: ['read'], secretRotation: Duration.hours(3) }),
      '`clients["m"].secretRotation` must be between 4 hours and 1000 days (Secrets Manager\'s rotation schedule bounds), got: "3 hours"'],
    ['more than 1000 days', AppClient.machine('m', { resourceServerScopes: ['read'], secretRotation: Duration.days(1001) }),
      '`clients["m"].secretRotation` must be between 4 hours and 1000 days (Secrets Manager\'s rotation schedule bounds), got: "1001 days"'],
  ])('%s', (_name, client, message) => {
    expect(() => synth(rotating(client))).toThrow(message);
  });
});
