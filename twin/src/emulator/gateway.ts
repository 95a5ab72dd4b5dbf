// A local stand-in for an API Gateway HTTP API: an http server on 127.0.0.1
// that matches the template's routes, enforces their JWT authorizer the way
// API Gateway documents it, and calls the Lambda integration with a
// payload-2.0 event. Signature and claim checks are aws-jwt-verify's; the
// JWKS is loaded up front (aws-jwt-verify refuses to fetch over http:).
//
// API Gateway's JWT authorizer, as documented
// (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html):
//  - the identity source holds the token, alone or prefixed with `Bearer `;
//  - RSA signature by a key of the issuer's JWKS, matched by `kid`;
//  - `iss` equals the configured issuer;
//  - `aud`, or `client_id` when there is no `aud`, is one of the audience entries;
//  - `exp` after now, `nbf` and `iat` before now;
//  - if the route has authorization scopes, `scope` or `scp` holds at least one.
// A request that fails is refused with 401 {"message":"Unauthorized"}, or, when
// only the scope check fails, 403 {"message":"Forbidden"}.
//
// What aws-jwt-verify accepts and API Gateway does not (issue 10 item 18); the twin refuses it too:
//  - a token without `exp`: the authorizer requires `exp` to be after the current time;
//  - `client_id` that is not a string (e.g. an array): API Gateway compares it with the
//    audience entries as a string; Cognito only ever issues a string, so the twin is strict;
//  - two `Authorization` headers: API Gateway combines duplicate headers into one
//    comma-separated value, which is no longer a JWT (Node would keep the first);
//  - a request line plus header values over 10,240 bytes: an HTTP API quota
//    (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html). API
//    Gateway does not document the status it answers with; the twin answers 431;
//  - a JWT segment with base64 padding (`=`) or any character outside base64url: RFC 7515
//    section 2 encodes without padding, and Cognito never pads.
import { randomUUID } from 'crypto';
import * as http from 'http';
import { JwtVerifier } from 'aws-jwt-verify';
import { JwtBaseError } from 'aws-jwt-verify/error';
import type { Jwks } from 'aws-jwt-verify/jwk';
import type { JwtPayload } from 'aws-jwt-verify/jwt-model';
import { InvokeResult } from './lambda';
import { LOOPBACK, LoopbackServer } from './net';

export interface GatewayAuthorizer {
  readonly name: string;
  readonly issuer: string;
  readonly audience: string[];
  readonly identitySource: string[];
  readonly jwks: Jwks;
}

export interface GatewayRoute {
  /** `GET /`, `POST /items/{id}`, `ANY /{proxy+}` or `$default`. */
  readonly routeKey: string;
  /** Undefined for a route without authorization (AuthorizationType NONE). */
  readonly authorizer?: GatewayAuthorizer;
  readonly authorizationScopes: string[];
  readonly invoke: (event: unknown) => Promise<InvokeResult>;
}

export interface GatewayOptions {
  readonly routes: GatewayRoute[];
  readonly apiId?: string;
  /** One line per request: method, path, status and why. */
  readonly log?: (line: string) => void;
}

export type AuthResult =
  | { readonly status: 200; readonly claims: JwtPayload; readonly scopes: string[] | null }
  | { readonly status: 401 | 403; readonly reason: string };

const RSA_ALGORITHMS = ['RS256', 'RS384', 'RS512'];
/** Three base64url segments without padding (RFC 7515 section 7.1). */
const JWS_COMPACT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
/** HTTP API quota: total combined size of request line and header values. */
export const MAX_REQUEST_LINE_AND_HEADERS = 10_240;

/** Enforces one JWT authorizer; `check()` is what API Gateway does before the integration runs. */
export class JwtAuthorizerCheck {
  private readonly verifier;

