#!/usr/bin/env bash
# The benchmark: one PostgreSQL, the same data loaded with COPY, every implementation started once on its own port
# with the same pool size, its answers compared with the others', warmed up, then driven by wrk in rounds: each round
# runs every implementation once per scenario, in turn, so that all of them meet the same machine state, and the
# ratios (Model Registry / each peer) are taken per round. Prints the tables, the median ratios and their spread, and
# writes bench/results/<date>.json (and a PNG chart when gnuplot is there) unless it refuses (see below); a second run
# of the day writes <date>-HHMM.json, a run that is not reportable <date>-not-reportable.json.
#
# usage: bench/run.sh [--smoke] [--scale] [--only NAME[,NAME]] [--ignore-load]
#   --smoke        seconds: Model Registry with and without the token cache, checks answers and that every scenario
#                  runs; asserts no timing, no load check, no ratio, no JSON (CI)
#   --scale        1,000,000 models instead of 100,000
#   --only         which implementations, in order (the first one's answers are the reference); default: all
#   --ignore-load  run even when the machine was busy before the start; the JSON is then marked not reportable
#                  (development only)
# Environment, for checking the script only (a run with any of them set is marked not reportable):
#   BENCH_DURATION (10s per implementation, scenario and round), BENCH_SLICES (5), BENCH_WARMUP (20s per scenario),
#   BENCH_ROUNDS (5), BENCH_MAX_SPREAD (15, in %), BENCH_MAX_BUSY (10, in %)
#
# Refusal: exit 3 and no JSON when any ratio between implementations strays more than ±BENCH_MAX_SPREAD % from its
# median over the rounds (from 5 rounds on, in any round but the one farthest from the median, which is set aside and
# printed: report.py gated_spread); exit 4 before anything starts when the CPU was more than BENCH_MAX_BUSY % busy over 5 s
# (something else is running), unless --ignore-load; exit 5 before a round when the admin token has less than 20 minutes
# left (lib.sh issues it for 6 hours).
#
# Implementations: model-registry (the packaged jar, prod mode, default settings: verified-token cache on),
# model-registry-uncached (the same jar with REGISTRY_AUTH_TOKEN_CACHE_ENABLED=false: the signature verified on every
# request, like raw Vert.x), fastapi (bench/impl/fastapi, the stack it replaces: uvicorn with uvloop and httptools,
# one worker per core), spring-webflux (bench/impl/spring-webflux, Spring Boot WebFlux + Spring Data R2DBC + the
# resource server), vertx-raw (bench/impl/vertx-raw, the ceiling). Model Registry (default settings) is then run at
# half of its peak per scenario. S6 (resolve an alias) runs only where the implementation has the endpoint: vertx-raw,
# and Model Registry once its OpenAPI document declares it; the others are reported as "S6: not implemented by X".
# bench/README.md has the results and goals; bench/tables.py writes its tables from the JSON.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bench="$root/bench"
smoke=false
ignore_load=false
users=10000
models=100000
versions=3  # per model, with a production alias (S6)
only=model-registry,model-registry-uncached,fastapi,spring-webflux,vertx-raw
while [ $# -gt 0 ]; do
  case $1 in
    --smoke) smoke=true; users=200; models=2000; only=model-registry,model-registry-uncached ;;
    --scale) models=1000000 ;;
    --only) only=$2; shift ;;
    --ignore-load) ignore_load=true ;;
    *) echo "unknown option $1"; exit 2 ;;
  esac
  shift
done
not_reportable=()
for setting in BENCH_DURATION BENCH_SLICES BENCH_WARMUP BENCH_ROUNDS BENCH_MAX_SPREAD BENCH_MAX_BUSY; do
  if [ -n "${!setting:-}" ]; then not_reportable+=("$setting=${!setting} (for checking the script only)"); fi
