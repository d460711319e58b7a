# A throwaway PostgreSQL cluster for build/test.sh and build/bench.sh: sourced, not run.
#
#   start_throwaway_postgres [extra server options]
#       starts a cluster in a temporary folder on a free loopback port (as the postgres user when run as root),
#       exports POSTGRES_SERVER, POSTGRES_PORT, POSTGRES_USER, POSTGRES_PASSWORD and PG_BIN_DIR, and removes the
#       cluster when the calling script exits.

pg_dir=""
pg_run=()
stop_throwaway_postgres() {
  if [ -n "$pg_dir" ]; then
    "${pg_run[@]}" "$PG_BIN_DIR/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
    pg_dir=""
  fi
}

find_pg_bin() {
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v initdb)"; return
  fi
  local candidate
  candidate=$(ls -d /usr/lib/postgresql/*/bin /usr/local/opt/postgresql*/bin /opt/homebrew/opt/postgresql*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$candidate" ] && [ -x "$candidate/initdb" ] && echo "$candidate"
}

start_throwaway_postgres() {
  PG_BIN_DIR=$(find_pg_bin || true)
  if [ -z "$PG_BIN_DIR" ]; then
    cat >&2 <<'MSG'
This script needs PostgreSQL and found none. Either
  - install the server binaries (initdb, pg_ctl), e.g. `sudo apt-get install postgresql` on Debian/Ubuntu
    or `brew install postgresql@15` on macOS, and run it again: it starts a throwaway server itself; or
  - point it at a server it may create databases on: POSTGRES_SERVER, POSTGRES_PORT, POSTGRES_USER, POSTGRES_PASSWORD.
MSG
    exit 1
  fi
  export PG_BIN_DIR
  pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/cleanapp-pg.XXXXXX")
  trap stop_throwaway_postgres EXIT
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || { echo "Running as root, this script needs a 'postgres' user to run PostgreSQL as (initdb refuses root)." >&2; exit 1; }
    chown postgres "$pg_dir"
    pg_run=(runuser -u postgres --)
  fi
  "${pg_run[@]}" "$PG_BIN_DIR/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --locale=C >"$pg_dir/initdb.log" 2>&1 \
    || { cat "$pg_dir/initdb.log" >&2; echo "initdb failed (log above)." >&2; exit 1; }
  local port attempt
  for attempt in 1 2 3 4 5 6 7 8; do
    port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue # taken
    if "${pg_run[@]}" "$PG_BIN_DIR/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
        -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 $*" start >/dev/null; then
      export POSTGRES_SERVER=127.0.0.1 POSTGRES_PORT=$port POSTGRES_USER=postgres POSTGRES_PASSWORD=postgres
      echo "Started a throwaway PostgreSQL ($("$PG_BIN_DIR/postgres" --version)) on port $port."
      return
    fi
  done
  cat "$pg_dir/server.log" >&2
  echo "Could not start PostgreSQL (server log above)." >&2
  exit 1
}
