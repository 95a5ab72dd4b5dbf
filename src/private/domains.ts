import { Annotations, Duration, Stack } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as targets from 'aws-cdk-lib/aws-route53-targets';
import { Construct } from 'constructs';
import { check, isConcrete, unresolved } from './validate';
import type { ApiDomainOptions } from '../api-domain';
import type { CustomAuthDomainOptions } from '../auth-domain';
import type { SecureCognitoApiProps } from '../secure-cognito-api-props';

/** CloudFront, which serves the hosted UI of a custom domain, only takes certificates from here. */
export const CLOUDFRONT_CERTIFICATE_REGION = 'us-east-1';

/**
 * The address of the opt-in placeholder A record on the parent domain: TEST-NET-1 (RFC 5737),
 * reserved for documentation, routed nowhere. Cognito only checks that the parent resolves.
 */
export const PARENT_PLACEHOLDER_ADDRESS = '192.0.2.1';

const DOMAIN_NAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Everything about the custom domains that can be known at synth time. Values that are tokens
 * (a zone or certificate from another stack, an environment-agnostic stack) are skipped.
 */
export function validateCustomDomains(scope: Construct, auth?: CustomAuthDomainOptions, api?: ApiDomainOptions): void {
  const region = Stack.of(scope).region;
  if (auth) {
    validateDomainName('authDomain.domainName', auth.domainName, 'auth.example.com');
    if (isConcrete(auth.domainName)) {
      check(auth.domainName.split('.').length >= 3, 'authDomain.domainName',
        'must be a subdomain such as auth.example.com: Cognito needs an A record on its parent domain and refuses a top-level domain as parent',
        auth.domainName);
    }
    validateZone('authDomain.hostedZone', auth.hostedZone, auth.domainName);
    if (auth.certificate) {
      const certRegion = arnRegion(auth.certificate.certificateArn);
      check(certRegion === undefined || certRegion === CLOUDFRONT_CERTIFICATE_REGION, 'authDomain.certificate',
        `must be in ${CLOUDFRONT_CERTIFICATE_REGION}, the only region CloudFront (which serves the hosted UI) takes certificates from`,
        auth.certificate.certificateArn);
    } else {
      check(region === CLOUDFRONT_CERTIFICATE_REGION, 'authDomain.certificate',
        `is required unless the stack's region is ${CLOUDFRONT_CERTIFICATE_REGION}: CloudFront takes certificates only from there, `
        + `and the construct can only create one in its own region. Pass acm.Certificate.fromCertificateArn() with a certificate issued in ${CLOUDFRONT_CERTIFICATE_REGION}, `
        + `or create the certificate in a ${CLOUDFRONT_CERTIFICATE_REGION} stack and pass it with crossRegionReferences: true on both stacks`,
        isConcrete(region) ? region : 'an environment-agnostic stack (no env.region)');
    }
    // The parent's name is cut from the domain name: a token (a parameter, an import) cannot be cut at synth time.
    check(!(auth.parentDomainRecord && !isConcrete(auth.domainName)), 'authDomain.parentDomainRecord',
      'needs a domainName known at synth time (the parent domain is derived from it); create the parent domain\'s A record yourself instead',
      unresolved(scope, auth.domainName));
    if (auth.parentDomainRecord && isConcrete(auth.domainName)) {
      const parent = parentDomain(auth.domainName);
      const zone = concreteZoneName(auth.hostedZone);
      check(zone === undefined || isWithin(parent, zone), 'authDomain.parentDomainRecord',
        `needs hostedZone to hold the parent domain ${parent}`, zone);
      check(!(api && api.domainName === parent), 'authDomain.parentDomainRecord',
        `must be left off when apiDomain is the parent domain: the API's alias A record already makes ${parent} resolve, and a placeholder would clash with it`,
        api?.domainName);
    }
  }
  if (api) {
    validateDomainName('apiDomain.domainName', api.domainName, 'api.example.com');
    validateZone('apiDomain.hostedZone', api.hostedZone, api.domainName);
    if (api.certificate && isConcrete(region)) {
      const certRegion = arnRegion(api.certificate.certificateArn);
      check(certRegion === undefined || certRegion === region, 'apiDomain.certificate',
        `must be in the stack's region ${region} (a regional API endpoint)`, api.certificate.certificateArn);
    }
    check(!(auth && isConcrete(api.domainName) && api.domainName === auth.domainName), 'apiDomain.domainName',
      'must differ from the domain name of authDomain', api.domainName);
  }
}

