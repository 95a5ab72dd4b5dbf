// Values the construct hands to AWS that come from names, ids, counts or another region: inside
// AWS's documented limits, or refused at synth with the prop, the rule and the value
// (docs/decisions/047-aws-limits-audit.md holds the whole table).
import { App, SecretValue, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { synth } from './util';
import { AppClient, IdentityProvider, SecureCognitoApi, SecureCognitoApiProps, UserPoolFirewall } from '../src';

const cb = { callbackUrls: ['https://app.example.com/cb'] };
const ACL = (region: string, account = '123456789012') =>
  `arn:aws:wafv2:${region}:${account}:regional/webacl/mine/0123abcd-0123-4567-89ab-0123456789ab`;

function build(props: SecureCognitoApiProps, id = 'Api'): Template {
  const app = new App({ context: { 'aws:cdk:disable-creation-stack-traces': true } });
  const stack = new Stack(app, 'TestStack', { env: { account: '123456789012', region: 'us-east-1' } });
  new SecureCognitoApi(stack, id, props);
  return Template.fromStack(stack);
}

describe('client names: Cognito\'s 128 characters', () => {
  test('a 128-character name is taken as the client name and in its output ids', () => {
    // GIVEN / WHEN
    const name = `c${'x'.repeat(127)}`;
    const { template } = synth({ clients: [AppClient.web(name, cb)] });
    // THEN
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', { ClientName: name });
    expect(Object.keys(template.toJSON().Outputs)).toContain(`ApiSignInUrl${name}`);
  });

  test('a 129-character name is refused', () => {
    const name = `c${'x'.repeat(128)}`;
    expect(() => synth({ clients: [AppClient.web(name, cb)] }))
      .toThrow(`\`clients\` names must start with a letter and hold up to 128 letters, digits and hyphens (Cognito's ClientName limit), got: "${name}"`);
  });
});

describe('output ids: CloudFormation\'s 255 characters', () => {
  test('a long construct id with a long client name: refused, naming both lengths', () => {
    const id = 'A'.repeat(200);
    const name = `w${'x'.repeat(59)}`;
    expect(() => build({ clients: [AppClient.web(name, cb)] }, id)).toThrow(
      `\`clients[${name}]\` output ids join the construct's id (200 characters) and the client name (60 without hyphens), and CloudFormation takes 255 characters: shorten either, got: "${id}ClientId${name}" (268 characters)`);
  });
});

describe('a given web ACL: the pool\'s account and region', () => {
  test('a web ACL of another region is refused', () => {
    expect(() => build({ firewall: UserPoolFirewall.fromWebAclArn(ACL('us-west-2')) })).toThrow(
      `\`firewall\` must name a web ACL in the user pool's account and region (123456789012, us-east-1): AWS WAF associates a web ACL only with resources of its own, got: "${ACL('us-west-2')}"`);
  });

  test('a web ACL of another account is refused', () => {
    expect(() => build({ firewall: UserPoolFirewall.fromWebAclArn(ACL('us-east-1', '210987654321')) })).toThrow(
      `\`firewall\` must name a web ACL in the user pool's account and region (123456789012, us-east-1): AWS WAF associates a web ACL only with resources of its own, got: "${ACL('us-east-1', '210987654321')}"`);
  });

  test('the same account and region, or an environment-agnostic stack: taken', () => {
    build({ firewall: UserPoolFirewall.fromWebAclArn(ACL('us-east-1')) }).resourceCountIs('AWS::WAFv2::WebACLAssociation', 1);
    synth({ firewall: UserPoolFirewall.fromWebAclArn(ACL('eu-west-1')) }).template.resourceCountIs('AWS::WAFv2::WebACLAssociation', 1);
  });
});

describe('provider secrets: CloudFormation\'s 60 dynamic references per template', () => {
  const oidc = (i: number) => IdentityProvider.oidc({
    name: `Corp${i}`, clientId: 'c', clientSecret: SecretValue.secretsManager(`corp-${i}`), issuerUrl: 'https://login.example.com',
  });

  test('60 providers with secrets are taken', () => {
    build({ identityProviders: Array.from({ length: 60 }, (_, i) => oidc(i)) }).resourceCountIs('AWS::Cognito::UserPoolIdentityProvider', 60);
  });

  test('61 are refused', () => {
    expect(() => build({ identityProviders: Array.from({ length: 61 }, (_, i) => oidc(i)) })).toThrow(
      '`identityProviders` must hold at most 60 providers with a secret: each secret is a dynamic reference, and CloudFormation resolves at most 60 in a template, got: 61');
  });
});
