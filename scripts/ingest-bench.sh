#!/usr/bin/env bash
# Measures read + map throughput of Vigil's CloudTrail reader and mapper on a generated
# {"Records":[...]} file of SIZE_MB megabytes, plain and gzip, next to zcat on the same file, and
# the peak resident memory of the read + map run for SIZE_MB and for each of EXTRA_MB...
# Usage: scripts/ingest-bench.sh [SIZE_MB] [EXTRA_MB...]   (default 1024 2048)
set -euo pipefail
cd "$(dirname "$0")/.."

size_mb=${1:-1024}
shift || true
extra=("${@:-2048}")
work=${BENCH_DIR:-$(mktemp -d)}
mkdir -p "$work"

dotnet build -c Release scripts/ingest-bench.cs >/dev/null
dotnet build -c Release bench/Vigil.Generator -o "$work/gen" >/dev/null
bench=$(ls -d "$HOME"/.local/share/dotnet/runfile/ingest-bench-*/bin/release/ingest-bench.dll | head -1)

run() { # label, command...: prints the command's own output, then its time and peak memory
    local label=$1
    shift
    /usr/bin/time -f "$label: wall %e s, cpu %U+%S s, max resident %M KB" "$@"
}

echo "machine: $(nproc) CPUs; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
# Every record a distinct role-chaining AssumeRole call, as in the earlier runs of this script.
generate() { # size in MiB, output: prints the record count
    "$work/gen/vigil-generate" --size "${1}M" --output "$2" --role-chain-share 1 --profile built-in \
        | sed -E 's/.*records=([0-9]+).*/\1/'
}
records=$(generate "$size_mb" "$work/big.json")
gzip -c "$work/big.json" > "$work/big.json.gz"
echo "input: $(stat -c %s "$work/big.json") bytes plain, $(stat -c %s "$work/big.json.gz") bytes gzip, $records records"

run "zcat" zcat "$work/big.json.gz" >/dev/null
for file in big.json big.json.gz; do
    run "read $file" dotnet "$bench" read "$work/$file"
    run "map $file" dotnet "$bench" map "$work/$file"
done
rm -f "$work/big.json" "$work/big.json.gz"

for mb in "${extra[@]}"; do
    generate "$mb" "$work/extra.json" >/dev/null
    echo "input: $(stat -c %s "$work/extra.json") bytes plain"
    run "map ${mb} MB" dotnet "$bench" map "$work/extra.json"
    rm -f "$work/extra.json"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
