#!/usr/bin/env bash
# Whole-run benchmarks of `carelint check` with hyperfine, on generated corpora.
#
#   scripts/bench-runs.sh            1,000 and 10,000 files, --jobs 1 and --jobs 2; peak RSS on
#                                    10,000 files; one 5,000-word article start to exit
#   scripts/bench-runs.sh --quick    100 files, one run each, debug build: CI runs this so the
#                                    script cannot rot (it asserts nothing about times)
#
# Needs hyperfine and jq (Debian packages) and GNU time (/usr/bin/time, package `time`) for
# peak RSS. Results (hyperfine markdown and JSON) go to target/bench-runs/; the last lines are
# the rows of the targets table in BENCHMARKS.md, wall time and CPU time (user+sys) both.
# It asserts nothing about times, but it fails (non-zero exit, with the reason) when a run,
# the corpus generator or reading the results fails. CARELINT_BENCH_BIN and CARELINT_BENCH_GEN
# replace the built binary and generator (the tests use them to check exactly that).
set -euo pipefail
# Failures inside $(…) stop the script too.
shopt -s inherit_errexit
cd "$(dirname "$0")/.."

quick=0
[[ "${1:-}" == "--quick" ]] && quick=1

if ((quick)); then
    profile=${CARELINT_BENCH_PROFILE:-dev}
    sizes=(100)
    runs=(--runs 1)
else
    profile=${CARELINT_BENCH_PROFILE:-release}
    sizes=(1000 10000)
    runs=(--warmup 1 --min-runs 5)
fi
case "$profile" in
dev) dir=debug ;;
*) dir=$profile ;;
esac

for tool in hyperfine jq; do
    command -v "$tool" >/dev/null || {
        echo "bench-runs: $tool is missing (apt-get install $tool)" >&2
        exit 2
    }
done

cargo build --quiet --locked --profile "$profile" --bin carelint --example gen-corpus
bin=${CARELINT_BENCH_BIN:-$PWD/target/$dir/carelint}
gen=${CARELINT_BENCH_GEN:-$PWD/target/$dir/examples/gen-corpus}
out=$PWD/target/bench-runs
work=${CARELINT_BENCH_DIR:-${TMPDIR:-/tmp}/carelint-bench-corpora}
mkdir -p "$out" "$work"

# corpus N [WORDS]: generates once per (N, WORDS) and prints the folder.
corpus() {
    local name=c$1${2:+-w$2}
    local d=$work/$name
    if [[ ! -f $d/.complete ]]; then
        rm -rf "$d"
        "$gen" --files "$1" --out "$d" ${2:+--words "$2"} >&2
        # A root config, so no .carelint.yml above the temp folder changes the run.
        printf 'root: true\n' >"$d/.carelint.yml"
        touch "$d/.complete"
    fi
    echo "$d"
}

check=("$bin" check --format json --fail-on never --no-progress)

for n in "${sizes[@]}"; do
    d=$(corpus "$n")
    hyperfine -N "${runs[@]}" \
        --export-markdown "$out/runs-$n.md" --export-json "$out/runs-$n.json" \
        -n "jobs1-$n" "${check[*]} --jobs 1 $d" \
        -n "jobs2-$n" "${check[*]} --jobs 2 $d"
done

# One 5,000-word article, process start to exit (what an editor pays on save).
single=$(corpus 1 5000)
single_file=$(find "$single" -name '*.md' -print -quit)
[[ -n $single_file ]] || {
    echo "bench-runs: the generator wrote no article in $single" >&2
    exit 1
}
if ((quick)); then single_runs=(--runs 1); else single_runs=(--warmup 3 --min-runs 30); fi
hyperfine -N "${single_runs[@]}" \
    --export-markdown "$out/single.md" --export-json "$out/single.json" \
    -n "single-5000-words" "${check[*]} $single_file"

# Peak RSS on the largest corpus.
largest=${sizes[-1]}
rss_kb=
if [[ -x /usr/bin/time ]]; then
    largest_dir=$(corpus "$largest")
    timed=$(/usr/bin/time -v "${check[@]}" --jobs 2 "$largest_dir" 2>&1 >/dev/null) || {
        echo "bench-runs: the peak RSS run failed:" >&2
        echo "$timed" >&2
        exit 1
    }
    rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' <<<"$timed")
else
    echo "bench-runs: /usr/bin/time missing (apt-get install time): no peak RSS" >&2
fi

# mean NAME FILE: mean wall seconds; cpu NAME FILE: mean user+sys seconds. A missing result is
# an error (jq -e), not an empty cell.
mean() { jq -er --arg n "$1" '.results[] | select(.command == $n) | .mean * 1000 | round / 1000' "$2"; }
cpu() { jq -er --arg n "$1" '.results[] | select(.command == $n) | (.user + .system) * 1000 | round / 1000' "$2"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
met() { awk -v v="$1" -v t="$2" -v op="$3" 'BEGIN { ok = (op == "ge") ? v >= t : v <= t; print ok ? "met" : "not met" }'; }

# Every figure is read into a variable first: a failed read inside `echo "$(…)"` would not stop
# the script, and an empty cell would pass for a result.
echo
echo "| target | figure (wall) | figure (cpu user+sys) | status (wall) |"
echo "|---|---|---|---|"
for n in "${sizes[@]}"; do
    f=$out/runs-$n.json
    for j in 1 2; do
        wall=$(mean "jobs$j-$n" "$f")
        used=$(cpu "jobs$j-$n" "$f")
        echo "| $n files, --jobs $j | $wall s | $used s | |"
    done
done
big=$out/runs-$largest.json
one=$(mean "jobs1-$largest" "$big")
two=$(mean "jobs2-$largest" "$big")
speedup=$(ratio "$one" "$two")
echo "| --jobs 2 ≥ 1.8× --jobs 1 on $largest files | ${speedup}× | (cpu per run: see above) | $(met "$speedup" 1.8 ge) |"
if ((${#sizes[@]} > 1)); then
    small=$out/runs-${sizes[0]}.json
    for j in 1 2; do
        wall_big=$(mean "jobs$j-$largest" "$big")
        wall_small=$(mean "jobs$j-${sizes[0]}" "$small")
        cpu_big=$(cpu "jobs$j-$largest" "$big")
        cpu_small=$(cpu "jobs$j-${sizes[0]}" "$small")
        growth=$(ratio "$wall_big" "$wall_small")
        growth_cpu=$(ratio "$cpu_big" "$cpu_small")
        echo "| linear: ${sizes[0]} → $largest files ≤ 11× (--jobs $j) | ${growth}× | ${growth_cpu}× | $(met "$growth" 11 le) |"
    done
fi
if [[ -n $rss_kb ]]; then
    rss_mb=$(awk -v k="$rss_kb" 'BEGIN { printf "%.1f", k / 1024 }')
    echo "| peak RSS < 100 MB, $largest files (--jobs 2) | ${rss_mb} MB | | $(met "$rss_mb" 100 le) |"
fi
single_wall=$(mean single-5000-words "$out/single.json")
single_cpu=$(cpu single-5000-words "$out/single.json")
ms=$(awk -v s="$single_wall" 'BEGIN { printf "%.1f", s * 1000 }')
ms_cpu=$(awk -v s="$single_cpu" 'BEGIN { printf "%.1f", s * 1000 }')
echo "| one 5,000-word article, start to exit < 30 ms | ${ms} ms | ${ms_cpu} ms | $(met "$ms" 30 le) |"
if ((quick)); then
    echo "(quick mode: $profile build, one run each; figures are not meaningful)"
fi
