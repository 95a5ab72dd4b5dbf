/**
 * Who may create accounts in the user pool.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/signing-up-users-in-your-app.html
 */
export enum SignUpMode {
  /**
   * Only administrators create users (AdminCreateUser). The hosted UI has no sign-up page.
   */
  ADMIN_ONLY = 'ADMIN_ONLY',

  /**
   * Anyone may sign up in the hosted UI, but the account stays UNCONFIRMED, and cannot sign in,
   * until an administrator confirms it (AdminConfirmSignUp). No verification message is sent.
   * This is the brief's design: it grants API access only to people an administrator approved.
   */
  ADMIN_APPROVAL = 'ADMIN_APPROVAL',

  /**
   * Anyone may sign up and confirms the account with a code sent to their e-mail address.
   */
  SELF_SERVICE = 'SELF_SERVICE',
}

/**
 * How the built-in handler's private subnets reach the internet.
 *
 * Only applies to the VPC that the construct creates.
 */
export enum EgressMode {
  /**
   * Isolated subnets: no NAT gateway, no internet gateway, no public subnet. S3 and DynamoDB are
   * reached through free gateway endpoints, other AWS services through the interface endpoints you
   * opt into. Costs nothing when idle.
   */
  NONE = 'NONE',

  /**
   * Public subnets and one NAT gateway shared by both AZs (about $36.50 a month idle in us-east-1,
   * NAT hours plus its public IPv4 address). The private subnets lose egress if that AZ fails.
   */
  SINGLE_NAT_GATEWAY = 'SINGLE_NAT_GATEWAY',

  /**
   * Public subnets and one NAT gateway per AZ, the brief's design (about $73 a month idle in
   * us-east-1 for two AZs).
   */
  NAT_GATEWAY_PER_AZ = 'NAT_GATEWAY_PER_AZ',
}
