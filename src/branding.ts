import * as fs from 'fs';
import * as path from 'path';

/**
 * Where an image appears in managed login.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AssetType.html
 */
export enum BrandingAssetCategory {
  /** The favicon, an ICO file. */
  FAVICON_ICO = 'FAVICON_ICO',
  /** The favicon, an SVG file. */
  FAVICON_SVG = 'FAVICON_SVG',
  /** The graphic of the e-mail code prompt. */
  EMAIL_GRAPHIC = 'EMAIL_GRAPHIC',
  /** The graphic of the SMS code prompt. */
  SMS_GRAPHIC = 'SMS_GRAPHIC',
  /** The graphic of the authenticator app prompt. */
  AUTH_APP_GRAPHIC = 'AUTH_APP_GRAPHIC',
  /** The graphic of the password prompt. */
  PASSWORD_GRAPHIC = 'PASSWORD_GRAPHIC',
  /** The graphic of the passkey prompt. */
  PASSKEY_GRAPHIC = 'PASSKEY_GRAPHIC',
  /** The logo in the page header. */
  PAGE_HEADER_LOGO = 'PAGE_HEADER_LOGO',
  /** The background of the page header. */
  PAGE_HEADER_BACKGROUND = 'PAGE_HEADER_BACKGROUND',
  /** The logo in the page footer. */
  PAGE_FOOTER_LOGO = 'PAGE_FOOTER_LOGO',
  /** The background of the page footer. */
  PAGE_FOOTER_BACKGROUND = 'PAGE_FOOTER_BACKGROUND',
  /** The page background. */
  PAGE_BACKGROUND = 'PAGE_BACKGROUND',
  /** The background of the sign-in form. */
  FORM_BACKGROUND = 'FORM_BACKGROUND',
  /** The logo above the sign-in form. */
  FORM_LOGO = 'FORM_LOGO',
  /** The icon on an identity provider's button. */
  IDP_BUTTON_ICON = 'IDP_BUTTON_ICON',
}

/** The display mode an image is for. */
export enum BrandingColorMode {
  /** Light mode only. */
  LIGHT = 'LIGHT',
  /** Dark mode only. */
  DARK = 'DARK',
  /** Every mode (browser-adaptive). */
  DYNAMIC = 'DYNAMIC',
}

/** The image formats managed login takes. */
export enum BrandingAssetExtension {
  /** Windows icon. */
  ICO = 'ICO',
  /** JPEG. */
  JPEG = 'JPEG',
  /** PNG. */
  PNG = 'PNG',
  /** SVG. */
  SVG = 'SVG',
  /** WebP. */
  WEBP = 'WEBP',
}

/** Where and when an image is shown. */
export interface BrandingAssetOptions {
  /** Where the image appears. */
  readonly category: BrandingAssetCategory;
  /**
   * The display mode the image is for.
   *
   * @default BrandingColorMode.DYNAMIC - every mode
   */
  readonly colorMode?: BrandingColorMode;
}

const EXTENSIONS: Record<string, BrandingAssetExtension> = {
  '.ico': BrandingAssetExtension.ICO,
  '.jpg': BrandingAssetExtension.JPEG,
  '.jpeg': BrandingAssetExtension.JPEG,
  '.png': BrandingAssetExtension.PNG,
  '.svg': BrandingAssetExtension.SVG,
  '.webp': BrandingAssetExtension.WEBP,
};

/**
 * An image of a managed login branding style (logo, background, favicon, icon). Cognito takes
 * ICO, JPEG, PNG, SVG and WebP files of up to 1,000,000 characters once Base64-encoded (about
 * 750 KB), at most 40 per style; the construct refuses anything else at synth time.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AssetType.html
 */
export class BrandingAsset {
  /**
   * An image file, read at synth time; its format comes from the file name's extension
   * (.ico, .jpg, .jpeg, .png, .svg, .webp).
   *
   * @param file path of the image file
   * @param options where and when the image is shown
   */
  public static fromFile(file: string, options: BrandingAssetOptions): BrandingAsset {
    const ext = path.extname(file).toLowerCase();
    const extension = EXTENSIONS[ext];
    if (extension === undefined) {
      throw new Error(`\`BrandingAsset.fromFile\` must name an .ico, .jpg, .jpeg, .png, .svg or .webp file, got: ${JSON.stringify(file)}`);
    }
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch (e) {
      const code = (e as { code?: string }).code ?? 'unreadable';
      throw new Error(`\`BrandingAsset.fromFile\` must name a readable image file (paths are relative to the directory \`cdk synth\` runs in), got: ${JSON.stringify(file)} (${code})`);
    }
    return new BrandingAsset(options, extension, bytes.toString('base64'), file);
  }

  /**
   * An image given as Base64-encoded bytes.
   *
   * @param base64 the image, Base64-encoded
   * @param extension the image format
   * @param options where and when the image is shown
   */
  public static fromBase64(base64: string, extension: BrandingAssetExtension, options: BrandingAssetOptions): BrandingAsset {
    return new BrandingAsset(options, extension, base64, 'Base64 bytes');
  }

  /** Where the image appears. */
  public readonly category: BrandingAssetCategory;
  /** The display mode the image is for. */
  public readonly colorMode: BrandingColorMode;
  /** The image format. */
  public readonly extension: BrandingAssetExtension;
  /** The image, Base64-encoded. */
  public readonly base64: string;
  /** Where the image came from (a file path), for error messages. */
  public readonly source: string;

  private constructor(options: BrandingAssetOptions, extension: BrandingAssetExtension, base64: string, source: string) {
    this.category = options.category;
    this.colorMode = options.colorMode ?? BrandingColorMode.DYNAMIC;
    this.extension = extension;
    this.base64 = base64;
    this.source = source;
  }
}

/** A managed login branding style of your own. */
export interface CustomBrandingOptions {
  /**
   * The style's settings document, as JSON: colours, fonts, layout, component styles. Export it
   * from the branding editor of the Cognito console (or write it by hand) and keep it in a file.
   *
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/managed-login-brandingeditor.html
   */
  readonly settingsJson: string;

  /**
   * Images: logos, backgrounds, favicon, icons.
   *
   * @default - no image
   */
  readonly assets?: BrandingAsset[];
}

/**
 * The look of managed login for a client (`AWS::Cognito::ManagedLoginBranding`): Cognito's
 * default style, or your settings document and images. Applies to the hosted-UI clients with
 * managed login (NEWER_MANAGED_LOGIN); a client without a style shows an error page, so every
 * hosted-UI client gets one. Changing it updates the style in place; no extra cost.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/managed-login-brandingeditor.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-managedloginbranding.html
 */
export class LoginBranding {
  /** Cognito's default style (`UseCognitoProvidedValues`). */
  public static cognitoDefault(): LoginBranding {
    return new LoginBranding(undefined, []);
  }

  /**
   * Your own settings document and images.
   *
   * @param options the settings document and the images
   */
  public static custom(options: CustomBrandingOptions): LoginBranding {
    return new LoginBranding(options.settingsJson, options.assets ?? []);
  }

  /** The settings document (undefined for Cognito's default style). */
  public readonly settingsJson?: string;
  /** The images. */
  public readonly assets: BrandingAsset[];

  private constructor(settingsJson: string | undefined, assets: BrandingAsset[]) {
    this.settingsJson = settingsJson;
    this.assets = [...assets];
  }
}
