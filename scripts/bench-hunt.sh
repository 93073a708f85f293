#!/usr/bin/env bash
# Times whole-process hunts against the tools an analyst would use instead, on the same generated
# CloudTrail in the same run. The commands: vigil hunt with the built-in rule on .json and .json.gz,
# vigil hunt with every rule of the Elastic AWS pack, vigil hunt with a rule no record matches (the
# floor under any rule), zcat, rg, and a jq filter equivalent to the built-in rule. Medians come
# from hyperfine, peak resident memory from /usr/bin/time -v.
#
# Usage: scripts/bench-hunt.sh [--size SIZE] [--runs N] [--warmup N] [--memory-size SIZE]
#                              [--seed N] [--role-chain-share F] [--profile DIR] [--rules DIR] [--work DIR]
#   --size SIZE          uncompressed size of the generated input, K/M/G as powers of 1024 (default 1G)
#   --runs N             timed runs per command (default 5)
#   --warmup N           untimed runs per command before those (default 1)
#   --memory-size SIZE   also hunt a second generated .json of this size, for peak memory only
#   --seed N             generator seed (default 1)
#   --role-chain-share F share of role-chaining AssumeRole records (default 0.01)
#   --profile DIR        real CloudTrail records whose distributions the generator draws from
#                        (default ../shared/data/cloudtrail beside the repository, else its built-in profile)
#   --rules DIR          rule pack for the all-rules hunt (default ../shared/data/rules/elastic-aws)
#   --work DIR           folder for builds, inputs and results (default: a new temporary folder, kept)
# Writes results.md (a fragment for docs/benchmarks.md), hyperfine.json and the memory logs to --work.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
arguments="$*"

size=1G
runs=5
warmup=1
memory_size=
seed=1
share=0.01
rules="$repo/../shared/data/rules/elastic-aws"
profile=()
work=
while [ $# -gt 0 ]; do
    case $1 in
        --size) size=$2 ;;
        --runs) runs=$2 ;;
        --warmup) warmup=$2 ;;
        --memory-size) memory_size=$2 ;;
        --seed) seed=$2 ;;
        --role-chain-share) share=$2 ;;
        --profile) profile=(--profile "$2") ;;
        --rules) rules=$2 ;;
        --work) work=$2 ;;
        *) echo "bench-hunt: unknown option '$1'; see the usage at the top of $0" >&2; exit 2 ;;
    esac
    shift 2
done
work=${work:-$(mktemp -d /tmp/vigil-bench-hunt.XXXXXX)}
mkdir -p "$work"
work=$(cd "$work" && pwd)

install_missing() { # Debian packages for the tools the benchmark runs
    local missing=()
    command -v hyperfine >/dev/null || missing+=(hyperfine)
    command -v clang >/dev/null || missing+=(clang)
    [ -e /usr/include/zlib.h ] || missing+=(zlib1g-dev)
    command -v rg >/dev/null || missing+=(ripgrep)
    command -v jq >/dev/null || missing+=(jq)
    [ -x /usr/bin/time ] || missing+=(time)
    [ ${#missing[@]} -eq 0 ] && return
    local sudo=
    [ "$(id -u)" -ne 0 ] && sudo=sudo
    echo "installing ${missing[*]}"
    $sudo apt-get install -y "${missing[@]}" >/dev/null || {
        $sudo apt-get update >/dev/null
        $sudo apt-get install -y "${missing[@]}" >/dev/null
    }
}

runtime_id() {
    case "$(uname -m)" in
        aarch64 | arm64) echo linux-arm64 ;;
        *) echo linux-x64 ;;
    esac
}

build() {
    # Published as the README installs it: native where clang can build it, else precompiled.
    local native=(-p:PublishAot=true)
    [ "$(runtime_id)" = linux-x64 ] && native+=(-p:IlcInstructionSet=x86-64-v3)
    if dotnet publish -c Release src/Vigil.Cli -r "$(runtime_id)" "${native[@]}" -o "$work/bin" >/dev/null; then
        build_kind="native (PublishAot)"
    else
        echo "bench-hunt: the native build failed; timing the ReadyToRun build instead" >&2
        dotnet publish -c Release src/Vigil.Cli -r "$(runtime_id)" --self-contained false \
            -p:PublishReadyToRun=true -o "$work/bin" >/dev/null
        build_kind="ReadyToRun"
    fi
    dotnet build -c Release bench/Vigil.Generator -o "$work/gen" >/dev/null
}

