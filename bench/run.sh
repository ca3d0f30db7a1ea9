#!/usr/bin/env bash
# The benchmark: one PostgreSQL, the same data loaded with COPY, each implementation in turn on the same pool size,
# warmed up, its answers compared with the others', then driven by wrk per scenario. Prints a table and writes
# bench/results/<date>.json (and a PNG chart when gnuplot is there).
#
# usage: bench/run.sh [--smoke] [--scale] [--only NAME[,NAME]]
#   --smoke   seconds, Model Registry only, checks answers and that the script works; asserts no timing (CI)
#   --scale   1,000,000 models instead of 100,000
#   --only    which implementations, in order (the first one's answers are the reference); default: all
# Implementations so far: model-registry (the packaged jar, prod mode), fastapi (bench/impl/fastapi, the stack it
# replaces, one uvicorn worker per core), spring-webflux (bench/impl/spring-webflux, Spring Boot WebFlux + Spring
# Data R2DBC written the usual Spring way), vertx-raw (bench/impl/vertx-raw, the ceiling).
# Model Registry alone is then run at half of its peak per scenario. bench/README.md has the results and goals.
# S6 (resolve an alias) runs only where the implementation has the endpoint: vertx-raw, and Model Registry once its
# OpenAPI document declares it; the others are reported as "S6: not implemented by X".
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bench="$root/bench"
smoke=false
users=10000
models=100000
versions=3  # per model, with a production alias (S6)
only=model-registry,fastapi,spring-webflux,vertx-raw
while [ $# -gt 0 ]; do
  case $1 in
    --smoke) smoke=true; users=200; models=2000; only=model-registry ;;
    --scale) models=1000000 ;;
    --only) only=$2; shift ;;
    *) echo "unknown option $1"; exit 2 ;;
  esac
  shift
done
if $smoke; then duration=2s; warmup=2s; runs=1; connections=8; pace_probe=1s
else duration=10s; warmup=10s; runs=3; connections=32; pace_probe=3s; fi
export BENCH_WRK_DIR="$bench/wrk" BENCH_USERS=$users BENCH_MODELS=$models

source "$bench/lib.sh"
create_schema
load_users
load_models 1 "$models"

# --- which implementations have S6 ----------------------------------------------------------------------------------
# has_s6 IMPL BASE: vertx-raw has it; FastAPI and Spring WebFlux are not given it; Model Registry has it when its
# OpenAPI document declares GET on the path (so a broken endpoint fails the checks below instead of being skipped)
has_s6() {
  case $1 in
    vertx-raw) return 0 ;;
    model-registry) curl -sf "$2/q/openapi?format=json" | python3 -c '
import json, re, sys
paths = json.load(sys.stdin)["paths"]
sys.exit(0 if any(re.fullmatch(r"/models/\{\w+\}/aliases/\{\w+\}", p) and "get" in paths[p] for p in paths) else 1)' ;;
    *) return 1 ;;
  esac
}

# --- one response per scenario, compared across implementations ----------------------------------------------------
# sample_s6 BASE OUT: model 7's production alias is on its highest version, model 8's on the one before (load_versions)
sample_s6() {
  local base=$1 out=$2 auth="Authorization: Bearer $token"
  {
    echo "S6 $(curl -sf -H "$auth" "$base/models/7/aliases/production")"
    echo "S6 $(curl -sf -H "$auth" "$base/models/8/aliases/production")"
  } >"$out"
  # the data is known, so the answers are checked even when no other implementation is there to compare with
  sed -n 1p "$out" | grep -q "\"version\":$versions,.*\"aliases\":\[\"latest\",\"production\"\]" \
    && sed -n 2p "$out" | grep -q "\"version\":$((versions - 1)),.*\"aliases\":\[\"production\"\]" \
    || { echo "S6 answers are not the loaded versions (model 7: version $versions, aliases latest and production;" \
           "model 8: version $((versions - 1)), alias production):"; cat "$out"; return 1; }
}

sample() {
  local base=$1 out=$2 auth="Authorization: Bearer $token"
  {
    echo "S1 $(curl -sf -H "$auth" "$base/models/7")"
    echo "S2 $(curl -sf -H "$auth" "$base/models?framework=pytorch&size=20")"
    echo "S3 $(curl -sf -H "$auth" "$base/users/3?expand=models")"
  } >"$out"
  # S4 writes: compare all but the generated id and timestamps
  curl -sf -H "$auth" -H 'Content-Type: application/json' -X POST "$base/users/3/models" \
    -d '{"name":"sample","framework":"sklearn","accuracy":0.5}' \
    | sed -E 's/"id":[0-9]+/"id":0/; s/"(createdAt|updatedAt)":"[^"]*"/"\1":"T"/g; s/^/S4 /' >>"$out"
  psql_bench -c "delete from models where id > $models" >/dev/null
}

