// What branding can cost in size: every hosted-UI client carries its own copy of its style's images
// in the template, so the template (CloudFormation: 1 MB) and each style's request
// (CreateManagedLoginBranding: 2 MB) are checked at synth, against the template as it is written.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { AppClient, BrandingAsset, BrandingAssetCategory, BrandingAssetExtension, LoginBranding, SecureCognitoApi, SecureCognitoApiProps } from '../src';

const cb = { callbackUrls: ['https://app.example.com/cb'] };
const SETTINGS = JSON.stringify({ categories: { global: { colorSchemeMode: 'LIGHT' } } });
/** An image of `n` Base64 characters (the content does not matter to the budget). */
const image = (n: number, category = BrandingAssetCategory.PAGE_BACKGROUND) =>
  BrandingAsset.fromBase64('A'.repeat(n), BrandingAssetExtension.PNG, { category });

/** Synthesizes the app as `cdk synth` does and returns the size of the written template. */
function synthesizedBytes(props: SecureCognitoApiProps): number {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'budget-')), context: { 'aws:cdk:disable-creation-stack-traces': true } });
  const stack = new Stack(app, 'TestStack');
  new SecureCognitoApi(stack, 'Api', props);
  const assembly = app.synth();
  return fs.statSync(assembly.getStackByName('TestStack').templateFullPath).size;
}

describe('branding budget', () => {
  test('one client with a 600,000-character image: the template stays under 1 MB and synthesizes', () => {
    // GIVEN / WHEN
    const bytes = synthesizedBytes({ clients: [AppClient.web('web', cb)], branding: LoginBranding.custom({ settingsJson: SETTINGS, assets: [image(600_000)] }) });
    // THEN
    expect(bytes).toBeGreaterThan(600_000);
    expect(bytes).toBeLessThan(1_000_000);
  });

  test('two clients sharing one 600,000-character image: refused, naming each client\'s copy and the real template size', () => {
    // GIVEN
    const props: SecureCognitoApiProps = {
      clients: [AppClient.web('web', cb), AppClient.web('admin', cb)],
      branding: LoginBranding.custom({ settingsJson: SETTINGS, assets: [image(600_000)] }),
    };
    // WHEN / THEN
    expect(() => synthesizedBytes(props)).toThrow(new RegExp([
      '`branding` must keep the template within CloudFormation\'s 1,000,000 bytes, and every hosted-UI client carries its own copy of its style\'s images: ',
      'clients\\[web\\] 600,000 \\(Base64 bytes\\), clients\\[admin\\] 600,000 \\(Base64 bytes\\); ',
      'use smaller images, or give some clients `branding: LoginBranding.cognitoDefault\\(\\)`, got: 1,2\\d\\d,\\d\\d\\d bytes',
    ].join('')));
  });

  test('the size in the message is the size of the template written to cdk.out', () => {
    // GIVEN: the same app with 890,000 and with 990,000 Base64 characters of images
    const props = (logo: number): SecureCognitoApiProps => ({
      clients: [AppClient.web('web', cb)],
      branding: LoginBranding.custom({ settingsJson: SETTINGS, assets: [image(400_000), image(logo, BrandingAssetCategory.FORM_LOGO)] }),
    });
    // WHEN the smaller one is written
    const written = synthesizedBytes(props(490_000));
    // THEN the larger one is refused with its size 100,000 bytes above what was written, less the
    // bootstrap-version parameter and rule (under 1 KB) that the stack synthesizer adds after validation
    let reported = 0;
    try {
      synthesizedBytes(props(590_000));
    } catch (e) {
      reported = Number(/got: ([\d,]+) bytes/.exec((e as Error).message)![1].replace(/,/g, ''));
    }
    expect(written + 100_000 - reported).toBeGreaterThan(0);
    expect(written + 100_000 - reported).toBeLessThan(1024);
  });

  test('a style over CreateManagedLoginBranding\'s 2 MB request: refused at once, naming its images', () => {
    // GIVEN
    const assets = [BrandingAssetCategory.PAGE_BACKGROUND, BrandingAssetCategory.FORM_BACKGROUND, BrandingAssetCategory.PAGE_HEADER_BACKGROUND]
      .map((c) => image(999_999, c));
    // WHEN / THEN
    expect(() => synthesizedBytes({ clients: [AppClient.web('web', cb)], branding: LoginBranding.custom({ settingsJson: SETTINGS, assets }) }))
      .toThrow('`branding` must fit in one CreateManagedLoginBranding request of 2,097,152 bytes (2 MB), settings and images together: '
        + 'PAGE_BACKGROUND 999,999, FORM_BACKGROUND 999,999, PAGE_HEADER_BACKGROUND 999,999; use smaller images, got: 3,000,');
  });
});
