#!/usr/bin/env bash
# Writes a {"Records":[...]} file of about SIZE_MB megabytes to OUTPUT: distinct role-chaining
# AssumeRole records (one template, a fresh eventID each), as one S3 delivery object.
# Usage: scripts/generate-records.sh SIZE_MB OUTPUT
set -euo pipefail

size_mb=${1:?usage: generate-records.sh SIZE_MB OUTPUT}
output=${2:?usage: generate-records.sh SIZE_MB OUTPUT}

template='{"eventVersion":"1.10","userIdentity":{"type":"AssumedRole","principalId":"AROAEXAMPLEDEPLOYROL:alice-deploy","arn":"arn:aws:sts::111122223333:assumed-role/DeployRole/alice-deploy","accountId":"111122223333","accessKeyId":"ASIAEXAMPLEDEPLOY001","sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROAEXAMPLEDEPLOYROL","arn":"arn:aws:iam::111122223333:role/DeployRole","accountId":"111122223333","userName":"DeployRole"},"attributes":{"creationDate":"2026-12-01T09:02:11Z","mfaAuthenticated":"false"}}},"eventTime":"2026-12-01T09:04:02Z","eventSource":"sts.amazonaws.com","eventName":"AssumeRole","awsRegion":"us-east-1","sourceIPAddress":"203.0.113.24","userAgent":"aws-cli/2.22.4 md/command#sts.assume-role","requestParameters":{"roleArn":"arn:aws:iam::111122223333:role/AdminRole","roleSessionName":"alice-admin","durationSeconds":3600},"responseElements":{"credentials":{"accessKeyId":"ASIAEXAMPLEADMIN0001","sessionToken":"IQoJb3JpZ2luX2VjEXAMPLE","expiration":"Dec 1, 2026, 10:04:02 AM"}},"requestID":"EVENT_ID","eventID":"EVENT_ID","readOnly":false,"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"111122223333","eventCategory":"Management"}'
record_bytes=${#template}
count=$(( size_mb * 1024 * 1024 / (record_bytes + 1) ))

# Split the template at its two EVENT_ID markers so awk only concatenates (gsub per record is slow).
head=${template%%EVENT_ID*}
rest=${template#*EVENT_ID}
middle=${rest%%EVENT_ID*}
tail=${rest#*EVENT_ID}
{
    printf '{"Records":['
    seq -f '00000000-0000-4000-8000-%012.0f' 0 $(( count - 1 )) \
        | awk -v h="$head" -v m="$middle" -v t="$tail" '{ printf "%s%s%s%s%s%s", (NR > 1 ? "," : ""), h, $0, m, $0, t }'
    printf ']}\n'
} > "$output"
echo "$count"
