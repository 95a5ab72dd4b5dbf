import { Duration } from 'aws-cdk-lib';
import type { LoginBranding } from './branding';
import type { ClientSecretOptions, MachineTokenOptions } from './machine-tokens';
import { RefreshTokenRotation } from './refresh-token-rotation';
import type { TermsDocuments } from './terms';

/**
 * The kinds of app client, one per OAuth 2.0 / Cognito sign-in flow.
 */
export enum AppClientKind {
  /** Authorization code grant with PKCE and no client secret: browsers, mobile and desktop apps. */
  WEB = 'WEB',
  /** Authorization code grant with a client secret: server-side web apps. */
  CONFIDENTIAL_WEB = 'CONFIDENTIAL_WEB',
  /** Implicit grant: tokens in the redirect URL. Discouraged by OAuth 2.0 Security BCP. */
  IMPLICIT = 'IMPLICIT',
  /** Client credentials grant with a secret and resource-server scopes: machine to machine. */
  MACHINE = 'MACHINE',
  /** InitiateAuth USER_PASSWORD_AUTH with a secret (SECRET_HASH): scripts and CLIs. */
  PASSWORD_AUTH = 'PASSWORD_AUTH',
}

/**
 * Token lifetimes shared by every client kind.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-with-identity-providers.html
 */
export interface AppClientTokenOptions {
  /**
   * How long an access token is valid. Between 5 minutes and 1 day.
   *
   * @default Duration.minutes(60)
   */
  readonly accessTokenValidity?: Duration;

  /**
   * How long an ID token is valid. Between 5 minutes and 1 day. Ignored by machine clients,
   * which receive no ID token.
   *
   * @default Duration.minutes(60)
   */
  readonly idTokenValidity?: Duration;

  /**
   * How long a refresh token is valid. Between 60 minutes and 10 years, and longer than the
   * access token. Ignored by machine clients, which receive no refresh token.
   *
   * @default Duration.days(30)
   */
  readonly refreshTokenValidity?: Duration;
}

/**
 * Options of a client that signs users in through the hosted UI (managed login).
 */
export interface HostedUiClientOptions extends AppClientTokenOptions, ClientSecretOptions {
  /**
   * Where the hosted UI may redirect after sign-in. Absolute URLs; `https` except for
   * `http://localhost` and `http://127.0.0.1`; no fragment. The first one is used in the
   * sign-in and sign-up URLs that the construct outputs.
   *
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-app-idp-settings.html
   */
  readonly callbackUrls: string[];

  /**
   * Where the hosted UI may redirect after sign-out. Same rules as `callbackUrls`.
   *
   * @default - no sign-out redirect is allowed
   */
  readonly logoutUrls?: string[];

  /**
   * OpenID Connect scopes the client may request: `openid`, `email`, `phone`, `profile`,
   * `aws.cognito.signin.user.admin`.
   *
   * @default ['openid', 'email', 'profile']
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-define-resource-servers.html
   */
  readonly oidcScopes?: string[];

  /**
   * Names of the resource server's scopes the client may request (`read`, not `api/read`).
   *
   * @default - no custom scope: the access token carries only the OIDC scopes
   */
  readonly resourceServerScopes?: string[];

  /**
   * Names of the federated identity providers (`identityProviders` of the construct) that this
   * client offers in managed login, e.g. `['Google', 'Corp']`. A name the construct does not
   * define is refused. The client's `SupportedIdentityProviders` lists exactly these, plus
   * `COGNITO` when `cognitoSignIn` is on.
   *
   * @default - no federated provider: users sign in with the pool's own accounts only
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-identity-federation.html
   */
  readonly identityProviders?: string[];

  /**
   * Whether the client also offers sign-in with the pool's own accounts (password, and the
   * passkeys and one-time codes of `signIn`), `COGNITO` in `SupportedIdentityProviders`. Turn it
   * off for a client that only federates; it then needs at least one of `identityProviders`.
   *
   * @default true
   */
  readonly cognitoSignIn?: boolean;

  /**
   * The managed login branding style of this client, instead of the construct's `branding`.
   *
   * @default - the construct's `branding`
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/managed-login-brandingeditor.html
   */
  readonly branding?: LoginBranding;

  /**
   * Whether each refresh returns a new refresh token (the token endpoint's `refresh_token` grant,
   * GetTokensFromRefreshToken). Refused on implicit clients, which receive no refresh token.
   *
   * @default - RefreshTokenRotation.enabled() (10 s grace period) for `web()`, whose refresh token
   * lives in a browser or device; RefreshTokenRotation.disabled() for `confidentialWeb()`, whose
   * refresh token is useless without its secret, and for `implicit()`
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-refresh-token.html#using-the-refresh-token-rotation
   */
  readonly refreshTokenRotation?: RefreshTokenRotation;