function validateDomainName(prop: string, name: string, example: string): void {
  if (!isConcrete(name)) return;
  check(DOMAIN_NAME.test(name), prop,
    `must be a fully qualified, lower-case domain name without a trailing dot, such as ${example}`, name);
}

function validateZone(prop: string, zone: route53.IHostedZone, domainName: string): void {
  const zoneName = concreteZoneName(zone);
  if (zoneName === undefined || !isConcrete(domainName)) return;
  check(isWithin(domainName, zoneName), prop, `must be the zone of ${domainName} or of one of its parent domains`, zoneName);
}

/** The zone's name without the trailing dot, when known at synth time. */
function concreteZoneName(zone: route53.IHostedZone): string | undefined {
  let name: string;
  try {
    name = zone.zoneName;
  } catch {
    return undefined; // HostedZone.fromHostedZoneId() has no name
  }
  return isConcrete(name) ? name.replace(/\.$/, '').toLowerCase() : undefined;
}

function isWithin(domainName: string, zoneName: string): boolean {
  return domainName === zoneName || domainName.endsWith(`.${zoneName}`);
}

/** `example.com` for `auth.example.com`. */
export function parentDomain(domainName: string): string {
  return domainName.slice(domainName.indexOf('.') + 1);
}

function arnRegion(arn: string): string | undefined {
  if (!isConcrete(arn)) return undefined;
  return /^arn:[^:]+:acm:([^:]*):/.exec(arn)?.[1];
}

/** A record name that Route 53 takes as is, without looking at the zone's name. */
function fqdn(domainName: string): string {
  return `${domainName}.`;
}

/**
 * Alias target for the CloudFront distribution of a Cognito custom domain. `cloudFrontEndpoint` is
 * a GetAtt of the domain; `route53-targets.UserPoolDomainTarget` would add a custom resource
 * unless the consumer's app turns a feature flag on.
 */
class UserPoolDomainAlias implements route53.IAliasRecordTarget {
  constructor(private readonly domain: cognito.UserPoolDomain) {}

  public bind(record: route53.IRecordSet): route53.AliasRecordTargetConfig {
    return { dnsName: this.domain.cloudFrontEndpoint, hostedZoneId: targets.CloudFrontTarget.getHostedZoneId(record) };
  }
}

/**
 * The DNS side of the hosted UI's custom domain: its certificate (given or created), the alias
 * records to Cognito's CloudFront distribution, and the parent domain's A record (opt-in).
 */
export class CustomAuthDomain extends Construct {
  public readonly certificate: acm.ICertificate;
  public readonly records: route53.RecordSet[] = [];
  public parentRecord?: route53.ARecord;

  constructor(scope: Construct, id: string, private readonly options: CustomAuthDomainOptions) {
    super(scope, id);
    this.certificate = options.certificate ?? new acm.Certificate(this, 'Certificate', {
      domainName: options.domainName,
      validation: acm.CertificateValidation.fromDns(options.hostedZone),
    });
  }

  /** What `cognito.UserPoolDomain` needs. */
  public get domainOptions(): cognito.CustomDomainOptions {
    return { domainName: this.options.domainName, certificate: this.certificate };
  }