results="$work/results.tsv"
declare -A scenarios_of  # implementation -> the scenarios it runs
run_scenarios() {
  local impl=$1 base=$2
  log "$impl: warming up ($warmup)"
  wrk -t 2 -c "$connections" -d "$warmup" -s "$bench/wrk/s5.lua" "$base" >/dev/null
  for scenario in ${scenarios_of[$impl]}; do
    for run in $(seq 1 "$runs"); do
      out=$(wrk -t 2 -c "$connections" -d "$duration" --latency -s "$bench/wrk/$scenario.lua" "$base")
      rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
      p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
      p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
      errors=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$impl" "$scenario" "$run" "$rps" "$p50" "$p99" "${errors:-0}" >>"$results"
    done
    psql_bench -c "delete from models where id > $models" >/dev/null
  done
  psql_bench -c "vacuum analyze models" >/dev/null
}

# half_peak IMPL BASE: each scenario again at half of the throughput just measured, paced by a pause before every
# request (wrk has no fixed rate): a short probe measures the latency that adds to the pause, then one timed run
paced="$work/paced.tsv"
half_peak() {
  local impl=$1 base=$2 scenario peak target pause out probe_rps
  for scenario in ${scenarios_of[$impl]}; do
    peak=$(awk -F'\t' -v i="$impl" -v s="$scenario" '$1 == i && $2 == s {print $4}' "$results" | sort -n \
      | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}')
    target=$(awk -v p="$peak" 'BEGIN {printf "%.0f", p / 2}')
    pause=$(awk -v c="$connections" -v t="$target" 'BEGIN {printf "%.3f", c * 1000 / t}')
    probe_rps=$(BENCH_DELAY_MS=$pause wrk -t 2 -c "$connections" -d "$pace_probe" -s "$bench/wrk/$scenario.lua" "$base" \
      | awk '/Requests\/sec/ {print $2}')
    # the period per connection is pause + latency; take the latency the probe saw off the pause
    pause=$(awk -v c="$connections" -v t="$target" -v r="$probe_rps" -v d="$pause" \
      'BEGIN {l = c * 1000 / r - d; v = c * 1000 / t - l; if (v < 0.05) v = 0.05; printf "%.3f", v}')
    out=$(BENCH_DELAY_MS=$pause wrk -t 2 -c "$connections" -d "$duration" --latency -s "$bench/wrk/$scenario.lua" "$base")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$impl" "$scenario" "$target" "$(echo "$out" | awk '/Requests\/sec/ {print $2}')" \
      "$(echo "$out" | awk '$1 == "50%" {print $2}')" "$(echo "$out" | awk '$1 == "99%" {print $2}')" \
      "$(echo "$out" | awk '/Non-2xx/ {print $NF}')" >>"$paced"
    psql_bench -c "delete from models where id > $models" >/dev/null
  done
  psql_bench -c "vacuum analyze models" >/dev/null
}

