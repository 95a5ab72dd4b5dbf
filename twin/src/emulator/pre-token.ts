// The twin's side of `groupScopes` (issue 13): Cognito runs the user pool's pre-token-generation
// trigger before it issues tokens. So the twin's user pool finds the
// trigger the template wires (LambdaConfig.PreTokenGenerationConfig, LambdaVersion V2_0), runs the
// bundled asset from the cloud assembly, in its own Node.js process with the environment the
// template gives it, with a V2_0 event as Cognito documents it, and re-issues the access token
// with `scopesToAdd` appended to its `scope` claim, signed with the key the twin's gateway trusts.
// Self-contained (Node.js built-ins only) so that it can live beside the rest of the twin.
// @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html
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
  /** The template's environment variables with plain string values. */
  readonly environment: Record<string, string>;
}

/** What Cognito knows when it invokes the trigger. */
export interface TokenContext {
  readonly userPoolId: string;
  readonly clientId: string;
  readonly userName: string;
  /** The user's groups (`cognito:groups`). */
  readonly groups: string[];
  /** The scopes the access token carries before the trigger. */
  readonly scopes: string[];
  /** e.g. `TokenGeneration_Authentication`, `TokenGeneration_HostedAuth`, `TokenGeneration_RefreshTokens`. */
  readonly triggerSource: string;
  readonly userAttributes?: Record<string, string>;
}

/** Signs a JWT header and payload with the key the twin's gateway trusts. */
export type Signer = (header: Record<string, unknown>, payload: Record<string, unknown>) => string;

/**
 * The pool's V2_0 pre-token-generation trigger in `<assemblyDir>`'s template, or undefined when
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
  if (config?.LambdaVersion !== 'V2_0') {
    throw new Error(`the twin runs V2_0 pre-token-generation triggers only, got: ${JSON.stringify(config?.LambdaVersion ?? 'V1_0')}`);
  }
  const logicalId = config.LambdaArn?.['Fn::GetAtt']?.[0];
  const fn = typeof logicalId === 'string' ? resources[logicalId] : undefined;
  if (!fn || fn.Type !== 'AWS::Lambda::Function') {
    throw new Error(`PreTokenGenerationConfig.LambdaArn must be a GetAtt of a function of the template, got: ${JSON.stringify(config.LambdaArn)}`);
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
  };
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

/** The V2_0 event Cognito sends, with the fields its documentation lists. */
export function preTokenEvent(ctx: TokenContext): Json {
  return {
    version: '2',
    triggerSource: ctx.triggerSource,
    region: 'us-east-1',
    userPoolId: ctx.userPoolId,
    userName: ctx.userName,
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: ctx.clientId },
    request: {
      userAttributes: ctx.userAttributes ?? {},
      scopes: ctx.scopes,
      groupConfiguration: { groupsToOverride: ctx.groups, iamRolesToOverride: [], preferredRole: null },
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

/** The scopes the trigger adds for this user (its `accessTokenGeneration.scopesToAdd`). */
export async function scopesToAdd(trigger: PreTokenTrigger, ctx: TokenContext): Promise<string[]> {
  const result = await invokeTrigger(trigger, preTokenEvent(ctx));
  const add = result?.response?.claimsAndScopeOverrideDetails?.accessTokenGeneration?.scopesToAdd ?? [];
  if (!Array.isArray(add) || add.some((s) => typeof s !== 'string')) {
    throw new Error(`pre-token-generation trigger ${trigger.logicalId}: scopesToAdd must be a list of strings, got: ${JSON.stringify(add)}`);
  }
  return add;
}

function decode(token: string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  const [h, p] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(h, 'base64url').toString('utf8')),
    payload: JSON.parse(Buffer.from(p, 'base64url').toString('utf8')),
  };
}

/**
 * What Cognito does with an access token the trigger answered: runs the trigger with the token's
 * groups and scopes, then issues the token with the added scopes at the end of `scope` (same
 * header, same other claims), signed by `sign`. A token the trigger adds nothing to is returned
 * unchanged. Only the ACCESS token: Cognito applies `accessTokenGeneration` to it alone.
 */
export async function applyPreTokenTrigger(trigger: PreTokenTrigger, accessToken: string,
  ctx: Omit<TokenContext, 'groups' | 'scopes' | 'userName'>, sign: Signer): Promise<string> {
  const { header, payload } = decode(accessToken);
  if (payload.token_use !== 'access') throw new Error(`expected an access token, got token_use: ${JSON.stringify(payload.token_use)}`);
  const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [];
  const groups = Array.isArray(payload['cognito:groups']) ? payload['cognito:groups'].map(String) : [];
  const userName = String(payload.username ?? payload['cognito:username'] ?? payload.sub ?? '');
  const add = (await scopesToAdd(trigger, { ...ctx, userName, groups, scopes })).filter((s) => !scopes.includes(s));
  if (add.length === 0) return accessToken;
  return sign(header, { ...payload, scope: [...scopes, ...add].join(' ') });
}
