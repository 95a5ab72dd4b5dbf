import { createHash } from 'node:crypto';
import { Annotations, ArnFormat, Duration, Stack, Token } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledge, TRIGGER_ACKS } from './acknowledgements';
import { FUNCTION_SETTINGS, onNewestNodeRuntime } from './built-in-handler';
import { createLogGroup, DataPolicy } from './data-resources';
import { MAX_CLIENT_ID_CHARS, MachineTokenEntry } from './machine-token-rules';
import { PreTokenFunction } from './pre-token-function';
import { fullScopeName, MAX_ROUTE_SCOPES } from './scopes';
import { check, isConcrete, unresolved } from './validate';
import type { AppClient } from '../app-client';
import type { GroupScopes } from '../group-scopes';

/**
 * Lambda's limit on the total size of a function's environment variables.
 *
 * @see https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
 */
const MAX_ENVIRONMENT_BYTES = 4096;

/**
 * Cognito waits 5 seconds for a trigger to answer; the trigger answers in milliseconds.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-working-with-lambda-triggers.html
 */
const TRIGGER_TIMEOUT = Duration.seconds(5);

/** Group name -> full scope names (`<identifier>/<scope>`): what the trigger reads from GROUP_SCOPES. */
export type GroupScopeMapping = Record<string, string[]>;

/**
 * The groups and the scopes they grant: names that make valid construct ids, unique; `groupScopes`
 * that fits the plan, the groups, the resource server and the trigger's environment.
 *
 * @returns the trigger's mapping, group -> full scope names (empty without `groupScopes`)
 */
export function validateGroups(scope: Construct, groups: string[], groupScopes: GroupScopes[], rsScopeNames: string[],
  featurePlan: cognito.FeaturePlan, identifier: string): GroupScopeMapping {
  const seen = new Set<string>();
  for (const group of groups) {
    // Each group's construct id (and so its logical id) is made from its name.
    check(isConcrete(group), 'groups', 'names must be known at synth time: each group\'s logical id is made from its name', unresolved(scope, group));
    check(/^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,128}$/u.test(group), 'groups',
      'names must be 1 to 128 characters without whitespace', group);
    check(!seen.has(group), 'groups', 'names must be unique', group);
    seen.add(group);
  }
  validateGroupScopes(groupScopes, groups, rsScopeNames, featurePlan);
  return groupScopeMapping(groupScopes, identifier);
}

/**
 * Refuses what would fail at deploy time or open a route to nobody: `groupScopes` on the Lite
 * plan (no V2_0 events), a group that `groups` does not create, a scope the resource server does
 * not define, a group without scopes, a mapping larger than Lambda's environment.
 */
function validateGroupScopes(groupScopes: GroupScopes[], groups: string[], rsScopeNames: string[],
  featurePlan: cognito.FeaturePlan): void {
  if (groupScopes.length === 0) return;
  check(featurePlan !== cognito.FeaturePlan.LITE, 'groupScopes',
    'needs featurePlan ESSENTIALS or PLUS: the Lite plan sends no V2_0 pre-token-generation events, so access tokens cannot get scopes',
    featurePlan);
  const seen = new Set<string>();
  for (const entry of groupScopes) {
    if (!isConcrete(entry.group)) continue;
    check(groups.includes(entry.group), 'groupScopes',
      `must name groups of \`groups\` (${groups.join(', ') || 'none'})`, entry.group);
    check(!seen.has(entry.group), 'groupScopes', 'must name each group once', entry.group);
    seen.add(entry.group);
    const prop = `groupScopes[${entry.group}].scopes`;
    check(entry.scopes.length >= 1, prop, 'must hold at least one scope name of the resource server', entry.scopes);
    for (const scope of entry.scopes) {
      check(!isConcrete(scope) || rsScopeNames.includes(scope), prop,
        `must name scopes of the resource server (${rsScopeNames.join(', ')}), without its identifier`, scope);
    }
  }
}

/** The trigger's mapping, with full scope names, refused when it does not fit in the trigger's environment. */
function groupScopeMapping(groupScopes: GroupScopes[], identifier: string): GroupScopeMapping {
  const mapping: GroupScopeMapping = {};
  for (const entry of groupScopes) {
    mapping[entry.group] = [...new Set(entry.scopes)].map((s) => fullScopeName(identifier, s));
  }
  const bytes = Buffer.byteLength(JSON.stringify(mapping)) + 'GROUP_SCOPES'.length;
  check(bytes <= MAX_ENVIRONMENT_BYTES, 'groupScopes',
    `must fit in the trigger's environment (${MAX_ENVIRONMENT_BYTES} bytes, Lambda's limit)`, `${bytes} bytes`);
  return mapping;
}

