// The twin's side of Cognito's pre-token-generation trigger. The twin's user pool finds the
// trigger the template wires (LambdaConfig.PreTokenGenerationConfig, LambdaVersion
// V2_0 or V3_0), runs its bundled asset from the cloud assembly in its own Node.js process with
// the environment the template gives it, with the event Cognito documents, and applies the
// answer's accessTokenGeneration to the access token before it is signed with the key the twin's
// gateway trusts:
//  - V2_0 runs for user tokens only; V3_0 runs for user tokens and for machine tokens
//    (client_credentials, trigger source TokenGeneration_ClientCredentials, with the request's
//    ClientMetadata: the token endpoint's `aws_client_metadata`). "Aside from the circumstances
//    of the resulting access tokens, version two and three events are identical";
//  - claimsToAddOrOverride and claimsToSuppress (suppressing wins), scopesToAdd and
//    scopesToSuppress; the claims that identify the token and its issuer (PROTECTED_CLAIMS) are
//    never changed, and scopes change only through the scope lists.
// @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html
// @see https://docs.aws.amazon.com/cognito/latest/developerguide/token-endpoint.html
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

type Json = any;

/** The pool's pre-token-generation trigger, as the template wires it. */
export interface PreTokenTrigger {
  readonly logicalId: string;
  /** Absolute path of the function's asset directory in the cloud assembly. */
  readonly assetDir: string;
  /** e.g. `index.handler`. */
  readonly handler: string;
  readonly timeoutSeconds: number;
  /** The template's environment variables with plain string values (see withEnvironment for the others). */
  readonly environment: Record<string, string>;
  /** The environment variables as the template writes them, Refs and Fn::Join included (none when absent). */
  readonly templateEnvironment?: Record<string, Json>;
  /** The event version the pool sends (LambdaVersion); V2_0 when absent. */
  readonly version?: TriggerVersion;
}

export type TriggerVersion = 'V2_0' | 'V3_0';
/** The trigger source of a machine (client_credentials) token; only V3_0 triggers run for it. */
export const CLIENT_CREDENTIALS = 'TokenGeneration_ClientCredentials';

/** What Cognito knows when it invokes the trigger. */
export interface TokenContext {
  readonly userPoolId: string;
  readonly clientId: string;
  /** The user's name; none for a machine token. */
  readonly userName?: string;
  /** The user's groups (`cognito:groups`). */
  readonly groups: string[];
  /** The scopes the access token carries before the trigger. */
  readonly scopes: string[];
  /** e.g. `TokenGeneration_Authentication`, `TokenGeneration_HostedAuth`, `TokenGeneration_RefreshTokens`. */
  readonly triggerSource: string;
  readonly userAttributes?: Record<string, string>;
  /** The request's ClientMetadata, passed through unvalidated. */
  readonly clientMetadata?: Record<string, string>;
}

/** Signs a JWT header and payload with the key the twin's gateway trusts. */
export type Signer = (header: Record<string, unknown>, payload: Record<string, unknown>) => string;

/**
 * The pool's V2_0 or V3_0 pre-token-generation trigger in `<assemblyDir>`'s template, or undefined when
 * the pool has none. A V1_0 trigger, or one the twin cannot run (no local asset), is an error:
 * the twin would otherwise issue tokens Cognito would not.
 */
export function findPreTokenTrigger(assemblyDir: string, template: Json): PreTokenTrigger | undefined {
  const resources: Record<string, Json> = template.Resources ?? {};
  const pools = Object.values(resources).filter((r) => r.Type === 'AWS::Cognito::UserPool');
  if (pools.length !== 1) throw new Error(`expected one AWS::Cognito::UserPool, got: ${pools.length}`);
  const lambdaConfig = pools[0].Properties?.LambdaConfig ?? {};
  const config = lambdaConfig.PreTokenGenerationConfig;
  if (!config && !lambdaConfig.PreTokenGeneration) return undefined;
  const version = config?.LambdaVersion;
  if (version !== 'V2_0' && version !== 'V3_0') {
    throw new Error(`the twin runs V2_0 and V3_0 pre-token-generation triggers only, got: ${JSON.stringify(version ?? 'V1_0')}`);
  }
  const logicalId = functionOfArn(resources, config.LambdaArn);
  const fn = logicalId === undefined ? undefined : resources[logicalId];
  if (!fn || logicalId === undefined) {
    throw new Error('PreTokenGenerationConfig.LambdaArn must be a GetAtt of a function of the template or the ARN of its FunctionName, '
      + `got: ${JSON.stringify(config.LambdaArn)}`);
  }
  const environment: Record<string, string> = {};
  for (const [k, v] of Object.entries<Json>(fn.Properties.Environment?.Variables ?? {})) {
    if (typeof v === 'string') environment[k] = v;
  }
  return {
    logicalId,
    assetDir: assetDirOf(assemblyDir, logicalId, fn),
    handler: String(fn.Properties.Handler ?? 'index.handler'),
    timeoutSeconds: typeof fn.Properties.Timeout === 'number' ? fn.Properties.Timeout : 3,
    environment,
    templateEnvironment: { ...(fn.Properties.Environment?.Variables ?? {}) },
    version,
  };
}

