#!/usr/bin/env bash
# Issue 5's and issue 14's scale goals, Model Registry only: the first page of S2, and of ?tag= with a common, a
# 1% and a rare tag, at 100,000 and at 1,000,000 models; a page 900,000 rows deep by ?after= cursor and by ?page= offset
# against the first page; deleting a user who owns 100,000 models, and a user who owns 10,000 models with 10
# versions, a production alias and three tags each (time, and heap after a full GC before and after). Prints a table
# and writes bench/results/<date>-scale.json. The tag and version steps run once the schema has them (V6, V7).
#
# usage: bench/scale.sh [--smoke]
#   --smoke   10,000 then 30,000 models, a user with 5,000, a user with 500 x 10 versions: checks that every step
#             runs; asserts no timing
# Latencies are measured by wrk with one connection (one request at a time) for $probe, so they are the time of one
# request with nothing queued; S2 is also driven with 32 connections for its throughput.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bench="$root/bench"
smoke=false
users=10000
small=100000
large=1000000
owned=100000
owned_versioned=10000  # models of the second user deleted, each with $versions_each versions
versions_each=10
probe=10s
while [ $# -gt 0 ]; do
  case $1 in
    --smoke) smoke=true; users=1000; small=10000; large=30000; owned=5000; owned_versioned=500; probe=2s ;;
    *) echo "unknown option $1"; exit 2 ;;
  esac
  shift
done
only=model-registry
models=$small
versions=0      # the bulk models have no versions: S2 and the tag lists read models only
model_tags=true # two tags each (generate-data.py) once the schema has them
deep=$((large * 9 / 10))
export BENCH_WRK_DIR="$bench/wrk" BENCH_USERS=$users BENCH_MODELS=$models
source "$bench/lib.sh"
create_schema
load_users
load_models 1 "$small"

results="$work/scale.tsv"
# measure NAME WRK_ARGS...: one line of the table (requests/s, mean, p50, p99 in ms)
measure() {
  local name=$1 out
  shift
  out=$(wrk --latency "$@")
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$(echo "$out" | awk '/Requests\/sec/ {print $2}')" \
    "$(echo "$out" | awk '$1 == "Latency" && $2 != "Distribution" {print $2}')" "$(echo "$out" | awk '$1 == "50%" {print $2}')" \
    "$(echo "$out" | awk '$1 == "99%" {print $2}')" "$(echo "$out" | awk '/Non-2xx/ {print $NF}')" >>"$results"
  tail -n 1 "$results"
}
# what a total counted row by row would cost (the V4 running count replaces it): PostgreSQL's own execution time
counts="$work/counts.tsv"
count_cost() {
  local ms
  psql_bench -At -c "select count(*) from models where framework = 'pytorch'" >/dev/null
  ms=$(psql_bench -At -c "explain (analyze, format json) select count(*) from models where framework = 'pytorch'" \
    | grep -o '"Execution Time": [0-9.]*' | grep -o '[0-9.]*$')
  printf '%s\t%s\n' "$1" "$ms" >>"$counts"
  log "count(*) of one framework's models at $1 models: $ms ms in PostgreSQL"
}
one_at_a_time() { measure "$1" -t 1 -c 1 -d "$probe" "${@:2}"; }
base="http://localhost:$app_port"
auth=(-H "Authorization: Bearer $token")
common_tag=team:vision       # one model in four
middle_tag=stage:candidate   # one model in 100
rare_tag=task:segmentation   # one model in 10,000
tags_measured=false
if has_tags; then tags_measured=true; else log "no models.tags column (V7) in this build: the tag lists are not measured"; fi

# measure_tags SIZE: the first page of ?tag= for the common, the middle and the rare tag, numbered (with the total)
# and by cursor
measure_tags() {
  local tag found
  for tag in "$common_tag" "$middle_tag" "$rare_tag"; do
    # the answer must hold the tag's models, or the timing would be of an empty or refused list
    found=$(curl -sf "${auth[@]}" "$base/models?tag=$tag&size=20" | grep -o '"total":[0-9]*' | tr -dc 0-9)
    [ "$found" = "$(psql_bench -At -c "select count(*) from models where tags @> jsonb_build_object('${tag%%:*}', '${tag#*:}')")" ] \
      && [ "$found" -gt 0 ] || { echo "GET /models?tag=$tag answered a total of '$found'"; exit 1; }
    log "?tag=$tag matches $found of $1 models"
    one_at_a_time "tag=$tag first page, $1 models" "${auth[@]}" "$base/models?tag=$tag&size=20"
    one_at_a_time "tag=$tag ?after=, $1 models" "${auth[@]}" "$base/models?tag=$tag&size=20&after="
  done
}

