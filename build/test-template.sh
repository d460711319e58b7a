#!/usr/bin/env bash
# The dotnet new template pack, used as a user would (build/test.sh runs it, in this repository only: it is not part
# of a generated solution):
#   - installs the pack from this folder into a private template cache (nothing is installed for the user);
#   - `dotnet new cleanapp -n Acme.Shop` once per --database option, into a temporary folder; neither keeps a trace
#     of "CleanApp" (but the pack's own command names, `dotnet new  cleanapp-usecase`, in its docs);
#   - in the postgres one: a command and a query use case, the Order entity and its migration, a build with no
#     warning, then that solution's own build/test.sh: every test, the client and OpenAPI checks (TEMPLATE_CHECK=1
#     leaves out the deployment check, scale test and benchmark smoke runs, which are this repository's code renamed);
#   - the sqlite one differs from the postgres one in .env alone (so it builds and tests as the other does).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/template-test.XXXXXX")
trap 'rm -rf "$work"' EXIT
hive="$work/hive"
new() { dotnet new "$@" --debug:custom-hive "$hive"; }
fail() { echo "template test: $*" >&2; exit 1; }

echo "Installing the template pack from $root (private cache)..."
new install "$root" >/dev/null
new cleanapp -n Acme.Shop -o "$work/postgres" --database postgres --sample-data false >/dev/null
new cleanapp -n Acme.Shop -o "$work/sqlite" --database sqlite >/dev/null
for option in postgres sqlite; do
  solution="$work/$option"
  [ -f "$solution/Acme.Shop.sln" ] && [ -d "$solution/src/Acme.Shop.Web" ] || fail "$option: no Acme.Shop.sln and src/Acme.Shop.Web."
  [ ! -e "$solution/templates" ] && [ ! -e "$solution/build/pack-template.sh" ] && [ ! -e "$solution/.template.config" ] \
    || fail "$option: template-only files were copied into the solution."
  left=$(grep -rIn "CleanApp" "$solution" || true; grep -rIni "cleanapp" "$solution" | grep -v "new  cleanapp" || true)
  [ -z "$left" ] || fail "$option: traces of CleanApp left:"$'\n'"$left"
  grep -qx "DATABASE_PROVIDER=$option" "$solution/.env" || fail "$option: .env does not select $option."
done
grep -qx "SEED_SAMPLE_DATA=false" "$work/postgres/.env" || fail "--sample-data false did not reach .env."
# The options reach .env alone: the sqlite solution is the postgres one's code, built and tested below.
differing=$(diff -rq "$work/postgres" "$work/sqlite" || true)
[ "$differing" = "Files $work/postgres/.env and $work/sqlite/.env differ" ] \
  || fail "the --database and --sample-data options changed more than .env:"$'\n'"$differing"
echo "Generated Acme.Shop for postgres and sqlite; no trace of CleanApp in either."

cd "$work/postgres"
# The item templates read the solution's name from the project they run in: restored, as after a first build.
dotnet restore Acme.Shop.sln -v quiet >/dev/null
# As a script or CI runs them: stdin closed, no extra flag, and no python3 (nor anything else) to run afterwards.
nopython="$work/nopython"
mkdir -p "$nopython"
ln -s "$(command -v dotnet)" "$nopython/dotnet"
item() { (cd src/Acme.Shop.Web && timeout 120 env PATH="$nopython" dotnet new "$@" --debug:custom-hive "$hive" </dev/null >/dev/null) \
  || fail "dotnet new $* failed (or waited for an answer)."; }
sources() { find src tests -type f ! -path '*/obj/*' ! -path '*/bin/*' -exec md5sum {} + | sort; }
sources > "$work/before"
item cleanapp-usecase -n PlaceOrder --feature Orders --kind command --permission orders.place
item cleanapp-usecase -n ListOrders --feature Orders --kind query
item cleanapp-entity -n Order
[ -f src/Acme.Shop.Application/Orders/PlaceOrder.cs ] && [ -f src/Acme.Shop.Web/Endpoints/PlaceOrderEndpoint.cs ] \
  && [ -f src/Acme.Shop.Application/Orders/PlaceOrderPermissions.cs ] && [ ! -f src/Acme.Shop.Application/Orders/ListOrdersPermissions.cs ] \
  && [ -f src/Acme.Shop.Domain/Orders/Order.cs ] && [ -f src/Acme.Shop.Web/Endpoints/Orders.cs ] || fail "the item templates placed no files."
sources > "$work/after"
changed=$(comm -23 "$work/before" "$work/after")
[ -z "$changed" ] || fail "the item templates changed files they should only have added to:"$'\n'"$changed"
added=$(comm -13 "$work/before" "$work/after" | wc -l)
[ "$added" = 29 ] || fail "expected 29 new files (4 per use case and its permission for the one that asked for one, 20 for the entity), got $added."
if (cd src/Acme.Shop.Web && env PATH="$nopython" dotnet new cleanapp-entity -n Order --debug:custom-hive "$hive" </dev/null >/dev/null 2>&1); then
  fail "a second cleanapp-entity -n Order overwrote the first."
fi
migration=$(build/db.sh add-migration AddOrders 2>&1) || fail "build/db.sh add-migration AddOrders failed:"$'\n'"$migration"
[ "$(find src/Acme.Shop.Infrastructure/Persistence/Migrations -name '*_AddOrders.cs' | wc -l)" = 2 ] || fail "no AddOrders migration for both providers."
echo "Added PlaceOrder (command), ListOrders (query), the Order entity and its migrations."

# The build rewrites the OpenAPI documents with the new routes (a developer reviews and commits them; here there is no git).
dotnet build Acme.Shop.sln -nologo -v quiet
echo "It builds with no warning (warnings are errors). Its own tests: every unit and architecture"
echo "test, the integration tests of migrations, the schema's docs and seeding (the generated migration and sample data), and"
echo "the functional tests the generated features touch (their own, the authorization matrix, the hostile-input and"
echo "malformed-request corpora, the OpenAPI contract, in both profiles). The rest (the process tests among them), the"
echo "deployment check, scale test and benchmark smoke runs are this repository's code, which build/test.sh ran just before:"
TEMPLATE_CHECK=1 build/test.sh --filter "(FullyQualifiedName!~Acme.Shop.Web.FunctionalTests&FullyQualifiedName!~Acme.Shop.Infrastructure.IntegrationTests)\
|FullyQualifiedName~.Features.Orders.|FullyQualifiedName~AuthorizationMatrix|FullyQualifiedName~HostileInput|FullyQualifiedName~MalformedRequest\
|FullyQualifiedName~OpenApiContract|FullyQualifiedName~IntegrationTests.Maintenance.|FullyQualifiedName~IntegrationTests.Docs.\
|FullyQualifiedName~IntegrationTests.Persistence.SeedingTests"
