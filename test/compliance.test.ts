import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { SecureCognitoApi, SecureCognitoApiProps, SecurityProfile } from '../src';

function build(props: SecureCognitoApiProps = {}, extra?: (stack: Stack) => Partial<SecureCognitoApiProps>) {
  const stack = new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });
  const api = new SecureCognitoApi(stack, 'Api', { ...props, ...extra?.(stack) });
  return { stack, api, template: Template.fromStack(stack) };
}

const KEY_ARN = { 'Fn::GetAtt': [Match.stringLikeRegexp('^ApiEncryptionKey'), 'Arn'] };

describe('security profile: standard (default)', () => {
  test('no key, CloudWatch Logs encryption, one month of retention, no reserved concurrency, no alarm', () => {
    // GIVEN / WHEN
    const { api, template } = build();
    // THEN
    expect(api.securityProfile).toBe(SecurityProfile.STANDARD);
    expect(api.alarms).toEqual([]);
    expect(api.alarmTopic).toBeUndefined();
    expect(api.encryptionKey).toBeUndefined();
    template.resourceCountIs('AWS::KMS::Key', 0);
    template.resourceCountIs('AWS::SNS::Topic', 0);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 0);
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 30, KmsKeyId: Match.absent() });
    template.hasResourceProperties('AWS::Lambda::Function', { ReservedConcurrentExecutions: Match.absent() });
  });

  test('alarms on their own: a key for the topic only, the log groups stay as they are', () => {
    const { api, template } = build({ alarms: true });
    expect(api.alarms).toHaveLength(5);
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: KEY_ARN });
    template.allResourcesProperties('AWS::Logs::LogGroup', { KmsKeyId: Match.absent() });
  });

  test('a given log key encrypts the log groups in the standard profile too', () => {
    const { template } = build({}, (stack) => ({ logEncryptionKey: new kms.Key(stack, 'MyKey') }));
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.allResourcesProperties('AWS::Logs::LogGroup', {
      KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^MyKey'), 'Arn'] },
    });
  });
});

describe('security profile: compliance', () => {
  test('a rotated key scoped to this account\'s log groups encrypts every log group, kept a year', () => {
    // GIVEN / WHEN
    const { api, template } = build({ securityProfile: SecurityProfile.COMPLIANCE });
    // THEN
    expect(api.securityProfile).toBe(SecurityProfile.COMPLIANCE);
    expect(api.encryptionKey).toBeDefined();
    // access log, handler log, flow log, and the user pool's WAF log (the web ACL is on by default here)
    template.resourceCountIs('AWS::Logs::LogGroup', 4);
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 365, KmsKeyId: KEY_ARN });
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'CloudWatchLogsOfThisAccount',
            Principal: { Service: 'logs.us-east-1.amazonaws.com' },
            Condition: {
              ArnLike: {
                'kms:EncryptionContext:aws:logs:arn': {
                  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:us-east-1:123456789012:log-group:*']],
                },
              },
            },
          }),
          Match.objectLike({
            Sid: 'CreateGrantOnlyForAwsServices',
            Effect: 'Deny',
            Action: 'kms:CreateGrant',
            Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
          }),
          Match.objectLike({ Sid: 'CloudWatchAlarmsToEncryptedTopic', Principal: { Service: 'cloudwatch.amazonaws.com' } }),
        ]),
      },
    });
  });

  test('reserved concurrency on the built-in handler, flow logs on', () => {
    const { template } = build({ securityProfile: SecurityProfile.COMPLIANCE });
    template.hasResourceProperties('AWS::Lambda::Function', { ReservedConcurrentExecutions: 50 });
    template.resourceCountIs('AWS::EC2::FlowLog', 1);
  });

  test('five alarms notify an encrypted, TLS-only topic on ALARM and on OK', () => {
    const { api, template } = build({ securityProfile: SecurityProfile.COMPLIANCE });
    expect(api.alarms).toHaveLength(5);
    expect(api.alarmTopic).toBeDefined();
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: KEY_ARN });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
    const topicRef = { Ref: Match.stringLikeRegexp('^ApiAlarmsTopic') };
    template.allResourcesProperties('AWS::CloudWatch::Alarm', { AlarmActions: [topicRef], OKActions: [topicRef] });
  });

  test('the topic policy lets this account\'s CloudWatch alarms publish (it replaces the default policy)', () => {
    const { template } = build({ securityProfile: SecurityProfile.COMPLIANCE });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Sid: 'CloudWatchAlarmsOfThisAccount',
          Effect: 'Allow',
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: 'sns:Publish',
          Condition: {
            StringEquals: { 'aws:SourceAccount': '123456789012' },
            ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cloudwatch:us-east-1:123456789012:alarm:*']] } },
          },
        })]),
      },
    });
  });

  test('alarm thresholds: any 5xx, p99 latency of 5 s for 15 min, any error or throttle, 80% of the timeout', () => {
    const { template } = build({ securityProfile: SecurityProfile.COMPLIANCE, handlerTimeout: Duration.seconds(20) });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: '5xx', Namespace: 'AWS/ApiGateway', Threshold: 1, Statistic: 'Sum' });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Latency', ExtendedStatistic: 'p99', Threshold: 5000, EvaluationPeriods: 3,
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Errors', Namespace: 'AWS/Lambda', Threshold: 1 });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Throttles', Namespace: 'AWS/Lambda', Threshold: 1 });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Duration', Statistic: 'Maximum', Threshold: 16000 });
    template.allResourcesProperties('AWS::CloudWatch::Alarm', { TreatMissingData: 'notBreaching' });
  });

  test('overrides: retention, reserved concurrency, alarms off', () => {
    const { api, template } = build({
      securityProfile: SecurityProfile.COMPLIANCE,
      logRetention: logs.RetentionDays.TEN_YEARS,
      handlerReservedConcurrency: 5,
      alarms: false,
    });
    expect(api.alarms).toEqual([]);
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 3653 });
    template.hasResourceProperties('AWS::Lambda::Function', { ReservedConcurrentExecutions: 5 });
    template.resourceCountIs('AWS::CloudWatch::Alarm', 0);
    template.resourceCountIs('AWS::SNS::Topic', 0);
    template.resourceCountIs('AWS::KMS::Key', 1);
  });

  test('overrides: a given topic and a given key are used, none is created', () => {
    let topic: sns.ITopic | undefined;
    const { api, template } = build({ securityProfile: SecurityProfile.COMPLIANCE }, (stack) => {
      topic = new sns.Topic(stack, 'OpsTopic');
      return { alarmTopic: topic, logEncryptionKey: new kms.Key(stack, 'MyKey', { enableKeyRotation: true }) };
    });
    expect(api.alarmTopic).toBe(topic);
    template.resourceCountIs('AWS::SNS::Topic', 1);
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.allResourcesProperties('AWS::CloudWatch::Alarm', { AlarmActions: [{ Ref: Match.stringLikeRegexp('^OpsTopic') }] });
    template.allResourcesProperties('AWS::Logs::LogGroup', { KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^MyKey'), 'Arn'] } });
  });

  test('with your own function: no reserved concurrency set on it, no duration alarm', () => {
    const { api, template } = build({ securityProfile: SecurityProfile.COMPLIANCE },
      (stack) => ({ handler: lambda.Function.fromFunctionArn(stack, 'Fn', 'arn:aws:lambda:us-east-1:123456789012:function:mine') }));
    expect(api.alarms).toHaveLength(4);
    template.resourceCountIs('AWS::Lambda::Function', 0);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 4);
  });
});