/**
 * The logical id of the function a LambdaArn names: `Fn::GetAtt [Fn, Arn]`, or an ARN the template
 * builds from the function's FunctionName (`...:function:<name>`, as a stack does when the pool may
 * not depend on the function).
 */
function functionOfArn(resources: Record<string, Json>, arn: Json): string | undefined {
  const isFunction = (id: string) => resources[id]?.Type === 'AWS::Lambda::Function';
  const att = arn?.['Fn::GetAtt']?.[0];
  if (typeof att === 'string') return isFunction(att) ? att : undefined;
  const text = (v: Json): string => (typeof v === 'string' ? v : Array.isArray(v?.['Fn::Join']?.[1]) ? v['Fn::Join'][1].map(text).join(v['Fn::Join'][0]) : '<?>');
  const name = text(arn).match(/:function:([\w-]+)$/)?.[1];
  return Object.keys(resources).find((id) => isFunction(id) && name !== undefined && resources[id].Properties?.FunctionName === name);
}

/** `aws:asset:path` metadata (CLI synth), else the asset manifest entry of Code.S3Key. */
function assetDirOf(assemblyDir: string, logicalId: string, fn: Json): string {
  const fromMetadata = fn.Metadata?.['aws:asset:path'];
  if (typeof fromMetadata === 'string') return path.resolve(assemblyDir, fromMetadata);
  const key = fn.Properties.Code?.S3Key;
  if (typeof key === 'string') {
    const hash = key.replace(/\.zip$/, '');
    for (const file of fs.readdirSync(assemblyDir).filter((f) => f.endsWith('.assets.json'))) {
      const source = JSON.parse(fs.readFileSync(path.join(assemblyDir, file), 'utf8')).files?.[hash]?.source;
      if (source?.path) return path.resolve(assemblyDir, source.path);
    }
  }
  throw new Error(`function ${logicalId} has no local asset in ${assemblyDir}`);
}

/** The V2_0 or V3_0 event Cognito sends, with the fields its documentation lists. */
export function preTokenEvent(ctx: TokenContext, version: TriggerVersion = 'V2_0'): Json {
  const machine = ctx.triggerSource === CLIENT_CREDENTIALS;
  return {
    version: version === 'V3_0' ? '3' : '2',
    triggerSource: ctx.triggerSource,
    region: 'us-east-1',
    userPoolId: ctx.userPoolId,
    // A machine token has no user: no userName, no attributes, no groups.
    ...(machine ? {} : { userName: ctx.userName }),
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: ctx.clientId },
    request: {
      userAttributes: ctx.userAttributes ?? {},
      scopes: ctx.scopes,
      groupConfiguration: machine ? null : { groupsToOverride: ctx.groups, iamRolesToOverride: [], preferredRole: null },
      ...(ctx.clientMetadata ? { clientMetadata: ctx.clientMetadata } : {}),
    },
    response: { claimsAndScopeOverrideDetails: null },
  };
}

// The "runtime" in the child: requires the asset, calls the handler once, prints the result.
const RUNTIME = `
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', async () => {
  const event = JSON.parse(Buffer.concat(chunks).toString());
  const file = process.env._TWIN_HANDLER_FILE, name = process.env._TWIN_HANDLER_EXPORT;
  delete process.env._TWIN_HANDLER_FILE; delete process.env._TWIN_HANDLER_EXPORT;
  const result = await require(file)[name](event, { functionName: process.env.AWS_LAMBDA_FUNCTION_NAME });
  process.stdout.write(JSON.stringify(result === undefined ? null : result));
});
`;

/** Invokes the trigger's bundled asset with `event`, as Lambda would; rejects on error or timeout. */
export function invokeTrigger(trigger: PreTokenTrigger, event: Json): Promise<Json> {
  const dot = trigger.handler.lastIndexOf('.');
  const child = spawn(process.execPath, ['-e', RUNTIME], {
    cwd: trigger.assetDir,
    env: {
      ...trigger.environment,
      AWS_REGION: 'us-east-1',
      AWS_LAMBDA_FUNCTION_NAME: trigger.logicalId,
      TZ: ':UTC',
      _TWIN_HANDLER_FILE: path.join(trigger.assetDir, trigger.handler.slice(0, dot)),
      _TWIN_HANDLER_EXPORT: trigger.handler.slice(dot + 1),
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (c) => { out += c; });
  child.stderr.on('data', (c) => { err += c; });
  child.stdin.end(JSON.stringify(event));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`pre-token-generation trigger ${trigger.logicalId}: Task timed out after ${trigger.timeoutSeconds} seconds`));
    }, trigger.timeoutSeconds * 1000);
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) reject(new Error(`pre-token-generation trigger ${trigger.logicalId} failed (exit ${code}): ${err.trim().split('\n').slice(-3).join(' ')}`));
      else resolve(JSON.parse(out));
    });
  });
}

