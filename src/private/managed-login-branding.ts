import { Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import { check, isConcrete, refusal } from './validate';
import type { AppClient } from '../app-client';
import { BrandingAssetCategory, BrandingAssetExtension, LoginBranding } from '../branding';

/** Cognito's limits on a style's images (AssetType and ManagedLoginBrandingType). */
const MAX_ASSETS = 40;
const MAX_BASE64_LENGTH = 1_000_000;
/**
 * "This operation has a 2-megabyte request-size limit and include the CSS settings and image
 * assets": CloudFormation sends a style in one request.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateManagedLoginBranding.html
 */
const MAX_REQUEST_BYTES = 2 * 1024 * 1024;
/**
 * A template uploaded to S3 (as the CDK CLI does past 51,200 bytes) may hold at most 1 MB; the CDK
 * and cfn-lint count 1,000,000.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html
 */
const MAX_TEMPLATE_BYTES = 1_000_000;

/**
 * Creates the managed login style of a hosted-UI client, as child `Branding` of the client (the
 * id the construct always used for Cognito's default style, so the resource is updated in place).
 * A client without a style shows an error page in managed login.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-managedloginbranding.html
 */
export function brandClient(client: cognito.UserPoolClient, userPool: cognito.IUserPool, branding: LoginBranding): cognito.CfnManagedLoginBranding {
  const custom = branding.settingsJson !== undefined;
  return new cognito.CfnManagedLoginBranding(client, 'Branding', {
    userPoolId: userPool.userPoolId,
    clientId: client.userPoolClientId,
    useCognitoProvidedValues: !custom,
    settings: custom ? JSON.parse(branding.settingsJson!) : undefined,
    assets: custom && branding.assets.length > 0 ? branding.assets.map((a) => ({
      category: a.category,
      colorMode: a.colorMode,
      extension: a.extension,
      bytes: a.base64,
    })) : undefined,
  });
}

/**
 * Cognito's limits on styles: a settings document that is a JSON object, at most 40 images of
 * the accepted formats, each at most 1,000,000 Base64 characters, one per category and mode, the
 * favicon categories in their own format; and managed login itself (not the classic hosted UI).
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AssetType.html
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ManagedLoginBrandingType.html
 */
export function validateBranding(branding: LoginBranding | undefined, clients: AppClient[],
  managedLoginVersion: cognito.ManagedLoginVersion): void {
  const styles: [string, LoginBranding][] = [
    ...(branding ? [['branding', branding] as [string, LoginBranding]] : []),
    ...clients.filter((c) => c.branding).map((c) => [`clients[${c.name}].branding`, c.branding!] as [string, LoginBranding]),
  ];
  for (const [prop, style] of styles) {
    check(managedLoginVersion === cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN, prop,
      'needs managedLoginVersion NEWER_MANAGED_LOGIN: the classic hosted UI has no branding styles', 'CLASSIC_HOSTED_UI');
    validateStyle(prop, style);
  }
}

function validateStyle(prop: string, style: LoginBranding): void {
  if (style.settingsJson !== undefined && isConcrete(style.settingsJson)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(style.settingsJson);
    } catch {
      parsed = undefined;
    }
    check(typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed), `${prop}.settingsJson`,
      'must be a JSON object (the settings document of the branding editor)', style.settingsJson.slice(0, 40));
  }
  check(style.assets.length <= MAX_ASSETS, `${prop}.assets`, `must hold at most ${MAX_ASSETS} images`, style.assets.length);
  validateRequestSize(prop, style);
  const seen = new Set<string>();
  for (const asset of style.assets) {
    const key = `${asset.category}/${asset.colorMode}`;
    check(!seen.has(key), `${prop}.assets`, 'must hold one image per category and color mode', key);
    seen.add(key);
    if (!isConcrete(asset.base64)) continue;
    check(asset.base64.length > 0 && asset.base64.length <= MAX_BASE64_LENGTH, `${prop}.assets`,
      `must be images of at most ${MAX_BASE64_LENGTH} characters Base64-encoded (about 750 KB): ${asset.source} has ${asset.base64.length}`,
      asset.category);
    if (asset.category === BrandingAssetCategory.FAVICON_ICO) {
      check(asset.extension === BrandingAssetExtension.ICO, `${prop}.assets`, 'FAVICON_ICO must be an ICO file', asset.extension);
    }
    if (asset.category === BrandingAssetCategory.FAVICON_SVG) {
      check(asset.extension === BrandingAssetExtension.SVG, `${prop}.assets`, 'FAVICON_SVG must be an SVG file', asset.extension);
    }
  }
}

/** One style's CreateManagedLoginBranding request, the longest ids Cognito issues included. */
function validateRequestSize(prop: string, style: LoginBranding): void {
  if (!style.assets.every((a) => isConcrete(a.base64)) || (style.settingsJson !== undefined && !isConcrete(style.settingsJson))) return;
  const request = JSON.stringify({
    UserPoolId: 'x'.repeat(55),
    ClientId: 'x'.repeat(128),
    UseCognitoProvidedValues: false,
    Settings: style.settingsJson,
    Assets: style.assets.map((a) => ({ Category: a.category, ColorMode: a.colorMode, Extension: a.extension, Bytes: a.base64 })),
  });
  const bytes = Buffer.byteLength(request);
  check(bytes <= MAX_REQUEST_BYTES, prop,
    `must fit in one CreateManagedLoginBranding request of ${n(MAX_REQUEST_BYTES)} bytes (2 MB), settings and images together: `
    + `${style.assets.map((a) => `${a.category} ${n(a.base64.length)}`).join(', ')}; use smaller images`, { toHumanString: () => `${n(bytes)} bytes` });
}

/** A style and the hosted-UI client that carries a copy of it in the template. */
export interface ClientStyle {
  readonly client: string;
  readonly branding: LoginBranding;
}

/**
 * Every hosted-UI client carries its own copy of its style's images in the template, so images
 * that fit one style can still take the template past CloudFormation's limit. The template is
 * known whole only once every construct is in place: the check runs when the app is synthesized,
 * on the template as the CDK writes it (with or without indentation), less the bootstrap-version
 * parameter and rule (under 1 KB) that the stack synthesizer adds after validation.
 */
export function validateTemplateBudget(scope: Construct, styles: ClientStyle[]): void {
  const carrying = styles.filter((s) => s.branding.assets.some((a) => isConcrete(a.base64)));
  if (carrying.length === 0) return;
  scope.node.addValidation({
    validate: () => {
      const stack = Stack.of(scope) as unknown as { _suppressTemplateIndentation?: boolean; _toCloudFormation(): unknown };
      const bytes = JSON.stringify(stack._toCloudFormation(), undefined, stack._suppressTemplateIndentation ? undefined : 1).length;
      if (bytes <= MAX_TEMPLATE_BYTES) return [];
      const copies = carrying.map(({ client, branding }) => {
        const sources = [...new Set(branding.assets.map((a) => a.source))].join(', ');
        return `clients[${client}] ${n(branding.assets.reduce((sum, a) => sum + a.base64.length, 0))} (${sources})`;
      });
      return [refusal('branding', `must keep the template within CloudFormation's ${n(MAX_TEMPLATE_BYTES)} bytes, and every hosted-UI client carries its own copy of its style's images: `
        + `${copies.join(', ')}; use smaller images, or give some clients \`branding: LoginBranding.cognitoDefault()\``, { toHumanString: () => `${n(bytes)} bytes` })];
    },
  });
}

function n(value: number): string {
  return value.toLocaleString('en-US');
}
