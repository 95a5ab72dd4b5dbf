// The local twin: a synthesized cloud assembly brought up on loopback.
// cognito-local plays Cognito (pool, clients and users made from the
// template), LocalGateway plays the HTTP API (routes and JWT authorizer from
// the template), LambdaRunner plays Lambda (the asset from the assembly).
// The demo drives the steps one by one to time them; tests call start().
import { createHmac, randomBytes } from 'crypto';
import { CognitoLocal } from './cognito';
import { GatewayAuthorizer, GatewayRoute, LocalGateway } from './gateway';
import { LambdaRunner } from './lambda';
import { loadAssembly, TwinClient, TwinModel, TwinTemplateError } from './template';

export interface TwinUser {
  readonly username: string;
  readonly password: string;
  readonly email: string;
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

/** Where cognito-local is not Cognito. Printed by the demo, listed in the README's local-twin section. */
export const COGNITO_LOCAL_GAPS = {
  secretHash: 'cognito-local does not check SECRET_HASH; Cognito rejects a wrong one (NotAuthorizedException). The twin sends it exactly as the brief computes it.',
  clientCredentials: 'cognito-local does not implement the client_credentials grant (400 unsupported_grant_type); on AWS a machine client gets its token from https://<domain>/oauth2/token.',
  resourceServers: 'cognito-local has no resource servers; custom scopes exist only in the template and in the authorizer\'s route scopes.',
  domains: 'cognito-local has no hosted UI domain or managed login; the twin signs in with InitiateAuth only.',
  scopes: 'cognito-local access tokens always carry scope aws.cognito.signin.user.admin, whatever the client\'s AllowedOAuthScopes.',
  passwordPolicy: 'cognito-local does not enforce the PasswordPolicy; the twin checks passwords against the template itself.',
  wrongPassword: 'cognito-local answers a wrong password with InvalidPasswordException; Cognito answers NotAuthorizedException "Incorrect username or password."',
  authFlows: 'cognito-local does not enforce ExplicitAuthFlows; the twin refuses USER_PASSWORD_AUTH for a client whose template does not allow it.',
};

/** Where the gateway and the Lambda runner are not API Gateway and Lambda. */
export const TWIN_GAPS = {
  gateway: 'the local gateway enforces routes and the JWT authorizer only: no stage throttling, access logs, CORS preflight, custom domain or TLS.',
  lambda: 'the handler runs as a local Node.js process with the template\'s plain environment variables: no VPC, IAM role, memory limit or Lambda runtime API.',
};

/** base64(HMAC-SHA256(key = client secret, message = username + client id)), as in the brief. */
export function secretHash(username: string, clientId: string, clientSecret: string): string {
  return createHmac('sha256', clientSecret).update(username + clientId).digest('base64');
}

/** A password that meets the template's PasswordPolicy (all classes, at least the minimum length). */
export function generatePassword(minimumLength = 12): string {
  const core = randomBytes(Math.max(minimumLength, 16)).toString('base64url').replace(/[-_]/g, 'x');
  return `Tw-${core}7a`;
}

/** Checks a password against a PasswordPolicy, as Cognito would; returns what is wrong. */
export function passwordProblems(password: string, policy: any): string[] {
  const p = policy ?? {};
  const problems: string[] = [];
  if (password.length < (p.MinimumLength ?? 8)) problems.push(`shorter than ${p.MinimumLength ?? 8}`);
  if (p.RequireUppercase && !/[A-Z]/.test(password)) problems.push('no uppercase letter');
  if (p.RequireLowercase && !/[a-z]/.test(password)) problems.push('no lowercase letter');
  if (p.RequireNumbers && !/[0-9]/.test(password)) problems.push('no number');
  if (p.RequireSymbols && !/[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+\- ]/.test(password)) problems.push('no symbol');
  return problems;
}

// The UserPool properties cognito-local understands; anything with an intrinsic is left out.
const POOL_PROPERTIES = [
  'AccountRecoverySetting', 'AdminCreateUserConfig', 'AliasAttributes', 'AutoVerifiedAttributes', 'MfaConfiguration',
  'Policies', 'Schema', 'UsernameAttributes', 'UsernameConfiguration',
];
const CLIENT_PROPERTIES = [
  'AccessTokenValidity', 'AllowedOAuthFlows', 'AllowedOAuthFlowsUserPoolClient', 'CallbackURLs', 'ClientName',
  'DefaultRedirectURI', 'EnableTokenRevocation', 'ExplicitAuthFlows', 'GenerateSecret', 'IdTokenValidity', 'LogoutURLs',
  'PreventUserExistenceErrors', 'ReadAttributes', 'RefreshTokenValidity', 'SupportedIdentityProviders',
  'TokenValidityUnits', 'WriteAttributes',
];

export class Twin {
  /** Loads the assembly, starts everything and provisions `users`; stops what it started if a step fails. */
  static async start(assemblyDir: string, users: TwinUser[], log?: (line: string) => void): Promise<Twin> {
    const twin = new Twin(loadAssembly(assemblyDir), log);
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

  cognito?: CognitoLocal;
  gateway?: LocalGateway;
  poolId = '';
  readonly clients: TwinClientInfo[] = [];
  private readonly runners = new Map<string, LambdaRunner>();

  constructor(readonly model: TwinModel, private readonly log: (line: string) => void = () => undefined) {}

  /** The issuer cognito-local puts in this pool's tokens; it stands in for the template's Cognito issuer. */
  get issuer(): string {
    return this.requireCognito().issuer(this.poolId);
  }

  client(name: string): TwinClientInfo {
    const c = this.clients.find((x) => x.name === name || x.logicalId === name);
    if (!c) throw new Error(`no client ${name} in the template (have: ${this.clients.map((x) => x.name).join(', ')})`);
    return c;
  }

  async startCognito(): Promise<CognitoLocal> {
    this.cognito = await CognitoLocal.start();
    return this.cognito;
  }

  /** Creates the pool and every client of the template, then each user as an administrator would. */
  async provision(users: TwinUser[]): Promise<void> {
    const cognito = this.requireCognito();
    const { userPool, stackName } = this.model;
    const pool = await cognito.rpc('CreateUserPool', {
      PoolName: typeof userPool.properties.UserPoolName === 'string' ? userPool.properties.UserPoolName : `${stackName}-${userPool.logicalId}`,
      ...pick(userPool.properties, POOL_PROPERTIES),
    });
    this.poolId = pool.UserPool.Id;

    for (const c of this.model.clients) {
      const created = await cognito.rpc('CreateUserPoolClient', {
        ...pick(c.properties, CLIENT_PROPERTIES),
        ClientName: c.name,
        AllowedOAuthScopes: c.allowedOAuthScopes.length ? c.allowedOAuthScopes : undefined,
        UserPoolId: this.poolId,
      });
      this.clients.push({
        logicalId: c.logicalId,
        name: c.name,
        clientId: created.UserPoolClient.ClientId,
        clientSecret: created.UserPoolClient.ClientSecret,
        template: c,
      });
    }

    for (const u of users) {
      await this.createUser(u);
    }
  }

  /** AdminCreateUser (no invitation) then AdminSetUserPassword Permanent: an administrator-approved user. */
  async createUser(user: TwinUser): Promise<string> {
    const cognito = this.requireCognito();
    const problems = passwordProblems(user.password, this.model.userPool.properties.Policies?.PasswordPolicy);
    if (problems.length) {
      throw new Error(`password for ${user.username} breaks the template's PasswordPolicy: ${problems.join(', ')}`);
    }
    await cognito.rpc('AdminCreateUser', {
      UserPoolId: this.poolId,
      Username: user.username,
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'email', Value: user.email },
        { Name: 'email_verified', Value: 'true' },
      ],
    });
    await cognito.rpc('AdminSetUserPassword', {
      UserPoolId: this.poolId,
      Username: user.username,
      Password: user.password,
      Permanent: true,
    });
    const got = await cognito.rpc('AdminGetUser', { UserPoolId: this.poolId, Username: user.username });
    return String(got.UserStatus);
  }

