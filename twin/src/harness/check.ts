// `check`: the walk the demo does, on any app the twin brings up. Per stack: a request without a
// token (401), then one sign-in per client, the way each client kind does it, and a call with its
// token to a route that token should open; with the built-in group-scopes trigger, each group
// route for a member (200) and for a user outside the groups (403). One line per step, a verdict.
import { groupRoutes, method1, passwordClient } from './group-walk';
import { RunningTwin, startTwin, StartTwinOptions, TwinUserSpec } from './session';
import { tokenFor } from './walk';
import { TwinRoute } from '../assembly/template';
import { isClosed } from '../emulator/net';
import { clientKind, generatePassword } from '../emulator/rules';
import { decodeJwt } from '../emulator/tokens';
import { Twin, TwinClientInfo } from '../emulator/twin';

/** The README's table of what the twin does not reproduce. */
export const NOT_AWS = 'https://github.com/cdk-secure-cognito-api/cdk-secure-cognito-api#where-the-twin-is-not-aws';
const KINDS_ORDER = ['passwordAuth', 'machine', 'web', 'confidentialWeb', 'implicit', 'other'];

export interface CheckOptions extends StartTwinOptions {
  /** Receives each line of the walk. */
  readonly say: (line: string) => void;
  /** Runs after the walk, before the twin stops (the demo keeps it up here). */
  readonly beforeStop?: (running: RunningTwin) => Promise<void>;
}

export interface CheckResult {
  readonly failures: string[];
  /** Clients that signed in and were let through. */
  readonly passed: number;
  /** The verdict line (also said). */
  readonly verdict: string;
  /** Why the twin did not come up, when it did not. */
  readonly startError?: unknown;
}

/** Users for the walk: alice, a member of the first group a group-only route needs, and bob, in no group, when there is such a route. */
export function walkUsers(twins: Twin[]): TwinUserSpec[] {
  const minimum = Math.max(...twins.map((t) => t.model.userPool.properties.Policies?.PasswordPolicy?.MinimumLength ?? 8));
  const byGroup = twins.flatMap(groupRoutes);
  const alice = { username: 'alice', password: generatePassword(minimum), groups: byGroup.length ? [byGroup[0].groups[0]] : [] };
  return byGroup.length ? [alice, { username: 'bob', password: generatePassword(minimum), groups: [] }] : [alice];
}

