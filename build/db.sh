#!/usr/bin/env bash
# Developer verbs for the schema: they need the .NET SDK. The runtime verbs (check, migrate, status, seed, backup,
# restore, guard) belong to the app itself and are passed through: build/db.sh status == the app's `db status`.
# What each verb does, with its options and exit codes: docs/schema-workflow.md, "The db verbs".
#
#   build/db.sh add-migration <Name>   add a migration for PostgreSQL and SQLite, from the same model
#   build/db.sh remove-migration       remove the newest migration of both providers (not yet applied anywhere)
#   build/db.sh reset                  drop, create, migrate and seed the local database (never in Production)
#   build/db.sh script [--output F]    idempotent SQL of every migration for PostgreSQL (apply with psql, any number of times)
#   build/db.sh bundle [--output F]    a self-applying migration executable for PostgreSQL (efbundle --connection "...")
#   build/db.sh <check|migrate|status|seed|backup|restore|guard> [args]   the app's own `db` verbs, through dotnet run
# script and bundle write to artifacts/migrations/ by default; --no-build skips building first.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
infra=src/CleanApp.Infrastructure
providers=(Postgres Sqlite)

configuration=${CONFIGURATION:-Debug}
ef() { dotnet tool run dotnet-ef -- "$@" --project "$infra" --startup-project "$infra" --configuration "$configuration" --no-build; }

usage() { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }

migration_names() { # the migration names (without timestamps) of one provider, oldest first
  find "$infra/Persistence/Migrations/$1" -maxdepth 1 -name '[0-9]*_*.cs' ! -name '*.Designer.cs' -printf '%f\n' \
    | sort | sed -E 's/^[0-9]+_(.*)\.cs$/\1/'
}

check_in_step() {
  if ! diff <(migration_names Postgres) <(migration_names Sqlite) >/dev/null; then
    echo "The PostgreSQL and SQLite migrations differ; fix that first (build/db.sh remove-migration):" >&2
    diff <(migration_names Postgres) <(migration_names Sqlite) >&2 || true
    exit 1
  fi
}

add_migration() {
  local name=${1:-}
  [[ $name =~ ^[A-Z][A-Za-z0-9]*$ ]] || { echo "Give the migration a PascalCase name, e.g. build/db.sh add-migration AddItemPriority" >&2; exit 2; }
  check_in_step
  if migration_names Postgres | grep -qx "$name"; then echo "A migration named $name exists already." >&2; exit 1; fi
  dotnet tool restore >/dev/null
  dotnet build "$infra" -nologo -v quiet
  local added=()
  for provider in "${providers[@]}"; do
    if ! ef migrations add "$name" --context "${provider}AppDbContext" \
        --output-dir "Persistence/Migrations/$provider"; then
      echo "Adding the $provider migration failed; undoing the ones added." >&2
      for done in "${added[@]}"; do ef migrations remove --context "${done}AppDbContext" --force >/dev/null || true; done
      exit 1
    fi
    added+=("$provider")
    dotnet build "$infra" -nologo -v quiet
  done
  echo "Added $name for ${providers[*]}. Review both, check them with build/db.sh guard, then apply: build/db.sh migrate"
}

remove_migration() {
  check_in_step
  dotnet tool restore >/dev/null
  dotnet build "$infra" -nologo -v quiet
  for provider in "${providers[@]}"; do
    # dotnet-ef refuses to remove a migration the local database has applied: revert it there first with
    # `build/db.sh migrate <previous migration>`. When no database answers it only warns and goes on.
    ef migrations remove --context "${provider}AppDbContext"
    dotnet build "$infra" -nologo -v quiet
  done
}

artifact() { # artifact <default path> <args...>: builds unless --no-build, prints the output path
  local output=$1 build=1
  shift
  while [ $# -gt 0 ]; do
    case "$1" in
      --output) output=$2; shift 2 ;;
      --no-build) build=0; shift ;;
      *) echo "Unknown option $1" >&2; exit 2 ;;
    esac
  done
  dotnet tool restore >/dev/null
  [ "$build" = 1 ] && dotnet build "$infra" -c "$configuration" -nologo -v quiet >&2
  mkdir -p "$(dirname "$output")"
  echo "$output"
}

sql_script() {
  local output
  output=$(artifact artifacts/migrations/postgres-idempotent.sql "$@")
  ef migrations script --idempotent --context PostgresAppDbContext --output "$output" >&2
  echo "Wrote $output: apply with psql -v ON_ERROR_STOP=1 -f $output (safe on any version of the schema)."
}

bundle() {
  local output
  output=$(artifact artifacts/migrations/efbundle "$@")
  ef migrations bundle --context PostgresAppDbContext --output "$output" --force >&2
  echo "Wrote $output: run $output --connection \"Host=...;Database=...;Username=...;Password=...\" (or with POSTGRES_* set)."
}

app_db() { dotnet run --project src/CleanApp.Web -- db "$@"; }

case "${1:-}" in
  add-migration) shift; add_migration "$@" ;;
  remove-migration) remove_migration ;;
  reset) app_db reset ;;
  script) shift; sql_script "$@" ;;
  bundle) shift; bundle "$@" ;;
  check|migrate|status|seed|backup|restore|guard) verb=$1; shift; app_db "$verb" "$@" ;;
  *) usage ;;
esac
