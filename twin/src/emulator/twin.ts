// The local twin: a synthesized cloud assembly brought up on loopback.
// the twin's own user pool plays Cognito (pool, clients and users made from
// the template, decision 060), LocalGateway plays the HTTP API (routes and JWT authorizer from
// the template), LambdaRunner plays Lambda (the asset from the assembly).
// The demo drives the steps one by one to time them; tests call start().
import * as fs from 'fs';
import { CognitoFront } from './front';
import { RouteTargets } from './functions';
import { GatewayAuthorizer, GatewayRoute, LocalGateway } from './gateway';
import { findPreTokenTrigger, PreTokenTrigger } from './pre-token';
import { clientKind, passwordProblems, secretHash, TwinState } from './rules';
import { CognitoError, Clock, randomId, UserPool } from './userpool';
import { twinIssuerPath } from '../assembly/issuer';
import { loadAssembly, renderValue, TwinClient, TwinModel, TwinRoute, TwinTemplateError } from '../assembly/template';

// The rules and the gaps live in rules.ts; re-exported for the twin's users and tests.
export * from './rules';

export interface TwinUser {
  readonly username: string;
  readonly password: string;
  readonly email: string;
  /** Groups of the template the user is added to. */
  readonly groups?: string[];
}

export interface TwinClientInfo {
  readonly logicalId: string;
  readonly name: string;
  readonly clientId: string;
  readonly clientSecret?: string;
  readonly template: TwinClient;
}

export interface AuthenticationResult {
  readonly AccessToken: string;
  readonly IdToken: string;
  readonly RefreshToken?: string;
  readonly ExpiresIn?: number;
  readonly TokenType?: string;
}

export interface TwinOptions {
  /**
   * Epoch milliseconds for every expiry the user pool decides (codes, sessions, refresh tokens,
   * token `exp`); tests move it instead of sleeping.
   * @default Date.now
   */
  readonly clock?: Clock;
  /**
   * The status a route answers when the twin cannot run what it invokes, by route key
   * (`GET /orders`); the route's JWT authorizer is still enforced first.
   * @default 501 for every such route
   */
  readonly stubs?: Record<string, number>;
}

export class Twin {
  /** Loads the assembly, starts everything and provisions `users`; stops what it started if a step fails. */
  static async start(assemblyDir: string, users: TwinUser[], log?: (line: string) => void, options: TwinOptions = {}): Promise<Twin> {
    const twin = new Twin(loadAssembly(assemblyDir), log, options);
    try {
      await twin.startCognito();
      await twin.provision(users);
      await twin.startGateway();
      return twin;
    } catch (e) {
      await twin.stop();
      throw e;
    }
  }

  /** The emulated user pool (users, clients, tokens); created by startCognito(). */
  pool?: UserPool;
  /** Cognito's endpoints as clients see them: the JSON protocol and the user pool domain. */
  front?: CognitoFront;
  gateway?: LocalGateway;
  /** Users provisioned by the twin, with their passwords. */
  readonly users: TwinUser[] = [];
  poolId = '';
  readonly clients: TwinClientInfo[] = [];
  private readonly functions: RouteTargets;
  /** One gateway per HTTP API of the stack, by the API's logical id; `gateway` is the first. */
  readonly gateways = new Map<string, LocalGateway>();
  /** What the twin could not reproduce as deployed (routes answering a stub, environment values it cannot resolve), one line each. */
  get notes(): string[] {
    return this.functions.notes;
  }

  /** The pool's V2_0 pre-token-generation trigger (`groupScopes`), which the pool runs for every user token. */
  readonly preTokenTrigger?: PreTokenTrigger;

  constructor(readonly model: TwinModel, private readonly log: (line: string) => void = () => undefined, readonly options: TwinOptions = {}) {
    this.functions = new RouteTargets(options.stubs ?? {}, log);
    this.preTokenTrigger = findPreTokenTrigger(model.assemblyDir, JSON.parse(fs.readFileSync(model.templateFile, 'utf-8')));
  }

