#!/usr/bin/env bash
# Measures the packaged JVM application: the start-up time Quarkus reports ("started in"), and resident memory
# (VmRSS) right after start and after a short load. Starts its own throwaway PostgreSQL (Debian's binaries, installed
# when missing) and token keys; stops everything it started.
# Usage: ./mvnw package -DskipTests && bench/startup-memory.sh [LOAD_SECONDS]
#   JAVA_OPTS="..." adds JVM options, e.g. the heap the Kubernetes Deployment gives the JVM image (768 MiB limit,
#   JAVA_MAX_MEM_RATIO=50): JAVA_OPTS="-XX:MaxRAM=768m -XX:MaxRAMPercentage=50" bench/startup-memory.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
load_seconds=${1:-20}
work=$(mktemp -d)
chmod 755 "$work"
pg_port=25499  # below the ephemeral port range, where client sockets cannot hold it
app_port=8099
management_port=9099  # health and metrics; not read here, but the default 9000 may be taken

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$pg_bin" ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
mkdir -p "$work/pg" && chown postgres "$work/pg" 2>/dev/null || true
as_postgres "'$pg_bin/initdb' -D '$work/pg/data' -U registry --auth=trust >/dev/null"
as_postgres "'$pg_bin/pg_ctl' -D '$work/pg/data' -o '-p $pg_port -k $work/pg' -l '$work/pg/log' -w start >/dev/null"

app=
stop() {
  [ -n "$app" ] && kill "$app" 2>/dev/null && wait "$app" 2>/dev/null || true
  as_postgres "'$pg_bin/pg_ctl' -D '$work/pg/data' -m fast stop >/dev/null" || true
  rm -rf "$work"
}
trap stop EXIT

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/private.pem" 2>/dev/null
openssl pkey -in "$work/private.pem" -pubout -out "$work/public.pem"

export QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://localhost:$pg_port/postgres" \
  QUARKUS_DATASOURCE_USERNAME=registry QUARKUS_DATASOURCE_PASSWORD=unused \
  MP_JWT_VERIFY_PUBLICKEY_LOCATION="file:$work/public.pem" SMALLRYE_JWT_SIGN_KEY_LOCATION="file:$work/private.pem" \
  REGISTRY_ADMIN_USERNAME=admin REGISTRY_ADMIN_EMAIL=admin@example.com REGISTRY_ADMIN_PASSWORD=bench-admin-password \
  QUARKUS_HTTP_PORT=$app_port QUARKUS_MANAGEMENT_PORT=$management_port QUARKUS_LOG_CONSOLE_JSON_ENABLED=false

rss_mib() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }

# shellcheck disable=SC2086
java ${JAVA_OPTS:-} -jar "$root/target/quarkus-app/quarkus-run.jar" >"$work/app.log" 2>&1 &
app=$!
for _ in $(seq 1 120); do grep -q "started in" "$work/app.log" && break; sleep 0.5; done
started=$(grep -o 'started in [0-9.]*s' "$work/app.log" | head -n 1)
sleep 2
rss_start=$(rss_mib "$app")

token=$(curl -sf -X POST "http://localhost:$app_port/auth/token" -H 'Content-Type: application/json' \
  -d '{"username":"admin","password":"bench-admin-password"}' | sed 's/.*"accessToken":"\([^"]*\)".*/\1/')
curl -sf -o /dev/null -X POST "http://localhost:$app_port/users/1/models" -H "Authorization: Bearer $token" \
  -H 'Content-Type: application/json' -d '{"name":"bench","framework":"sklearn","accuracy":0.5}'
load=$(wrk -t 2 -c 16 -d "${load_seconds}s" -H "Authorization: Bearer $token" \
  "http://localhost:$app_port/models?framework=sklearn&size=20" | grep -E 'Requests/sec|requests in')
rss_load=$(rss_mib "$app")

echo "JVM start-up ($started by Quarkus's own count)"
echo "resident memory after start: ${rss_start} MiB"
echo "resident memory after ${load_seconds} s of load: ${rss_load} MiB"
echo "load: wrk -t 2 -c 16 GET /models?framework=sklearn&size=20 ->" $load
echo "JVM options: ${JAVA_OPTS:-none}"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -n 1)"
