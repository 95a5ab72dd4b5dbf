// The replica Region of a user pool (Cognito's multi-Region replication), for a failover rehearsal:
// a second Cognito endpoint over the same user directory, and a second gateway with the API's routes,
// the same authorizer (one issuer, one audience) and its own function processes. Stopping the
// primary Region closes the twin's own endpoint and gateway; the replica keeps serving.
//
// What a secondary does, from the developer guide's "Multi-Region replication for user pools"
// (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-multi-region.html) and
// UserPoolReplicaType (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UserPoolReplicaType.html):
//  - it cannot create users, by sign-up or by an administrator; users cannot reset their password
//    or change their profile there; "only end-user operations that do not create or change
//    attributes of a user are supported". Cognito refuses the others with OperationNotEnabledException,
//    "not available in the current region [...] operations that are not supported in secondary
//    replica regions" (https://docs.aws.amazon.com/botocore/latest/reference/services/cognito-idp/client/exceptions/OperationNotEnabledException.html);
//  - it starts INACTIVE ("not accepting requests for end-users. Administrator configuration
//    operations are supported") until UpdateUserPoolReplica sets it ACTIVE, which can be called in
//    either Region (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserPoolReplica.html).
// The wording of the twin's messages is its own: AWS documents the error type, not the text.
import * as http from 'http';
import { callAction } from './actions';
import { readBody, sendJson } from './front';
import { RouteTargets } from './functions';
import { GatewayRoute, LocalGateway } from './gateway';
import { LoopbackServer } from './net';
import type { Twin } from './twin';
import { CognitoError, UserPool } from './userpool';

/** What a replica serves, as UpdateUserPoolReplica sets it. */
export type ReplicaStatus = 'ACTIVE' | 'INACTIVE';

/** End-user actions that neither create a user nor change one's attributes: a secondary serves them while ACTIVE. */
export const SECONDARY_END_USER_ACTIONS: ReadonlySet<string> = new Set([
  'InitiateAuth', 'RespondToAuthChallenge', 'GetTokensFromRefreshToken', 'GetUser', 'GlobalSignOut', 'RevokeToken',
]);

/** Administrator actions that read, or that configure the replica itself: a secondary serves them in any status. */
export const SECONDARY_ADMIN_ACTIONS: ReadonlySet<string> = new Set([
  'AdminInitiateAuth', 'AdminRespondToAuthChallenge', 'AdminGetUser', 'ListUsers', 'AdminListGroupsForUser', 'ListGroups',
  'DescribeUserPool', 'DescribeUserPoolClient', 'ListUserPoolClients', 'UpdateUserPoolReplica', 'ListUserPoolReplicas',
]);

/** Administrator sign-in is an end-user operation by its effect: it needs an ACTIVE replica too. */
const NEEDS_ACTIVE = new Set([...SECONDARY_END_USER_ACTIONS, 'AdminInitiateAuth', 'AdminRespondToAuthChallenge']);

/** The Cognito JSON endpoint of the replica Region: the same pool, the secondary's limits. */
export class ReplicaEndpoint extends LoopbackServer {
  static async start(pool: UserPool, regions: { primary: string; secondary: string }): Promise<ReplicaEndpoint> {
    const endpoint = new ReplicaEndpoint(pool, regions);
    await endpoint.listen();
    return endpoint;
  }

  readonly server: http.Server;
  status: ReplicaStatus = 'INACTIVE';