/**
 * Refuses machine-token entries that, with the group mapping, would not fit in the trigger's
 * environment; each client id (a token at synth) is counted at the longest length Cognito allows.
 */
export function validateTriggerEnvironment(mapping: GroupScopeMapping, machines: MachineTokenEntry[]): void {
  const sized = machines.map((m) => ({ ...m, clientId: 'x'.repeat(MAX_CLIENT_ID_CHARS) }));
  const bytes = Buffer.byteLength(JSON.stringify(mapping)) + 'GROUP_SCOPES'.length
    + Buffer.byteLength(JSON.stringify(sized)) + 'MACHINE_TOKENS'.length;
  check(bytes <= MAX_ENVIRONMENT_BYTES, 'clients',
    `must keep accessTokenClaims, extraScopes and clientMetadataClaims (with groupScopes) within the trigger's environment (${MAX_ENVIRONMENT_BYTES} bytes, Lambda's limit; each client id counted at ${MAX_CLIENT_ID_CHARS} characters)`,
    `${bytes} bytes`);
}

/**
 * The scopes of a route given `groups`: `scopes` (or none) plus every scope the groups grant,
 * at most 10 in all. Without `groups`, `scopes` or the default route's scopes.
 */
export function routeScopes(groups: string[] | undefined, scopes: string[] | undefined, defaults: string[],
  mapping: GroupScopeMapping): string[] {
  if (groups === undefined) return scopes ?? defaults;
  const withScopes = Object.keys(mapping);
  check(groups.length >= 1, 'groups', 'must name at least one group', groups);
  const base = scopes ?? [];
  const added: string[] = [];
  for (const group of groups) {
    check(Object.prototype.hasOwnProperty.call(mapping, group), 'groups',
      `must name groups that carry scopes in \`groupScopes\` (${withScopes.join(', ') || 'none'}): a group without scopes opens the route to nobody`,
      group);
    for (const scope of mapping[group]) {
      if (!base.includes(scope) && !added.includes(scope)) added.push(scope);
    }
  }
  const all = [...base, ...added];
  check(all.length <= MAX_ROUTE_SCOPES, 'groups',
    `must leave the route at most ${MAX_ROUTE_SCOPES} scopes (API Gateway's limit per route): ${base.length} from \`scopes\` plus ${added.length} from the groups`,
    all);
  return all;
}

/**
 * A group scope that an app client may also request reaches users outside the group: any user of
 * a hosted-UI client can ask for it, and a machine client gets it with its secret alone.
 */
export function warnClientGroupScopes(scope: Construct, groupScopes: GroupScopes[], clients: AppClient[]): void {
  for (const client of clients) {
    for (const name of client.resourceServerScopes) {
      const groups = groupScopes.filter((g) => g.scopes.includes(name)).map((g) => g.group);
      if (groups.length === 0) continue;
      Annotations.of(scope).addWarningV2('cdk-secure-cognito-api:groupScopeAllowedForClient',
        `client "${client.name}" may request scope "${name}", which groupScopes grants to ${groups.join(', ')}: `
        + 'its tokens carry that scope without group membership. Remove it from the client\'s resourceServerScopes '
        + 'to make the group the only way to get it.');
    }
  }
}

export interface GroupScopesTriggerProps {
  /** The pool whose trigger it becomes; none in a replica's Region, where the replica's own settings name it. */
  readonly userPool?: cognito.UserPool;
  readonly mapping: GroupScopeMapping;
  /** How the trigger's log group is born. */
  readonly logs: DataPolicy;
  /** Machine clients whose tokens the trigger customizes: makes it a V3_0 trigger. */
  readonly machineTokens?: MachineTokenEntry[];
}

/**
 * The built-in pre-token-generation trigger that adds the scopes of a user's groups to the access
 * token (event V2_0), and at V3_0 also the claims and scopes of customized machine clients: a function outside any VPC (it makes no network call), its own log group
 * and a role that may write to that log group and to X-Ray, nothing else.
 */
export class GroupScopesTrigger extends Construct {
  public readonly function: lambda.Function;
  public readonly logGroup: logs.LogGroup;
  public readonly role: iam.Role;
  /** The group-to-scopes mapping it applies. */
  public readonly mapping: GroupScopeMapping;
  /** The machine clients it customizes (V3_0 when there are some). */
  public readonly machineTokens: MachineTokenEntry[];

