// The built-in pre-token-generation trigger's code, called with V2_0 events shaped as Cognito
// documents them (request.groupConfiguration.groupsToOverride, request.scopes; the answer in
// response.claimsAndScopeOverrideDetails):
// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html
import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';

type Handler = (e: PreTokenGenerationV2TriggerEvent) => Promise<PreTokenGenerationV2TriggerEvent>;

/** The handler module loaded fresh with GROUP_SCOPES set, as a new Lambda container would. */
function load(mapping: Record<string, string[]> | undefined): Handler {
  const saved = process.env.GROUP_SCOPES;
  if (mapping === undefined) delete process.env.GROUP_SCOPES;
  else process.env.GROUP_SCOPES = JSON.stringify(mapping);
  let handler: Handler | undefined;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    handler = require('../src/private/pre-token.lambda').handler;
  });
  if (saved === undefined) delete process.env.GROUP_SCOPES;
  else process.env.GROUP_SCOPES = saved;
  return handler!;
}

function event(groups: string[], scopes: string[] | undefined, triggerSource = 'TokenGeneration_Authentication'): PreTokenGenerationV2TriggerEvent {
  return {
    version: '2',
    triggerSource,
    region: 'us-east-1',
    userPoolId: 'us-east-1_TEST',
    userName: 'alice',
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'client' },
    request: {
      userAttributes: { sub: 'sub-1', email: 'alice@example.com' },
      groupConfiguration: { groupsToOverride: groups, iamRolesToOverride: [], preferredRole: undefined },
      scopes,
    },
    response: { claimsAndScopeOverrideDetails: null as any },
  } as PreTokenGenerationV2TriggerEvent;
}

const MAPPING = { admins: ['api/admin'], auditors: ['api/audit', 'api/admin'] };

describe('pre-token-generation trigger (V2_0)', () => {
  test('a member gets the group\'s scopes added to the access token, and nothing else is changed', async () => {
    const out = await load(MAPPING)(event(['admins'], ['aws.cognito.signin.user.admin']));
    expect(out.response).toEqual({ claimsAndScopeOverrideDetails: { accessTokenGeneration: { scopesToAdd: ['api/admin'] } } });
  });

  test('several groups: each scope once, in mapping order', async () => {
    const out = await load(MAPPING)(event(['auditors', 'admins'], ['openid']));
    expect(out.response.claimsAndScopeOverrideDetails!.accessTokenGeneration!.scopesToAdd).toEqual(['api/audit', 'api/admin']);
  });

  test('a scope the token already carries is not added again', async () => {
    const out = await load(MAPPING)(event(['auditors'], ['api/admin']));
    expect(out.response.claimsAndScopeOverrideDetails!.accessTokenGeneration!.scopesToAdd).toEqual(['api/audit']);
  });

  test('a non-member, or a group without scopes: the response is left as Cognito sent it', async () => {
    const handler = load(MAPPING);
    for (const groups of [[], ['readers']]) {
      const out = await handler(event(groups, ['aws.cognito.signin.user.admin']));
      expect(out.response).toEqual({ claimsAndScopeOverrideDetails: null });
    }
  });

  test('a group named like an Object.prototype member grants nothing', async () => {
    const out = await load(MAPPING)(event(['constructor', '__proto__', 'toString'], []));
    expect(out.response).toEqual({ claimsAndScopeOverrideDetails: null });
  });

  test('never suppresses a scope or a claim, never touches the ID token', async () => {
    const out = await load(MAPPING)(event(['admins', 'auditors'], ['openid', 'email']));
    const details = out.response.claimsAndScopeOverrideDetails!;
    expect(Object.keys(details)).toEqual(['accessTokenGeneration']);
    expect(Object.keys(details.accessTokenGeneration!)).toEqual(['scopesToAdd']);
  });

  test('hosted-UI sign-in and refresh are handled like InitiateAuth; missing request.scopes is an empty list', async () => {
    const handler = load(MAPPING);
    for (const source of ['TokenGeneration_HostedAuth', 'TokenGeneration_RefreshTokens']) {
      const out = await handler(event(['admins'], undefined, source));
      expect(out.response.claimsAndScopeOverrideDetails!.accessTokenGeneration!.scopesToAdd).toEqual(['api/admin']);
    }
  });

  test('without GROUP_SCOPES nobody gets a scope', async () => {
    const out = await load(undefined)(event(['admins'], []));
    expect(out.response).toEqual({ claimsAndScopeOverrideDetails: null });
  });
});
