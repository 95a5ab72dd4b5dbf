import type * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { authorizeQuery } from './outputs';
import { isConcrete } from './validate';
import type { AppClient } from '../app-client';

/**
 * The rules of the Core rule set (`AWSManagedRulesCommonRuleSet`) that a flow the construct
 * creates would trip, set to count (docs/decisions/046). Each rule is checked against the
 * requests the clients send: managed login and `/oauth2/authorize` (query), `/oauth2/token`
 * (form body), `/saml2/idpresponse` (SAML body) and the JSON API (`InitiateAuth`...).
 * - `SizeRestrictions_BODY` (8 KB): SAML responses posted to `/saml2/idpresponse` are larger.
 * - `NoUserAgent_HEADER`: server-side token exchanges (confidential and machine clients, a CLI
 *   redeeming its code) often send no User-Agent (.NET's HttpClient sends none by default); the
 *   header is the attacker's to forge, so the rate limits and the IP reputation list do the work.
 * - `GenericRFI_QUERYARGUMENTS` and `GenericRFI_BODY` (only when a redirect URL's host is an IPv4
 *   address, e.g. `http://127.0.0.1:8765/callback`): they match `http://` plus an IPv4 host in a
 *   parameter, which is exactly `redirect_uri` (query of `/oauth2/authorize`, body of
 *   `/oauth2/token`) and `logout_uri`.
 * - `SizeRestrictions_QUERYSTRING` (2,048 bytes; only when a client's authorize query, PKCE and
 *   512 bytes of `state` and `nonce` included, may pass it).
 *
 * @see https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-baseline.html#aws-managed-rule-groups-baseline-crs
 */
export function coreRuleSetOverrides(clients: AppClient[], identifier: string): wafv2.CfnWebACL.RuleActionOverrideProperty[] {
  const count = (name: string) => ({ name, actionToUse: { count: {} } });
  const hostedUi = clients.filter((c) => c.usesHostedUi);
  const urls = hostedUi.flatMap((c) => [...c.callbackUrls, ...c.logoutUrls]).filter(isConcrete);
  const ipv4 = urls.some((u) => /^[a-z][a-z0-9+.-]*:\/\/(\d{1,3}\.){3}\d{1,3}(?=[:/?]|$)/i.test(u));
  const longestQuery = Math.max(0, ...hostedUi.filter((c) => c.callbackUrls.every(isConcrete))
    .map((c) => authorizeQuery(c, 'x'.repeat(CLIENT_ID_LENGTH), identifier).length));
  return [
    count('SizeRestrictions_BODY'),
    count('NoUserAgent_HEADER'),
    ...(ipv4 ? [count('GenericRFI_QUERYARGUMENTS'), count('GenericRFI_BODY')] : []),
    ...(longestQuery + PKCE_AND_STATE > MAX_QUERY_BYTES ? [count('SizeRestrictions_QUERYSTRING')] : []),
  ];
}

/** Cognito's app client ids are 1 to 128 characters; the ids it issues have 26. */
const CLIENT_ID_LENGTH = 26;
/** `&code_challenge=<43>&code_challenge_method=S256` plus 512 bytes of `state` and `nonce`. */
const PKCE_AND_STATE = 90 + 512;
/** The Core rule set's `SizeRestrictions_QUERYSTRING` limit. */
const MAX_QUERY_BYTES = 2048;

/** The JSON API's operations are named by the `X-Amz-Target` header, `AWSCognitoIdentityProviderService.<Operation>`. */
const TARGET_PREFIX = 'awscognitoidentityproviderservice.';

/**
 * Sign-in requests: managed login's `/login`, the token endpoint (code redemption, refresh, and
 * client credentials, which are billed per token) and the API's sign-in operations.
 */
const SIGN_IN_PATHS = ['/login', '/oauth2/token'];
const SIGN_IN_TARGETS = ['InitiateAuth', 'RespondToAuthChallenge'];

/**
 * Requests that send a code by e-mail or SMS (paid per message) or check one (guessable): managed
 * login's sign-up, confirmation, resend and password-reset pages, and the API operations behind
 * them, AWS's guidance for a user pool's web ACL.
 *
 * @see https://aws.amazon.com/blogs/security/protect-your-amazon-cognito-user-pool-with-aws-waf/
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-security-best-practices.html
 */
const CODE_PATHS = ['/signup', '/confirmUser', '/resendcode', '/forgotPassword', '/confirmForgotPassword'];
const CODE_TARGETS = ['SignUp', 'ConfirmSignUp', 'ResendConfirmationCode', 'ForgotPassword', 'ConfirmForgotPassword',
  'GetUserAttributeVerificationCode', 'VerifyUserAttribute', 'UpdateUserAttributes'];

/**
 * A rate-based rule per IP over 5 minutes on the given paths and operations. Everything is
 * compared lower-cased, so a change of case does not slip past the rule.
 *
 * @see https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-rate-based.html
 */
function rateRule(name: string, priority: number, limit: number, paths: string[], targets: string[]): wafv2.CfnWebACL.RuleProperty {
  const lower = [{ priority: 0, type: 'LOWERCASE' }];
  const statements: wafv2.CfnWebACL.StatementProperty[] = [
    ...paths.map((p) => ({ byteMatchStatement: { fieldToMatch: { uriPath: {} }, searchString: p.toLowerCase(), positionalConstraint: 'STARTS_WITH', textTransformations: lower } })),
    ...targets.map((t) => ({
      byteMatchStatement: {
        fieldToMatch: { singleHeader: { Name: 'x-amz-target' } },
        searchString: `${TARGET_PREFIX}${t.toLowerCase()}`,
        positionalConstraint: 'EXACTLY',
        textTransformations: lower,
      },
    })),
  ];
  return {
    name,
    priority,
    action: { block: {} },
    statement: { rateBasedStatement: { limit, aggregateKeyType: 'IP', evaluationWindowSec: 300, scopeDownStatement: { orStatement: { statements } } } },
    visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: name, sampledRequestsEnabled: true },
  };
}

/** The rate limits of the construct's web ACL: sign-in, then codes. */
export function rateRules(signInLimit: number, codeLimit: number, firstPriority: number): wafv2.CfnWebACL.RuleProperty[] {
  return [
    rateRule('SignInRateLimit', firstPriority, signInLimit, SIGN_IN_PATHS, SIGN_IN_TARGETS),
    rateRule('CodeRateLimit', firstPriority + 1, codeLimit, CODE_PATHS, CODE_TARGETS),
  ];
}
