import * as logs from 'aws-cdk-lib/aws-logs';
import { check, isConcrete } from './validate';
import type { SecureCognitoApiProps } from '../secure-cognito-api-props';
import { SecurityProfile } from '../security-profile';

/** Reserved concurrency of the built-in handler in the compliance profile. */
export const COMPLIANCE_RESERVED_CONCURRENCY = 50;

/** What the security profile and the observability props resolve to. */
export interface ProfileSettings {
  readonly profile: SecurityProfile;
  readonly logRetention: logs.RetentionDays;
  readonly reservedConcurrency?: number;
  readonly flowLogs: boolean;
  readonly alarms: boolean;
  /** Whether the construct must create its own KMS key (logs in COMPLIANCE, or the alarm topic). */
  readonly needsKey: boolean;
}

/**
 * Resolves the profile: COMPLIANCE turns on what HIPAA, NIST 800-53 R5, PCI DSS 3.2.1 and the
 * Control Tower controls ask for; every explicit prop still wins (validation refuses the
 * combinations that would break the profile).
 */
export function resolveProfile(props: SecureCognitoApiProps): ProfileSettings {
  const profile = props.securityProfile ?? SecurityProfile.STANDARD;
  const compliance = profile === SecurityProfile.COMPLIANCE;
  const alarms = props.alarms ?? compliance;
  return {
    profile,
    logRetention: props.logRetention ?? (compliance ? logs.RetentionDays.ONE_YEAR : logs.RetentionDays.ONE_MONTH),
    reservedConcurrency: props.handlerReservedConcurrency ?? (compliance && !props.handler ? COMPLIANCE_RESERVED_CONCURRENCY : undefined),
    flowLogs: props.flowLogs ?? true,
    alarms,
    needsKey: !props.logEncryptionKey && (compliance || (alarms && !props.alarmTopic)),
  };
}

/**
 * The retention periods CloudWatch Logs accepts, in days; `RetentionDays.INFINITE` (no retention
 * policy) aside.
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html#CWL-PutRetentionPolicy-request-retentionInDays
 */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

/** `logRetention`: a period CloudWatch Logs accepts, and at least a year under the COMPLIANCE profile. */
export function validateProfile(props: SecureCognitoApiProps): void {
  const retention = props.logRetention;
  if (retention !== undefined && isConcrete(retention)) {
    check(retention === logs.RetentionDays.INFINITE || LOG_RETENTION_DAYS.includes(retention), 'logRetention',
      `must be a retention CloudWatch Logs accepts (${LOG_RETENTION_DAYS.join(', ')} days) or RetentionDays.INFINITE`, retention);
  }
  if (props.securityProfile !== SecurityProfile.COMPLIANCE || retention === undefined) return;
  check(retention === logs.RetentionDays.INFINITE || retention >= logs.RetentionDays.ONE_YEAR, 'logRetention',
    'must be at least one year (365 days) with SecurityProfile.COMPLIANCE', retention);
}
