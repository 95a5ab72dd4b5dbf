// Reads a synthesized cloud assembly and extracts what the twin needs: the
// user pool and its clients, the HTTP API's JWT authorizers and routes, and
// for every route the Lambda asset directory and handler it invokes. It only
// reads what CloudFormation would deploy; it never looks at the CDK code.
import * as fs from 'fs';
import * as path from 'path';
import { IssuerType, parseTemplateIssuer } from './issuer';

type Json = any;

/** A CloudFormation resource, as synthesized. */
export interface CfnResource {
  readonly logicalId: string;
  readonly type: string;
  readonly properties: Record<string, Json>;
  readonly metadata?: Record<string, Json>;
}

export interface TwinUserPool {
  readonly logicalId: string;
  readonly properties: Record<string, Json>;
}

export interface TwinClient {
  readonly logicalId: string;
  /** ClientName, or the logical id when the template has none. */
  readonly name: string;
  readonly generateSecret: boolean;
  readonly explicitAuthFlows: string[];
  readonly allowedOAuthFlows: string[];
  /** Scopes as far as they resolve; a resource-server scope is `<identifier>/<scope>`. */
  readonly allowedOAuthScopes: string[];
  /** CallbackURLs that are plain strings. */
  readonly callbackUrls: string[];
  readonly properties: Record<string, Json>;
  /** The client's AWS::Cognito::Terms documents: TermsName (`terms-of-use`, `privacy-policy`) -> Links. */
  readonly terms?: Record<string, Record<string, string>>;
}

export interface TwinResourceServer {
  readonly logicalId: string;
  readonly identifier: string;
  readonly scopes: string[];
}

/** One entry of JwtConfiguration.Audience: a client of the template, or a literal. */
export type AudienceEntry = { readonly clientLogicalId: string } | { readonly literal: string };

export interface TwinAuthorizer {
  readonly logicalId: string;
  /** The user pool the issuer points at (`https://cognito-idp.<region>.amazonaws.com/<pool>`). */
  readonly userPoolLogicalId: string;
  /** The region the template's issuer names, or `AWS::Region` when it is the stack's region. */
  readonly region: string;
  /** Which of the pool's issuers the authorizer trusts: `cognito-idp.` (ORIGINAL) or `issuer-cognito-idp.` (UPDATED). */
  readonly issuerType: IssuerType;
  readonly audience: AudienceEntry[];
  readonly identitySource: string[];
}

export interface TwinFunction {
  readonly logicalId: string;
  /** Absolute path of the asset directory in the cloud assembly. */
  readonly assetDir: string;
  /** e.g. `index.handler`. */
  readonly handler: string;
  readonly runtime: string;
  readonly timeoutSeconds: number;
  /** Environment variables whose values are plain strings in the template. */
  readonly environment: Record<string, string>;
  /** Environment variables the twin cannot resolve (tokens such as Ref or GetAtt). */
  readonly unresolvedEnvironment: string[];
}

export interface TwinRoute {
  readonly logicalId: string;
  /** `GET /`, `POST /items/{id}`, `ANY /{proxy+}` or `$default`. */
  readonly routeKey: string;
  readonly authorizationType: string;
  readonly authorizerLogicalId?: string;
  readonly authorizationScopes: string[];
  readonly payloadFormatVersion: string;
  /** The HTTP API (`AWS::ApiGatewayV2::Api`) the route belongs to. */
  readonly apiLogicalId: string;
  /** The Lambda function the route invokes; absent when `unsupported` says why the twin cannot run it. */
  readonly function?: TwinFunction;
  /** Why the twin cannot run what the route invokes (another integration type, runtime or package type); it answers a stub status instead. */
  readonly unsupported?: string;
}

/** An HTTP API of the stack: its routes are served by a gateway of their own. */
export interface TwinApi {
  readonly logicalId: string;
  /** The API's Name when it is a plain string, else its logical id. */
  readonly name: string;
}

export interface TwinModel {
  readonly assemblyDir: string;
  readonly stackName: string;
  readonly templateFile: string;
  readonly userPool: TwinUserPool;
  readonly clients: TwinClient[];
  readonly resourceServers: TwinResourceServer[];
  readonly domains: string[];
  readonly authorizers: TwinAuthorizer[];
  readonly routes: TwinRoute[];
  /** The stack's HTTP APIs (WebSocket APIs are left out: the twin plays HTTP APIs only). */
  readonly apis: TwinApi[];
  /** AWS::Cognito::UserPoolGroup names that are plain strings. */
  readonly groups: string[];
  /** The stack's Outputs, as synthesized (values may hold Ref and Fn::Join). */
  readonly outputs: Record<string, { readonly description?: string; readonly value: Json }>;
}

