package com.example.securecognitoapi;

import io.github.cdksecurecognitoapi.AddRouteOptions;
import io.github.cdksecurecognitoapi.AppClient;
import io.github.cdksecurecognitoapi.EgressMode;
import io.github.cdksecurecognitoapi.HostedUiClientOptions;
import io.github.cdksecurecognitoapi.MachineClientOptions;
import io.github.cdksecurecognitoapi.SecureCognitoApi;
import io.github.cdksecurecognitoapi.SignUpMode;
import java.util.List;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;

public final class SecureCognitoApiApp {
    public static void main(final String[] args) {
        App app = new App();
        // The account and region of your AWS CLI profile, as `cdk synth` and `cdk deploy` set them.
        StackProps props = StackProps.builder()
                .env(Environment.builder()
                        .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
                        .region(System.getenv("CDK_DEFAULT_REGION"))
                        .build())
                .build();

        // The minimal usage: one construct, every default
        new SecureCognitoApi(new Stack(app, "SecureCognitoApiDefault", props), "Api");

        // The brief's architecture: a NAT gateway per AZ, admin approval of sign-ups, four client kinds
        Stack brief = new Stack(app, "SecureCognitoApiBrief", props);
        SecureCognitoApi api = SecureCognitoApi.Builder.create(brief, "Api")
                .signUpMode(SignUpMode.ADMIN_APPROVAL)
                .egress(EgressMode.NAT_GATEWAY_PER_AZ)
                .clients(List.of(
                        AppClient.web("web", HostedUiClientOptions.builder()
                                .callbackUrls(List.of("https://app.example.com/callback", "http://localhost:3000/callback"))
                                .logoutUrls(List.of("https://app.example.com/"))
                                .resourceServerScopes(List.of("read"))
                                .build()),
                        AppClient.implicit("implicit", HostedUiClientOptions.builder()
                                .callbackUrls(List.of("https://app.example.com/implicit"))
                                .build()),
                        AppClient.machine("machine", MachineClientOptions.builder()
                                .resourceServerScopes(List.of("read", "write"))
                                .build()),
                        AppClient.passwordAuth("cli")))
                .groups(List.of("admins", "readers"))
                .build();
        // POST /items: only tokens that carry api/write
        api.addRoute(AddRouteOptions.builder()
                .path("/items")
                .methods(List.of(HttpMethod.POST))
                .scopes(List.of(api.scope("write")))
                .build());

        app.synth();
    }
}
