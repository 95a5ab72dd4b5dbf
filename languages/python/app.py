import os

import aws_cdk.aws_apigatewayv2 as apigwv2
from aws_cdk import App, Environment, Stack
from cdk_secure_cognito_api import AppClient, EgressMode, SecureCognitoApi, SignUpMode

app = App()
# The account and region of your AWS CLI profile, as `cdk synth` and `cdk deploy` set them.
env = Environment(account=os.getenv("CDK_DEFAULT_ACCOUNT"), region=os.getenv("CDK_DEFAULT_REGION"))

# The minimal usage: one construct, every default
SecureCognitoApi(Stack(app, "SecureCognitoApiDefault", env=env), "Api")

# The brief's architecture: a NAT gateway per AZ, admin approval of sign-ups, four client kinds
brief = Stack(app, "SecureCognitoApiBrief", env=env)
api = SecureCognitoApi(brief, "Api",
    sign_up_mode=SignUpMode.ADMIN_APPROVAL,
    egress=EgressMode.NAT_GATEWAY_PER_AZ,
    clients=[
        AppClient.web("web",
            callback_urls=["https://app.example.com/callback", "http://localhost:3000/callback"],
            logout_urls=["https://app.example.com/"],
            resource_server_scopes=["read"],
        ),
        AppClient.implicit("implicit", callback_urls=["https://app.example.com/implicit"]),
        AppClient.machine("machine", resource_server_scopes=["read", "write"]),
        AppClient.password_auth("cli"),
    ],
    groups=["admins", "readers"],
)
# POST /items: only tokens that carry api/write
api.add_route(path="/items", methods=[apigwv2.HttpMethod.POST], scopes=[api.scope("write")])

app.synth()