  /** The issuer of this pool's tokens; it stands in for the template's Cognito issuer. */
  get issuer(): string {
    return this.requirePool().issuer;
  }

  client(name: string): TwinClientInfo {
    const c = this.clients.find((x) => x.name === name || x.logicalId === name);
    if (!c) throw new Error(`no client ${name} in the template (have: ${this.clients.map((x) => x.name).join(', ')})`);
    return c;
  }

  /** Creates the user pool (and its clients and groups) from the template and starts its endpoint. */
  async startCognito(): Promise<CognitoFront> {
    const { userPool } = this.model;
    this.pool = new UserPool(`us-east-1_${randomId(9, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')}`,
      pick(userPool.properties), this.options.clock ?? Date.now, this.preTokenTrigger);
    this.poolId = this.pool.id;
    this.front = await CognitoFront.start(this.pool);
    return this.front;
  }

  /** The JSON protocol endpoint (`https://cognito-idp.<region>.amazonaws.com` on AWS). */
  get cognitoIdpUrl(): string {
    return this.requireFront().url;
  }

  /** The user pool domain (`https://<prefix>.auth.<region>.amazoncognito.com` on AWS). */
  get hostedUiUrl(): string {
    return this.requireFront().url;
  }

  /** One call of the Cognito JSON protocol through the twin's endpoint (the twin's user pool). */
  async rpc<T = any>(target: string, body: unknown): Promise<T> {
    try {
      return await this.requireFront().call(target, body);
    } catch (e) {
      if (!(e instanceof CognitoError)) throw e;
      throw new Error(`${target}: ${e.type}: ${e.message}`);
    }
  }

  /**
   * The stack's outputs rendered for the twin: client ids, the pool id, the twin's issuer, and
   * every URL on the hosted-UI domain rewritten to the twin's. Keyed like the template's Outputs;
   * values that cannot be rendered are left out. Callers find outputs by value or description,
   * not by key, so renamed keys do not break them.
   */
  outputs(): Record<string, { description?: string; value: string }> {
    const refs: Record<string, string> = { 'AWS::URLSuffix': 'amazonaws.com', 'AWS::Region': 'us-east-1' };
    refs[this.model.userPool.logicalId] = this.poolId;
    for (const c of this.clients) refs[c.logicalId] = c.clientId;
    for (const d of this.domainLogicalIds()) refs[d] = 'twin';
    const out: Record<string, { description?: string; value: string }> = {};
    for (const [key, o] of Object.entries(this.model.outputs)) {
      const value = renderValue(o.value, refs);
      if (value === undefined) continue;
      out[key] = { description: o.description, value: this.toTwinUrl(value) };
    }
    return out;
  }

  /** A URL of the deployed stack with its host replaced by the twin's (hosted UI) and path kept. */
  toTwinUrl(value: string): string {
    const m = value.match(/^https:\/\/[^/]+\.amazoncognito\.com(\/.*)?$/) ?? value.match(/^https:\/\/(issuer-)?cognito-idp\.[^/]+\.amazonaws\.com(\/.*)?$/);
    if (m && value.includes('amazoncognito')) return `${this.hostedUiUrl}${m[1] ?? ''}`;
    // An issuer URL: the twin's stand-in for that kind of issuer (original or updated).
    if (m) return `${this.requirePool().baseUrl}${twinIssuerPath(m[1] ? 'UPDATED' : 'ORIGINAL', this.poolId)}`;
    return value;
  }

  /** The sign-in (or sign-up) URL the stack outputs for `client`, on the twin's host. */
  signInUrl(client: TwinClientInfo, kind: 'authorize' | 'signup' = 'authorize'): string {
    const path = kind === 'authorize' ? '/oauth2/authorize?' : '/signup?';
    const found = Object.values(this.outputs()).find((o) => o.value.includes(path) && o.value.includes(`client_id=${client.clientId}&`));
    if (!found) throw new Error(`the stack outputs no ${kind} URL for client ${client.name}`);
    return found.value;
  }

