import { Annotations, Duration, Token } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { supportedProviders } from './federation';
import { brandClient, validateTemplateBudget } from './managed-login-branding';
import { outputClientSuffix } from './outputs';
import { rotationClientProps, writeRotationDisabled } from './refresh-rotation';
import { apiScopes, CLAIM_ONLY_SCOPES, COGNITO_ADMIN_SCOPE, MAX_CLIENT_SCOPES, OIDC_SCOPES, requestableScopes } from './scopes';
import { createTerms } from './terms-documents';
import { check, isConcrete } from './validate';
import { AppClient, AppClientKind } from '../app-client';
import { LoginBranding } from '../branding';

/**
 * API Gateway's limit on the audiences of a JWT authorizer, which lists every client id.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html
 */
const MAX_AUDIENCE = 50;

export interface ClientsProps {
  readonly userPool: cognito.IUserPool;
  readonly resourceServer: cognito.UserPoolResourceServer;
  readonly resourceServerIdentifier: string;
  readonly clients: AppClient[];
  readonly managedLoginVersion: cognito.ManagedLoginVersion;
  /** The pool's feature plan: ALLOW_USER_AUTH (choice-based sign-in) needs Essentials or Plus. */
  readonly featurePlan: cognito.FeaturePlan;
  /** The federated providers by name; a client depends on those it names, so they exist before it. */
  readonly identityProviders?: Record<string, cognito.IUserPoolIdentityProvider>;
  /** The branding style of hosted-UI clients without their own. */
  readonly branding?: LoginBranding;
}

/**
 * The app clients. Every security-relevant setting is written out here, because the L2's
 * defaults (implicit + code flows, `https://example.com` callback, Cognito's default auth flows)
 * are not what a secure API wants.
 */
export class Clients extends Construct {
  /** The clients, keyed by their name. */
  public readonly byName: Record<string, cognito.UserPoolClient> = {};
  /** The scopes that the access tokens of all clients can carry; the default route accepts any of them. */
  public readonly apiScopes: string[];

  constructor(scope: Construct, id: string, props: ClientsProps) {
    super(scope, id);
    for (const spec of props.clients) {
      this.byName[spec.name] = this.createClient(spec, props);
    }
    this.apiScopes = apiScopes(props.clients, props.resourceServerIdentifier);
    if (props.managedLoginVersion === cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN) {
      validateTemplateBudget(this, props.clients.filter((c) => c.usesHostedUi)
        .map((c) => ({ client: c.name, branding: c.branding ?? props.branding ?? LoginBranding.cognitoDefault() })));
    }
  }

  private createClient(spec: AppClient, props: ClientsProps): cognito.UserPoolClient {
    // Literal `<identifier>/<scope>` strings (readable templates) plus an explicit dependency:
    // Cognito refuses a client whose scope the resource server does not define yet.
    const scopes = requestableScopes(spec, props.resourceServerIdentifier).map((s) => cognito.OAuthScope.custom(s));
    const machine = spec.kind === AppClientKind.MACHINE;
    const client = new cognito.UserPoolClient(this, spec.name, {
      userPool: props.userPool,
      userPoolClientName: spec.name,
      generateSecret: spec.generateSecret,
      authFlows: authFlowsFor(spec.kind, props.featurePlan),
      disableOAuth: spec.kind === AppClientKind.PASSWORD_AUTH,
      oAuth: spec.kind === AppClientKind.PASSWORD_AUTH ? undefined : {
        flows: {
          authorizationCodeGrant: spec.kind === AppClientKind.WEB || spec.kind === AppClientKind.CONFIDENTIAL_WEB,
          implicitCodeGrant: spec.kind === AppClientKind.IMPLICIT,
          clientCredentials: machine,
        },
        scopes,
        callbackUrls: machine ? undefined : spec.callbackUrls,
        logoutUrls: machine ? undefined : spec.logoutUrls,
      },
      supportedIdentityProviders: machine || spec.kind === AppClientKind.PASSWORD_AUTH ? [] : supportedProviders(spec),
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      authSessionValidity: Duration.minutes(3),
      accessTokenValidity: spec.accessTokenValidity,
      idTokenValidity: machine ? undefined : spec.idTokenValidity,
      refreshTokenValidity: machine ? undefined : spec.refreshTokenValidity,
      ...rotationClientProps(spec),
    });
    writeRotationDisabled(client, spec);
    if (spec.terms) createTerms(client, props.userPool, spec.terms);
    if (spec.resourceServerScopes.length > 0) {
      client.node.addDependency(props.resourceServer);
    }
    for (const name of spec.identityProviders) {
      const provider = props.identityProviders?.[name];
      if (provider) client.node.addDependency(provider);
    }
    if (spec.usesHostedUi && props.managedLoginVersion === cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN) {
      // Managed login shows an error page for a client that has no branding style.
      brandClient(client, props.userPool, spec.branding ?? props.branding ?? LoginBranding.cognitoDefault());
    }
    if (spec.kind === AppClientKind.IMPLICIT) {
      Annotations.of(client).addWarningV2('cdk-secure-cognito-api:implicitGrant',
        `App client "${spec.name}" uses the implicit grant: its access token travels in the redirect URL and cannot be refreshed. Prefer AppClient.web() (authorization code with PKCE).`);
    }
    return client;
  }
}

