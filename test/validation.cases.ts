// The invalid configurations the construct refuses at synth time, one per AWS (or security) rule.
// Each is a function that builds the configuration in a fresh stack; test/validation.test.ts
// asserts the exact message of each.
import { Duration, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AppClient, AuthDomain, EgressMode, SecureCognitoApi, SecureCognitoApiProps, SecurityProfile } from '../src';

export type Case = [name: string, build: (stack: Stack) => void, message: string];

const web = (options: Partial<Parameters<typeof AppClient.web>[1]> = {}, name = 'web') =>
  AppClient.web(name, { callbackUrls: ['https://app.example.com/cb'], ...options });
const api = (props: SecureCognitoApiProps) => (stack: Stack) => { new SecureCognitoApi(stack, 'Api', props); };
const route = (options: Parameters<SecureCognitoApi['addRoute']>[0]) => (stack: Stack) => {
  new SecureCognitoApi(stack, 'Api').addRoute(options);
};
const fn = (stack: Stack) => lambda.Function.fromFunctionArn(stack, 'Fn', 'arn:aws:lambda:us-east-1:123456789012:function:mine');

export const CASES: Case[] = [
  // ---- identity
  ['password shorter than 12', api({ passwordMinLength: 8 }), '`passwordMinLength` must be an integer from 12 to 99, got: 8'],
  ['password longer than 99', api({ passwordMinLength: 100 }), '`passwordMinLength` must be an integer from 12 to 99, got: 100'],
  ['threat protection without Plus', api({ threatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION }),
    '`threatProtectionMode` ENFORCED needs featurePlan PLUS (featurePlan is ESSENTIALS), got: "ENFORCED"'],
  ['user pool name too long', api({ userPoolName: 'p'.repeat(129) }),
    `\`userPoolName\` must be 1 to 128 letters, digits, spaces and the characters +=,.@-_, got: "${'p'.repeat(129)}"`],
  ['user pool name with a slash', api({ userPoolName: 'team/pool' }),
    '`userPoolName` must be 1 to 128 letters, digits, spaces and the characters +=,.@-_, got: "team/pool"'],
  ['group name with a space', api({ groups: ['read only'] }), '`groups` names must be 1 to 128 characters without whitespace, got: "read only"'],
  ['empty group name', api({ groups: [''] }), '`groups` names must be 1 to 128 characters without whitespace, got: ""'],
  ['duplicate group', api({ groups: ['admins', 'admins'] }), '`groups` names must be unique, got: "admins"'],
  ['a group name that is a token', api({ groups: [Token.asString({ Ref: 'GroupName' })] }),
    '`groups` names must be known at synth time: each group\'s logical id is made from its name, got: {"Ref":"GroupName"}'],
  ['DESTROY with deletion protection on', api({ removalPolicy: RemovalPolicy.DESTROY, deletionProtection: true }),
    '`deletionProtection` must be false or unset with removalPolicy DESTROY: Cognito refuses to delete a protected pool, so `cdk destroy` would end in DELETE_FAILED, got: true'],
  ['RETAIN_ON_UPDATE_OR_DELETE with deletion protection on', api({ removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE, deletionProtection: true }),
    '`deletionProtection` must be false or unset with removalPolicy RETAIN_ON_UPDATE_OR_DELETE: Cognito refuses to delete a protected pool, '
    + 'so the rollback of a failed first deployment would fail instead of deleting it (use RETAIN to keep a protected pool), got: true'],

  // ---- hosted UI domain
  ['domain prefix with capitals', api({ authDomain: AuthDomain.cognitoPrefix('MyApp') }),
    '`authDomain` prefix must be 1 to 63 lower-case letters, digits and hyphens, not starting or ending with a hyphen, got: "MyApp"'],
  ['domain prefix longer than 63', api({ authDomain: AuthDomain.cognitoPrefix('a'.repeat(64)) }),
    `\`authDomain\` prefix must be 1 to 63 lower-case letters, digits and hyphens, not starting or ending with a hyphen, got: "${'a'.repeat(64)}"`],
  ['domain prefix ending with a hyphen', api({ authDomain: AuthDomain.cognitoPrefix('myapp-') }),
    '`authDomain` prefix must be 1 to 63 lower-case letters, digits and hyphens, not starting or ending with a hyphen, got: "myapp-"'],
  ['domain prefix containing cognito', api({ authDomain: AuthDomain.cognitoPrefix('my-cognito-login') }),
    '`authDomain` prefix must not contain "aws", "amazon" or "cognito", got: "my-cognito-login"'],
  ['domain prefix containing aws', api({ authDomain: AuthDomain.cognitoPrefix('awsome') }),
    '`authDomain` prefix must not contain "aws", "amazon" or "cognito", got: "awsome"'],
  ['the same prefix twice in one stack', (stack) => {
    new SecureCognitoApi(stack, 'Api', { authDomain: AuthDomain.cognitoPrefix('my-login') });
    new SecureCognitoApi(stack, 'Admin', { authDomain: AuthDomain.cognitoPrefix('my-login') });
  }, '`authDomain` prefix must be unique in the region, but Stack/Api already uses it in this app, got: "my-login"'],
  ['a parent domain record for a domain name that is a token', (stack) => {
    new SecureCognitoApi(stack, 'Api', {
      authDomain: AuthDomain.custom({
        domainName: Token.asString({ Ref: 'DomainName' }),
        hostedZone: route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z0123', zoneName: 'example.com' }),
        certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:us-east-1:123456789012:certificate/abc'),
        parentDomainRecord: true,
      }),
    });
  }, '`authDomain.parentDomainRecord` needs a domainName known at synth time (the parent domain is derived from it); '
    + 'create the parent domain\'s A record yourself instead, got: {"Ref":"DomainName"}'],

  // ---- resource server
  ['resource server identifier with a space', api({ resourceServerIdentifier: 'my api' }),
    '`resourceServerIdentifier` must be 1 to 256 printable ASCII characters without spaces, quotes or backslashes, got: "my api"'],
  ['scope name with a slash', api({ resourceServerScopes: [new cognito.ResourceServerScope({ scopeName: 'items/read', scopeDescription: 'x' })] }),
    '`resourceServerScopes` names must be 1 to 256 printable ASCII characters without spaces, quotes, slashes or backslashes, got: "items/read"'],
  ['duplicate scope names', api({
    resourceServerScopes: ['read', 'read'].map((scopeName) => new cognito.ResourceServerScope({ scopeName, scopeDescription: 'x' })),
  }), '`resourceServerScopes` names must be unique, got: ["read", "read"]'],
  ['more than 100 scopes', api({
    resourceServerScopes: Array.from({ length: 101 }, (_, i) => new cognito.ResourceServerScope({ scopeName: `s${i}`, scopeDescription: 'x' })),
  }), "`resourceServerScopes` must hold at most 100 scopes (Cognito's limit per resource server), got: 101"],

  // ---- app clients
  ['no client', api({ clients: [] }), "`clients` must hold 1 to 50 app clients (the JWT authorizer's audience limit), got: 0"],
  ['more than 50 clients in the audience', api({ clients: Array.from({ length: 51 }, (_, i) => AppClient.passwordAuth(`c${i}`)) }),
    "`clients` must hold 1 to 50 app clients (the JWT authorizer's audience limit), got: 51"],
  ['client name with an underscore', api({ clients: [AppClient.passwordAuth('my_cli')] }),
    '`clients` names must start with a letter and hold up to 128 letters, digits and hyphens (Cognito\'s ClientName limit), got: "my_cli"'],
  ['duplicate client names', api({ clients: [AppClient.passwordAuth('cli'), AppClient.passwordAuth('CLI')] }),
    '`clients` names must be unique (case-insensitive), got: "CLI"'],
  ['client names equal without their hyphens', api({ clients: [AppClient.passwordAuth('cli-admin'), AppClient.passwordAuth('cliadmin')] }),
    '`clients` names must stay unique without their hyphens (the output ids drop them), got: "cliadmin"'],
  ['a client with more than 50 scopes', api({
    resourceServerScopes: Array.from({ length: 51 }, (_, i) => new cognito.ResourceServerScope({ scopeName: `s${i}`, scopeDescription: `s${i}` })),
    clients: [AppClient.machine('m2m', { resourceServerScopes: Array.from({ length: 51 }, (_, i) => `s${i}`) })],
    defaultRouteScopes: ['api/s0'],
  }), "`clients[m2m].resourceServerScopes` and oidcScopes must hold at most 50 scopes together (Cognito's limit per app client), got: 51"],
  ['a wildcard callback URL', api({ clients: [web({ callbackUrls: ['https://*.example.com/cb'] })] }),
    '`clients[web].callbackUrls` must be exact URLs: Cognito matches redirect_uri exactly, so a wildcard (*) never matches, got: "https://*.example.com/cb"'],
  ['a wildcard logout URL', api({ clients: [web({ logoutUrls: ['https://app.example.com/*'] })] }),
    '`clients[web].logoutUrls` must be exact URLs: Cognito matches redirect_uri exactly, so a wildcard (*) never matches, got: "https://app.example.com/*"'],
  ['machine client without scopes', api({ clients: [AppClient.machine('batch', { resourceServerScopes: [] })] }),
    '`clients[batch].resourceServerScopes` must hold at least one scope: Cognito refuses the client credentials grant without a custom scope, got: []'],
  ['machine client with an undefined scope', api({ clients: [AppClient.machine('batch', { resourceServerScopes: ['admin'] })] }),
    '`clients[batch].resourceServerScopes` must name scopes of the resource server (read, write), got: "admin"'],
  ['web client without callback URL', api({ clients: [web({ callbackUrls: [] })] }), '`clients[web].callbackUrls` must hold 1 to 100 URLs, got: []'],
  ['more than 100 callback URLs', api({ clients: [web({ callbackUrls: Array.from({ length: 101 }, (_, i) => `https://app.example.com/${i}`) })] }),
    `\`clients[web].callbackUrls\` must hold 1 to 100 URLs, got: [${Array.from({ length: 101 }, (_, i) => `"https://app.example.com/${i}"`).join(', ')}]`],
  ['more than 100 logout URLs', api({ clients: [web({ logoutUrls: Array.from({ length: 101 }, (_, i) => `https://app.example.com/bye/${i}`) })] }),
    `\`clients[web].logoutUrls\` must hold at most 100 URLs, got: [${Array.from({ length: 101 }, (_, i) => `"https://app.example.com/bye/${i}"`).join(', ')}]`],
  ['web client asking for a scope the resource server does not define', api({ clients: [web({ resourceServerScopes: ['delete'] })] }),
    '`clients[web].resourceServerScopes` must name scopes of the resource server (read, write), got: "delete"'],
  ['relative callback URL', api({ clients: [web({ callbackUrls: ['/callback'] })] }),
    '`clients[web].callbackUrls` must hold absolute URLs, got: "/callback"'],
  ['http callback URL on a public host', api({ clients: [web({ callbackUrls: ['http://app.example.com/cb'] })] }),
    '`clients[web].callbackUrls` must use https (http is allowed only for localhost and 127.0.0.1), got: "http://app.example.com/cb"'],
  ['callback URL with a fragment', api({ clients: [web({ callbackUrls: ['https://app.example.com/cb#token'] })] }),
    '`clients[web].callbackUrls` must not contain a fragment (#), got: "https://app.example.com/cb#token"'],
  ['http logout URL on a public host', api({ clients: [web({ logoutUrls: ['http://app.example.com/'] })] }),
    '`clients[web].logoutUrls` must use https (http is allowed only for localhost and 127.0.0.1), got: "http://app.example.com/"'],
  ['unknown OIDC scope', api({ clients: [web({ oidcScopes: ['openid', 'offline_access'] })] }),
    '`clients[web].oidcScopes` must be openid, email, phone, profile or aws.cognito.signin.user.admin, got: "offline_access"'],
  ['email scope without openid', api({ clients: [web({ oidcScopes: ['email'] })] }),
    '`clients[web].oidcScopes` must include openid when it includes email, phone or profile, got: ["email"]'],
  ['hosted-UI client whose token carries no scope', api({ clients: [web({ oidcScopes: [] })] }),
    '`clients[web].oidcScopes` and resourceServerScopes must not both be empty: the access token would carry no scope the API accepts, got: []'],

  // ---- token validity
  ['access token shorter than 5 minutes', api({ clients: [AppClient.passwordAuth('cli', { accessTokenValidity: Duration.minutes(2) })] }),
    '`clients[cli].accessTokenValidity` must be between 5 minutes and 1 day, got: 2 minutes'],
  ['ID token longer than a day', api({ clients: [AppClient.passwordAuth('cli', { idTokenValidity: Duration.days(2) })] }),
    '`clients[cli].idTokenValidity` must be between 5 minutes and 1 day, got: 2 days'],
  ['refresh token shorter than the ID token', api({ clients: [AppClient.passwordAuth('cli', { idTokenValidity: Duration.hours(12), refreshTokenValidity: Duration.hours(2) })] }),
    '`clients[cli].refreshTokenValidity` must not be shorter than idTokenValidity (12 hours), got: 2 hours'],
  ['callback URL with a space', api({ clients: [web({ callbackUrls: ['https://app.example.com/a b'] })] }),
    '`clients[web].callbackUrls` must not contain whitespace, got: "https://app.example.com/a b"'],
  ['managed login on the Lite plan', api({ featurePlan: cognito.FeaturePlan.LITE, managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN }),
    '`managedLoginVersion` NEWER_MANAGED_LOGIN needs featurePlan ESSENTIALS or PLUS (the Lite plan only has the classic hosted UI), got: "NEWER_MANAGED_LOGIN"'],
  ['clients carrying more than 10 scopes for the default route', api({
    resourceServerScopes: Array.from({ length: 11 }, (_, i) => new cognito.ResourceServerScope({ scopeName: `s${i}`, scopeDescription: `s${i}` })),
    clients: [AppClient.machine('m2m', { resourceServerScopes: Array.from({ length: 11 }, (_, i) => `s${i}`) })],
  }), '`clients` carry 11 distinct scopes and the default route would accept them all, but API Gateway allows 10 per route: set defaultRouteScopes, got: '
    + `[${Array.from({ length: 11 }, (_, i) => `"api/s${i}"`).join(', ')}]`],
  ['refresh token shorter than 60 minutes', api({ clients: [AppClient.passwordAuth('cli', { refreshTokenValidity: Duration.minutes(30) })] }),
    '`clients[cli].refreshTokenValidity` must be between 1 hour and 3650 days, got: 30 minutes'],
  ['refresh token longer than 10 years', api({ clients: [AppClient.passwordAuth('cli', { refreshTokenValidity: Duration.days(3651) })] }),
    '`clients[cli].refreshTokenValidity` must be between 1 hour and 3650 days, got: 3651 days'],
  ['refresh token not longer than the access token', api({
    clients: [AppClient.passwordAuth('cli', { accessTokenValidity: Duration.hours(2), refreshTokenValidity: Duration.hours(2) })],
  }), '`clients[cli].refreshTokenValidity` must be longer than accessTokenValidity (2 hours), got: 2 hours'],

  // ---- API and routes
  ['API name too long', api({ apiName: 'a'.repeat(129) }), `\`apiName\` must be 1 to 128 characters, got: "${'a'.repeat(129)}"`],
  ['negative rate limit', api({ throttle: { rateLimit: -1, burstLimit: 10 } }), '`throttle.rateLimit` must be zero or more requests per second, got: -1'],
  ['fractional burst limit', api({ throttle: { rateLimit: 10, burstLimit: 2.5 } }), '`throttle.burstLimit` must be an integer, zero or more, got: 2.5'],
  ['CORS credentials with a wildcard origin', api({ cors: { allowOrigins: ['*'], allowCredentials: true } }),
    '`cors.allowOrigins` must list explicit origins when allowCredentials is true (browsers refuse credentials with *), got: ["*"]'],
  ['CORS credentials with a wildcard in an origin', api({ cors: { allowOrigins: ['https://app.example.com', 'https://*'], allowCredentials: true } }),
    '`cors.allowOrigins` must list explicit origins when allowCredentials is true (browsers refuse credentials with *), got: ["https://app.example.com", "https://*"]'],
  ['CORS credentials with a wildcard subdomain', api({ cors: { allowOrigins: ['https://*.example.com'], allowCredentials: true } }),
    '`cors.allowOrigins` must list explicit origins when allowCredentials is true (browsers refuse credentials with *), got: ["https://*.example.com"]'],
  ['CORS max age over a day', api({ cors: { allowOrigins: ['https://app.example.com'], maxAge: Duration.days(2) } }),
    '`cors.maxAge` must be at most 1 day (86400 seconds), got: 2 days'],
  ['no default route scope', api({ defaultRouteScopes: [] }),
    '`defaultRouteScopes` must hold 1 to 10 scopes (without one, a route would accept ID tokens), got: []'],
  ['blank default route scope', api({ defaultRouteScopes: [' '] }),
    '`defaultRouteScopes` must not contain blank or whitespace scopes, got: " "'],
  ['default route scope the resource server does not define', api({ defaultRouteScopes: ['api/admin'] }),
    '`defaultRouteScopes` must name scopes the resource server defines (api/read, api/write): no token could carry this one, got: "api/admin"'],
  ['a scope the resource server does not define', (stack) => { new SecureCognitoApi(stack, 'Api').scope('admin'); },
    '`scope` must name a scope of the resource server (read, write), got: "admin"'],
  ['route path without a leading slash', route({ path: 'items' }),
    '`path` must start with / and hold segments of letters, digits and ._~:@!$&\'()*,;=- or {param}, without a trailing slash, got: "items"'],
  ['route path with a trailing slash', route({ path: '/items/' }),
    '`path` must start with / and hold segments of letters, digits and ._~:@!$&\'()*,;=- or {param}, without a trailing slash, got: "/items/"'],
  ['greedy parameter before the end', route({ path: '/{proxy+}/items' }),
    '`path` may have a greedy {param+} only as its last segment, got: "/{proxy+}/items"'],
  ['route without a method', route({ path: '/items', methods: [] }), '`methods` must hold at least one method, got: []'],
  ['ANY route', route({ path: '/items', methods: [apigwv2.HttpMethod.ANY] }),
    '`methods` must be explicit methods: ANY and OPTIONS would send CORS preflights through the authorizer, got: "ANY"'],
  ['OPTIONS route', route({ path: '/items', methods: [apigwv2.HttpMethod.OPTIONS] }),
    '`methods` must be explicit methods: ANY and OPTIONS would send CORS preflights through the authorizer, got: "OPTIONS"'],
  ['a route scope the resource server does not define', route({ path: '/items', scopes: ['api/delete'] }),
    '`scopes` must name scopes the resource server defines (api/read, api/write): no token could carry this one, got: "api/delete"'],
  ['a route OIDC scope no client requests', route({ path: '/items', scopes: ['phone'] }),
    '`scopes` must be scopes a client may request (no hosted-UI client requests OIDC scopes): no token could carry this one, got: "phone"'],
  ['a route OIDC scope the hosted-UI clients do not request', (stack) => {
    new SecureCognitoApi(stack, 'Api', { clients: [web()] }).addRoute({ path: '/items', scopes: ['phone'] });
  }, '`scopes` must be scopes a client may request (openid, email, profile): no token could carry this one, got: "phone"'],
  ['the admin scope with machine clients only', (stack) => {
    new SecureCognitoApi(stack, 'Api', { clients: [AppClient.machine('m2m', { resourceServerScopes: ['read'] })] })
      .addRoute({ path: '/items', scopes: ['aws.cognito.signin.user.admin'] });
  }, '`scopes` needs a client that signs users in: machine tokens never carry this scope, got: "aws.cognito.signin.user.admin"'],
  ['a default route OIDC scope no client requests', api({ defaultRouteScopes: ['openid'] }),
    '`defaultRouteScopes` must be scopes a client may request (no hosted-UI client requests OIDC scopes): no token could carry this one, got: "openid"'],
  ['route without scopes', route({ path: '/items', scopes: [] }),
    '`scopes` must hold 1 to 10 scopes (without one, a route would accept ID tokens), got: []'],
  ['more than 10 scopes on a route', route({ path: '/items', scopes: Array.from({ length: 11 }, (_, i) => `api/s${i}`) }),
    `\`scopes\` must hold 1 to 10 scopes (without one, a route would accept ID tokens), got: [${Array.from({ length: 11 }, (_, i) => `"api/s${i}"`).join(', ')}]`],
  ['the default route added again', route({ path: '/' }), '`path` GET is already routed on this path (parameter names aside), got: "/"'],
  ['the same route with another parameter name', (stack) => {
    const a = new SecureCognitoApi(stack, 'Api');
    a.addRoute({ path: '/items/{id}' });
    a.addRoute({ path: '/items/{key}' });
  }, '`path` GET is already routed on this path (parameter names aside), got: "/items/{key}"'],

  // ---- compute
  ['handler timeout of 30 seconds', api({ handlerTimeout: Duration.seconds(30) }),
    '`handlerTimeout` must be shorter than 30 seconds, the API Gateway integration timeout, got: 30 seconds'],
  ['handler timeout below a second', api({ handlerTimeout: Duration.millis(500) }),
    '`handlerTimeout` must be a whole number of seconds, at least 1, got: 500 millis'],
  ['handler memory below 128 MiB', api({ handlerMemorySize: 64 }), '`handlerMemorySize` must be an integer from 128 to 10240, got: 64'],
  ['reserved concurrency of 0', api({ handlerReservedConcurrency: 0 }),
    '`handlerReservedConcurrency` must be an integer of at least 1 (0 would throttle every request), got: 0'],
  ['built-in handler settings with your own function', (stack) => { new SecureCognitoApi(stack, 'Api', { handler: fn(stack), handlerTimeout: Duration.seconds(5) }); },
    '`handler` is your own function: handlerTimeout, handlerMemorySize and handlerReservedConcurrency configure the built-in handler and must be left unset (set: handlerTimeout), got: "Stack/Fn"'],
  ['network settings with your own function', (stack) => { new SecureCognitoApi(stack, 'Api', { handler: fn(stack), egress: EgressMode.SINGLE_NAT_GATEWAY }); },
    '`handler` is your own function: vpc, vpcSubnets, egress and interfaceEndpoints configure the built-in handler and must be left unset (set: egress), got: "Stack/Fn"'],
  ['a VPC and subnets with your own function', (stack) => {
    new SecureCognitoApi(stack, 'Api', { handler: fn(stack), vpc: new ec2.Vpc(stack, 'Vpc'), vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } });
  }, '`handler` is your own function: vpc, vpcSubnets, egress and interfaceEndpoints configure the built-in handler and must be left unset (set: vpc, vpcSubnets), got: "Stack/Fn"'],

  // ---- network
  ['egress with your own VPC', (stack) => {
    new SecureCognitoApi(stack, 'Api', { vpc: new ec2.Vpc(stack, 'Vpc'), egress: EgressMode.NONE });
  }, '`egress` only applies to the VPC the construct creates; it must be left unset with `vpc`, got: "NONE"'],
  ['subnets without a VPC', api({ vpcSubnets: { subnetGroupName: 'Private' } }), '`vpcSubnets` needs `vpc`, got: {subnetGroupName: "Private"}'],
  ['subnets by type and zone without a VPC', api({ vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, availabilityZones: ['eu-west-1a'] } }),
    '`vpcSubnets` needs `vpc`, got: {subnetType: "Private", availabilityZones: ["eu-west-1a"]}'],
  ['the same interface endpoint twice', api({ interfaceEndpoints: [ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER, ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER] }),
    '`interfaceEndpoints` must not repeat a service, got: "secretsmanager"'],

  // ---- security profile and observability
  ['alarm topic with alarms off', (stack) => {
    new SecureCognitoApi(stack, 'Api', { alarms: false, alarmTopic: new sns.Topic(stack, 'Topic') });
  }, '`alarmTopic` needs `alarms` on; it is never notified while `alarms` is false, got: "Stack/Topic"'],
  ['an alarm topic while the STANDARD profile leaves the alarms off', (stack: Stack) => {
    new SecureCognitoApi(stack, 'Api', { alarmTopic: new sns.Topic(stack, 'Topic') });
  }, '`alarmTopic` needs the alarms on (`alarms: true` or SecurityProfile.COMPLIANCE): the STANDARD profile creates no alarm, so the topic would never be notified, got: "Stack/Topic"'],
  ['compliance with a month of logs', api({ securityProfile: SecurityProfile.COMPLIANCE, logRetention: logs.RetentionDays.ONE_MONTH }),
    '`logRetention` must be at least one year (365 days) with SecurityProfile.COMPLIANCE, got: 30'],
  ['compliance without flow logs', api({ securityProfile: SecurityProfile.COMPLIANCE, flowLogs: false }),
    '`flowLogs` cannot be turned off with SecurityProfile.COMPLIANCE, got: false'],
  ['a log retention CloudWatch Logs refuses', api({ logRetention: 17 as logs.RetentionDays }),
    '`logRetention` must be a retention CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 days) '
    + 'or RetentionDays.INFINITE, got: 17'],
  ['alarm e-mails with the alarms off', api({ alarmEmails: ['ops@example.com'] }),
    '`alarmEmails` needs the alarms on (`alarms: true` or SecurityProfile.COMPLIANCE): without alarms nothing is ever sent, got: ["ops@example.com"]'],
  ['an alarm e-mail that is not an address', api({ alarms: true, alarmEmails: ['ops'] }), '`alarmEmails` must hold e-mail addresses, got: "ops"'],
  ['the same alarm e-mail twice', api({ alarms: true, alarmEmails: ['ops@example.com', 'ops@example.com'] }),
    '`alarmEmails` must not repeat an address, got: "ops@example.com"'],
];
