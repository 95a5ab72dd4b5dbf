#!/bin/bash

API_URL="https://api.your-domain.com"
COGNITO_IDP_URL="https://cognito-idp.us-east-1.amazonaws.com"
CLIENT_ID="XXXXXXXXX"
CLIENT_SECRET="XXXXXXXXX"
USERNAME="youruser"
PASSWORD="yourpassword"
REGION="us-east-1"

# HMAC Computed hash -- SHA256 with key CLIENT_SECRET of USERNAME+CLIENT_ID and base64'd
# See: https://docs.aws.amazon.com/cognito/latest/developerguide/signing-up-users-in-your-app.html#cognito-user-pools-computing-secret-hash
SECRET_HASH=$(echo -n "${USERNAME}${CLIENT_ID}" | openssl dgst -sha256 -hmac ${CLIENT_SECRET} -binary | openssl enc -base64)

# Include SECRET_HASH if app client generates client_secret
response=$(aws cognito-idp initiate-auth \
--auth-flow USER_PASSWORD_AUTH \
--client-id "$CLIENT_ID" \
--auth-parameters "USERNAME=$USERNAME,PASSWORD=$PASSWORD,SECRET_HASH=$SECRET_HASH" \
--region "$REGION" \
--output json \
)

ACCESS_TOKEN=$(echo "$response" | jq -r '.AuthenticationResult.AccessToken')
REFRESH_TOKEN=$(echo "$response" | jq -r '.AuthenticationResult.RefreshToken')

echo "Access Token: $ACCESS_TOKEN"

curl -s -H "Authorization: Bearer $ACCESS_TOKEN" $API_URL