  /** A client of the same pool that the template does not have, so it is outside the authorizer's audience. */
  async createOutsideClient(name: string): Promise<TwinClientInfo> {
    const created = await this.requireCognito().rpc('CreateUserPoolClient', {
      UserPoolId: this.poolId,
      ClientName: name,
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    });
    const template: TwinClient = {
      logicalId: name,
      name,
      generateSecret: false,
      explicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'],
      allowedOAuthFlows: [],
      allowedOAuthScopes: [],
      properties: {},
    };
    return { logicalId: name, name, clientId: created.UserPoolClient.ClientId, template };
  }

  /**
   * The brief's "Method 1": a raw POST with X-Amz-Target InitiateAuth,
   * USER_PASSWORD_AUTH, and SECRET_HASH when the client has a secret.
   */
  async signIn(client: TwinClientInfo, username: string, password: string, hashOverride?: string): Promise<AuthenticationResult> {
    if (!client.template.explicitAuthFlows.includes('ALLOW_USER_PASSWORD_AUTH')) {
      // What Cognito answers; cognito-local would issue tokens anyway.
      throw new Error(`InitiateAuth: InvalidParameterException: USER_PASSWORD_AUTH flow not enabled for client ${client.name}`);
    }
    const params: Record<string, string> = { USERNAME: username, PASSWORD: password };
    if (client.clientSecret) {
      params.SECRET_HASH = hashOverride ?? secretHash(username, client.clientId, client.clientSecret);
    }
    const res = await this.requireCognito().rpc('InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: params,
      ClientId: client.clientId,
    });
    return res.AuthenticationResult as AuthenticationResult;
  }

  /** The authorizer of the template with the twin's issuer and client ids in place of the deployed ones. */
  async gatewayAuthorizers(): Promise<Map<string, GatewayAuthorizer>> {
    const jwks = await this.requireCognito().jwks(this.poolId);
    const ids = new Map(this.clients.map((c) => [c.logicalId, c.clientId]));
    return new Map(this.model.authorizers.map((a) => [a.logicalId, {
      name: a.logicalId,
      issuer: this.issuer,
      audience: a.audience.map((e) => ('literal' in e ? e.literal : ids.get(e.clientLogicalId)!)),
      identitySource: a.identitySource,
      jwks: jwks as any,
    }]));
  }

  async startGateway(): Promise<LocalGateway> {
    const authorizers = await this.gatewayAuthorizers();
    const routes: GatewayRoute[] = this.model.routes.map((r) => {
      if (r.payloadFormatVersion !== '2.0') {
        throw new TwinTemplateError(`route ${r.routeKey}: payload format ${r.payloadFormatVersion}; the twin speaks 2.0 only`);
      }
      if (r.authorizationType !== 'JWT' && r.authorizationType !== 'NONE') {
        throw new TwinTemplateError(`route ${r.routeKey}: authorization ${r.authorizationType}; the twin enforces JWT (or NONE) only`);
      }
      let runner = this.runners.get(r.function.logicalId);
      if (!runner) {
        runner = new LambdaRunner(r.function, (line) => this.log(`[lambda ${r.function.logicalId}] ${line}`));
        this.runners.set(r.function.logicalId, runner);
      }
      const invoke = runner.invoke.bind(runner);
      const authorizer = r.authorizationType === 'JWT' ? authorizers.get(r.authorizerLogicalId ?? '') : undefined;
      if (r.authorizationType === 'JWT' && !authorizer) {
        throw new TwinTemplateError(`route ${r.routeKey}: authorizer ${r.authorizerLogicalId} is not in the template`);
      }
      return { routeKey: r.routeKey, authorizer, authorizationScopes: r.authorizationScopes, invoke };
    });
    this.gateway = await LocalGateway.start({ routes, log: (line) => this.log(`[gateway] ${line}`) });
    return this.gateway;
  }

  /** Stops the gateway, the Lambda processes and cognito-local; safe to call twice or after a failed start. */
  async stop(): Promise<void> {
    const errors: unknown[] = [];
    const attempt = async (f: () => Promise<void>) => {
      try {
        await f();
      } catch (e) {
        errors.push(e);
      }
    };
    await attempt(async () => this.gateway?.close());
    for (const runner of this.runners.values()) await attempt(() => runner.stop());
    await attempt(async () => this.cognito?.stop());
    this.gateway = undefined;
    this.cognito = undefined;
    if (errors.length) throw errors[0];
  }

  private requireCognito(): CognitoLocal {
    if (!this.cognito) throw new Error('cognito-local is not running');
    return this.cognito;
  }
}

function pick(source: Record<string, any>, keys: string[]): Record<string, any> {
  const out: Record<string, any> = {};
  for (const k of keys) {
    if (source[k] !== undefined && !hasIntrinsic(source[k])) out[k] = source[k];
  }
  return out;
}

function hasIntrinsic(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(hasIntrinsic);
  if (v && typeof v === 'object') {
    return Object.entries(v).some(([k, x]) => k === 'Ref' || k.startsWith('Fn::') || hasIntrinsic(x));
  }
  return false;
}
