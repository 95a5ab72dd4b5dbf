// JWT helpers for the twin's engine, tests and output: the signing key, decode, verify, and the
// hostile tokens of the security matrix. The twin signs with an RSA key generated once per
// process and kept in memory only (Cognito's keys are secret too), so nobody outside the process
// can mint tokens the twin's gateway accepts. A "minted" token is signed with that same key, so it
// verifies against the pool's JWKS exactly like one the twin issued; that is how the tests get
// claims a real sign-in cannot produce (past expiry, another issuer).
import { createSign, createVerify, generateKeyPairSync, KeyObject, randomBytes } from 'crypto';

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

export interface SigningKey {
  readonly kid: string;
  readonly privateKeyPem: string;
  readonly publicKey: KeyObject;
  /** The public key as a JWKS entry. */
  readonly jwk: Record<string, string>;
}

let processKey: SigningKey | undefined;

/** The twin's signing key: generated on first use, the same for every pool of this process. */
export function twinSigningKey(): SigningKey {
  if (!processKey) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const kid = randomBytes(30).toString('base64');
    const { n, e } = publicKey.export({ format: 'jwk' }) as { n: string; e: string };
    processKey = {
      kid,
      privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      publicKey,
      jwk: { alg: 'RS256', e, kid, kty: 'RSA', n, use: 'sig' },
    };
  }
  return processKey;
}

/** Signs claims with the twin's key and its kid. */
export function signWithTwinKey(payload: Claims, header: Claims = {}): string {
  const key = twinSigningKey();
  return signRs256({ ...header, kid: key.kid }, payload, key.privateKeyPem);
}

/** The claims of a token signed (RS256) by the twin's key; undefined for anything else. */
export function verifiedClaims(token: string): Claims | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const { header, payload } = decodeJwt(token);
    if (header.alg !== 'RS256' || header.kid !== twinSigningKey().kid) return undefined;
    const ok = createVerify('RSA-SHA256').update(`${parts[0]}.${parts[1]}`).verify(twinSigningKey().publicKey, Buffer.from(parts[2], 'base64url'));
    return ok ? payload : undefined;
  } catch {
    return undefined;
  }
}

/** A token with `template`'s header and claims, `changes` applied, signed by the twin's key. */
export function mint(template: string, changes: Claims): string {
  const { header, payload } = decodeJwt(template);
  const claims: Claims = { ...payload, ...changes };
  for (const [k, v] of Object.entries(changes)) if (v === undefined) delete claims[k];
  return signRs256(header, claims, twinSigningKey().privateKeyPem);
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
