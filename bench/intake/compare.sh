#!/usr/bin/env bash
# Synchronous generic intake of two builds of aduan, measured in turns in one run, so a change
# that restructures code can show it did not cost throughput. Both run the path without the
# intake journal (intake.journal=false where the config has it), since that is the path both
# builds share; each point gets a fresh SQLite file and a fresh server.
# Usage (from the repo root):
#   bash bench/intake/compare.sh OTHER_CHECKOUT [DURATION_SECONDS] [ROUNDS]
# OTHER_CHECKOUT is another clone of aduan with `build/aduan` built (RelWithDebInfo), e.g. a
# `git worktree add` of an older commit. This checkout's build/ is the other side.
set -euo pipefail
cd "$(dirname "$0")/../.."
other=${1:?usage: compare.sh OTHER_CHECKOUT [DURATION_SECONDS] [ROUNDS]}
duration=${2:-8}
rounds=${3:-3}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }
for side in "$other" .; do
  [[ -x $side/build/aduan ]] || { echo "build $side/build/aduan first" >&2; exit 2; }
done

work=$(mktemp -d)
pid=
cleanup() { [[ -n $pid ]] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
wait_port() { for _ in $(seq 200); do [[ -s $1 ]] && { cat "$1"; return; }; sleep 0.05; done; echo "no port" >&2; exit 1; }

# Each side runs with its own config/ (data files are named relative to it), journal off.
for side in other this; do
  src=$([[ $side == other ]] && echo "$other" || echo .)
  cp -r "$src/config" "$work/$side-config"
  sed -i 's/"journal": true,/"journal": false,/' "$work/$side-config/aduan.json"
done

measure() {  # port connections -> "rps p50 p99"
  wrk -t2 -c"$2" -d"${duration}s" --timeout 10s -s bench/intake/generic.lua "http://127.0.0.1:$1" |
    sed -n 's/^RESULT rps=\([^ ]*\) p50_ms=\([^ ]*\) p99_ms=\([^ ]*\) .*$/\1 \2 \3/p'
}

point() {  # side round connections
  local bin=$([[ $1 == other ]] && echo "$other/build/aduan" || echo build/aduan)
  rm -f "$work/port" "$work/db"*
  "$bin" serve --config "$work/$1-config/aduan.json" --db "sqlite:$work/db" \
    --listen 127.0.0.1:0 --port-file "$work/port" >"$work/$1.log" 2>&1 &
  pid=$!
  local port
  port=$(wait_port "$work/port")
  read -r rps p50 p99 < <(measure "$port" "$3")
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
  printf '%-6s %-5s %-5s %10s %8s %8s\n' "$2" "$3" "$1" "$rps" "$p50" "$p99"
  echo "$1 $3 $rps" >>"$work/all"
}

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'); load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "other: $(git -C "$other" log --oneline -1 2>/dev/null || echo "$other")"
echo "this:  $(git log --oneline -1)"
printf '%-6s %-5s %-5s %10s %8s %8s\n' round conns side "msgs/s" "p50 ms" "p99 ms"
for r in $(seq "$rounds"); do
  for c in 16 64; do
    # Alternate which side goes first, so a machine that slows down over the run favours neither.
    if (( r % 2 )); then point other "$r" "$c"; point this "$r" "$c"
    else point this "$r" "$c"; point other "$r" "$c"; fi
  done
done
echo "median msgs/s per side and connections:"
for c in 16 64; do
  for side in other this; do
    awk -v s="$side" -v c="$c" '$1 == s && $2 == c {print $3}' "$work/all" | sort -n |
      awk -v s="$side" -v c="$c" '{v[NR] = $1} END {printf "  %-5s %-3s %10.1f\n", s, c, v[int((NR + 1) / 2)]}'
  done
done
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
