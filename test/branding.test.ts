// Managed login branding: Cognito's default style per hosted-UI client, a shared custom style,
// a client's own style, images from files; the refusals with exact messages.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { resources, synth } from './util';
import {
  AppClient, BrandingAsset, BrandingAssetCategory, BrandingAssetExtension, BrandingColorMode, LoginBranding, SecureCognitoApiProps,
} from '../src';

/** A 1x1 transparent PNG. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
const cb = { callbackUrls: ['https://app.example.com/cb'] };
const SETTINGS = JSON.stringify({ categories: { global: { colorSchemeMode: 'LIGHT' } } });

function brandings(template: any): any[] {
  return Object.values(resources(template, 'AWS::Cognito::ManagedLoginBranding')).map((r) => r.Properties);
}

describe('managed login branding', () => {
  test('default: Cognito\'s style on every hosted-UI client, none on the others', () => {
    // GIVEN / WHEN
    const { template } = synth({ clients: [AppClient.web('web', cb), AppClient.implicit('imp', cb), AppClient.passwordAuth('cli')] });
    // THEN
    const all = brandings(template);
    expect(all).toHaveLength(2);
    for (const b of all) {
      expect(b).toMatchObject({ UseCognitoProvidedValues: true });
      expect(b.Settings).toBeUndefined();
      expect(b.Assets).toBeUndefined();
    }
  });

  test('override: a shared custom style with an image from a file, and a client with its own style', () => {
    // GIVEN
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'brand-')), 'logo.png');
    fs.writeFileSync(file, Buffer.from(PNG, 'base64'));
    const shared = LoginBranding.custom({
      settingsJson: SETTINGS,
      assets: [BrandingAsset.fromFile(file, { category: BrandingAssetCategory.FORM_LOGO })],
    });
    // WHEN
    const { template } = synth({
      branding: shared,
      clients: [
        AppClient.web('web', cb),
        AppClient.web('partner', { ...cb, branding: LoginBranding.cognitoDefault() }),
      ],
    });
    // THEN
    const all = brandings(template);
    const custom = all.filter((b) => b.UseCognitoProvidedValues === false);
    expect(custom).toHaveLength(1);
    expect(custom[0].Settings).toEqual(JSON.parse(SETTINGS));
    expect(custom[0].Assets).toEqual([{ Category: 'FORM_LOGO', ColorMode: 'DYNAMIC', Extension: 'PNG', Bytes: PNG }]);
    expect(all.filter((b) => b.UseCognitoProvidedValues === true)).toHaveLength(1);
  });

  test('the style keeps its construct id, so switching styles updates it in place', () => {
    // GIVEN / WHEN
    const before = synth({ clients: [AppClient.web('web', cb)] });
    const after = synth({ clients: [AppClient.web('web', cb)], branding: LoginBranding.custom({ settingsJson: SETTINGS }) });
    // THEN
    expect(Object.keys(resources(after.template, 'AWS::Cognito::ManagedLoginBranding')))
      .toEqual(Object.keys(resources(before.template, 'AWS::Cognito::ManagedLoginBranding')));
  });

  test('an image from Base64 bytes, for dark mode', () => {
    // GIVEN
    const asset = BrandingAsset.fromBase64(PNG, BrandingAssetExtension.PNG, {
      category: BrandingAssetCategory.PAGE_BACKGROUND, colorMode: BrandingColorMode.DARK,
    });
    // WHEN
    const { template } = synth({ clients: [AppClient.web('web', cb)], branding: LoginBranding.custom({ settingsJson: SETTINGS, assets: [asset] }) });
    // THEN
    expect(brandings(template)[0].Assets).toEqual([{ Category: 'PAGE_BACKGROUND', ColorMode: 'DARK', Extension: 'PNG', Bytes: PNG }]);
  });
});

describe('managed login branding: refusals', () => {
  const logo = (category = BrandingAssetCategory.FORM_LOGO, bytes = PNG, ext = BrandingAssetExtension.PNG) =>
    BrandingAsset.fromBase64(bytes, ext, { category });
  const custom = (assets: BrandingAsset[], settingsJson = SETTINGS) => LoginBranding.custom({ settingsJson, assets });
  const cases: [string, SecureCognitoApiProps, string][] = [
    ['settings that are not a JSON object', { branding: custom([], '[1, 2]') },
      '`branding.settingsJson` must be a JSON object (the settings document of the branding editor), got: "[1, 2]"'],
    ['settings that are not JSON', { branding: custom([], '{colors: red}') },
      '`branding.settingsJson` must be a JSON object (the settings document of the branding editor), got: "{colors: red}"'],
    ['more than 40 images', { branding: custom(Array.from({ length: 41 }, () => logo())) },
      '`branding.assets` must hold at most 40 images, got: 41'],
    ['two images for one category and mode', { branding: custom([logo(), logo()]) },
      '`branding.assets` must hold one image per category and color mode, got: "FORM_LOGO/DYNAMIC"'],
    ['an image over 1,000,000 Base64 characters', { branding: custom([logo(BrandingAssetCategory.FORM_LOGO, 'A'.repeat(1_000_004))]) },
      '`branding.assets` must be images of at most 1000000 characters Base64-encoded (about 750 KB): Base64 bytes has 1000004, got: "FORM_LOGO"'],
    ['a PNG favicon in the ICO category', { branding: custom([logo(BrandingAssetCategory.FAVICON_ICO)]) },
      '`branding.assets` FAVICON_ICO must be an ICO file, got: "PNG"'],
    ['a PNG favicon in the SVG category', { branding: custom([logo(BrandingAssetCategory.FAVICON_SVG)]) },
      '`branding.assets` FAVICON_SVG must be an SVG file, got: "PNG"'],
    ['a client\'s style with the classic hosted UI', {
      managedLoginVersion: cognito.ManagedLoginVersion.CLASSIC_HOSTED_UI,
      clients: [AppClient.web('web', { ...cb, branding: custom([]) })],
    }, '`clients[web].branding` needs managedLoginVersion NEWER_MANAGED_LOGIN: the classic hosted UI has no branding styles, got: "CLASSIC_HOSTED_UI"'],
  ];

  test.each(cases)('%s', (_name, props, message) => {
    expect(() => synth(props)).toThrow(message);
  });

  test('an image file of another format', () => {
    expect(() => BrandingAsset.fromFile('logo.gif', { category: BrandingAssetCategory.FORM_LOGO }))
      .toThrow('`BrandingAsset.fromFile` must name an .ico, .jpg, .jpeg, .png, .svg or .webp file, got: "logo.gif"');
  });

  test('an image file that is not there: the message names the call and the path, not the file system', () => {
    expect(() => BrandingAsset.fromFile('assets/missing-logo.png', { category: BrandingAssetCategory.FORM_LOGO }))
      .toThrow('`BrandingAsset.fromFile` must name a readable image file (paths are relative to the directory `cdk synth` runs in), got: "assets/missing-logo.png" (ENOENT)');
  });
});
