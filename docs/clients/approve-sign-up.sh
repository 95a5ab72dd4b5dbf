#!/bin/bash
# Administrator approval (signUpMode ADMIN_APPROVAL): list who waits, then confirm one user.
USER_POOL_ID="us-east-1_XXXXXXXXX"
USERNAME="newuser"
REGION="us-east-1"

aws cognito-idp list-users --user-pool-id "$USER_POOL_ID" --region "$REGION" \
  --filter 'cognito:user_status = "UNCONFIRMED"' --query 'Users[].Username' --output text
aws cognito-idp admin-confirm-sign-up --user-pool-id "$USER_POOL_ID" --username "$USERNAME" --region "$REGION"
