#!/usr/bin/env bash
# Latency under a paced load below saturation: each implementation warmed up, then one scenario driven at a few
# fixed pauses per connection (BENCH_DELAY_MS, 32 connections), printing the rate reached and p50/p90/p99. Used to
# tell whether a tail comes from the implementation or from the machine: compare two implementations at the same
# rate. JVM options for Model Registry (another GC, -Xlog:gc) go in BENCH_JAVA_OPTS.
#
# usage: bench/paced.sh [SCENARIO] [IMPLS] [DELAYS_MS]   e.g. bench/paced.sh s6 vertx-raw,model-registry "19.5 40"
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bench="$root/bench"
scenario=${1:-s6}
only=${2:-vertx-raw,model-registry}
delays=${3:-19.5 40}
smoke=false
users=10000
models=100000
versions=3
export BENCH_WRK_DIR="$bench/wrk" BENCH_USERS=$users BENCH_MODELS=$models
source "$bench/lib.sh"
create_schema
load_users
load_models 1 "$models"
for impl in ${only//,/ }; do
  start_impl "$impl"
  echo "$impl: warm-up $(wrk -t 2 -c 32 -d 20s -s "$bench/wrk/$scenario.lua" "http://localhost:$app_port" | awk '/Requests\/sec/ {print $2}') req/s"
  for delay in $delays; do
    BENCH_DELAY_MS=$delay wrk -t 2 -c 32 -d 10s --latency -s "$bench/wrk/$scenario.lua" "http://localhost:$app_port" \
      | awk -v i="$impl" -v d="$delay" '/Requests\/sec/ {r = $2} $1 == "50%" {p50 = $2} $1 == "90%" {p90 = $2} $1 == "99%" {p99 = $2}
          END {printf "%s pause %s ms: %s req/s, p50 %s, p90 %s, p99 %s\n", i, d, r, p50, p90, p99}'
  done
  stop_app
done
