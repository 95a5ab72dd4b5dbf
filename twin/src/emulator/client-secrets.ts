// An app client's secrets, as Cognito keeps them since client secret rotation: up to two active
// secrets per confidential client, each with an id and a creation date, so that a new secret can
// be added, picked up by the clients, and the old one deleted without downtime. Every active
// secret works wherever the client's secret does (the pool checks the client's `secrets`, all of
// them): client authentication at the token endpoint (HTTP Basic or client_secret), SECRET_HASH,
// and ClientSecret in GetTokensFromRefreshToken and RevokeToken.
// The JSON API actions AddUserPoolClientSecret, ListUserPoolClientSecrets and
// DeleteUserPoolClientSecret are answered here with the shapes and constraints the API
// reference gives.
// @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-client-apps.html
// @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AddUserPoolClientSecret.html
// @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListUserPoolClientSecrets.html
// @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteUserPoolClientSecret.html
import { randomUUID } from 'crypto';
import { CognitoError, PoolClient, randomId, UserPool } from './userpool';

/** "Supports up to 2 active secrets per app client". */
export const MAX_CLIENT_SECRETS = 2;
/** A custom ClientSecret: length 24-64, pattern `[\w+]+`. */
const CUSTOM_SECRET = /^[\w+]{24,64}$/;

/** The JSON API actions this module answers. */
export const CLIENT_SECRET_ACTIONS = ['AddUserPoolClientSecret', 'ListUserPoolClientSecrets', 'DeleteUserPoolClientSecret'];

interface SecretMeta {
  readonly id: string;
  /** Epoch milliseconds. */
  readonly created: number;
}

/** Id and creation date of each secret value, per client; the values themselves are the client's `secrets`. */
const metadata = new WeakMap<PoolClient, Map<string, SecretMeta>>();

function metaOf(pool: UserPool, client: PoolClient): Map<string, SecretMeta> {
  let m = metadata.get(client);
  if (!m) metadata.set(client, (m = new Map()));
  // The secret the client was created with has been there since the pool was.
  for (const value of client.secrets) if (!m.has(value)) m.set(value, { id: randomUUID(), created: pool.now() });
  return m;
}

/** Answers one of CLIENT_SECRET_ACTIONS for `pool`; throws CognitoError as Cognito refuses. */
export function clientSecretAction(pool: UserPool, target: string, b: any): unknown {
  const client = pool.client(b?.ClientId);
  if (!client) throw new CognitoError('ResourceNotFoundException', `User pool client ${String(b?.ClientId)} does not exist.`);
  // Only a confidential client has secrets to rotate.
  if (!client.secrets.length) throw new CognitoError('InvalidParameterException', `Client ${client.clientId} has no client secret`);
  const meta = metaOf(pool, client);
  const describe = (value: string) => ({ ClientSecretId: meta.get(value)!.id, ClientSecretCreateDate: meta.get(value)!.created / 1000 });
  switch (target) {
    case 'AddUserPoolClientSecret': {
      const custom: unknown = b.ClientSecret;
      if (custom !== undefined && (typeof custom !== 'string' || !CUSTOM_SECRET.test(custom))) {
        throw new CognitoError('InvalidParameterException', '1 validation error detected: Value at \'clientSecret\' failed to satisfy constraint: '
          + 'Member must have length between 24 and 64 and satisfy regular expression pattern: [\\w+]+');
      }
      if (typeof custom === 'string' && client.secrets.includes(custom)) {
        throw new CognitoError('InvalidParameterException', 'The client secret is already in use for this client');
      }
      if (client.secrets.length >= MAX_CLIENT_SECRETS) {
        throw new CognitoError('LimitExceededException', `Client ${client.clientId} already has ${MAX_CLIENT_SECRETS} client secrets`);
      }
      const value = typeof custom === 'string' ? custom : randomId(51);
      client.secrets.push(value);
      meta.set(value, { id: randomUUID(), created: pool.now() });
      // "The ClientSecretValue is only returned when Amazon Cognito generates the secret."
      const d = describe(value);
      const shown = custom === undefined ? { ClientSecretValue: value } : {};
      return { ClientSecretDescriptor: { ClientSecretId: d.ClientSecretId, ...shown, ClientSecretCreateDate: d.ClientSecretCreateDate } };
    }
    // "For security reasons, the response never reveals the actual secret value."
    case 'ListUserPoolClientSecrets': return { ClientSecrets: client.secrets.map(describe) };
    case 'DeleteUserPoolClientSecret': {
      const index = client.secrets.findIndex((v) => meta.get(v)?.id === b.ClientSecretId);
      if (index < 0) throw new CognitoError('ResourceNotFoundException', `Client secret ${String(b.ClientSecretId)} does not exist.`);
      // "You cannot delete the last remaining secret for an app client."
      if (client.secrets.length === 1) throw new CognitoError('InvalidParameterException', 'Cannot delete the last remaining client secret');
      meta.delete(client.secrets[index]);
      client.secrets.splice(index, 1);
      return {};
    }
    default: throw new CognitoError('InvalidParameterException', `${target} is not a client secret action`);
  }
}
