#!/usr/bin/env bash
# carelint side by side with alex, write-good and markdownlint-cli2 on the same real articles,
# in one hyperfine run, with ratios.
#
#   scripts/bench-peers.sh [CORPUS_DIR]      default: ../shared/corpus/us-gov
#
# The peers are installed from npm into a temporary prefix outside the repository
# ($CARELINT_PEERS, default /tmp/carelint-peers) when missing. Every tool gets the same file
# list; non-zero exits (findings) are ignored. Results go to target/bench-peers/; the last
# lines are the table rows for BENCHMARKS.md, by wall time and by CPU time (user+sys).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
corpus=$(cd "${1:-../shared/corpus/us-gov}" && pwd)
prefix=${CARELINT_PEERS:-${TMPDIR:-/tmp}/carelint-peers}
bin_dir=$prefix/node_modules/.bin

for tool in hyperfine jq npm; do
    command -v "$tool" >/dev/null || {
        echo "bench-peers: $tool is missing" >&2
        exit 2
    }
done
if [[ ! -x $bin_dir/alex || ! -x $bin_dir/write-good || ! -x $bin_dir/markdownlint-cli2 ]]; then
    mkdir -p "$prefix"
    npm install --prefix "$prefix" --no-audit --no-fund alex write-good markdownlint-cli2 >&2
fi

cargo build --quiet --locked --release --bin carelint
out=$root/target/bench-peers
mkdir -p "$out"

cd "$corpus"
files=$(find . -maxdepth 1 -type f \( -name '*.md' -o -name '*.txt' \) | sort | sed 's|^\./||' | tr '\n' ' ')
count=$(wc -w <<<"$files")
bytes=$(cat $files | wc -c)
echo "bench-peers: $count files, $bytes bytes in $corpus" >&2

hyperfine -N -i --warmup 1 --min-runs 3 \
    --export-markdown "$out/peers.md" --export-json "$out/peers.json" \
    -n carelint "$root/target/release/carelint check --format json --no-progress $files" \
    -n alex "$bin_dir/alex --quiet $files" \
    -n write-good "$bin_dir/write-good $files" \
    -n markdownlint-cli2 "$bin_dir/markdownlint-cli2 $files"

mean() { jq -r --arg n "$1" '.results[] | select(.command == $n) | .mean * 1000 | round / 1000' "$out/peers.json"; }
cpu() { jq -r --arg n "$1" '.results[] | select(.command == $n) | (.user + .system) * 1000 | round / 1000' "$out/peers.json"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", a / b }'; }
met() { awk -v v="$1" -v t="$2" 'BEGIN { print (v >= t) ? "met" : "not met" }'; }

echo
echo "| tool | wall (s) | cpu user+sys (s) | × carelint (wall) | × carelint (cpu) | target | status (wall) |"
echo "|---|---|---|---|---|---|---|"
cw=$(mean carelint)
cc=$(cpu carelint)
echo "| carelint | $cw | $cc | 1 | 1 | | |"
for peer in alex write-good markdownlint-cli2; do
    w=$(mean "$peer")
    c=$(cpu "$peer")
    rw=$(ratio "$w" "$cw")
    rc=$(ratio "$c" "$cc")
    case $peer in
    alex) target=1000 ;;
    write-good) target=100 ;;
    *) target= ;;
    esac
    if [[ -n $target ]]; then
        echo "| $peer | $w | $c | $rw | $rc | ≥ ${target}× | $(met "$rw" "$target") |"
    else
        echo "| $peer | $w | $c | $rw | $rc | (for scale) | |"
    fi
done
