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
# See bench/README.md for what is still to come.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bench="$root/bench"
smoke=false
users=10000
models=100000
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
if $smoke; then duration=2s; warmup=2s; runs=1; connections=8; else duration=10s; warmup=10s; runs=3; connections=32; fi
pool_size=20
pg_port=55410
app_port=8091
work=$(mktemp -d)
chmod 755 "$work"
export BENCH_WRK_DIR="$bench/wrk" BENCH_USERS=$users BENCH_MODELS=$models

log() { echo "[bench $(date +%H:%M:%S)] $*"; }

# --- tools -------------------------------------------------------------------------------------------------------
need_apt=()
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
[ -n "$pg_bin" ] || need_apt+=(postgresql)
command -v wrk >/dev/null || need_apt+=(wrk)
command -v psql >/dev/null || need_apt+=(postgresql-client)
if ! $smoke && ! command -v gnuplot >/dev/null; then need_apt+=(gnuplot-nox); fi
if [[ ,$only, == *,fastapi,* ]]; then
  for package in python3-fastapi python3-sqlalchemy python3-asyncpg python3-uvicorn python3-jwt; do
    dpkg -s "$package" >/dev/null 2>&1 || need_apt+=("$package")
  done
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  log "installing ${need_apt[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
[ -f "$root/target/quarkus-app/quarkus-run.jar" ] || (cd "$root" && ./mvnw -q package -DskipTests)

# --- PostgreSQL ----------------------------------------------------------------------------------------------------
as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
mkdir -p "$work/pg" && { [ "$(id -u)" != 0 ] || chown postgres "$work/pg"; }
as_postgres "'$pg_bin/initdb' -D '$work/pg/data' -U bench --auth=trust >/dev/null"
cat >>"$work/pg/data/postgresql.conf" <<CONF
max_connections = 200
shared_buffers = 512MB
work_mem = 16MB
synchronous_commit = on
CONF
as_postgres "'$pg_bin/pg_ctl' -D '$work/pg/data' -o '-p $pg_port -k $work/pg' -l '$work/pg/log' -w start >/dev/null"
psql_bench() { psql -q -v ON_ERROR_STOP=1 -h localhost -p $pg_port -U bench -d bench "$@"; }
psql -q -h localhost -p $pg_port -U bench -d postgres -c "create database bench" >/dev/null

app=
stop_app() { if [ -n "$app" ]; then kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; app=; fi; }
cleanup() {
  stop_app
  as_postgres "'$pg_bin/pg_ctl' -D '$work/pg/data' -m fast stop >/dev/null" || true
  rm -rf "$work"
}
trap cleanup EXIT

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/private.pem" 2>/dev/null
openssl pkey -in "$work/private.pem" -pubout -out "$work/public.pem"
admin_password=bench-admin-password

wait_ready() {
  for _ in $(seq 1 120); do
    curl -sf -o /dev/null ${token:+-H "Authorization: Bearer $token"} "$1" && return 0
    kill -0 "$app" 2>/dev/null || { tail -n 30 "$work/app.log"; return 1; }
    sleep 0.5
  done
  return 1
}

