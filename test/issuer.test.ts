import { only, synth } from './util';
import { AppClient, IssuerType } from '../src';

const ISSUER = (host: string) => ({
  'Fn::Join': ['', [`https://${host}.`, { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }, '/', { Ref: 'ApiIdentityUserPool185EF191' }]],
});

describe('issuer', () => {
  test('default: the updated issuer on the pool, in the JWT authorizer, in the output and on the construct', () => {
    const { template, api, stack } = synth({ clients: [AppClient.machine('m2m', { resourceServerScopes: ['read'] })] });
    expect(only(template, 'AWS::Cognito::UserPool').IssuerConfiguration).toEqual({ Type: 'UPDATED' });
    expect(only(template, 'AWS::ApiGatewayV2::Authorizer').JwtConfiguration.Issuer).toEqual(ISSUER('issuer-cognito-idp'));
    expect(template.toJSON().Outputs.ApiIssuer.Value).toEqual(ISSUER('issuer-cognito-idp'));
    expect(api.issuerType).toBe(IssuerType.UPDATED);
    expect(stack.resolve(api.issuer)).toEqual(ISSUER('issuer-cognito-idp'));
  });

  test('override: the original issuer, and the authorizer follows it', () => {
    const { template, api } = synth({ issuerType: IssuerType.ORIGINAL });
    expect(only(template, 'AWS::Cognito::UserPool').IssuerConfiguration).toEqual({ Type: 'ORIGINAL' });
    expect(only(template, 'AWS::ApiGatewayV2::Authorizer').JwtConfiguration.Issuer).toEqual(ISSUER('cognito-idp'));
    expect(template.toJSON().Outputs.ApiIssuer.Value).toEqual(ISSUER('cognito-idp'));
    expect(api.issuerType).toBe(IssuerType.ORIGINAL);
  });
});
