#!/usr/bin/env bash
# One ratio between two scenarios of Model Registry, with its spread: one instance, the two scenarios driven in turn
# (A, B, A, B, ...) so that both meet the same machine state, and the ratio B / A taken per round. Prints every round,
# then the median ratio and how far the rounds stray from it.
#
# usage: bench/ratio.sh [A] [B] [ROUNDS]     e.g. bench/ratio.sh s1 s6 5   (default s1 s6 5; 10 s per scenario)
# Issue 14's goal "S6 at least 0.9x Model Registry's own S1" is read from it: a single run's ratio moves with the
# machine more than the goal's margin.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bench="$root/bench"
a=${1:-s1}
b=${2:-s6}
rounds=${3:-5}
smoke=false
only=model-registry
users=10000
models=100000
versions=3
export BENCH_WRK_DIR="$bench/wrk" BENCH_USERS=$users BENCH_MODELS=$models
source "$bench/lib.sh"
create_schema
load_users
load_models 1 "$models"
start_impl model-registry
base="http://localhost:$app_port"
rps() { wrk -t 2 -c 32 -d "$2" -s "$bench/wrk/$1.lua" "$base" | awk '/Requests\/sec/ {print $2}'; }
log "warming up: $a and $b, 15 s each"
rps "$a" 15s >/dev/null
rps "$b" 15s >/dev/null
ratios=()
for round in $(seq 1 "$rounds"); do
  ra=$(rps "$a" 10s)
  rb=$(rps "$b" 10s)
  ratio=$(awk -v x="$ra" -v y="$rb" 'BEGIN {printf "%.3f", y / x}')
  ratios+=("$ratio")
  printf 'round %d: %s %s req/s, %s %s req/s, %s/%s %s\n' "$round" "$a" "$ra" "$b" "$rb" "$b" "$a" "$ratio"
done
printf '%s\n' "${ratios[@]}" | sort -n | awk -v a="$a" -v b="$b" '
  {v[NR] = $1}
  END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%s/%s median %.3f over %d rounds, min %.3f (%+.1f%%), max %.3f (%+.1f%%)\n",
      b, a, m, NR, v[1], (v[1] / m - 1) * 100, v[NR], (v[NR] / m - 1) * 100
  }'