  constructor(scope: Construct, id: string, props: GroupScopesTriggerProps) {
    super(scope, id);
    this.mapping = props.mapping;
    this.machineTokens = props.machineTokens ?? [];
    this.logGroup = createLogGroup(this, 'Logs', props.logs);
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'SecureCognitoApi pre-token-generation trigger: its own log group, X-Ray',
    });
    this.logGroup.grantWrite(this.role);
    const machines = props.machineTokens ?? [];
    const v3 = machines.length > 0;
    const functionName = v3 ? triggerFunctionName(this) : undefined;
    this.function = onNewestNodeRuntime(new PreTokenFunction(this, 'Function', {
      description: v3
        ? 'SecureCognitoApi pre-token-generation trigger (V3_0): group scopes for users, claims and scopes for machine clients'
        : 'SecureCognitoApi pre-token-generation trigger (V2_0): adds the scopes of the user\'s groups to the access token',
      functionName,
      role: this.role,
      ...FUNCTION_SETTINGS,
      timeout: TRIGGER_TIMEOUT,
      logGroup: this.logGroup,
      environment: {
        GROUP_SCOPES: JSON.stringify(props.mapping),
        ...(v3 ? { MACHINE_TOKENS: Stack.of(this).toJsonString(machines) } : {}),
      },
    }));
    if (props.userPool) wireTrigger(this, props.userPool, this.function, v3 ? functionName : undefined);
    acknowledge(this.role, TRIGGER_ACKS.role);
    acknowledge(this.function.node.defaultChild!, TRIGGER_ACKS.function);
  }
}

/**
 * Makes the function the pool's pre-token-generation trigger, V3_0 when it customizes machine
 * tokens (`functionName` given), V2_0 otherwise.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_PreTokenGenerationVersionConfigType.html
 */
function wireTrigger(trigger: Construct, userPool: cognito.UserPool, fn: lambda.Function, functionName?: string): void {
  if (functionName) {
    // MACHINE_TOKENS holds the app client ids, and the clients need the pool: the pool must not
    // reference the function (a cycle CloudFormation refuses). It names the function by its
    // ARN, built from the function's fixed name; Cognito checks only the ARN's form when the
    // pool is written, and invokes the function when it issues a token.
    const arn = Stack.of(trigger).formatArn({ service: 'lambda', resource: 'function', resourceName: functionName, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    const byName = lambda.Function.fromFunctionAttributes(trigger, 'ByName', { functionArn: arn, sameEnvironment: true });
    userPool.addTrigger(cognito.UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, byName, cognito.LambdaVersion.V3_0);
    // The L2's invoke permission names the function by that ARN too: it must wait for the function.
    userPool.node.findChild('PreTokenGenerationConfigCognito').node.addDependency(fn);
  } else {
    userPool.addTrigger(cognito.UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, fn, cognito.LambdaVersion.V2_0);
  }

  // A second trigger through `userPool.addTrigger(PRE_TOKEN_GENERATION, fn)` (V1_0) would put a
  // second function in LambdaConfig, where Cognito keeps one: PreTokenGeneration and
  // PreTokenGenerationConfig.LambdaArn "have the same value".
  const pool = userPool.node.defaultChild as cognito.CfnUserPool;
  trigger.node.addValidation({
    validate: () => {
      const config = Stack.of(trigger).resolve(pool.lambdaConfig) as Record<string, unknown> | undefined;
      const other = config?.preTokenGeneration;
      if (other === undefined) return [];
      return ['`groupScopes` makes the built-in function the user pool\'s pre-token-generation trigger, so the pool cannot take another one '
        + '(to combine them, leave `groupScopes` unset and add the groups\' scopes in your own V2_0 trigger with '
        + `claimsAndScopeOverrideDetails.accessTokenGeneration.scopesToAdd), got: ${JSON.stringify(other)}`];
    },
  });
}

/**
 * The V3_0 trigger's fixed name: the stack's name (unique per account and Region) and a hash of
 * the construct path, within Lambda's 64 characters.
 *
 * @see https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html#lambda-CreateFunction-request-FunctionName
 */
function triggerFunctionName(scope: Construct): string {
  const stack = Stack.of(scope);
  const named = !Token.isUnresolved(stack.stackName);
  const hash = createHash('sha256').update(`${named ? stack.stackName : ''}/${scope.node.path}`).digest('hex').slice(0, 10);
  return `${named ? stack.stackName.slice(0, 40) : 'SecureCognitoApi'}-PreToken-${hash}`;
}
