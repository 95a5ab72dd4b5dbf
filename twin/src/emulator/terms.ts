// Terms documents on managed login: a client's AWS::Cognito::Terms (TermsName `terms-of-use` and
// `privacy-policy`, each a map of `cognito:default` and `cognito:<language>` to a URL) are linked
// on its sign-up page, and only once both types exist. The twin's page has no language: it links
// the `cognito:default` documents.
// @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-terms.html
// @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-managed-login.html
import type { TwinClient } from '../assembly/template';

const DOCUMENTS: Array<[string, string]> = [['terms-of-use', 'Terms of use'], ['privacy-policy', 'Privacy policy']];

/** The sign-up page's links to the client's terms documents (HTML), or '' unless it has both. */
export function termsLinks(client: TwinClient): string {
  const urls = DOCUMENTS.map(([name]) => client.terms?.[name]?.['cognito:default']);
  if (urls.some((u) => typeof u !== 'string' || !/^https:\/\//.test(u))) return '';
  const links = DOCUMENTS.map(([name, label], i) => `<a id="${name}" href="${escapeHtml(urls[i]!)}">${label}</a>`);
  return `<p class="terms">By signing up you agree to the ${links.join(' and the ')}.</p>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
