# Shared by run.sh and scale.sh: tools, one PostgreSQL, keys, starting each implementation, schema and data.
# Sourced after the caller has set root, bench, smoke, only, users and models (and versions: per model, default 0;
# model_tags: true to give the models tags, once the schema has them).
pool_size=20
# Ports below Linux's ephemeral range (32768-60999), where a client socket of an earlier step could hold them (55410
# once made PostgreSQL fail to start in CI); the next free port if one is taken all the same.
free_port() {
  local port=$1
  while ss -Htan "( sport = :$port )" 2>/dev/null | grep -q .; do port=$((port + 1)); done
  echo "$port"
}
pg_port=$(free_port 25410)
app_port=$(free_port 8091)
management_port=$(free_port 9091)  # health and metrics
work=$(mktemp -d)
chmod 755 "$work"

log() { echo "[bench $(date +%H:%M:%S)] $*"; }

# --- tools -------------------------------------------------------------------------------------------------------
need_apt=()
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
[ -n "$pg_bin" ] || need_apt+=(postgresql)
command -v wrk >/dev/null || need_apt+=(wrk)
command -v psql >/dev/null || need_apt+=(postgresql-client)
if ! $smoke && ! command -v gnuplot >/dev/null; then need_apt+=(gnuplot-nox); fi
if [[ ,$only, == *,fastapi,* ]]; then
  for package in python3-fastapi python3-sqlalchemy python3-asyncpg python3-uvicorn python3-jwt python3-uvloop \
                 python3-httptools; do
    dpkg -s "$package" >/dev/null 2>&1 || need_apt+=("$package")
  done
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  log "installing ${need_apt[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
# stale: missing, or older than a source, so that a benchmark never measures code that is no longer there
stale() { [ ! -f "$1" ] || [ -n "$(find "${@:2}" -newer "$1" -type f -print -quit)" ]; }
if stale "$root/target/quarkus-app/quarkus-run.jar" "$root/src/main" "$root/pom.xml"; then
  log "building Model Registry"
  (cd "$root" && ./mvnw -q package -DskipTests)
fi

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

# Started implementations: app is the last one's pid (what the single-instance scripts use), app_pids every one's by
# name, so that run.sh can keep all of them running side by side, each on its own port and with its own log.
app=
declare -A app_pids=()
stop_app() {
  local impl
  if [ -n "$app" ]; then
    kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true
    for impl in "${!app_pids[@]}"; do [ "${app_pids[$impl]}" != "$app" ] || unset "app_pids[$impl]"; done
    app=
  fi
}
stop_impl() {
  local pid=${app_pids[$1]:-}
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  unset "app_pids[$1]"
  if [ "$app" = "$pid" ]; then app=; fi
}
cleanup() {
  local impl
  for impl in "${!app_pids[@]}"; do stop_impl "$impl"; done
  stop_app
  as_postgres "'$pg_bin/pg_ctl' -D '$work/pg/data' -m fast stop >/dev/null" || true
  rm -rf "$work"
}
trap cleanup EXIT

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/private.pem" 2>/dev/null
openssl pkey -in "$work/private.pem" -pubout -out "$work/public.pem"
admin_password=bench-admin-password

# wait_ready URL PID LOG: until URL answers, or PID has died (then LOG's end is shown)
wait_ready() {
  for _ in $(seq 1 120); do
    curl -sf -o /dev/null ${token:+-H "Authorization: Bearer $token"} "$1" && return 0
    kill -0 "$2" 2>/dev/null || { tail -n 30 "$3"; return 1; }
    sleep 0.5
  done
  return 1
}

