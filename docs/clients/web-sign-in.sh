#!/bin/bash
# A web client (authorization code + PKCE): sign in on the hosted UI, exchange the code, call the API.
SIGN_IN_URL="https://PREFIX.auth.us-east-1.amazoncognito.com/oauth2/authorize?client_id=XXXXXXXXX&response_type=code&scope=openid+email+profile&redirect_uri=http%3A%2F%2Flocalhost%3A3000%2Fcallback"
TOKEN_URL="https://PREFIX.auth.us-east-1.amazoncognito.com/oauth2/token"
CLIENT_ID="XXXXXXXXX"
REDIRECT_URI="http://localhost:3000/callback"
API_URL="https://XXXXXXXXXX.execute-api.us-east-1.amazonaws.com/"

# PKCE (RFC 7636): a random verifier, and its SHA-256 in base64url as the challenge.
CODE_VERIFIER=$(openssl rand -base64 48 | tr '+/' '-_' | tr -d '=\n')
CODE_CHALLENGE=$(printf '%s' "$CODE_VERIFIER" | openssl dgst -sha256 -binary | openssl enc -base64 | tr '+/' '-_' | tr -d '=\n')

echo "Open this URL, sign in, and copy the code from the address you land on (?code=...):"
echo "${SIGN_IN_URL}&code_challenge=${CODE_CHALLENGE}&code_challenge_method=S256"
read -r -p "code: " CODE

response=$(curl -s -X POST "$TOKEN_URL" \
  -H 'Content-Type: application/x-www-form-urlencoded' \
  --data-urlencode "grant_type=authorization_code" \
  --data-urlencode "client_id=$CLIENT_ID" \
  --data-urlencode "code=$CODE" \
  --data-urlencode "redirect_uri=$REDIRECT_URI" \
  --data-urlencode "code_verifier=$CODE_VERIFIER")
ACCESS_TOKEN=$(echo "$response" | jq -r '.access_token')

curl -s -H "Authorization: Bearer $ACCESS_TOKEN" "$API_URL"
