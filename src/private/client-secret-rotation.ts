import { Duration, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { acknowledge, ROTATION_ACKS } from './acknowledgements';
import { FUNCTION_SETTINGS, onNewestNodeRuntime } from './built-in-handler';
import { createLogGroup, DataPolicy } from './data-resources';
import { SecretRotationFunction } from './secret-rotation-function';
import { check } from './validate';
import { AppClient, AppClientKind } from '../app-client';

/**
 * Secrets Manager's bounds on a rotation schedule.
 *
 * @see https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_schedule.html
 */
const MIN_ROTATION = Duration.hours(4);
const MAX_ROTATION = Duration.days(1000);

/**
 * The Cognito actions the rotation function calls. Their only resource type is the user pool and
 * Cognito offers no condition key for an app client, so IAM cannot narrow them below the pool:
 * the function itself refuses any client but its own (CLIENT_ID) and any secret but its own.
 *
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncognitouserpools.html
 */
export const ROTATION_COGNITO_ACTIONS = [
  'cognito-idp:AddUserPoolClientSecret',
  'cognito-idp:DeleteUserPoolClientSecret',
  'cognito-idp:ListUserPoolClientSecrets',
];

/**
 * Refuses a rotation Cognito or Secrets Manager could not do: on a client without a secret, or
 * with a period outside Secrets Manager's schedule bounds.
 */
export function validateSecretRotation(clients: AppClient[]): void {
  for (const client of clients) {
    const period = client.secretRotation;
    if (period === undefined) continue;
    const prop = `clients["${client.name}"].secretRotation`;
    check(client.generateSecret && client.kind !== AppClientKind.WEB && client.kind !== AppClientKind.IMPLICIT, prop,
      'needs a client with a secret (confidentialWeb, machine, or passwordAuth with generateSecret): this one has none to rotate', client.kind);
    if (Token.isUnresolved(period.toMilliseconds({ integral: false }))) continue;
    check(period.toMilliseconds() >= MIN_ROTATION.toMilliseconds() && period.toMilliseconds() <= MAX_ROTATION.toMilliseconds(), prop,
      'must be between 4 hours and 1000 days (Secrets Manager\'s rotation schedule bounds)', period.toHumanString());
  }
}

export interface ClientSecretRotationProps {
  readonly userPool: cognito.IUserPool;
  readonly client: AppClient;
  readonly userPoolClient: cognito.IUserPoolClient;
  /** How the function's log group is born (the secret itself is deleted with its client). */
  readonly logs: DataPolicy;
  /** The secret's key (undefined: Secrets Manager's AWS managed key). */
  readonly encryptionKey?: kms.IKey;
}

/**
 * One client's secret in Secrets Manager and the function that rotates it: the secret (its first
 * value names the client and holds no client secret), the rotation schedule (rotates at
 * deployment, then every period), a function outside any VPC with its own log group and a role
 * limited to that secret and to the client-secret actions on the pool.
 */
export class ClientSecretRotation extends Construct {
  public readonly secret: secretsmanager.Secret;
  public readonly function: lambda.Function;
  public readonly logGroup: logs.LogGroup;
  public readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: ClientSecretRotationProps) {
    super(scope, id);
    const stack = Stack.of(this);
    // The client id is not secret; the generated `pending` key is a placeholder until the first
    // rotation writes `clientSecret`, so the secret value never passes through the template.
    this.secret = new secretsmanager.Secret(this, 'Secret', {
      description: `SecureCognitoApi: client id and rotating client secret of app client ${props.client.name}`,
      generateSecretString: {
        secretStringTemplate: stack.toJsonString({ clientId: props.userPoolClient.userPoolClientId }),
        generateStringKey: 'pending',
        excludePunctuation: true,
      },
      // The log groups' key when there is one (COMPLIANCE, or `logEncryptionKey`), else Secrets Manager's AWS managed key.
      encryptionKey: props.encryptionKey,
      // The secret lives and dies with its client, which CloudFormation deletes with the stack
      // (only the pool is retained): a retained secret would keep a dead credential for nothing.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.logGroup = createLogGroup(this, 'Logs', props.logs);
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `SecureCognitoApi client-secret rotation of ${props.client.name}: its secret, the pool's client-secret actions, its log group, X-Ray`,
    });
    this.logGroup.grantWrite(this.role);
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ROTATION_COGNITO_ACTIONS, resources: [props.userPool.userPoolArn] }));
    // @see https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets-required-permissions-function.html
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue', 'secretsmanager:UpdateSecretVersionStage'],
      resources: [this.secret.secretArn],
    }));
    // Secrets Manager encrypts and decrypts with the caller's permissions on the key; the key
    // policy (written by the Secret L2) delegates use through Secrets Manager to IAM.
    // @see https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html
    if (props.encryptionKey) {
      this.role.addToPrincipalPolicy(new iam.PolicyStatement({
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: [props.encryptionKey.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${stack.region}.amazonaws.com` } },
      }));
    }
    this.function = onNewestNodeRuntime(new SecretRotationFunction(this, 'Function', {
      description: `SecureCognitoApi: rotates the client secret of app client ${props.client.name} (Cognito's two secrets per client)`,
      role: this.role,
      ...FUNCTION_SETTINGS,
      timeout: Duration.seconds(30),
      logGroup: this.logGroup,
      environment: { USER_POOL_ID: props.userPool.userPoolId, CLIENT_ID: props.userPoolClient.userPoolClientId, SECRET_ARN: this.secret.secretArn },
    }));
    this.function.addPermission('SecretsManager', {
      principal: new iam.ServicePrincipal('secretsmanager.amazonaws.com'),
      sourceArn: this.secret.secretArn,
    });
    const schedule = new secretsmanager.CfnRotationSchedule(this, 'Schedule', {
      secretId: this.secret.secretArn,
      rotationLambdaArn: this.function.functionArn,
      rotationRules: { scheduleExpression: events.Schedule.rate(props.client.secretRotation!).expressionString },
      rotateImmediatelyOnUpdate: true,
    });
    schedule.node.addDependency(this.function.node.findChild('SecretsManager'), this.role);
    acknowledge(this.role, ROTATION_ACKS.role);
    acknowledge(this.function.node.defaultChild!, ROTATION_ACKS.function);
  }
}

/** The clients' rotations, by client name (empty when no client sets `secretRotation`). */
export function rotateClientSecrets(scope: Construct, clients: AppClient[], created: Record<string, cognito.IUserPoolClient>,
  common: Omit<ClientSecretRotationProps, 'client' | 'userPoolClient'>): Record<string, ClientSecretRotation> {
  const rotating = clients.filter((c) => c.secretRotation !== undefined);
  if (rotating.length === 0) return {};
  const parent = new Construct(scope, 'ClientSecrets');
  return Object.fromEntries(rotating.map((client) => [client.name,
    new ClientSecretRotation(parent, client.name, { ...common, client, userPoolClient: created[client.name] })]));
}
