// A failover rehearsal: the pool and the API in two Regions (the replica Region a second Cognito
// endpoint over the same directory, and a second gateway trusting the same issuer), the primary
// Region stopped, the runbook's UpdateUserPoolReplica, then sign-in and API calls through the
// secondary alone, and sign-up refused there as Cognito refuses it in a secondary Region.
// Every call goes over HTTP, as the AWS CLI and the SDKs send it (X-Amz-Target, JSON).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { SecureCognitoApi, UserPoolEncryption } from '../../src';
import { RegionPair } from '../../twin/src/emulator/replica-region';
import { secretHash, Twin } from '../../twin/src/emulator/twin';

const ALICE = { username: 'alice', password: 'Tw-Failover-7a-password', email: 'alice@example.com' };
const REGIONS = { primary: 'eu-west-1', secondary: 'eu-central-1' };

/**
 * The primary Region's stack of a replicated pool (the updated issuer, a multi-Region key, a replica
 * in the other Region), with the default password-auth client `cli`; returns the assembly directory.
 */
function synthReplicated(outdir: string): string {
  const app = new App({ outdir, context: { 'aws:cdk:disable-creation-stack-traces': true } });
  const stack = new Stack(app, 'TwinReplicated', { env: { account: '111111111111', region: REGIONS.primary } });
  new SecureCognitoApi(stack, 'Api', { userPoolEncryption: UserPoolEncryption.multiRegionKey(), replica: { region: REGIONS.secondary } });
  return app.synth().directory;
}

let work: string;
let twin: Twin;
let pair: RegionPair;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-failover-'));
  twin = await Twin.start(synthReplicated(path.join(work, 'cdk.out')), [ALICE]);
  pair = await RegionPair.start(twin, REGIONS);
});

afterAll(async () => {
  await pair?.stop();
  await twin?.stop();
  fs.rmSync(work, { recursive: true, force: true });
});

/** One call of Cognito's JSON protocol, as the CLI sends it; the status and the parsed body. */
async function cognito(url: string, action: string, body: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${action}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

function passwordSignIn(url: string) {
  const cli = twin.client('cli');
  return cognito(url, 'InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: cli.clientId,
    AuthParameters: { USERNAME: ALICE.username, PASSWORD: ALICE.password, SECRET_HASH: secretHash(ALICE.username, cli.clientId, cli.clientSecret!) },
  });
}

async function callApi(apiUrl: string, token: string): Promise<{ status: number; body: string }> {
  const res = await fetch(`${apiUrl}/`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: await res.text() };
}

function claims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf-8'));
}

test('failover: the primary stops, the replica is activated, sign-in and the API keep working there; sign-up is refused', async () => {
  // Before: the primary serves; the replica, INACTIVE as Cognito creates it, refuses end users.
  const before = await passwordSignIn(twin.cognitoIdpUrl);
  expect(before.status).toBe(200);
  const earlier = before.body.AuthenticationResult.AccessToken;
  expect(await callApi(twin.gateway!.url, earlier)).toEqual({ status: 200, body: 'Hello, World! I am alice!' });
  const inactive = await passwordSignIn(pair.secondaryCognitoUrl);
  expect(inactive).toEqual({ status: 400, body: { __type: 'OperationNotEnabledException', message: expect.stringContaining('INACTIVE') } });

  // The primary Region fails: its Cognito endpoint and its API refuse connections.
  const primaryCognito = twin.cognitoIdpUrl;
  const primaryApi = twin.gateway!.url;
  await pair.stopPrimary();
  await expect(passwordSignIn(primaryCognito)).rejects.toThrow('fetch failed');
  await expect(callApi(primaryApi, earlier)).rejects.toThrow('fetch failed');

  // A token issued by the primary before the failure is accepted by the secondary's API: one issuer.
  expect(await callApi(pair.secondaryApiUrl, earlier)).toEqual({ status: 200, body: 'Hello, World! I am alice!' });

  // The runbook: activate the replica in its own Region.
  const activated = await cognito(pair.secondaryCognitoUrl, 'UpdateUserPoolReplica', {
    UserPoolId: twin.poolId, RegionName: REGIONS.secondary, Status: 'ACTIVE',
  });
  expect(activated).toEqual({ status: 200, body: { UserPoolReplica: expect.objectContaining({ RegionName: REGIONS.secondary, Status: 'ACTIVE', Role: 'SECONDARY' }) } });

  // Sign-in through the secondary, then the API there: 200, and the token's issuer is the primary's.
  const after = await passwordSignIn(pair.secondaryCognitoUrl);
  expect(after.status).toBe(200);
  const token = after.body.AuthenticationResult.AccessToken;
  expect(claims(token).iss).toBe(claims(earlier).iss);
  expect(claims(token).iss).toBe(twin.issuer);
  expect(twin.model.authorizers.map((a) => a.issuerType)).toEqual(['UPDATED']);
  expect(await callApi(pair.secondaryApiUrl, token)).toEqual({ status: 200, body: 'Hello, World! I am alice!' });

  // Writes stay with the primary: sign-up and password reset are refused in the secondary.
  const cli = twin.client('cli');
  const signUp = await cognito(pair.secondaryCognitoUrl, 'SignUp', {
    ClientId: cli.clientId,
    Username: 'bob',
    Password: ALICE.password,
    SecretHash: secretHash('bob', cli.clientId, cli.clientSecret!),
    UserAttributes: [{ Name: 'email', Value: 'bob@example.com' }],
  });
  expect(signUp).toEqual({ status: 400, body: { __type: 'OperationNotEnabledException', message: expect.stringContaining('SignUp is not available in eu-central-1') } });
  const reset = await cognito(pair.secondaryCognitoUrl, 'ForgotPassword', {
    ClientId: cli.clientId, Username: ALICE.username, SecretHash: secretHash(ALICE.username, cli.clientId, cli.clientSecret!),
  });
  expect(reset.body.__type).toBe('OperationNotEnabledException');
});

test('the replica refuses a Region it is not in and a status Cognito does not know', async () => {
  const wrongRegion = await cognito(pair.secondaryCognitoUrl, 'UpdateUserPoolReplica', { UserPoolId: twin.poolId, RegionName: 'us-east-1', Status: 'ACTIVE' });
  expect(wrongRegion.body.__type).toBe('InvalidParameterException');
  const wrongStatus = await cognito(pair.secondaryCognitoUrl, 'UpdateUserPoolReplica', { UserPoolId: twin.poolId, RegionName: REGIONS.secondary, Status: 'PRIMARY' });
  expect(wrongStatus.body.__type).toBe('InvalidParameterException');
  const listed = await cognito(pair.secondaryCognitoUrl, 'ListUserPoolReplicas', { UserPoolId: twin.poolId });
  expect(listed.body.UserPoolReplicas).toHaveLength(1);
});