  /** The newest confirmation code the pool "sent" to `username` (Cognito e-mails it). */
  deliveredCode(username: string): string | undefined {
    return this.requirePool().deliveries.filter((d) => d.username === username).pop()?.code;
  }

  /** What TWIN_STATE holds: everything a program needs to sign every user in and call the API. */
  state(): TwinState {
    return {
      cognitoIdpUrl: this.cognitoIdpUrl,
      hostedUiUrl: this.hostedUiUrl,
      tokenUrl: `${this.hostedUiUrl}/oauth2/token`,
      apiUrl: this.requireGateway().url,
      userPoolId: this.poolId,
      issuer: this.issuer,
      clients: this.clients.filter((c) => this.model.clients.some((t) => t.logicalId === c.logicalId)).map((c) => ({
        name: c.name,
        kind: clientKind(c.template),
        clientId: c.clientId,
        ...(c.clientSecret ? { clientSecret: c.clientSecret } : {}),
        scopes: c.template.allowedOAuthScopes,
        ...(c.template.callbackUrls.length ? { callbackUrls: c.template.callbackUrls } : {}),
      })),
      users: this.users.map((u) => ({ username: u.username, password: u.password, groups: u.groups ?? [] })),
    };
  }

  private domainLogicalIds(): string[] {
    const template = JSON.parse(fs.readFileSync(this.model.templateFile, 'utf-8'));
    return Object.entries(template.Resources ?? {}).filter(([, r]: [string, any]) => r.Type === 'AWS::Cognito::UserPoolDomain').map(([id]) => id);
  }

  /** Adds every client and group of the template to the pool, then each user as an administrator would. */
  async provision(users: TwinUser[]): Promise<void> {
    const pool = this.requirePool();
    for (const c of this.model.clients) {
      const created = pool.addClient(c.name, c);
      this.clients.push({ logicalId: c.logicalId, name: c.name, clientId: created.clientId, clientSecret: created.secrets[0], template: c });
    }
    for (const g of this.model.groups) pool.groups.add(g);
    for (const u of users) {
      await this.createUser(u);
    }
  }

