#!/usr/bin/env bash
# Whether a change to Model Registry pays: this checkout's build and another checkout's build (the code before the
# change) run side by side on one PostgreSQL with the same data, and each scenario is driven against the two in turn,
# the order swapped every round, so that both meet the same machine state. The ratio this / other is taken per round;
# prints every round, then per scenario the median ratio and how far the rounds stray from it. An idle instance uses
# next to no CPU (bench/cpu.py showed 0.01-0.06 s per 10 s window), so the one under load has the machine.
#
# usage: bench/compare.sh OTHER_CHECKOUT [SCENARIOS] [ROUNDS]    (default "s1 s3", 6 rounds; 10 s per window)
#   git worktree add /tmp/before HEAD~1 && (cd /tmp/before && ./mvnw -q package -DskipTests)
#   bench/compare.sh /tmp/before "s1 s3" 6
# Both builds must share the schema (the same Flyway migrations): this checkout's build creates it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bench="$root/bench"
other=$(cd "${1:?usage: bench/compare.sh OTHER_CHECKOUT [SCENARIOS] [ROUNDS]}" && pwd)
scenarios=${2:-s1 s3}
rounds=${3:-6}
[ -f "$other/target/quarkus-app/quarkus-run.jar" ] || { echo "build $other first (./mvnw package -DskipTests)"; exit 2; }
smoke=false
only=model-registry
users=10000
models=100000
versions=0
[[ " $scenarios " != *" s6 "* ]] || versions=3
export BENCH_WRK_DIR="$bench/wrk" BENCH_USERS=$users BENCH_MODELS=$models
source "$bench/lib.sh"
create_schema
load_users
load_models 1 "$models"

# both under names of their own, so that lib.sh's cleanup stops both
start_impl model-registry
app_pids[this]=$app; unset 'app_pids[model-registry]'
# the running process keeps writing to the moved file; the other build's start then gets a log of its own
mv "$work/app-model-registry.log" "$work/app-this.log"
this_base="http://localhost:$app_port"
other_port=$(free_port $((app_port + 100)))
other_management=$(free_port $((management_port + 100)))
root=$other start_impl model-registry "$other_port" "$other_management"
app_pids[other]=$app; unset 'app_pids[model-registry]'
other_base="http://localhost:$other_port"
log "this: $root ($(git -C "$root" describe --always --dirty)), other: $other ($(git -C "$other" describe --always --dirty))"

rps() { wrk -t 2 -c 32 -d "$3" -s "$bench/wrk/$1.lua" "$2" | awk '/Requests\/sec/ {print $2}'; }
cleanup_writes() { psql_bench -c "delete from models where id > $models" >/dev/null; }
# 60 s each: bench/warmup.sh found about 30 s for S1 on a faster machine, and with 30 s here (2026-12-02) S1 still
# rose by half over the rounds in both builds alike
log "warming up both: 60 s per scenario"
for scenario in $scenarios; do
  rps "$scenario" "$this_base" 60s >/dev/null; cleanup_writes; rps "$scenario" "$other_base" 60s >/dev/null
  cleanup_writes
done

declare -A ratios=()
for round in $(seq 1 "$rounds"); do
  for scenario in $scenarios; do
    if [ $((round % 2)) = 1 ]; then
      this=$(rps "$scenario" "$this_base" 10s); cleanup_writes; that=$(rps "$scenario" "$other_base" 10s)
    else
      that=$(rps "$scenario" "$other_base" 10s); cleanup_writes; this=$(rps "$scenario" "$this_base" 10s)
    fi
    cleanup_writes
    ratio=$(awk -v x="$that" -v y="$this" 'BEGIN {printf "%.3f", y / x}')
    ratios[$scenario]+="$ratio "
    printf 'round %d %s: this %s req/s, other %s req/s, this/other %s\n' "$round" "${scenario^^}" "$this" "$that" "$ratio"
  done
done
for scenario in $scenarios; do
  printf '%s\n' ${ratios[$scenario]} | sort -n | awk -v s="${scenario^^}" '
    {v[NR] = $1}
    END {
      m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
      printf "%s this/other median %.3f over %d rounds, min %.3f (%+.1f%%), max %.3f (%+.1f%%)\n",
        s, m, NR, v[1], (v[1] / m - 1) * 100, v[NR], (v[NR] / m - 1) * 100
    }'
done