# measure_s2 SIZE: starts Model Registry on the data loaded so far, warms it up and measures S2 (it keeps running)
measure_s2() {
  log "model-registry at $1 models"
  start_impl model-registry
  wrk -t 2 -c 32 -d "$probe" -s "$bench/wrk/s2.lua" "$base" >/dev/null
  count_cost "$1"
  one_at_a_time "S2 first page, $1 models" -s "$bench/wrk/s2.lua" "$base"
  measure "S2 32 connections, $1 models" -t 2 -c 32 -d "$probe" -s "$bench/wrk/s2.lua" "$base"
  if $tags_measured; then measure_tags "$1"; fi
}
measure_s2 "$small"
stop_app

load_models $((small + 1)) "$large"
export BENCH_MODELS=$large
measure_s2 "$large"

# the cursor of the row just before row $deep of the newest-first list, made the way the service makes its cursors
position=$(psql_bench -At -c "select id || ' ' || to_char(created_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')
  from models order by created_at desc, id desc offset $((deep - 1)) limit 1")
cursor=$(printf '1\n-createdAt\n%s\n=%s' "${position%% *}" "${position#* }" | base64 -w 0 | tr '+/' '-_' | tr -d '=')
first_after=$(curl -sf "${auth[@]}" "$base/models?size=20&after=" | sed 's/.*"next":"\([^"]*\)".*/\1/')
deep_ids=$(curl -sf "${auth[@]}" "$base/models?size=20&after=$cursor" | grep -o '"id":[0-9]*' | head -n 3 | tr '\n' ' ')
offset_ids=$(curl -sf "${auth[@]}" "$base/models?size=20&page=$((deep / 20))" | grep -o '"id":[0-9]*' | head -n 3 | tr '\n' ' ')
[ -n "$first_after" ] && [ -n "$deep_ids" ] && [ "$deep_ids" = "$offset_ids" ] \
  || { echo "the deep cursor and the deep page disagree: '$deep_ids' vs '$offset_ids'"; exit 1; }
log "row $deep by cursor and by offset starts with the same models: $deep_ids"
one_at_a_time "first page, ?after=" "${auth[@]}" "$base/models?size=20&after="
one_at_a_time "row $deep, ?after=cursor" "${auth[@]}" "$base/models?size=20&after=$cursor"
one_at_a_time "first page, ?page=0" "${auth[@]}" "$base/models?size=20&page=0"
one_at_a_time "row $deep, ?page=$((deep / 20))" "${auth[@]}" "$base/models?size=20&page=$((deep / 20))"

# delete_owner MODELS VERSIONS: inserts a user owning MODELS models with VERSIONS versions each (then a production
# alias on the last one and, with V7, three tags each), deletes it through the API and records the time and the heap
deletes="$work/deletes.tsv"
heap_used() { jcmd "$app" GC.run >/dev/null; jcmd "$app" GC.heap_info | awk '/garbage-first heap|def new generation|PSYoungGen/ {print}' | grep -o 'used [0-9]*K' | head -n 1 | tr -dc 0-9; }
delete_owner() {
  local count=$1 each=$2 owner tag_column= tag_value= heap_before heap_after delete left aliases=0 tags=0
  if has_tags; then tag_column=", tags"; tag_value=", '{\"team\": \"bulk\", \"task\": \"regression\", \"stage\": \"retired\"}'"; tags=$((count * 3)); fi
  log "a user with $count models, $each versions each"
  owner=$(psql_bench -At -c "insert into users (email, username, password_hash, created_at, updated_at)
    values ('owner-of-$count-$each@example.com', 'owner_of_${count}_$each', 'x', now(), now()) returning id" | head -n 1)
  psql_bench -c "insert into models (name, framework, accuracy, owner_id, created_at, updated_at, last_version$tag_column)
    select 'bulk-' || g, 'sklearn', 0.5, $owner, now(), now(), $each$tag_value from generate_series(1, $count) g" >/dev/null
  if [ "$each" -gt 0 ]; then
    psql_bench -c "insert into model_versions (model_id, number, artifact_uri, description, metrics, status, created_by,
        created_at, updated_at)
      select m.id, n, 's3://bench-artifacts/bulk/' || m.id || '/v' || n, 'bulk', '{\"f1\": 0.5}', 'ready', $owner, now(),
        now()
      from models m cross join generate_series(1, $each) n where m.owner_id = $owner" >/dev/null
    psql_bench -c "insert into model_aliases (model_id, name, version_id, created_at, updated_at)
      select v.model_id, 'production', v.id, now(), now() from model_versions v join models m on m.id = v.model_id
      where m.owner_id = $owner and v.number = $each" >/dev/null
    aliases=$count
  fi
  psql_bench -c "vacuum analyze" >/dev/null
  curl -sf -o /dev/null "${auth[@]}" "$base/users/$owner"
  heap_before=$(heap_used)
  delete=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -X DELETE "${auth[@]}" "$base/users/$owner")
  heap_after=$(heap_used)
  left=$(psql_bench -At -c "select (select count(*) from models where owner_id = $owner)
    + (select count(*) from model_versions where created_by = $owner)")
  [ "${delete%% *}" = 204 ] && [ "$left" = 0 ] \
    || { echo "deleting the user answered ${delete%% *}, $left models and versions left"; exit 1; }
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$count" "$each" "$aliases" "$tags" \
    "$(awk -v s="${delete#* }" 'BEGIN {printf "%.0f", s * 1000}')" "$heap_before" "$heap_after" >>"$deletes"
}
delete_owner "$owned" 0
delete_owner "$owned_versioned" "$versions_each"
stop_app

# --- report --------------------------------------------------------------------------------------------------------
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; printf "%.2f", v}'; }
printf '\n%-48s %12s %9s %9s %9s %7s\n' measurement requests/s mean_ms p50_ms p99_ms non2xx
json="["
while IFS=$'\t' read -r name rps mean p50 p99 errors; do
  mean=$(echo "$mean" | to_ms); p50=$(echo "$p50" | to_ms); p99=$(echo "$p99" | to_ms)
  printf '%-48s %12s %9s %9s %9s %7s\n' "$name" "$rps" "$mean" "$p50" "$p99" "${errors:-0}"
  json+=$(printf '{"measurement":"%s","requestsPerSecond":%s,"meanMs":%s,"p50Ms":%s,"p99Ms":%s,"non2xx":%s},' \
    "$name" "$rps" "$mean" "$p50" "$p99" "${errors:-0}")
