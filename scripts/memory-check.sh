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
dotnet build -c Release bench/Vigil.Generator -o "$work/gen" >/dev/null

# Every record a distinct role-chaining AssumeRole call, so every record raises an alert.
summary=$("$work/gen/vigil-generate" --size "${size_mb}M" --output "$work/big.json" --role-chain-share 1 --profile built-in)
count=$(sed -E 's/.*records=([0-9]+).*/\1/' <<<"$summary")
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