  /**
   * The terms of use and privacy policy that managed login links to on this client's sign-up page.
   * Needs managed login and a sign-up mode other than ADMIN_ONLY.
   *
   * @default - no terms documents
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-managed-login.html#managed-login-terms-documents
   */
  readonly terms?: TermsDocuments;
}

/**
 * Options of a machine-to-machine client (client credentials grant).
 */
export interface MachineClientOptions extends AppClientTokenOptions, MachineTokenOptions, ClientSecretOptions {
  /**
   * Names of the resource server's scopes the client may request (`read`, not `api/read`).
   * Cognito requires at least one custom scope for the client credentials grant.
   */
  readonly resourceServerScopes: string[];
}

/**
 * Options of a script or CLI client that signs in with InitiateAuth USER_PASSWORD_AUTH.
 */
export interface PasswordAuthClientOptions extends AppClientTokenOptions, ClientSecretOptions {
  /**
   * Whether the client has a secret, so that every InitiateAuth call carries a SECRET_HASH
   * (the brief's Method 1 and 2). A client without one can be used by anyone who knows its id.
   *
   * @default true
   */
  readonly generateSecret?: boolean;

  /**
   * Whether each refresh returns a new refresh token. With rotation on, the script must refresh
   * with GetTokensFromRefreshToken: Cognito refuses InitiateAuth REFRESH_TOKEN_AUTH.
   *
   * @default RefreshTokenRotation.disabled() - the brief's scripts and the AWS CLI refresh with REFRESH_TOKEN_AUTH
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-refresh-token.html#using-the-refresh-token-rotation
   */
  readonly refreshTokenRotation?: RefreshTokenRotation;
}

/**
 * An app client of the user pool. Create one with a factory method per flow; flows are never
 * mixed (Cognito refuses client_credentials beside code or implicit).
 *
 * @example
 * const clients = [
 *   AppClient.web('spa', { callbackUrls: ['https://app.example.com/callback'] }),
 *   AppClient.machine('reporting', { resourceServerScopes: ['read'] }),
 *   AppClient.passwordAuth('cli'),
 * ];
 */
export class AppClient {
  /**
   * A public client for browsers and native apps: authorization code grant, to be used with PKCE
   * (S256). No secret, since a browser cannot keep one.
   *
   * @param name client name, unique in the construct: letters, digits and hyphens, starting with a letter
   * @param options callback and sign-out URLs, scopes and token lifetimes
   */
  public static web(name: string, options: HostedUiClientOptions): AppClient {
    return AppClient.hostedUi(AppClientKind.WEB, name, options, false);
  }

  /**
   * A server-side web app: authorization code grant with a client secret.
   *
   * @param name client name, unique in the construct: letters, digits and hyphens, starting with a letter
   * @param options callback and sign-out URLs, scopes and token lifetimes
   */
  public static confidentialWeb(name: string, options: HostedUiClientOptions): AppClient {
    return AppClient.hostedUi(AppClientKind.CONFIDENTIAL_WEB, name, options, true);
  }

  /**
   * The implicit grant (`response_type=token`), as in the brief's SignupGetTokenURL. The access
   * token travels in the redirect URL and no refresh token is issued; prefer `web()` with PKCE.
   * The construct adds a warning annotation when you use it.
   *
   * @param name client name, unique in the construct: letters, digits and hyphens, starting with a letter
   * @param options callback and sign-out URLs, scopes and token lifetimes
   */
  public static implicit(name: string, options: HostedUiClientOptions): AppClient {
    return AppClient.hostedUi(AppClientKind.IMPLICIT, name, options, false);
  }

  /**
   * A machine-to-machine client: client credentials grant with a secret, limited to the given
   * resource-server scopes. Its access token names the client (`client_id`), not a user.
   *
   * @param name client name, unique in the construct: letters, digits and hyphens, starting with a letter
   * @param options the resource-server scopes the client may request, and its access token lifetime
   */
  public static machine(name: string, options: MachineClientOptions): AppClient {
    return new AppClient(name, AppClientKind.MACHINE, true, options, [], [], [], options.resourceServerScopes, [], true, undefined, {
      accessTokenClaims: { ...options.accessTokenClaims },
      extraScopes: [...options.extraScopes ?? []],
      clientMetadataClaims: [...options.clientMetadataClaims ?? []],
    });
  }

  /**
   * A client for scripts and CLIs that call InitiateAuth with USER_PASSWORD_AUTH, the brief's
   * Method 1 and 2. It has a secret by default and no OAuth flow.
   *
   * @param name client name, unique in the construct: letters, digits and hyphens, starting with a letter
   * @param options whether the client has a secret, and token lifetimes; by default a secret and the default lifetimes
   */
  public static passwordAuth(name: string, options: PasswordAuthClientOptions = {}): AppClient {
    return new AppClient(name, AppClientKind.PASSWORD_AUTH, options.generateSecret ?? true, options, [], [], [], [], [], true,
      undefined, undefined, { refreshTokenRotation: options.refreshTokenRotation });
  }

