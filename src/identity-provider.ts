import type { SecretValue } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';

/** The kinds of federated identity provider. */
export enum IdentityProviderKind {
  /** Sign in with Google (OAuth 2.0 / OIDC). */
  GOOGLE = 'GOOGLE',
  /** Sign in with Apple. */
  APPLE = 'APPLE',
  /** Any OpenID Connect provider (Okta, Entra ID, Auth0...). */
  OIDC = 'OIDC',
  /** Any SAML 2.0 provider (Entra ID, ADFS, Okta...). */
  SAML = 'SAML',
}

/** Options every provider shares. */
export interface IdentityProviderBaseOptions {
  /**
   * How the provider's claims fill the user pool's attributes. Map at least what the pool
   * requires (the e-mail address with the default sign-in aliases), or sign-in fails.
   *
   * @default - the e-mail address only: `email` from the provider's e-mail claim
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-specifying-attribute-mapping.html
   */
  readonly attributeMapping?: cognito.AttributeMapping;
}

/** Options of Sign in with Google. */
export interface GoogleProviderOptions extends IdentityProviderBaseOptions {
  /** The OAuth client id that Google issued for your app. */
  readonly clientId: string;
  /**
   * The OAuth client secret, from Secrets Manager (`SecretValue.secretsManager()`) or a NoEcho
   * parameter (`SecretValue.cfnParameter()`). A plain-text secret would be written into the
   * template, and is refused; so is `SecretValue.ssmSecure()`, since CloudFormation does not
   * resolve SSM SecureString references in an identity provider's properties.
   *
   * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references-ssm-secure-strings.html
   */
  readonly clientSecret: SecretValue;
  /**
   * The scopes to request from Google.
   *
   * @default ['openid', 'email', 'profile']
   */
  readonly scopes?: string[];
}

/** Options of Sign in with Apple. */
export interface AppleProviderOptions extends IdentityProviderBaseOptions {
  /** The Apple services id (client id). */
  readonly servicesId: string;
  /** The Apple developer team id. */
  readonly teamId: string;
  /** The id of the private key. */
  readonly keyId: string;
  /**
   * The private key (PEM), from Secrets Manager or a NoEcho parameter; a plain-text key and
   * `SecretValue.ssmSecure()` are refused (see `GoogleProviderOptions.clientSecret`).
   */
  readonly privateKey: SecretValue;
  /**
   * The scopes to request from Apple.
   *
   * @default ['email', 'name']
   */
  readonly scopes?: string[];
}

/** Options of an OpenID Connect provider. */
export interface OidcProviderOptions extends IdentityProviderBaseOptions {
  /**
   * The provider's name in the pool, the name clients list in `identityProviders` and the
   * button label in managed login: 3 to 32 characters, no whitespace, not a reserved name
   * (Google, SignInWithApple, Facebook, LoginWithAmazon, COGNITO). Changing it replaces the
   * provider, and users who signed in through it become new users.
   */
  readonly name: string;
  /** The client id the provider issued. */
  readonly clientId: string;
  /**
   * The client secret, from Secrets Manager or a NoEcho parameter; a plain-text secret and
   * `SecretValue.ssmSecure()` are refused (see `GoogleProviderOptions.clientSecret`).
   */
  readonly clientSecret: SecretValue;
  /** The issuer URL, `https://...`: Cognito discovers the endpoints from it. */
  readonly issuerUrl: string;
  /**
   * The scopes to request.
   *
   * @default ['openid', 'email', 'profile']
   */
  readonly scopes?: string[];
}

/** Options of a SAML 2.0 provider. */
export interface SamlProviderOptions extends IdentityProviderBaseOptions {
  /**
   * The provider's name in the pool: same rules as `OidcProviderOptions.name`.
   */
  readonly name: string;
  /** The provider's metadata: a URL or the document itself. */
  readonly metadata: cognito.UserPoolIdentityProviderSamlMetadata;
  /**
   * Whether Cognito signs users out of the provider too when they sign out.
   *
   * @default false
   */
  readonly idpSignout?: boolean;
}

/** The claim that carries the e-mail address in most SAML providers. */
const SAML_EMAIL_CLAIM = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress';

