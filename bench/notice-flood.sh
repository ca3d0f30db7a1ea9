#!/usr/bin/env bash
# Revocation notices under a flood (issue 15): one packaged instance listening, 10,000 users whose token versions are
# raised in batches of 1,000 (one commit, so 1,000 notices, each), three times; prints the time per flood, readiness,
# and the heap used after a full GC before and after each (jcmd). Needs the packaged jar (./mvnw package) and
# Debian's PostgreSQL (bench/lib.sh installs it).
#
# usage: bench/notice-flood.sh [JAR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jar=${1:-$root/target/quarkus-app/quarkus-run.jar}
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
w=$(mktemp -d); mkdir -p $w/pg; chown -R postgres $w
su postgres -s /bin/sh -c "$pg_bin/initdb -D $w/pg/data -U flood --auth=trust >/dev/null"
su postgres -s /bin/sh -c "$pg_bin/pg_ctl -D $w/pg/data -o '-p 5498 -k $w/pg' -l $w/pg/log -w start >/dev/null"
trap 'kill $app 2>/dev/null; su postgres -s /bin/sh -c "$pg_bin/pg_ctl -D $w/pg/data -m fast stop" >/dev/null' EXIT
psql -q -h localhost -p 5498 -U flood -d postgres -c "create database flood"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out $w/private.pem 2>/dev/null
openssl pkey -in $w/private.pem -pubout -out $w/public.pem
QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://localhost:5498/flood QUARKUS_DATASOURCE_USERNAME=flood QUARKUS_DATASOURCE_PASSWORD=unused \
MP_JWT_VERIFY_PUBLICKEY_LOCATION=file:$w/public.pem SMALLRYE_JWT_SIGN_KEY_LOCATION=file:$w/private.pem \
REGISTRY_ADMIN_USERNAME=admin REGISTRY_ADMIN_EMAIL=admin@example.com REGISTRY_ADMIN_PASSWORD=flood-admin-password \
QUARKUS_HTTP_PORT=18093 QUARKUS_MANAGEMENT_PORT=19093 QUARKUS_LOG_CONSOLE_JSON_ENABLED=false \
  java -jar "$jar" > $w/app.log 2>&1 &
app=$!
for i in $(seq 1 120); do curl -sf -o /dev/null http://localhost:19093/q/health/ready && break; sleep 0.5; done
q() { psql -qAt -h localhost -p 5498 -U flood -d flood -c "$1"; }
echo "listeners: $(q "select count(*) from pg_stat_activity where application_name = 'model-registry revocation notices'")"
q "insert into users (email, username, password_hash, created_at, updated_at) select 'f' || g || '@example.com', 'f_' || g, 'x', now(), now() from generate_series(1, 10000) g"
heap() { jcmd $app GC.run >/dev/null; sleep 1; jcmd $app GC.heap_info | grep -o 'used [0-9]*K' | head -1; }
echo "heap after full GC, before: $(heap)"
for round in 1 2 3; do
  start=$(date +%s%N)
  for b in $(seq 0 9); do
    q "update users set token_version = token_version + 1 where id in (select id from users where username like 'f\_%' order by id offset $((b * 1000)) limit 1000)"
  done
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  sleep 2
  echo "round $round: 10,000 notices in $ms ms; ready $(curl -s -o /dev/null -w '%{http_code}' http://localhost:19093/q/health/ready); heap after full GC: $(heap)"
done
