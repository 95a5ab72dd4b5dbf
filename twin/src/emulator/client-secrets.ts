// An app client's secrets, as Cognito keeps them since client secret rotation: up to two active
// secrets per confidential client, each with an id and a creation date, so that a new secret can
// be added, picked up by the clients, and the old one deleted without downtime. Every active
// secret works wherever the client's secret does: client authentication at the token endpoint
// (HTTP Basic or client_secret), SECRET_HASH, and ClientSecret in GetTokensFromRefreshToken.
// The JSON API actions AddUserPoolClientSecret, ListUserPoolClientSecrets and
// DeleteUserPoolClientSecret are answered here with the shapes and constraints the API
// reference gives.
// @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-client-apps.html
// @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AddUserPoolClientSecret.html
// @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListUserPoolClientSecrets.html
// @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteUserPoolClientSecret.html
import { randomBytes, randomUUID, timingSafeEqual } from 'crypto';
import type { Clock, CognitoRefusal } from './refresh-rotation';
import { secretHash } from './rules';

/** "Supports up to 2 active secrets per app client". */
export const MAX_CLIENT_SECRETS = 2;
/** A custom ClientSecret: length 24-64, pattern `[\w+]+`. */
const CUSTOM_SECRET = /^[\w+]{24,64}$/;

export interface ClientSecretEntry {
  readonly id: string;
  readonly value: string;
  /** Milliseconds since the epoch. */
  readonly created: number;
}

/** A refusal of the JSON API, thrown by the actions below. */
export class ClientSecretError extends Error implements CognitoRefusal {
  constructor(readonly type: string, message: string) {
    super(message);
    this.name = 'ClientSecretError';
  }
}

/** The JSON API actions this module answers. */
export const CLIENT_SECRET_ACTIONS = ['AddUserPoolClientSecret', 'ListUserPoolClientSecrets', 'DeleteUserPoolClientSecret'];

/** The secrets of every client of one user pool. */
export class ClientSecrets {
  private readonly secrets = new Map<string, ClientSecretEntry[]>();

  constructor(readonly userPoolId: () => string, private readonly clock: Clock = Date.now) {}

  /** Records the secret a client was created with (GenerateSecret): its first active secret. */
  register(clientId: string, secret: string): void {
    this.secrets.set(clientId, [{ id: newSecretId(), value: secret, created: this.clock() }]);
  }

  /** True when the client is confidential (has at least one secret). */
  has(clientId: string): boolean {
    return (this.secrets.get(clientId) ?? []).length > 0;
  }

  /** The active secret values, oldest first. */
  values(clientId: string): string[] {
    return (this.secrets.get(clientId) ?? []).map((s) => s.value);
  }

  /** True when `secret` is one of the client's active secrets (compared in constant time). */
  matches(clientId: string, secret: string): boolean {
    return this.values(clientId).some((v) => sameText(v, secret));
  }

  /** True when `hash` is SECRET_HASH of one of `usernames` under one of the client's active secrets. */
  hashMatches(clientId: string, usernames: string[], hash: string): boolean {
    return this.values(clientId).some((secret) => usernames.some((u) => sameText(secretHash(u, clientId, secret), hash)));
  }

  /** Answers one of CLIENT_SECRET_ACTIONS; throws ClientSecretError as Cognito refuses. */
  call(target: string, body: any): unknown {
    const clientId = this.client(body);
    if (target === 'AddUserPoolClientSecret') return { ClientSecretDescriptor: this.add(clientId, body.ClientSecret) };
    if (target === 'ListUserPoolClientSecrets') {
      // "the response never reveals the actual secret value".
      return { ClientSecrets: this.secrets.get(clientId)!.map((s) => ({ ClientSecretId: s.id, ClientSecretCreateDate: s.created / 1000 })) };
    }
    if (target === 'DeleteUserPoolClientSecret') {
      this.delete(clientId, body.ClientSecretId);
      return {};
    }
    throw new ClientSecretError('InvalidParameterException', `${target} is not a client secret action`);
  }

  private add(clientId: string, custom: unknown): Record<string, unknown> {
    const list = this.secrets.get(clientId)!;
    if (custom !== undefined && (typeof custom !== 'string' || !CUSTOM_SECRET.test(custom))) {
      throw new ClientSecretError('InvalidParameterException',
        '1 validation error detected: Value at \'clientSecret\' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+]+ and length 24-64');
    }
    if (list.length >= MAX_CLIENT_SECRETS) {
      throw new ClientSecretError('LimitExceededException', `Client ${clientId} already has ${MAX_CLIENT_SECRETS} secrets; delete one before adding another`);
    }
    const entry = { id: newSecretId(), value: typeof custom === 'string' ? custom : generatedSecret(), created: this.clock() };
    list.push(entry);
    // "The ClientSecretValue is only returned when Amazon Cognito generates the secret."
    return {
      ClientSecretId: entry.id,
      ...(custom === undefined ? { ClientSecretValue: entry.value } : {}),
      ClientSecretCreateDate: entry.created / 1000,
    };
  }

  private delete(clientId: string, secretId: unknown): void {
    const list = this.secrets.get(clientId)!;
    const index = list.findIndex((s) => s.id === secretId);
    if (index < 0) throw new ClientSecretError('ResourceNotFoundException', `Client secret ${String(secretId)} does not exist for client ${clientId}`);
    // "You cannot delete the last remaining secret for an app client."
    if (list.length === 1) throw new ClientSecretError('InvalidParameterException', `Cannot delete the last remaining secret of client ${clientId}`);
    list.splice(index, 1);
  }

  private client(body: any): string {
    if (body?.UserPoolId !== this.userPoolId()) {
      throw new ClientSecretError('ResourceNotFoundException', `User pool ${String(body?.UserPoolId)} does not exist.`);
    }
    const clientId = String(body?.ClientId);
    if (!this.secrets.has(clientId)) {
      throw new ClientSecretError('InvalidParameterException', `Client ${clientId} is not a confidential client of this user pool (it has no secret)`);
    }
    return clientId;
  }
}

function newSecretId(): string {
  return randomUUID();
}

/** A secret like the ones Cognito generates: 51 lowercase letters and digits. */
function generatedSecret(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(51)].map((b) => alphabet[b % alphabet.length]).join('');
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
