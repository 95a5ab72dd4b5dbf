// The twin's Cognito endpoint: one loopback server that plays both
// `https://cognito-idp.<region>.amazonaws.com` (the JSON protocol, actions.ts; the pool's JWKS and
// OpenID configuration under /<pool id>/) and the user pool's domain (managed login and the OAuth
// endpoints, oauth.ts). The user pool itself is userpool.ts (decision 060).
import * as http from 'http';
import { callAction } from './actions';
import { LoopbackServer } from './net';
import { HostedUi } from './oauth';
import { CognitoError, UserPool } from './userpool';

export class CognitoFront extends LoopbackServer {
  static async start(pool: UserPool): Promise<CognitoFront> {
    const front = new CognitoFront(pool);
    await front.listen();
    pool.baseUrl = front.url;
    return front;
  }

  readonly server: http.Server;
  readonly hostedUi: HostedUi;

  private constructor(readonly pool: UserPool) {
    super();
    this.hostedUi = new HostedUi(pool, this);
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((e) => {
        sendJson(res, 500, { __type: 'InternalErrorException', message: (e as Error).message });
      });
    });
  }

  /** One call of the JSON protocol; throws CognitoError. */
  call(target: string, body: any): Promise<any> {
    return callAction(this.pool, target, body);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://front');
    const body = await readBody(req);
    const target = String(req.headers['x-amz-target'] ?? '');
    if (req.method === 'POST' && url.pathname === '/' && target.startsWith('AWSCognitoIdentityProviderService.')) {
      let input: any;
      try {
        input = body.length ? JSON.parse(body.toString('utf-8')) : {};
      } catch {
        return sendJson(res, 400, { __type: 'SerializationException', message: 'the request body is not JSON' });
      }
      try {
        sendJson(res, 200, await this.call(target.split('.')[1], input));
      } catch (e) {
        if (!(e instanceof CognitoError)) throw e;
        sendJson(res, e.status, { __type: e.type, message: e.message });
      }
      return;
    }
    const issuerPath = new URL(this.pool.issuer).pathname;
    if (req.method === 'GET' && url.pathname === `${issuerPath}/.well-known/jwks.json`) {
      return sendJson(res, 200, this.pool.jwks(), 'application/json');
    }
    if (req.method === 'GET' && url.pathname === `${issuerPath}/.well-known/openid-configuration`) {
      return sendJson(res, 200, this.openIdConfiguration(), 'application/json');
    }
    if (await this.hostedUi.handle(req, res, url, body)) return;
    sendJson(res, 404, { message: 'Not Found' }, 'application/json');
  }

  /** The OpenID discovery document Cognito publishes at the issuer, pointing at the twin's domain. */
  private openIdConfiguration() {
    const d = this.url;
    return {
      issuer: this.pool.issuer,
      authorization_endpoint: `${d}/oauth2/authorize`,
      token_endpoint: `${d}/oauth2/token`,
      userinfo_endpoint: `${d}/oauth2/userInfo`,
      revocation_endpoint: `${d}/oauth2/revoke`,
      end_session_endpoint: `${d}/logout`,
      jwks_uri: `${this.pool.issuer}/.well-known/jwks.json`,
      response_types_supported: ['code', 'token'],
      scopes_supported: ['openid', 'email', 'phone', 'profile'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    };
  }
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown, type = 'application/x-amz-json-1.1'): void {
  res.writeHead(status, { 'content-type': type });
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
