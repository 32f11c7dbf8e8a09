#!/usr/bin/env bash
# Durable intake through POST /webhooks/generic, measured with wrk on this machine.
# Usage (from the repo root; build first: see bench/README.md):
#   bash bench/intake/run.sh [DURATION_SECONDS] [bare|ceiling|instances]
#   bare (default)  aduan on SQLite next to a bare cpp-httplib endpoint, 16 and 64 connections
#   ceiling         the same, plus aduan with its SQLite file on /dev/shm (tmpfs): every fsync
#                   is free there, so that row is what the CPU alone allows (not durable)
#   instances       64 connections into aduan on SQLite, on PostgreSQL with one instance, and
#                   on PostgreSQL with two instances sharing the database (32 connections
#                   each); PostgreSQL is a throw-away local cluster (tests/postgres/with-cluster.sh)
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${1:-10}
mode=${2:-bare}
build=${BUILD_DIR:-build}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }
[[ -x $build/aduan && -x $build/bare_server ]] || { echo "build $build first" >&2; exit 2; }
if [[ $mode == instances && -z ${ADUAN_TEST_POSTGRES_URL:-} ]]; then
  exec bash tests/postgres/with-cluster.sh bash "$0" "$duration" instances
fi

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

wait_port() { for _ in $(seq 200); do [[ -s $1 ]] && { cat "$1"; return; }; sleep 0.05; done; echo "no port" >&2; exit 1; }

start_aduan() {  # name db-url; then $(wait_port "$work/NAME.port") is its port
  "$build/aduan" serve --config config/aduan.json --db "$2" --listen 127.0.0.1:0 \
    --port-file "$work/$1.port" >"$work/$1.log" 2>&1 &
  pids+=($!)
}

# CPU time a process has used, in microseconds (user + system, all threads).
cpu_us() { awk -v hz="$(getconf CLK_TCK)" '{printf "%d", ($14 + $15) * 1e6 / hz}' "/proc/$1/stat"; }

measure() {  # port connections [id-prefix] -> "rps p50 p99 max errors requests"
  wrk -t2 -c"$2" -d"${duration}s" --timeout 10s -s bench/intake/generic.lua \
    "http://127.0.0.1:$1" -- "${3:-}" |
    sed -n 's/^RESULT rps=\([^ ]*\) p50_ms=\([^ ]*\) p99_ms=\([^ ]*\) max_ms=\([^ ]*\) errors=\([^ ]*\) requests=\([^ ]*\)$/\1 \2 \3 \4 \5 \6/p'
}

row() { printf '%-5s %-24s %10s %9s %9s %9s %7s %11s\n' "$@"; }

# measure_cpu pid port connections -> the measure() fields, then the server's CPU per request
measure_cpu() {
  local before result
  before=$(cpu_us "$1")
  result=$(measure "$2" "$3")
  echo "$result $(( ($(cpu_us "$1") - before) / $(awk '{print ($6 > 0 ? $6 : 1)}' <<<"$result") ))"
}

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(uname -r)"
if [[ $mode == bare || $mode == ceiling ]]; then
  "$build/bare_server" "$work/bare.port" 256 & pids+=($!)
  bare_pid=$!
  bare=$(wait_port "$work/bare.port")
  start_aduan aduan "sqlite:$work/aduan.db"
  aduan_pid=${pids[-1]}
  aduan=$(wait_port "$work/aduan.port")
  if [[ $mode == ceiling ]]; then
    shm=$(mktemp -d -p /dev/shm)
    trap 'cleanup; rm -rf "$shm"' EXIT
    start_aduan tmpfs "sqlite:$shm/aduan.db"
    tmpfs_pid=${pids[-1]}
    tmpfs=$(wait_port "$work/tmpfs.port")
  fi
  echo "storage: SQLite WAL synchronous=FULL on $(df -h "$work" | awk 'NR==2{print $1}'); ${duration}s per point; wrk -t2"
  row conns server "msgs/s" "p50 ms" "p99 ms" "max ms" errors "cpu us/msg"
  for c in 16 64; do
    read -r b_rps b_p50 b_p99 b_max b_err _ b_cpu < <(measure_cpu "$bare_pid" "$bare" "$c")
    read -r a_rps a_p50 a_p99 a_max a_err _ a_cpu < <(measure_cpu "$aduan_pid" "$aduan" "$c")
    row "$c" bare "$b_rps" "$b_p50" "$b_p99" "$b_max" "$b_err" "$b_cpu"
    row "$c" aduan "$a_rps" "$a_p50" "$a_p99" "$a_max" "$a_err" "$a_cpu"
    if [[ $mode == ceiling ]]; then
      read -r t_rps t_p50 t_p99 t_max t_err _ t_cpu < <(measure_cpu "$tmpfs_pid" "$tmpfs" "$c")
      row "$c" "aduan, db on tmpfs" "$t_rps" "$t_p50" "$t_p99" "$t_max" "$t_err" "$t_cpu"
    fi
    awk -v a="$a_rps" -v b="$b_rps" -v c="$c" 'BEGIN{printf "ratio at %d connections: %.2f\n", c, a/b}'
  done
  stored=$(sqlite3 "$work/aduan.db" 'SELECT COUNT(*) FROM tickets' 2>/dev/null || echo "?")
  echo "tickets stored by aduan in this run: $stored"
  exit 0
