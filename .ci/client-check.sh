#!/usr/bin/env bash
# The generated client, end to end: generates a Java client from the OpenAPI document with OpenAPI Generator (Maven
# plugin, pinned in src/contract-client/pom.xml), compiles it, and runs its Flow.java against the packaged service on
# a PostgreSQL of its own: register, log in, create a model, list models with a filter, read a 409 as a typed Problem.
# Installs PostgreSQL from Debian when missing; stops what it started, by PID.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
log() { echo "[client $(date +%H:%M:%S)] $*"; }
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$pg_bin" ]; then
  log "installing postgresql"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
# REUSE_BUILD=1 (.ci/run, right after ./mvnw verify) takes target/ as it is; otherwise the service is packaged anew
if [ "${REUSE_BUILD:-}" != 1 ] || [ ! -f target/quarkus-app/quarkus-run.jar ] || [ ! -f target/openapi/openapi.json ]; then
  ./mvnw -q package -DskipTests
fi

work=$(mktemp -d)
chmod 755 "$work"
pg_port=$(free_port)
app_port=$(free_port)
management_port=$(free_port)
app=
as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
cleanup() {
  local status=$?
  if [ -n "$app" ]; then kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; fi
  if [ "$status" -ne 0 ] && [ -f "$work/app.log" ]; then tail -n 30 "$work/app.log"; fi
  as_postgres "'$pg_bin/pg_ctl' -D '$work/pg/data' -m fast stop >/dev/null 2>&1" || true
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/pg" && { [ "$(id -u)" != 0 ] || chown postgres "$work/pg"; }
as_postgres "'$pg_bin/initdb' -D '$work/pg/data' -U registry --auth=trust >/dev/null"
as_postgres "'$pg_bin/pg_ctl' -D '$work/pg/data' -o '-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1' \
  -l '$work/pg/log' -w start >/dev/null"
"$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U registry registry
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/private.pem" 2>/dev/null
openssl pkey -in "$work/private.pem" -pubout -out "$work/public.pem"

log "starting the packaged service on port $app_port"
QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:$pg_port/registry" QUARKUS_DATASOURCE_USERNAME=registry \
QUARKUS_DATASOURCE_PASSWORD=unused MP_JWT_VERIFY_PUBLICKEY_LOCATION="file:$work/public.pem" \
SMALLRYE_JWT_SIGN_KEY_LOCATION="file:$work/private.pem" \
  java -Dquarkus.http.port="$app_port" -Dquarkus.management.port="$management_port" \
  -jar target/quarkus-app/quarkus-run.jar >"$work/app.log" 2>&1 &
app=$!
for _ in $(seq 1 120); do
  curl -sf -o /dev/null "http://127.0.0.1:$management_port/q/health/ready" && break
  kill -0 "$app" 2>/dev/null || { echo "the service exited"; exit 1; }
  sleep 0.5
done
curl -sf -o /dev/null "http://127.0.0.1:$management_port/q/health/ready" || { echo "the service never got ready"; exit 1; }

log "generating and compiling the client"
./mvnw -q -f src/contract-client/pom.xml -Dopenapi.document="$root/target/openapi/openapi.json" package
log "running the flow"
./mvnw -q -f src/contract-client/pom.xml exec:java -Dexec.args="http://127.0.0.1:$app_port"
