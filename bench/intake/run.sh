#!/usr/bin/env bash
# Durable intake through POST /webhooks/generic next to a bare cpp-httplib endpoint, at 16 and
# 64 keep-alive connections, in one run on this machine. Usage (from the repo root):
#   bash bench/intake/run.sh [DURATION_SECONDS]          (build first: see bench/README.md)
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

"$build/bare_server" "$work/bare.port" 256 & pids+=($!)
"$build/aduan" serve --config config/aduan.json --db "sqlite:$work/aduan.db" --listen 127.0.0.1:0 \
  --port-file "$work/aduan.port" 2>"$work/aduan.log" & pids+=($!)
bare=$(wait_port "$work/bare.port")
aduan=$(wait_port "$work/aduan.port")

measure() {  # port connections -> "rps p50 p99 max errors requests"
  wrk -t2 -c"$2" -d"${duration}s" --timeout 10s -s bench/intake/generic.lua "http://127.0.0.1:$1" |
    sed -n 's/^RESULT rps=\([^ ]*\) p50_ms=\([^ ]*\) p99_ms=\([^ ]*\) max_ms=\([^ ]*\) errors=\([^ ]*\) requests=\([^ ]*\)$/\1 \2 \3 \4 \5 \6/p'
}

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(uname -r)"
echo "storage: SQLite WAL synchronous=FULL on $(df -h "$work" | awk 'NR==2{print $1}'); ${duration}s per point; wrk -t2"
printf '%-5s %-8s %10s %9s %9s %9s %7s\n' conns server "msgs/s" "p50 ms" "p99 ms" "max ms" errors
for c in 16 64; do
  read -r b_rps b_p50 b_p99 b_max b_err _ < <(measure "$bare" "$c")
  read -r a_rps a_p50 a_p99 a_max a_err _ < <(measure "$aduan" "$c")
  printf '%-5s %-8s %10s %9s %9s %9s %7s\n' "$c" bare "$b_rps" "$b_p50" "$b_p99" "$b_max" "$b_err"
  printf '%-5s %-8s %10s %9s %9s %9s %7s\n' "$c" aduan "$a_rps" "$a_p50" "$a_p99" "$a_max" "$a_err"
  awk -v a="$a_rps" -v b="$b_rps" -v c="$c" 'BEGIN{printf "ratio at %d connections: %.2f\n", c, a/b}'
done
stored=$(sqlite3 "$work/aduan.db" 'SELECT COUNT(*) FROM tickets' 2>/dev/null || echo "?")
echo "tickets stored by aduan in this run: $stored"
