import { CfnOutput, Stack, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { requestableScopes } from './scopes';
import { check } from './validate';
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
  /** The ARN of the alarm topic, when the alarms are on. */
  readonly alarmTopicArn?: string;
  /** The ARNs of the Secrets Manager secrets of the clients with `secretRotation`, by client name. */
  readonly clientSecretArns?: Record<string, string>;
}

/**
 * The logical id prefix of the outputs: the construct's path below its stack, letters and digits
 * only (`Api` for `new SecureCognitoApi(stack, 'Api')`, `BackendApi` for one inside `Backend`).
 */
export function outputPrefix(scope: Construct): string {
  const stack = Stack.of(scope);
  return scope.node.scopes.slice(stack.node.scopes.length).map((c) => c.node.id).join('').replace(/[^A-Za-z0-9]/g, '');
}

/** The client-name part of an output id: the name without its hyphens (refused if two clients then clash). */
export function outputClientSuffix(name: string): string {
  return name.replace(/-/g, '');
}

/**
 * CloudFormation outputs: what a user needs to call the API, and the hosted-UI URLs the brief
 * assembled by hand (SignupGetTokenURL, SignupGetCodeURL). Never a client secret.
 */
/** CloudFormation's limit on an output's logical id. */
const MAX_OUTPUT_ID = 255;

export function defineOutputs(scope: Construct, props: OutputsProps): void {
  const outputs = new Construct(scope, 'Outputs');
  const prefix = outputPrefix(scope);
  // Predictable logical ids (docs in README "Outputs"): `<prefix><Name>[<client>]`, no hash.
  const output = (id: string, logicalId: string, value: string, description: string) => {
    validateOutputId(prefix, logicalId, props.clients.map((c) => c.spec.name).find((n) => id.endsWith(`-${n}`)));
    new CfnOutput(outputs, id, { value, description }).overrideLogicalId(`${prefix}${logicalId}`);
  };
  output('ApiUrl', 'ApiUrl', props.apiUrl, 'URL of the HTTP API');
  output('UserPoolId', 'UserPoolId', props.userPoolId, 'Id of the Cognito user pool');
  output('Issuer', 'Issuer', props.issuer, 'Issuer the JWT authorizer trusts');
  // Only what a configured client can use: the hosted UI for code and implicit clients, the token
  // endpoint for them (code, refresh) and for machine clients (client_credentials).
  const kinds = new Set(props.clients.map((c) => c.spec.kind));
  const hostedUi = props.clients.some((c) => c.spec.usesHostedUi);
  if (hostedUi) {
    output('HostedUiUrl', 'HostedUiUrl', props.hostedUiUrl, 'Base URL of the hosted UI (managed login)');
  }
  const grants = [
    ...(kinds.has(AppClientKind.WEB) || kinds.has(AppClientKind.CONFIDENTIAL_WEB) ? ['authorization_code', 'refresh_token'] : []),
    ...(kinds.has(AppClientKind.MACHINE) ? ['client_credentials'] : []),
  ];
  if (grants.length > 0) {
    output('TokenEndpoint', 'TokenEndpoint', `${props.hostedUiUrl}/oauth2/token`, `OAuth 2.0 token endpoint (${grants.join(', ')})`);
  }
  if (props.alarmTopicArn) {
    output('AlarmTopicArn', 'AlarmTopicArn', props.alarmTopicArn, 'ARN of the SNS topic the alarms notify (subscribe to it, or set alarmEmails)');
  }
  for (const { spec, clientId } of props.clients) {
    const suffix = outputClientSuffix(spec.name);
    output(`ClientId-${spec.name}`, `ClientId${suffix}`, clientId, `Client id of the ${describeKind(spec.kind)} app client "${spec.name}"`);
    const secretArn = props.clientSecretArns?.[spec.name];
    if (secretArn) {
      output(`ClientSecretArn-${spec.name}`, `ClientSecretArn${suffix}`, secretArn,
        `ARN of the Secrets Manager secret holding the client id and rotating secret of "${spec.name}" (grant read to the machine; the ARN is not the secret)`);
    }
    if (!spec.usesHostedUi) continue;
    const implicit = spec.kind === AppClientKind.IMPLICIT;
    const query = authorizeQuery(spec, clientId, props.resourceServerIdentifier);
    const pkce = spec.kind === AppClientKind.WEB
      ? ' Append &code_challenge=<BASE64URL(SHA256(verifier))>&code_challenge_method=S256 (PKCE).' : '';
    output(`SignInUrl-${spec.name}`, `SignInUrl${suffix}`, `${props.hostedUiUrl}/oauth2/authorize?${query}`,
      `Hosted-UI sign-in for "${spec.name}", returns ${implicit ? 'tokens' : 'a code'} to ${first(spec.callbackUrls)}.${pkce}`);
    if (!props.signUp) continue;
    output(`SignUpUrl-${spec.name}`, `SignUpUrl${suffix}`, `${props.hostedUiUrl}/signup?${query}`,
      `Hosted-UI sign-up for "${spec.name}" (the brief's ${implicit ? 'SignupGetTokenURL' : 'SignupGetCodeURL'}).${pkce}`);
  }
}

/**
 * "Output name: 255 characters"; the construct's ids and a client's name make it up.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html
 */
function validateOutputId(prefix: string, logicalId: string, client: string | undefined): void {
  const full = `${prefix}${logicalId}`;
  const shown = { toHumanString: () => `${JSON.stringify(full)} (${full.length} characters)` };
  if (client !== undefined) {
    check(full.length <= MAX_OUTPUT_ID, `clients[${client}]`,
      `output ids join the construct's id (${prefix.length} characters) and the client name (${outputClientSuffix(client).length} without hyphens), `
      + `and CloudFormation takes ${MAX_OUTPUT_ID} characters: shorten either`, shown);
  } else {
    check(full.length <= MAX_OUTPUT_ID, 'id', `(${prefix.length} characters in output ids) must leave room for the output names within CloudFormation's ${MAX_OUTPUT_ID} characters`, shown);
  }
}

/** The query of /oauth2/authorize and /signup: every literal part URL-encoded. */
export function authorizeQuery(spec: AppClient, clientId: string, identifier: string): string {
  const scopes = requestableScopes(spec, identifier);
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