# --- implementations -----------------------------------------------------------------------------------------------
start_impl() {
  case $1 in
    model-registry)
      QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://localhost:$pg_port/bench" QUARKUS_DATASOURCE_USERNAME=bench \
      QUARKUS_DATASOURCE_PASSWORD=unused QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE=$pool_size \
      MP_JWT_VERIFY_PUBLICKEY_LOCATION="file:$work/public.pem" SMALLRYE_JWT_SIGN_KEY_LOCATION="file:$work/private.pem" \
      REGISTRY_ADMIN_USERNAME=admin REGISTRY_ADMIN_EMAIL=admin@example.com REGISTRY_ADMIN_PASSWORD=$admin_password \
      QUARKUS_HTTP_PORT=$app_port QUARKUS_LOG_CONSOLE_JSON_ENABLED=false \
        java -jar "$root/target/quarkus-app/quarkus-run.jar" >"$work/app.log" 2>&1 &
      app=$!
      wait_ready "http://localhost:$app_port/q/health/ready"
      ;;
    fastapi)
      BENCH_PUBLIC_KEY="$work/public.pem" BENCH_DB_PORT=$pg_port BENCH_DB_NAME=bench BENCH_DB_USER=bench \
      BENCH_POOL_SIZE=$pool_size BENCH_WORKERS=$(nproc) \
        /usr/bin/python3 -m uvicorn app:app --app-dir "$bench/impl/fastapi" --host 127.0.0.1 --port $app_port \
          --workers "$(nproc)" --no-access-log --log-level warning >"$work/app.log" 2>&1 &
      app=$!
      wait_ready "http://localhost:$app_port/models/1"
      ;;
    spring-webflux)
      [ -f "$bench/impl/spring-webflux/target/spring-webflux.jar" ] || (cd "$bench/impl/spring-webflux" && "$root/mvnw" -q -B package)
      BENCH_PUBLIC_KEY="$work/public.pem" BENCH_DB_PORT=$pg_port BENCH_DB_NAME=bench BENCH_DB_USER=bench \
      BENCH_POOL_SIZE=$pool_size BENCH_HTTP_PORT=$app_port \
        java -jar "$bench/impl/spring-webflux/target/spring-webflux.jar" >"$work/app.log" 2>&1 &
      app=$!
      wait_ready "http://localhost:$app_port/models/1"
      ;;
    vertx-raw)
      [ -f "$bench/impl/vertx-raw/target/vertx-raw.jar" ] || (cd "$bench/impl/vertx-raw" && "$root/mvnw" -q -B package)
      BENCH_PUBLIC_KEY="$work/public.pem" BENCH_DB_PORT=$pg_port BENCH_DB_NAME=bench BENCH_DB_USER=bench \
      BENCH_POOL_SIZE=$pool_size BENCH_HTTP_PORT=$app_port \
        java -jar "$bench/impl/vertx-raw/target/vertx-raw.jar" >"$work/app.log" 2>&1 &
      app=$!
      wait_ready "http://localhost:$app_port/models/1"
      ;;
    *) echo "unknown implementation $1"; exit 2 ;;
  esac
}

# --- schema and data: Model Registry migrates and creates the admin, then COPY loads the rest -------------------------
log "schema: first start of Model Registry"
token=
start_impl model-registry
token=$(curl -sf -X POST "http://localhost:$app_port/auth/token" -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$admin_password\"}" | sed 's/.*"accessToken":"\([^"]*\)".*/\1/')
export BENCH_TOKEN=$token
stop_app
hash=$(psql_bench -At -c "select password_hash from users where username = 'admin'")
log "loading $users users and $models models with COPY"
python3 "$bench/generate-data.py" users "$users" "$hash" | psql_bench -c "\copy users (id, email, username, password_hash, active, role, token_version, created_at, updated_at) from stdin with (format csv)"
python3 "$bench/generate-data.py" models "$users" "$models" | psql_bench -c "\copy models (id, name, framework, accuracy, owner_id, created_at, updated_at) from stdin with (format csv)"
psql_bench -c "select setval(pg_get_serial_sequence('users', 'id'), (select max(id) from users)); select setval(pg_get_serial_sequence('models', 'id'), (select max(id) from models));" >/dev/null
# vacuum as well as analyze: COPY leaves the visibility map empty, and index-only scans would visit the heap
psql_bench -c "vacuum analyze" >/dev/null

# --- one response per scenario, compared across implementations ----------------------------------------------------
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
run_scenarios() {
  local impl=$1 base=$2
  log "$impl: warming up ($warmup)"
  wrk -t 2 -c "$connections" -d "$warmup" -s "$bench/wrk/s5.lua" "$base" >/dev/null
  for scenario in s1 s2 s3 s4 s5; do
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

reference=
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
  run_scenarios "$impl" "http://localhost:$app_port"
  stop_app
done

# --- report --------------------------------------------------------------------------------------------------------
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; printf "%.2f", v}'; }
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
printf '%-16s %-4s %12s %10s %10s %8s\n' implementation scen requests/s p50_ms p99_ms non2xx
json="["
for impl in ${only//,/ }; do
  for scenario in s1 s2 s3 s4 s5; do
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
if $smoke; then
  awk -F'\t' '$7 > 0 {bad = 1} END {exit bad}' "$results" || { echo "smoke: non-2xx answers"; exit 1; }
  echo "smoke: answers checked and every scenario ran; no timing asserted"
  exit 0
fi
stamp=$(date +%Y-%m-%d)
mkdir -p "$bench/results"
printf '{"date":"%s","machine":"%s cores, %s GiB","users":%s,"models":%s,"connections":%s,"duration":"%s","runs":%s,"results":%s}\n' \
  "$stamp" "$(nproc)" "$(free -g | awk '/Mem:/ {print $2}')" "$users" "$models" "$connections" "$duration" "$runs" "$json" \
  >"$bench/results/$stamp.json"
log "wrote bench/results/$stamp.json"
