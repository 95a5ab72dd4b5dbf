#!/bin/bash
# A machine client (client_credentials): get a token with the client id and secret, keep it until
# it is about to expire (each token request is billed), call the API.
TOKEN_URL="https://PREFIX.auth.us-east-1.amazoncognito.com/oauth2/token"
CLIENT_ID="XXXXXXXXX"
CLIENT_SECRET="XXXXXXXXX"
SCOPE="api/read"
API_URL="https://XXXXXXXXXX.execute-api.us-east-1.amazonaws.com/"
CACHE_FILE="$HOME/.cache/my-api/machine-token.json"

if [ ! -f "$CACHE_FILE" ] || [ "$(jq -r '.expires_at' "$CACHE_FILE")" -le "$(( $(date +%s) + 60 ))" ]; then
  response=$(curl -s -X POST "$TOKEN_URL" \
    -u "$CLIENT_ID:$CLIENT_SECRET" \
    -H 'Content-Type: application/x-www-form-urlencoded' \
    --data-urlencode "grant_type=client_credentials" \
    --data-urlencode "scope=$SCOPE")
  if [ "$(echo "$response" | jq -r '.access_token // empty')" = "" ]; then
    echo "token request failed: $response" >&2
    exit 1
  fi
  mkdir -p "$(dirname "$CACHE_FILE")"
  (umask 077; echo "$response" | jq --argjson now "$(date +%s)" \
    '{access_token, expires_at: ($now + .expires_in)}' > "$CACHE_FILE")
fi
ACCESS_TOKEN=$(jq -r '.access_token' "$CACHE_FILE")

curl -s -H "Authorization: Bearer $ACCESS_TOKEN" "$API_URL"
