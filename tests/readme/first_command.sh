#!/usr/bin/env bash
# What a newcomer does first, checked from the README itself so the two cannot drift apart:
# the tour's serve block (its exports, then `bash .ci/serve`, the README's first command, with
# the same build it uses), then every other shell block of the tour, in order, in one shell,
# against that server. The README's curl commands use -f, so an HTTP error fails the check.
# Finally the gateway gets SIGTERM and must exit 0.
#
# Blocks are picked by the marker line before them: `<!-- tour:serve -->` and `<!-- tour:run -->`.
set -euo pipefail
cd "$(dirname "$0")/../.."

scratch=$(mktemp -d)
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then kill -9 "$server_pid"; fi
  rm -rf "$scratch"
}
trap cleanup EXIT

# Fenced blocks that follow a marker, as plain shell text.
extract() {
  awk -v marker="<!-- tour:$1 -->" '
    $0 == marker { armed = 1; next }
    armed && /^```/ { if (inside) { inside = 0; armed = 0 } else { inside = 1 }; next }
    inside { print }
  ' README.md
}

serve_block=$(extract serve)
run_blocks=$(extract run)
[[ -n "$serve_block" ]] || { echo "README has no <!-- tour:serve --> block" >&2; exit 1; }
[[ -n "$run_blocks" ]] || { echo "README has no <!-- tour:run --> block" >&2; exit 1; }
grep -q '^bash \.ci/serve$' <<<"$serve_block" ||
  { echo "the tour's serve block does not end in 'bash .ci/serve'" >&2; exit 1; }

# The serve block's exports, then the first command itself on a free port and a scratch
# database (the README's commands read ADUAN_DB like the gateway does).
export ADUAN_DB="sqlite:$scratch/aduan.db"
eval "$(grep -v '^bash \.ci/serve$' <<<"$serve_block")"
bash .ci/serve --listen 127.0.0.1:0 --port-file "$scratch/port" >"$scratch/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 1800); do  # the first command builds first: allow it up to 15 minutes
  [[ -s "$scratch/port" ]] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$scratch/serve.log" >&2; exit 1; }
  sleep 0.5
done
[[ -s "$scratch/port" ]] || { echo "the gateway did not come up" >&2; tail -50 "$scratch/serve.log" >&2; exit 1; }
port=$(cat "$scratch/port")

# The tour's commands as written, pointed at this server's port.
sed "s/127\.0\.0\.1:8080/127.0.0.1:$port/g" <<<"$run_blocks" >"$scratch/tour.sh"
if ! bash -euo pipefail "$scratch/tour.sh" >"$scratch/tour.out" 2>&1; then
  echo "a README tour command failed; its output:" >&2
  cat "$scratch/tour.out" >&2
  tail -30 "$scratch/serve.log" >&2
  exit 1
fi

tickets=$(curl -fsS "http://127.0.0.1:$port/api/v1/tickets?limit=100" \
  -H "Authorization: Bearer $ADUAN_ADMIN_TOKEN" | grep -o '"id":"ADU-' | wc -l)
kill -TERM "$server_pid"
status=0
wait "$server_pid" || status=$?
server_pid=""
if [[ "$status" -ne 0 ]]; then
  echo "the gateway exited $status on SIGTERM" >&2
  tail -30 "$scratch/serve.log" >&2
  exit 1
fi
if [[ "$tickets" -lt 1 ]]; then
  echo "the tour made no ticket" >&2
  exit 1
fi
echo "README first command and tour: $tickets tickets; 1 passed, 0 failed"