done
if $smoke; then duration=2s; slices=1; warmup=1s; rounds=1; connections=8; pace_probe=1s; warmup_window=1s; warmup_extra=2
else duration=${BENCH_DURATION:-10s}; slices=${BENCH_SLICES:-5}; warmup=${BENCH_WARMUP:-20s}; rounds=${BENCH_ROUNDS:-5}
  connections=32; pace_probe=3s; warmup_window=5s; warmup_extra=6; fi
# A round's figure for one implementation and scenario is $duration of wrk, taken in $slices slices that alternate with
# the other implementations' (see the rounds below)
slice_seconds=$(( ${duration%s} / slices ))
if [ "$slice_seconds" -lt 1 ] || [ $(( slice_seconds * slices )) != "${duration%s}" ]; then
  echo "BENCH_DURATION ($duration) must be a whole number of seconds that BENCH_SLICES ($slices) divides"; exit 2
fi
warmup_steady=5
max_spread=${BENCH_MAX_SPREAD:-15}
max_busy=${BENCH_MAX_BUSY:-10}
if ! $smoke && [ "$rounds" -lt 3 ]; then not_reportable+=("$rounds rounds (at least 3 for a reported run)"); fi
export BENCH_WRK_DIR="$bench/wrk" BENCH_USERS=$users BENCH_MODELS=$models

# --- is something else running? --------------------------------------------------------------------------------------
# The share of CPU time that was not idle over 5 s, from /proc/stat, before this script starts anything. An idle
# machine shows a few %; one busy thread of another program shows 1/nproc of the machine (50% on 2 cores). Above
# max_busy (10%: a tenth of the machine taken from whichever implementation happens to run moves a ratio by about
# 10%, most of the ±15% a ratio may stray) the figures would measure the neighbour as much as the implementations.
cpu_busy_percent() {
  local a b
  a=$(awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6}' /proc/stat)
  sleep "$1"
  b=$(awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6}' /proc/stat)
  awk -v a="$a" -v b="$b" 'BEGIN {split(a, x, " "); split(b, y, " "); busy = y[1] - x[1]; idle = y[2] - x[2]
    printf "%.1f", (busy + idle > 0) ? 100 * busy / (busy + idle) : 0}'
}
load_busy=null
load_passed=true
if ! $smoke; then
  load_busy=$(cpu_busy_percent 5)
  echo "[bench $(date +%H:%M:%S)] CPU busy over 5 s before the start: $load_busy% (limit $max_busy%)"
  if awk -v b="$load_busy" -v m="$max_busy" 'BEGIN {exit !(b > m)}'; then
    load_passed=false
    if $ignore_load; then
      not_reportable+=("the machine was $load_busy% busy before the start (--ignore-load)")
      echo "[bench] --ignore-load: going on; the results will be marked not reportable"
    else
      echo "bench/run.sh refuses to run: the CPU was $load_busy% busy over 5 s before the start (limit $max_busy%)," \
        "so something else is running; stop it and run again (--ignore-load runs anyway, for development only)"
      top -b -n 1 -o %CPU | sed -n '7,12p'
      exit 4
    fi
  fi
fi

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
    model-registry|model-registry-uncached) curl -sf "$2/q/openapi?format=json" | python3 -c '
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

# refuses_tampered IMPL BASE: the admin token with one character of its signature changed must be refused, also after
# the genuine token has been accepted many times (a cache of verified tokens must not let it through)
tampered_token() {
  python3 -c '
import sys
head, body, sig = sys.argv[1].split(".")
i = len(sig) // 2
sig = sig[:i] + ("A" if sig[i] != "A" else "B") + sig[i + 1:]
print(".".join([head, body, sig]))' "$token"
}
refuses_tampered() {
  local status
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $(tampered_token)" "$2/models/7")
  [ "$status" = 401 ] || { echo "$1 answered $status, not 401, to a token with a tampered signature"; exit 1; }
}

