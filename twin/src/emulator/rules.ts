// What Cognito enforces that the twin reproduces, and where the twin is not AWS (the README's
// "Where the twin is not AWS" table says the same).
import { createHmac, randomBytes } from 'crypto';
import type { TwinClient } from '../assembly/template';

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


/** The TWIN_STATE file: what a program needs to sign every user in and call the API. */
export interface TwinState {
  readonly cognitoIdpUrl: string;
  readonly hostedUiUrl: string;
  readonly tokenUrl: string;
  readonly apiUrl: string;
  readonly userPoolId: string;
  readonly issuer: string;
  readonly clients: Array<{ name: string; kind: string; clientId: string; clientSecret?: string; scopes: string[]; callbackUrls?: string[] }>;
  readonly users: Array<{ username: string; password: string; groups: string[] }>;
}

/** The AppClient factory a template client was made with, read from its flows and secret. */
export function clientKind(c: TwinClient): 'web' | 'confidentialWeb' | 'implicit' | 'machine' | 'passwordAuth' | 'other' {
  if (c.allowedOAuthFlows.includes('client_credentials')) return 'machine';
  if (c.allowedOAuthFlows.includes('implicit')) return 'implicit';
  if (c.allowedOAuthFlows.includes('code')) return c.generateSecret ? 'confidentialWeb' : 'web';
  if (c.explicitAuthFlows.includes('ALLOW_USER_PASSWORD_AUTH')) return 'passwordAuth';
  return 'other';
}

const UNIT_SECONDS: Record<string, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };
/**
 * A client's token validity in seconds, as CloudFormation reads it: the value in its unit
 * (default unit hours for access and ID tokens, days for refresh tokens), defaults 1 hour,
 * 1 hour, 30 days; AuthSessionValidity in minutes, default 3.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cognito-userpoolclient.html
 */
export function validitySeconds(client: TwinClient, kind: 'access' | 'id' | 'refresh' | 'session'): number {
  const p = client.properties ?? {};
  if (kind === 'session') return (typeof p.AuthSessionValidity === 'number' ? p.AuthSessionValidity : 3) * 60;
  const [prop, unitKey, value, unit] = {
    access: ['AccessTokenValidity', 'AccessToken', 1, 'hours'],
    id: ['IdTokenValidity', 'IdToken', 1, 'hours'],
    refresh: ['RefreshTokenValidity', 'RefreshToken', 30, 'days'],
  }[kind] as [string, string, number, string];
  const v = typeof p[prop] === 'number' ? p[prop] : value;
  return v * UNIT_SECONDS[p.TokenValidityUnits?.[unitKey] ?? unit];
}