/**
 * A federated identity provider of the user pool. Hosted-UI clients offer it when they list its
 * `name` in `identityProviders`. Secrets are `SecretValue`s and never appear in the template or
 * in an output.
 *
 * Each provider costs nothing by itself; federated users count as MAU (SAML and OIDC users at a
 * higher rate in the Lite plan).
 *
 * @example
 * import { SecretValue } from 'aws-cdk-lib';
 * import { IdentityProvider } from 'cdk-secure-cognito-api';
 *
 * const google = IdentityProvider.google({
 *   clientId: '1234.apps.googleusercontent.com',
 *   clientSecret: SecretValue.secretsManager('google-client-secret'),
 * });
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-identity-federation.html
 */
export class IdentityProvider {
  /**
   * Sign in with Google; its name in the pool is `Google`.
   *
   * @param options the OAuth client, its secret, scopes and attribute mapping
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-social-idp.html
   */
  public static google(options: GoogleProviderOptions): IdentityProvider {
    return new IdentityProvider(IdentityProviderKind.GOOGLE, 'Google', options.clientId, options.clientSecret,
      options.scopes ?? ['openid', 'email', 'profile'],
      options.attributeMapping ?? { email: cognito.ProviderAttribute.GOOGLE_EMAIL });
  }

  /**
   * Sign in with Apple; its name in the pool is `SignInWithApple`.
   *
   * @param options the services id, team, key and its private key, scopes and attribute mapping
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-social-idp.html
   */
  public static apple(options: AppleProviderOptions): IdentityProvider {
    return new IdentityProvider(IdentityProviderKind.APPLE, 'SignInWithApple', options.servicesId, options.privateKey,
      options.scopes ?? ['email', 'name'], options.attributeMapping ?? { email: cognito.ProviderAttribute.APPLE_EMAIL },
      [options.teamId, options.keyId]);
  }

  /**
   * An OpenID Connect provider.
   *
   * @param options its name, client, secret, issuer, scopes and attribute mapping
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-oidc-idp.html
   */
  public static oidc(options: OidcProviderOptions): IdentityProvider {
    return new IdentityProvider(IdentityProviderKind.OIDC, options.name, options.clientId, options.clientSecret,
      options.scopes ?? ['openid', 'email', 'profile'], options.attributeMapping ?? { email: cognito.ProviderAttribute.other('email') },
      [undefined, undefined, options.issuerUrl]);
  }

  /**
   * A SAML 2.0 provider.
   *
   * @param options its name, metadata, sign-out and attribute mapping
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-saml-idp.html
   */
  public static saml(options: SamlProviderOptions): IdentityProvider {
    return new IdentityProvider(IdentityProviderKind.SAML, options.name, undefined, undefined, [],
      options.attributeMapping ?? { email: cognito.ProviderAttribute.other(SAML_EMAIL_CLAIM) },
      [undefined, undefined, undefined], options.metadata, options.idpSignout ?? false);
  }

  /** The kind of provider. */
  public readonly kind: IdentityProviderKind;
  /** The provider's name in the user pool, as clients list it in `identityProviders`. */
  public readonly name: string;
  /** The OAuth client id (Google, OIDC) or services id (Apple); undefined for SAML. */
  public readonly clientId?: string;
  /** The client secret (Google, OIDC) or private key (Apple); undefined for SAML. */
  public readonly secret?: SecretValue;
  /** The scopes requested from the provider (empty for SAML). */
  public readonly scopes: string[];
  /** How the provider's claims map to the pool's attributes. */
  public readonly attributeMapping: cognito.AttributeMapping;
  /** The Apple team id (Apple only). */
  public readonly appleTeamId?: string;
  /** The Apple key id (Apple only). */
  public readonly appleKeyId?: string;
  /** The issuer URL (OIDC only). */
  public readonly issuerUrl?: string;
  /** The SAML metadata (SAML only). */
  public readonly samlMetadata?: cognito.UserPoolIdentityProviderSamlMetadata;
  /** Whether sign-out reaches the SAML provider (SAML only). */
  public readonly samlIdpSignout: boolean;

  private constructor(kind: IdentityProviderKind, name: string, clientId: string | undefined, secret: SecretValue | undefined,
    scopes: string[], attributeMapping: cognito.AttributeMapping, details: (string | undefined)[] = [],
    samlMetadata?: cognito.UserPoolIdentityProviderSamlMetadata, samlIdpSignout = false) {
    this.kind = kind;
    this.name = name;
    this.clientId = clientId;
    this.secret = secret;
    this.scopes = [...scopes];
    this.attributeMapping = attributeMapping;
    [this.appleTeamId, this.appleKeyId, this.issuerUrl] = details;
    this.samlMetadata = samlMetadata;
    this.samlIdpSignout = samlIdpSignout;
  }
}
