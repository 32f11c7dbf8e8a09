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

# Signed WhatsApp webhooks, one message each from its own sender, pre-signed into a wrk script
# (wrk's Lua has no HMAC). After the last one the script starts over: those are provider
# retries, still written to the journal and synced before their 200.
python3 - "$work/whatsapp.lua" <<'PY'
import hashlib, hmac, json, sys
rows = []
for i in range(4000):
    phone = "62815%07d" % i
    body = json.dumps({"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [{
        "field": "messages", "value": {"messaging_product": "whatsapp",
        "metadata": {"phone_number_id": "1"},
        "contacts": [{"profile": {"name": "Warga"}, "wa_id": phone}],
        "messages": [{"from": phone, "id": "wamid.bench%d" % i, "timestamp": "1790000000",
                      "type": "text", "text": {"body": "Sampah menumpuk di pasar %d, bau" % i}}]}}]}]},
        separators=(",", ":"))
    sig = hmac.new(b"bench-secret", body.encode(), hashlib.sha256).hexdigest()
    rows.append("{%s,%s}" % (json.dumps(body), json.dumps("sha256=" + sig)))
with open(sys.argv[1], "w") as f:
    f.write("local bodies = {%s}\n" % ",\n".join(rows))
    f.write('''
local n = 0
function request()
  n = n % #bodies + 1
  return wrk.format("POST", "/webhooks/whatsapp", {["Content-Type"] = "application/json",
    ["X-Hub-Signature-256"] = bodies[n][2]}, bodies[n][1])
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT rps=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%d requests=%d\\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    e.connect + e.read + e.write + e.status + e.timeout, summary.requests))
end
''')
PY

measure() {  # port connections script -> "rps p50 p99 max errors requests"
  wrk -t2 -c"$2" -d"${duration}s" --timeout 10s -s "$3" "http://127.0.0.1:$1" |
    sed -n 's/^RESULT rps=\([^ ]*\) p50_ms=\([^ ]*\) p99_ms=\([^ ]*\) max_ms=\([^ ]*\) errors=\([^ ]*\) requests=\([^ ]*\)$/\1 \2 \3 \4 \5 \6/p'
}
row() { printf '%-5s %-24s %10s %9s %9s %9s %7s %7s\n' "$@"; }

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(uname -r); load $(cut -d' ' -f1-3 /proc/loadavg)"
"$build/bare_server" "$work/bare.port" 256 & pids+=($!)
bare=$(wait_port "$work/bare.port")
start_aduan processed config/aduan.json
start_aduan sync "$work/sync-config/aduan.json"
start_aduan ack "$work/ack-config/aduan.json"
processed=$(wait_port "$work/processed.port")
sync=$(wait_port "$work/sync.port")
ack=$(wait_port "$work/ack.port")
echo "storage: SQLite WAL synchronous=FULL, journal fdatasync, on $(df -h "$work" | awk 'NR==2{print $1}'); ${duration}s per point; wrk -t2"
row conns server "msgs/s" "p50 ms" "p99 ms" "max ms" errors ratio
for c in 16 64; do
  read -r b_rps b_p50 b_p99 b_max b_err _ < <(measure "$bare" "$c" bench/intake/generic.lua)
  row "$c" bare "$b_rps" "$b_p50" "$b_p99" "$b_max" "$b_err" 1
  for point in "processed generic, processed" "sync generic, synchronous" "ack whatsapp, acknowledged"; do
    read -r name label <<<"$point"
    port=${!name}
    script=bench/intake/generic.lua
    [[ $name == ack ]] && script=$work/whatsapp.lua
    read -r rps p50 p99 max err _ < <(measure "$port" "$c" "$script")
    row "$c" "$label" "$rps" "$p50" "$p99" "$max" "$err" "$(awk -v a="$rps" -v b="$b_rps" 'BEGIN{printf "%.2f", a/b}')"
  done
done
sleep 2  # the processor finishes what was acknowledged
for name in processed sync ack; do
  echo "tickets stored by '$name': $(sqlite3 "$work/$name.db" 'SELECT COUNT(*) FROM tickets' 2>/dev/null || echo '?')"
done
