// A bare OAuth client for the fidelity tests: plain fetch with redirects left to the caller, the
// managed-login cookie carried by hand, the sign-in form posted as a browser would.
import { createHash, randomBytes } from 'crypto';
import { FIDELITY_CALLBACK } from './fixtures/fidelity-app';
import type { Twin, TwinClientInfo, TwinUser } from '../../twin/src/emulator/twin';

export interface Answer {
  readonly status: number;
  readonly location?: URL;
  readonly body: string;
  /** The managed-login cookie the answer set (`cognito=<value>`), or '' when it cleared it. */
  readonly cookie?: string;
}

export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** The authorize URL for `client`: code flow to the fidelity callback, `params` added (undefined removes one). */
export function authorizeUrl(twin: Twin, client: TwinClientInfo, params: Record<string, string | undefined> = {}): string {
  const q: Record<string, string | undefined> = { response_type: 'code', client_id: client.clientId, redirect_uri: FIDELITY_CALLBACK, state: 'st-1', ...params };
  const search = new URLSearchParams(Object.entries(q).filter((e): e is [string, string] => e[1] !== undefined));
  return `${twin.hostedUiUrl}/oauth2/authorize?${search}`;
}

export async function get(url: string, cookie?: string): Promise<Answer> {
  return answer(await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} }), url);
}

/** Opens `url`, posts the sign-in form with the user's name and password; the answer to the POST. */
export async function signInAt(url: string, user: Pick<TwinUser, 'username' | 'password'>, beforePost?: () => void): Promise<Answer> {
  const page = await get(url);
  const session = page.body.match(/name="session" value="([^"]+)"/)?.[1];
  if (page.status !== 200 || !session) throw new Error(`no sign-in page at ${url}: ${page.status} ${page.location ?? page.body.slice(0, 200)}`);
  beforePost?.();
  const base = new URL(url);
  return answer(await fetch(`${base.origin}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ session, username: user.username, password: user.password }),
  }), url);
}

/** Signs in through the code flow and returns the code from the callback (and the managed-login cookie). */
export async function codeFor(twin: Twin, client: TwinClientInfo, user: Pick<TwinUser, 'username' | 'password'>, params: Record<string, string | undefined> = {}) {
  const a = await signInAt(authorizeUrl(twin, client, params), user);
  const code = a.location?.searchParams.get('code');
  if (a.status !== 302 || !code) throw new Error(`no code: ${a.status} ${a.location ?? a.body.slice(0, 300)}`);
  return { code, cookie: a.cookie! };
}

/** POST to one of the domain's form endpoints; `basic` authenticates the client by HTTP Basic. */
export interface Posted {
  readonly status: number;
  readonly json: any;
  readonly text: string;
  readonly headers: Headers;
}

export async function post(twin: Twin, path: string, form: Record<string, string>, basic?: TwinClientInfo): Promise<Posted> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (basic) headers.authorization = `Basic ${Buffer.from(`${basic.clientId}:${basic.clientSecret ?? ''}`).toString('base64')}`;
  const res = await fetch(`${twin.hostedUiUrl}${path}`, { method: 'POST', headers, body: new URLSearchParams(form) });
  const text = await res.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text, headers: res.headers };
}

/** The code exchanged at the token endpoint as its client would (PKCE verifier or client secret). */
export function redeem(twin: Twin, client: TwinClientInfo, code: string, extra: Record<string, string> = {}) {
  const form = { grant_type: 'authorization_code', code, redirect_uri: FIDELITY_CALLBACK, ...(client.clientSecret ? {} : { client_id: client.clientId }), ...extra };
  return post(twin, '/oauth2/token', form, client.clientSecret ? client : undefined);
}

export function refreshAt(twin: Twin, client: TwinClientInfo, refreshToken: string) {
  return post(twin, '/oauth2/token', { grant_type: 'refresh_token', refresh_token: refreshToken, ...(client.clientSecret ? {} : { client_id: client.clientId }) }, client.clientSecret ? client : undefined);
}

async function answer(res: Response, url: string): Promise<Answer> {
  const location = res.headers.get('location');
  const setCookie = res.headers.get('set-cookie');
  const cookie = setCookie ? setCookie.split(';')[0].replace(/^cognito=$/, '') : undefined;
  return { status: res.status, location: location ? new URL(location, url) : undefined, body: await res.text(), cookie };
}
