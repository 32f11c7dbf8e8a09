#!/usr/bin/env bash
# Runs CMD... beside a throw-away PostgreSQL cluster, with ADUAN_TEST_POSTGRES_URL naming an
# empty database in it. The cluster lives in a fresh temp dir, listens only on a Unix socket
# in that dir (no TCP port is opened), and is stopped and removed however CMD ends.
# Usage: tests/postgres/with-cluster.sh ctest --test-dir build --output-on-failure
# Exit status: CMD's; 2 when PostgreSQL's server binaries are missing or the cluster fails.
set -euo pipefail
(($#)) || { echo "usage: $0 CMD [ARGS...]" >&2; exit 2; }

bindir=${PG_BINDIR:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
[[ -x $bindir/initdb && -x $bindir/pg_ctl ]] || {
  echo "with-cluster: initdb/pg_ctl not found (apt-get install postgresql)" >&2
  exit 2
}

dir=$(mktemp -d /tmp/aduan-pg.XXXXXX)
# initdb refuses to run as root: the cluster then belongs to the `postgres` system user.
as_owner=()
if [[ $(id -u) -eq 0 ]]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres: "$dir"
  as_owner=(runuser -u postgres --)
fi
chmod 755 "$dir"  # the test processes (maybe another user) reach the socket through it

cleanup() {
  "${as_owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT INT TERM

port=5432  # only names the socket file inside $dir; nothing listens on TCP
"${as_owner[@]}" "$bindir/initdb" -D "$dir/data" -U aduan --auth=trust -E UTF8 --no-locale \
  >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 2; }
# fsync stays on: the durability claims are tested as they run in production.
"${as_owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-c listen_addresses='' -c unix_socket_directories='$dir' -p $port -c max_connections=200" \
  start >/dev/null || { cat "$dir/server.log" >&2; exit 2; }
"$bindir/createdb" -h "$dir" -p "$port" -U aduan aduan_test

export ADUAN_TEST_POSTGRES_URL="postgresql://aduan@/aduan_test?host=$dir&port=$port"
echo "with-cluster: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') at $ADUAN_TEST_POSTGRES_URL" >&2
set +e
"$@"
status=$?
set -e
exit "$status"
