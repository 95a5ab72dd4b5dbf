import * as cognito from 'aws-cdk-lib/aws-cognito';
import { check, isConcrete } from './validate';
import type { AppClient } from '../app-client';
import { SignUpMode } from '../options';
import type { TermsDocument, TermsDocuments } from '../terms';

/** The longest URL of a terms document, and the characters one may hold (CloudFormation's LinksType). */
const MAX_TERMS_URL = 1024;
const TERMS_URL_CHARS = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u;

/** What decides whether managed login can show the terms. */
export interface TermsContext {
  readonly managedLoginVersion: cognito.ManagedLoginVersion;
  readonly signUpMode: SignUpMode;
}

/**
 * Refuses terms that Cognito would refuse or that no one would ever see: managed login shows them
 * on the sign-up page only, and the classic hosted UI never does.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateTerms.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-terms.html
 */
export function validateTerms(clients: AppClient[], context: TermsContext): void {
  for (const client of clients) {
    if (!client.terms) continue;
    const prop = `clients[${client.name}].terms`;
    check(context.managedLoginVersion === cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN, prop,
      'needs managed login (managedLoginVersion NEWER_MANAGED_LOGIN): the classic hosted UI shows no terms documents', 'set');
    check(context.signUpMode !== SignUpMode.ADMIN_ONLY, prop,
      'needs a sign-up page, where managed login shows the terms: signUpMode ADMIN_ONLY has none', context.signUpMode);
    validateDocument(`${prop}.termsOfUse`, client.terms.termsOfUse);
    validateDocument(`${prop}.privacyPolicy`, client.terms.privacyPolicy);
  }
}

function validateDocument(prop: string, document: TermsDocument): void {
  validateTermsUrl(`${prop}.url`, document.url);
  const seen = new Set<string>();
  for (const translation of document.translations ?? []) {
    check(!seen.has(translation.language), `${prop}.translations`, 'must name each language at most once', translation.language);
    seen.add(translation.language);
    validateTermsUrl(`${prop}.translations[${translation.language}].url`, translation.url);
  }
}

function validateTermsUrl(prop: string, value: string): void {
  if (!isConcrete(value)) return;
  check(value.length <= MAX_TERMS_URL, prop, `must be at most ${MAX_TERMS_URL} characters`, value);
  check(TERMS_URL_CHARS.test(value), prop, 'must not contain spaces or control characters', value);
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  check(url?.protocol === 'https:' && url.hostname !== '', prop, 'must be an absolute https URL', value);
}

/** The `Links` map of one document: `cognito:default` and one key per translated language. */
export function termsLinks(document: TermsDocument): Record<string, string> {
  const links: Record<string, string> = { 'cognito:default': document.url };
  for (const t of document.translations ?? []) links[`cognito:${t.language}`] = t.url;
  return links;
}

/**
 * The client's terms of use and privacy policy (`AWS::Cognito::Terms`, one per document),
 * children of the client so that they follow it.
 */
export function createTerms(client: cognito.UserPoolClient, userPool: cognito.IUserPool, terms: TermsDocuments): cognito.CfnTerms[] {
  const documents: [string, string, TermsDocument][] = [
    ['TermsOfUse', 'terms-of-use', terms.termsOfUse],
    ['PrivacyPolicy', 'privacy-policy', terms.privacyPolicy],
  ];
  return documents.map(([id, termsName, document]) => new cognito.CfnTerms(client, id, {
    userPoolId: userPool.userPoolId,
    clientId: client.userPoolClientId,
    termsName,
    // The only values CloudFormation takes today.
    termsSource: 'LINK',
    enforcement: 'NONE',
    links: termsLinks(document),
  }));
}
