#!/bin/bash
# Administrator approval (signUpMode ADMIN_APPROVAL): list who waits, then confirm one user.
USER_POOL_ID="us-east-1_XXXXXXXXX"
USERNAME="newuser"
REGION="us-east-1"
# Confirming a user never verifies their address; e-mail one-time codes and password recovery
# reach only a verified one. Say "no" unless you trust the address is theirs.
VERIFY_EMAIL="yes"

aws cognito-idp list-users --user-pool-id "$USER_POOL_ID" --region "$REGION" \
  --filter 'cognito:user_status = "UNCONFIRMED"' --query 'Users[].Username' --output text
aws cognito-idp admin-confirm-sign-up --user-pool-id "$USER_POOL_ID" --username "$USERNAME" --region "$REGION"
if [ "$VERIFY_EMAIL" = "yes" ]; then
  EMAIL=$(aws cognito-idp admin-get-user --user-pool-id "$USER_POOL_ID" --username "$USERNAME" --region "$REGION" \
    --query "UserAttributes[?Name=='email'].Value | [0]" --output text)
  # The address itself goes along: the verified flag is set with the attribute it verifies.
  if [ "$EMAIL" != "None" ]; then
    aws cognito-idp admin-update-user-attributes --user-pool-id "$USER_POOL_ID" --username "$USERNAME" --region "$REGION" \
      --user-attributes Name=email,Value="$EMAIL" Name=email_verified,Value=true
  fi
fi
