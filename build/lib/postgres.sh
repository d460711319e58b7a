#!/usr/bin/env bash
# A throwaway PostgreSQL cluster: the one implementation, for the scripts and the tests.
#
# Sourced (build/test.sh, build/bench.sh, build/scale-test.sh):
#   start_throwaway_postgres [extra server options]
#       starts a cluster in a temporary folder on a free loopback port (as the postgres user when run as root),
#       exports POSTGRES_SERVER, POSTGRES_PORT, POSTGRES_USER, POSTGRES_PASSWORD and PG_BIN_DIR, and removes the
#       cluster when the calling script exits.
#
# Run (tests/Shared/OwnPostgresServer.cs: a server of one test's own, to stop and start under a running app):
#   build/lib/postgres.sh create DIR     a cluster in DIR (an empty folder), started; prints its port
#   build/lib/postgres.sh stop DIR       fast shutdown, as an operator or a failover does (sessions are ended)
#   build/lib/postgres.sh start DIR      starts it again on the same port
#   build/lib/postgres.sh remove DIR     immediate shutdown, and DIR removed
# Trust authentication on 127.0.0.1 only; user postgres.

pg_dir=""
pg_run=()

find_pg_bin() {
  if [ -n "${PG_BIN_DIR:-}" ] && [ -x "$PG_BIN_DIR/initdb" ]; then echo "$PG_BIN_DIR"; return; fi
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v initdb)"; return
  fi
  local candidate
  candidate=$(ls -d /usr/lib/postgresql/*/bin /usr/local/opt/postgresql*/bin /opt/homebrew/opt/postgresql*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$candidate" ] && [ -x "$candidate/initdb" ] && echo "$candidate"
}

# Finds the binaries and how to run them (as the postgres user when root: initdb refuses root).
pg_prepare() {
  PG_BIN_DIR=$(find_pg_bin || true)
  if [ -z "$PG_BIN_DIR" ]; then
    cat >&2 <<'MSG'
This needs PostgreSQL's server binaries and found none. Either
  - install them (initdb, pg_ctl), e.g. `sudo apt-get install postgresql` on Debian/Ubuntu
    or `brew install postgresql@15` on macOS, or set PG_BIN_DIR to their folder, and run it again; or
  - point the scripts at a server they may create databases on: POSTGRES_SERVER, POSTGRES_PORT, POSTGRES_USER, POSTGRES_PASSWORD.
MSG
    exit 1
  fi
  export PG_BIN_DIR
  pg_run=()
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || { echo "Running as root, this needs a 'postgres' user to run PostgreSQL as (initdb refuses root)." >&2; exit 1; }
    pg_run=(runuser -u postgres --)
  fi
}

# pg_start DIR PORT [server options]: starts the cluster of DIR on PORT; fails quietly when it cannot.
pg_start() {
  local dir=$1 port=$2
  shift 2
  "${pg_run[@]}" "$PG_BIN_DIR/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 $*" start >/dev/null
}

# pg_create DIR [server options]: initdb in DIR, then a start on a free loopback port, which it writes to DIR/port.
pg_create() {
  local dir=$1
  shift
  [ "$(id -u)" = 0 ] && chown postgres "$dir"
  "${pg_run[@]}" "$PG_BIN_DIR/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; echo "initdb failed (log above)." >&2; return 1; }
  local port attempt
  for attempt in 1 2 3 4 5 6 7 8; do
    port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue # taken
    if pg_start "$dir" "$port" "$@"; then
      echo "$port" >"$dir/port"
      return
    fi
  done
  cat "$dir/server.log" >&2
  echo "Could not start PostgreSQL (server log above)." >&2
  return 1
}

pg_stop() { "${pg_run[@]}" "$PG_BIN_DIR/pg_ctl" -D "$1/data" -m "$2" -w stop >/dev/null; }

stop_throwaway_postgres() {
  if [ -n "$pg_dir" ]; then
    pg_stop "$pg_dir" immediate 2>/dev/null || true
    rm -rf "$pg_dir"
    pg_dir=""
  fi
}

start_throwaway_postgres() {
  pg_prepare
  pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/cleanapp-pg.XXXXXX")
  trap stop_throwaway_postgres EXIT
  pg_create "$pg_dir" "$@" || exit 1
  export POSTGRES_SERVER=127.0.0.1 POSTGRES_PORT=$(cat "$pg_dir/port") POSTGRES_USER=postgres POSTGRES_PASSWORD=postgres
  echo "Started a throwaway PostgreSQL ($("$PG_BIN_DIR/postgres" --version)) on port $POSTGRES_PORT."
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  verb=${1:-}
  dir=${2:-}
  [ -n "$verb" ] && [ -d "$dir" ] || { sed -n '10,15p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
  pg_prepare
  case $verb in
    create) pg_create "$dir"; cat "$dir/port" ;;
    stop) pg_stop "$dir" fast ;;
    start) pg_start "$dir" "$(cat "$dir/port")" ;;
    remove) pg_stop "$dir" immediate 2>/dev/null || true; rm -rf "$dir" ;;
    *) sed -n '10,15p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
fi
