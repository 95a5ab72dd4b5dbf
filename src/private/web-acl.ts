import { ArnFormat, Names, Stack } from 'aws-cdk-lib';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { createLogGroup, DataPolicy } from './data-resources';
import { stackUuid } from './identity';
import { check, isConcrete } from './validate';
import { coreRuleSetOverrides, rateRules } from './web-acl-rules';
import type { AppClient } from '../app-client';
import type { UserPoolFirewall } from '../firewall';

export interface FirewallProps {
  readonly userPool: cognito.IUserPool;
  readonly firewall: UserPoolFirewall;
  /** The app clients, whose requests the rules must let through (web-acl-rules.ts). */
  readonly clients: AppClient[];
  readonly resourceServerIdentifier: string;
  /** How the web ACL's log group is born. */
  readonly logs: DataPolicy;
}

/** A rule's CloudWatch metrics and sampled requests, named after the rule. */
function visibility(metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty {
  return { cloudWatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true };
}

function managedGroup(name: string, priority: number, overrides?: wafv2.CfnWebACL.RuleActionOverrideProperty[]): wafv2.CfnWebACL.RuleProperty {
  return {
    name,
    priority,
    overrideAction: { none: {} },
    statement: { managedRuleGroupStatement: { vendorName: 'AWS', name, ruleActionOverrides: overrides } },
    visibilityConfig: visibility(name),
  };
}

/**
 * The web ACL on the user pool (created, or given by ARN) and its association.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-waf.html
 */
export class Firewall extends Construct {
  /** The web ACL the construct created (undefined when given by ARN). */
  public readonly webAcl?: wafv2.CfnWebACL;
  /** The association of the web ACL with the user pool. */
  public readonly association: wafv2.CfnWebACLAssociation;
  /** The log group of the created web ACL. */
  public readonly logGroup?: logs.LogGroup;

  constructor(scope: Construct, id: string, props: FirewallProps) {
    super(scope, id);
    let webAclArn = props.firewall.webAclArn;
    if (webAclArn === undefined) {
      this.webAcl = new wafv2.CfnWebACL(this, 'Resource', {
        scope: 'REGIONAL',
        description: 'SecureCognitoApi: AWS managed rules and rate limits on sign-in and codes on the user pool',
        defaultAction: { allow: {} },
        visibilityConfig: visibility('SecureCognitoApiUserPool'),
        rules: [
          managedGroup('AWSManagedRulesAmazonIpReputationList', 0),
          managedGroup('AWSManagedRulesCommonRuleSet', 1, coreRuleSetOverrides(props.clients, props.resourceServerIdentifier)),
          ...rateRules(props.firewall.signInRateLimit!, props.firewall.codeRateLimit!, 2),
        ],
      });
      webAclArn = this.webAcl.attrArn;
      // AWS WAF logs only to log groups whose name starts with aws-waf-logs-; a log group name is
      // unique in the account and region, and the group outlives `cdk destroy` (removal policy
      // RETAIN_ON_UPDATE_OR_DELETE), so the stack's UUID keeps the next creation from colliding.
      // At most 13 + 60 + 1 + 36 = 110 of the 512 characters a name may have.
      // https://docs.aws.amazon.com/waf/latest/developerguide/logging-cw-logs.html
      // https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html
      const logGroupName = `aws-waf-logs-${Names.uniqueResourceName(this, { maxLength: 60, separator: '-' })}-${stackUuid(this)}`;
      this.logGroup = createLogGroup(this, 'Logs', props.logs, { logGroupName });
      const logging = new wafv2.CfnLoggingConfiguration(this, 'Logging', {
        resourceArn: this.webAcl.attrArn,
        logDestinationConfigs: [Stack.of(this).formatArn({
          service: 'logs', resource: 'log-group', resourceName: logGroupName, arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        })],
      });
      logging.node.addDependency(this.logGroup);
    }
    this.association = new wafv2.CfnWebACLAssociation(this, 'Association', {
      resourceArn: props.userPool.userPoolArn,
      webAclArn,
    });
  }
}

/**
 * AWS WAF's rules: a rate limit from 10 to 2,000,000,000 per 5 minutes; a user pool takes only a
 * REGIONAL web ACL.
 *
 * A given web ACL must be in the pool's account and region: "the web ACL and the resource must be in
 * the same Region" and AssociateWebACL takes resources of the caller's own account.
 *
 * @see https://docs.aws.amazon.com/waf/latest/APIReference/API_RateBasedStatement.html
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-waf.html
 * @see https://docs.aws.amazon.com/waf/latest/APIReference/API_AssociateWebACL.html
 */
export function validateFirewall(scope: Construct, firewall: UserPoolFirewall | undefined): void {
  if (!firewall) return;
  for (const [prop, rate] of [['firewall.signInRateLimit', firewall.signInRateLimit], ['firewall.codeRateLimit', firewall.codeRateLimit]] as const) {
    if (rate === undefined || !isConcrete(rate)) continue;
    check(Number.isInteger(rate) && rate >= 10 && rate <= 2_000_000_000, prop, 'must be an integer from 10 to 2000000000 requests per 5 minutes', rate);
  }
  const arn = firewall.webAclArn;
  if (arn !== undefined && isConcrete(arn)) {
    check(/^arn:aws[a-z-]*:wafv2:[a-z0-9-]+:\d{12}:regional\/webacl\/[\w-]{1,128}\/[0-9a-f-]{36}$/.test(arn), 'firewall',
      'must name a REGIONAL web ACL, arn:aws:wafv2:<region>:<account>:regional/webacl/<name>/<id> (a CLOUDFRONT one cannot protect a user pool)', arn);
    const [, , , region, account] = arn.split(':');
    const stack = Stack.of(scope);
    const here = [isConcrete(stack.account) ? stack.account : undefined, isConcrete(stack.region) ? stack.region : undefined];
    check((here[0] === undefined || here[0] === account) && (here[1] === undefined || here[1] === region), 'firewall',
      `must name a web ACL in the user pool's account and region (${here.map((v) => v ?? 'unknown').join(', ')}): AWS WAF associates a web ACL only with resources of its own`, arn);
  }
}