  constructor(readonly config: GatewayAuthorizer) {
    const audience = new Set(config.audience);
    this.verifier = JwtVerifier.create({
      issuer: config.issuer,
      // aws-jwt-verify checks `aud` only; API Gateway falls back to `client_id`.
      audience: null,
      jwksUri: `${config.issuer}/.well-known/jwks.json`,
      customJwtCheck: ({ header, payload }) => {
        if (!RSA_ALGORITHMS.includes(String(header.alg))) {
          throw new Error(`signature algorithm ${header.alg} is not RSA`);
        }
        if (typeof payload.exp !== 'number') {
          throw new Error('the token has no exp claim');
        }
        if (payload.aud === undefined && typeof payload.client_id !== 'string') {
          throw new Error(`client_id must be a string, got: ${JSON.stringify(payload.client_id)}`);
        }
        const aud = payload.aud ?? payload.client_id;
        const auds = Array.isArray(aud) ? aud : [aud];
        if (!auds.some((a) => typeof a === 'string' && audience.has(a))) {
          throw new Error('the token does not have a valid audience');
        }
        if (typeof payload.iat === 'number' && payload.iat > Math.floor(Date.now() / 1000)) {
          throw new Error('the token was issued in the future');
        }
      },
    });
    this.verifier.cacheJwks(config.jwks);
  }

  check(headers: http.IncomingHttpHeaders, query: URLSearchParams, routeScopes: string[], rawHeaders: string[] = []): AuthResult {
    const raw = this.identity(headers, query, rawHeaders);
    if (!raw) {
      return { status: 401, reason: `no token in ${this.config.identitySource.join(', ')}` };
    }
    const token = raw.replace(/^Bearer\s+/i, '').trim();
    if (!JWS_COMPACT.test(token)) {
      return { status: 401, reason: 'not a JWS in compact form with base64url (unpadded) segments' };
    }
    let claims: JwtPayload;
    try {
      // Synchronous: only the JWKS cached above, never a network fetch.
      claims = this.verifier.verifySync(token);
    } catch (e) {
      const name = e instanceof JwtBaseError ? e.constructor.name : 'Error';
      return { status: 401, reason: `${name}: ${(e as Error).message}` };
    }
    const scopes = tokenScopes(claims);
    if (routeScopes.length > 0 && !routeScopes.some((s) => scopes?.includes(s))) {
      return { status: 403, reason: `insufficient_scope: token has [${scopes?.join(' ') ?? ''}], route needs one of [${routeScopes.join(' ')}]` };
    }
    return { status: 200, claims, scopes };
  }

  private identity(headers: http.IncomingHttpHeaders, query: URLSearchParams, rawHeaders: string[]): string | undefined {
    for (const source of this.config.identitySource) {
      const header = source.match(/^\$request\.header\.(.+)$/);
      const qs = source.match(/^\$request\.querystring\.(.+)$/);
      // Duplicate headers reach the authorizer joined with commas, as API Gateway combines them.
      const repeated = header ? headerValues(rawHeaders, header[1]) : [];
      const value = repeated.length > 1 ? repeated.join(',') : header ? headers[header[1].toLowerCase()] : qs ? query.get(qs[1]) : undefined;
      const v = Array.isArray(value) ? value.join(',') : value;
      if (v) return v;
    }
    return undefined;
  }
}

/** Every value of header `name` in the order received (Node's `headers` keeps only the first Authorization). */
function headerValues(rawHeaders: string[], name: string): string[] {
  const values: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (rawHeaders[i].toLowerCase() === name.toLowerCase()) values.push(rawHeaders[i + 1]);
  }
  return values;
}

/** Bytes of the request line (`GET /path HTTP/1.1`) plus every header value, as the HTTP API quota counts them. */
export function requestLineAndHeaderBytes(req: http.IncomingMessage): number {
  let bytes = Buffer.byteLength(`${req.method} ${req.url} HTTP/${req.httpVersion}`);
  for (let i = 1; i < req.rawHeaders.length; i += 2) bytes += Buffer.byteLength(req.rawHeaders[i]);
  return bytes;
}

/** `scope` (space separated) or `scp` (string or list), as API Gateway reads them. */
export function tokenScopes(claims: JwtPayload): string[] | null {
  const raw = claims.scope ?? claims.scp;
  if (typeof raw === 'string') return raw.split(' ').filter(Boolean);
  if (Array.isArray(raw)) return raw.map(String);
  return null;
}

/** API Gateway passes claims to the integration as strings; lists become `[a b]`. */
export function claimsAsStrings(claims: JwtPayload): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(claims)) {
    out[k] = Array.isArray(v) ? `[${v.join(' ')}]` : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
  }
  return out;
}