/**
 * The explicit authentication flows of a client kind (ALLOW_REFRESH_TOKEN_AUTH is always added by
 * the L2). Kept in one place so that new sign-in methods extend it (docs/decisions/004).
 * - hosted-UI clients: what managed login needs to show its sign-in forms: ALLOW_USER_SRP_AUTH
 *   for passwords (the password never leaves the browser), and ALLOW_USER_AUTH (choice-based
 *   sign-in) on the Essentials and Plus plans, where Cognito offers it;
 * - password-auth (script) clients: ALLOW_USER_PASSWORD_AUTH, the brief's InitiateAuth flow, and
 *   the only kind that ever gets it;
 * - machine clients: none (client_credentials is an OAuth grant, not an auth flow). `{ userSrp: false }`
 *   yields ALLOW_REFRESH_TOKEN_AUTH alone, where an empty object would leave Cognito's default
 *   (SRP + custom auth + refresh).
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flows-selection-managedlogin.html
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html#CognitoUserPools-CreateUserPoolClient-request-ExplicitAuthFlows
 */
export function authFlowsFor(kind: AppClientKind, featurePlan: cognito.FeaturePlan): cognito.AuthFlow {
  switch (kind) {
    case AppClientKind.PASSWORD_AUTH:
      return { userPassword: true };
    case AppClientKind.MACHINE:
      return { userSrp: false };
    default:
      return { userSrp: true, user: featurePlan !== cognito.FeaturePlan.LITE };
  }
}

/**
 * Cognito's rules for app clients and the JWT authorizer's audience limit: names that make valid
 * construct and output ids, scopes the resource server defines, redirect URLs, token lifetimes.
 */
