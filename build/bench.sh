#!/usr/bin/env bash
# The load benchmark: CleanApp published (Release, Production settings) against a raw baseline doing the same work
# (bench/CleanApp.Bench.Baseline), in the same run, on a throwaway PostgreSQL, driven by wrk on loopback.
#
#   build/bench.sh [--items N] [--rounds R] [--duration S] [--connections C] [--smoke]
#
#   --items N        items of the user whose first page is measured against the 1,000-item user (default 1000:
#                    no second user); e.g. --items 1000000
#   --rounds R       rounds of GET /items, app and baseline back to back in an order swapped every round, then as
#                    many of the other routes (default 3); the table keeps each one's best
#   --duration S     seconds per wrk run (default 10)
#   --connections C  concurrent connections (default 32, over 2 wrk threads)
#   --smoke          CI's run: N = 1000, one round of 2 s, a plain Release publish (no ReadyToRun); fails when a
#                    request failed or the report does not parse
#
# Prints a table (req/s, p50, p99, CPU time per request of the serving process, errors, app and baseline RSS, app/baseline
# ratios) and writes it to artifacts/bench/report.md.
# Speed is never asserted: the machine is shared and noisy; read the ratios.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

items=1000 rounds=3 duration=10 connections=32 smoke=0
while [ $# -gt 0 ]; do
  case "$1" in
    --items) items=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --smoke) smoke=1 items=1000 rounds=1 duration=2 connections=8; shift ;;
    *) sed -n '2,18p' "$0" >&2; exit 2 ;;
  esac
done

if ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing wrk (Debian package)..."
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  else
    echo "build/bench.sh needs wrk: sudo apt-get install wrk (Debian/Ubuntu) or brew install wrk (macOS)." >&2
    exit 1
  fi
fi
command -v psql >/dev/null 2>&1 || { echo "build/bench.sh needs psql: sudo apt-get install postgresql-client." >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/cleanapp-bench.XXXXXX")
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  stop_throwaway_postgres
  rm -rf "$work"
}
# shellcheck source=build/lib/postgres.sh
source "$root/build/lib/postgres.sh"
start_throwaway_postgres -c max_connections=200 -c shared_buffers=256MB
trap cleanup EXIT

# Published as the production image is (Dockerfile): Release, for this machine's runtime, hence ReadyToRun
# (CleanApp.Web.csproj; docs/performance.md). The smoke run times nothing: a plain Release publish (the scale test's,
# which build/test.sh runs just before, so nothing is compiled again).
rid=$(dotnet --info | awk '/^ *RID:/ {print $2; exit}')
runtime=(-r "$rid" --self-contained false)
[ "$smoke" = 1 ] && runtime=()
echo "Publishing the app (Release${runtime[*]:+, $rid, ReadyToRun}) and the baseline (Release)..."
dotnet publish src/CleanApp.Web -c Release "${runtime[@]}" -o "$work/app" -nologo -v quiet >/dev/null
dotnet publish bench/CleanApp.Bench.Baseline -c Release -o "$work/baseline" -nologo -v quiet >/dev/null

export POSTGRES_DB=cleanapp_bench DATABASE_PROVIDER=postgres ASPNETCORE_ENVIRONMENT=Production MIGRATE_ON_START=false \
  SECRET_KEY=bench-secret-of-at-least-32-characters-long FIRST_SUPERUSER_PASSWORD=bench-superuser-password \
  AUTH_RATE_LIMIT_PER_MINUTE=1000000 SEED_SAMPLE_DATA=false RECOVERY_MAIL_COOLDOWN_SECONDS=0