  /**
   * Points the domain at the user pool domain's distribution and makes sure the parent domain
   * resolves before Cognito creates the domain: through the API's own alias record when the API
   * is served on the parent domain, the opt-in placeholder, or the user's existing record.
   */
  public addRecords(domain: cognito.UserPoolDomain, apiDomain?: CustomApiDomain): void {
    const { domainName, hostedZone: zone } = this.options;
    const target = route53.RecordTarget.fromAlias(new UserPoolDomainAlias(domain));
    const comment = 'Hosted UI (managed login) of cdk-secure-cognito-api';
    this.records.push(
      new route53.ARecord(this, 'AliasA', { zone, recordName: fqdn(domainName), target, comment }),
      new route53.AaaaRecord(this, 'AliasAAAA', { zone, recordName: fqdn(domainName), target, comment }));

    const parent = parentDomain(domainName);
    if (apiDomain && isConcrete(domainName) && apiDomain.name === parent) {
      domain.node.addDependency(apiDomain.records[0]);
    } else if (this.options.parentDomainRecord) {
      this.parentRecord = new route53.ARecord(this, 'ParentDomainRecord', {
        zone,
        recordName: fqdn(parent),
        target: route53.RecordTarget.fromIpAddresses(PARENT_PLACEHOLDER_ADDRESS),
        ttl: Duration.minutes(5),
        comment: `Placeholder: Cognito needs the parent of ${domainName} to resolve (RFC 5737 address, routes nowhere)`,
      });
      domain.node.addDependency(this.parentRecord);
    } else if (isConcrete(domainName)) {
      Annotations.of(this).addWarningV2('cdk-secure-cognito-api:parentDomainRecord',
        `Cognito creates the custom domain ${domainName} only if its parent domain ${parent} resolves to an A record at that time. `
        + `If ${parent} has none, create one (any address) before deploying, or set parentDomainRecord: true in AuthDomain.custom() `
        + `to create a placeholder when hostedZone holds ${parent}.`);
    } else {
      // A token domain name: its parent cannot be named at synth time.
      Annotations.of(this).addWarningV2('cdk-secure-cognito-api:parentDomainRecord',
        'Cognito creates the custom domain only if its parent domain (the domain name without its first label) resolves to an A record at that time. '
        + 'If the parent has none, create one (any address) before deploying.');
    }
  }
}

export interface CustomApiDomainProps {
  readonly options: ApiDomainOptions;
  readonly httpApi: apigwv2.IHttpApi;
  readonly stage: apigwv2.IStage;
}

/** The API's custom domain: certificate (given or created), domain name, mapping to `$default`, alias records. */
export class CustomApiDomain extends Construct {
  public readonly certificate: acm.ICertificate;
  public readonly domainName: apigwv2.DomainName;
  public readonly mapping: apigwv2.ApiMapping;
  public readonly records: route53.RecordSet[];
  /** The domain name, as given. */
  public readonly name: string;
  /** `https://<domain>/`. */
  public readonly url: string;

  constructor(scope: Construct, id: string, props: CustomApiDomainProps) {
    super(scope, id);
    const { domainName, hostedZone: zone } = props.options;
    this.certificate = props.options.certificate ?? new acm.Certificate(this, 'Certificate', {
      domainName,
      validation: acm.CertificateValidation.fromDns(zone),
    });
    this.domainName = new apigwv2.DomainName(this, 'DomainName', {
      domainName,
      certificate: this.certificate,
      endpointType: apigwv2.EndpointType.REGIONAL,
      securityPolicy: apigwv2.SecurityPolicy.TLS_1_2,
      ipAddressType: apigwv2.IpAddressType.DUAL_STACK,
    });
    this.mapping = new apigwv2.ApiMapping(this, 'Mapping', {
      api: props.httpApi,
      domainName: this.domainName,
      stage: props.stage,
    });
    const target = route53.RecordTarget.fromAlias(new targets.ApiGatewayv2DomainProperties(
      this.domainName.regionalDomainName, this.domainName.regionalHostedZoneId));
    const comment = 'HTTP API of cdk-secure-cognito-api';
    this.records = [
      new route53.ARecord(this, 'AliasA', { zone, recordName: fqdn(domainName), target, comment }),
      new route53.AaaaRecord(this, 'AliasAAAA', { zone, recordName: fqdn(domainName), target, comment }),
    ];
    this.name = domainName;
    this.url = `https://${domainName}/`;
  }
}

/** Validates the prefix of `AuthDomain.cognitoPrefix()`. */
export function validateDomainPrefix(prefix: string | undefined): void {
  if (prefix === undefined || !isConcrete(prefix)) return;
  check(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(prefix), 'authDomain',
    'prefix must be 1 to 63 lower-case letters, digits and hyphens, not starting or ending with a hyphen', prefix);
  check(!/aws|amazon|cognito/.test(prefix), 'authDomain', 'prefix must not contain "aws", "amazon" or "cognito"', prefix);
}

/** The hosted UI's prefix or custom domain, and the API's custom domain. */
export function validateDomains(scope: Construct, props: SecureCognitoApiProps): void {
  validateDomainPrefix(props.authDomain?.prefix);
  validateCustomDomains(scope, props.authDomain?.customDomain, props.apiDomain);
}
