// The twin's Cognito endpoint: one loopback server in front of cognito-local that plays both
// `https://cognito-idp.<region>.amazonaws.com` (the JSON protocol) and the user pool's domain
// (managed login and the OAuth endpoints, served by oauth.ts). JSON calls go through to
// cognito-local after the checks Cognito makes and cognito-local does not:
//  - SECRET_HASH on every call that names a client with a secret
//    (https://docs.aws.amazon.com/cognito/latest/developerguide/signing-up-users-in-your-app.html#cognito-user-pools-computing-secret-hash);
//  - the client's ExplicitAuthFlows for InitiateAuth;
//  - sign-up refused when only administrators may create users (AllowAdminCreateUserOnly);
//  - the template's PasswordPolicy on SignUp;
//  - no self-confirmation when the pool sends no code (no AutoVerifiedAttributes: the brief's
//    administrator approval), so only AdminConfirmSignUp confirms;
//  - a wrong password answered as Cognito answers it (NotAuthorizedException);
// and it adds `ExpiresIn` and `TokenType`, which cognito-local leaves out of AuthenticationResult.
import * as http from 'http';
import { CognitoLocal } from './cognito';
import { closeServer, LOOPBACK, portOf } from './net';
import { HostedUi } from './oauth';
import { passwordProblems, secretHash } from './rules';
import { decodeJwt } from './tokens';
import type { Twin, TwinClientInfo } from './twin';

/** An error of the Cognito JSON protocol, as the front answers it. */
export class FrontError extends Error {
  constructor(readonly type: string, message: string, readonly status = 400) {
    super(message);
  }
}

export class CognitoFront {
  static async start(twin: Twin, cognito: CognitoLocal): Promise<CognitoFront> {
    const front = new CognitoFront(twin, cognito);
    await new Promise<void>((resolve, reject) => {
      front.server.once('error', reject);
      front.server.listen(0, LOOPBACK, () => resolve());
    });
    return front;
  }

  readonly server: http.Server;
  readonly hostedUi: HostedUi;

