import { Annotations, Duration, Stack } from 'aws-cdk-lib';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { check, isConcrete } from './validate';
import type { SecureCognitoApiProps } from '../secure-cognito-api-props';

/** Every alarm looks at 5-minute periods and treats missing data (no traffic) as OK. */
const PERIOD = Duration.minutes(5);
/** p99 latency above which the API is considered slow. */
export const LATENCY_P99_THRESHOLD = Duration.seconds(5);
/** Fraction of the handler timeout above which a maximum duration raises the alarm. */
export const DURATION_THRESHOLD_RATIO = 0.8;

export interface AlarmsProps {
  readonly httpApi: apigwv2.HttpApi;
  readonly handler: lambda.IFunction;
  /** The built-in handler's timeout; without it there is no duration alarm. */
  readonly handlerTimeout?: Duration;
  /** The topic to notify; a new encrypted, TLS-only topic when undefined. */
  readonly topic?: sns.ITopic;
  /** The key of the new topic. */
  readonly encryptionKey?: kms.IKey;
  /** E-mail addresses to subscribe to the topic. */
  readonly emails: string[];
}

/**
 * The alarms of the API and its handler, each notifying an SNS topic when it goes to ALARM and
 * back to OK. Thresholds are deliberately low: for an API behind an authorizer, a single 5xx or
 * throttle is worth a look.
 */
export class Alarms extends Construct {
  public readonly topic: sns.ITopic;
  public readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.topic = props.topic ?? this.createTopic(props.encryptionKey);
    props.emails.forEach((endpoint, i) => new sns.Subscription(this, `EmailSubscription${i}`, {
      topic: this.topic,
      protocol: sns.SubscriptionProtocol.EMAIL,
      endpoint,
    }));
    if (props.emails.length === 0 && !props.topic) {
      Annotations.of(this).addInfo('The alarms notify an SNS topic that has no subscription yet: set alarmEmails, '
        + 'or subscribe to the topic whose ARN is the AlarmTopicArn output.');
    }
    const action = new actions.SnsAction(this.topic);

    const add = (alarmId: string, metric: cloudwatch.IMetric, threshold: number, description: string, evaluationPeriods = 1) => {
      const alarm = new cloudwatch.Alarm(this, alarmId, {
        metric,
        threshold,
        evaluationPeriods,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
      this.alarms.push(alarm);
    };

    add('ServerErrors', props.httpApi.metricServerError({ period: PERIOD, statistic: cloudwatch.Stats.SUM }), 1,
      'The HTTP API answered at least one 5xx in 5 minutes (see the access log: integrationError, errorMessage).');
    add('LatencyP99', props.httpApi.metricLatency({ period: PERIOD, statistic: cloudwatch.Stats.p(99) }),
      LATENCY_P99_THRESHOLD.toMilliseconds(),
      `The HTTP API's p99 latency was at least ${LATENCY_P99_THRESHOLD.toHumanString()} for 15 minutes.`, 3);
    add('HandlerErrors', props.handler.metricErrors({ period: PERIOD, statistic: cloudwatch.Stats.SUM }), 1,
      'The handler failed at least once in 5 minutes.');
    add('HandlerThrottles', props.handler.metricThrottles({ period: PERIOD, statistic: cloudwatch.Stats.SUM }), 1,
      'The handler was throttled at least once in 5 minutes (reserved concurrency or account limit reached).');
    if (props.handlerTimeout) {
      const threshold = Math.floor(props.handlerTimeout.toMilliseconds() * DURATION_THRESHOLD_RATIO);
      add('HandlerDuration', props.handler.metricDuration({ period: PERIOD, statistic: cloudwatch.Stats.MAXIMUM }), threshold,
        `The handler ran for at least ${threshold} ms, ${DURATION_THRESHOLD_RATIO * 100}% of its ${props.handlerTimeout.toHumanString()} timeout.`);
    }
  }

  /**
   * A TLS-only, encrypted topic. Its policy replaces the default one (which let the account
   * publish), so CloudWatch alarms of this account are allowed explicitly.
   */
  private createTopic(masterKey?: kms.IKey): sns.Topic {
    const topic = new sns.Topic(this, 'Topic', { displayName: 'SecureCognitoApi alarms', enforceSSL: true, masterKey });
    const stack = Stack.of(this);
    topic.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'CloudWatchAlarmsOfThisAccount',
      principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['sns:Publish'],
      resources: [topic.topicArn],
      conditions: {
        StringEquals: { 'aws:SourceAccount': stack.account },
        ArnLike: { 'aws:SourceArn': `arn:${stack.partition}:cloudwatch:${stack.region}:${stack.account}:alarm:*` },
      },
    }));
    return topic;
  }
}

/**
 * `alarmTopic` and `alarmEmails` need alarms that notify them: refused with `alarms: false`, and
 * while the alarms stay off (unset under the STANDARD profile). E-mail addresses, each once.
 *
 * @param alarmsOn whether the alarms are on, `alarms` resolved against the security profile
 */
export function validateAlarms(props: SecureCognitoApiProps, alarmsOn: boolean): void {
  const topic = props.alarmTopic?.node.path;
  check(!(props.alarmTopic && props.alarms === false), 'alarmTopic', 'needs `alarms` on; it is never notified while `alarms` is false', topic);
  check(props.alarmTopic === undefined || alarmsOn, 'alarmTopic',
    'needs the alarms on (`alarms: true` or SecurityProfile.COMPLIANCE): the STANDARD profile creates no alarm, so the topic would never be notified',
    topic);
  const emails = props.alarmEmails;
  if (emails === undefined) return;
  check(alarmsOn, 'alarmEmails', 'needs the alarms on (`alarms: true` or SecurityProfile.COMPLIANCE): without alarms nothing is ever sent', emails);
  for (const email of emails) {
    check(!isConcrete(email) || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email), 'alarmEmails', 'must hold e-mail addresses', email);
  }
  const dup = emails.find((e, i) => isConcrete(e) && emails.indexOf(e) !== i);
  check(dup === undefined, 'alarmEmails', 'must not repeat an address', dup);
}
