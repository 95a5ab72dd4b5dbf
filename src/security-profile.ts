/**
 * How much the construct hardens what it creates beyond its secure defaults.
 *
 * Both profiles pass the cdk-nag AwsSolutions and Serverless packs with the construct's own
 * acknowledgements; COMPLIANCE also passes HIPAA Security, NIST 800-53 R5, PCI DSS 3.2.1 and the
 * Control Tower proactive controls of `@cdklabs/cdk-validator-cfnguard`.
 */
export enum SecurityProfile {
  /**
   * Secure defaults at no idle cost: log groups encrypted by CloudWatch Logs, one month of
   * retention, no reserved concurrency, no alarm unless `alarms` is set.
   */
  STANDARD = 'STANDARD',

  /**
   * What HIPAA, NIST 800-53, PCI DSS and Control Tower audits ask for: log groups encrypted with a
   * KMS customer managed key (rotation on), kept one year; reserved concurrency on the built-in
   * handler; VPC flow logs forced on; alarms (API 5xx and p99 latency, handler errors, throttles and duration near the timeout)
   * notifying an SNS topic. About $1 a month for the key and $0.10 per alarm.
   */
  COMPLIANCE = 'COMPLIANCE',
}
