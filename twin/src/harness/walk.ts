// One sign-in per client kind, the way each kind's client does it, over plain HTTP: what the demo
// runs. The hosted-UI kinds fill in the sign-in page's form as a browser would (GET the page,
// POST the form, follow the redirect to the callback); test/twin/browser.test.ts does the same
// in a real Chromium.
import { createHash, randomBytes } from 'crypto';
import { clientKind, secretHash, Twin, TwinClientInfo, TwinUser } from '../emulator/twin';

export interface WalkResult {
  readonly client: TwinClientInfo;
  readonly kind: string;
  /** How the token was obtained, in a few words. */
  readonly how: string;
  readonly accessToken: string;
}

/** Gets an access token for `user` (or for the machine itself) through `client`, as its kind does. */
export async function tokenFor(twin: Twin, client: TwinClientInfo, user: TwinUser): Promise<WalkResult> {
  const kind = clientKind(client.template);
  const done = (how: string, accessToken: string) => ({ client, kind, how, accessToken });
  switch (kind) {
    case 'passwordAuth': {
      const params: Record<string, string> = { USERNAME: user.username, PASSWORD: user.password };
      if (client.clientSecret) params.SECRET_HASH = secretHash(user.username, client.clientId, client.clientSecret);
      const res = await twin.rpc('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: client.clientId, AuthParameters: params });
      return done(`InitiateAuth USER_PASSWORD_AUTH${client.clientSecret ? ' + SECRET_HASH' : ''}`, res.AuthenticationResult.AccessToken);
    }
    case 'machine': {
      const json = await tokenRequest(twin, { grant_type: 'client_credentials' }, client);
      return done(`client_credentials, scope ${json.scope ?? client.template.allowedOAuthScopes.join(' ')}`, json.access_token);
    }
    case 'web':
    case 'confidentialWeb': {
      const verifier = randomBytes(32).toString('base64url');
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      const url = kind === 'web' ? `${signInUrl(twin, client, 'code')}&code_challenge=${challenge}&code_challenge_method=S256` : signInUrl(twin, client, 'code');
      const landed = new URL(await signInWithForm(url, user));
      const code = landed.searchParams.get('code');
      if (!code) throw new Error(`${client.name}: the callback got no code: ${landed}`);
      const form: Record<string, string> = { grant_type: 'authorization_code', code, redirect_uri: redirectOf(url) };
      if (kind === 'web') {
        form.client_id = client.clientId;
        form.code_verifier = verifier;
      }
      const json = await tokenRequest(twin, form, kind === 'web' ? undefined : client);
      return done(kind === 'web' ? 'hosted-UI sign-in, code + PKCE' : 'hosted-UI sign-in, code + client secret', json.access_token);
    }
    case 'implicit': {
      const landed = new URL(await signInWithForm(signInUrl(twin, client, 'token'), user));
      const token = new URLSearchParams(landed.hash.slice(1)).get('access_token');
      if (!token) throw new Error(`${client.name}: the callback got no access_token: ${landed}`);
      return done('hosted-UI sign-in, token in the fragment', token);
    }
    default:
      throw new Error(`${client.name}: no way to sign in with this client`);
  }
}

/**
 * The sign-in URL the stack outputs for `client` (SecureCognitoApi does), or, for apps that output
 * none, the authorize endpoint's URL built as a client would: its first callback URL and every
 * scope it may request.
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html
 */
export function signInUrl(twin: Twin, client: TwinClientInfo, responseType: 'code' | 'token'): string {
  try {
    return twin.signInUrl(client);
  } catch {
    const t = client.template;
    const query = new URLSearchParams({ client_id: client.clientId, response_type: responseType, redirect_uri: t.callbackUrls[0] ?? '' });
    if (t.allowedOAuthScopes.length) query.set('scope', t.allowedOAuthScopes.join(' '));
    return `${twin.hostedUiUrl}/oauth2/authorize?${query}`;
  }
}

/** GETs the sign-in page, POSTs its form with the user's name and password; returns the Location it redirects to. */
export async function signInWithForm(url: string, user: TwinUser): Promise<string> {
  const page = await fetch(url);
  const html = await page.text();
  const session = html.match(/name="session" value="([^"]+)"/)?.[1];
  if (page.status !== 200 || !session) throw new Error(`sign-in page ${url}: ${page.status} ${html.slice(0, 200)}`);
  const action = new URL(html.match(/<form method="post" action="([^"]+)"/)![1], url);
  const res = await fetch(action, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ session, username: user.username, password: user.password }),
  });
  const location = res.headers.get('location');
  if (res.status !== 302 || !location) throw new Error(`sign-in as ${user.username}: ${res.status} ${(await res.text()).match(/id="message">([^<]*)/)?.[1] ?? ''}`);
  return location;
}

/** POST <token endpoint>; with `basic`, the client authenticates by HTTP Basic. */
export async function tokenRequest(twin: Twin, form: Record<string, string>, basic?: TwinClientInfo): Promise<any> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (basic) headers.authorization = `Basic ${Buffer.from(`${basic.clientId}:${basic.clientSecret ?? ''}`).toString('base64')}`;
  const res = await fetch(`${twin.hostedUiUrl}/oauth2/token`, { method: 'POST', headers, body: new URLSearchParams(form) });
  const json: any = await res.json();
  if (res.status !== 200) throw new Error(`token endpoint: ${res.status} ${json.error}: ${json.error_description}`);
  return json;
}

/** Calls `GET <path>` on the twin's API with the token; returns status and body. */
export async function callApi(twin: Twin, accessToken: string | undefined, route = 'GET /'): Promise<{ status: number; body: string }> {
  const [method, path] = route.split(' ');
  const res = await fetch(`${twin.gateway!.url}${path}`, { method, headers: accessToken ? { authorization: `Bearer ${accessToken}` } : {} });
  return { status: res.status, body: await res.text() };
}

function redirectOf(url: string): string {
  return new URL(url).searchParams.get('redirect_uri') ?? '';
}