  private static hostedUi(kind: AppClientKind, name: string, options: HostedUiClientOptions, secret: boolean): AppClient {
    return new AppClient(name, kind, secret, options, options.callbackUrls, options.logoutUrls ?? [],
      options.oidcScopes ?? ['openid', 'email', 'profile'], options.resourceServerScopes ?? [],
      options.identityProviders ?? [], options.cognitoSignIn ?? true, options.branding, undefined,
      { refreshTokenRotation: options.refreshTokenRotation, terms: options.terms });
  }

  /** The client's name: its construct id, its ClientName and the suffix of its outputs. */
  public readonly name: string;
  /** The flow of this client. */
  public readonly kind: AppClientKind;
  /** Whether Cognito generates a client secret. */
  public readonly generateSecret: boolean;
  /** Allowed sign-in redirect URLs (hosted-UI clients only). */
  public readonly callbackUrls: string[];
  /** Allowed sign-out redirect URLs (hosted-UI clients only). */
  public readonly logoutUrls: string[];
  /** OpenID Connect scopes the client may request. */
  public readonly oidcScopes: string[];
  /** Names of the resource server's scopes the client may request. */
  public readonly resourceServerScopes: string[];
  /** Access token lifetime. */
  public readonly accessTokenValidity: Duration;
  /** ID token lifetime. */
  public readonly idTokenValidity: Duration;
  /** Refresh token lifetime. */
  public readonly refreshTokenValidity: Duration;
  /** Names of the federated identity providers the client offers (hosted-UI clients only). */
  public readonly identityProviders: string[];
  /** Whether the client offers sign-in with the pool's own accounts (hosted-UI clients only). */
  public readonly cognitoSignIn: boolean;
  /** The client's own managed login branding style, if any. */
  public readonly branding?: LoginBranding;
  /** What the pre-token-generation trigger writes into this machine client's access tokens (machine clients only). */
  public readonly machineTokens?: MachineTokenOptions;
  /** How often the client's secret rotates in Secrets Manager (undefined: not kept there). */
  public readonly secretRotation?: Duration;
  /** Whether the client rotates refresh tokens (the kind's default unless the options set it). */
  public readonly refreshTokenRotation: RefreshTokenRotation;
  /** The terms documents managed login shows on the client's sign-up page, if any. */
  public readonly terms?: TermsDocuments;

  private constructor(name: string, kind: AppClientKind, generateSecret: boolean, tokens: AppClientTokenOptions,
    callbackUrls: string[], logoutUrls: string[], oidcScopes: string[], resourceServerScopes: string[],
    identityProviders: string[] = [], cognitoSignIn = true, branding?: LoginBranding, machineTokens?: MachineTokenOptions,
    features: ClientTokenFeatures = {}) {
    this.name = name;
    this.kind = kind;
    this.generateSecret = generateSecret;
    this.callbackUrls = [...callbackUrls];
    this.logoutUrls = [...logoutUrls];
    this.oidcScopes = [...oidcScopes];
    this.resourceServerScopes = [...resourceServerScopes];
    this.accessTokenValidity = tokens.accessTokenValidity ?? Duration.minutes(60);
    this.idTokenValidity = tokens.idTokenValidity ?? Duration.minutes(60);
    this.refreshTokenValidity = tokens.refreshTokenValidity ?? Duration.days(30);
    this.identityProviders = [...identityProviders];
    this.cognitoSignIn = cognitoSignIn;
    this.branding = branding;
    this.machineTokens = machineTokens;
    this.secretRotation = (tokens as ClientSecretOptions).secretRotation;
    // Only web clients rotate refresh tokens by default: their refresh token lives in a browser or a
    // device and is bound to no secret; scripts refresh with REFRESH_TOKEN_AUTH, which rotation
    // refuses (docs/decisions/065-refresh-token-rotation.md).
    this.refreshTokenRotation = features.refreshTokenRotation
      ?? (kind === AppClientKind.WEB ? RefreshTokenRotation.enabled() : RefreshTokenRotation.disabled());
    this.terms = features.terms;
  }

  /** Whether users sign in to this client through the hosted UI (code or implicit grant). */
  public get usesHostedUi(): boolean {
    return this.kind === AppClientKind.WEB || this.kind === AppClientKind.CONFIDENTIAL_WEB || this.kind === AppClientKind.IMPLICIT;
  }
}

/** The token features a factory passes on (kept apart from the positional arguments). */
interface ClientTokenFeatures {
  readonly refreshTokenRotation?: RefreshTokenRotation;
  readonly terms?: TermsDocuments;
}
