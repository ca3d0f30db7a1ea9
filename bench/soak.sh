#!/usr/bin/env bash
# The long run (issue 6): Model Registry under a steady mixed load (S5: reads and 10% writes) for a while, then:
# zero errors, heap used after a full GC within 10% of where it started, the database pool back to idle, and no
# growth in open file descriptors. Prints each check and exits 1 if one fails.
#
# usage: bench/soak.sh [MINUTES]     default 10; the load is wrk with 2 threads and 16 connections
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bench="$root/bench"
minutes=${1:-10}
smoke=false
only=model-registry
users=10000
models=100000
export BENCH_WRK_DIR="$bench/wrk" BENCH_USERS=$users BENCH_MODELS=$models
source "$bench/lib.sh"
create_schema
load_users
load_models 1 "$models"

start_impl model-registry
base="http://localhost:$app_port"
heap_used() { jcmd "$app" GC.run >/dev/null; jcmd "$app" GC.heap_info | grep -o 'used [0-9]*K' | head -n 1 | tr -dc 0-9; }
descriptors() { ls "/proc/$app/fd" | wc -l; }
# connections the service holds open in PostgreSQL, and how many of them are running a statement
backends() { psql_bench -At -c "select count(*), count(*) filter (where state <> 'idle') from pg_stat_activity
  where datname = 'bench' and backend_type = 'client backend' and pid <> pg_backend_pid()"; }

log "warming up (30 s) before the first measurement"
wrk -t 2 -c 16 -d 30s -s "$bench/wrk/s5.lua" "$base" >/dev/null
sleep 2
heap_start=$(heap_used); fds_start=$(descriptors)
log "start: heap used after GC ${heap_start} KiB, ${fds_start} open files"

log "steady mixed load for $minutes min"
out=$(wrk -t 2 -c 16 -d "${minutes}m" --latency -s "$bench/wrk/s5.lua" "$base")
echo "$out" | grep -E 'Requests/sec|requests in|Non-2xx|Socket errors|99%' || true
sleep 3
heap_end=$(heap_used); fds_end=$(descriptors); pool_end=$(backends)
log "end: heap used after GC ${heap_end} KiB, ${fds_end} open files, database connections (all, busy): ${pool_end/|/, }"
stop_app

failed=0
check() { if eval "$2"; then echo "PASS $1"; else echo "FAIL $1"; failed=1; fi; }
requests=$(echo "$out" | awk '/requests in/ {print $1}')
non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}'); non2xx=${non2xx:-0}
socket_errors=$(echo "$out" | awk '/Socket errors/ {gsub(/,/, ""); print $4 + $6 + $8 + $10}'); socket_errors=${socket_errors:-0}
check "zero errors in $requests requests (non-2xx $non2xx, socket errors $socket_errors)" "[ $non2xx = 0 ] && [ $socket_errors = 0 ]"
check "heap after GC flat within 10% ($heap_start -> $heap_end KiB)" \
  "awk -v a=$heap_start -v b=$heap_end 'BEGIN {exit !(b <= a * 1.10)}'"
check "database pool idle at the end (${pool_end#*|} of ${pool_end%|*} connections busy)" "[ ${pool_end#*|} = 0 ]"
check "no growth in open files ($fds_start -> $fds_end)" "[ $fds_end -le $((fds_start + 5)) ]"
exit $failed