reference=
reference_s6=
without_s6=()
for impl in ${only//,/ }; do
  log "$impl: starting"
  start_impl "$impl"
  sample "http://localhost:$app_port" "$work/sample-$impl.txt"
  for expected in S1 S2 S3 S4; do
    grep -q "^$expected {" "$work/sample-$impl.txt" || { echo "$impl: no JSON answer for $expected"; cat "$work/sample-$impl.txt"; exit 1; }
  done
  if [ -n "$reference" ] && ! diff "$work/sample-$reference.txt" "$work/sample-$impl.txt"; then
    echo "$impl answers differently from $reference"; exit 1
  fi
  reference=${reference:-$impl}
  scenarios_of[$impl]="s1 s2 s3 s4 s5"
  if has_s6 "$impl" "http://localhost:$app_port"; then
    sample_s6 "http://localhost:$app_port" "$work/sample-s6-$impl.txt"
    if [ -n "$reference_s6" ] && ! diff "$work/sample-s6-$reference_s6.txt" "$work/sample-s6-$impl.txt"; then
      echo "$impl answers S6 differently from $reference_s6"; exit 1
    fi
    reference_s6=${reference_s6:-$impl}
    scenarios_of[$impl]+=" s6"
  else
    log "S6: not implemented by $impl"
    without_s6+=("$impl")
  fi
  run_scenarios "$impl" "http://localhost:$app_port"
  if [ "$impl" = model-registry ]; then
    log "$impl: half of the peak throughput of each scenario"
    half_peak "$impl" "http://localhost:$app_port"
  fi
  stop_app
done

# --- report --------------------------------------------------------------------------------------------------------
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; printf "%.2f", v}'; }
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
printf '%-16s %-4s %12s %10s %10s %8s\n' implementation scen requests/s p50_ms p99_ms non2xx
json="["
for impl in ${only//,/ }; do
  for scenario in ${scenarios_of[$impl]}; do
    rows=$(awk -F'\t' -v i="$impl" -v s="$scenario" '$1 == i && $2 == s' "$results")
    rps=$(echo "$rows" | cut -f4 | median)
    p50=$(echo "$rows" | cut -f5 | while read -r v; do echo "$v" | to_ms; echo; done | median)
    p99=$(echo "$rows" | cut -f6 | while read -r v; do echo "$v" | to_ms; echo; done | median)
    errors=$(echo "$rows" | cut -f7 | awk '{s += $1} END {print s + 0}')
    printf '%-16s %-4s %12s %10s %10s %8s\n' "$impl" "${scenario^^}" "$rps" "$p50" "$p99" "$errors"
    json+=$(printf '{"implementation":"%s","scenario":"%s","requestsPerSecond":%s,"p50Ms":%s,"p99Ms":%s,"non2xx":%s},' \
      "$impl" "${scenario^^}" "$rps" "$p50" "$p99" "$errors")
  done
done
json="${json%,}]"
printf '\nModel Registry at half of its peak (paced by wrk pauses)\n%-4s %12s %12s %10s %10s %8s\n' scen target/s achieved/s p50_ms p99_ms non2xx
paced_json="["
while IFS=$'\t' read -r impl scenario target achieved p50 p99 errors; do
  p50=$(echo "$p50" | to_ms); p99=$(echo "$p99" | to_ms)
  printf '%-4s %12s %12s %10s %10s %8s\n' "${scenario^^}" "$target" "$achieved" "$p50" "$p99" "${errors:-0}"
  paced_json+=$(printf '{"implementation":"%s","scenario":"%s","targetRequestsPerSecond":%s,"requestsPerSecond":%s,"p50Ms":%s,"p99Ms":%s,"non2xx":%s},' \
    "$impl" "${scenario^^}" "$target" "$achieved" "$p50" "$p99" "${errors:-0}")
done < <(cat "$paced" 2>/dev/null)
paced_json="${paced_json%,}]"

# S6's goals, from this run: S6 ÷ Model Registry's own S1, and S6's p99 at half of the peak
echo
for impl in "${without_s6[@]}"; do echo "S6: not implemented by $impl"; done
s6_json='{"notImplementedBy":['$(for impl in "${without_s6[@]}"; do printf '"%s",' "$impl"; done | sed 's/,$//')']'
if [[ " ${scenarios_of[model-registry]:-} " == *" s6 "* ]]; then
  s1_rps=$(awk -F'\t' '$1 == "model-registry" && $2 == "s1" {print $4}' "$results" | median)
  s6_rps=$(awk -F'\t' '$1 == "model-registry" && $2 == "s6" {print $4}' "$results" | median)
  s6_ratio=$(awk -v a="$s6_rps" -v b="$s1_rps" 'BEGIN {printf "%.2f", a / b}')
  s6_p99=$(awk -F'\t' '$1 == "model-registry" && $2 == "s6" {print $6}' "$paced" | to_ms)
  printf 'Model Registry S6 / S1, same run: %s / %s = %s (goal >= 0.9)\n' "$s6_rps" "$s1_rps" "$s6_ratio"
  printf 'Model Registry S6 p99 at half of its peak: %s ms (goal <= 10)\n' "$s6_p99"
  s6_json+=$(printf ',"modelRegistryS6OverS1":%s,"modelRegistryS6HalfPeakP99Ms":%s' "$s6_ratio" "$s6_p99")
elif [[ ,$only, == *,model-registry,* ]]; then
  echo "S6 goals not measured: Model Registry has no GET /models/{id}/aliases/{alias} yet"
fi
s6_json+='}'
if $smoke; then
  cat "$results" "$paced" 2>/dev/null | awk -F'\t' '$7 > 0 {bad = 1} END {exit bad}' || { echo "smoke: non-2xx answers"; exit 1; }
  echo "smoke: answers checked and every scenario ran; no timing asserted"
  exit 0
fi
stamp=$(date +%Y-%m-%d)
mkdir -p "$bench/results"
printf '{"date":"%s","machine":"%s cores, %s GiB","users":%s,"models":%s,"versionsPerModel":%s,"connections":%s,"duration":"%s","runs":%s,"results":%s,"halfPeak":%s,"s6":%s}\n' \
  "$stamp" "$(nproc)" "$(free -g | awk '/Mem:/ {print $2}')" "$users" "$models" "$versions" "$connections" "$duration" "$runs" "$json" "$paced_json" "$s6_json" \
  >"$bench/results/$stamp.json"
log "wrote bench/results/$stamp.json"
if command -v gnuplot >/dev/null; then
  "$bench/chart.sh" "$bench/results/$stamp.json"
  log "wrote bench/results/$stamp.png"
fi