# --- implementations -----------------------------------------------------------------------------------------------
# start_impl NAME [PORT [MANAGEMENT_PORT]]: starts NAME on PORT (default $app_port; Model Registry's health and
# metrics on MANAGEMENT_PORT, default $management_port), logging to $work/app-NAME.log, and waits until it answers.
# model-registry-uncached is the same jar with the verified-token cache off (REGISTRY_AUTH_TOKEN_CACHE_ENABLED=false):
# the signature checked on every request, like raw Vert.x does.
start_impl() {
  local impl=$1 port=${2:-$app_port} mport=${3:-$management_port} log="$work/app-$1.log" cache=true
  case $impl in
    model-registry|model-registry-uncached)
      [ "$impl" = model-registry ] || cache=false
      REGISTRY_AUTH_TOKEN_CACHE_ENABLED=$cache \
      QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://localhost:$pg_port/bench" QUARKUS_DATASOURCE_USERNAME=bench \
      QUARKUS_DATASOURCE_PASSWORD=unused QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE=$pool_size \
      MP_JWT_VERIFY_PUBLICKEY_LOCATION="file:$work/public.pem" SMALLRYE_JWT_SIGN_KEY_LOCATION="file:$work/private.pem" \
      REGISTRY_ADMIN_USERNAME=admin REGISTRY_ADMIN_EMAIL=admin@example.com REGISTRY_ADMIN_PASSWORD=$admin_password \
      QUARKUS_HTTP_PORT=$port QUARKUS_MANAGEMENT_PORT=$mport QUARKUS_LOG_CONSOLE_JSON_ENABLED=false \
        java ${BENCH_JAVA_OPTS:-} -jar "$root/target/quarkus-app/quarkus-run.jar" >"$log" 2>&1 &
      app=$!
      app_pids[$impl]=$app
      wait_ready "http://localhost:$mport/q/health/ready" "$app" "$log"
      ;;
    fastapi)
      # as FastAPI's users deploy it (uvicorn[standard]): uvloop and httptools, one worker per core; the app prints
      # the loop and protocol each worker really runs (fastapi_stack). BENCH_FASTAPI_HTTP=h11 runs uvloop alone:
      # Debian's httptools (0.1.1) is older than the 0.4.0 uvicorn 0.17.6's [standard] extra asks for (bench/README).
      BENCH_PUBLIC_KEY="$work/public.pem" BENCH_DB_PORT=$pg_port BENCH_DB_NAME=bench BENCH_DB_USER=bench \
      BENCH_POOL_SIZE=$pool_size BENCH_WORKERS=$(nproc) \
        /usr/bin/python3 -m uvicorn app:app --app-dir "$bench/impl/fastapi" --host 127.0.0.1 --port "$port" \
          --workers "$(nproc)" --loop uvloop --http "${BENCH_FASTAPI_HTTP:-httptools}" --no-access-log --log-level warning >"$log" 2>&1 &
      app=$!
      app_pids[$impl]=$app
      wait_ready "http://localhost:$port/models/1" "$app" "$log"
      ;;
    spring-webflux|vertx-raw)
      if stale "$bench/impl/$impl/target/$impl.jar" "$bench/impl/$impl/src" "$bench/impl/$impl/pom.xml"; then
        log "building $impl"
        (cd "$bench/impl/$impl" && "$root/mvnw" -q -B package)
      fi
      BENCH_PUBLIC_KEY="$work/public.pem" BENCH_DB_PORT=$pg_port BENCH_DB_NAME=bench BENCH_DB_USER=bench \
      BENCH_POOL_SIZE=$pool_size BENCH_HTTP_PORT=$port \
        java -jar "$bench/impl/$impl/target/$impl.jar" >"$log" 2>&1 &
      app=$!
      app_pids[$impl]=$app
      wait_ready "http://localhost:$port/models/1" "$app" "$log"
      ;;
    *) echo "unknown implementation $impl"; exit 2 ;;
  esac
}

# fastapi_stack: one line per uvicorn worker, "event loop X, HTTP protocol Y", from the running workers' own startup
# lines (impl/fastapi/app.py), waiting a little for the workers that started after the first one answered
fastapi_stack() {
  local log="$work/app-fastapi.log"
  for _ in $(seq 1 20); do
    [ "$(grep -c '^fastapi worker' "$log")" -ge "$(nproc)" ] && break
    sleep 0.5
  done
  grep '^fastapi worker' "$log" | sed 's/^fastapi worker [0-9]*: //' | sort | uniq -c | sed 's/^ *//; s/ / worker(s): /'
}

