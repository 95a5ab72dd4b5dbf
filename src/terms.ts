/**
 * The languages of managed login for which a terms document can have its own URL.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-terms.html
 */
export enum TermsLanguage {
  /** English. */
  ENGLISH = 'english',
  /** French. */
  FRENCH = 'french',
  /** Spanish. */
  SPANISH = 'spanish',
  /** German. */
  GERMAN = 'german',
  /** Bahasa Indonesia. */
  BAHASA_INDONESIA = 'bahasa-indonesia',
  /** Italian. */
  ITALIAN = 'italian',
  /** Japanese. */
  JAPANESE = 'japanese',
  /** Korean. */
  KOREAN = 'korean',
  /** Portuguese (Brazil). */
  PORTUGUESE_BRAZIL = 'portuguese-brazil',
  /** Chinese (simplified). */
  CHINESE_SIMPLIFIED = 'chinese-simplified',
  /** Chinese (traditional). */
  CHINESE_TRADITIONAL = 'chinese-traditional',
}

/** The URL of a terms document in one language. */
export interface TermsTranslation {
  /** The language of managed login that shows this URL. */
  readonly language: TermsLanguage;

  /** An `https` URL of at most 1024 characters. */
  readonly url: string;
}

/**
 * One terms document: the URL every language shows, and URLs for some languages.
 */
export interface TermsDocument {
  /**
   * The URL shown in every language without a URL of its own (`cognito:default`). An `https` URL
   * of at most 1024 characters.
   */
  readonly url: string;

  /**
   * URLs for some languages of managed login, each language at most once.
   *
   * @default - every language shows `url`
   */
  readonly translations?: TermsTranslation[];
}

/**
 * The terms of use and the privacy policy that managed login links to on the sign-up page of a
 * client. Cognito shows them only when both are set, so both are required.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-managed-login.html#managed-login-terms-documents
 *
 * @example
 * import { TermsDocuments, TermsLanguage } from 'cdk-secure-cognito-api';
 *
 * const terms: TermsDocuments = {
 *   termsOfUse: { url: 'https://example.com/terms', translations: [{ language: TermsLanguage.FRENCH, url: 'https://example.com/fr/terms' }] },
 *   privacyPolicy: { url: 'https://example.com/privacy' },
 * };
 */
export interface TermsDocuments {
  /** The terms of use (`terms-of-use`). */
  readonly termsOfUse: TermsDocument;

  /** The privacy policy (`privacy-policy`). */
  readonly privacyPolicy: TermsDocument;
}
