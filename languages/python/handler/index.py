import json
import os


def handler(event, context):
    claims = event["requestContext"]["authorizer"]["jwt"]["claims"]
    return {
        "statusCode": 200,
        "headers": {"content-type": "application/json"},
        "body": json.dumps({"greeting": os.environ["GREETING"], "caller": claims.get("username") or claims["client_id"]}),
    }