# --- schema and data: Model Registry migrates and creates the admin, then COPY loads the rest -------------------------
# The admin's token serves every request of the run, so it is issued for $token_lifespan seconds instead of the
# service's default hour: a full run.sh of 5 rounds takes about 75 minutes, and the default token expired in its fifth
# round on 2026-12-02 (every request after that a 401, counted as non-2xx). run.sh checks what is left before each round.
token_lifespan=21600
create_schema() {
  log "schema: first start of Model Registry"
  token=
  SMALLRYE_JWT_NEW_TOKEN_LIFESPAN=$token_lifespan start_impl model-registry
  token=$(curl -sf -X POST "http://localhost:$app_port/auth/token" -H 'Content-Type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$admin_password\"}" | sed 's/.*"accessToken":"\([^"]*\)".*/\1/')
  export BENCH_TOKEN=$token
  stop_app
}

load_users() {
  local hash
  hash=$(psql_bench -At -c "select password_hash from users where username = 'admin'")
  log "loading $users users with COPY"
  python3 "$bench/generate-data.py" users "$users" "$hash" | psql_bench -c "\copy users (id, email, username, password_hash, active, role, token_version, created_at, updated_at) from stdin with (format csv)"
  psql_bench -c "select setval(pg_get_serial_sequence('users', 'id'), (select max(id) from users))" >/dev/null
}

# load_models FIRST LAST: models FIRST..LAST of the fixed sequence, so loading 1..N in two steps gives the same rows;
# with $versions > 0, each with that many versions and a production alias (load_versions); with $model_tags and the
# V7 tags column, each with two tags (generate-data.py says which)
load_models() {
  local tag_arg= tag_column=
  if ${model_tags:-false} && has_tags; then tag_arg=tags; tag_column=", tags"; fi
  log "loading models $1..$2 with COPY${tag_arg:+, with tags}"
  python3 "$bench/generate-data.py" models "$users" "$2" "$1" "${versions:-0}" $tag_arg | psql_bench -c "\copy models (id, name, framework, accuracy, owner_id, created_at, updated_at, last_version$tag_column) from stdin with (format csv)"
  psql_bench -c "select setval(pg_get_serial_sequence('models', 'id'), (select max(id) from models))" >/dev/null
  if [ "${versions:-0}" -gt 0 ]; then load_versions "$1" "$2"; fi
  # vacuum as well as analyze: COPY leaves the visibility map empty, and index-only scans would visit the heap
  psql_bench -c "vacuum analyze" >/dev/null
}

# whether the schema has models.tags (V7, issue 14)
has_tags() {
  [ "$(psql_bench -At -c "select count(*) from information_schema.columns where table_name = 'models' and column_name = 'tags'")" = 1 ]
}

# load_versions FIRST LAST: versions 1..$versions of models FIRST..LAST (all ready; the COPY above set last_version to
# $versions), and the alias production on the highest one, or on the one before it for every fourth model: S6 then
# answers both shapes, aliases ["latest","production"] and ["production"]. Values follow from the model id alone.
load_versions() {
  [ "$versions" -ge 2 ] || { echo "load_versions needs at least 2 versions per model"; exit 2; }
  log "loading $versions versions and a production alias per model $1..$2"
  psql_bench <<SQL >/dev/null
insert into model_versions (model_id, number, artifact_uri, description, metrics, status, created_by, created_at,
                            updated_at)
select m.id, n, format('s3://bench-artifacts/%s/v%s/model.onnx', m.name, n), format('%s, version %s', m.name, n),
       jsonb_build_object('f1', (0.5 + ((m.id * 31 + n * 17) % 500) / 1000.0)::float8,
                          'loss', (0.05 + ((m.id * 13 + n * 7) % 900) / 1000.0)::float8),
       'ready', m.owner_id, m.created_at + n * interval '1 hour', m.created_at + n * interval '1 hour'
from models m cross join generate_series(1, $versions) n
where m.id between $1 and $2
order by m.id, n;
insert into model_aliases (model_id, name, version_id, created_at, updated_at)
select v.model_id, 'production', v.id, v.created_at, v.created_at
from model_versions v
where v.model_id between $1 and $2 and v.number = case when v.model_id % 4 = 0 then $versions - 1 else $versions end;
SQL
}