/** What the trigger answered for the access token (`claimsAndScopeOverrideDetails.accessTokenGeneration`). */
export interface AccessTokenOverrides {
  readonly claimsToAddOrOverride: Record<string, unknown>;
  readonly claimsToSuppress: string[];
  readonly scopesToAdd: string[];
  readonly scopesToSuppress: string[];
}

/**
 * Claims the trigger cannot add, override or suppress: they say who issued the token, to whom,
 * when, and what it is; `scope` changes only through scopesToAdd and scopesToSuppress.
 */
export const PROTECTED_CLAIMS = new Set([
  'acr', 'amr', 'at_hash', 'aud', 'auth_time', 'azp', 'client_id', 'cognito:username', 'device_key', 'event_id', 'exp',
  'iat', 'identities', 'iss', 'jti', 'nbf', 'nonce', 'origin_jti', 'scope', 'sub', 'token_use', 'username', 'version',
]);

/** What the trigger answered for the ID token (`claimsAndScopeOverrideDetails.idTokenGeneration`). */
export interface IdTokenOverrides {
  readonly claimsToAddOrOverride: Record<string, unknown>;
  readonly claimsToSuppress: string[];
}

/** Runs the trigger once for `ctx` and reads its answer; a malformed answer is an error, as it fails the sign-in. */
export async function triggerAnswer(trigger: PreTokenTrigger, ctx: TokenContext): Promise<{ access: AccessTokenOverrides; id: IdTokenOverrides }> {
  const result = await invokeTrigger(trigger, preTokenEvent(ctx, trigger.version ?? 'V2_0'));
  const details = result?.response?.claimsAndScopeOverrideDetails ?? {};
  const read = (part: string) => {
    const o = details[part] ?? {};
    const list = (name: string): string[] => {
      const v = o[name] ?? [];
      if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) {
        throw new Error(`pre-token-generation trigger ${trigger.logicalId}: ${name} must be a list of strings, got: ${JSON.stringify(v)}`);
      }
      return v;
    };
    const claims = o.claimsToAddOrOverride ?? {};
    if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) {
      throw new Error(`pre-token-generation trigger ${trigger.logicalId}: claimsToAddOrOverride must be an object, got: ${JSON.stringify(claims)}`);
    }
    return { claimsToAddOrOverride: claims as Record<string, unknown>, claimsToSuppress: list('claimsToSuppress'), scopesToAdd: list('scopesToAdd'), scopesToSuppress: list('scopesToSuppress') };
  };
  const access = read('accessTokenGeneration');
  const { claimsToAddOrOverride, claimsToSuppress } = read('idTokenGeneration');
  return { access, id: { claimsToAddOrOverride, claimsToSuppress } };
}

/** The trigger's answer for the access token. */
export async function accessTokenOverrides(trigger: PreTokenTrigger, ctx: TokenContext): Promise<AccessTokenOverrides> {
  return (await triggerAnswer(trigger, ctx)).access;
}

/** The scopes the trigger adds for this user (its `accessTokenGeneration.scopesToAdd`). */
export async function scopesToAdd(trigger: PreTokenTrigger, ctx: TokenContext): Promise<string[]> {
  return (await accessTokenOverrides(trigger, ctx)).scopesToAdd;
}

/** A token's claims with the trigger's answer applied; the same object when nothing changes. */
export function applyOverrides(payload: Record<string, unknown>, o: AccessTokenOverrides | IdTokenOverrides): Record<string, unknown> {
  const out: Record<string, unknown> = { ...payload };
  let changed = false;
  for (const [k, v] of Object.entries(o.claimsToAddOrOverride)) {
    if (PROTECTED_CLAIMS.has(k) || JSON.stringify(out[k]) === JSON.stringify(v)) continue;
    out[k] = v;
    changed = true;
  }
  for (const k of o.claimsToSuppress) {
    if (PROTECTED_CLAIMS.has(k) || !(k in out)) continue;
    delete out[k];
    changed = true;
  }
  if (!('scopesToAdd' in o)) return changed ? out : payload;
  const before = typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [];
  const scopes = [...before, ...o.scopesToAdd.filter((s, i, all) => !before.includes(s) && all.indexOf(s) === i)]
    .filter((s) => !o.scopesToSuppress.includes(s));
  if (scopes.join(' ') !== before.join(' ')) {
    out.scope = scopes.join(' ');
    changed = true;
  }
  return changed ? out : payload;
}