summary_field() { # field name, generator summary line
    sed -E "s/.*$1=([0-9]+).*/\\1/" <<<"$2"
}

generate() { # size, output file: prints the generator's summary line
    "$work/gen/vigil-generate" --size "$1" --seed "$seed" --role-chain-share "$share" "${profile[@]}" --output "$2"
}

install_missing
build
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

input="$work/cloudtrail.json"
summary=$(generate "$size" "$input")
gzip -c "$input" > "$input.gz"
records=$(summary_field records "$summary")
chains=$(summary_field role_chains "$summary")
bytes=$(stat -c %s "$input")
gz_bytes=$(stat -c %s "$input.gz")
echo "input: $bytes bytes ($gz_bytes gzip), $records records, $chains role chains ($summary)"

# The built-in rule restated on raw CloudTrail fields: event.provider is eventSource, event.action
# is eventName, and event.outcome is success when the record has no non-empty errorCode or errorMessage.
jq_filter='.Records[] | select(.eventSource == "sts.amazonaws.com" and .eventName == "AssumeRole"
  and .userIdentity.sessionContext.sessionIssuer.type == "Role"
  and (.errorCode // "") == "" and (.errorMessage // "") == "")'

vigil="$work/bin/vigil"
names=("vigil hunt, built-in rule, .json" "vigil hunt, built-in rule, .json.gz")
commands=(
    "$vigil hunt $input --format ndjson > $work/alerts-json.ndjson"
    "$vigil hunt $input.gz --format ndjson > $work/alerts-gz.ndjson"
)
if [ -d "$rules" ]; then
    names+=("vigil hunt, every rule of the pack, .json")
    commands+=("$vigil hunt $input --rules $rules --format ndjson > $work/alerts-all.ndjson")
else
    echo "bench-hunt: rule pack $rules not found; skipping the all-rules hunt (give --rules DIR)" >&2
fi
# A rule whose literal no record holds: every record is read, framed, scanned for its duplicate
# hash and counted, and none is parsed or mapped. Its time is the floor under any rule.
floor_rule="$work/floor-rule.json"
cat > "$floor_rule" <<'JSON'
{"rule_id":"00000000-0000-4000-8000-000000000001","name":"Floor: a literal no record holds","description":"Matches no record, so a hunt with it times reading, framing, scanning and counting alone.","type":"query","language":"kuery","query":"event.dataset:aws.cloudtrail and event.action:VigilBenchNoSuchAction","index":["logs-aws.cloudtrail-*"],"risk_score":21,"severity":"low","interval":"5m","from":"now-6m","enabled":true,"version":1}
JSON
names+=("vigil hunt, a rule no record matches (floor), .json")
commands+=("$vigil hunt $input --rules $floor_rule --format ndjson > $work/alerts-floor.ndjson")
names+=("zcat" "rg" "jq")
commands+=(
    "zcat $input.gz > /dev/null"
    "rg --count-matches '\"eventName\":\"AssumeRole\"' $input > $work/rg-count.txt"
    "jq -c '$jq_filter' $input > $work/jq.ndjson"
)

# Each run writes a new output file, as a user's single run does. When the shell truncated the last
# run's file, ext4 freed its blocks, and it wrote the new file back when the hunt closed it. A hunt
# writing 77 MB of alerts took 1.45 s that way and 1.39 s into a new file (six alternating pairs).
outputs="$work/alerts-*.ndjson $work/rg-count.txt $work/jq.ndjson"
hyperfine_args=(--warmup "$warmup" --runs "$runs" --prepare "rm -f $outputs" --export-json "$work/hyperfine.json" --style basic)
for i in "${!commands[@]}"; do
    hyperfine_args+=(--command-name "${names[$i]}" "${commands[$i]}")
done
hyperfine "${hyperfine_args[@]}"

peak_rss_kb() { # command string, log file: runs it once under /usr/bin/time -v, prints the peak RSS in KB
    /usr/bin/time -v sh -c "$1" 2> "$2" >/dev/null
    awk -F': ' '/Maximum resident set size/ {print $2}' "$2"
}

rss=()
for i in "${!commands[@]}"; do
    rss+=("$(peak_rss_kb "${commands[$i]}" "$work/time-$i.txt")")
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

check_count() { # label, expected, actual
    if [ "$2" -eq "$3" ]; then
        echo "check: $1 = $3, as expected"
    else
        echo "check FAILED: $1 = $3, expected $2" >&2
        failed=1
    fi
}
failed=0
check_count "built-in rule alerts on .json" "$chains" "$(wc -l < "$work/alerts-json.ndjson")"
check_count "built-in rule alerts on .json.gz" "$chains" "$(wc -l < "$work/alerts-gz.ndjson")"
check_count "jq matches" "$chains" "$(wc -l < "$work/jq.ndjson")"
check_count "floor rule alerts" 0 "$(wc -l < "$work/alerts-floor.ndjson")"

memory_row=
if [ -n "$memory_size" ]; then
    big="$work/memory.json"
    big_summary=$(generate "$memory_size" "$big")
    big_rss=$(peak_rss_kb "$vigil hunt $big --format ndjson > $work/alerts-memory.ndjson" "$work/time-memory.txt")
    memory_row="
| larger input | records | peak RSS |
|---|---:|---:|
| vigil hunt, built-in rule, $(stat -c %s "$big") bytes \`.json\` | $(summary_field records "$big_summary") | $((big_rss / 1024)) MB |"
    rm -f "$big"
fi

all_rules=
if [ -f "$work/alerts-all.ndjson" ]; then
    rules_run=$(awk '/^Rules run/ {print $3}' "$work/time-2.txt")
    rules_skipped=$(awk '/^Rules skipped/ {print $3}' "$work/time-2.txt")
    all_rules=" The all-rules hunt ran $rules_run rules, skipped $rules_skipped (its log, $work/time-2.txt, gives each reason) and raised $(wc -l < "$work/alerts-all.ndjson") alerts."
fi
all_rules+=" The floor hunt's rule requires a literal that no record holds, so it times reading, framing, the duplicate scan and counting, without parsing or mapping."

# One table row per command from hyperfine's medians and CPU times (user + system, mean of runs).
table=$(jq -r --argjson bytes "$bytes" --argjson records "$records" --argjson rss "$(printf '%s\n' "${rss[@]}" | jq -s .)" '
    def ratio($base): if $base then (.median / $base | (. * 100 | round / 100 | tostring) + "×") else "—" end;
    def round1: . * 10 | round / 10;
    (.results | map({key: .command, value: .median}) | from_entries) as $m
    | .results | to_entries[] | .key as $i | .value
    | "| \(.command) | \(.median | . * 1000 | round / 1000) s | \($bytes / 1e6 / .median | round1) "
      + "| \($records / .median | round) | \(if (.command | startswith("vigil")) then ($records / (.user + .system) | round | tostring) else "—" end) "
      + "| \($rss[$i] / 1024 | round) MB | \(ratio($m["rg"])) | \(ratio($m["zcat"])) | \(ratio($m["jq"])) |"
' "$work/hyperfine.json")

cat > "$work/results.md" <<EOF
Run on $(date -u +%Y-%m-%d) by \`scripts/bench-hunt.sh${arguments:+ $arguments}\`
($(git rev-parse --short HEAD)). Machine: $(nproc) CPUs, $(lscpu | awk -F': +' '/Model name/ {print $2}'), $(free -g | awk '/Mem:/ {print $2}') GiB memory,
.NET SDK $(dotnet --version), vigil built $build_kind. Load average $load_before before and $load_after after the run.

Input: $bytes bytes of \`{"Records":[...]}\` JSON ($gz_bytes bytes as \`.json.gz\`, \`gzip -6\`), $records records
of which $chains are role-chaining AssumeRole calls, from \`vigil-generate --size $size --seed $seed --role-chain-share $share\`
(profile: $(sed -E 's/.*profile="([^"]*)".*/\1/' <<<"$summary")). MB/s counts uncompressed bytes. Records/s per core
divides the records by the process's user + system time (mean of the timed runs). Peak RSS is from one
extra run under \`/usr/bin/time -v\`. Ratios divide a median by the rg, zcat or jq median.$all_rules

| command | median | MB/s | records/s | records/s per core | peak RSS | × rg | × zcat | × jq |
|---|---:|---:|---:|---:|---:|---:|---:|---:|
$table
${memory_row}

Commands (\`FILE\` is the generated \`.json\`; every vigil hunt writes its alerts as NDJSON to a file):

\`\`\`sh
EOF
for i in "${!commands[@]}"; do
    echo "${commands[$i]}" | sed -e "s|$work/bin/||g" -e "s|$work/||g" -e "s|cloudtrail.json|FILE|g" -e "s|$repo/||g" >> "$work/results.md"
done
echo '```' >> "$work/results.md"

echo
cat "$work/results.md"
echo
echo "results: $work/results.md, $work/hyperfine.json"
rm -f "$input" "$input.gz"
exit "$failed"