fi

# instances: one fresh database per PostgreSQL point, in the cluster the URL names.
pg_db() {  # name -> URL of a new database
  psql "$ADUAN_TEST_POSTGRES_URL" -qc "CREATE DATABASE $1" >/dev/null
  echo "$ADUAN_TEST_POSTGRES_URL" | sed "s#/[^/?]*?#/$1?#"
}
pg_tickets() { psql "$1" -tAc 'SELECT COUNT(*) FROM tickets'; }
echo "storage: SQLite WAL synchronous=FULL; PostgreSQL $(psql "$ADUAN_TEST_POSTGRES_URL" -tAc 'SHOW server_version') fsync=on synchronous_commit=on, local Unix socket; ${duration}s per point; wrk -t2"
row conns setup "msgs/s" "p50 ms" "p99 ms" "max ms" errors

start_aduan sqlite "sqlite:$work/aduan.db"
port=$(wait_port "$work/sqlite.port")
read -r rps p50 p99 max err _ < <(measure "$port" 64)
row 64 "SQLite, 1 instance" "$rps" "$p50" "$p99" "$max" "$err"
echo "  tickets stored: $(sqlite3 "$work/aduan.db" 'SELECT COUNT(*) FROM tickets' 2>/dev/null || echo '?')"

one=$(pg_db bench_one)
start_aduan pg1 "$one"
port=$(wait_port "$work/pg1.port")
read -r rps p50 p99 max err _ < <(measure "$port" 64)
row 64 "PostgreSQL, 1 instance" "$rps" "$p50" "$p99" "$max" "$err"
echo "  tickets stored: $(pg_tickets "$one")"

two=$(pg_db bench_two)
start_aduan pg2a "$two"
start_aduan pg2b "$two"
port_a=$(wait_port "$work/pg2a.port")
port_b=$(wait_port "$work/pg2b.port")
measure "$port_a" 32 a >"$work/a.result" &
load_a=$!
measure "$port_b" 32 b >"$work/b.result"
wait "$load_a"
read -r a_rps a_p50 a_p99 a_max a_err _ <"$work/a.result"
read -r b_rps b_p50 b_p99 b_max b_err _ <"$work/b.result"
row 32 "PostgreSQL, instance A" "$a_rps" "$a_p50" "$a_p99" "$a_max" "$a_err"
row 32 "PostgreSQL, instance B" "$b_rps" "$b_p50" "$b_p99" "$b_max" "$b_err"
awk -v a="$a_rps" -v b="$b_rps" 'BEGIN{printf "64    PostgreSQL, 2 instances %10.1f (sum)\n", a+b}'
echo "  tickets stored: $(pg_tickets "$two")"
