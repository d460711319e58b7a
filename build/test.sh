#!/usr/bin/env bash
# The test command. Builds once (warnings are errors), runs every test project against a real PostgreSQL
# and ends with one line:  tests: N passed, M failed, K skipped  (exit status non-zero on any failure).
#
# PostgreSQL: the server named by POSTGRES_SERVER (with POSTGRES_PORT, POSTGRES_USER, POSTGRES_PASSWORD) when
# set; the tests create and drop their own databases on it, never touching POSTGRES_DB. Otherwise this script
# starts a throwaway cluster (temporary folder, free port, as the postgres user when run as root) and removes
# it on exit. Extra arguments go to `dotnet test` (e.g. --filter "FullyQualifiedName~Migrations") and skip the
# TypeScript client check (build/generate-client.sh --check), which otherwise runs last.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

pg_dir=""
pg_run=()
stop_postgres() {
  if [ -n "$pg_dir" ]; then
    "${pg_run[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  fi
}
trap stop_postgres EXIT

find_pg_bin() {
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v initdb)"; return
  fi
  local candidate
  candidate=$(ls -d /usr/lib/postgresql/*/bin /usr/local/opt/postgresql*/bin /opt/homebrew/opt/postgresql*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$candidate" ] && [ -x "$candidate/initdb" ] && echo "$candidate"
}

start_postgres() {
  pg_bin=$(find_pg_bin || true)
  if [ -z "$pg_bin" ]; then
    cat >&2 <<'MSG'
build/test.sh needs PostgreSQL and found none. Either
  - install the server binaries (initdb, pg_ctl), e.g. `sudo apt-get install postgresql` on Debian/Ubuntu
    or `brew install postgresql@15` on macOS, and run this script again: it starts a throwaway server itself; or
  - point it at a server it may create databases on: POSTGRES_SERVER, POSTGRES_PORT, POSTGRES_USER, POSTGRES_PASSWORD.
MSG
    exit 1
  fi
  pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/cleanapp-pg.XXXXXX")
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || { echo "Running as root, build/test.sh needs a 'postgres' user to run PostgreSQL as (initdb refuses root)." >&2; exit 1; }
    chown postgres "$pg_dir"
    pg_run=(runuser -u postgres --)
  fi
  "${pg_run[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --locale=C >"$pg_dir/initdb.log" 2>&1 \
    || { cat "$pg_dir/initdb.log" >&2; echo "initdb failed (log above)." >&2; exit 1; }
  local port attempt
  for attempt in 1 2 3 4 5 6 7 8; do
    port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue # taken
    if "${pg_run[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
        -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
        start >/dev/null; then
      export POSTGRES_SERVER=127.0.0.1 POSTGRES_PORT=$port POSTGRES_USER=postgres POSTGRES_PASSWORD=postgres
      echo "Started a throwaway PostgreSQL ($("$pg_bin/postgres" --version)) on port $port."
      return
    fi
  done
  cat "$pg_dir/server.log" >&2
  echo "Could not start PostgreSQL (server log above)." >&2
  exit 1
}

if [ -n "${POSTGRES_SERVER:-}" ]; then
  echo "Using the PostgreSQL at ${POSTGRES_SERVER}:${POSTGRES_PORT:-5432} (test databases are created and dropped there)."
else
  start_postgres
fi
# Every database a test makes carries this run's id, so runs never share one.
export CLEANAPP_TEST_RUN="r$(date +%s | tail -c 7)$$"

dotnet tool restore >/dev/null
dotnet build CleanApp.sln -nologo -v quiet
results="$root/TestResults/$CLEANAPP_TEST_RUN"
mkdir -p "$results"
status=0
dotnet test CleanApp.sln --no-build --nologo --logger "trx" --logger "console;verbosity=minimal" \
  --results-directory "$results" "$@" || status=$?

# Count from the results files: one per test project that ran.
passed=0 failed=0 total=0 files=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  total=$((total + $(get total)))
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
done
skipped=$((total - passed - failed))

# The generated TypeScript client, type-checked with an example that signs in and lists items: one more test.
if [ $# -eq 0 ]; then
  if build/generate-client.sh --check; then
    passed=$((passed + 1))
  else
    echo "The TypeScript client generated from src/CleanApp.Web/openapi.json does not type-check (output above)." >&2
    failed=$((failed + 1))
  fi
fi
projects=$(dotnet sln CleanApp.sln list | grep -c '^tests/.*\.csproj$' || true)
if [ "$files" -lt "$projects" ] && [ $# -eq 0 ]; then
  echo "Only $files of $projects test projects reported results; a test host may have crashed." >&2
  status=1
fi
if [ "$failed" -gt 0 ] || [ "$total" -eq 0 ]; then status=1; fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