function decode(token: string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  const [h, p] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(h, 'base64url').toString('utf8')),
    payload: JSON.parse(Buffer.from(p, 'base64url').toString('utf8')),
  };
}

/**
 * What Cognito does with a user's access token when the pool has a trigger: runs it with the
 * token's groups and scopes, then issues the token with the answer applied (same header), signed
 * by `sign`. A token the trigger changes nothing in is returned unchanged. Only the ACCESS token:
 * `accessTokenGeneration` applies to it alone.
 */
export async function applyPreTokenTrigger(trigger: PreTokenTrigger, accessToken: string,
  ctx: Omit<TokenContext, 'groups' | 'scopes' | 'userName'>, sign: Signer): Promise<string> {
  const { header, payload } = decode(accessToken);
  if (payload.token_use !== 'access') throw new Error(`expected an access token, got token_use: ${JSON.stringify(payload.token_use)}`);
  const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [];
  const groups = Array.isArray(payload['cognito:groups']) ? payload['cognito:groups'].map(String) : [];
  const userName = String(payload.username ?? payload['cognito:username'] ?? payload.sub ?? '');
  const after = applyOverrides(payload, await accessTokenOverrides(trigger, { ...ctx, userName, groups, scopes }));
  return after === payload ? accessToken : sign(header, after);
}

/** A machine token's claims as Cognito issues them (preTokenClaims for a client_credentials request). */
export async function machineTokenClaims(trigger: PreTokenTrigger | undefined, claims: Record<string, unknown>,
  ctx: { userPoolId: string; clientId: string; clientMetadata?: Record<string, string> }): Promise<Record<string, unknown>> {
  return (await preTokenClaims(trigger, { ...ctx, triggerSource: CLIENT_CREDENTIALS, access: claims })).access;
}

/** One token request as the pool's seam hands it over (userpool.ts `preTokenGeneration`). */
export interface TokenRequestClaims {
  readonly userPoolId: string;
  readonly clientId: string;
  readonly triggerSource: string;
  /** Undefined for a machine (client_credentials) token. */
  readonly user?: { readonly username: string; readonly groups: string[]; readonly attributes: Record<string, string> };
  readonly access: Record<string, unknown>;
  readonly id?: Record<string, unknown>;
  readonly clientMetadata?: Record<string, string>;
}

/**
 * The claims Cognito issues for one token request with the pool's trigger: none, or a V2_0
 * trigger for a machine token, leaves them as they are; otherwise the trigger runs once and its
 * answer is applied to the access token and, when there is one, the ID token.
 */
export async function preTokenClaims(trigger: PreTokenTrigger | undefined, req: TokenRequestClaims):
Promise<{ access: Record<string, unknown>; id?: Record<string, unknown> }> {
  if (!trigger || (!req.user && trigger.version !== 'V3_0')) return { access: req.access, id: req.id };
  const scopes = typeof req.access.scope === 'string' ? req.access.scope.split(' ').filter(Boolean) : [];
  const answer = await triggerAnswer(trigger, {
    userPoolId: req.userPoolId,
    clientId: req.clientId,
    triggerSource: req.triggerSource,
    scopes,
    clientMetadata: req.clientMetadata,
    ...(req.user ? { userName: req.user.username, groups: req.user.groups, userAttributes: req.user.attributes } : { groups: [] }),
  });
  return { access: applyOverrides(req.access, answer.access), id: req.id && applyOverrides(req.id, answer.id) };
}

/**
 * The trigger with its environment rendered: variables the template writes with Refs (a client's
 * id, the pool's id) get the values `render` gives them; those it cannot render stay out, as before.
 */
export function withEnvironment(trigger: PreTokenTrigger, render: (value: Json) => string | undefined): PreTokenTrigger {
  const environment: Record<string, string> = { ...trigger.environment };
  for (const [k, v] of Object.entries(trigger.templateEnvironment ?? {})) {
    if (typeof v === 'string') continue;
    const rendered = render(v);
    if (rendered !== undefined) environment[k] = rendered;
  }
  return { ...trigger, environment };
}

/**
 * The ClientMetadata of a token endpoint request: `aws_client_metadata`, URL-encoded JSON of
 * string values. Undefined when absent; an error (the caller answers invalid_request) when it is
 * not a JSON object of strings.
 */
export function clientMetadataParameter(form: URLSearchParams): Record<string, string> | undefined {
  const raw = form.get('aws_client_metadata');
  if (raw === null) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed) || Object.values(parsed).some((v) => typeof v !== 'string')) {
    throw new Error(`aws_client_metadata must be a JSON object of strings, got: ${raw}`);
  }
  return parsed as Record<string, string>;
}