interface CompiledRoute {
  readonly route: GatewayRoute;
  readonly method: string;
  readonly pattern?: RegExp;
  readonly paramNames: string[];
  readonly rank: number;
}

function compile(route: GatewayRoute): CompiledRoute {
  if (route.routeKey === '$default') {
    return { route, method: 'ANY', paramNames: [], rank: -1 };
  }
  const [method, path] = route.routeKey.split(' ');
  const paramNames: string[] = [];
  let literals = 0;
  let greedy = false;
  const source = path.split('/').map((seg) => {
    const m = seg.match(/^\{([^}+]+)(\+?)\}$/);
    if (!m) {
      literals++;
      return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }
    paramNames.push(m[1]);
    if (m[2]) {
      greedy = true;
      return '(.+)';
    }
    return '([^/]+)';
  }).join('/');
  // More literal segments win, a greedy path loses, a method beats ANY.
  const rank = literals * 100 - (greedy ? 50 : 0) + (method === 'ANY' ? 0 : 1);
  return { route, method, pattern: new RegExp(`^${source}$`), paramNames, rank };
}

export class LocalGateway extends LoopbackServer {
  /** Listens on 127.0.0.1 and a port the OS picks. */
  static async start(options: GatewayOptions): Promise<LocalGateway> {
    const gateway = new LocalGateway(options);
    await gateway.listen();
    return gateway;
  }

  readonly server: http.Server;
  private readonly routes: CompiledRoute[];
  private readonly checks = new Map<GatewayAuthorizer, JwtAuthorizerCheck>();
  private readonly apiId: string;

