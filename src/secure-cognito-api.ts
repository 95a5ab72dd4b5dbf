import type { CfnResource } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import type { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import type * as acm from 'aws-cdk-lib/aws-certificatemanager';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as route53 from 'aws-cdk-lib/aws-route53';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import type { AppClient } from './app-client';
import type { IssuerType } from './issuer';
import { SignUpMode } from './options';
import { acknowledgeFindings } from './private/acknowledgements';
import { Alarms } from './private/alarms';
import { Api, validateRoute } from './private/api';
import { createBuiltInHandler } from './private/built-in-handler';
import { buildClients, buildIdentity } from './private/cognito-steps';
import { createEncryptionKey, DataPolicy } from './private/data-resources';
import { ResolvedProps, resolveDefaults } from './private/defaults';
import { CustomApiDomain, CustomAuthDomain } from './private/domains';
import { GroupScopeMapping, GroupScopesTrigger, routeScopes } from './private/group-scopes-trigger';
import { issuerUrl } from './private/issuer-url';
import { Network } from './private/network';
import { defineOutputs } from './private/outputs';
import { needsConstructKey } from './private/pool-key';
import { PoolReplica } from './private/pool-replica';
import { fullScopeName, ScopeContext } from './private/scopes';
import { check, isConcrete } from './private/validate';
import { validateProps } from './private/validate-props';
import type { AddRouteOptions } from './route';
import type { SecureCognitoApiProps } from './secure-cognito-api-props';
import { SecurityProfile } from './security-profile';

/**
 * An API behind Cognito in one construct: a user pool with a hosted UI, OAuth app clients, an
 * HTTP API whose JWT authorizer trusts that pool, and a Lambda function in private subnets.
 *
 * @example
 * new SecureCognitoApi(this, 'Api', {
 *   clients: [
 *     AppClient.web('spa', { callbackUrls: ['https://app.example.com/callback'] }),
 *     AppClient.passwordAuth('cli'),
 *   ],
 * });
 */
export class SecureCognitoApi extends Construct implements ec2.IConnectable {
  /** The user pool. Retained and deletion-protected by default. */
  public readonly userPool: cognito.UserPool;
  /** The hosted UI (managed login) domain. */
  public readonly domain: cognito.UserPoolDomain;
  /** The resource server that defines the custom scopes. */
  public readonly resourceServer: cognito.UserPoolResourceServer;
  /** The app clients, in the order of `clients`. */
  public readonly clients: cognito.UserPoolClient[];
  /** The user pool groups, in the order of `groups`. */
  public readonly groups: cognito.UserPoolGroup[];
  /** The HTTP API. */
  public readonly httpApi: apigwv2.HttpApi;
  /** The `$default` stage, with access logs and throttling. */
  public readonly stage: apigwv2.HttpStage;
  /** The JWT authorizer of every route. */
  public readonly authorizer: HttpJwtAuthorizer;
  /** The access log group of the stage. */
  public readonly accessLogGroup: logs.LogGroup;
  /** The function behind the default route. */
  public readonly handler: lambda.IFunction;
  /** The log group of the built-in handler (undefined when you bring your own function). */
  public readonly handlerLogGroup?: logs.LogGroup;
  /** The VPC of the built-in handler (undefined when you bring your own function). */
  public readonly vpc?: ec2.IVpc;
  /** The security group of the built-in handler (undefined when you bring your own function). */
  public readonly securityGroup?: ec2.SecurityGroup;
  /** The flow log group of the created VPC (undefined when the VPC is given or flow logs are off). */
  public readonly flowLogGroup?: logs.LogGroup;
  /** The URL of the API. */
  public readonly url: string;
  /** The hosted UI base URL, `https://<domain>`. */
  public readonly hostedUiUrl: string;
  /**
   * The issuer of the pool's tokens, which the JWT authorizer trusts:
   * `https://issuer-cognito-idp.<region>.amazonaws.com/<poolId>` (IssuerType.UPDATED) or
   * `https://cognito-idp.<region>.amazonaws.com/<poolId>` (IssuerType.ORIGINAL).
   */
  public readonly issuer: string;
  /** Which issuer the pool writes in its tokens. */
  public readonly issuerType: IssuerType;
  /** The customer managed key that encrypts the user pool (undefined with Cognito's AWS owned key). */
  public readonly userPoolKey?: kms.IKey;
  /**
   * What a web ACL of the pool needs to know in another Region (`SecureCognitoApiReplica`): the
   * app clients whose requests its rules let through, and the resource server's identifier.
   * @internal
   */
  public readonly _webAclInputs: { readonly clients: AppClient[]; readonly resourceServerIdentifier: string };
  /**
   * The built-in pre-token-generation trigger, whose mapping a replica's Region deploys again.
   * @internal
   */
  public readonly _preTokenTrigger?: GroupScopesTrigger;
  /** The replica of the user pool in `replica.region` (undefined without `replica`). */
  public readonly userPoolReplica?: CfnResource;
  /** The Region of the replica (undefined without `replica`). */
  public readonly replicaRegion?: string;
  /** The health check of this Region's API that fails the domains over to the replica's Region (undefined without `replica`). */
  public readonly primaryHealthCheck?: route53.HealthCheck;
  /** Scopes of the default route. */
  public readonly defaultRouteScopes: string[];
  /** The certificate of the hosted UI's custom domain, given or created (undefined with a prefix domain). */
  public readonly authCertificate?: acm.ICertificate;
  /** The alias records (A, AAAA) of the hosted UI's custom domain (empty with a prefix domain). */
  public readonly authDomainRecords: route53.RecordSet[];
  /** The placeholder A record on the parent of the hosted UI's custom domain (undefined unless `parentDomainRecord`). */
  public readonly parentDomainRecord?: route53.ARecord;
  /** The certificate of the API's custom domain, given or created (undefined without `apiDomain`). */
  public readonly apiCertificate?: acm.ICertificate;
  /** The API's custom domain name (undefined without `apiDomain`). */
  public readonly apiDomainName?: apigwv2.DomainName;
  /** The mapping of the API's custom domain to the `$default` stage (undefined without `apiDomain`). */
  public readonly apiMapping?: apigwv2.ApiMapping;
  /** The alias records (A, AAAA) of the API's custom domain (empty without `apiDomain`). */
  public readonly apiDomainRecords: route53.RecordSet[];
  /** The security profile in force. */
  public readonly securityProfile: SecurityProfile;
  /** The alarms (empty when `alarms` is off). */
  public readonly alarms: cloudwatch.Alarm[];
  /** The topic the alarms notify (undefined when `alarms` is off). */
  public readonly alarmTopic?: sns.ITopic;
  /** The federated identity providers, in the order of `identityProviders`. */
  public readonly identityProviders: cognito.IUserPoolIdentityProvider[];
  /** The web ACL the construct created on the user pool (undefined with a given web ACL or none). */
  public readonly webAcl?: wafv2.CfnWebACL;
  /** The association of a web ACL with the user pool (undefined without `firewall`). */
  public readonly webAclAssociation?: wafv2.CfnWebACLAssociation;
  /** The KMS key of the log groups (COMPLIANCE, or given) and of the alarm topic the construct creates; undefined when none is used. */
  public readonly encryptionKey?: kms.IKey;
  /** The built-in pre-token-generation trigger that adds `groupScopes` and the machine clients' claims and scopes to access tokens (undefined without either). */
  public readonly preTokenGenerationTrigger?: lambda.Function;
  /** The log group of the pre-token-generation trigger (undefined without the trigger). */
  public readonly preTokenGenerationLogGroup?: logs.LogGroup;
  /**
   * The Secrets Manager secrets of the clients with `secretRotation`, by client name; each holds
   * JSON `{ "clientId": ..., "clientSecret": ... }` once its first rotation ran (at deployment).
   * Grant a machine `grantRead` on its own secret only.
   */
  public readonly clientSecrets: { [clientName: string]: secretsmanager.ISecret };

  private readonly scopeContext: ScopeContext;
  private readonly groupScopeMapping: GroupScopeMapping;
  private readonly api: Api;

  /**
   * Creates the user pool, its domain, the app clients, the HTTP API with its JWT authorizer and
   * default route, and (unless `handler` is given) the built-in handler in its VPC.
   *
   * @param scope the parent construct
   * @param id the construct id; also the default name of the HTTP API
   * @param props every one is optional: the defaults are a complete, secure deployment
   */
  constructor(scope: Construct, id: string, props: SecureCognitoApiProps = {}) {
    super(scope, id);
    // Every default, then every validator: nothing is created from input that will be refused.
    const resolved = resolveDefaults(id, props);
    const valid = validateProps(this, props, resolved);
    ({ scopeContext: this.scopeContext, profile: { profile: this.securityProfile }, issuerType: this.issuerType } = resolved);
    this.groupScopeMapping = valid.groupScopeMapping;
    this._webAclInputs = { clients: resolved.clients, resourceServerIdentifier: resolved.resourceServerIdentifier };
    const data = this.protectData(props, resolved);
    this.encryptionKey = data.encryptionKey;

    // The parts of docs/architecture.svg, each step taking what the previous ones made: Cognito
    // (identity, clients), the handler (network, compute), the API in front of it, observability.
    const identity = buildIdentity(this, { props, resolved, valid, dataPolicy: data.policy, encryptionKey: this.encryptionKey });
    ({
      userPool: this.userPool, domain: this.domain, resourceServer: this.resourceServer, groups: this.groups,
      hostedUiUrl: this.hostedUiUrl, authCertificate: this.authCertificate, identityProviders: this.identityProviders,
      webAcl: this.webAcl, webAclAssociation: this.webAclAssociation, userPoolKey: this.userPoolKey,
    } = identity);
    const clients = buildClients(this, { props, resolved, valid, dataPolicy: data.policy }, identity);
    ({ clients: this.clients, defaultRouteScopes: this.defaultRouteScopes, clientSecrets: this.clientSecrets } = clients);
    const trigger = identity.trigger ?? clients.trigger;
    this._preTokenTrigger = trigger;
    ({ function: this.preTokenGenerationTrigger, logGroup: this.preTokenGenerationLogGroup } = trigger ?? {});
    const network = props.handler ? undefined : this.buildNetwork(props, resolved, data.policy);
    ({ vpc: this.vpc, securityGroup: this.securityGroup, flowLogGroup: this.flowLogGroup } = network ?? {});
    const compute = this.buildCompute(props, resolved, data.policy, network);
    ({ handler: this.handler, handlerLogGroup: this.handlerLogGroup } = compute);
    const api = this.buildApi(props, resolved, data.policy, identity.customAuthDomain);
    ({
      api: this.api, httpApi: this.httpApi, stage: this.stage, authorizer: this.authorizer, accessLogGroup: this.accessLogGroup,
      issuer: this.issuer, url: this.url, apiCertificate: this.apiCertificate, apiDomainName: this.apiDomainName,
      apiMapping: this.apiMapping, apiDomainRecords: this.apiDomainRecords, authDomainRecords: this.authDomainRecords,
      parentDomainRecord: this.parentDomainRecord,
    } = api);
    ({ resource: this.userPoolReplica, healthCheck: this.primaryHealthCheck } = this.buildReplica(props) ?? {});
    this.replicaRegion = props.replica?.region;
    ({ alarms: this.alarms, alarmTopic: this.alarmTopic } = this.buildObservability(props, resolved, compute.builtInHandler !== undefined));
    acknowledgeFindings({ ...resolved, userPool: this.userPool, builtInHandler: compute.builtInHandler, vpc: this.vpc });
    if (props.outputs ?? true) this.defineOutputs(resolved);
  }

  /** The KMS key the construct creates (COMPLIANCE, or an encrypted alarm topic), and how every log group is born. */
  private protectData(props: SecureCognitoApiProps, resolved: ResolvedProps): { encryptionKey?: kms.IKey; policy: DataPolicy } {
    const { profile, dataRemovalPolicy } = resolved;
    // A key that also encrypts the pool lives as long as the pool: without it a retained pool is unreadable.
    const poolKey = needsConstructKey(resolved.userPoolEncryption);
    const encryptionKey = props.logEncryptionKey ?? (profile.needsKey || poolKey
      ? createEncryptionKey(this, 'EncryptionKey', poolKey ? resolved.removalPolicy : dataRemovalPolicy) : undefined);
    const logEncryptionKey = props.logEncryptionKey ?? (profile.profile === SecurityProfile.COMPLIANCE ? encryptionKey : undefined);
    return { encryptionKey, policy: { logRetention: profile.logRetention, logEncryptionKey, removalPolicy: dataRemovalPolicy } };
  }

  /** The built-in handler's VPC (created or given), subnets and security group. */
  private buildNetwork(props: SecureCognitoApiProps, resolved: ResolvedProps, dataPolicy: DataPolicy): Network {
    return new Network(this, 'Network', {
      vpc: props.vpc,
      vpcSubnets: props.vpcSubnets,
      egress: resolved.egress,
      interfaceEndpoints: resolved.interfaceEndpoints,
      flowLogs: resolved.profile.flowLogs,
      logs: dataPolicy,
    });
  }

  /** The function behind the default route: your own, or the built-in handler in the network. */
  private buildCompute(props: SecureCognitoApiProps, resolved: ResolvedProps, dataPolicy: DataPolicy, network?: Network):
  { handler: lambda.IFunction; handlerLogGroup?: logs.LogGroup; builtInHandler?: lambda.Function } {
    // The network exists exactly when the handler is the built-in one.
    if (!network) return { handler: props.handler! };
    const builtIn = createBuiltInHandler(this, {
      logs: dataPolicy,
      timeout: resolved.handlerTimeout,
      memorySize: props.handlerMemorySize,
      reservedConcurrency: resolved.profile.reservedConcurrency,
      vpc: network.vpc,
      vpcSubnets: network.vpcSubnets,
      securityGroup: network.securityGroup,
    });
    return { ...builtIn, builtInHandler: builtIn.handler };
  }

  /** The HTTP API with its JWT authorizer and default route, and the custom domains' records. */
  private buildApi(props: SecureCognitoApiProps, resolved: ResolvedProps, dataPolicy: DataPolicy, customAuthDomain?: CustomAuthDomain) {
    const api = new Api(this, 'Api', {
      ...resolved,
      issuer: issuerUrl(this.userPool, resolved.issuerType),
      audience: this.clients.map((c) => c.userPoolClientId),
      cors: props.cors,
      logs: dataPolicy,
      disableExecuteApiEndpoint: props.apiDomain ? (props.apiDomain.disableExecuteApiEndpoint ?? true) : undefined,
    });
    api.addRoutes('/', [apigwv2.HttpMethod.GET], this.defaultRouteScopes, this.handler);
    const apiDomain = props.apiDomain
      ? new CustomApiDomain(this, 'ApiDomain', { options: props.apiDomain, httpApi: api.httpApi, stage: api.stage }) : undefined;
    customAuthDomain?.addRecords(this.domain, apiDomain);
    return {
      api,
      httpApi: api.httpApi,
      stage: api.stage,
      authorizer: api.authorizer,
      accessLogGroup: api.accessLogGroup,
      issuer: api.issuer,
      url: apiDomain?.url ?? api.stage.url,
      apiCertificate: apiDomain?.certificate,
      apiDomainName: apiDomain?.domainName,
      apiMapping: apiDomain?.mapping,
      apiDomainRecords: apiDomain?.records ?? [],
      authDomainRecords: customAuthDomain?.records ?? [],
      parentDomainRecord: customAuthDomain?.parentRecord,
    };
  }

  /** The pool's replica in another Region, and the health check that fails the domains over to it (`replica`). */
  private buildReplica(props: SecureCognitoApiProps): PoolReplica | undefined {
    return props.replica ? new PoolReplica(this, 'Replica', {
      userPool: this.userPool,
      domain: this.domain,
      replica: props.replica,
      httpApi: this.httpApi,
      apiDomainName: this.apiDomainName,
      apiDomainRecords: this.apiDomainRecords,
    }) : undefined;
  }

  /** The alarms and the topic they notify (COMPLIANCE or `alarms`). */
  private buildObservability(props: SecureCognitoApiProps, resolved: ResolvedProps, builtInHandler: boolean) {
    const alarms = resolved.profile.alarms ? new Alarms(this, 'Alarms', {
      httpApi: this.httpApi,
      handler: this.handler,
      handlerTimeout: builtInHandler ? resolved.handlerTimeout : undefined,
      topic: props.alarmTopic,
      encryptionKey: this.encryptionKey,
      emails: props.alarmEmails ?? [],
    }) : undefined;
    return { alarms: alarms?.alarms ?? [], alarmTopic: alarms?.topic };
  }

  /** What a configured client needs to call the API, as CloudFormation outputs. */
  private defineOutputs(resolved: ResolvedProps): void {
    defineOutputs(this, {
      apiUrl: this.url,
      issuer: this.issuer,
      hostedUiUrl: this.hostedUiUrl,
      userPoolId: this.userPool.userPoolId,
      clients: resolved.clients.map((spec, i) => ({ spec, clientId: this.clients[i].userPoolClientId })),
      resourceServerIdentifier: resolved.resourceServerIdentifier,
      signUp: resolved.signUpMode !== SignUpMode.ADMIN_ONLY,
      alarmTopicArn: this.alarmTopic?.topicArn,
      clientSecretArns: Object.fromEntries(Object.entries(this.clientSecrets).map(([name, secret]) => [name, secret.secretArn])),
    });
  }

  /**
   * Adds routes behind the JWT authorizer.
   *
   * @param options the path, the methods, the scopes a token needs (one of), the groups whose
   * members may call it, and the function
   * @returns the routes, one per method
   */
  public addRoute(options: AddRouteOptions): apigwv2.HttpRoute[] {
    const methods = options.methods ?? [apigwv2.HttpMethod.GET];
    const scopes = routeScopes(options.groups, options.scopes, this.defaultRouteScopes, this.groupScopeMapping);
    validateRoute(options.path, methods, scopes, this.scopeContext);
    return this.api.addRoutes(options.path, methods, scopes, options.handler ?? this.handler);
  }

  /**
   * The full name of a resource-server scope, `<identifier>/<name>`, for `addRoute({ scopes })`.
   *
   * @param name a scope name of the resource server, e.g. `read`; a name it does not define is
   * refused, since no token could carry it
   */
  public scope(name: string): string {
    const { identifier, resourceServerScopes } = this.scopeContext;
    check(!isConcrete(name) || resourceServerScopes.includes(name), 'scope',
      `must name a scope of the resource server (${resourceServerScopes.join(', ')})`, name);
    return fullScopeName(identifier, name);
  }

  /** The handler's network connections (its security group). Throws if the handler is not in a VPC. */
  public get connections(): ec2.Connections {
    return this.handler.connections;
  }

  // The standard metric methods of an API construct (aws-cdk's `metricXxx(props?)` convention),
  // each delegating to one L2: alike by design, one per metric a dashboard or alarm may want.

  /**
   * Number of requests to the API.
   *
   * @param props period, statistic and other metric options
   */
  public metricCount(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.httpApi.metricCount(props);
  }

  /**
   * Number of 4xx responses, including the authorizer's 401 and 403.
   *
   * @param props period, statistic and other metric options
   */
  public metricClientError(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.httpApi.metricClientError(props);
  }

  /**
   * Number of 5xx responses.
   *
   * @param props period, statistic and other metric options
   */
  public metricServerError(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.httpApi.metricServerError(props);
  }

  /**
   * Time between the request and the response, API Gateway's own overhead included.
   *
   * @param props period, statistic and other metric options
   */
  public metricLatency(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.httpApi.metricLatency(props);
  }

  /**
   * Errors of the function behind the default route.
   *
   * @param props period, statistic and other metric options
   */
  public metricHandlerErrors(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.handler.metricErrors(props);
  }

  /**
   * Throttles of the function behind the default route.
   *
   * @param props period, statistic and other metric options
   */
  public metricHandlerThrottles(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.handler.metricThrottles(props);
  }

  /**
   * Duration of the function behind the default route.
   *
   * @param props period, statistic and other metric options
   */
  public metricHandlerDuration(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.handler.metricDuration(props);
  }
}
