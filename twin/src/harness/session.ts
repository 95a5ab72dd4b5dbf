// startTwin: the twin of a CDK app for a test suite (jest, vitest, node:test). It synthesizes the
// app (or reads a cloud assembly), brings up every stack that has a user pool and a JWT-authorized
// HTTP API, creates the users, and hands back the state plus the few calls a test needs.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stateOf, TwinStateFile } from './state';
import { tokenFor } from './walk';
import { synthApp } from '../assembly/synth';
import { discoverStacks, loadAssembly, TwinTemplateError } from '../assembly/template';
import { clientKind, generatePassword, secretHash } from '../emulator/rules';
import { Twin, TwinClientInfo, TwinUser } from '../emulator/twin';

export interface TwinUserSpec {
  readonly username: string;
  readonly password: string;
  /** Groups of the template to add the user to (in every stack that has them). */
  readonly groups?: string[];
}

export interface StartTwinOptions {
  /** A synthesized cloud assembly (`cdk.out`). */
  readonly assembly?: string;
  /** The CDK app's folder (with `cdk.json`), synthesized as `cdk synth` would. Default: the current folder, when `assembly` is not given. */
  readonly app?: string;
  /** Stacks to bring up. Default: every stack with a user pool and a JWT authorizer. */
  readonly stacks?: string[];
  /** Users to create, administrator-approved. Default: one generated user, `alice`. */
  readonly users?: TwinUserSpec[];
  /** Status per route key for routes whose target the twin cannot run. Default: 501. */
  readonly stubs?: Record<string, number>;
  /** Receives the twin's log lines (gateway, handlers). Default: dropped. */
  readonly log?: (line: string) => void;
}

export interface TwinTokens {
  readonly accessToken: string;
  readonly idToken?: string;
  readonly refreshToken?: string;
}

export interface Select {
  /** The stack (default: the first brought up). */
  readonly stack?: string;
}

export interface RunningTwin {
  /** What the state file holds: endpoints, clients (with secrets), users (with passwords), per stack. */
  readonly state: TwinStateFile;
  /** One Twin per stack, for what the helpers below do not cover. */
  readonly twins: Twin[];
  /** What the twin could not reproduce as deployed (stub routes, unresolved environment values), one line each. */
  readonly notes: string[];
  /** Signs `username` in through `client` (default: the first client that allows USER_PASSWORD_AUTH, the brief's Method 1 with SECRET_HASH). */
  signIn(username?: string, options?: Select & { readonly client?: string }): Promise<TwinTokens>;
  /** The client_credentials grant of a machine client (default: the first); `scopes` default to all it may request. */
  clientCredentials(client?: string, scopes?: string[], options?: Select): Promise<string>;
  /** A request to the API (`path` like `/items`), with `token` as a Bearer token when given. */
  fetch(path: string, token?: string, init?: RequestInit & Select & { readonly api?: string }): Promise<Response>;
  /** Stops every process and server it started and removes what it synthesized; safe to call twice. */
  stop(): Promise<void>;
}

/** The user created when none is given: administrator-approved, with a password that meets every stack's policy. */
export function defaultUser(twins: Twin[]): TwinUserSpec {
  const minimum = Math.max(...twins.map((t) => t.model.userPool.properties.Policies?.PasswordPolicy?.MinimumLength ?? 8));
  return { username: 'alice', password: generatePassword(minimum) };
}

/** Brings the twin up. `users` may depend on the stacks (the check walk picks group members). */
export async function startTwin(options: StartTwinOptions & { readonly usersFor?: (twins: Twin[]) => TwinUserSpec[] } = {}): Promise<RunningTwin> {
  let work: string | undefined;
  let assembly = options.assembly;
  if (!assembly) {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-synth-'));
    assembly = await synthApp({ appDir: path.resolve(options.app ?? '.'), outdir: path.join(work, 'cdk.out') }).catch((e) => {
      fs.rmSync(work!, { recursive: true, force: true });
      throw e;
    });
  }
  const twins = modelsOf(assembly, options.stacks).map((model) => new Twin(model, options.log, { stubs: options.stubs }));
  const cleanup = async () => {
    await Promise.allSettled(twins.map((t) => t.stop()));
    if (work) fs.rmSync(work, { recursive: true, force: true });
  };
  try {
    const users = options.users ?? options.usersFor?.(twins) ?? [defaultUser(twins)];
    checkGroups(users, twins);
    await Promise.all(twins.map(async (twin) => {
      await twin.startCognito();
      await twin.provision(users.map((u) => toTwinUser(u, twin)));
      await twin.startGateway();
    }));
  } catch (e) {
    await cleanup();
    throw e;
  }
  return new Session(twins, cleanup);
}

