import { App, Lazy, Stack, Token } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { CASES } from './validation.cases';
import { AppClient, AuthDomain, SecureCognitoApi } from '../src';

function stack(): Stack {
  return new Stack(new App(), 'Stack');
}

describe('validation: invalid configurations are refused at synth, naming the prop and the value', () => {
  test(`at least 30 distinct invalid configurations (${CASES.length})`, () => {
    expect(new Set(CASES.map(([name]) => name)).size).toBe(CASES.length);
    expect(CASES.length).toBeGreaterThanOrEqual(30);
  });

  test.each(CASES)('%s', (_name, build, message) => {
    // GIVEN a fresh stack WHEN the configuration is built THEN the exact message is thrown
    expect(() => build(stack())).toThrow(message);
    // AND it is our error, with nothing before or after the message
    try {
      build(stack());
    } catch (e) {
      expect((e as Error).message).toBe(message);
      expect((e as Error).name).toBe('ValidationError');
    }
  });
});

describe('validation: unresolved tokens are not validated', () => {
  test('a token domain prefix', () => {
    const s = stack();
    new SecureCognitoApi(s, 'Api', { authDomain: AuthDomain.cognitoPrefix(Token.asString({ Ref: 'Prefix' })) });
    Template.fromStack(s).hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: { Ref: 'Prefix' } });
  });

  test('a token memory size', () => {
    expect(() => new SecureCognitoApi(stack(), 'Api', { handlerMemorySize: Lazy.number({ produce: () => 64 }) })).not.toThrow();
  });

  test('a token callback URL', () => {
    expect(() => new SecureCognitoApi(stack(), 'Api', {
      clients: [AppClient.web('web', { callbackUrls: [Token.asString({ 'Fn::ImportValue': 'CallbackUrl' })] })],
    })).not.toThrow();
  });

  test('a token user pool name, group name and API name', () => {
    expect(() => new SecureCognitoApi(stack(), 'Api', {
      userPoolName: Lazy.string({ produce: () => 'x'.repeat(200) }),
      apiName: Lazy.string({ produce: () => 'x'.repeat(200) }),
    })).not.toThrow();
  });

  test('a token route scope and a token default route scope', () => {
    const api = new SecureCognitoApi(stack(), 'Api', { defaultRouteScopes: [Lazy.string({ produce: () => 'api/admin' })] });
    expect(() => api.addRoute({ path: '/items', scopes: [Lazy.string({ produce: () => ' ' })] })).not.toThrow();
  });

  test('a token scope name and a token resource server identifier', () => {
    expect(() => new SecureCognitoApi(stack(), 'Api', {
      resourceServerIdentifier: Token.asString({ Ref: 'Identifier' }),
      resourceServerScopes: [new cognito.ResourceServerScope({ scopeName: Lazy.string({ produce: () => 'a/b' }), scopeDescription: 'x' })],
    })).not.toThrow();
  });

  test('a token reserved concurrency and throttle', () => {
    expect(() => new SecureCognitoApi(stack(), 'Api', {
      handlerReservedConcurrency: Lazy.number({ produce: () => 0 }),
      throttle: { rateLimit: Lazy.number({ produce: () => -1 }), burstLimit: Lazy.number({ produce: () => 1.5 }) },
    })).not.toThrow();
  });
});
