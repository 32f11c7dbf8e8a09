#!/usr/bin/env bash
# Acknowledged intake alone: signed WhatsApp webhooks, one message each, answered once they
# are in the intake journal (intake.provider_wait_ms=0), next to a bare cpp-httplib endpoint in
# the same run. Each point runs alone on the machine (no other aduan instance), bare first.
# After the load, the script waits for the processor to drain the backlog and prints the
# journal's sync counters from /metrics.
# Usage (from the repo root, after building aduan and bare_server; see bench/README.md):
#   bash bench/intake/ack.sh [DURATION_SECONDS] [CONNECTIONS] [perf]
#   perf: also `perf record -g` aduan during the acknowledged point (report in $PERF_OUT,
#         default ack.perf.data in the current directory)
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${1:-10}
conns=${2:-16}
profile=${3:-}
build=${BUILD_DIR:-build}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }
[[ -x $build/aduan && -x $build/bare_server ]] || { echo "build $build first" >&2; exit 2; }

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
wait_port() { for _ in $(seq 200); do [[ -s $1 ]] && { cat "$1"; return; }; sleep 0.05; done; echo "no port" >&2; exit 1; }
metric() { curl -s "http://127.0.0.1:$1/metrics" | awk -v m="$2" '$1 == m {print $2}'; }

cp -r config "$work/config"
sed -i 's/"provider_wait_ms": 1000/"provider_wait_ms": 0/' "$work/config/aduan.json"
python3 bench/intake/whatsapp_lua.py "$work/whatsapp.lua" 200000 bench-secret

measure() {  # port script -> "rps p50 p99 max errors requests"
  wrk -t2 -c"$conns" -d"${duration}s" --timeout 10s -s "$2" "http://127.0.0.1:$1" -- 2 |
    sed -n 's/^RESULT rps=\([^ ]*\) p50_ms=\([^ ]*\) p99_ms=\([^ ]*\) max_ms=\([^ ]*\) errors=\([^ ]*\) requests=\([^ ]*\)$/\1 \2 \3 \4 \5 \6/p'
}
row() { printf '%-5s %-24s %10s %9s %9s %9s %7s %7s\n' "$@"; }

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(uname -r); load $(cut -d' ' -f1-3 /proc/loadavg)"
"$build/bare_server" "$work/bare.port" 256 & bare_pid=$!; pids+=($bare_pid)
bare=$(wait_port "$work/bare.port")
read -r b_rps b_p50 b_p99 b_max b_err _ < <(measure "$bare" bench/intake/generic.lua)
kill "$bare_pid"
ADUAN_WHATSAPP_APP_SECRET=bench-secret ADUAN_WHATSAPP_API_BASE=http://127.0.0.1:9 \
  "$build/aduan" serve --config "$work/config/aduan.json" --db "sqlite:$work/ack.db" \
  --listen 127.0.0.1:0 --port-file "$work/ack.port" >"$work/ack.log" 2>&1 &
aduan_pid=$!; pids+=($aduan_pid)
ack=$(wait_port "$work/ack.port")
if [[ $profile == perf ]]; then
  perf record -g --call-graph dwarf,16384 -F 999 -o "${PERF_OUT:-ack.perf.data}" -p "$aduan_pid" -- sleep "$duration" >/dev/null 2>&1 &
  perf_pid=$!
fi
read -r rps p50 p99 max err requests < <(measure "$ack" "$work/whatsapp.lua")
[[ $profile == perf ]] && wait "$perf_pid"
echo "${duration}s per point, wrk -t2 -c$conns; journal and SQLite on $(df -h "$work" | awk 'NR==2{print $1}')"
row conns server "msgs/s" "p50 ms" "p99 ms" "max ms" errors ratio
row "$conns" bare "$b_rps" "$b_p50" "$b_p99" "$b_max" "$b_err" 1
row "$conns" "whatsapp, acknowledged" "$rps" "$p50" "$p99" "$max" "$err" \
  "$(awk -v a="$rps" -v b="$b_rps" 'BEGIN{printf "%.2f", a/b}')"
syncs=$(metric "$ack" aduan_journal_syncs_total)
records=$(metric "$ack" aduan_journal_synced_records_total)
echo "journal: ${syncs:-?} syncs for ${records:-?} records ($(awk -v r="${records:-0}" -v s="${syncs:-0}" 'BEGIN{if (s > 0) printf "%.1f", r/s; else print "?"}') per sync)"
start=$(date +%s.%N)
for _ in $(seq 1200); do
  [[ $(metric "$ack" aduan_journal_depth) == 0 ]] && break
  sleep 0.25
done
echo "backlog drained in $(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN{printf "%.1f", e-s}') s after the load;" \
  "tickets: $(sqlite3 "$work/ack.db" 'SELECT COUNT(*) FROM tickets' 2>/dev/null || echo '?')"
