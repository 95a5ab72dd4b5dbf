import { CfnOutput, type CfnResource, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import type { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import type * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import type { ApiDomainOptions } from './api-domain';
import { UserPoolFirewall } from './firewall';
import { EgressMode } from './options';
import { acknowledgeHandlerFindings } from './private/acknowledgements';
import { Api } from './private/api';
import { createBuiltInHandler, DEFAULT_HANDLER_TIMEOUT } from './private/built-in-handler';
import { DataPolicy, dataRemovalPolicy } from './private/data-resources';
import { CustomApiDomain } from './private/domains';
import { GroupScopesTrigger } from './private/group-scopes-trigger';
import { Network } from './private/network';
import { markFailover } from './private/pool-replica';
import { regionalConfiguration, replicateKey, validateReplicaRegion } from './private/replica-region';
import { Firewall, validateFirewall } from './private/web-acl';
import type { SecureCognitoApi } from './secure-cognito-api';
import { ReplicaEmailOptions, ReplicaStatus } from './user-pool-replica';

/** Props of `SecureCognitoApiReplica`. */
export interface SecureCognitoApiReplicaProps {
  /**
   * The primary, with `replica: { region }` naming this stack's Region. Its stack and this one
   * need `crossRegionReferences: true`: the pool id, the client ids and the key come from it.
   */
  readonly primary: SecureCognitoApi;

  /**
   * Whether the replica serves end users. Cognito creates it INACTIVE: check its Regional settings,
   * then set ACTIVE (or run the failover runbook's command).
   *
   * @default ReplicaStatus.INACTIVE
   * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserPoolReplica.html
   */
  readonly status?: ReplicaStatus;

  /**
   * The replica's e-mail through SES in this Region.
   *
   * @default - Cognito's default e-mail in this Region
   */
  readonly email?: ReplicaEmailOptions;

  /**
   * The web ACL on the replica (WAF is regional: the primary's ACL does not cover it).
   *
   * @default - UserPoolFirewall.create() when the primary has a web ACL, UserPoolFirewall.none() otherwise
   */
  readonly firewall?: UserPoolFirewall;

  /**
   * The API's custom domain in this Region: the primary's name, with a certificate of this
   * Region. Its alias records are the secondary of a failover pair whose primary are the primary's
   * records, checked by the primary's health check.
   *
   * @default - no custom domain: the API answers on its execute-api URL only
   */
  readonly apiDomain?: ApiDomainOptions;

  /**
   * The function behind the default route in this Region.
   *
   * @default - the built-in handler in a VPC of this Region
   */
  readonly handler?: lambda.IFunction;

  /**
   * How the built-in handler's VPC reaches the internet.
   *
   * @default EgressMode.NONE
   */
  readonly egress?: EgressMode;

  /**
   * Retention of the access logs, the handler's logs and the flow logs.
   *
   * @default logs.RetentionDays.ONE_MONTH
   */
  readonly logRetention?: logs.RetentionDays;

  /**
   * Stage throttling in this Region.
   *
   * @default - 100 requests per second, bursts of 200
   */
  readonly throttle?: apigwv2.ThrottleSettings;
}

/**
 * The API in the user pool replica's Region: the replica's own settings (status, e-mail, web ACL),
 * the user pool key's replica, and an HTTP API whose JWT authorizer trusts the primary's issuer
 * and clients (the updated issuer is the same in both Regions), with the default route, the
 * built-in handler in its VPC, and the failover side of the API's custom domain.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-multi-region.html
 *
 * @example
 * import { SecureCognitoApiReplica, UserPoolEncryption } from 'cdk-secure-cognito-api';
 *
 * const app = new App();
 * const primary = new Stack(app, 'Primary', { env: { region: 'eu-west-1' }, crossRegionReferences: true });
 * const api = new SecureCognitoApi(primary, 'Api', {
 *   userPoolEncryption: UserPoolEncryption.multiRegionKey(),
 *   replica: { region: 'eu-central-1' },
 * });
 * const secondary = new Stack(app, 'Secondary', { env: { region: 'eu-central-1' }, crossRegionReferences: true });
 * new SecureCognitoApiReplica(secondary, 'Api', { primary: api });
 */
export class SecureCognitoApiReplica extends Construct {
  /** The replica's own settings: status, e-mail. */
  public readonly regionalConfiguration: CfnResource;
  /** The replica of the user pool key in this Region (undefined when the key is imported). */
  public readonly userPoolKeyReplica?: kms.CfnReplicaKey;
  /** The HTTP API in this Region. */
  public readonly httpApi: apigwv2.HttpApi;
  /** The `$default` stage. */
  public readonly stage: apigwv2.HttpStage;
  /** The JWT authorizer, trusting the primary's issuer and clients. */
  public readonly authorizer: HttpJwtAuthorizer;
  /** The access log group of the stage. */
  public readonly accessLogGroup: logs.LogGroup;
  /** The function behind the default route. */
  public readonly handler: lambda.IFunction;
  /** The VPC of the built-in handler (undefined when you bring your own function). */
  public readonly vpc?: ec2.IVpc;
  /** The web ACL on the replica (undefined without one). */
  public readonly webAcl?: wafv2.CfnWebACL;
  /** The issuer the authorizer trusts: the primary's. */
  public readonly issuer: string;
  /** The URL of the API in this Region. */
  public readonly url: string;
  /** The alias records (secondary of the failover pair) of the API's custom domain (empty without `apiDomain`). */
  public readonly apiDomainRecords: route53.RecordSet[];

  /**
   * @param scope a construct of a stack in the primary's replica Region
   * @param id the construct id
   * @param props the primary and this Region's settings
   */
  constructor(scope: Construct, id: string, props: SecureCognitoApiReplicaProps) {
    super(scope, id);
    const primary = props.primary;
    validateReplicaRegion(this, primary, props.apiDomain);
    const firewall = props.firewall ?? (primary.webAclAssociation ? UserPoolFirewall.create() : UserPoolFirewall.none());
    validateFirewall(this, firewall);
    const logRetention = props.logRetention ?? logs.RetentionDays.ONE_MONTH;
    const stack = Stack.of(this);
    // Like the primary's data by default: kept on delete, removed when the first deployment rolls back.
    const policy: DataPolicy = { logRetention, removalPolicy: dataRemovalPolicy(RemovalPolicy.RETAIN) };

    this.userPoolKeyReplica = replicateKey(this, primary);
    // Lambda triggers are the replica's own: the primary's pre-token-generation trigger again, here.
    const source = primary._preTokenTrigger;
    const trigger = source ? new GroupScopesTrigger(this, 'PreTokenGeneration', {
      mapping: source.mapping, machineTokens: source.machineTokens, logs: policy,
    }) : undefined;
    const regional = regionalConfiguration(this, {
      userPoolId: primary.userPool.userPoolId,
      status: props.status ?? ReplicaStatus.INACTIVE,
      email: props.email,
      preTokenGeneration: trigger && { fn: trigger.function, version: trigger.machineTokens.length > 0 ? 'V3_0' : 'V2_0' },
    });
    if (this.userPoolKeyReplica) regional.addDependency(this.userPoolKeyReplica);
    this.regionalConfiguration = regional;
    if (firewall.enabled) {
      const replicaPool = cognito.UserPool.fromUserPoolArn(this, 'ReplicaUserPool',
        `arn:${stack.partition}:cognito-idp:${stack.region}:${stack.account}:userpool/${primary.userPool.userPoolId}`);
      const waf = new Firewall(this, 'Firewall', { userPool: replicaPool, firewall, ...primary._webAclInputs, logs: policy });
      waf.association.addDependency(regional);
      this.webAcl = waf.webAcl;
    }

    if (props.handler) {
      this.handler = props.handler;
    } else {
      const network = new Network(this, 'Network', { egress: props.egress ?? EgressMode.NONE, interfaceEndpoints: [], flowLogs: true, logs: policy });
      this.vpc = network.vpc;
      this.handler = createBuiltInHandler(this, {
        logs: policy, timeout: DEFAULT_HANDLER_TIMEOUT, vpc: network.vpc, vpcSubnets: network.vpcSubnets, securityGroup: network.securityGroup,
      }).handler;
    }

    // The primary's issuer, pool id and clients: with the updated issuer, tokens issued in either
    // Region carry the same `iss`, so this authorizer trusts tokens of both.
    const api = new Api(this, 'Api', {
      apiName: id,
      issuer: primary.issuer,
      audience: primary.clients.map((c) => c.userPoolClientId),
      throttle: props.throttle ?? { rateLimit: 100, burstLimit: 200 },
      logs: policy,
      disableExecuteApiEndpoint: props.apiDomain ? (props.apiDomain.disableExecuteApiEndpoint ?? true) : undefined,
    });
    api.addRoutes('/', [apigwv2.HttpMethod.GET], primary.defaultRouteScopes, this.handler);
    this.httpApi = api.httpApi;
    this.stage = api.stage;
    this.authorizer = api.authorizer;
    this.accessLogGroup = api.accessLogGroup;
    this.issuer = api.issuer;

    const domain = props.apiDomain
      ? new CustomApiDomain(this, 'ApiDomain', { options: props.apiDomain, httpApi: this.httpApi, stage: this.stage }) : undefined;
    this.apiDomainRecords = domain?.records ?? [];
    markFailover(this.apiDomainRecords, route53.Failover.SECONDARY);
    this.url = domain?.url ?? this.stage.url;
    acknowledgeHandlerFindings(props.handler ? undefined : this.handler as lambda.Function, this.vpc);
    new CfnOutput(this, 'ApiUrl', { value: this.url, description: `The API in ${stack.region}` });
  }
}
