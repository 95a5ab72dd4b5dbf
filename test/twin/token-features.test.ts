// Today's Cognito token features in the twin, each with real tokens over real HTTP against a
// SecureCognitoApi app whose template carries them (fixtures/token-app.ts): refresh token
// rotation with its grace period (on an injected clock) and the updated issuer end to end through
// the JWT authorizer. Machine tokens and client secrets: machine-tokens.test.ts.
import { alice, clock, cognito, passwordSignIn, startTokenTwin, stopTokenTwins, token, webSignIn } from './token-twin';
import { decodeJwt, mint } from '../../twin/src/emulator/tokens';
import { secretHash, Twin, TwinClientInfo } from '../../twin/src/emulator/twin';
import { callApi } from '../../twin/src/harness/walk';

afterAll(stopTokenTwins);

const refresh = (twin: Twin, cli: TwinClientInfo, refreshToken: string) =>
  cognito(twin, 'GetTokensFromRefreshToken', { ClientId: cli.clientId, ClientSecret: cli.clientSecret, RefreshToken: refreshToken });

describe('refresh token rotation', () => {
  test('rotation on (grace 10 s): GetTokensFromRefreshToken returns a new refresh token; the old one works 10 s, then never', async () => {
    const twin = await startTokenTwin({ rotationGraceSeconds: 10 });
    const cli = twin.client('cli');
    const first = (await passwordSignIn(twin, cli)).json.AuthenticationResult;

    const r1 = await refresh(twin, cli, first.RefreshToken);
    expect(r1.status).toBe(200);
    expect(r1.json.AuthenticationResult.RefreshToken).toEqual(expect.any(String));
    expect(r1.json.AuthenticationResult.RefreshToken).not.toBe(first.RefreshToken);
    expect((await callApi(twin, r1.json.AuthenticationResult.AccessToken)).status).toBe(200);

    clock.now += 9_999; // a retry within the grace period
    const retry = await refresh(twin, cli, first.RefreshToken);
    expect(retry.status).toBe(200);
    expect(retry.json.AuthenticationResult.RefreshToken).not.toBe(r1.json.AuthenticationResult.RefreshToken);

    clock.now += 1; // the grace period is over
    expect(await refresh(twin, cli, first.RefreshToken)).toEqual({ status: 400, json: { __type: 'NotAuthorizedException', message: 'Invalid Refresh Token' } });
    const r2 = await refresh(twin, cli, r1.json.AuthenticationResult.RefreshToken);
    expect(r2.status).toBe(200);
    expect(r2.json.AuthenticationResult.RefreshToken).not.toBe(r1.json.AuthenticationResult.RefreshToken);
  });

  test('rotation on: REFRESH_TOKEN_AUTH is refused as Cognito refuses a flow the client does not enable', async () => {
    const twin = await startTokenTwin({ rotationGraceSeconds: 10 });
    const cli = twin.client('cli');
    const first = (await passwordSignIn(twin, cli)).json.AuthenticationResult;
    const res = await cognito(twin, 'InitiateAuth', {
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: cli.clientId,
      AuthParameters: { REFRESH_TOKEN: first.RefreshToken, SECRET_HASH: secretHash(alice.username, cli.clientId, cli.clientSecret!) },
    });
    expect(res).toEqual({ status: 400, json: { __type: 'InvalidParameterException', message: 'REFRESH_TOKEN_AUTH flow not enabled for this client' } });
  });

  test('rotation on: the token endpoint\'s refresh_token grant returns a new refresh token; the old one is invalid_grant after the grace period', async () => {
    const twin = await startTokenTwin({ rotationGraceSeconds: 10 });
    const web = twin.client('web');
    const signedIn = await webSignIn(twin);
    const r1 = await token(twin, { grant_type: 'refresh_token', client_id: web.clientId, refresh_token: signedIn.refresh_token });
    expect(r1.status).toBe(200);
    expect(r1.json.refresh_token).toEqual(expect.any(String));
    expect(r1.json.refresh_token).not.toBe(signedIn.refresh_token);
    expect((await callApi(twin, r1.json.access_token)).status).toBe(200);

    clock.now += 10_000;
    expect(await token(twin, { grant_type: 'refresh_token', client_id: web.clientId, refresh_token: signedIn.refresh_token }))
      .toEqual({ status: 400, json: { error: 'invalid_grant', error_description: 'Invalid Refresh Token' } });
    expect((await token(twin, { grant_type: 'refresh_token', client_id: web.clientId, refresh_token: r1.json.refresh_token })).status).toBe(200);
  });

  test('grace period 0: the submitted refresh token is invalid as soon as it was used', async () => {
    const twin = await startTokenTwin({ rotationGraceSeconds: 0 });
    const cli = twin.client('cli');
    const first = (await passwordSignIn(twin, cli)).json.AuthenticationResult;
    expect((await refresh(twin, cli, first.RefreshToken)).status).toBe(200);
    expect((await refresh(twin, cli, first.RefreshToken)).json).toEqual({ __type: 'NotAuthorizedException', message: 'Invalid Refresh Token' });
  });

  test('rotation off (the default): no new refresh token, the old one keeps working, REFRESH_TOKEN_AUTH too', async () => {
    const twin = await startTokenTwin({});
    const cli = twin.client('cli');
    const first = (await passwordSignIn(twin, cli)).json.AuthenticationResult;
    const r1 = await refresh(twin, cli, first.RefreshToken);
    expect(r1.status).toBe(200);
    expect(r1.json.AuthenticationResult.RefreshToken).toBeUndefined();
    clock.now += 61_000;
    expect((await refresh(twin, cli, first.RefreshToken)).status).toBe(200);
    const viaFlow = await cognito(twin, 'InitiateAuth', {
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: cli.clientId,
      AuthParameters: { REFRESH_TOKEN: first.RefreshToken, SECRET_HASH: secretHash(alice.username, cli.clientId, cli.clientSecret!) },
    });
    expect(viaFlow.status).toBe(200);
  });
});

