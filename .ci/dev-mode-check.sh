#!/usr/bin/env bash
# Dev mode, end to end: copies the project to a temporary folder, starts ./mvnw quarkus:dev there with no input,
# creates a user, edits a resource's source file, and checks that the next request sees the edit while the user is
# still there (live reload kept the embedded database). Stops everything it started, by PID.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("", 0)); print(s.getsockname()[1])'; }
port=${DEV_CHECK_PORT:-$(free_port)}
management_port=${DEV_CHECK_MANAGEMENT_PORT:-$(free_port)}  # health and metrics
work=$(mktemp -d)
base="http://localhost:$port"

cd "$root"
git ls-files -z | xargs -0 cp --parents -t "$work"
cd "$work"

./mvnw -q quarkus:dev -Dquarkus.http.port="$port" -Dquarkus.management.port="$management_port" -Ddebug=false -Dquarkus.console.enabled=false \
  </dev/null >"$work/dev.log" 2>&1 &
dev=$!
stop() {
  local status=$?
  pkill -TERM -P "$dev" 2>/dev/null || true
  kill -TERM "$dev" 2>/dev/null || true
  wait "$dev" 2>/dev/null || true
  if [ "$status" -ne 0 ]; then tail -n 40 "$work/dev.log"; fi
  cd / && rm -rf "$work"
}
trap stop EXIT

fail() { echo "dev-mode check FAILED: $*"; exit 1; }
wait_for() {
  for _ in $(seq 1 240); do
    curl -sf "$1" >/dev/null && return 0
    kill -0 "$dev" 2>/dev/null || fail "dev mode exited"
    sleep 1
  done
  fail "no answer from $1"
}

wait_for "http://localhost:$management_port/q/health/ready"
echo "dev mode answers on $base"

name="devcheck_$RANDOM"
id=$(curl -sf -X POST "$base/users" -H 'Content-Type: application/json' \
  -d "{\"email\":\"$name@example.com\",\"username\":\"$name\",\"password\":\"correct horse battery\"}" \
  | sed 's/.*"id":\([0-9]*\).*/\1/')
[ -n "$id" ] || fail "could not create a user"
echo "created user $id"

token=$(curl -sf -X POST "$base/auth/token" -H 'Content-Type: application/json' \
  -d '{"username":"admin","password":"dev-admin-password"}' | sed 's/.*"accessToken":"\([^"]*\)".*/\1/')
[ -n "$token" ] || fail "could not log in as the dev admin"

resource=src/main/java/com/modelregistry/user/UserResource.java
grep -q '@Path("me")' "$resource" || fail "the edit target is gone from $resource"
sleep 2   # let the edit's timestamp differ from dev mode's last look at the sources
sed -i 's/@Path("me")/@Path("whoami")/' "$resource"
echo "edited $resource: /users/me becomes /users/whoami"

# dev mode notices the change when the next request arrives, and that request is answered by the reloaded code
curl -sf "$base/users/whoami" -H "Authorization: Bearer $token" | grep -q '"username":"admin"' \
  || fail "the next request does not see the edit"
echo "the next request sees the edit"

curl -sf "$base/users/$id" -H "Authorization: Bearer $token" | grep -q "\"username\":\"$name\"" \
  || fail "user $id did not survive the reload"
echo "user $id survived the reload: dev-mode check passed"
