// What the sign-in methods promise (passkeys, one-time codes, federation, branding, the web ACL), read off the committed snapshot of test/signin.integ.ts (what
// `integ:signin:deploy` would deploy), not off a fresh synth.
import * as fs from 'fs';
import * as path from 'path';

const file = path.join(__dirname, 'signin.integ.snapshot', 'SecureCognitoApiSignIn.template.json');
const resources: Record<string, any> = JSON.parse(fs.readFileSync(file, 'utf8')).Resources;
const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);

describe('signin integ snapshot: what the sign-in methods promise', () => {
  test('the sign-in policy allows WEB_AUTHN and an OTP factor, and the relying party is set', () => {
    const [[, pool]] = ofType('AWS::Cognito::UserPool');
    const factors: string[] = pool.Properties.Policies.SignInPolicy.AllowedFirstAuthFactors;
    expect(factors).toEqual(expect.arrayContaining(['PASSWORD', 'WEB_AUTHN']));
    expect(factors.some((f) => f === 'EMAIL_OTP' || f === 'SMS_OTP')).toBe(true);
    expect(pool.Properties.WebAuthnRelyingPartyID).toMatch(/^[a-z0-9-]+\.auth\.[a-z0-9-]+\.amazoncognito\.com$/);
  });

  test('at least two identity-provider types, and a client that supports them', () => {
    const providers = ofType('AWS::Cognito::UserPoolIdentityProvider').map(([, r]) => r.Properties);
    expect(new Set(providers.map((p) => p.ProviderType)).size).toBeGreaterThanOrEqual(2);
    const names = providers.map((p) => p.ProviderName);
    const clients = ofType('AWS::Cognito::UserPoolClient').map(([, r]) => r.Properties.SupportedIdentityProviders ?? []);
    expect(clients.some((supported: string[]) => names.every((n) => supported.includes(n)))).toBe(true);
  });

  test('no identity-provider secret is a plain string', () => {
    for (const [, r] of ofType('AWS::Cognito::UserPoolIdentityProvider')) {
      const details = r.Properties.ProviderDetails;
      for (const key of ['client_secret', 'private_key']) {
        if (details[key] !== undefined) expect(String(details[key])).toMatch(/^\{\{resolve:secretsmanager:/);
      }
    }
  });

  test('a ManagedLoginBranding with settings or assets', () => {
    const styles = ofType('AWS::Cognito::ManagedLoginBranding').map(([, r]) => r.Properties);
    expect(styles.some((s) => s.Settings !== undefined || (s.Assets ?? []).length > 0)).toBe(true);
  });

  test('a WAFv2 WebACLAssociation on the user pool', () => {
    const [[poolId]] = ofType('AWS::Cognito::UserPool');
    const associations = ofType('AWS::WAFv2::WebACLAssociation').map(([, r]) => r.Properties.ResourceArn);
    expect(associations).toContainEqual({ 'Fn::GetAtt': [poolId, 'Arn'] });
  });
});
