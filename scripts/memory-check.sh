#!/usr/bin/env bash
# Hunts a generated {"Records":[...]} file of about SIZE_MB megabytes (default 1024) and checks that
# the process stays under LIMIT_MB (default 300) resident, as /usr/bin/time -v reports it. With
# "gzip" as the third argument the file is compressed first and the .json.gz file is hunted.
# Usage: scripts/memory-check.sh [SIZE_MB] [LIMIT_MB] [gzip]
set -euo pipefail
cd "$(dirname "$0")/.."

size_mb=${1:-1024}
limit_mb=${2:-300}
compression=${3:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ ! -x /usr/bin/time ]; then
    echo "memory-check: /usr/bin/time not found; install it with: apt-get install -y time" >&2
    exit 2
fi

dotnet build -c Release src/Vigil.Cli -o "$work/bin" >/dev/null

# One realistic role-chaining AssumeRole record; EVENT_ID is replaced so every record is distinct and
# none is dropped as a duplicate delivery.
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
} > "$work/big.json"

echo "generated $(du -m "$work/big.json" | cut -f1) MB, $count records"
input="$work/big.json"
if [ "$compression" = gzip ]; then
    gzip "$work/big.json"
    input="$work/big.json.gz"
    echo "compressed to $(du -m "$input" | cut -f1) MB"
fi

/usr/bin/time -v "$work/bin/vigil" hunt "$input" --format ndjson --output /dev/null \
    > /dev/null 2> "$work/time.txt" || { cat "$work/time.txt" >&2; exit 1; }

rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
elapsed=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.txt")
echo "max resident: $(( rss_kb / 1024 )) MB (limit $limit_mb MB), elapsed $elapsed"
grep -E 'Records read|events|Alerts' "$work/time.txt" || true

if [ "$rss_kb" -gt $(( limit_mb * 1024 )) ]; then
    echo "memory-check: FAILED, over the limit" >&2
    exit 1
fi
echo "memory-check: ok"
