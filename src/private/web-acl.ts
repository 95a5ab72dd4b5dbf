import { ArnFormat, Names, Stack } from 'aws-cdk-lib';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { createLogGroup, DataPolicy } from './data-resources';
import { check, isConcrete } from './validate';
import type { UserPoolFirewall } from '../firewall';

export interface FirewallProps {
  readonly userPool: cognito.IUserPool;
  readonly firewall: UserPoolFirewall;
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

function matches(fieldToMatch: wafv2.CfnWebACL.FieldToMatchProperty, searchString: string,
  positionalConstraint: string): wafv2.CfnWebACL.StatementProperty {
  return { byteMatchStatement: { fieldToMatch, searchString, positionalConstraint, textTransformations: [{ priority: 0, type: 'NONE' }] } };
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
      const target = { singleHeader: { Name: 'x-amz-target' } };
      this.webAcl = new wafv2.CfnWebACL(this, 'Resource', {
        scope: 'REGIONAL',
        description: 'SecureCognitoApi: AWS managed rules and a sign-in rate limit on the user pool',
        defaultAction: { allow: {} },
        visibilityConfig: visibility('SecureCognitoApiUserPool'),
        rules: [
          managedGroup('AWSManagedRulesAmazonIpReputationList', 0),
          // SAML responses posted to /saml2/idpresponse are larger than the rule's 8 KB body limit.
          managedGroup('AWSManagedRulesCommonRuleSet', 1, [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }]),
          {
            name: 'SignInRateLimit',
            priority: 2,
            action: { block: {} },
            statement: {
              rateBasedStatement: {
                limit: props.firewall.signInRateLimit!,
                aggregateKeyType: 'IP',
                evaluationWindowSec: 300,
                scopeDownStatement: {
                  orStatement: {
                    statements: [
                      matches({ uriPath: {} }, '/login', 'STARTS_WITH'),
                      matches(target, 'InitiateAuth', 'CONTAINS'),
                      matches(target, 'RespondToAuthChallenge', 'CONTAINS'),
                    ],
                  },
                },
              },
            },
            visibilityConfig: visibility('SignInRateLimit'),
          },
        ],
      });
      webAclArn = this.webAcl.attrArn;
      // AWS WAF logs only to log groups whose name starts with aws-waf-logs-.
      // https://docs.aws.amazon.com/waf/latest/developerguide/logging-cw-logs.html
      const logGroupName = `aws-waf-logs-${Names.uniqueResourceName(this, { maxLength: 60, separator: '-' })}`;
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
 * @see https://docs.aws.amazon.com/waf/latest/APIReference/API_RateBasedStatement.html
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-waf.html
 */
export function validateFirewall(firewall: UserPoolFirewall | undefined): void {
  if (!firewall) return;
  const rate = firewall.signInRateLimit;
  if (rate !== undefined && isConcrete(rate)) {
    check(Number.isInteger(rate) && rate >= 10 && rate <= 2_000_000_000, 'firewall.signInRateLimit',
      'must be an integer from 10 to 2000000000 requests per 5 minutes', rate);
  }
  const arn = firewall.webAclArn;
  if (arn !== undefined && isConcrete(arn)) {
    check(/^arn:aws[a-z-]*:wafv2:[a-z0-9-]+:\d{12}:regional\/webacl\/[\w-]{1,128}\/[0-9a-f-]{36}$/.test(arn), 'firewall',
      'must name a REGIONAL web ACL, arn:aws:wafv2:<region>:<account>:regional/webacl/<name>/<id> (a CLOUDFRONT one cannot protect a user pool)', arn);
  }
}
