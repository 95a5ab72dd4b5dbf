package main

import (
	"os"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigatewayv2"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdk-secure-cognito-api/cdk-secure-cognito-api-go/cdksecurecognitoapi"
)

func main() {
	defer jsii.Close()

	app := awscdk.NewApp(nil)
	// The account and region of your AWS CLI profile, as `cdk synth` and `cdk deploy` set them.
	env := &awscdk.Environment{
		Account: optional(os.Getenv("CDK_DEFAULT_ACCOUNT")),
		Region:  optional(os.Getenv("CDK_DEFAULT_REGION")),
	}

	// The minimal usage: one construct, every default
	defaultStack := awscdk.NewStack(app, jsii.String("SecureCognitoApiDefault"), &awscdk.StackProps{Env: env})
	cdksecurecognitoapi.NewSecureCognitoApi(defaultStack, jsii.String("Api"), nil)

	// The brief's architecture: a NAT gateway per AZ, admin approval of sign-ups, four client kinds
	brief := awscdk.NewStack(app, jsii.String("SecureCognitoApiBrief"), &awscdk.StackProps{Env: env})
	api := cdksecurecognitoapi.NewSecureCognitoApi(brief, jsii.String("Api"), &cdksecurecognitoapi.SecureCognitoApiProps{
		SignUpMode: cdksecurecognitoapi.SignUpMode_ADMIN_APPROVAL,
		Egress:     cdksecurecognitoapi.EgressMode_NAT_GATEWAY_PER_AZ,
		Clients: &[]cdksecurecognitoapi.AppClient{
			cdksecurecognitoapi.AppClient_Web(jsii.String("web"), &cdksecurecognitoapi.HostedUiClientOptions{
				CallbackUrls:         jsii.Strings("https://app.example.com/callback", "http://localhost:3000/callback"),
				LogoutUrls:           jsii.Strings("https://app.example.com/"),
				ResourceServerScopes: jsii.Strings("read"),
			}),
			cdksecurecognitoapi.AppClient_Implicit(jsii.String("implicit"), &cdksecurecognitoapi.HostedUiClientOptions{
				CallbackUrls: jsii.Strings("https://app.example.com/implicit"),
			}),
			cdksecurecognitoapi.AppClient_Machine(jsii.String("machine"), &cdksecurecognitoapi.MachineClientOptions{
				ResourceServerScopes: jsii.Strings("read", "write"),
			}),
			cdksecurecognitoapi.AppClient_PasswordAuth(jsii.String("cli"), nil),
		},
		Groups: jsii.Strings("admins", "readers"),
	})
	// POST /items: only tokens that carry api/write
	api.AddRoute(&cdksecurecognitoapi.AddRouteOptions{
		Path:    jsii.String("/items"),
		Methods: &[]awsapigatewayv2.HttpMethod{awsapigatewayv2.HttpMethod_POST},
		Scopes:  jsii.Strings(*api.Scope(jsii.String("write"))),
	})

	app.Synth(nil)
}

// optional turns an unset environment variable into nil: an environment-agnostic stack.
func optional(value string) *string {
	if value == "" {
		return nil
	}
	return jsii.String(value)
}