describe('the updated issuer', () => {
  /** An ID and an access token (cli, InitiateAuth) and a machine token (client_credentials). */
  async function everyKindOfToken(twin: Twin): Promise<Record<string, string>> {
    const user = (await passwordSignIn(twin, twin.client('cli'))).json.AuthenticationResult;
    const machine = twin.client('machine');
    const m2m = await token(twin, { grant_type: 'client_credentials' }, { clientId: machine.clientId, secret: machine.clientSecret! });
    return { id: user.IdToken, access: user.AccessToken, machine: m2m.json.access_token };
  }

  test('IssuerConfiguration UPDATED: every token carries the updated issuer, the authorizer accepts it, a token with the original issuer gets 401', async () => {
    const twin = await startTokenTwin({ issuer: 'UPDATED' });
    expect(twin.issuer).toBe(`${twin.cognitoIdpUrl}/issuer-cognito-idp/${twin.poolId}`);
    const tokens = await everyKindOfToken(twin);
    for (const t of Object.values(tokens)) expect(decodeJwt(t).payload.iss).toBe(twin.issuer);
    expect((await callApi(twin, tokens.access)).status).toBe(200);
    expect((await callApi(twin, tokens.machine)).status).toBe(200);

    const original = mint(tokens.access, { iss: `${twin.cognitoIdpUrl}/${twin.poolId}` });
    expect(await callApi(twin, original)).toEqual({ status: 401, body: '{"message":"Unauthorized"}' });
    // The keys are published under the issuer, where verifiers look for them.
    const jwks: any = await (await fetch(`${twin.issuer}/.well-known/jwks.json`)).json();
    expect(jwks.keys.map((k: any) => k.kid)).toEqual([decodeJwt(tokens.access).header.kid]);
  });

  test('no IssuerConfiguration (the default): the original issuer, and a token with the updated one gets 401', async () => {
    const twin = await startTokenTwin({});
    expect(twin.issuer).toBe(`${twin.cognitoIdpUrl}/${twin.poolId}`);
    const tokens = await everyKindOfToken(twin);
    for (const t of Object.values(tokens)) expect(decodeJwt(t).payload.iss).toBe(twin.issuer);
    expect((await callApi(twin, tokens.access)).status).toBe(200);
    expect((await callApi(twin, mint(tokens.access, { iss: `${twin.cognitoIdpUrl}/issuer-cognito-idp/${twin.poolId}` }))).status).toBe(401);
  });

  test('a pool on the updated issuer behind an authorizer that trusts the original one: every token gets 401, as on AWS', async () => {
    const twin = await startTokenTwin({ issuer: 'UPDATED', authorizerIssuer: 'ORIGINAL' });
    const tokens = await everyKindOfToken(twin);
    expect((await callApi(twin, tokens.access)).status).toBe(401);
    expect((await callApi(twin, tokens.machine)).status).toBe(401);
  });
});
