#!/usr/bin/env bash
# The test command. Builds once (warnings are errors), runs every test project against a real PostgreSQL
# and ends with one line:  tests: N passed, M failed, K skipped  (exit status non-zero on any failure).
#
# PostgreSQL: the server named by POSTGRES_SERVER (with POSTGRES_PORT, POSTGRES_USER, POSTGRES_PASSWORD) when
# set; the tests create and drop their own databases on it, never touching POSTGRES_DB. Otherwise this script
# starts a throwaway cluster (temporary folder, free port, as the postgres user when run as root) and removes
# it on exit. Extra arguments go to `dotnet test` (e.g. --filter "FullyQualifiedName~Migrations") and skip the
# TypeScript client check (build/generate-client.sh --check) and the benchmark's smoke run (build/bench.sh --smoke),
# which otherwise run last.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# shellcheck source=build/lib/postgres.sh
source "$root/build/lib/postgres.sh"

if [ -n "${POSTGRES_SERVER:-}" ]; then
  echo "Using the PostgreSQL at ${POSTGRES_SERVER}:${POSTGRES_PORT:-5432} (test databases are created and dropped there)."
else
  # Durability off: a test cluster is thrown away, and the tests run faster without fsync.
  start_throwaway_postgres -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300
fi
# Every database a test makes carries this run's id, so runs never share one.
export CLEANAPP_TEST_RUN="r$(date +%s | tail -c 7)$$"

results="$root/TestResults/$CLEANAPP_TEST_RUN"
mkdir -p "$results"
# The OpenAPI documents as they were before the build rewrites them: outside a git repository (a solution just
# generated from the template), the contract test compares the build's documents with these.
export OPENAPI_BEFORE_BUILD="$results/before-build"
mkdir -p "$OPENAPI_BEFORE_BUILD/src/CleanApp.Web"
cp src/CleanApp.Web/openapi*.json "$OPENAPI_BEFORE_BUILD/src/CleanApp.Web/"
dotnet tool restore >/dev/null
started=$SECONDS
dotnet build CleanApp.sln -nologo -v quiet
echo "build: $((SECONDS - started)) s"
status=0
started=$SECONDS
dotnet test CleanApp.sln --no-build --nologo --logger "trx" --logger "console;verbosity=minimal" \
  --results-directory "$results" "$@" || status=$?

echo "dotnet test: $((SECONDS - started)) s"
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

# The generated TypeScript clients (camelCase and snake_case), type-checked with their examples: one more test.
if [ $# -eq 0 ]; then
  if build/generate-client.sh --check; then
    passed=$((passed + 1))
  else
    echo "The TypeScript clients generated from src/CleanApp.Web/openapi*.json do not type-check (output above)." >&2
    failed=$((failed + 1))
  fi
fi
# Whole-repository checks, one test each (only on a full run): the output is kept in a log and shown when it fails.
script_test() { # log name, what failed, command...
  local name=$1 log="$results/$1.log" what=$2 started=$SECONDS
  shift 2
  if "$@" >"$log" 2>&1; then
    passed=$((passed + 1))
    echo "check $name: passed in $((SECONDS - started)) s"
  else
    cat "$log" >&2
    echo "$what (output above)." >&2
    failed=$((failed + 1))
  fi
}
if [ $# -eq 0 ]; then
  # The committed OpenAPI document against Redocly CLI's recommended rules: no error allowed.
  script_test openapi-lint "build/lint-openapi.sh found errors in the committed OpenAPI documents" build/lint-openapi.sh
  # TEMPLATE_CHECK=1: this is a solution the template pack's check (build/test-template.sh) just generated; the four
  # checks below are the same code, renamed, as the template repository's own run, which has just run them.
  if [ "${TEMPLATE_CHECK:-}" = 1 ]; then
    echo "check check-deploy, scale-test, bench-smoke, bench-micro: not repeated (TEMPLATE_CHECK=1: the template repository's run ran them)"
  else
    # The Kubernetes manifests, rendered and type-checked against the Kubernetes API's types (no cluster needed).
    script_test check-deploy "build/check-deploy.sh failed" build/check-deploy.sh
    # The replicated topology on loopback: 3 instances behind nginx, kill -9 under load, 60 s at saturation.
    script_test scale-test "build/scale-test.sh failed" build/scale-test.sh
    # The load benchmark in its smoke mode, so it cannot rot: every request succeeds and the report parses (no timing).
    script_test bench-smoke "build/bench.sh --smoke failed" build/bench.sh --smoke
    # The micro-benchmarks, each run once (BenchmarkDotNet's dry job), so they cannot rot either: one that throws fails.
    script_test bench-micro "build/bench-micro.sh --job dry failed" build/bench-micro.sh --job dry
  fi
  # The dotnet new template pack (this repository only; a generated solution has no build/test-template.sh): two
  # generated solutions, the item templates applied to one, and its own build/test.sh run in full.
  if [ -f build/test-template.sh ]; then
    script_test template "build/test-template.sh failed" build/test-template.sh
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
