#!/usr/bin/env bash
# The 100k burst: COUNT distinct signed WhatsApp webhooks (one message each) at full speed over
# CONNECTIONS keep-alive connections into aduan on SQLite, answered once journaled
# (intake.provider_wait_ms=0). Checks that every one was answered 200, waits until the
# processor has drained the journal, and checks that the database holds exactly COUNT messages
# and COUNT tickets. Reports the acknowledgement rate, the drain time, the peak RSS (VmHWM) and
# the journal's group sync (records per fdatasync). Exit status 1 when a check fails.
# Usage (from the repo root, after building aduan and burst_client; see bench/README.md):
#   bash bench/intake/burst.sh [COUNT] [CONNECTIONS]
set -euo pipefail
cd "$(dirname "$0")/../.."
count=${1:-100000}
conns=${2:-16}
build=${BUILD_DIR:-build}
command -v sqlite3 >/dev/null || { echo "sqlite3 is missing: apt-get install sqlite3" >&2; exit 2; }
[[ -x $build/aduan && -x $build/burst_client ]] || { echo "build $build first" >&2; exit 2; }

work=$(mktemp -d)
aduan_pid=
cleanup() { [[ -n $aduan_pid ]] && kill "$aduan_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
metric() { curl -s "http://127.0.0.1:$port/metrics" | awk -v m="$1" '$1 == m {print $2}'; }
hwm_kib() { awk '/^VmHWM:/ {print $2}' "/proc/$aduan_pid/status"; }
now() { date +%s.%N; }
since() { awk -v s="$1" -v e="$(now)" 'BEGIN{printf "%.1f", e-s}'; }

cp -r config "$work/config"
sed -i 's/"provider_wait_ms": 1000/"provider_wait_ms": 0/' "$work/config/aduan.json"
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(uname -r); load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "burst: $count webhooks, $conns connections; journal and SQLite on $(df -h "$work" | awk 'NR==2{print $1}')"
ADUAN_WHATSAPP_APP_SECRET=bench-secret ADUAN_WHATSAPP_API_BASE=http://127.0.0.1:9 \
  "$build/aduan" serve --config "$work/config/aduan.json" --db "sqlite:$work/burst.db" \
  --listen 127.0.0.1:0 --port-file "$work/port" >"$work/aduan.log" 2>&1 &
aduan_pid=$!
for _ in $(seq 200); do [[ -s $work/port ]] && break; sleep 0.05; done
port=$(cat "$work/port")
echo "RSS before the burst: $(awk '/^VmRSS:/ {print $2}' "/proc/$aduan_pid/status") KiB"

result=$("$build/burst_client" "$port" "$count" "$conns" bench-secret) || true
echo "$result"
depth_at_end=$(metric aduan_journal_depth)
hwm_ack=$(hwm_kib)
drain_start=$(now)
for _ in $(seq 3600); do
  [[ $(metric aduan_journal_depth) == 0 ]] && break
  sleep 0.5
done
drain=$(since "$drain_start")
messages=$(sqlite3 "$work/burst.db" 'SELECT COUNT(*) FROM messages')
tickets=$(sqlite3 "$work/burst.db" 'SELECT COUNT(*) FROM tickets')
syncs=$(metric aduan_journal_syncs_total)
synced=$(metric aduan_journal_synced_records_total)
echo "backlog when the burst ended: ${depth_at_end:-?} records; drained in $drain s"
echo "journal: $syncs syncs for $synced records ($(awk -v r="$synced" -v s="$syncs" 'BEGIN{printf "%.1f", r/s}') per sync)"
echo "peak RSS (VmHWM): $hwm_ack KiB at the end of the burst, $(hwm_kib) KiB after the drain"
echo "database: $messages messages, $tickets tickets"
ok=$(sed -n 's/.* ok=\([0-9]*\) .*/\1/p' <<<"$result")
if [[ $ok == "$count" && $messages == "$count" && $tickets == "$count" ]]; then
  echo "PASS: $count acknowledged, $count messages, $count tickets"
else
  echo "FAIL: expected $count acknowledged, messages and tickets"
  exit 1
fi