/** Thrown when the template has a shape the twin cannot reproduce. */
export class TwinTemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TwinTemplateError';
  }
}

/** A stack artifact of a cloud assembly (nested assemblies, such as a Stage's, included). */
export interface StackArtifact {
  readonly id: string;
  readonly templateFile: string;
  /** The (nested) assembly directory the stack's asset paths are relative to. */
  readonly assemblyDir: string;
  readonly assetManifests: string[];
}

/** Every stack of the assembly at `assemblyDir`, nested assemblies included. */
export function stackArtifacts(assemblyDir: string): StackArtifact[] {
  const manifestFile = path.join(assemblyDir, 'manifest.json');
  if (!fs.existsSync(manifestFile)) {
    throw new TwinTemplateError(`no cloud assembly at ${assemblyDir} (manifest.json missing)`);
  }
  const artifacts: Record<string, Json> = readJson(manifestFile).artifacts ?? {};
  const assetManifests = Object.values(artifacts)
    .filter((a) => a.type === 'cdk:asset-manifest')
    .map((a) => path.join(assemblyDir, a.properties.file as string));
  const out: StackArtifact[] = [];
  for (const [id, a] of Object.entries(artifacts)) {
    if (a.type === 'aws:cloudformation:stack') {
      out.push({ id, templateFile: path.join(assemblyDir, a.properties.templateFile as string), assemblyDir, assetManifests });
    } else if (a.type === 'cdk:cloud-assembly' && typeof a.properties?.directoryName === 'string') {
      out.push(...stackArtifacts(path.join(assemblyDir, a.properties.directoryName)));
    }
  }
  return out;
}

/** The stacks the twin can bring up (a user pool and a JWT authorizer on it), and why each other stack is left out. */
export function discoverStacks(assemblyDir: string): { readonly stacks: string[]; readonly skipped: Array<{ stack: string; reason: string }> } {
  const stacks: string[] = [];
  const skipped: Array<{ stack: string; reason: string }> = [];
  for (const s of stackArtifacts(assemblyDir)) {
    const template = readJson(s.templateFile);
    if (!hasType(template, 'AWS::Cognito::UserPool')) skipped.push({ stack: s.id, reason: 'no AWS::Cognito::UserPool' });
    else if (!hasType(template, 'AWS::ApiGatewayV2::Authorizer')) skipped.push({ stack: s.id, reason: 'no HTTP API with a JWT authorizer' });
    else stacks.push(s.id);
  }
  return { stacks, skipped };
}

/** Reads `<assemblyDir>/manifest.json` and models the stack `stackName`, or the one stack that holds an HTTP API. */
export function loadAssembly(assemblyDir: string, stackName?: string): TwinModel {
  const all = stackArtifacts(assemblyDir);
  const candidates = all.filter((s) => (stackName ? s.id === stackName : hasType(readJson(s.templateFile), 'AWS::ApiGatewayV2::Api')));
  if (candidates.length !== 1) {
    throw new TwinTemplateError(
      `expected exactly one stack ${stackName ? `named ${stackName}` : 'with an AWS::ApiGatewayV2::Api'} in ${assemblyDir}, got: ${candidates.map((c) => c.id).join(', ') || 'none'}`,
    );
  }
  const { id, templateFile, assemblyDir: dir, assetManifests } = candidates[0];
  return modelTemplate(readJson(templateFile), { assemblyDir: dir, stackName: id, templateFile, assetManifests });
}

interface ModelContext {
  readonly assemblyDir: string;
  readonly stackName: string;
  readonly templateFile: string;
  readonly assetManifests: string[];
}

