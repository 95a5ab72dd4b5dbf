import { Annotations, Duration, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledge, TRIGGER_ACKS } from './acknowledgements';
import { PreTokenFunction } from './pre-token-function';
import { check, isConcrete } from './validate';
import type { AppClient } from '../app-client';
import type { GroupScopes } from '../group-scopes';

/**
 * API Gateway's limit on authorization scopes per route (cannot be increased).
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html
 */
const MAX_ROUTE_SCOPES = 10;

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
 * Refuses what would fail at deploy time or open a route to nobody: `groupScopes` on the Lite
 * plan (no V2_0 events), a group that `groups` does not create, a scope the resource server does
 * not define, a group without scopes, a mapping larger than Lambda's environment.
 */
export function validateGroupScopes(groupScopes: GroupScopes[], groups: string[], rsScopeNames: string[],
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

/** The trigger's mapping, with full scope names. */
export function groupScopeMapping(groupScopes: GroupScopes[], identifier: string): GroupScopeMapping {
  const mapping: GroupScopeMapping = {};
  for (const entry of groupScopes) {
    mapping[entry.group] = [...new Set(entry.scopes)].map((s) => `${identifier}/${s}`);
  }
  const bytes = Buffer.byteLength(JSON.stringify(mapping)) + 'GROUP_SCOPES'.length;
  check(bytes <= MAX_ENVIRONMENT_BYTES, 'groupScopes',
    `must fit in the trigger's environment (${MAX_ENVIRONMENT_BYTES} bytes, Lambda's limit)`, `${bytes} bytes`);
  return mapping;
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
  readonly userPool: cognito.UserPool;
  readonly mapping: GroupScopeMapping;
  readonly logRetention: logs.RetentionDays;
  readonly logEncryptionKey?: kms.IKey;
}

/**
 * The built-in pre-token-generation trigger (event V2_0) that adds the scopes of a user's groups
 * to the access token: a function outside any VPC (it makes no network call), its own log group
 * and a role that may write to that log group and to X-Ray, nothing else.
 */
export class GroupScopesTrigger extends Construct {
  public readonly function: lambda.Function;
  public readonly logGroup: logs.LogGroup;
  public readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: GroupScopesTriggerProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Logs', { retention: props.logRetention, encryptionKey: props.logEncryptionKey });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'SecureCognitoApi pre-token-generation trigger: its own log group, X-Ray',
    });
    this.logGroup.grantWrite(this.role);
    this.function = new PreTokenFunction(this, 'Function', {
      description: 'SecureCognitoApi pre-token-generation trigger (V2_0): adds the scopes of the user\'s groups to the access token',
      role: this.role,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 256,
      timeout: TRIGGER_TIMEOUT,
      tracing: lambda.Tracing.ACTIVE,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      environment: { GROUP_SCOPES: JSON.stringify(props.mapping) },
    });
    // @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_PreTokenGenerationVersionConfigType.html
    props.userPool.addTrigger(cognito.UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, this.function, cognito.LambdaVersion.V2_0);
    acknowledge(this.role, TRIGGER_ACKS.role);
    acknowledge(this.function.node.defaultChild!, TRIGGER_ACKS.function);

    // A second trigger through `userPool.addTrigger(PRE_TOKEN_GENERATION, fn)` (V1_0) would put a
    // second function in LambdaConfig, where Cognito keeps one: PreTokenGeneration and
    // PreTokenGenerationConfig.LambdaArn "have the same value".
    // @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_PreTokenGenerationVersionConfigType.html
    const pool = props.userPool.node.defaultChild as cognito.CfnUserPool;
    this.node.addValidation({
      validate: () => {
        const config = Stack.of(this).resolve(pool.lambdaConfig) as Record<string, unknown> | undefined;
        const other = config?.preTokenGeneration;
        if (other === undefined) return [];
        return ['`groupScopes` makes the built-in function the user pool\'s pre-token-generation trigger, so the pool cannot take another one '
          + '(to combine them, leave `groupScopes` unset and add the groups\' scopes in your own V2_0 trigger with '
          + `claimsAndScopeOverrideDetails.accessTokenGeneration.scopesToAdd), got: ${JSON.stringify(other)}`];
      },
    });
  }
}