  private constructor(private readonly options: GatewayOptions) {
    super();
    this.apiId = options.apiId ?? 'twinapi';
    this.routes = options.routes.map(compile).sort((a, b) => b.rank - a.rank);
    for (const r of options.routes) {
      if (r.authorizer && !this.checks.has(r.authorizer)) {
        this.checks.set(r.authorizer, new JwtAuthorizerCheck(r.authorizer));
      }
    }
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((e) => {
        this.log(`${req.method} ${req.url} -> 500 (${(e as Error).message})`);
        send(res, 500, { message: 'Internal Server Error' });
      });
    });
  }

  private log(line: string): void {
    this.options.log?.(line);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://gateway');
    const method = (req.method ?? 'GET').toUpperCase();
    const body = await readBody(req);
    const headerBytes = requestLineAndHeaderBytes(req);
    if (headerBytes > MAX_REQUEST_LINE_AND_HEADERS) {
      this.log(`${method} ${url.pathname} -> 431 (request line and headers: ${headerBytes} bytes > ${MAX_REQUEST_LINE_AND_HEADERS})`);
      send(res, 431, { message: 'Request Header Fields Too Large' });
      return;
    }
    const match = this.match(method, url.pathname);
    if (!match) {
      this.log(`${method} ${url.pathname} -> 404 (no route)`);
      send(res, 404, { message: 'Not Found' });
      return;
    }
    const { route, pathParameters } = match;

    let authorizer: { claims: Record<string, string>; scopes: string[] | null } | undefined;
    if (route.authorizer) {
      const auth = this.checks.get(route.authorizer)!.check(req.headers, url.searchParams, route.authorizationScopes, req.rawHeaders);
      if (auth.status !== 200) {
        this.log(`${method} ${url.pathname} -> ${auth.status} (${auth.reason})`);
        const error = auth.status === 403 ? 'insufficient_scope' : 'invalid_token';
        res.setHeader('www-authenticate', `Bearer scope="${route.authorizationScopes.join(' ')}" error="${error}" error_description="${headerSafe(auth.reason)}"`);
        send(res, auth.status, { message: auth.status === 403 ? 'Forbidden' : 'Unauthorized' });
        return;
      }
      authorizer = { claims: claimsAsStrings(auth.claims), scopes: auth.scopes };
    }

    const event = this.event(req, url, method, route.routeKey, pathParameters, body, authorizer);
    const result = await route.invoke(event);
    if (!result.ok) {
      this.log(`${method} ${url.pathname} -> 500 (Lambda ${result.error.errorType}: ${result.error.errorMessage})`);
      send(res, 500, { message: 'Internal Server Error' });
      return;
    }
    const status = writeLambdaResult(res, result.result, event.requestContext.requestId);
    this.log(`${method} ${url.pathname} -> ${status}`);
  }

  private match(method: string, path: string): { route: GatewayRoute; pathParameters?: Record<string, string> } | undefined {
    for (const c of this.routes) {
      if (c.method !== 'ANY' && c.method !== method) continue;
      if (!c.pattern) return { route: c.route };
      const m = path.match(c.pattern);
      if (m) {
        const params = Object.fromEntries(c.paramNames.map((n, i) => [n, decodeURIComponent(m[i + 1])]));
        return { route: c.route, pathParameters: c.paramNames.length ? params : undefined };
      }
    }
    return undefined;
  }

  /** The payload-2.0 event API Gateway sends to a Lambda proxy integration. */
  private event(
    req: http.IncomingMessage,
    url: URL,
    method: string,
    routeKey: string,
    pathParameters: Record<string, string> | undefined,
    body: Buffer,
    authorizer: { claims: Record<string, string>; scopes: string[] | null } | undefined,
  ) {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (k === 'cookie' || v === undefined) continue;
      headers[k] = Array.isArray(v) ? v.join(',') : v;
    }
    const query: Record<string, string> = {};
    for (const k of new Set(url.searchParams.keys())) query[k] = url.searchParams.getAll(k).join(',');
    const now = new Date();
    const textual = /^(text\/|application\/(json|x-www-form-urlencoded|xml))/.test(headers['content-type'] ?? '');
    const host = headers.host ?? LOOPBACK;
    return {
      version: '2.0',
      routeKey,
      rawPath: url.pathname,
      rawQueryString: url.search.replace(/^\?/, ''),
      cookies: req.headers.cookie?.split(/;\s*/),
      headers,
      queryStringParameters: Object.keys(query).length ? query : undefined,
      pathParameters,
      requestContext: {
        accountId: '000000000000',
        apiId: this.apiId,
        authorizer: authorizer ? { jwt: authorizer } : undefined,
        domainName: host,
        domainPrefix: host.split('.')[0],
        http: {
          method,
          path: url.pathname,
          protocol: `HTTP/${req.httpVersion}`,
          sourceIp: req.socket.remoteAddress ?? LOOPBACK,
          userAgent: headers['user-agent'] ?? '',
        },
        requestId: randomUUID(),
        routeKey,
        stage: '$default',
        time: now.toUTCString(),
        timeEpoch: now.getTime(),
      },
      body: body.length ? (textual ? body.toString('utf-8') : body.toString('base64')) : undefined,
      isBase64Encoded: body.length > 0 && !textual,
    };
  }
}

/** Maps a payload-2.0 Lambda result onto the HTTP response, as API Gateway does. */
function writeLambdaResult(res: http.ServerResponse, result: any, requestId: string): number {
  res.setHeader('apigw-requestid', requestId);
  const structured = result !== null && typeof result === 'object' && 'statusCode' in result;
  if (!structured) {
    // No statusCode: API Gateway assumes 200 and a JSON body.
    res.setHeader('content-type', 'application/json');
    res.writeHead(200);
    res.end(typeof result === 'string' ? result : JSON.stringify(result));
    return 200;
  }
  for (const [k, v] of Object.entries(result.headers ?? {})) res.setHeader(k, String(v));
  if (Array.isArray(result.cookies)) res.setHeader('set-cookie', result.cookies);
  const status = Number(result.statusCode);
  res.writeHead(status);
  const body = result.body ?? '';
  res.end(result.isBase64Encoded ? Buffer.from(body, 'base64') : body);
  return status;
}

/** A header value: printable ASCII only, no double quotes, bounded length. */
function headerSafe(text: string): string {
  return text.replace(/"/g, "'").replace(/[^\x20-\x7e]/g, '?').slice(0, 300);
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  res.setHeader('content-type', 'application/json');
  res.setHeader('apigw-requestid', randomUUID());
  res.writeHead(status);
  res.end(JSON.stringify(body));
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
