// What the JSON API's actions read alike from a request and write alike in an answer: the app
// client a request names, and user attributes as Cognito's `[{ Name, Value }]` lists. Shared by
// the sign-in actions and the directory (admin) actions, which import nothing from each other.
import type { PoolClient, PoolUser } from './pool-types';
import { CognitoError } from './pool-types';
import type { UserPool } from './userpool';

/** The app client a request names, or Cognito's ResourceNotFoundException. */
export function requireClient(pool: UserPool, clientId: unknown): PoolClient {
  const client = pool.client(clientId);
  if (!client) throw new CognitoError('ResourceNotFoundException', `User pool client ${String(clientId)} does not exist.`);
  return client;
}

/** `[{ Name, Value }]` as a map; entries without a string Name are ignored. */
export function attributeMap(list: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of Array.isArray(list) ? list : []) if (a && typeof a.Name === 'string') out[a.Name] = String(a.Value ?? '');
  return out;
}

/** A user's attributes as Cognito lists them. */
export function attributeList(user: PoolUser): Array<{ Name: string; Value: string }> {
  return Object.entries(user.attributes).map(([Name, Value]) => ({ Name, Value }));
}