done <"$results"
# large / small for the first pages measured at both sizes (mean ms); the goal is flat: <= 1.5x
ratio() {
  awk -F'\t' -v a="$1, $small models" -v b="$1, $large models" '$1 == a {x = $3} $1 == b {y = $3}
    END {if (x != "" && y != "") print x, y}' "$results" | while read -r x y; do
    x=$(echo "$x" | to_ms); y=$(echo "$y" | to_ms)
    printf '%s\t%s\t%s\t%s\n' "$1" "$x" "$y" "$(awk -v x="$x" -v y="$y" 'BEGIN {printf "%.2f", (x > 0 ? y / x : 0)}')"
  done
}
ratios="$work/ratios.tsv"
for name in "S2 first page" "tag=$common_tag first page" "tag=$common_tag ?after=" "tag=$middle_tag first page" \
    "tag=$middle_tag ?after=" "tag=$rare_tag first page" "tag=$rare_tag ?after="; do
  ratio "$name" >>"$ratios"
done
echo
while IFS=$'\t' read -r name x y r; do
  printf '%s: %s ms at %s models, %s ms at %s models: %sx (goal <= 1.5)\n' "$name" "$x" "$small" "$y" "$large" "$r"
done <"$ratios"
$tags_measured || echo "tag lists: not measured, this build has no models.tags column (V7)"
while IFS=$'\t' read -r count each aliases tags ms before after; do
  if [ "$each" = 0 ]; then
    printf 'delete a user with %s models: %s ms; heap used after a full GC: %s KiB before, %s KiB after\n' \
      "$count" "$ms" "$before" "$after"
  else
    printf 'delete a user with %s models x %s versions (%s aliases, %s tags): %s ms (goal < 2000); heap used after a full GC: %s KiB before, %s KiB after\n' \
      "$count" "$each" "$aliases" "$tags" "$ms" "$before" "$after"
  fi
done <"$deletes"
while IFS=$'\t' read -r size ms; do
  printf 'count(*) of one framework at %s models (what the running count saves per total): %s ms\n' "$size" "$ms"
done <"$counts"
if awk -F'\t' '$6 > 0 {bad = 1} END {exit !bad}' "$results"; then echo "non-2xx answers"; exit 1; fi
if $smoke; then echo "smoke: every step ran; no timing asserted"; exit 0; fi
stamp=$(date +%Y-%m-%d)
delete_json() {
  awk -F'\t' -v e="$1" '$2 == e {printf "{\"models\":%s,%s\"ms\":%s,\"heapUsedBeforeKiB\":%s,\"heapUsedAfterKiB\":%s}", $1,
    (e > 0 ? sprintf("\"versionsPerModel\":%s,\"aliases\":%s,\"tags\":%s,", $2, $3, $4) : ""), $5, $6, $7}' "$deletes"
}
printf '{"date":"%s","machine":"%s cores, %s GiB","users":%s,"models":[%s,%s],"probe":"%s","results":%s],"largeOverSmall":[%s],"countStarMs":{%s},"deleteUser":%s,"deleteUserWithVersions":%s}\n' \
  "$stamp" "$(nproc)" "$(free -g | awk '/Mem:/ {print $2}')" "$users" "$small" "$large" "$probe" "${json%,}" \
  "$(awk -F'\t' '{printf "%s{\"measurement\":\"%s\",\"smallMeanMs\":%s,\"largeMeanMs\":%s,\"ratio\":%s}", (NR > 1 ? "," : ""), $1, $2, $3, $4}' "$ratios")" \
  "$(awk -F'\t' '{printf "%s\"%s\":%s", (NR > 1 ? "," : ""), $1, $2}' "$counts")" \
  "$(delete_json 0)" "$(delete_json "$versions_each")" >"$bench/results/$stamp-scale.json"
log "wrote bench/results/$stamp-scale.json"