  /** AdminCreateUser (no invitation) then AdminSetUserPassword Permanent: an administrator-approved user. */
  async createUser(user: TwinUser): Promise<string> {
    const problems = passwordProblems(user.password, this.model.userPool.properties.Policies?.PasswordPolicy);
    if (problems.length) {
      throw new Error(`password for ${user.username} breaks the template's PasswordPolicy: ${problems.join(', ')}`);
    }
    const base = { UserPoolId: this.poolId, Username: user.username };
    await this.rpc('AdminCreateUser', { ...base, MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email', Value: user.email }, { Name: 'email_verified', Value: 'true' }] });
    await this.rpc('AdminSetUserPassword', { ...base, Password: user.password, Permanent: true });
    for (const g of user.groups ?? []) await this.rpc('AdminAddUserToGroup', { ...base, GroupName: g });
    this.users.push(user);
    return String((await this.rpc('AdminGetUser', base)).UserStatus);
  }

  /** A client of the same pool that the template does not have, so it is outside the authorizer's audience. */
  async createOutsideClient(name: string): Promise<TwinClientInfo> {
    const template: TwinClient = {
      logicalId: name,
      name,
      generateSecret: false,
      explicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      allowedOAuthFlows: [],
      allowedOAuthScopes: [],
      callbackUrls: [],
      properties: {},
    };
    const created = this.requirePool().addClient(name, template);
    return { logicalId: name, name, clientId: created.clientId, template };
  }

  /**
   * The brief's "Method 1": a raw POST with X-Amz-Target InitiateAuth,
   * USER_PASSWORD_AUTH, and SECRET_HASH when the client has a secret.
   */
  async signIn(client: TwinClientInfo, username: string, password: string, hashOverride?: string): Promise<AuthenticationResult> {
    const params: Record<string, string> = { USERNAME: username, PASSWORD: password };
    if (client.clientSecret) {
      params.SECRET_HASH = hashOverride ?? secretHash(username, client.clientId, client.clientSecret);
    }
    const res = await this.rpc('InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: params,
      ClientId: client.clientId,
    });
    return res.AuthenticationResult as AuthenticationResult;
  }

  /** The authorizer of the template with the twin's issuer and client ids in place of the deployed ones. */
  async gatewayAuthorizers(): Promise<Map<string, GatewayAuthorizer>> {
    const jwks = this.requirePool().jwks();
    const ids = new Map(this.clients.map((c) => [c.logicalId, c.clientId]));
    return new Map(this.model.authorizers.map((a) => [a.logicalId, {
      name: a.logicalId,
      // The stand-in of the issuer the template's authorizer names: a pool and an authorizer that disagree refuse every token.
      issuer: `${this.requirePool().baseUrl}${twinIssuerPath(a.issuerType, this.poolId)}`,
      audience: a.audience.map((e) => ('literal' in e ? e.literal : ids.get(e.clientLogicalId)!)),
      identitySource: a.identitySource,
      jwks: jwks as any,
    }]));
  }

  async startGateway(): Promise<LocalGateway> {
    const authorizers = await this.gatewayAuthorizers();
    const toGatewayRoute = (r: TwinRoute): GatewayRoute => {
      const authorizer = r.authorizationType === 'JWT' ? authorizers.get(r.authorizerLogicalId ?? '') : undefined;
      if (r.authorizationType === 'JWT' && !authorizer && !r.unsupported) {
        throw new TwinTemplateError(`route ${r.routeKey}: authorizer ${r.authorizerLogicalId} is not in the template`);
      }
      return { routeKey: r.routeKey, authorizer, authorizationScopes: r.authorizationScopes, invoke: this.functions.invokerFor(r) };
    };
    for (const api of this.model.apis) {
      const routes = this.model.routes.filter((r) => r.apiLogicalId === api.logicalId).map(toGatewayRoute);
      const prefix = this.model.apis.length > 1 ? `[gateway ${api.name}]` : '[gateway]';
      this.gateways.set(api.logicalId, await LocalGateway.start({ routes, log: (line) => this.log(`${prefix} ${line}`) }));
    }
    this.gateway = [...this.gateways.values()][0];
    if (!this.gateway) throw new TwinTemplateError(`stack ${this.model.stackName} has no HTTP API`);
    return this.gateway;
  }

  /** Stops the gateway, the Lambda processes and the Cognito endpoint; safe to call twice or after a failed start. */
  async stop(): Promise<void> {
    const errors: unknown[] = [];
    const attempt = async (f: () => Promise<void>) => {
      try {
        await f();
      } catch (e) {
        errors.push(e);
      }
    };
    for (const gateway of this.gateways.values()) await attempt(async () => gateway.close());
    await attempt(async () => this.front?.close());
    await attempt(() => this.functions.stop());
    this.gateway = undefined;
    this.gateways.clear();
    this.front = undefined;
    if (errors.length) throw errors[0];
  }

  private requireFront(): CognitoFront {
    if (!this.front) throw new Error('the twin\'s Cognito endpoint is not running');
    return this.front;
  }

  private requireGateway(): LocalGateway {
    if (!this.gateway) throw new Error('the gateway is not running');
    return this.gateway;
  }

  private requirePool(): UserPool {
    if (!this.pool) throw new Error('the twin\'s user pool is not created yet (startCognito)');
    return this.pool;
  }
}


/** The pool's properties without those that hold an intrinsic (unresolvable on the twin). */
function pick(source: Record<string, any>): Record<string, any> {
  const out: Record<string, any> = {};
  for (const [k, v] of Object.entries(source)) if (v !== undefined && !hasIntrinsic(v)) out[k] = v;
  return out;
}

function hasIntrinsic(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(hasIntrinsic);
  if (v && typeof v === 'object') {
    return Object.entries(v).some(([k, x]) => k === 'Ref' || k.startsWith('Fn::') || hasIntrinsic(x));
  }
  return false;
}