function modelTemplate(template: Json, ctx: ModelContext): TwinModel {
  const resources: CfnResource[] = Object.entries(template.Resources ?? {}).map(([logicalId, r]: [string, Json]) => ({
    logicalId,
    type: r.Type,
    properties: r.Properties ?? {},
    metadata: r.Metadata,
  }));
  const byId = new Map(resources.map((r) => [r.logicalId, r]));
  const ofType = (type: string) => resources.filter((r) => r.type === type);

  const pools = ofType('AWS::Cognito::UserPool');
  if (pools.length !== 1) {
    throw new TwinTemplateError(`expected exactly one AWS::Cognito::UserPool, got: ${pools.length}`);
  }
  const userPool = { logicalId: pools[0].logicalId, properties: pools[0].properties };

  const resourceServers = ofType('AWS::Cognito::UserPoolResourceServer').map((r) => ({
    logicalId: r.logicalId,
    identifier: String(r.properties.Identifier),
    scopes: (r.properties.Scopes ?? []).map((s: Json) => `${r.properties.Identifier}/${s.ScopeName}`),
  }));
  // A resource server's Ref is its identifier.
  const refs = new Map<string, string>(resourceServers.map((s) => [s.logicalId, s.identifier]));

  const clients = ofType('AWS::Cognito::UserPoolClient').map((r) => {
    const p = r.properties;
    if (refOf(p.UserPoolId) !== userPool.logicalId) {
      throw new TwinTemplateError(`client ${r.logicalId} does not belong to user pool ${userPool.logicalId}`);
    }
    return {
      logicalId: r.logicalId,
      name: typeof p.ClientName === 'string' ? p.ClientName : r.logicalId,
      generateSecret: p.GenerateSecret === true,
      explicitAuthFlows: p.ExplicitAuthFlows ?? [],
      allowedOAuthFlows: p.AllowedOAuthFlows ?? [],
      allowedOAuthScopes: (p.AllowedOAuthScopes ?? []).map((s: Json) => resolveString(s, refs, `${r.logicalId}.AllowedOAuthScopes`)),
      callbackUrls: (p.CallbackURLs ?? []).filter((u: Json) => typeof u === 'string'),
      properties: p,
      terms: Object.fromEntries(ofType('AWS::Cognito::Terms').filter((t) => refOf(t.properties.ClientId) === r.logicalId)
        .map((t) => [String(t.properties.TermsName), t.properties.Links ?? {}])),
    };
  });
  const clientIds = new Set(clients.map((c) => c.logicalId));

  // Authorizers the twin cannot enforce (REQUEST: a Lambda authorizer) do not stop it: the routes
  // behind them answer a stub status, and say why.
  const authorizerResources = ofType('AWS::ApiGatewayV2::Authorizer');
  const authorizers = authorizerResources.filter((r) => r.properties.AuthorizerType === 'JWT').map((r) => modelAuthorizer(r, userPool.logicalId, clientIds));
  const otherAuthorizers = new Map(authorizerResources.filter((r) => r.properties.AuthorizerType !== 'JWT').map((r) => [r.logicalId, String(r.properties.AuthorizerType)]));

  const apis = ofType('AWS::ApiGatewayV2::Api')
    .filter((r) => (r.properties.ProtocolType ?? 'HTTP') === 'HTTP')
    .map((r) => ({ logicalId: r.logicalId, name: typeof r.properties.Name === 'string' ? r.properties.Name : r.logicalId }));
  const apiIds = new Set(apis.map((a) => a.logicalId));
  const integrations = new Map(ofType('AWS::ApiGatewayV2::Integration').map((r) => [r.logicalId, r]));
  const routes = ofType('AWS::ApiGatewayV2::Route').filter((r) => apiIds.has(refOf(r.properties.ApiId) ?? '')).map((r): TwinRoute => {
    const p = r.properties;
    const integrationId = integrationOf(p.Target, r.logicalId);
    const integration = integrations.get(integrationId);
    if (!integration) {
      throw new TwinTemplateError(`route ${r.logicalId} targets ${integrationId}, which is not an AWS::ApiGatewayV2::Integration in this stack`);
    }
    const ip = integration.properties;
    const authorizerLogicalId = p.AuthorizerId ? refOf(p.AuthorizerId) : undefined;
    const route = {
      logicalId: r.logicalId,
      routeKey: String(p.RouteKey),
      apiLogicalId: refOf(p.ApiId)!,
      authorizationType: p.AuthorizationType ?? 'NONE',
      authorizerLogicalId,
      authorizationScopes: p.AuthorizationScopes ?? [],
      payloadFormatVersion: String(ip.PayloadFormatVersion ?? '1.0'),
    };
    const fnId = refOf(ip.IntegrationUri);
    const fn = fnId ? byId.get(fnId) : undefined;
    const otherAuthorizer = otherAuthorizers.get(authorizerLogicalId ?? '');
    let unsupported: string | undefined;
    if (otherAuthorizer) unsupported = `its authorizer ${authorizerLogicalId} is ${otherAuthorizer}; the twin enforces JWT authorizers only`;
    else if (route.authorizationType !== 'JWT' && route.authorizationType !== 'NONE') unsupported = `authorization ${route.authorizationType} is not emulated`;
    else if (ip.IntegrationType !== 'AWS_PROXY') unsupported = `integration ${integrationId} is ${ip.IntegrationType}${typeof ip.IntegrationUri === 'string' ? ` (${ip.IntegrationUri})` : ''}; the twin runs Lambda functions only`;
    else if (!fn || fn.type !== 'AWS::Lambda::Function') unsupported = `integration ${integrationId} is not a Lambda function of this stack (${ip.IntegrationSubtype ?? JSON.stringify(ip.IntegrationUri)})`;
    else if (route.payloadFormatVersion !== '2.0') unsupported = `integration ${integrationId} uses payload format ${route.payloadFormatVersion}; the twin sends 2.0 only`;
    if (unsupported || !fn) return { ...route, unsupported };
    const why = unsupportedFunction(fn);
    if (why) return { ...route, unsupported: why };
    try {
      return { ...route, function: modelFunction(fn, ctx) };
    } catch (e) {
      if (e instanceof TwinTemplateError) return { ...route, unsupported: e.message };
      throw e;
    }
  });

  return {
    assemblyDir: ctx.assemblyDir,
    stackName: ctx.stackName,
    templateFile: ctx.templateFile,
    userPool,
    clients,
    resourceServers,
    domains: ofType('AWS::Cognito::UserPoolDomain').map((r) => render(r.properties.Domain, (ref) => `<${ref}>`) ?? `<computed by ${r.logicalId}>`),
    authorizers,
    routes,
    apis,
    groups: ofType('AWS::Cognito::UserPoolGroup').map((r) => r.properties.GroupName).filter((n): n is string => typeof n === 'string'),
    outputs: Object.fromEntries(Object.entries(template.Outputs ?? {})
      .map(([k, o]: [string, Json]) => [k, { description: o.Description, value: o.Value }])),
  };
}

