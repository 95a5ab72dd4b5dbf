using Amazon.CDK;
using CdkSecureCognitoApi;
using HttpMethod = Amazon.CDK.AWS.Apigatewayv2.HttpMethod;

var app = new App();
// The account and region of your AWS CLI profile, as `cdk synth` and `cdk deploy` set them.
var props = new StackProps
{
    Env = new Amazon.CDK.Environment
    {
        Account = System.Environment.GetEnvironmentVariable("CDK_DEFAULT_ACCOUNT"),
        Region = System.Environment.GetEnvironmentVariable("CDK_DEFAULT_REGION"),
    },
};

// The minimal usage: one construct, every default
new SecureCognitoApi(new Stack(app, "SecureCognitoApiDefault", props), "Api");

// The brief's architecture: a NAT gateway per AZ, admin approval of sign-ups, four client kinds
var brief = new Stack(app, "SecureCognitoApiBrief", props);
var api = new SecureCognitoApi(brief, "Api", new SecureCognitoApiProps
{
    SignUpMode = SignUpMode.ADMIN_APPROVAL,
    Egress = EgressMode.NAT_GATEWAY_PER_AZ,
    Clients = new[]
    {
        AppClient.Web("web", new HostedUiClientOptions
        {
            CallbackUrls = new[] { "https://app.example.com/callback", "http://localhost:3000/callback" },
            LogoutUrls = new[] { "https://app.example.com/" },
            ResourceServerScopes = new[] { "read" },
        }),
        AppClient.Implicit("implicit", new HostedUiClientOptions { CallbackUrls = new[] { "https://app.example.com/implicit" } }),
        AppClient.Machine("machine", new MachineClientOptions { ResourceServerScopes = new[] { "read", "write" } }),
        AppClient.PasswordAuth("cli"),
    },
    Groups = new[] { "admins", "readers" },
});
// POST /items: only tokens that carry api/write
api.AddRoute(new AddRouteOptions { Path = "/items", Methods = new[] { HttpMethod.POST }, Scopes = new[] { api.Scope("write") } });

app.Synth();