export async function check(options: CheckOptions): Promise<CheckResult> {
  const started = Date.now();
  const { say } = options;
  const failures: string[] = [];
  let passed = 0;
  let groupRoutesChecked = 0;
  let running: RunningTwin | undefined;
  let startError: unknown;
  try {
    running = await startTwin({ ...options, usersFor: options.users ? undefined : walkUsers }).catch((e) => {
      startError = e;
      throw e;
    });
    const up = running.state;
    say(`  twin up: Cognito ${up.cognitoIdpUrl}, API ${up.apiUrl}${up.stacks.length > 1 ? ` (+${up.stacks.length - 1} stack(s))` : ''}`.padEnd(71) + ` ${formatMs(Date.now() - started)}`);
    running.notes.forEach((n) => say(`  note: ${n}`));
    for (const twin of running.twins) {
      const prefix = running.twins.length > 1 ? `${twin.model.stackName}: ` : '';
      const first = twin.model.routes.find((r) => r.authorizationType === 'JWT' && !r.unsupported) ?? twin.model.routes.find((r) => r.authorizationType === 'JWT');
      if (!first) {
        failures.push(`${prefix}no route has a JWT authorizer`);
        continue;
      }
      const noToken = await call(twin, first, undefined);
      say(`  ${prefix}${'no token'.padEnd(26)} ${first.routeKey} -> ${noToken.status} ${noToken.body}`);
      if (noToken.status !== 401) failures.push(`${prefix}${first.routeKey} without a token answered ${noToken.status}, expected 401`);

      const user = twin.users[0];
      const clients = [...twin.clients].sort((a, b) => KINDS_ORDER.indexOf(clientKind(a.template)) - KINDS_ORDER.indexOf(clientKind(b.template)));
      for (const client of clients) {
        const label = `${prefix}${`${client.name} (${clientKind(client.template)})`.padEnd(26)}`;
        if (clientKind(client.template) === 'other') {
          say(`  ${label} no sign-in flow to walk (no OAuth flow, no USER_PASSWORD_AUTH)`);
          continue;
        }
        try {
          const t0 = Date.now();
          const walk = await tokenFor(twin, client, user);
          const time = formatMs(Date.now() - t0);
          const route = routeFor(twin, client, walk.accessToken);
          if (!route) {
            say(`  ${label} ${walk.how} -> signed in; no route accepts its scopes`.padEnd(120) + ` ${time}`);
            passed++;
            continue;
          }
          const res = await call(twin, route, walk.accessToken);
          const ok = res.status !== 401 && res.status !== 403 && (res.status < 500 || route.unsupported !== undefined);
          if (ok) passed++;
          else failures.push(`${prefix}${client.name}: ${route.routeKey} answered ${res.status} ${res.body}`);
          say(`  ${label} ${walk.how} -> ${route.routeKey === 'GET /' ? '' : `${route.routeKey} `}${res.status} ${res.body.slice(0, 80)}`.padEnd(120) + ` ${time}`);
        } catch (e) {
          failures.push(`${prefix}${client.name}: ${(e as Error).message}`);
          say(`  ${label} FAILED: ${(e as Error).message}`);
        }
      }
      const script = passwordClient(twin);
      for (const route of groupRoutes(twin).filter(() => script !== undefined)) {
        groupRoutesChecked++;
        for (const member of twin.users) {
          const expected = (member.groups ?? []).some((g) => route.groups.includes(g)) ? 200 : 403;
          const res = await call(twin, twin.model.routes.find((r) => r.routeKey === route.routeKey)!, await method1(twin, script!, member));
          say(`  ${prefix}${`${member.username} (${member.groups?.length ? member.groups.join(', ') : 'no group'})`.padEnd(26)} Method 1, ${route.routeKey} -> ${res.status} ${res.body.slice(0, 80)}`);
          if (res.status !== expected) failures.push(`${prefix}${member.username}: ${route.routeKey} answered ${res.status}, expected ${expected}`);
        }
      }
    }
    say(`  where the twin is not AWS: ${NOT_AWS}`);
    await options.beforeStop?.(running);
  } catch (e) {
    failures.push((e as Error).message);
  } finally {
    const ports = (running?.twins ?? []).flatMap((t) => [t.front?.port, ...[...t.gateways.values()].map((g) => g.port)]);
    try {
      await running?.stop();
      for (const port of ports.filter((p): p is number => p !== undefined)) {
        if (!(await isClosed(port))) failures.push(`127.0.0.1:${port} still accepts connections`);
      }
    } catch (e) {
      failures.push(`stopping: ${(e as Error).message}`);
    }
  }
  const time = formatMs(Date.now() - started);
  failures.forEach((f) => say(`error: ${f}`));
  const byGroup = groupRoutesChecked ? `, ${groupRoutesChecked} group route(s) opened to the member only` : '';
  const verdict = failures.length
    ? `FAILED: ${failures.length} problem(s), ${passed} client(s) signed in and got through, in ${time}.`
    : `OK: ${passed} client(s) signed in and got through${byGroup}, the API refused a request without a token; twin stopped; ${time}.`;
  say(verdict);
  return { failures, passed, verdict, startError };
}

/**
 * A route the token should open, as API Gateway decides: a JWT route whose authorizer's audience
 * holds the client and whose scopes (if any) the token has one of. Prefers routes the twin runs,
 * GET, and paths without parameters.
 */
export function routeFor(twin: Twin, client: TwinClientInfo, accessToken: string): TwinRoute | undefined {
  const scopes = String(decodeJwt(accessToken).payload.scope ?? '').split(' ').filter(Boolean);
  const opens = (r: TwinRoute) => {
    const authorizer = twin.model.authorizers.find((a) => a.logicalId === r.authorizerLogicalId);
    const audience = authorizer?.audience.some((e) => ('literal' in e ? e.literal === client.clientId : e.clientLogicalId === client.logicalId));
    return r.authorizationType === 'JWT' && audience && (r.authorizationScopes.length === 0 || r.authorizationScopes.some((s) => scopes.includes(s)));
  };
  const rank = (r: TwinRoute) => (r.unsupported ? 4 : 0) + (/^(GET|ANY) /.test(r.routeKey) ? 0 : 2) + (r.routeKey.includes('{') ? 1 : 0);
  return twin.model.routes.filter(opens).sort((a, b) => rank(a) - rank(b))[0];
}

/** Calls the route (path parameters filled with `twin`, `ANY` as GET) on its API's gateway. */
async function call(twin: Twin, route: TwinRoute, token: string | undefined): Promise<{ status: number; body: string }> {
  const [method, rawPath] = route.routeKey === '$default' ? ['GET', '/'] : route.routeKey.split(' ');
  const urlPath = rawPath.replace(/\{[^}]+\}/g, 'twin');
  const gateway = twin.gateways.get(route.apiLogicalId) ?? twin.gateway!;
  const res = await fetch(`${gateway.url}${urlPath}`, { method: method === 'ANY' ? 'GET' : method, headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, body: await res.text() };
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}
