import { Duration } from 'aws-cdk-lib';
import { resources, synth } from './util';
import { AppClient, RefreshTokenRotation } from '../src';

const CALLBACK = 'https://app.example.org/callback';

/** The client with this ClientName. */
function client(template: ReturnType<typeof synth>['template'], name: string): any {
  const [found] = Object.values(resources(template, 'AWS::Cognito::UserPoolClient')).filter((r) => r.Properties.ClientName === name);
  return found.Properties;
}

const EVERY_KIND = (options: { web?: RefreshTokenRotation; portal?: RefreshTokenRotation; cli?: RefreshTokenRotation } = {}) => [
  AppClient.web('spa', { callbackUrls: [CALLBACK], refreshTokenRotation: options.web }),
  AppClient.confidentialWeb('portal', { callbackUrls: [CALLBACK], refreshTokenRotation: options.portal }),
  AppClient.implicit('legacy', { callbackUrls: [CALLBACK] }),
  AppClient.machine('m2m', { resourceServerScopes: ['read'] }),
  AppClient.passwordAuth('cli', { refreshTokenRotation: options.cli }),
];

describe('refresh token rotation', () => {
  test('default: web clients rotate with a 10 s grace period and lose REFRESH_TOKEN_AUTH; the other kinds keep their refresh tokens', () => {
    const { template, api } = synth({ clients: EVERY_KIND() });
    // Cognito refuses REFRESH_TOKEN_AUTH on a rotating client: the flow is not offered at all.
    expect(client(template, 'spa').RefreshTokenRotation).toEqual({ Feature: 'ENABLED', RetryGracePeriodSeconds: 10 });
    expect(client(template, 'spa').ExplicitAuthFlows).toEqual(['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_AUTH']);
    // Written out, not inherited, on every kind that receives refresh tokens.
    expect(client(template, 'portal').RefreshTokenRotation).toEqual({ Feature: 'DISABLED' });
    expect(client(template, 'portal').ExplicitAuthFlows).toContain('ALLOW_REFRESH_TOKEN_AUTH');
    expect(client(template, 'cli').RefreshTokenRotation).toEqual({ Feature: 'DISABLED' });
    expect(client(template, 'cli').ExplicitAuthFlows).toEqual(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
    // The implicit grant and client credentials issue no refresh token: nothing to say.
    expect(client(template, 'legacy').RefreshTokenRotation).toBeUndefined();
    expect(client(template, 'm2m').RefreshTokenRotation).toBeUndefined();
    expect(api.clients).toHaveLength(5);
  });

  test('default of the factories, as the AppClient reports it', () => {
    expect(AppClient.web('spa', { callbackUrls: [CALLBACK] }).refreshTokenRotation.retryGracePeriod?.toSeconds()).toBe(10);
    expect(AppClient.confidentialWeb('portal', { callbackUrls: [CALLBACK] }).refreshTokenRotation.rotates).toBe(false);
    expect(AppClient.passwordAuth('cli').refreshTokenRotation.rotates).toBe(false);
    expect(AppClient.machine('m2m', { resourceServerScopes: ['read'] }).refreshTokenRotation.rotates).toBe(false);
  });

  test('override: a web client that does not rotate, a script client and a confidential client that do', () => {
    const { template } = synth({
      clients: EVERY_KIND({
        web: RefreshTokenRotation.disabled(),
        portal: RefreshTokenRotation.enabled(Duration.seconds(0)),
        cli: RefreshTokenRotation.enabled(Duration.minutes(1)),
      }),
    });
    expect(client(template, 'spa').RefreshTokenRotation).toEqual({ Feature: 'DISABLED' });
    expect(client(template, 'spa').ExplicitAuthFlows).toEqual(['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
    // 0: the old refresh token dies with its first successful use.
    expect(client(template, 'portal').RefreshTokenRotation).toEqual({ Feature: 'ENABLED', RetryGracePeriodSeconds: 0 });
    expect(client(template, 'cli').RefreshTokenRotation).toEqual({ Feature: 'ENABLED', RetryGracePeriodSeconds: 60 });
    // A rotating script client refreshes with GetTokensFromRefreshToken only.
    expect(client(template, 'cli').ExplicitAuthFlows).toEqual(['ALLOW_USER_PASSWORD_AUTH']);
  });

  test('refused: rotation on an implicit client, which never receives a refresh token', () => {
    expect(() => synth({
      clients: [AppClient.implicit('legacy', { callbackUrls: [CALLBACK], refreshTokenRotation: RefreshTokenRotation.enabled() })],
    })).toThrow('`clients[legacy].refreshTokenRotation` must not be enabled on an implicit client: the implicit grant issues no refresh token, got: "enabled"');
  });

  test('refused: a grace period beyond Cognito\'s 60 seconds', () => {
    expect(() => synth({ clients: EVERY_KIND({ web: RefreshTokenRotation.enabled(Duration.seconds(61)) }) }))
      .toThrow('`clients[spa].refreshTokenRotation` grace period must be a whole number of seconds from 0 to 60, got: 1 minute 1 second');
  });

  test('refused: a grace period that is not a whole number of seconds', () => {
    expect(() => synth({ clients: EVERY_KIND({ cli: RefreshTokenRotation.enabled(Duration.millis(1500)) }) }))
      .toThrow('`clients[cli].refreshTokenRotation` grace period must be a whole number of seconds from 0 to 60, got: 1 second 500 millis');
  });
});
