#!/usr/bin/env bash
# The intake journal's figures next to a bare cpp-httplib endpoint, on SQLite, same run:
#   generic, processed     POST /webhooks/generic, the answer carries the ticket (default config)
#   generic, synchronous   the same with intake.journal=false (the path before the journal)
#   whatsapp, acknowledged signed WhatsApp webhooks, one message each, answered once the message
#                          is in the journal (intake.provider_wait_ms=0); the processor makes
#                          the tickets behind them
# Usage (from the repo root, after building aduan and bare_server; see bench/README.md):
#   bash bench/intake/journal.sh [DURATION_SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${1:-10}
build=${BUILD_DIR:-build}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }
[[ -x $build/aduan && -x $build/bare_server ]] || { echo "build $build first" >&2; exit 2; }

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
metric() { curl -s "http://127.0.0.1:$1/metrics" | awk -v m="$2" '$1 == m {print $2}'; }
wait_port() { for _ in $(seq 200); do [[ -s $1 ]] && { cat "$1"; return; }; sleep 0.05; done; echo "no port" >&2; exit 1; }

# Config variants: a copy of config/ (its data files are named relative to it) with one edit.
variant() {  # name sed-expression
  cp -r config "$work/$1-config"
  sed -i "$2" "$work/$1-config/aduan.json"
}
variant sync 's/"journal": true,/"journal": false,/'
variant ack 's/"provider_wait_ms": 1000/"provider_wait_ms": 0/'

start_aduan() {  # name config-file
  ADUAN_WHATSAPP_APP_SECRET=bench-secret ADUAN_WHATSAPP_API_BASE=http://127.0.0.1:9 \
    "$build/aduan" serve --config "$2" --db "sqlite:$work/$1.db" --listen 127.0.0.1:0 \
    --port-file "$work/$1.port" >"$work/$1.log" 2>&1 &
  pids+=($!)
}

# Signed WhatsApp webhooks, one message each from its own sender (see whatsapp_lua.py); after
# the last one the script starts over: those are provider retries, still written to the journal
# and synced before their 200.
python3 bench/intake/whatsapp_lua.py "$work/whatsapp.lua" 200000 bench-secret

measure() {  # port connections script -> "rps p50 p99 max errors requests"
  wrk -t2 -c"$2" -d"${duration}s" --timeout 10s -s "$3" "http://127.0.0.1:$1" -- 2 |
    sed -n 's/^RESULT rps=\([^ ]*\) p50_ms=\([^ ]*\) p99_ms=\([^ ]*\) max_ms=\([^ ]*\) errors=\([^ ]*\) requests=\([^ ]*\)$/\1 \2 \3 \4 \5 \6/p'
}
row() { printf '%-5s %-24s %10s %9s %9s %9s %7s %7s\n' "$@"; }

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(uname -r); load $(cut -d' ' -f1-3 /proc/loadavg)"
"$build/bare_server" "$work/bare.port" 256 & pids+=($!)
bare=$(wait_port "$work/bare.port")
echo "storage: SQLite WAL, journal fdatasync, on $(df -h "$work" | awk 'NR==2{print $1}'); ${duration}s per point; wrk -t2"
echo "each aduan row runs on its own new instance, stopped after its row (an acknowledged row's"
echo "backlog stays in its journal), so no processor from an earlier row takes CPU from a later one"
row conns server "msgs/s" "p50 ms" "p99 ms" "max ms" errors ratio
for c in 16 64; do
  read -r b_rps b_p50 b_p99 b_max b_err _ < <(measure "$bare" "$c" bench/intake/generic.lua)
  row "$c" bare "$b_rps" "$b_p50" "$b_p99" "$b_max" "$b_err" 1
  for point in "processed config/aduan.json generic, processed" \
    "sync $work/sync-config/aduan.json generic, synchronous" \
    "ack $work/ack-config/aduan.json whatsapp, acknowledged"; do
    read -r name config label <<<"$point"
    start_aduan "$name-$c" "$config"
    pid=${pids[-1]}
    port=$(wait_port "$work/$name-$c.port")
    script=bench/intake/generic.lua
    [[ $name == ack ]] && script=$work/whatsapp.lua
    read -r rps p50 p99 max err requests < <(measure "$port" "$c" "$script")
    row "$c" "$label" "$rps" "$p50" "$p99" "$max" "$err" "$(awk -v a="$rps" -v b="$b_rps" 'BEGIN{printf "%.2f", a/b}')"
    if [[ $name == ack ]]; then
      syncs=$(metric "$port" aduan_journal_syncs_total)
      records=$(metric "$port" aduan_journal_synced_records_total)
      echo "      journal: ${syncs:-?} syncs for ${records:-?} records ($(awk -v r="${records:-0}" -v s="${syncs:-0}" 'BEGIN{if (s > 0) printf "%.1f", r/s; else print "?"}') per sync), $(metric "$port" aduan_journal_depth) left to process of $requests acknowledged"
    fi
    if [[ $name == processed ]]; then
      # A generic answer carries its ticket (200) or says it is pending (202): only the first is
      # processed intake. A long backlog turns requests to 202 without processing them.
      ok=$(metric "$port" 'aduan_webhook_requests_total{channel="generic",code="200"}')
      pending=$(metric "$port" 'aduan_webhook_requests_total{channel="generic",code="202"}')
      echo "      answers with their ticket (200): ${ok:-0}; pending (202): ${pending:-0}"
    fi
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    echo "      tickets stored: $(sqlite3 "$work/$name-$c.db" 'SELECT COUNT(*) FROM tickets' 2>/dev/null || echo '?')"
  done
done