  private constructor(private readonly twin: Twin, private readonly cognito: CognitoLocal) {
    this.hostedUi = new HostedUi(twin, this);
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((e) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ __type: 'InternalErrorException', message: (e as Error).message }));
      });
    });
  }

  get port(): number {
    return portOf(this.server);
  }

  get url(): string {
    return `http://${LOOPBACK}:${this.port}`;
  }

  async close(): Promise<void> {
    await closeServer(this.server);
  }

  /** One call of the JSON protocol with the checks above; throws FrontError or cognito-local's error. */
  async call(target: string, body: any): Promise<any> {
    const client = typeof body?.ClientId === 'string' ? this.twin.clients.find((c) => c.clientId === body.ClientId) : undefined;
    const pool = this.twin.model.userPool.properties;
    if (target === 'InitiateAuth') {
      this.checkInitiateAuth(client, body);
    } else if (['SignUp', 'ConfirmSignUp', 'ForgotPassword', 'ConfirmForgotPassword', 'ResendConfirmationCode'].includes(target) && client) {
      checkSecretHash(client, body.Username, body.SecretHash);
    }
    if (target === 'SignUp') {
      if (pool.AdminCreateUserConfig?.AllowAdminCreateUserOnly === true) {
        throw new FrontError('NotAuthorizedException', 'SignUp is not permitted for this user pool');
      }
      const problems = passwordProblems(String(body.Password ?? ''), pool.Policies?.PasswordPolicy);
      if (problems.length) throw new FrontError('InvalidPasswordException', `Password did not conform with policy: ${problems.join(', ')}`);
    }
    if (target === 'ConfirmSignUp' && !(pool.AutoVerifiedAttributes ?? []).length) {
      // No code was ever sent: whatever the caller tries is not it.
      throw new FrontError('CodeMismatchException', 'Invalid verification code provided, please try again.');
    }
    const { SecretHash: _omitted, ...forward } = body ?? {};
    let result: any;
    try {
      result = await this.cognito.rpc(target, target === 'InitiateAuth' ? withoutSecretHash(body) : forward);
    } catch (e) {
      const type = (e as any).type as string | undefined;
      if (target === 'InitiateAuth' && type === 'InvalidPasswordException') {
        throw new FrontError('NotAuthorizedException', 'Incorrect username or password.');
      }
      throw e;
    }
    const auth = result?.AuthenticationResult;
    if (auth?.AccessToken) {
      const source = target === 'RespondToAuthChallenge' ? 'TokenGeneration_NewPasswordChallenge'
        : /^REFRESH_TOKEN/.test(String(body?.AuthFlow)) ? 'TokenGeneration_RefreshTokens' : 'TokenGeneration_Authentication';
      auth.AccessToken = await this.twin.preTokenGeneration(auth.AccessToken, String(body?.ClientId), source);
      const exp = Number(decodeJwt(auth.AccessToken).payload.exp);
      auth.ExpiresIn = Math.max(0, exp - Math.floor(Date.now() / 1000));
      auth.TokenType = 'Bearer';
    }
    return result;
  }

  private checkInitiateAuth(client: TwinClientInfo | undefined, body: any): void {
    if (!client) return; // cognito-local answers unknown clients itself
    const params = body.AuthParameters ?? {};
    const flow = String(body.AuthFlow);
    const allowed = client.template.explicitAuthFlows;
    if (flow === 'USER_PASSWORD_AUTH' && !allowed.includes('ALLOW_USER_PASSWORD_AUTH')) {
      throw new FrontError('InvalidParameterException', 'USER_PASSWORD_AUTH flow not enabled for this client');
    }
    if (flow === 'USER_PASSWORD_AUTH') {
      checkSecretHash(client, params.USERNAME, params.SECRET_HASH);
    } else if (flow === 'REFRESH_TOKEN_AUTH' || flow === 'REFRESH_TOKEN') {
      // The hash is over the user's name (or sub); cognito-local's refresh tokens are JWTs that carry both.
      let names: string[] = [];
      try {
        const claims = decodeJwt(String(params.REFRESH_TOKEN)).payload;
        names = [claims['cognito:username'], claims.username, claims.sub].filter((n): n is string => typeof n === 'string');
      } catch {
        names = [];
      }
      if (params.USERNAME) names.unshift(String(params.USERNAME));
      checkSecretHash(client, names, params.SECRET_HASH);
    }
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://front');
    const body = await readBody(req);
    const target = String(req.headers['x-amz-target'] ?? '');
    if (req.method === 'POST' && url.pathname === '/' && target.startsWith('AWSCognitoIdentityProviderService.')) {
      const name = target.split('.')[1];
      try {
        const result = await this.call(name, body.length ? JSON.parse(body.toString('utf-8')) : {});
        sendJson(res, 200, result);
      } catch (e) {
        const err = e as any;
        sendJson(res, err.status ?? 400, { __type: err.type ?? 'InternalErrorException', message: err instanceof FrontError ? err.message : err.message.replace(/^[^:]+: \d+ [^:]+: /, '') });
      }
      return;
    }
    if (await this.hostedUi.handle(req, res, url, body)) return;
    // Everything else (the pool's JWKS, health) is cognito-local's.
    const upstream = await fetch(`${this.cognito.url}${url.pathname}${url.search}`, { method: req.method, headers: { 'content-type': String(req.headers['content-type'] ?? '') }, body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body });
    res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
    res.end(Buffer.from(await upstream.arrayBuffer()));
  }
}

/** Refuses a missing or wrong SECRET_HASH for a client with a secret, with Cognito's messages. */
export function checkSecretHash(client: TwinClientInfo, usernames: string | string[] | undefined, hash: unknown): void {
  if (!client.clientSecret) return;
  if (typeof hash !== 'string' || hash === '') {
    throw new FrontError('NotAuthorizedException', `Client ${client.clientId} is configured for secret but secret was not received`);
  }
  const names = (Array.isArray(usernames) ? usernames : [usernames]).filter((n): n is string => typeof n === 'string');
  if (!names.some((n) => secretHash(n, client.clientId, client.clientSecret!) === hash)) {
    throw new FrontError('NotAuthorizedException', `Unable to verify secret hash for client ${client.clientId}`);
  }
}

function withoutSecretHash(body: any): any {
  const { SECRET_HASH: _omitted, ...params } = body.AuthParameters ?? {};
  return { ...body, AuthParameters: params };
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
  res.end(JSON.stringify(body));
}

export function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