/**
 * Renders a template value with `refs` (logical id -> value; `AWS::URLSuffix` and `AWS::Region`
 * may be given too); undefined when something in it cannot be rendered.
 */
export function renderValue(v: Json, refs: Record<string, string>): string | undefined {
  return render(v, (ref) => refs[ref]);
}

function modelAuthorizer(r: CfnResource, poolId: string, clientIds: Set<string>): TwinAuthorizer {
  const p = r.properties;
  if (p.AuthorizerType !== 'JWT') {
    throw new TwinTemplateError(`authorizer ${r.logicalId} is ${p.AuthorizerType}; the twin only enforces JWT authorizers`);
  }
  // Render the issuer with placeholders, then check it is a Cognito issuer (original or updated) of our pool.
  const issuer = parseTemplateIssuer(render(p.JwtConfiguration?.Issuer, (ref) => `<${ref}>`));
  if (!issuer || issuer.userPoolLogicalId !== poolId) {
    throw new TwinTemplateError(
      `authorizer ${r.logicalId}: issuer must be https://[issuer-]cognito-idp.<region>.amazonaws.com/<Ref ${poolId}>, got: ${JSON.stringify(p.JwtConfiguration?.Issuer)}`,
    );
  }
  const audience: AudienceEntry[] = (p.JwtConfiguration?.Audience ?? []).map((a: Json) => {
    if (typeof a === 'string') return { literal: a };
    const ref = refOf(a);
    if (ref && clientIds.has(ref)) return { clientLogicalId: ref };
    throw new TwinTemplateError(`authorizer ${r.logicalId}: audience entry ${JSON.stringify(a)} is neither a string nor a Ref to a client of the pool`);
  });
  return {
    logicalId: r.logicalId,
    userPoolLogicalId: poolId,
    region: issuer.region,
    issuerType: issuer.type,
    audience,
    identitySource: p.IdentitySource ?? ['$request.header.Authorization'],
  };
}

/** Runtimes the twin runs: Node.js in a Node.js process, Python with the machine's `python3`. */
export function runtimeFamily(runtime: string): 'nodejs' | 'python' | undefined {
  if (/^nodejs\d/.test(runtime)) return 'nodejs';
  if (/^python3\.\d+$/.test(runtime)) return 'python';
  return undefined;
}

