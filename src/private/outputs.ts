import { CfnOutput, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { AppClient, AppClientKind } from '../app-client';

export interface OutputsProps {
  readonly apiUrl: string;
  readonly issuer: string;
  readonly hostedUiUrl: string;
  readonly userPoolId: string;
  readonly resourceServerIdentifier: string;
  /** Whether users may sign up (no sign-up URL otherwise). */
  readonly signUp: boolean;
  readonly clients: { readonly spec: AppClient; readonly clientId: string }[];
}

/**
 * CloudFormation outputs: what a user needs to call the API, and the hosted-UI URLs the brief
 * assembled by hand (SignupGetTokenURL, SignupGetCodeURL). Never a client secret.
 */
export function defineOutputs(scope: Construct, props: OutputsProps): void {
  const outputs = new Construct(scope, 'Outputs');
  new CfnOutput(outputs, 'ApiUrl', { value: props.apiUrl, description: 'URL of the HTTP API' });
  new CfnOutput(outputs, 'UserPoolId', { value: props.userPoolId, description: 'Id of the Cognito user pool' });
  new CfnOutput(outputs, 'Issuer', { value: props.issuer, description: 'Issuer the JWT authorizer trusts' });
  new CfnOutput(outputs, 'HostedUiUrl', { value: props.hostedUiUrl, description: 'Base URL of the hosted UI (managed login)' });
  new CfnOutput(outputs, 'TokenEndpoint', {
    value: `${props.hostedUiUrl}/oauth2/token`,
    description: 'OAuth 2.0 token endpoint (authorization_code, refresh_token, client_credentials)',
  });
  for (const { spec, clientId } of props.clients) {
    const suffix = spec.name;
    new CfnOutput(outputs, `ClientId-${suffix}`, {
      value: clientId,
      description: `Client id of the ${describeKind(spec.kind)} app client "${spec.name}"`,
    });
    if (!spec.usesHostedUi) continue;
    const implicit = spec.kind === AppClientKind.IMPLICIT;
    const query = authorizeQuery(spec, clientId, props.resourceServerIdentifier);
    const pkce = spec.kind === AppClientKind.WEB
      ? ' Append &code_challenge=<BASE64URL(SHA256(verifier))>&code_challenge_method=S256 (PKCE).' : '';
    new CfnOutput(outputs, `SignInUrl-${suffix}`, {
      value: `${props.hostedUiUrl}/oauth2/authorize?${query}`,
      description: `Hosted-UI sign-in for "${spec.name}", returns ${implicit ? 'tokens' : 'a code'} to ${first(spec.callbackUrls)}.${pkce}`,
    });
    if (!props.signUp) continue;
    new CfnOutput(outputs, `SignUpUrl-${suffix}`, {
      value: `${props.hostedUiUrl}/signup?${query}`,
      description: `Hosted-UI sign-up for "${spec.name}" (the brief's ${implicit ? 'SignupGetTokenURL' : 'SignupGetCodeURL'}).${pkce}`,
    });
  }
}

/** The query of /oauth2/authorize and /signup: every literal part URL-encoded. */
export function authorizeQuery(spec: AppClient, clientId: string, identifier: string): string {
  const scopes = [...spec.oidcScopes, ...spec.resourceServerScopes.map((s) => `${identifier}/${s}`)];
  return [
    `client_id=${clientId}`,
    `response_type=${spec.kind === AppClientKind.IMPLICIT ? 'token' : 'code'}`,
    `scope=${scopes.map(encode).join('+')}`,
    `redirect_uri=${encode(first(spec.callbackUrls))}`,
  ].join('&');
}

function encode(value: string): string {
  return Token.isUnresolved(value) ? value : encodeURIComponent(value);
}

function first(values: string[]): string {
  return values[0] ?? '';
}

function describeKind(kind: AppClientKind): string {
  switch (kind) {
    case AppClientKind.WEB: return 'web (authorization code + PKCE)';
    case AppClientKind.CONFIDENTIAL_WEB: return 'confidential web (authorization code + secret)';
    case AppClientKind.IMPLICIT: return 'implicit';
    case AppClientKind.MACHINE: return 'machine (client_credentials)';
    case AppClientKind.PASSWORD_AUTH: return 'password-auth (USER_PASSWORD_AUTH + SECRET_HASH)';
  }
}
