// JWT helpers for the twin's tests and output: decode, and build the hostile
// tokens of the security matrix. A "minted" token is signed with the RSA key
// cognito-local itself signs with (it ships in the package, kid
// `CognitoLocal`), so it verifies against the pool's JWKS exactly like a
// token cognito-local issued; that is how the tests get claims cognito-local
// cannot produce (custom scopes, past expiry, another issuer).
import { createSign, generateKeyPairSync } from 'crypto';

export type Claims = Record<string, unknown>;

export interface DecodedJwt {
  readonly header: Claims;
  readonly payload: Claims;
}

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

export function decodeJwt(token: string): DecodedJwt {
  const [h, p] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(h, 'base64url').toString('utf-8')),
    payload: JSON.parse(Buffer.from(p, 'base64url').toString('utf-8')),
  };
}

/** RS256-signs header and payload with a PEM private key. */
export function signRs256(header: Claims, payload: Claims, privateKeyPem: string): string {
  const input = `${b64({ ...header, alg: 'RS256' })}.${b64(payload)}`;
  const signature = createSign('RSA-SHA256').update(input).sign(privateKeyPem).toString('base64url');
  return `${input}.${signature}`;
}

/** The private key cognito-local signs every token with (public knowledge: it is in the npm package). */
export function cognitoLocalPrivateKey(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('cognito-local/lib/keys/cognitoLocal.private.json').pem as string;
}

/** A token with `template`'s header and claims, `changes` applied, signed by cognito-local's key. */
export function mint(template: string, changes: Claims): string {
  const { header, payload } = decodeJwt(template);
  const claims: Claims = { ...payload, ...changes };
  for (const [k, v] of Object.entries(changes)) if (v === undefined) delete claims[k];
  return signRs256(header, claims, cognitoLocalPrivateKey());
}

/** Same header and kid, signed by a fresh RSA key that no JWKS knows. */
export function signedByStranger(template: string): string {
  const { header, payload } = decodeJwt(template);
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return signRs256(header, payload, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
}

/** The original signature over a changed payload. */
export function tampered(token: string, changes: Claims): string {
  const [h, , s] = token.split('.');
  return `${h}.${b64({ ...decodeJwt(token).payload, ...changes })}.${s}`;
}

/** The original claims with `alg: none` and no signature. */
export function unsigned(token: string): string {
  const { header, payload } = decodeJwt(token);
  return `${b64({ ...header, alg: 'none' })}.${b64(payload)}.`;
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);