describe('least privilege of the built-in handler (both profiles)', () => {
  test('no AWS managed policy: log writes only to its own log group, the VPC network-interface actions', () => {
    const { template } = build();
    const roles = Object.values(template.findResources('AWS::IAM::Role')).filter((r) =>
      JSON.stringify(r.Properties.AssumeRolePolicyDocument).includes('lambda.amazonaws.com'));
    expect(roles).toHaveLength(1);
    expect(roles[0].Properties.ManagedPolicyArns).toBeUndefined();
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Action: ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets',
            'ec2:DeleteNetworkInterface', 'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses'],
          Resource: '*',
        })]),
      },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ApiHandlerLogs'), 'Arn'] },
        })]),
      },
    });
    expect(JSON.stringify(template.toJSON())).not.toContain('AWSLambdaBasicExecutionRole');
    expect(JSON.stringify(template.toJSON())).not.toContain('AWSLambdaVPCAccessExecutionRole');
  });

  test('the invoke permission names the source account (Control Tower CT.LAMBDA.PR.2)', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Principal: 'apigateway.amazonaws.com',
      SourceAccount: '123456789012',
      SourceArn: Match.anyValue(),
    });
  });
});

describe('observability: metric helpers delegate to the L2s', () => {
  test.each([
    ['metricCount', 'AWS/ApiGateway', 'Count'],
    ['metricClientError', 'AWS/ApiGateway', '4xx'],
    ['metricServerError', 'AWS/ApiGateway', '5xx'],
    ['metricLatency', 'AWS/ApiGateway', 'Latency'],
    ['metricHandlerErrors', 'AWS/Lambda', 'Errors'],
    ['metricHandlerThrottles', 'AWS/Lambda', 'Throttles'],
    ['metricHandlerDuration', 'AWS/Lambda', 'Duration'],
  ] as const)('%s', (method, namespace, metricName) => {
    const { api } = build();
    const metric = api[method]({ period: Duration.minutes(1) });
    expect({ namespace: metric.namespace, metricName: metric.metricName, period: metric.period.toSeconds() })
      .toEqual({ namespace, metricName, period: 60 });
  });
});
