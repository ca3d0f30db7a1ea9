#!/usr/bin/env bash
# How long each implementation takes to reach its steady throughput on this machine, and what the JIT compiler is
# doing meanwhile: one scenario (default S1) driven in consecutive windows from the moment the implementation is ready,
# printing per window the requests/s and the CPU time the JVM's JIT compiler threads spent in that window (jstat).
# Answers issue 16's question of why S1 fell further behind raw Vert.x here than on the machine of the 2026-11-26
# results: a throughput that keeps rising window after window is a warm-up still in progress, not a steady figure.
#
# usage: bench/warmup.sh [SCENARIO] [WINDOWS] [IMPL,...]    e.g. bench/warmup.sh s1 12 model-registry,vertx-raw
#   windows of 10 s (BENCH_WINDOW to change), 32 connections, same data and token as run.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bench="$root/bench"
scenario=${1:-s1}
windows=${2:-12}
only=${3:-model-registry,vertx-raw}
window=${BENCH_WINDOW:-10s}
smoke=false
users=10000
models=100000
versions=3
export BENCH_WRK_DIR="$bench/wrk" BENCH_USERS=$users BENCH_MODELS=$models
source "$bench/lib.sh"
create_schema
load_users
load_models 1 "$models"

# compile_ms PID: total milliseconds the JVM's JIT compilers have spent so far (jstat -compiler, column Time in s)
compile_ms() { jstat -compiler "$1" | awk 'NR == 2 {printf "%.0f", $4 * 1000}'; }
compiled() { jstat -compiler "$1" | awk 'NR == 2 {print $1}'; }

printf '%-16s %6s %10s %14s %12s\n' implementation window req/s jit_ms_in_win jit_methods
for impl in ${only//,/ }; do
  start_impl "$impl"
  pid=${app_pids[$impl]}
  before=$(compile_ms "$pid")
  for w in $(seq 1 "$windows"); do
    rps=$(wrk -t 2 -c 32 -d "$window" -s "$bench/wrk/$scenario.lua" "http://localhost:$app_port" | awk '/Requests\/sec/ {print $2}')
    after=$(compile_ms "$pid")
    printf '%-16s %6s %10s %14s %12s\n' "$impl" "$w" "$rps" "$((after - before))" "$(compiled "$pid")"
    before=$after
    psql_bench -c "delete from models where id > $models" >/dev/null
  done
  stop_app
done
