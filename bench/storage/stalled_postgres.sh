#!/usr/bin/env bash
# How long a provider and a load balancer wait while PostgreSQL stalls: runs `aduan serve`
# (the shipped config, so its default storage deadlines) on a throw-away cluster, stores one
# complaint, SIGSTOPs every database process for FREEZE_SECONDS, and prints the status and time
# of /readyz and two complaints sent meanwhile, then of a retry and /readyz after SIGCONT.
# Usage: bash bench/storage/stalled_postgres.sh [FREEZE_SECONDS]   (default 10; after a build
# of the `aduan` target in build/)
set -euo pipefail
cd "$(dirname "$0")/../.."
freeze=${1:-10}
if [[ -z ${ADUAN_TEST_POSTGRES_URL:-} ]]; then
  exec bash tests/postgres/with-cluster.sh bash "$0" "$freeze"
fi
dir=$(mktemp -d)
trap 'kill -CONT ${frozen[@]:-} 2>/dev/null || true; kill $server 2>/dev/null || true; rm -rf "$dir"' EXIT
build/aduan serve --config config/aduan.json --db "$ADUAN_TEST_POSTGRES_URL" \
  --listen 127.0.0.1:0 --port-file "$dir/port" 2>"$dir/log" &
server=$!
for _ in $(seq 100); do [[ -s $dir/port ]] && break; sleep 0.1; done
port=$(cat "$dir/port")
complaint() {  # ID LABEL
  curl -s -o /dev/null -w "$2: complaint %{http_code} in %{time_total} s\n" \
    "localhost:$port/webhooks/generic" -H 'Content-Type: application/json' \
    -d "{\"id\":\"$1\",\"from\":\"+62812000000${1: -2}\",\"text\":\"Lampu jalan mati di gang $1\"}"
}
readyz() { curl -s -o /dev/null -w "$1: /readyz %{http_code} in %{time_total} s\n" "localhost:$port/readyz"; }
complaint s01 before
sleep 1.2  # past the reuse of a readiness result
data=$(psql "$ADUAN_TEST_POSTGRES_URL" -Atc "SELECT current_setting('data_directory')")
postmaster=$(head -1 "$data/postmaster.pid")
kill -STOP "$postmaster"
frozen=("$postmaster" $(pgrep -P "$postmaster"))
kill -STOP "${frozen[@]}"
start=$(date +%s)
readyz stalled
complaint s02 stalled
complaint s03 stalled
rest=$((freeze - ($(date +%s) - start)))
((rest > 0)) && sleep "$rest"
kill -CONT "${frozen[@]}"
frozen=()
complaint s02 resumed
sleep 1.2
readyz resumed
