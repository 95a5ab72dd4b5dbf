// The rotation function of `secretRotation`: keeps one app client's secret in Secrets Manager and
// rotates it with Cognito's two secrets per client, in Secrets Manager's four steps.
// - createSecret: delete the client's secrets other than the current one (the previous one, whose
//   overlap is over, or a leftover of a failed rotation), ask Cognito for a new one
//   (AddUserPoolClientSecret generates it), store it as AWSPENDING. On the first rotation the
//   current version holds no secret yet: the one Cognito generated with the client, which never
//   reached Secrets Manager, is deleted once the new one is stored.
// - setSecret: nothing; Cognito already accepts the new secret beside the current one.
// - testSecret: the new secret's id is among the client's secrets.
// - finishSecret: AWSCURRENT moves to the new version; the previous secret keeps working until the
//   next rotation deletes it, so a client that re-reads the secret once per period never holds a dead one.
// It never logs or returns a secret value; errors name steps and ids only.
// @see https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_lambda-functions.html
// @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AddUserPoolClientSecret.html
// @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteUserPoolClientSecret.html
import {
  AddUserPoolClientSecretCommand, CognitoIdentityProviderClient, DeleteUserPoolClientSecretCommand, ListUserPoolClientSecretsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  DescribeSecretCommand, GetSecretValueCommand, PutSecretValueCommand, SecretsManagerClient, UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';

/** What the secret holds once rotated: what a machine needs for its token request. */
export interface ClientSecretValue {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Cognito's id of this secret, to delete it two rotations later. */
  readonly clientSecretId: string;
}

/** A Secrets Manager rotation event. */
export interface RotationEvent {
  readonly SecretId: string;
  readonly ClientRequestToken: string;
  readonly Step: 'createSecret' | 'setSecret' | 'testSecret' | 'finishSecret';
}

/** The calls the function makes, so that tests (and the twin) can give it other clients. */
export interface RotationDeps {
  readonly cognito: { send(command: unknown): Promise<any> };
  readonly secrets: { send(command: unknown): Promise<any> };
  readonly userPoolId: string;
  readonly clientId: string;
  readonly secretArn: string;
}

interface CognitoSecret { readonly ClientSecretId: string; readonly ClientSecretCreateDate?: Date | number }

async function clientSecrets(d: RotationDeps): Promise<CognitoSecret[]> {
  const out = await d.cognito.send(new ListUserPoolClientSecretsCommand({ UserPoolId: d.userPoolId, ClientId: d.clientId }));
  return out.ClientSecrets ?? [];
}

async function deleteSecrets(d: RotationDeps, ids: string[]): Promise<void> {
  for (const id of ids) {
    await d.cognito.send(new DeleteUserPoolClientSecretCommand({ UserPoolId: d.userPoolId, ClientId: d.clientId, ClientSecretId: id }));
  }
}

async function currentSecretId(d: RotationDeps): Promise<string | undefined> {
  const current = await d.secrets.send(new GetSecretValueCommand({ SecretId: d.secretArn, VersionStage: 'AWSCURRENT' }));
  try {
    const id = JSON.parse(current.SecretString ?? '{}').clientSecretId;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

async function pendingExists(d: RotationDeps, token: string): Promise<boolean> {
  try {
    await d.secrets.send(new GetSecretValueCommand({ SecretId: d.secretArn, VersionId: token, VersionStage: 'AWSPENDING' }));
    return true;
  } catch (e) {
    if ((e as { name?: string }).name === 'ResourceNotFoundException') return false;
    throw e;
  }
}

function time(s: CognitoSecret): number {
  return s.ClientSecretCreateDate === undefined ? 0 : new Date(s.ClientSecretCreateDate).getTime();
}

async function createSecret(d: RotationDeps, token: string): Promise<void> {
  if (await pendingExists(d, token)) return;
  const currentId = await currentSecretId(d);
  const existing = (await clientSecrets(d)).sort((a, b) => time(a) - time(b));
  const keepsCurrent = existing.some((s) => s.ClientSecretId === currentId);
  const stale = existing.filter((s) => s.ClientSecretId !== currentId).map((s) => s.ClientSecretId);
  // Cognito holds two secrets at most and never deletes the last one: make room, oldest first.
  await deleteSecrets(d, keepsCurrent ? stale : stale.slice(0, Math.max(0, existing.length - 1)));
  const added = await d.cognito.send(new AddUserPoolClientSecretCommand({ UserPoolId: d.userPoolId, ClientId: d.clientId }));
  const descriptor = added.ClientSecretDescriptor;
  if (!descriptor?.ClientSecretId || !descriptor.ClientSecretValue) throw new Error('createSecret: Cognito returned no generated secret');
  const value: ClientSecretValue = { clientId: d.clientId, clientSecret: descriptor.ClientSecretValue, clientSecretId: descriptor.ClientSecretId };
  await d.secrets.send(new PutSecretValueCommand({
    SecretId: d.secretArn, ClientRequestToken: token, SecretString: JSON.stringify(value), VersionStages: ['AWSPENDING'],
  }));
  if (!keepsCurrent) {
    // No client holds a secret from Secrets Manager yet (first rotation), or the current one is gone.
    const others = (await clientSecrets(d)).map((s) => s.ClientSecretId).filter((id) => id !== descriptor.ClientSecretId);
    await deleteSecrets(d, others);
  }
}

async function testSecret(d: RotationDeps, token: string): Promise<void> {
  const pending = await d.secrets.send(new GetSecretValueCommand({ SecretId: d.secretArn, VersionId: token, VersionStage: 'AWSPENDING' }));
  const id = JSON.parse(pending.SecretString ?? '{}').clientSecretId;
  if (!(await clientSecrets(d)).some((s) => s.ClientSecretId === id)) {
    throw new Error(`testSecret: Cognito does not list the pending secret ${String(id)} for client ${d.clientId}`);
  }
}

async function finishSecret(d: RotationDeps, token: string): Promise<void> {
  const meta = await d.secrets.send(new DescribeSecretCommand({ SecretId: d.secretArn }));
  const stages: Record<string, string[]> = meta.VersionIdsToStages ?? {};
  const current = Object.keys(stages).find((v) => stages[v].includes('AWSCURRENT'));
  if (current === token) return;
  await d.secrets.send(new UpdateSecretVersionStageCommand({
    SecretId: d.secretArn, VersionStage: 'AWSCURRENT', MoveToVersionId: token, RemoveFromVersionId: current,
  }));
}

/** One rotation step for the function's own secret and client. */
export async function rotate(event: RotationEvent, d: RotationDeps): Promise<void> {
  if (event.SecretId !== d.secretArn) throw new Error(`this function rotates ${d.secretArn} only, not ${event.SecretId}`);
  const meta = await d.secrets.send(new DescribeSecretCommand({ SecretId: d.secretArn }));
  if (!meta.RotationEnabled) throw new Error(`rotation is not enabled for ${d.secretArn}`);
  const stages: string[] = meta.VersionIdsToStages?.[event.ClientRequestToken] ?? [];
  if (stages.includes('AWSCURRENT')) return;
  if (!stages.includes('AWSPENDING')) throw new Error(`version ${event.ClientRequestToken} is not pending for ${d.secretArn}`);
  switch (event.Step) {
    case 'createSecret': return createSecret(d, event.ClientRequestToken);
    case 'setSecret': return;
    case 'testSecret': return testSecret(d, event.ClientRequestToken);
    case 'finishSecret': return finishSecret(d, event.ClientRequestToken);
    default: throw new Error(`unknown step ${String(event.Step)}`);
  }
}

let deps: RotationDeps | undefined;

export async function handler(event: RotationEvent): Promise<void> {
  deps ??= {
    cognito: new CognitoIdentityProviderClient({}),
    secrets: new SecretsManagerClient({}),
    userPoolId: process.env.USER_POOL_ID!,
    clientId: process.env.CLIENT_ID!,
    secretArn: process.env.SECRET_ARN!,
  };
  await rotate(event, deps);
}
