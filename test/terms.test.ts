import { Token } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { resources, synth } from './util';
import { AppClient, SignUpMode, TermsDocuments, TermsLanguage } from '../src';

const CALLBACK = 'https://app.example.org/callback';
const TERMS: TermsDocuments = {
  termsOfUse: {
    url: 'https://example.org/terms',
    translations: [{ language: TermsLanguage.FRENCH, url: 'https://example.org/fr/conditions' }],
  },
  privacyPolicy: { url: 'https://example.org/privacy' },
};
const webWith = (terms: TermsDocuments) => [AppClient.web('spa', { callbackUrls: [CALLBACK], terms }), AppClient.passwordAuth('cli')];

describe('terms documents', () => {
  test('default: no terms documents', () => {
    synth({ clients: [AppClient.web('spa', { callbackUrls: [CALLBACK] })] }).template.resourceCountIs('AWS::Cognito::Terms', 0);
  });

  test('override: the terms of use and the privacy policy of one client, with a French translation', () => {
    const { template } = synth({ clients: webWith(TERMS) });
    const terms = Object.values(resources(template, 'AWS::Cognito::Terms')).map((r) => r.Properties);
    const client = { Ref: expect.stringMatching(/^ApiClientsspa/) };
    const pool = { Ref: 'ApiIdentityUserPool185EF191' };
    expect(terms).toEqual([
      {
        UserPoolId: pool,
        ClientId: client,
        TermsName: 'terms-of-use',
        TermsSource: 'LINK',
        Enforcement: 'NONE',
        Links: { 'cognito:default': 'https://example.org/terms', 'cognito:french': 'https://example.org/fr/conditions' },
      },
      {
        UserPoolId: pool,
        ClientId: client,
        TermsName: 'privacy-policy',
        TermsSource: 'LINK',
        Enforcement: 'NONE',
        Links: { 'cognito:default': 'https://example.org/privacy' },
      },
    ]);
  });

  test('an unresolved URL is not validated', () => {
    const url = Token.asString({ Ref: 'TermsUrl' });
    const { template } = synth({ clients: webWith({ termsOfUse: { url }, privacyPolicy: { url } }) });
    template.resourceCountIs('AWS::Cognito::Terms', 2);
  });

  const refused: [string, () => unknown, string][] = [
    ['an http URL', () => synth({ clients: webWith({ ...TERMS, privacyPolicy: { url: 'http://example.org/privacy' } }) }),
      '`clients[spa].terms.privacyPolicy.url` must be an absolute https URL, got: "http://example.org/privacy"'],
    ['a relative URL', () => synth({ clients: webWith({ ...TERMS, termsOfUse: { url: '/terms' } }) }),
      '`clients[spa].terms.termsOfUse.url` must be an absolute https URL, got: "/terms"'],
    ['a URL with a space', () => synth({ clients: webWith({ ...TERMS, termsOfUse: { url: 'https://example.org/our terms' } }) }),
      '`clients[spa].terms.termsOfUse.url` must not contain spaces or control characters, got: "https://example.org/our terms"'],
    ['a URL over 1024 characters', () => synth({ clients: webWith({ ...TERMS, termsOfUse: { url: `https://example.org/${'a'.repeat(1005)}` } }) }),
      `\`clients[spa].terms.termsOfUse.url\` must be at most 1024 characters, got: "https://example.org/${'a'.repeat(1005)}"`],
    ['a language twice', () => synth({
      clients: webWith({
        ...TERMS,
        privacyPolicy: {
          url: 'https://example.org/privacy',
          translations: [{ language: TermsLanguage.GERMAN, url: 'https://example.org/de/a' }, { language: TermsLanguage.GERMAN, url: 'https://example.org/de/b' }],
        },
      }),
    }), '`clients[spa].terms.privacyPolicy.translations` must name each language at most once, got: "german"'],
    ['a translation URL that is not https', () => synth({
      clients: webWith({ ...TERMS, termsOfUse: { url: 'https://example.org/terms', translations: [{ language: TermsLanguage.JAPANESE, url: 'ftp://example.org/ja' }] } }),
    }), '`clients[spa].terms.termsOfUse.translations[japanese].url` must be an absolute https URL, got: "ftp://example.org/ja"'],
    ['the classic hosted UI, which shows no terms', () => synth({
      clients: webWith(TERMS), managedLoginVersion: cognito.ManagedLoginVersion.CLASSIC_HOSTED_UI,
    }), '`clients[spa].terms` needs managed login (managedLoginVersion NEWER_MANAGED_LOGIN): the classic hosted UI shows no terms documents, got: "set"'],
    ['no sign-up page', () => synth({ clients: webWith(TERMS), signUpMode: SignUpMode.ADMIN_ONLY }),
      '`clients[spa].terms` needs a sign-up page, where managed login shows the terms: signUpMode ADMIN_ONLY has none, got: "ADMIN_ONLY"'],
  ];
  test.each(refused)('refused: %s', (_name, build, message) => {
    expect(build).toThrow(message);
  });
});
