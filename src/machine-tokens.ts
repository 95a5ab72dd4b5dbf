import type { Duration } from 'aws-cdk-lib';

/**
 * What the built-in pre-token-generation trigger writes into the access tokens of one machine
 * (client credentials) client. Any of these switches the trigger to event version V3_0, the only
 * version Cognito runs for client-credentials tokens (Essentials and Plus plans).
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html
 */
export interface MachineTokenOptions {
  /**
   * Custom claims written into every access token of this client, e.g. `{ tenant: 'acme' }`.
   * Names: a letter, then up to 63 letters, digits and `_.:-` (so that an HTTP API can map them
   * as `$context.authorizer.claims.<name>`); not a claim Cognito sets itself or forbids to
   * override (`sub`, `client_id`, `scope`, `iss`, `exp`, `cognito:*`, ...). Values are strings:
   * the JWT authorizer hands every claim to the integration as a string anyway.
   *
   * @default - no custom claim
   * @example AppClient.machine('reporting', { resourceServerScopes: ['read'], accessTokenClaims: { tenant: 'acme', tier: 'gold' } });
   */
  readonly accessTokenClaims?: { [name: string]: string };

  /**
   * Names of resource-server scopes (`admin`, not `api/admin`) that the trigger adds to every
   * access token of this client, beyond `resourceServerScopes`. The client cannot request them;
   * it carries them because the trigger grants them, like the scopes of `groupScopes`.
   *
   * @default - no scope beyond `resourceServerScopes`
   * @example ['admin']
   */
  readonly extraScopes?: string[];

  /**
   * Keys of the `ClientMetadata` the machine sends with its token request (`aws_client_metadata`,
   * URL-encoded JSON, on the token endpoint) that the trigger copies into
   * same-named claims, when the value is a string of at most 256 characters. The machine chooses
   * these values itself: use them for context (an environment, a job id), never for what the
   * machine may do; `accessTokenClaims` wins over a key of the same name.
   *
   * @default - the metadata reaches the trigger and nothing is copied
   * @example ['environment']
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/token-endpoint.html
   */
  readonly clientMetadataClaims?: string[];
}

/**
 * Options of a client that has a secret (confidential web, machine, password-auth with a secret).
 */
export interface ClientSecretOptions {
  /**
   * Keep the client's secret in AWS Secrets Manager and rotate it with this period (4 hours to
   * 1,000 days), using Cognito's two secrets per client: a rotation adds a new secret, stores it
   * as the current version, and deletes the one before the previous, so a machine that re-reads
   * the secret at least once per period never holds a dead one. The first rotation runs at
   * deployment and deletes the secret Cognito generated with the client, which no template,
   * output, log or environment variable ever holds. Read the secret from
   * `SecureCognitoApi.clientSecrets` (JSON: `clientId`, `clientSecret`).
   *
   * @default - no rotation: Cognito's generated secret stays, readable with DescribeUserPoolClient
   * @example Duration.days(30)
   * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AddUserPoolClientSecret.html
   */
  readonly secretRotation?: Duration;
}
