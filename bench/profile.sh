#!/usr/bin/env bash
# Where Model Registry spends its CPU under one scenario: JFR (from the JDK) records execution samples while wrk
# drives the scenario, then the samples are summed by the library of the innermost frame that belongs to one
# (self time per library) and by method.
#
# usage: bench/profile.sh [SCENARIO] [SECONDS] [IMPL]   e.g. bench/profile.sh s1 20   (default s1, 20 s, model-registry)
#   IMPL model-registry-uncached: the same jar with the verified-token cache off (REGISTRY_AUTH_TOKEN_CACHE_ENABLED=false)
# Writes the recording to bench/results/profile-<scenario>.jfr (not committed) and prints the summary.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bench="$root/bench"
scenario=${1:-s1}
seconds=${2:-20}
impl=${3:-model-registry}
smoke=false
only=model-registry
users=10000
models=100000
export BENCH_WRK_DIR="$bench/wrk" BENCH_USERS=$users BENCH_MODELS=$models
source "$bench/lib.sh"
create_schema
load_users
load_models 1 "$models"

recording="$bench/results/profile-$scenario${3:+-$impl}.jfr"
mkdir -p "$bench/results"
rm -f "$recording"
# the recording starts after the warm-up below and stops with the process
export BENCH_JAVA_OPTS="-XX:StartFlightRecording=filename=$recording,settings=profile,delay=15s"
start_impl "$impl"
log "warming up, then recording $seconds s of $scenario"
wrk -t 2 -c 32 -d 15s -s "$bench/wrk/$scenario.lua" "http://localhost:$app_port" >/dev/null
wrk -t 2 -c 32 -d "${seconds}s" -s "$bench/wrk/$scenario.lua" "http://localhost:$app_port" | grep -E 'Requests/sec'
stop_app
jfr print --events jdk.ExecutionSample --stack-depth 64 "$recording" | python3 "$bench/profile-summary.py"
