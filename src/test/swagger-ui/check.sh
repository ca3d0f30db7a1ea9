#!/usr/bin/env bash
# Proves in a real headless browser (Debian's chromium) that Swagger UI logs in with the OAuth2 password flow and
# calls a protected endpoint. Starts dev mode (embedded database, dev admin) on a spare port, drives Swagger UI with
# playwright-core, and stops everything it started. Usage: src/test/swagger-ui/check.sh   (from anywhere)
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
port=${SWAGGER_CHECK_PORT:-8095}
management_port=${SWAGGER_CHECK_MANAGEMENT_PORT:-9095}  # health
work=$(mktemp -d)

if ! command -v chromium >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
(cd "$work" && npm install --silent --no-audit --no-fund playwright-core@1.65.1 >/dev/null)

cd "$root"
./mvnw -q quarkus:dev -Dquarkus.http.port="$port" -Dquarkus.management.port="$management_port" -Ddebug=false -Dquarkus.console.enabled=false \
  >"$work/dev.log" 2>&1 &
dev=$!
stop() {
  pkill -TERM -P "$dev" 2>/dev/null || true
  kill -TERM "$dev" 2>/dev/null || true
  wait "$dev" 2>/dev/null || true
  rm -rf "$work"
}
trap stop EXIT

for _ in $(seq 1 180); do
  curl -sf "http://localhost:$management_port/q/health/ready" >/dev/null && break
  kill -0 "$dev" 2>/dev/null || { cat "$work/dev.log"; echo "dev mode died"; exit 1; }
  sleep 1
done

mkdir -p target
NODE_PATH="$work/node_modules" node "$root/src/test/swagger-ui/swagger-login.cjs" \
  "http://localhost:$port" admin dev-admin-password "$root/target/swagger-login.png"
