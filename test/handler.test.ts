import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { callerName, handler } from '../src/handler/hello.lambda';

function event(claims: Record<string, string> | undefined): APIGatewayProxyEventV2WithJWTAuthorizer {
  return {
    requestContext: { authorizer: claims ? { jwt: { claims, scopes: [] }, principalId: '', integrationLatency: 0 } : undefined },
  } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
}

describe('built-in handler code', () => {
  test('a user access token: the username claim', async () => {
    const res = await handler(event({ username: 'alice', client_id: 'abc', token_use: 'access' }));
    expect(res).toEqual({ statusCode: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'Hello, World! I am alice!' });
  });

  test('a machine token (client_credentials) has no user: the client id', async () => {
    const res = await handler(event({ client_id: '4f3kq9example', scope: 'api/read' }));
    expect(res.body).toBe('Hello, World! I am 4f3kq9example!');
  });

  test('no claims (a route wired without the authorizer): 401, no greeting', async () => {
    const res = await handler(event(undefined));
    expect(res).toEqual({ statusCode: 401, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'Unauthorized' });
  });

  test('callerName ignores empty and non-string claims', () => {
    expect(callerName({ username: '', client_id: 'c1' })).toBe('c1');
    expect(callerName({ username: ['x'] as any })).toBeUndefined();
    expect(callerName(undefined)).toBeUndefined();
  });
});
