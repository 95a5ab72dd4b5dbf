import { CfnResource, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import type { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import type * as acm from 'aws-cdk-lib/aws-certificatemanager';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as route53 from 'aws-cdk-lib/aws-route53';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { AppClient } from './app-client';
import { UserPoolFirewall } from './firewall';
import { HelloFunction } from './handler/hello-function';
import { IssuerType } from './issuer';
import { EgressMode, SignUpMode } from './options';
import { acknowledgeFindings } from './private/acknowledgements';
import { Alarms } from './private/alarms';
import { Api } from './private/api';
import { Clients } from './private/clients';
import { createEncryptionKey, handlerRole, resolveProfile } from './private/compliance';
import { CustomApiDomain, CustomAuthDomain, validateCustomDomains } from './private/domains';
import { Federation, validateFederation } from './private/federation';
import {
  GroupScopeMapping, groupScopeMapping, GroupScopesTrigger, routeScopes, validateGroupScopes, warnClientGroupScopes,
} from './private/group-scopes-trigger';
import { Identity } from './private/identity';
import { issuerUrl, writeIssuerType } from './private/issuer-url';
import { validateBranding } from './private/managed-login-branding';
import { Network } from './private/network';
import { defineOutputs } from './private/outputs';
import { encryptUserPool, needsConstructKey, resolveUserPoolEncryption, validateUserPoolEncryption } from './private/pool-key';
import { PoolReplica, validateReplica } from './private/pool-replica';
import { claimDomainPrefix } from './private/prefix-registry';
import { validateRefreshTokenRotation } from './private/refresh-rotation';
import { resolveSignIn, validateOtpEmail } from './private/sign-in-policy';
import { validateTerms } from './private/terms-documents';
import { check, isConcrete } from './private/validate';
import { ScopeContext, validateAlarmEmails, validateAlarmTopic, validateDerivedRouteScopes, validateProps, validateRoute } from './private/validate-props';
import { Firewall, validateFirewall } from './private/web-acl';
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
  /** The built-in pre-token-generation trigger that adds `groupScopes` to access tokens (undefined without `groupScopes`). */
  public readonly preTokenGenerationTrigger?: lambda.Function;
  /** The log group of the pre-token-generation trigger (undefined without `groupScopes`). */
  public readonly preTokenGenerationLogGroup?: logs.LogGroup;

  private readonly resourceServerIdentifier: string;
  private readonly resourceServerScopeNames: string[];
  private readonly scopeContext: ScopeContext;
  private readonly api: Api;
  private readonly groupScopeMapping: GroupScopeMapping;

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
    const clientSpecs = props.clients ?? [AppClient.passwordAuth('cli')];
    const identifier = props.resourceServerIdentifier ?? 'api';
    const rsScopes = props.resourceServerScopes ?? [
      new cognito.ResourceServerScope({ scopeName: 'read', scopeDescription: 'Read through the API' }),
      new cognito.ResourceServerScope({ scopeName: 'write', scopeDescription: 'Write through the API' }),
    ];
    const featurePlan = props.featurePlan ?? cognito.FeaturePlan.ESSENTIALS;
    const mfa = props.mfa ?? cognito.Mfa.OPTIONAL;
    const signUpMode = props.signUpMode ?? SignUpMode.ADMIN_APPROVAL;
    const handlerTimeout = props.handlerTimeout ?? Duration.seconds(10);
    // docs/decisions/005: the pool is protected only when it is retained, since Cognito refuses to
    // delete a protected pool (DESTROY would end in DELETE_FAILED, RETAIN_ON_UPDATE_OR_DELETE in a
    // failed rollback); the log groups and the key never outlive a failed first deployment.
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const deletionProtection = props.deletionProtection ?? removalPolicy === RemovalPolicy.RETAIN;
    const dataRemovalPolicy = removalPolicy === RemovalPolicy.DESTROY ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE;
    // The Lite plan has only the classic hosted UI.
    const managedLoginVersion = props.managedLoginVersion ?? (featurePlan === cognito.FeaturePlan.LITE
      ? cognito.ManagedLoginVersion.CLASSIC_HOSTED_UI : cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN);
    validateProps(this, props, clientSpecs, rsScopes, featurePlan);
    const groupScopes = props.groupScopes ?? [];
    validateGroupScopes(groupScopes, props.groups ?? [], rsScopes.map((s) => s.scopeName), featurePlan);
    this.groupScopeMapping = groupScopeMapping(groupScopes, identifier);
    claimDomainPrefix(this, props.authDomain?.prefix);
    const signIn = resolveSignIn(this, props.signIn, { featurePlan, authDomain: props.authDomain, clients: clientSpecs });
    validateFederation(props.identityProviders ?? [], clientSpecs);
    validateBranding(props.branding, clientSpecs, managedLoginVersion);
    validateFirewall(props.firewall);
    const profile = resolveProfile(props);
    validateAlarmTopic(props.alarmTopic, profile.alarms);
    validateAlarmEmails(props.alarmEmails, profile.alarms);
    const logRetention = profile.logRetention;
    this.securityProfile = profile.profile;
    const userPoolEncryption = resolveUserPoolEncryption(props.userPoolEncryption, profile.profile);
    validateUserPoolEncryption(this, userPoolEncryption);
    validateRefreshTokenRotation(clientSpecs);
    validateTerms(clientSpecs, { managedLoginVersion, signUpMode });
    this.issuerType = props.issuerType ?? IssuerType.UPDATED;
    validateReplica(this, props.replica, { featurePlan, encryption: userPoolEncryption, issuerType: this.issuerType, mfa });
    this.encryptionKey = props.logEncryptionKey ?? (profile.needsKey || needsConstructKey(userPoolEncryption)
      ? createEncryptionKey(this, 'EncryptionKey') : undefined);
    const logKey = props.logEncryptionKey ?? (profile.profile === SecurityProfile.COMPLIANCE ? this.encryptionKey : undefined);
    this.resourceServerIdentifier = identifier;
    this.resourceServerScopeNames = rsScopes.map((s) => s.scopeName);
    this.scopeContext = { identifier, resourceServerScopes: this.resourceServerScopeNames, clients: clientSpecs };
    validateCustomDomains(this, props.authDomain?.customDomain, props.apiDomain);
    const customAuthDomain = props.authDomain?.customDomain
      ? new CustomAuthDomain(this, 'AuthDomain', props.authDomain.customDomain) : undefined;
    this.authCertificate = customAuthDomain?.certificate;

    const identity = new Identity(this, 'Identity', {
      userPoolName: props.userPoolName,
      signUpMode,
      signInAliases: props.signInAliases ?? { username: true, email: true },
      passwordMinLength: props.passwordMinLength ?? 12,
      mfa,
      featurePlan,
      threatProtectionMode: props.threatProtectionMode ?? (featurePlan === cognito.FeaturePlan.PLUS
        ? cognito.StandardThreatProtectionMode.FULL_FUNCTION : cognito.StandardThreatProtectionMode.NO_ENFORCEMENT),
      deletionProtection,
      removalPolicy,
      email: props.email,
      groups: props.groups ?? [],
      authDomain: props.authDomain,
      customDomain: customAuthDomain?.domainOptions,
      managedLoginVersion,
      resourceServerIdentifier: identifier,
      resourceServerScopes: rsScopes,
      signIn: signIn.poolProps,
    });
    this.userPool = identity.userPool;
    writeIssuerType(this.userPool, this.issuerType);
    this.userPoolKey = encryptUserPool(this, this.userPool, userPoolEncryption, this.encryptionKey, removalPolicy);
    validateOtpEmail(this.userPool, props.signIn);
    const federation = props.identityProviders?.length
      ? new Federation(this, 'Federation', { userPool: this.userPool, providers: props.identityProviders }) : undefined;
    this.identityProviders = (props.identityProviders ?? []).map((p) => federation!.byName[p.name]);
    const firewall = props.firewall ?? (profile.profile === SecurityProfile.COMPLIANCE ? UserPoolFirewall.create() : UserPoolFirewall.none());
    const waf = firewall.enabled ? new Firewall(this, 'Firewall', {
      userPool: this.userPool, firewall, logRetention, logEncryptionKey: logKey,
    }) : undefined;
    this.webAcl = waf?.webAcl;
    this.webAclAssociation = waf?.association;
    this.domain = identity.domain;
    this.resourceServer = identity.resourceServer;
    this.groups = identity.groups;
    this.hostedUiUrl = identity.baseUrl;
    if (groupScopes.length > 0) {
      const trigger = new GroupScopesTrigger(this, 'PreTokenGeneration', {
        userPool: this.userPool, mapping: this.groupScopeMapping, logRetention, logEncryptionKey: logKey,
      });
      this.preTokenGenerationTrigger = trigger.function;
      this.preTokenGenerationLogGroup = trigger.logGroup;
      warnClientGroupScopes(this, groupScopes, clientSpecs);
    }

    const clients = new Clients(this, 'Clients', {
      userPool: this.userPool,
      resourceServer: this.resourceServer,
      resourceServerIdentifier: identifier,
      clients: clientSpecs,
      managedLoginVersion,
      featurePlan,
      identityProviders: federation?.byName,
      branding: props.branding,
    });
    this.clients = clientSpecs.map((c) => clients.byName[c.name]);
    if (!props.defaultRouteScopes) validateDerivedRouteScopes(clients.apiScopes);
    this.defaultRouteScopes = [...(props.defaultRouteScopes ?? clients.apiScopes)];

    if (props.handler) {
      this.handler = props.handler;
    } else {
      const network = new Network(this, 'Network', {
        vpc: props.vpc,
        vpcSubnets: props.vpcSubnets,
        egress: props.egress ?? EgressMode.NONE,
        interfaceEndpoints: props.interfaceEndpoints ?? [],
        flowLogs: profile.flowLogs,
        logRetention,
        logEncryptionKey: logKey,
      });
      this.vpc = network.vpc;
      this.securityGroup = network.securityGroup;
      this.flowLogGroup = network.flowLogGroup;
      this.handlerLogGroup = new logs.LogGroup(this, 'HandlerLogs', { retention: logRetention, encryptionKey: logKey });
      this.handler = new HelloFunction(this, 'Handler', {
        role: handlerRole(this, 'HandlerRole', this.handlerLogGroup),
        reservedConcurrentExecutions: profile.reservedConcurrency,
        description: 'SecureCognitoApi built-in handler: Hello, World! I am <user>!',
        architecture: lambda.Architecture.ARM_64,
        memorySize: props.handlerMemorySize ?? 256,
        timeout: handlerTimeout,
        tracing: lambda.Tracing.ACTIVE,
        logGroup: this.handlerLogGroup,
        loggingFormat: lambda.LoggingFormat.JSON,
        vpc: network.vpc,
        vpcSubnets: network.vpcSubnets,
        securityGroups: [network.securityGroup],
      });
    }

    this.api = new Api(this, 'Api', {
      apiName: props.apiName ?? id,
      issuer: issuerUrl(this.userPool, this.issuerType),
      audience: this.clients.map((c) => c.userPoolClientId),
      cors: props.cors,
      throttle: props.throttle ?? { rateLimit: 100, burstLimit: 200 },
      logRetention,
      disableExecuteApiEndpoint: props.apiDomain ? (props.apiDomain.disableExecuteApiEndpoint ?? true) : undefined,
      logEncryptionKey: logKey,
    });
    this.httpApi = this.api.httpApi;
    this.stage = this.api.stage;
    this.authorizer = this.api.authorizer;
    this.accessLogGroup = this.api.accessLogGroup;
    this.issuer = this.api.issuer;
    this.api.addRoutes('/', [apigwv2.HttpMethod.GET], this.defaultRouteScopes, this.handler);

    const customApiDomain = props.apiDomain
      ? new CustomApiDomain(this, 'ApiDomain', { options: props.apiDomain, httpApi: this.httpApi, stage: this.stage }) : undefined;
    customAuthDomain?.addRecords(this.domain, customApiDomain);
    this.url = customApiDomain?.url ?? this.stage.url;
    this.apiCertificate = customApiDomain?.certificate;
    this.apiDomainName = customApiDomain?.domainName;
    this.apiMapping = customApiDomain?.mapping;
    this.apiDomainRecords = customApiDomain?.records ?? [];
    this.authDomainRecords = customAuthDomain?.records ?? [];
    const replica = props.replica ? new PoolReplica(this, 'Replica', {
      userPool: this.userPool,
      domain: this.domain,
      replica: props.replica,
      httpApi: this.httpApi,
      apiDomainName: this.apiDomainName,
      apiDomainRecords: this.apiDomainRecords,
    }) : undefined;
    this.userPoolReplica = replica?.resource;
    this.replicaRegion = props.replica?.region;
    this.primaryHealthCheck = replica?.healthCheck;
    this.parentDomainRecord = customAuthDomain?.parentRecord;
    const alarms = profile.alarms ? new Alarms(this, 'Alarms', {
      httpApi: this.httpApi,
      handler: this.handler,
      handlerTimeout: props.handler ? undefined : handlerTimeout,
      topic: props.alarmTopic,
      encryptionKey: this.encryptionKey,
      emails: props.alarmEmails ?? [],
    }) : undefined;
    this.alarms = alarms?.alarms ?? [];
    this.alarmTopic = alarms?.topic;
    for (const logGroup of [this.accessLogGroup, this.handlerLogGroup, this.flowLogGroup, waf?.logGroup, this.preTokenGenerationLogGroup]) {
      logGroup?.applyRemovalPolicy(dataRemovalPolicy);
    }
    // A key that encrypts the pool lives as long as the pool: without it a retained pool is unreadable.
    if (this.encryptionKey && !props.logEncryptionKey) {
      this.encryptionKey.applyRemovalPolicy(this.encryptionKey === this.userPoolKey ? removalPolicy : dataRemovalPolicy);
    }
    acknowledgeFindings(this, { mfa, featurePlan });

    if (props.outputs ?? true) {
      defineOutputs(this, {
        apiUrl: this.url,
        issuer: this.issuer,
        hostedUiUrl: this.hostedUiUrl,
        userPoolId: this.userPool.userPoolId,
        clients: clientSpecs.map((spec, i) => ({ spec, clientId: this.clients[i].userPoolClientId })),
        resourceServerIdentifier: identifier,
        signUp: signUpMode !== SignUpMode.ADMIN_ONLY,
        alarmTopicArn: this.alarmTopic?.topicArn,
      });
    }
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
    check(!isConcrete(name) || this.resourceServerScopeNames.includes(name), 'scope',
      `must name a scope of the resource server (${this.resourceServerScopeNames.join(', ')})`, name);
    return `${this.resourceServerIdentifier}/${name}`;
  }

  /** The handler's network connections (its security group). Throws if the handler is not in a VPC. */
  public get connections(): ec2.Connections {
    return this.handler.connections;
  }

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