# (No recovery cooldown here: every recovery request below starts one and records its event, the path's whole work.)
sql() { PGPASSWORD=$POSTGRES_PASSWORD psql -h "$POSTGRES_SERVER" -p "$POSTGRES_PORT" -U "$POSTGRES_USER" -d "$POSTGRES_DB" -qtAX -v ON_ERROR_STOP=1 -c "$1"; }
(cd "$work" && dotnet app/CleanApp.Web.dll db migrate >/dev/null && dotnet app/CleanApp.Web.dll db seed >/dev/null)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() { # url, pid[, any]: until it answers 200 (with "any": answers at all), 30 s at most; every 10 ms, as it times starts
  local attempt
  for attempt in $(seq 1 3000); do
    if [ "${3:-}" = any ]; then
      [ "$(curl -s -o /dev/null -w '%{http_code}' "$1")" != 000 ] && return 0
    else
      curl -fs -o /dev/null "$1" && return 0
    fi
    kill -0 "$2" 2>/dev/null || { echo "The process serving $1 exited; its log:" >&2; cat "$work"/*.log >&2; exit 1; }
    sleep 0.01
  done
  echo "$1 did not answer in 30 s." >&2; exit 1
}

# The runtime settings of the production image (the Dockerfile's DOTNET_ variables), for the app and the baseline
# alike: the ratio measures the code, not a runtime knob one of them lacks.
runtime_env=$(grep -oE 'DOTNET_[A-Za-z0-9_]+=[^ \\]+' Dockerfile | tr '\n' ' ')
echo "Runtime settings of the image, for both: ${runtime_env:-none}"
app_port=$(free_port) baseline_port=$(free_port) setup_port=$(free_port)
app=http://127.0.0.1:$app_port baseline=http://127.0.0.1:$baseline_port
# The accounts and their tokens are made through a setup instance of the app, stopped before anything is measured:
# the measured app then serves only the benchmark's requests, as the baseline does, so their memory compares.
setup=http://127.0.0.1:$setup_port
(cd "$work" && ASPNETCORE_URLS=$setup exec env $runtime_env dotnet app/CleanApp.Web.dll >"$work/setup.log" 2>&1) &
setup_pid=$!; pids+=("$setup_pid")
wait_for "$setup/health/live" "$setup_pid"

signup() { # email -> user id
  curl -fs -X POST "$setup/api/v1/users/signup" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"bench-password\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'
}
token() {
  curl -fs -X POST "$setup/api/v1/login/access-token" --data-urlencode "username=$1" --data-urlencode "password=bench-password" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'
}
seed_items() { # owner id, count: newest first by created_at, as the app orders them
  sql "INSERT INTO items (id, title, description, owner_id, created_at)
       SELECT gen_random_uuid(), 'Item ' || g, CASE WHEN g % 2 = 0 THEN 'Description ' || g END, '$1',
              now() - g * interval '1 millisecond'
       FROM generate_series(1, $2) AS g;"
  # Now, not during the measurement: autovacuum would otherwise visit the new rows while wrk runs.
  sql "VACUUM ANALYZE items"
  sql "VACUUM ANALYZE item_counts"
}

echo "Seeding: a user with 1,000 items$([ "$items" -gt 1000 ] && echo ", a user with $items items")..."
reader=$(signup reader@bench.test); seed_items "$reader" 1000
writer=$(signup writer@bench.test)
reader_token=$(token reader@bench.test) writer_token=$(token writer@bench.test)
# The edits and deletes: app and baseline each on items of their own user (an edit moves the version; a delete spends the item).
for side in app baseline; do
  declare "editor_$side=$(signup "editor-$side@bench.test")" "deleter_$side=$(signup "deleter-$side@bench.test")"
  declare "editor_${side}_token=$(token "editor-$side@bench.test")" "deleter_${side}_token=$(token "deleter-$side@bench.test")"
done
seed_items "$editor_app" 5000; seed_items "$editor_baseline" 5000
signup login@bench.test >/dev/null
item_id=$(sql "SELECT id FROM items WHERE owner_id = '$reader' LIMIT 1")
if [ "$items" -gt 1000 ]; then
  big=$(signup big@bench.test); seed_items "$big" "$items"; big_token=$(token big@bench.test)
fi
cat >"$work/post.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"title":"Benchmark item","description":"written by wrk"}'
wrk.headers["Content-Type"] = "application/json"
LUA

# POST with an Idempotency-Key: a new key every request (argument: a prefix unique to the run).
cat >"$work/post-keyed.lua" <<'LUA'
local counter = 0
function setup(thread) thread:set("id", counter); counter = counter + 1 end
function init(args) prefix, n = args[1] .. "-" .. id .. "-", 0 end
function request()
  n = n + 1
  local headers = {}
  for k, v in pairs(wrk.headers) do headers[k] = v end
  headers["Content-Type"] = "application/json"
  headers["Idempotency-Key"] = prefix .. n
  return wrk.format("POST", nil, headers, '{"title":"Benchmark item","description":"written by wrk"}')
end
LUA

# PUT with If-Match and DELETE over the items listed in a file ("id version" lines; arguments: the file, the threads):
# each thread its share, round robin; an edit's answer gives the item's next version. Every edit sends a title the item
# has not had (the thread's and the request's number in it), so every one is a change: an edit that changes nothing
# saves nothing and keeps the version (the app's rule, not the baseline's), another route's cost.
cat >"$work/items.lua" <<'LUA'
local counter = 0
function setup(thread) thread:set("id", counter); counter = counter + 1 end
function init(args)
  ids, versions, i, k = {}, {}, 0, 0
  for line in io.lines(args[1]) do
    local item, version = line:match("(%S+) (%d+)")
    if k % tonumber(args[2]) == id then ids[#ids + 1] = item; versions[item] = version end
    k = k + 1
  end
end
LUA
cat "$work/items.lua" - >"$work/put.lua" <<'LUA'
function request()
  i = i % #ids + 1
  local headers = {}
  for k, v in pairs(wrk.headers) do headers[k] = v end
  headers["Content-Type"] = "application/json"
  headers["If-Match"] = '"' .. versions[ids[i]] .. '"'
  n = (n or 0) + 1
  return wrk.format("PUT", "/api/v1/items/" .. ids[i], headers, '{"title":"Edited by wrk ' .. id .. '-' .. n .. '"}')
end
function response(status, headers, body)
  local item, version = body:match('"id":"([^"]+)".-"version":(%d+)')
  if item then versions[item] = version end
end
LUA
cat "$work/items.lua" - >"$work/delete.lua" <<'LUA'
function request()
  i = i % #ids + 1 -- past the end: 404s, counted as errors (the pool was too small)
  return wrk.format("DELETE", "/api/v1/items/" .. ids[i])
end
LUA

cat >"$work/login.lua" <<'LUA'
wrk.method = "POST"
wrk.body = "username=login%40bench.test&password=bench-password"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
LUA

cat >"$work/post-empty.lua" <<'LUA'
wrk.method = "POST"
LUA

# A client that has the item already: If-None-Match with its current ETag, answered 304 without a body.
item_etag=$(curl -s -D - -o /dev/null -H "Authorization: Bearer $reader_token" "$setup/api/v1/items/$item_id" | awk 'tolower($1) == "etag:" {print $2}' | tr -d '\r')
[ -n "$item_etag" ] || { echo "GET /items/$item_id answered no ETag." >&2; exit 1; }
cat >"$work/if-none-match.lua" <<LUA
wrk.headers["If-None-Match"] = '$item_etag'
LUA

# The sign-ups' events (the welcome mails) delivered, then the setup instance stopped; the measured processes start
# cold, one after the other, each timed from its launch to its first answer (the app's /health/live; the baseline has
# no health route, so any answer of its listing route).
for attempt in $(seq 1 300); do
  [ "$(sql "SELECT count(*) FROM outbox_messages WHERE dispatched_at IS NULL AND dead_at IS NULL")" = 0 ] && break
  sleep 0.1
done
kill "$setup_pid"; wait "$setup_pid" 2>/dev/null || true
started=$(date +%s%N)
(cd "$work" && ASPNETCORE_URLS=$baseline exec env $runtime_env dotnet baseline/CleanApp.Bench.Baseline.dll >"$work/baseline.log" 2>&1) &
baseline_pid=$!; pids+=("$baseline_pid")
wait_for "$baseline/api/v1/items" "$baseline_pid" any
baseline_cold_start_ms=$(( ($(date +%s%N) - started) / 1000000 ))
started=$(date +%s%N)
(cd "$work" && ASPNETCORE_URLS=$app exec env $runtime_env dotnet app/CleanApp.Web.dll >"$work/app.log" 2>&1) &
app_pid=$!; pids+=("$app_pid")
wait_for "$app/health/live" "$app_pid"
cold_start_ms=$(( ($(date +%s%N) - started) / 1000000 ))

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # user + system CPU time of a process, in clock ticks

# One wrk run; prints: req/s p50_ms p99_ms errors requests cpu_us_per_request (of the process serving it)
run_wrk() { # name url token pid [lua [lua arguments...]]
  local out="$work/wrk-$1.txt" script=() arguments=() before after
  [ -n "${5:-}" ] && script=(-s "$5")
  [ $# -gt 5 ] && arguments=(-- "${@:6}")
  before=$(cpu_ticks "$4")
  wrk -t"$(( connections < 2 ? connections : 2 ))" -c"$connections" -d"${duration}s" --latency -H "Authorization: Bearer $3" "${script[@]}" "$2" "${arguments[@]}" >"$out" 2>&1 || true
  after=$(cpu_ticks "$4")
  python3 - "$out" "$((after - before))" "$(getconf CLK_TCK)" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def ms(label):
    m = re.search(r"^\s*" + label + r"%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    if not m: raise SystemExit("unparsable wrk output:\n" + text)
    return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
requests = int(re.search(r"(\d+) requests in", text).group(1))
errors = int((re.search(r"Non-2xx or 3xx responses: (\d+)", text) or [0, 0])[1])
sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
errors += sum(int(x) for x in sock.groups()) if sock else 0
cpu_us = int(sys.argv[2]) * 1e6 / int(sys.argv[3]) / max(requests, 1)
print(f"{rps:.0f} {ms('50'):.2f} {ms('99'):.2f} {errors} {requests} {cpu_us:.0f}")
PY
}

results="$work/results.txt"; : >"$results"
record() { # label round values...
  echo "$*" >>"$results"
}
echo "Warming up..."
duration_saved=$duration; duration=2
run_wrk warm-app "$app/api/v1/items" "$reader_token" "$app_pid" >/dev/null
run_wrk warm-baseline "$baseline/api/v1/items" "$reader_token" "$baseline_pid" >/dev/null
duration=$duration_saved

# Memory under the target's load: the app's RSS after 60 s of GET /items (a few seconds in smoke mode), before the
# other routes load more code; the RSS after the whole benchmark is reported too.
echo "Loading GET /items for the memory figure..."
duration=$(( smoke ? 2 : 60 ))
run_wrk load-items "$app/api/v1/items" "$reader_token" "$app_pid" >/dev/null
loaded_rss_mb=$(awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$app_pid/status")
# The same for the raw stack: what the runtime, ASP.NET Core and Npgsql take by themselves.
run_wrk load-baseline "$baseline/api/v1/items" "$reader_token" "$baseline_pid" >/dev/null
baseline_rss_mb=$(awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$baseline_pid/status")
duration=$duration_saved

# The comparison first, before any route writes: the POST rounds' rows bring autovacuum, analyze and checkpoints, which
# would fall on whichever side runs next. App and baseline back to back in each round, the order swapped every round,
# so neither always runs in the other's wake.
for round in $(seq 1 "$rounds"); do
  echo "Round $round of $rounds: GET /items, app and baseline..."
  if [ $(( round % 2 )) = 1 ]; then
    record "app_items $(run_wrk app-items "$app/api/v1/items" "$reader_token" "$app_pid")"
    record "baseline_items $(run_wrk baseline-items "$baseline/api/v1/items" "$reader_token" "$baseline_pid")"
  else
    record "baseline_items $(run_wrk baseline-items "$baseline/api/v1/items" "$reader_token" "$baseline_pid")"
    record "app_items $(run_wrk app-items "$app/api/v1/items" "$reader_token" "$app_pid")"
  fi
done
for round in $(seq 1 "$rounds"); do
  echo "Round $round of $rounds: the other routes..."
  record "app_item $(run_wrk app-item "$app/api/v1/items/$item_id" "$reader_token" "$app_pid")"
  record "app_item_304 $(run_wrk app-item-304 "$app/api/v1/items/$item_id" "$reader_token" "$app_pid" "$work/if-none-match.lua")"
  record "app_me $(run_wrk app-me "$app/api/v1/users/me" "$reader_token" "$app_pid")"
  # Recovery for a registered address and for an unknown one, back to back: the same statements, so the same time.
  record "app_recover_known $(run_wrk app-recover-known "$app/api/v1/password-recovery/reader@bench.test" "" "$app_pid" "$work/post-empty.lua")"
  record "app_recover_unknown $(run_wrk app-recover-unknown "$app/api/v1/password-recovery/nobody@bench.test" "" "$app_pid" "$work/post-empty.lua")"
  if [ -n "${big_token:-}" ]; then
    record "app_items_big $(run_wrk app-items-big "$app/api/v1/items" "$big_token" "$app_pid")"
    # The scaling question is what one request costs with more data, not how a saturated machine queues: one
    # connection, the small user and the big one back to back.
    saved=$connections; connections=1
    record "app_items_one $(run_wrk app-items-one "$app/api/v1/items" "$reader_token" "$app_pid")"
    record "app_items_big_one $(run_wrk app-items-big-one "$app/api/v1/items" "$big_token" "$app_pid")"
    connections=$saved
  fi
done
# The writes against the baseline's (bench/CleanApp.Bench.Baseline/Program.cs says what "the same work" is), app and
# baseline back to back, the order swapped every round, as for GET /items.
threads=$(( connections < 2 ? connections : 2 ))
items_of() { sql "SELECT id || ' ' || version FROM items WHERE owner_id = '$1'" >"$work/items-$1.txt"; echo "$work/items-$1.txt"; }
write_round() { # side url pid
  local owner editor deleter
  owner=$([ "$1" = app ] && echo "$editor_app" || echo "$editor_baseline")
  editor=$([ "$1" = app ] && echo "$editor_app_token" || echo "$editor_baseline_token")
  record "$1_create $(run_wrk "$1-create" "$2/api/v1/items" "$writer_token" "$3" "$work/post.lua")"
  record "$1_create_keyed $(run_wrk "$1-create-keyed" "$2/api/v1/items" "$writer_token" "$3" "$work/post-keyed.lua" "$1-$round-$RANDOM$RANDOM")"
  record "$1_update $(run_wrk "$1-update" "$2/api/v1/items" "$editor" "$3" "$work/put.lua" "$(items_of "$owner")" "$threads")"
  # A fresh pool of items to delete, more than a run can spend (5,000 a second).
  owner=$([ "$1" = app ] && echo "$deleter_app" || echo "$deleter_baseline")
  deleter=$([ "$1" = app ] && echo "$deleter_app_token" || echo "$deleter_baseline_token")
  seed_items "$owner" $(( duration * 5000 )) >/dev/null
  record "$1_delete $(run_wrk "$1-delete" "$2/api/v1/items" "$deleter" "$3" "$work/delete.lua" "$(items_of "$owner")" "$threads")"
  # A sign-in: mostly the password hash's cost (PBKDF2, about 60 ms of CPU, the same on both sides). Four connections keep
  # both cores busy; 32 would queue each request for over a second, past wrk's 2-second timeout.
  local saved_connections=$connections
  connections=$(( connections < 4 ? connections : 4 ))
  record "$1_login $(run_wrk "$1-login" "$2/api/v1/login/access-token" "" "$3" "$work/login.lua")"
  connections=$saved_connections
}
if [ "$smoke" = 0 ]; then
  # 15 s of each write route on each side first: the app has far more code than the raw stack to recompile at tier 1,
  # and reaches its steady speed later (after 5 s of PUT it ran at 0.62-0.68x the baseline, after 30 s at 1.09x; same
  # hour, docs/performance.md). What is compared is the steady speed; the start is timed on its own (cold start).
  echo "Warming up the writes..."
  saved=$results results=/dev/null duration_saved=$duration duration=15
  write_round app "$app" "$app_pid"; write_round baseline "$baseline" "$baseline_pid"
  results=$saved duration=$duration_saved
fi
for round in $(seq 1 "$rounds"); do
  echo "Round $round of $rounds: POST (with and without Idempotency-Key), PUT with If-Match, DELETE, sign-in, app and baseline..."
  if [ $(( round % 2 )) = 1 ]; then
    write_round app "$app" "$app_pid"; write_round baseline "$baseline" "$baseline_pid"
  else
    write_round baseline "$baseline" "$baseline_pid"; write_round app "$app" "$app_pid"
  fi
done
rss_mb=$(awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$app_pid/status")

mkdir -p artifacts/bench
status=0
python3 - "$results" "$rss_mb" "$cold_start_ms" "$items" "$connections" "$loaded_rss_mb" "$baseline_rss_mb" "$baseline_cold_start_ms" >artifacts/bench/report.md <<'PY' || status=1
import sys
rows = {}
for line in open(sys.argv[1]):
    name, rps, p50, p99, errors, requests, cpu = line.split()
    rows.setdefault(name, []).append((float(rps), float(p50), float(p99), int(errors), int(requests), float(cpu)))
rss, cold, items = sys.argv[2], int(sys.argv[3]) / 1000, int(sys.argv[4])
best = {name: max(runs) for name, runs in rows.items()}  # the best round by req/s
errors = {name: sum(r[3] for r in runs) for name, runs in rows.items()}
requests = {name: sum(r[4] for r in runs) for name, runs in rows.items()}
labels = {
    "app_items": "GET /items (page of 100 + count)", "baseline_items": "baseline GET /items",
    "app_item": "GET /items/{id}", "app_item_304": "GET /items/{id}, If-None-Match current (304)",
    "app_create": "POST /items", "baseline_create": "baseline POST /items",
    "app_create_keyed": "POST /items, Idempotency-Key", "baseline_create_keyed": "baseline POST /items, Idempotency-Key",
    "app_update": "PUT /items/{id}, If-Match", "baseline_update": "baseline PUT /items/{id}, If-Match",
    "app_delete": "DELETE /items/{id}", "baseline_delete": "baseline DELETE /items/{id}",
    "app_login": "POST /login/access-token", "baseline_login": "baseline POST /login/access-token",
    "app_me": "GET /users/me",
    "app_recover_known": "POST /password-recovery/{email}, registered", "app_recover_unknown": "POST /password-recovery/{email}, unknown",
    "app_items_big": f"GET /items, {items:,} items",
    "app_items_one": "GET /items, 1,000 items, 1 connection",
    "app_items_big_one": f"GET /items, {items:,} items, 1 connection",
}
cpu = {name: min(r[5] for r in runs) for name, runs in rows.items()}  # the least CPU per request of any round
print("| route | req/s | p50 ms | p99 ms | CPU µs/request | errors | requests |")
print("|---|---:|---:|---:|---:|---:|---:|")
for name in labels:
    if name in best:
        rps, p50, p99 = best[name][:3]
        print(f"| {labels[name]} | {rps:.0f} | {p50:.2f} | {p99:.2f} | {cpu[name]:.0f} | {errors[name]} | {requests[name]} |")
app, base = best["app_items"], best["baseline_items"]
print()
print(f"- GET /items app/baseline: throughput **{app[0] / base[0]:.2f}x**, p99 {app[2] / base[2]:.2f}x (best of {len(rows['app_items'])} rounds); "
      f"CPU per request {cpu['app_items'] / cpu['baseline_items']:.2f}x (the steadier figure on a shared machine)")
print(f"- GET /items req/s by round, app: {' '.join(f'{r[0]:.0f}' for r in rows['app_items'])}; "
      f"baseline: {' '.join(f'{r[0]:.0f}' for r in rows['baseline_items'])}")
for route, label in [("create", "POST /items"), ("create_keyed", "POST /items with Idempotency-Key"),
                     ("update", "PUT /items/{id} with If-Match"), ("delete", "DELETE /items/{id}"),
                     ("login", "POST /login/access-token")]:
    a, b = f"app_{route}", f"baseline_{route}"
    if a in best and b in best:
        print(f"- {label} app/baseline: throughput **{best[a][0] / best[b][0]:.2f}x**, p99 {best[a][2] / best[b][2]:.2f}x, "
              f"CPU per request {cpu[a] / cpu[b]:.2f}x (by round, app: {' '.join(f'{r[0]:.0f}' for r in rows[a])}; "
              f"baseline: {' '.join(f'{r[0]:.0f}' for r in rows[b])})")
if "app_recover_known" in best:
    known, unknown = best["app_recover_known"], best["app_recover_unknown"]
    print(f"- password recovery, registered vs unknown address: p50 {known[1]:.2f} vs {unknown[1]:.2f} ms ({known[1] / unknown[1]:.2f}x), "
          f"CPU per request {cpu['app_recover_known'] / cpu['app_recover_unknown']:.2f}x (the same statements either way)")
if "app_items_big" in best:
    one, big_one = best["app_items_one"], best["app_items_big_one"]
    print(f"- first page, {items:,} items vs 1,000: p50 **{big_one[1] / one[1]:.2f}x** on one connection "
          f"({best['app_items_big'][1] / app[1]:.2f}x at {sys.argv[5]} connections, where the machine's queueing adds in)")
loaded, base_rss = int(sys.argv[6]), int(sys.argv[7])
print(f"- RSS after 60 s of GET /items: app {loaded} MB, baseline {base_rss} MB ({loaded / base_rss:.2f}x); "
      f"app after the whole benchmark (every route): {rss} MB")
base_cold = int(sys.argv[8]) / 1000
print(f"- cold start to the first answer: app **{cold:.2f} s**, baseline {base_cold:.2f} s ({cold / base_cold:.2f}x)")
failed = [n for n in rows if errors[n] or not requests[n]]
if failed:
    print(f"\nFAILED requests in: {', '.join(failed)}")
    sys.exit(1)
PY
cat artifacts/bench/report.md
if [ "$smoke" = 1 ]; then
  [ "$status" = 0 ] && echo "bench smoke: every request succeeded and the report parsed." || echo "bench smoke: FAILED" >&2
fi
exit "$status"
