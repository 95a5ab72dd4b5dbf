import { Annotations, Duration } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { supportedProviders } from './federation';
import { brandClient, validateTemplateBudget } from './managed-login-branding';
import { AppClient, AppClientKind } from '../app-client';
import { LoginBranding } from '../branding';

/** The scope every InitiateAuth access token carries, and the only one. */
export const COGNITO_ADMIN_SCOPE = 'aws.cognito.signin.user.admin';
/** Scopes that only add claims to the ID token; they never identify an API caller on their own. */
const CLAIM_ONLY_SCOPES = new Set(['email', 'phone', 'profile']);

export interface ClientsProps {
  readonly userPool: cognito.IUserPool;
  readonly resourceServer: cognito.UserPoolResourceServer;
  readonly resourceServerIdentifier: string;
  readonly clients: AppClient[];
  readonly managedLoginVersion: cognito.ManagedLoginVersion;
  /** The pool's feature plan: ALLOW_USER_AUTH (choice-based sign-in) needs Essentials or Plus. */
  readonly featurePlan: cognito.FeaturePlan;
  /** The federated providers by name; a client depends on those it names (#14). */
  readonly identityProviders?: Record<string, cognito.IUserPoolIdentityProvider>;
  /** The branding style of hosted-UI clients without their own (#14). */
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
    const scopes = new Set<string>();
    for (const spec of props.clients) {
      const client = this.createClient(spec, props);
      this.byName[spec.name] = client;
      for (const s of accessTokenScopes(spec, props.resourceServerIdentifier)) scopes.add(s);
    }
    this.apiScopes = [...scopes];
    if (props.managedLoginVersion === cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN) {
      validateTemplateBudget(this, props.clients.filter((c) => c.usesHostedUi)
        .map((c) => ({ client: c.name, branding: c.branding ?? props.branding ?? LoginBranding.cognitoDefault() })));
    }
  }

  private createClient(spec: AppClient, props: ClientsProps): cognito.UserPoolClient {
    // Literal `<identifier>/<scope>` strings (readable templates) plus an explicit dependency:
    // Cognito refuses a client whose scope the resource server does not define yet.
    const custom = spec.resourceServerScopes.map((s) => cognito.OAuthScope.custom(`${props.resourceServerIdentifier}/${s}`));
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
        scopes: [...spec.oidcScopes.map((s) => cognito.OAuthScope.custom(s)), ...custom],
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
    });
    if (custom.length > 0) {
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
 * The scopes an access token of this client carries that can identify it to the API:
 * InitiateAuth tokens carry only `aws.cognito.signin.user.admin`; hosted-UI tokens carry the
 * granted OIDC and custom scopes; machine tokens carry their custom scopes.
 */
export function accessTokenScopes(spec: AppClient, identifier: string): string[] {
  const custom = spec.resourceServerScopes.map((s) => `${identifier}/${s}`);
  switch (spec.kind) {
    case AppClientKind.PASSWORD_AUTH:
      return [COGNITO_ADMIN_SCOPE];
    case AppClientKind.MACHINE:
      return custom;
    default:
      return [...spec.oidcScopes.filter((s) => !CLAIM_ONLY_SCOPES.has(s)), ...custom];
  }
}