function modelsOf(assembly: string, stacks?: string[]) {
  const found = discoverStacks(assembly);
  const chosen = stacks?.length ? stacks : found.stacks;
  for (const s of stacks ?? []) {
    if (!found.stacks.includes(s)) {
      const skipped = found.skipped.find((x) => x.stack === s);
      throw new TwinTemplateError(skipped
        ? `--stack ${s}: it has ${skipped.reason}; the twin brings up stacks with a user pool and a JWT-authorized HTTP API`
        : `--stack ${s}: no such stack in ${assembly} (have: ${[...found.stacks, ...found.skipped.map((x) => x.stack)].join(', ') || 'none'})`);
    }
  }
  if (!chosen.length) {
    const why = found.skipped.map((x) => `${x.stack}: ${x.reason}`).join('; ') || 'the assembly has no stacks';
    throw new TwinTemplateError(`no stack in ${assembly} has a user pool and an HTTP API with a JWT authorizer (${why})`);
  }
  return chosen.map((s) => loadAssembly(assembly, s));
}

function checkGroups(users: TwinUserSpec[], twins: Twin[]): void {
  const known = new Set(twins.flatMap((t) => t.model.groups));
  for (const u of users) {
    for (const g of u.groups ?? []) {
      if (!known.has(g)) throw new TwinTemplateError(`user ${u.username}: group ${g} is in no stack's template (have: ${[...known].join(', ') || 'none'})`);
    }
  }
}

function toTwinUser(u: TwinUserSpec, twin: Twin): TwinUser {
  const email = u.username.includes('@') ? u.username : `${u.username}@example.com`;
  return { username: u.username, password: u.password, email, groups: (u.groups ?? []).filter((g) => twin.model.groups.includes(g)) };
}

class Session implements RunningTwin {
  private stopped?: Promise<void>;

  constructor(readonly twins: Twin[], private readonly cleanup: () => Promise<void>) {}

  get state(): TwinStateFile {
    return stateOf(this.twins);
  }

  get notes(): string[] {
    return this.twins.flatMap((t) => t.notes.map((n) => (this.twins.length > 1 ? `${t.model.stackName}: ${n}` : n)));
  }

  async signIn(username?: string, options: Select & { readonly client?: string } = {}): Promise<TwinTokens> {
    const twin = this.twin(options.stack);
    const user = username ? twin.users.find((u) => u.username === username) : twin.users[0];
    if (!user) throw new Error(`no user ${username} in the twin (have: ${twin.users.map((u) => u.username).join(', ')})`);
    const client = options.client
      ? twin.client(options.client)
      : twin.clients.find((c) => c.template.explicitAuthFlows.includes('ALLOW_USER_PASSWORD_AUTH'))
        ?? twin.clients.find((c) => ['web', 'confidentialWeb', 'implicit'].includes(clientKind(c.template)));
    if (!client) throw new Error(`stack ${twin.model.stackName} has no client a user signs in with (USER_PASSWORD_AUTH or a hosted-UI flow)`);
    if (client.template.explicitAuthFlows.includes('ALLOW_USER_PASSWORD_AUTH')) {
      const params: Record<string, string> = { USERNAME: user.username, PASSWORD: user.password };
      if (client.clientSecret) params.SECRET_HASH = secretHash(user.username, client.clientId, client.clientSecret);
      const res = await twin.rpc('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: client.clientId, AuthParameters: params });
      const r = res.AuthenticationResult;
      return { accessToken: r.AccessToken, idToken: r.IdToken, refreshToken: r.RefreshToken };
    }
    return { accessToken: (await tokenFor(twin, client, user)).accessToken };
  }

  async clientCredentials(name?: string, scopes?: string[], options: Select = {}): Promise<string> {
    const twin = this.twin(options.stack);
    const client: TwinClientInfo | undefined = name ? twin.client(name) : twin.clients.find((c) => clientKind(c.template) === 'machine');
    if (!client) throw new Error(`stack ${twin.model.stackName} has no machine client (client_credentials)`);
    const form: Record<string, string> = { grant_type: 'client_credentials' };
    if (scopes) form.scope = scopes.join(' ');
    const res = await fetch(`${twin.hostedUiUrl}/oauth2/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'authorization': `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret ?? ''}`).toString('base64')}`,
      },
      body: new URLSearchParams(form),
    });
    const json: any = await res.json();
    if (res.status !== 200) throw new Error(`client_credentials for ${client.name}: ${res.status} ${json.error}: ${json.error_description ?? ''}`);
    return json.access_token;
  }

  async fetch(urlPath: string, token?: string, init: RequestInit & Select & { readonly api?: string } = {}): Promise<Response> {
    const twin = this.twin(init.stack);
    const api = init.api ? twin.model.apis.find((a) => a.name === init.api || a.logicalId === init.api) : twin.model.apis[0];
    const gateway = api && twin.gateways.get(api.logicalId);
    if (!gateway) throw new Error(`no API ${init.api} in stack ${twin.model.stackName} (have: ${twin.model.apis.map((a) => a.name).join(', ')})`);
    const { stack: _s, api: _a, ...request } = init;
    const headers = new Headers(request.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    return fetch(`${gateway.url}${urlPath}`, { ...request, headers });
  }

  stop(): Promise<void> {
    this.stopped ??= this.cleanup();
    return this.stopped;
  }

  private twin(stack?: string): Twin {
    const twin = stack ? this.twins.find((t) => t.model.stackName === stack) : this.twins[0];
    if (!twin) throw new Error(`no stack ${stack} in the twin (have: ${this.twins.map((t) => t.model.stackName).join(', ')})`);
    return twin;
  }
}
