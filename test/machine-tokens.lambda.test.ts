// The built-in pre-token-generation trigger with V3_0 events for client-credentials tokens, shaped
// as Cognito documents them (callerContext.clientId, request.scopes, request.clientMetadata; no
// user groups), and with user events when both mappings are set:
// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html
import type { PreTokenGenerationV3TriggerEvent } from 'aws-lambda';
import type { MachineTokenEntry } from '../src/private/pre-token.lambda';

type Handler = (e: PreTokenGenerationV3TriggerEvent) => Promise<PreTokenGenerationV3TriggerEvent>;

/** The handler loaded fresh with its environment, as a new Lambda container would. */
function load(env: { GROUP_SCOPES?: string; MACHINE_TOKENS?: string }): Handler {
  const saved = { GROUP_SCOPES: process.env.GROUP_SCOPES, MACHINE_TOKENS: process.env.MACHINE_TOKENS };
  for (const key of ['GROUP_SCOPES', 'MACHINE_TOKENS'] as const) {
    if (env[key] === undefined) delete process.env[key];
    else process.env[key] = env[key];
  }
  let handler: Handler | undefined;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    handler = require('../src/private/pre-token.lambda').handler;
  });
  for (const key of ['GROUP_SCOPES', 'MACHINE_TOKENS'] as const) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
  return handler!;
}

const REPORTING: MachineTokenEntry = {
  clientId: 'reportingclientid',
  claims: { tenant: 'acme' },
  scopes: ['api/admin'],
  metadata: ['environment', 'tenant'],
};

/** A V3_0 client-credentials event: no user, no groups. */
function machineEvent(clientId: string, scopes: string[], clientMetadata?: Record<string, string>): PreTokenGenerationV3TriggerEvent {
  return {
    version: '3',
    triggerSource: 'TokenGeneration_ClientCredentials',
    region: 'us-east-1',
    userPoolId: 'us-east-1_TEST',
    userName: '',
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId },
    request: { userAttributes: {}, groupConfiguration: null as any, scopes, clientMetadata },
    response: { claimsAndScopeOverrideDetails: null as any },
  } as PreTokenGenerationV3TriggerEvent;
}

describe('pre-token trigger, machine tokens (V3_0)', () => {
  test('default: a client without an entry gets its token unchanged', async () => {
    const handler = load({ GROUP_SCOPES: '{}', MACHINE_TOKENS: JSON.stringify([REPORTING]) });
    const out = await handler(machineEvent('otherclient', ['api/read'], { environment: 'prod' }));
    expect(out.response.claimsAndScopeOverrideDetails).toBeNull();
  });

  test('default: without MACHINE_TOKENS (a V2_0 groups trigger) nothing is added to machine tokens', async () => {
    const handler = load({ GROUP_SCOPES: JSON.stringify({ admins: ['api/admin'] }) });
    const out = await handler(machineEvent('reportingclientid', ['api/read']));
    expect(out.response.claimsAndScopeOverrideDetails).toBeNull();
  });

  test('override: the client\'s claims and extra scopes, and the metadata it asked to copy', async () => {
    const handler = load({ MACHINE_TOKENS: JSON.stringify([REPORTING]) });
    const out = await handler(machineEvent('reportingclientid', ['api/read'], { environment: 'prod', job: '42' }));
    expect(out.response.claimsAndScopeOverrideDetails).toEqual({
      accessTokenGeneration: { scopesToAdd: ['api/admin'], claimsToAddOrOverride: { environment: 'prod', tenant: 'acme' } },
    });
  });

  test('a configured claim wins over metadata of the same name; a scope already granted is not added again', async () => {
    const handler = load({ MACHINE_TOKENS: JSON.stringify([REPORTING]) });
    const out = await handler(machineEvent('reportingclientid', ['api/read', 'api/admin'], { tenant: 'evil' }));
    expect(out.response.claimsAndScopeOverrideDetails).toEqual({
      accessTokenGeneration: { claimsToAddOrOverride: { tenant: 'acme' } },
    });
  });

  test('metadata longer than 256 characters, or inherited keys, are not copied', async () => {
    const entry: MachineTokenEntry = { clientId: 'c', claims: {}, scopes: [], metadata: ['environment', 'constructor'] };
    const handler = load({ MACHINE_TOKENS: JSON.stringify([entry]) });
    expect((await handler(machineEvent('c', [], { environment: 'x'.repeat(257) }))).response.claimsAndScopeOverrideDetails).toBeNull();
    expect((await handler(machineEvent('c', [], { environment: 'x'.repeat(256) }))).response.claimsAndScopeOverrideDetails)
      .toEqual({ accessTokenGeneration: { claimsToAddOrOverride: { environment: 'x'.repeat(256) } } });
    expect((await handler(machineEvent('c', [], {}))).response.claimsAndScopeOverrideDetails).toBeNull();
  });

  test('users keep their group scopes when the trigger also serves machines', async () => {
    const handler = load({ GROUP_SCOPES: JSON.stringify({ admins: ['api/admin'] }), MACHINE_TOKENS: JSON.stringify([REPORTING]) });
    const out = await handler({
      ...machineEvent('webclient', ['openid']),
      triggerSource: 'TokenGeneration_HostedAuth',
      userName: 'alice',
      request: { userAttributes: { sub: 's' }, groupConfiguration: { groupsToOverride: ['admins'], iamRolesToOverride: [] }, scopes: ['openid'] },
    } as unknown as PreTokenGenerationV3TriggerEvent);
    expect(out.response.claimsAndScopeOverrideDetails).toEqual({ accessTokenGeneration: { scopesToAdd: ['api/admin'] } });
  });
});
