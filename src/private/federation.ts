import { Stack, Token } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { check, isConcrete } from './validate';
import type { AppClient } from '../app-client';
import { IdentityProvider, IdentityProviderKind } from '../identity-provider';

/** CloudFormation's limit on dynamic references in one template. */
const MAX_DYNAMIC_REFERENCES = 60;

/** Names Cognito reserves for its own and the social providers. */
const RESERVED_NAMES = ['cognito', 'google', 'signinwithapple', 'facebook', 'loginwithamazon'];

export interface FederationProps {
  readonly userPool: cognito.IUserPool;
  readonly providers: IdentityProvider[];
}

/**
 * The user pool's federated identity providers, one L2 each, with the provider's name as the
 * child id (a changed id, like a changed name, replaces the provider).
 */
export class Federation extends Construct {
  /** The providers, keyed by their name in the pool. */
  public readonly byName: Record<string, cognito.IUserPoolIdentityProvider> = {};

  constructor(scope: Construct, id: string, props: FederationProps) {
    super(scope, id);
    for (const p of props.providers) {
      this.byName[p.name] = this.create(p, props.userPool);
    }
  }

  private create(p: IdentityProvider, userPool: cognito.IUserPool): cognito.IUserPoolIdentityProvider {
    const common = { userPool, attributeMapping: p.attributeMapping };
    switch (p.kind) {
      case IdentityProviderKind.GOOGLE:
        return new cognito.UserPoolIdentityProviderGoogle(this, p.name, {
          ...common, clientId: p.clientId!, clientSecretValue: p.secret!, scopes: p.scopes,
        });
      case IdentityProviderKind.APPLE:
        return new cognito.UserPoolIdentityProviderApple(this, p.name, {
          ...common, clientId: p.clientId!, teamId: p.appleTeamId!, keyId: p.appleKeyId!, privateKeyValue: p.secret!, scopes: p.scopes,
        });
      case IdentityProviderKind.OIDC:
        return new cognito.UserPoolIdentityProviderOidc(this, p.name, {
          ...common,
          name: p.name,
          clientId: p.clientId!,
          // The L2 takes a string: the secret's token resolves to a dynamic reference
          // ({{resolve:secretsmanager:...}}), never to the secret itself (plain text is refused).
          clientSecret: p.secret!.unsafeUnwrap(),
          issuerUrl: p.issuerUrl!,
          scopes: p.scopes,
          attributeRequestMethod: cognito.OidcAttributeRequestMethod.GET,
        });
      default:
        return new cognito.UserPoolIdentityProviderSaml(this, p.name, {
          ...common, name: p.name, metadata: p.samlMetadata!, idpSignout: p.samlIdpSignout,
        });
    }
  }
}

/**
 * Cognito's rules for providers and for the clients that name them.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateIdentityProvider.html
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html#CognitoUserPools-CreateUserPoolClient-request-SupportedIdentityProviders
 */
export function validateFederation(scope: Construct, providers: IdentityProvider[], clients: AppClient[]): void {
  const names = providers.map((p) => p.name);
  // "Dynamic references per template: 60"; each provider's secret is one.
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html
  const secrets = providers.filter((p) => p.secret).length;
  check(secrets <= MAX_DYNAMIC_REFERENCES, 'identityProviders',
    `must hold at most ${MAX_DYNAMIC_REFERENCES} providers with a secret: each secret is a dynamic reference, and CloudFormation resolves at most ${MAX_DYNAMIC_REFERENCES} in a template`, secrets);
  const seen = new Set<string>();
  for (const p of providers) {
    const prop = `identityProviders[${p.name}]`;
    check(!seen.has(p.name.toLowerCase()), 'identityProviders', 'names must be unique (case-insensitive)', p.name);
    seen.add(p.name.toLowerCase());
    if ((p.kind === IdentityProviderKind.OIDC || p.kind === IdentityProviderKind.SAML) && isConcrete(p.name)) {
      check(/^[^_\s]\S{1,30}[^_\s]$/u.test(p.name), prop, 'name must be 3 to 32 characters without whitespace, not starting or ending with _', p.name);
      check(!RESERVED_NAMES.includes(p.name.toLowerCase()), prop,
        'name must not be a name Cognito reserves (COGNITO, Google, SignInWithApple, Facebook, LoginWithAmazon)', p.name);
    }
    if (p.secret) validateSecret(scope, prop, p);
    if (p.kind === IdentityProviderKind.OIDC && isConcrete(p.issuerUrl)) {
      check(/^https:\/\/[^\s/]+(\/\S*)?$/.test(p.issuerUrl!), prop, 'issuerUrl must be an https URL', p.issuerUrl);
    }
  }
  for (const client of clients) {
    const prop = `clients[${client.name}]`;
    for (const name of client.identityProviders) {
      check(!isConcrete(name) || names.includes(name), `${prop}.identityProviders`,
        `must name providers of \`identityProviders\` (${names.join(', ') || 'none defined'})`, name);
    }
    check(new Set(client.identityProviders).size === client.identityProviders.length, `${prop}.identityProviders`,
      'must not repeat a provider', client.identityProviders);
    if (client.usesHostedUi) {
      check(client.cognitoSignIn || client.identityProviders.length > 0, `${prop}.cognitoSignIn`,
        'can be false only with at least one of `identityProviders`: the client would offer no way to sign in', client.cognitoSignIn);
    }
  }
}

/**
 * A provider's secret must reach Cognito through a reference CloudFormation resolves in
 * `ProviderDetails`: a plain-text secret would sit in the template; an `ssm-secure` reference is
 * resolved only in the resource properties CloudFormation lists ("Secure strings can only be used
 * for resource properties that support the ssm-secure dynamic reference pattern"), and
 * `AWS::Cognito::UserPoolIdentityProvider` is not among them (cfn-lint E1027 agrees). Secrets
 * Manager references are resolved in any property.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references-ssm-secure-strings.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references-secretsmanager.html
 */
function validateSecret(scope: Construct, prop: string, p: IdentityProvider): void {
  const what = p.kind === IdentityProviderKind.APPLE ? 'privateKey' : 'clientSecret';
  const raw = p.secret!.unsafeUnwrap();
  check(Token.isUnresolved(raw), prop,
    `${what} must come from Secrets Manager or a NoEcho parameter, not plain text written into the template`, '(plain text, not shown)');
  const resolved = JSON.stringify(Stack.of(scope).resolve(raw));
  const ssmSecure = /\{\{resolve:ssm-secure:[^}]*\}\}/.exec(resolved);
  check(ssmSecure === null, prop,
    `${what} must come from Secrets Manager (\`SecretValue.secretsManager()\`) or a NoEcho parameter (\`SecretValue.cfnParameter()\`): `
    + 'CloudFormation resolves ssm-secure references only in the resource properties it lists, and a provider\'s ProviderDetails is not one',
    ssmSecure?.[0]);
}

/**
 * The `SupportedIdentityProviders` of a hosted-UI client: exactly what it uses, COGNITO only when
 * it offers the pool's own accounts.
 */
export function supportedProviders(client: AppClient): cognito.UserPoolClientIdentityProvider[] {
  return [
    ...(client.cognitoSignIn ? [cognito.UserPoolClientIdentityProvider.COGNITO] : []),
    ...client.identityProviders.map((n) => cognito.UserPoolClientIdentityProvider.custom(n)),
  ];
}
