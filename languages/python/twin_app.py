# app.py (the README's example, unchanged) plus one route whose handler is Python: the app the
# twin's CI proof brings up (`cdk.json` of its copy runs this file), and the pytest suite in tests/
# runs against it under `npx cdk-secure-cognito-api-twin run -- pytest`.
import aws_cdk.aws_apigatewayv2 as apigwv2
import aws_cdk.aws_lambda as lambda_

import app as consumer

hello_python = lambda_.Function(consumer.brief, "HelloPython",
    runtime=lambda_.Runtime.PYTHON_3_12,
    handler="index.handler",
    code=lambda_.Code.from_asset("handler"),
    environment={"GREETING": "Hello from Python"},
)
consumer.api.add_route(path="/python", methods=[apigwv2.HttpMethod.GET], handler=hello_python)
# app.py has synthesized already; synthesize again with the new route.
consumer.app.synth(force=True)
