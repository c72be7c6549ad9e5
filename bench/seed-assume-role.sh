#!/usr/bin/env bash
# The seed's method (docs: /work/shared/seeds/seed-assume-role-script.txt), kept as
# the article wrote it: one `aws sts assume-role`, then three `aws configure set`.
# Two changes only, both needed to run it here: the output is split into an array
# (the article says "Converting sts to array" but never does, so ${sts[1]} would be
# empty), and STS is pointed at the local server with --endpoint-url (AWS CLI 2.9
# predates AWS_ENDPOINT_URL_STS). Echo lines that print keys are left out.
#   usage: seed-assume-role.sh <role-arn> <profile>   (AWS_CLI, STS_ENDPOINT from env)
ROLE_ARN="$1"
OUTPUT_PROFILE="$2"
AWS="${AWS_CLI:-aws}"
echo "Assuming role $ROLE_ARN"
sts=($("$AWS" sts assume-role \
  --endpoint-url "$STS_ENDPOINT" \
  --role-arn "$ROLE_ARN" \
  --role-session-name "$OUTPUT_PROFILE" \
  --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]' \
  --output text))
"$AWS" configure set aws_access_key_id "${sts[0]}" --profile "$OUTPUT_PROFILE"
"$AWS" configure set aws_secret_access_key "${sts[1]}" --profile "$OUTPUT_PROFILE"
"$AWS" configure set aws_session_token "${sts[2]}" --profile "$OUTPUT_PROFILE"
echo "credentials stored in the profile named $OUTPUT_PROFILE"
