// The built-in handler behind every default route. It trusts API Gateway's JWT
// authorizer (which already verified signature, issuer, audience, expiry and
// scopes) and answers with the caller's name taken from the verified claims.
// It logs nothing: a token or a claim never reaches CloudWatch from here.
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/**
 * The name a Cognito access token says its holder has: `username` for a user
 * (sign-in through the hosted UI or InitiateAuth), `client_id` for a machine
 * token from the client_credentials grant, which has no user.
 */
export function callerName(claims: Record<string, string | number | boolean | string[]> | undefined): string | undefined {
  for (const claim of ['username', 'cognito:username', 'client_id']) {
    const name = claims?.[claim];
    if (typeof name === 'string' && name.length > 0) return name;
  }
  return undefined;
}

export async function handler(event: APIGatewayProxyEventV2WithJWTAuthorizer): Promise<APIGatewayProxyStructuredResultV2> {
  const name = callerName(event.requestContext?.authorizer?.jwt?.claims);
  if (name === undefined) {
    // Only reachable if the route was wired without the JWT authorizer.
    return { statusCode: 401, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'Unauthorized' };
  }
  return {
    statusCode: 200,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
    body: `Hello, World! I am ${name}!`,
  };
}