  private constructor(readonly pool: UserPool, readonly regions: { primary: string; secondary: string }) {
    super();
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((e) => sendJson(res, 500, { __type: 'InternalErrorException', message: (e as Error).message }));
    });
  }

  /** One call of the JSON protocol in the replica Region; throws CognitoError. */
  async call(target: string, body: any): Promise<any> {
    if (target === 'UpdateUserPoolReplica' || target === 'ListUserPoolReplicas') return this.replicaAction(target, body ?? {});
    if (!SECONDARY_END_USER_ACTIONS.has(target) && !SECONDARY_ADMIN_ACTIONS.has(target)) {
      throw new CognitoError('OperationNotEnabledException',
        `${target} is not available in ${this.regions.secondary}, a secondary replica Region: call it in ${this.regions.primary}`);
    }
    if (NEEDS_ACTIVE.has(target) && this.status !== 'ACTIVE') {
      throw new CognitoError('OperationNotEnabledException',
        `The user pool replica in ${this.regions.secondary} is INACTIVE: set it ACTIVE with UpdateUserPoolReplica`);
    }
    return callAction(this.pool, target, body);
  }

  private replicaAction(target: string, body: any): any {
    if (body.UserPoolId !== this.pool.id) throw new CognitoError('ResourceNotFoundException', `User pool ${body.UserPoolId} does not exist.`);
    if (target === 'ListUserPoolReplicas') return { UserPoolReplicas: [this.describe()] };
    if (body.RegionName !== this.regions.secondary) {
      throw new CognitoError('InvalidParameterException', `The user pool has no replica in ${body.RegionName}`);
    }
    if (body.Status !== 'ACTIVE' && body.Status !== 'INACTIVE') {
      throw new CognitoError('InvalidParameterException', `1 validation error detected: Value '${body.Status}' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [ACTIVE, INACTIVE]`);
    }
    this.status = body.Status;
    return { UserPoolReplica: this.describe() };
  }

  private describe() {
    return {
      RegionName: this.regions.secondary,
      Status: this.status,
      Role: 'SECONDARY',
      UserPoolArn: `arn:aws:cognito-idp:${this.regions.secondary}:000000000000:userpool/${this.pool.id}`,
    };
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://replica');
    const target = String(req.headers['x-amz-target'] ?? '');
    const body = await readBody(req);
    if (req.method === 'POST' && url.pathname === '/' && target.startsWith('AWSCognitoIdentityProviderService.')) {
      try {
        sendJson(res, 200, await this.call(target.split('.')[1], body.length ? JSON.parse(body.toString('utf-8')) : {}));
      } catch (e) {
        if (!(e instanceof CognitoError)) throw e;
        sendJson(res, e.status, { __type: e.type, message: e.message });
      }
      return;
    }
    // The updated issuer's keys are served from every Region of the pool.
    if (req.method === 'GET' && url.pathname === `${new URL(this.pool.issuer).pathname}/.well-known/jwks.json`) {
      return sendJson(res, 200, this.pool.jwks(), 'application/json');
    }
    sendJson(res, 404, { message: 'Not Found' }, 'application/json');
  }
}

/**
 * The twin's pool and API in two Regions. The primary is the twin itself (its endpoint and
 * gateway); the secondary is a ReplicaEndpoint and a gateway whose authorizer is the primary's:
 * the same issuer (the updated issuer names the primary Region in both) and the same clients.
 */
export class RegionPair {
  static async start(twin: Twin, regions = { primary: 'eu-west-1', secondary: 'eu-central-1' }): Promise<RegionPair> {
    if (!twin.pool || !twin.gateway) throw new Error('start the twin (Cognito and the gateway) before its replica Region');
    const endpoint = await ReplicaEndpoint.start(twin.pool, regions);
    const pair = new RegionPair(twin, endpoint);
    try {
      pair.secondaryGateway = await LocalGateway.start({ routes: await pair.secondaryRoutes(), apiId: 'twinapi-secondary' });
      return pair;
    } catch (e) {
      await pair.stop();
      throw e;
    }
  }

  secondaryGateway?: LocalGateway;
  /** Whether the primary Region's endpoint and gateway still answer. */
  primaryUp = true;
  /** The replica Region's own function processes. */
  private readonly targets = new RouteTargets({}, () => undefined);

  private constructor(readonly twin: Twin, readonly secondary: ReplicaEndpoint) {}

  /** The replica Region's Cognito endpoint (`https://cognito-idp.<secondary>.amazonaws.com` on AWS). */
  get secondaryCognitoUrl(): string {
    return this.secondary.url;
  }

  /** The replica Region's API. */
  get secondaryApiUrl(): string {
    if (!this.secondaryGateway) throw new Error('the replica Region\'s gateway is not running');
    return this.secondaryGateway.url;
  }

  /** The primary Region goes down: its Cognito endpoint and its API stop answering. */
  async stopPrimary(): Promise<void> {
    for (const gateway of this.twin.gateways.values()) await gateway.close();
    await this.twin.front?.close();
    this.primaryUp = false;
  }

  /** Stops the replica Region's endpoint, gateway and function processes (the twin stops its own). */
  async stop(): Promise<void> {
    await this.secondaryGateway?.close();
    await this.secondary.close();
    await this.targets.stop();
  }

  /** The first API's routes with the primary's authorizers and function processes of this Region. */
  private async secondaryRoutes(): Promise<GatewayRoute[]> {
    const authorizers = await this.twin.gatewayAuthorizers();
    const api = this.twin.model.apis[0];
    return this.twin.model.routes.filter((r) => r.apiLogicalId === api?.logicalId).map((r) => ({
      routeKey: r.routeKey,
      authorizer: r.authorizationType === 'JWT' ? authorizers.get(r.authorizerLogicalId ?? '') : undefined,
      authorizationScopes: r.authorizationScopes,
      invoke: this.targets.invokerFor(r),
    }));
  }
}