/** Why the twin cannot run `fn` (a container image, another runtime, inline code), or undefined. */
function unsupportedFunction(fn: CfnResource): string | undefined {
  const p = fn.properties;
  if (p.PackageType === 'Image' || p.Code?.ImageUri) return `function ${fn.logicalId} is a container image`;
  const runtime = String(p.Runtime);
  if (!runtimeFamily(runtime)) return `function ${fn.logicalId} runs ${runtime}; the twin runs Node.js and Python 3 functions`;
  if (p.Code?.ZipFile !== undefined) return `function ${fn.logicalId} has inline code; the twin runs functions from an asset`;
  return undefined;
}

function modelFunction(fn: CfnResource, ctx: ModelContext): TwinFunction {
  const p = fn.properties;
  const assetDir = assetDirOf(fn, ctx);
  const environment: Record<string, string> = {};
  const unresolvedEnvironment: string[] = [];
  for (const [k, v] of Object.entries(p.Environment?.Variables ?? {})) {
    if (typeof v === 'string') environment[k] = v;
    else unresolvedEnvironment.push(k);
  }
  return {
    logicalId: fn.logicalId,
    assetDir,
    handler: String(p.Handler ?? 'index.handler'),
    runtime: String(p.Runtime),
    timeoutSeconds: typeof p.Timeout === 'number' ? p.Timeout : 3,
    environment,
    unresolvedEnvironment,
  };
}

/** The asset directory: `aws:asset:path` metadata (CLI synth), else the asset manifest entry of Code.S3Key. */
function assetDirOf(fn: CfnResource, ctx: ModelContext): string {
  const fromMetadata = fn.metadata?.['aws:asset:path'];
  if (typeof fromMetadata === 'string') {
    return path.resolve(ctx.assemblyDir, fromMetadata);
  }
  const key = fn.properties.Code?.S3Key;
  if (typeof key === 'string') {
    const hash = key.replace(/\.zip$/, '');
    for (const file of ctx.assetManifests) {
      const source = readJson(file).files?.[hash]?.source;
      if (source?.path) return path.resolve(ctx.assemblyDir, source.path);
    }
  }
  throw new TwinTemplateError(`function ${fn.logicalId} has no local asset (inline code or an image cannot run in the twin)`);
}

/** `{Ref: X}` → X; `{Fn::GetAtt: [X, ...]}` → X; otherwise undefined. */
export function refOf(v: Json): string | undefined {
  if (v && typeof v === 'object') {
    if (typeof v.Ref === 'string') return v.Ref;
    const att = v['Fn::GetAtt'];
    if (Array.isArray(att) && typeof att[0] === 'string') return att[0];
    if (typeof att === 'string') return att.split('.')[0];
  }
  return undefined;
}

/** `integrations/<Ref X>` (as a Join or a literal) → X. */
function integrationOf(target: Json, routeId: string): string {
  const rendered = render(target, (ref) => `<${ref}>`);
  const m = rendered?.match(/^integrations\/<([^>]+)>$/);
  if (!m) {
    throw new TwinTemplateError(`route ${routeId}: Target must be integrations/<Ref Integration>, got: ${JSON.stringify(target)}`);
  }
  return m[1];
}

/** Renders strings, Refs and Fn::Join; returns undefined for anything else. */
function render(v: Json, ref: (logicalId: string) => string | undefined): string | undefined {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object') {
    if (typeof v.Ref === 'string') return ref(v.Ref);
    const join = v['Fn::Join'];
    if (Array.isArray(join) && Array.isArray(join[1])) {
      const parts = join[1].map((x: Json) => render(x, ref));
      return parts.every((x: string | undefined) => x !== undefined) ? parts.join(join[0]) : undefined;
    }
  }
  return undefined;
}

function resolveString(v: Json, refs: Map<string, string>, where: string): string {
  const s = render(v, (ref) => refs.get(ref));
  if (s === undefined) {
    throw new TwinTemplateError(`${where}: cannot resolve ${JSON.stringify(v)}`);
  }
  return s;
}

function hasType(template: Json, type: string): boolean {
  return Object.values(template.Resources ?? {}).some((r: Json) => r.Type === type);
}

function readJson(file: string): Json {
  return JSON.parse(fs.readFileSync(file, 'utf-8'));
}
