#!/usr/bin/env bash
# Measures how long refused logins take, per kind of refusal, against a running service, and prints the medians:
# a wrong password, an unknown user and an inactive user should cost about the same (one bcrypt check each), so the
# answer time does not tell an attacker which usernames exist.
# Usage: bench/login-timing.sh [BASE_URL] [ADMIN_USERNAME] [ADMIN_PASSWORD] [ROUNDS]
#   defaults: http://localhost:8080 admin dev-admin-password 15   (the dev-mode admin; start ./mvnw quarkus:dev first)
set -euo pipefail
base=${1:-http://localhost:8080}
admin_user=${2:-admin}
admin_password=${3:-dev-admin-password}
rounds=${4:-15}
password='correct horse battery'

json() { printf '{"username":"%s","password":"%s"}' "$1" "$2"; }
token_of() { sed 's/.*"accessToken":"\([^"]*\)".*/\1/'; }
admin_token=$(curl -sf -X POST "$base/auth/token" -H 'Content-Type: application/json' \
  -d "$(json "$admin_user" "$admin_password")" | token_of)

new_user() {
  local name="timing_$RANDOM$RANDOM"
  curl -sf -X POST "$base/users" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$name@example.com\",\"username\":\"$name\",\"password\":\"$password\"}" \
    | sed 's/.*"id":\([0-9]*\).*/\1/'
  echo " $name"
}

login_seconds() {
  curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -X POST "$base/auth/token" \
    -H 'Content-Type: application/json' -d "$(json "$1" "$2")"
}

median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }

declare -A times codes
for ((i = 0; i < rounds; i++)); do
  read -r _ wrong <<<"$(new_user)"
  read -r inactive_id inactive <<<"$(new_user)"
  curl -sf -o /dev/null -X PATCH "$base/users/$inactive_id" -H "Authorization: Bearer $admin_token" \
    -H 'Content-Type: application/json' -d '{"active":false}'
  # each user fails once only, so the login throttle never steps in
  for kind in correct wrong-password unknown-user inactive-user; do
    case $kind in
      correct) result=$(login_seconds "$wrong" "$password") ;;
      wrong-password) result=$(login_seconds "$wrong" "not the password") ;;
      unknown-user) result=$(login_seconds "nobody_$RANDOM$RANDOM" "$password") ;;
      inactive-user) result=$(login_seconds "$inactive" "$password") ;;
    esac
    times[$kind]+="${result#* }"$'\n'
    codes[$kind]="${result%% *}"
  done
done

printf '%-16s %6s %12s\n' kind status median_ms
for kind in correct wrong-password unknown-user inactive-user; do
  ms=$(printf '%s' "${times[$kind]}" | median | awk '{printf "%.1f", $1 * 1000}')
  printf '%-16s %6s %12s\n' "$kind" "${codes[$kind]}" "$ms"
done
echo "rounds: $rounds, service: $base, machine: $(nproc) cores"