# --- start every implementation once, each on its own port ----------------------------------------------------------
declare -A base_of scenarios_of  # implementation -> its URL; the scenarios it runs
impls=(${only//,/ })
reference=
reference_s6=
without_s6=()
next_port=$app_port
next_management_port=$management_port
for impl in "${impls[@]}"; do
  port=$(free_port "$next_port")
  mport=$(free_port "$next_management_port")
  [ "$mport" != "$port" ] || mport=$(free_port $((mport + 1)))
  log "$impl: starting on port $port"
  start_impl "$impl" "$port" "$mport"
  next_port=$((port + 1))
  next_management_port=$((mport + 1))
  base="http://localhost:$port"
  base_of[$impl]=$base
  [ "$impl" != fastapi ] || fastapi_stack | while read -r line; do log "fastapi runs: $line"; done
  sample "$base" "$work/sample-$impl.txt"
  for expected in S1 S2 S3 S4; do
    grep -q "^$expected {" "$work/sample-$impl.txt" || { echo "$impl: no JSON answer for $expected"; cat "$work/sample-$impl.txt"; exit 1; }
  done
  if [ -n "$reference" ] && ! diff "$work/sample-$reference.txt" "$work/sample-$impl.txt"; then
    echo "$impl answers differently from $reference"; exit 1
  fi
  reference=${reference:-$impl}
  refuses_tampered "$impl" "$base"
  scenarios_of[$impl]="s1 s2 s3 s4 s5"
  if has_s6 "$impl" "$base"; then
    sample_s6 "$base" "$work/sample-s6-$impl.txt"
    if [ -n "$reference_s6" ] && ! diff "$work/sample-s6-$reference_s6.txt" "$work/sample-s6-$impl.txt"; then
      echo "$impl answers S6 differently from $reference_s6"; exit 1
    fi
    reference_s6=${reference_s6:-$impl}
    scenarios_of[$impl]+=" s6"
  else
    log "S6: not implemented by $impl"
    without_s6+=("$impl")
  fi
done

# Every scenario the implementation runs, $warmup each: a JIT compiles the paths it has run, and a short mix alone left
# Model Registry's S1 far below what it reaches later (bench/README, issue 14), which a ratio would read as a gap.
# bench/warmup.sh measured it here: Model Registry's S1 needs about 30 s of load before its JIT settles (raw Vert.x
# about 20 s), hence 20 s per scenario, 100-120 s in all, before the first timed round.
# After those 20 s, the scenario goes on in windows of $warmup_window until two windows in a row agree within
# ±$warmup_steady %, or $warmup_extra more windows have run: a peer still compiling when the rounds begin (Spring
# WebFlux's first round was 20-60% below its others in both runs of 2026-12-01) would read as an unsteady ratio.
for impl in "${impls[@]}"; do
  log "$impl: warming up ($warmup per scenario, then until steady: ${scenarios_of[$impl]})"
  for scenario in ${scenarios_of[$impl]}; do
    wrk -t 2 -c "$connections" -d "$warmup" -s "$bench/wrk/$scenario.lua" "${base_of[$impl]}" >/dev/null
    windows=()
    for _ in $(seq 1 "$warmup_extra"); do
      windows+=("$(wrk -t 2 -c "$connections" -d "$warmup_window" -s "$bench/wrk/$scenario.lua" "${base_of[$impl]}" \
        | awk '/Requests\/sec/ {printf "%.0f", $2}')")
      psql_bench -c "delete from models where id > $models" >/dev/null
      n=${#windows[@]}
      if [ "$n" -ge 2 ] && awk -v a="${windows[n-2]}" -v b="${windows[n-1]}" -v m="$warmup_steady" \
          'BEGIN {exit !(a > 0 && b / a - 1 <= m / 100 && a / b - 1 <= m / 100)}'; then break; fi
    done
    steady=" (steady)"
    [ "$n" -lt "$warmup_extra" ] || ! awk -v a="${windows[n-2]:-0}" -v b="${windows[n-1]}" -v m="$warmup_steady" \
      'BEGIN {exit !(a > 0 && b / a - 1 <= m / 100 && a / b - 1 <= m / 100)}' || steady=" (not steady after $warmup_extra windows)"
    $smoke || log "$impl ${scenario^^} warm-up windows of $warmup_window, req/s: ${windows[*]}$steady"
  done
  refuses_tampered "$impl" "${base_of[$impl]}"
done
psql_bench -c "vacuum analyze models" >/dev/null

# --- rounds: every implementation once per scenario, in slices that alternate -----------------------------------------
# This machine's speed moves on its own by tens of per cent for seconds at a time (a fixed C loop ran at 11,900 then
# 16,900 iterations/s from one second to the next, with nothing else running), and a 10 s run of one implementation
# followed by 10 s of the next puts such a change into their ratio: three full runs on 2026-12-01/02 refused on it.
# So each implementation's $duration of a scenario is taken in $slices slices of ${slice_seconds}s, and the slices of
# all implementations alternate (A B C, then B C A, ...): a slow stretch of the machine falls on all of them alike.
# A round's figure is the requests of its slices over their seconds; its p50 the median of the slices' p50s, its p99
# the highest of their p99s (report.py combine).
# The order of the implementations moves by one each slice and each round, so that none always runs first (or right
# after the same neighbour). Rows written by S4 (and S5's share of S4) are deleted after each slice, so every slice
# reads the same data. Each slice also records who used the CPU during it (bench/cpu.py, summed per round): the
# implementation under test, the others (idle ones should use nothing), PostgreSQL, wrk and the rest, printed after
# the rounds.
results="$work/results.tsv"
slice_results="$work/slices.tsv"
cpu_windows="$work/cpu-windows.tsv"
: >"$slice_results"
: >"$cpu_windows"
# token_minutes_left: until the admin token's exp (it is not refreshed during the run; lib.sh create_schema)
token_minutes_left() {
  python3 -c '
import base64, json, sys, time
body = sys.argv[1].split(".")[1]
print(int((json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))["exp"] - time.time()) // 60))' "$token"
}
for round in $(seq 1 "$rounds"); do
  # a round takes about 9 minutes with all five implementations; a token that expires inside one turns its requests
  # into 401s, which would be measured as very fast answers
  if [ "$(token_minutes_left)" -lt 20 ]; then
    echo "bench/run.sh stops before round $round: the admin token expires in $(token_minutes_left) minute(s);" \
      "a round takes about 9"; exit 5
  fi
  log "round $round of $rounds: ${#impls[@]} implementations, $slices slice(s) of ${slice_seconds}s each per scenario" \
    "(admin token valid for $(token_minutes_left) more minutes)"
  for scenario in s1 s2 s3 s4 s5 s6; do
    for slice in $(seq 1 "$slices"); do
      shift_by=$(( (round + slice - 2) % ${#impls[@]} ))
      order=("${impls[@]:$shift_by}" "${impls[@]:0:$shift_by}")
      for impl in "${order[@]}"; do
        [[ " ${scenarios_of[$impl]} " == *" $scenario "* ]] || continue
        python3 "$bench/cpu.py" snapshot "$work/cpu-before.json"
        out=$(wrk -t 2 -c "$connections" -d "${slice_seconds}s" --latency -s "$bench/wrk/$scenario.lua" "${base_of[$impl]}")
        python3 "$bench/cpu.py" snapshot "$work/cpu-after.json"
        printf '%s\t%s\t%s\t%s\n' "$round" "$impl" "${scenario^^}" "$(python3 "$bench/cpu.py" diff \
          "$work/cpu-before.json" "$work/cpu-after.json" $(for i in "${impls[@]}"; do echo "$i=${app_pids[$i]}"; done))" \
          >>"$cpu_windows"
        # "  10234 requests in 2.00s, 2.13MB read"
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$impl" "${scenario^^}" \
          "$(echo "$out" | awk '/ requests in / {print $1}')" "$(echo "$out" | awk '/ requests in / {sub(/,$/, "", $4); print $4}')" \
          "$(echo "$out" | awk '$1 == "50%" {print $2}')" "$(echo "$out" | awk '$1 == "99%" {print $2}')" \
          "$(echo "$out" | awk '/Non-2xx/ {print $NF}')" >>"$slice_results"
        if [ "$scenario" = s4 ] || [ "$scenario" = s5 ]; then
          psql_bench -c "delete from models where id > $models" -c "vacuum analyze models" >/dev/null
        fi
      done
    done
  done
done
python3 "$bench/report.py" combine "$slice_results" >"$results"

if ! $smoke; then
  echo
  echo "CPU used in each round's ${duration} of a scenario ($slices slice(s); $(nproc) cores: $(( $(nproc) * ${duration%s} )) s in all), by whom"
  python3 "$bench/cpu.py" table "$cpu_windows"
  echo
fi

# --- Model Registry (default settings) at half of its peak --------------------------------------------------------
# Each scenario again at half of its median throughput over the rounds, paced by a pause before every request (wrk
# has no fixed rate): a short probe measures the latency that adds to the pause, then one timed run.
paced="$work/paced.tsv"
: >"$paced"
half_peak() {
  local impl=$1 base=$2 scenario peak target pause out probe_rps
  for scenario in ${scenarios_of[$impl]}; do
    peak=$(awk -F'\t' -v i="$impl" -v s="${scenario^^}" '$2 == i && $3 == s {print $4}' "$results" | sort -n \
      | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}')
    target=$(awk -v p="$peak" 'BEGIN {printf "%.0f", p / 2}')
    pause=$(awk -v c="$connections" -v t="$target" 'BEGIN {printf "%.3f", c * 1000 / t}')
    probe_rps=$(BENCH_DELAY_MS=$pause wrk -t 2 -c "$connections" -d "$pace_probe" -s "$bench/wrk/$scenario.lua" "$base" \
      | awk '/Requests\/sec/ {print $2}')
    # the period per connection is pause + latency; take the latency the probe saw off the pause
    pause=$(awk -v c="$connections" -v t="$target" -v r="$probe_rps" -v d="$pause" \
      'BEGIN {l = c * 1000 / r - d; v = c * 1000 / t - l; if (v < 0.05) v = 0.05; printf "%.3f", v}')
    out=$(BENCH_DELAY_MS=$pause wrk -t 2 -c "$connections" -d "$duration" --latency -s "$bench/wrk/$scenario.lua" "$base")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$impl" "${scenario^^}" "$target" "$(echo "$out" | awk '/Requests\/sec/ {print $2}')" \
      "$(echo "$out" | awk '$1 == "50%" {print $2}')" "$(echo "$out" | awk '$1 == "99%" {print $2}')" \
      "$(echo "$out" | awk '/Non-2xx/ {print $NF}')" >>"$paced"
    psql_bench -c "delete from models where id > $models" >/dev/null
  done
  psql_bench -c "vacuum analyze models" >/dev/null
}
if [ -n "${base_of[model-registry]:-}" ]; then
  log "model-registry: half of the peak throughput of each scenario"
  half_peak model-registry "${base_of[model-registry]}"
fi

# --- versions of everything measured ----------------------------------------------------------------------------------
# read from what runs (the jars' contents, the interpreters), not from the build files
jar_version() {  # jar_version JAR PATTERN: the version in the name of the first entry matching PATTERN
  unzip -Z1 "$1" 2>/dev/null | grep -oE "$2" | head -n 1 | grep -oE '[0-9]+(\.[0-9]+)+' | head -n 1 || true
}
pyversion() { /usr/bin/python3 -c "import $1; print($1.__version__)" 2>/dev/null || echo unknown; }
versions_json=$(python3 -c 'import json, sys; print(json.dumps(dict(zip(sys.argv[1::2], sys.argv[2::2]))))' \
  jdk "$(java -version 2>&1 | head -n 1 | grep -oE '"[^"]+"' | tr -d '"')" \
  postgresql "$("$pg_bin/postgres" --version | awk '{print $3}')" \
  wrk "$(wrk -v 2>&1 | head -n 1 | awk '{print $2}')" \
  quarkus "$(ls "$root/target/quarkus-app/lib/main" | grep -oE '^io\.quarkus\.quarkus-core-[0-9][^j]*' | head -n 1 | sed 's/io.quarkus.quarkus-core-//; s/\.$//')" \
  python "$(/usr/bin/python3 -c 'import platform; print(platform.python_version())')" \
  fastapi "$(pyversion fastapi)" uvicorn "$(pyversion uvicorn)" uvloop "$(pyversion uvloop)" \
  httptools "$(pyversion httptools)" sqlalchemy "$(pyversion sqlalchemy)" asyncpg "$(pyversion asyncpg)" \
  springBoot "$(jar_version "$bench/impl/spring-webflux/target/spring-webflux.jar" 'BOOT-INF/lib/spring-boot-[0-9][^/]*\.jar')" \
  r2dbcPostgresql "$(jar_version "$bench/impl/spring-webflux/target/spring-webflux.jar" 'BOOT-INF/lib/r2dbc-postgresql-[0-9][^/]*\.jar')" \
  vertx "$(unzip -p "$bench/impl/vertx-raw/target/vertx-raw.jar" META-INF/maven/io.vertx/vertx-core/pom.properties 2>/dev/null | sed -n 's/^version=//p')")
fastapi_runs=null
if [ -n "${base_of[fastapi]:-}" ]; then
  fastapi_runs=$(fastapi_stack | python3 -c 'import json, sys; print(json.dumps([l.strip() for l in sys.stdin]))')
fi

# --- report: medians, ratios per round with their spread, refusal ---------------------------------------------------
stamp=$(date +%Y-%m-%d)
meta=$(python3 -c '
import json, sys
a = sys.argv[1:]
print(json.dumps({
  "date": a[0], "machine": a[1], "users": int(a[2]), "models": int(a[3]), "versionsPerModel": int(a[4]),
  "connections": int(a[5]), "duration": a[6], "slices": int(a[21]), "warmup": a[7], "rounds": int(a[8]), "poolSize": int(a[9]),
  "implementations": a[10].split(","), "maxSpreadPercent": float(a[11]),
  "loadCheck": {"cpuBusyPercent": json.loads(a[12]), "seconds": 5, "maxBusyPercent": float(a[13]),
                "passed": a[14] == "true", "ignored": a[15] == "true"},
  "notReportableBecause": [r for r in a[16].split("\n") if r],
  "notImplementedS6": [i for i in a[17].split(",") if i],
  "versions": json.loads(a[18]), "fastapiRuns": json.loads(a[19]), "smoke": a[20] == "true"}))' \
  "$stamp" "$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB" "$users" "$models" "$versions" "$connections" \
  "$duration" "$warmup" "$rounds" "$pool_size" "$only" "$max_spread" "$load_busy" "$max_busy" "$load_passed" \
  "$ignore_load" "$(printf '%s\n' "${not_reportable[@]}")" "$(IFS=,; echo "${without_s6[*]}")" "$versions_json" \
  "$fastapi_runs" "$smoke" "$slices")
# never over a committed result: a run that is not reportable writes DATE-not-reportable.json, a second run of the
# day DATE-HHMM.json
mkdir -p "$bench/results"
name=$stamp
if [ ${#not_reportable[@]} -gt 0 ]; then name=$stamp-not-reportable
elif [ -e "$bench/results/$stamp.json" ]; then name=$stamp-$(date +%H%M); fi
set +e
python3 "$bench/report.py" "$results" "$paced" "$meta" "$bench/results/$name.json"
status=$?
set -e
[ "$status" = 0 ] || exit "$status"
if $smoke; then exit 0; fi
log "wrote bench/results/$name.json"
if command -v gnuplot >/dev/null; then
  "$bench/chart.sh" "$bench/results/$name.json"
  log "wrote bench/results/$name.png"
fi