export function validateClients(clients: AppClient[], definedScopes: Set<string>): void {
  check(clients.length >= 1 && clients.length <= MAX_AUDIENCE, 'clients',
    `must hold 1 to ${MAX_AUDIENCE} app clients (the JWT authorizer's audience limit)`, clients.length);
  const seen = new Set<string>();
  const outputNames = new Set<string>();
  for (const client of clients) {
    const prop = `clients[${client.name}]`;
    // Cognito takes 1 to 128 characters of [\w\s+=,.@-]; the name is also a construct id and,
    // without its hyphens, part of output ids, hence letters, digits and hyphens only.
    // https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html#CognitoUserPools-CreateUserPoolClient-request-ClientName
    check(/^[A-Za-z][A-Za-z0-9-]{0,127}$/.test(client.name), 'clients',
      'names must start with a letter and hold up to 128 letters, digits and hyphens (Cognito\'s ClientName limit)', client.name);
    check(!seen.has(client.name.toLowerCase()), 'clients', 'names must be unique (case-insensitive)', client.name);
    seen.add(client.name.toLowerCase());
    // Output ids are `<construct>ClientId<name without hyphens>` (CloudFormation ids are alphanumeric).
    const outputName = outputClientSuffix(client.name).toLowerCase();
    check(!outputNames.has(outputName), 'clients', 'names must stay unique without their hyphens (the output ids drop them)', client.name);
    outputNames.add(outputName);

    for (const scope of client.resourceServerScopes) {
      check(!isConcrete(scope) || definedScopes.has(scope), `${prop}.resourceServerScopes`,
        `must name scopes of the resource server (${[...definedScopes].join(', ')})`, scope);
    }
    const scopeCount = client.oidcScopes.length + client.resourceServerScopes.length;
    check(scopeCount <= MAX_CLIENT_SCOPES, `${prop}.resourceServerScopes`,
      `and oidcScopes must hold at most ${MAX_CLIENT_SCOPES} scopes together (Cognito's limit per app client)`, scopeCount);
    if (client.kind === AppClientKind.MACHINE) {
      check(client.resourceServerScopes.length > 0, `${prop}.resourceServerScopes`,
        'must hold at least one scope: Cognito refuses the client credentials grant without a custom scope', client.resourceServerScopes);
    }
    if (client.usesHostedUi) {
      check(client.callbackUrls.length >= 1 && client.callbackUrls.length <= 100, `${prop}.callbackUrls`,
        'must hold 1 to 100 URLs', client.callbackUrls);
      check(client.logoutUrls.length <= 100, `${prop}.logoutUrls`, 'must hold at most 100 URLs', client.logoutUrls);
      client.callbackUrls.forEach((u) => validateRedirectUrl(`${prop}.callbackUrls`, u));
      client.logoutUrls.forEach((u) => validateRedirectUrl(`${prop}.logoutUrls`, u));
      for (const scope of client.oidcScopes) {
        check([...OIDC_SCOPES, COGNITO_ADMIN_SCOPE].includes(scope), `${prop}.oidcScopes`,
          `must be ${OIDC_SCOPES.join(', ')} or ${COGNITO_ADMIN_SCOPE}`, scope);
      }
      check(!client.oidcScopes.some((s) => CLAIM_ONLY_SCOPES.includes(s)) || client.oidcScopes.includes('openid'),
        `${prop}.oidcScopes`, 'must include openid when it includes email, phone or profile', client.oidcScopes);
      check(client.oidcScopes.length + client.resourceServerScopes.length > 0, `${prop}.oidcScopes`,
        'and resourceServerScopes must not both be empty: the access token would carry no scope the API accepts', client.oidcScopes);
    }
    validateValidity(`${prop}.accessTokenValidity`, client.accessTokenValidity, Duration.minutes(5), Duration.days(1));
    if (client.kind !== AppClientKind.MACHINE) {
      validateValidity(`${prop}.idTokenValidity`, client.idTokenValidity, Duration.minutes(5), Duration.days(1));
      validateValidity(`${prop}.refreshTokenValidity`, client.refreshTokenValidity, Duration.minutes(60), Duration.days(3650));
      check(client.refreshTokenValidity.toMinutes({ integral: false }) > client.accessTokenValidity.toMinutes({ integral: false }),
        `${prop}.refreshTokenValidity`,
        `must be longer than accessTokenValidity (${client.accessTokenValidity.toHumanString()})`, client.refreshTokenValidity);
      check(client.refreshTokenValidity.toMinutes({ integral: false }) >= client.idTokenValidity.toMinutes({ integral: false }),
        `${prop}.refreshTokenValidity`,
        `must not be shorter than idTokenValidity (${client.idTokenValidity.toHumanString()})`, client.refreshTokenValidity);
    }
  }
}

function validateValidity(prop: string, value: Duration, min: Duration, max: Duration): void {
  if (Token.isUnresolved(value.toMinutes({ integral: false }))) return;
  const minutes = value.toMinutes({ integral: false });
  check(minutes >= min.toMinutes() && minutes <= max.toMinutes(), prop,
    `must be between ${min.toHumanString()} and ${max.toHumanString()}`, value);
}

/**
 * Cognito's rules for redirect URLs: absolute, HTTPS except on the loopback host, no fragment.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html#CognitoUserPools-CreateUserPoolClient-request-CallbackURLs
 */
function validateRedirectUrl(prop: string, value: string): void {
  if (!isConcrete(value)) return;
  // new URL() would percent-encode a space; Cognito's pattern refuses any whitespace.
  check(!/\s/.test(value), prop, 'must not contain whitespace', value);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    check(false, prop, 'must hold absolute URLs', value);
    return;
  }
  const loopback = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
  check(url.protocol === 'https:' || (url.protocol === 'http:' && loopback) || !/^https?:$/.test(url.protocol),
    prop, 'must use https (http is allowed only for localhost and 127.0.0.1)', value);
  check(!value.includes('#'), prop, 'must not contain a fragment (#)', value);
  // https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html: redirect_uri
  // must match a callback URL of the client exactly; Cognito has no wildcard matching.
  check(!value.includes('*'), prop, 'must be exact URLs: Cognito matches redirect_uri exactly, so a wildcard (*) never matches', value);
  check(value.length <= 1024, prop, 'must be at most 1024 characters', value);
}
