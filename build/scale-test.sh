#!/usr/bin/env bash
# The replicated topology, run for real on loopback: one throwaway PostgreSQL, the migrations run once as a job,
# 3 published instances with Production settings (none migrates on its own) and nginx in front of them, with
# passive health checks and retries of idempotent requests. Through nginx it checks (build/lib/scale_checks.py):
#   - a token from one instance works on every other; a reset link mailed by one works once on another, never again;
#   - an Idempotency-Key used on one instance replays on the others; an edit of a version another instance changed is 412;
#   - a session signed out, or revoked by a reused refresh token, on one instance is refused by all on the next request;
#     a forged refresh token with a victim's session id is refused by all and revokes nothing;
#   - lockout (for the guessing client only) and the rate-limit budget count across instances; recovery requests for one
#     address spread over the instances send one mail in the cooldown;
#   - kill -9 of one instance under mixed read/write load: every acknowledged write is readable afterwards, errors
#     are limited to the requests in flight on it, the others carry on; restarted, it rejoins;
#   - 60 s at saturation (wrk): no error, and each instance's RSS at the end within 10% of its RSS after warm-up
#     (or growing at most 2% over the second half: still settling, not leaking).
#
#   build/scale-test.sh [--saturation SECONDS]     (default 60)
#
# Writes artifacts/scale/report.md. Needs nginx and wrk (Debian packages; installed when missing and run as root),
# psql, python3. Run by build/test.sh.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
saturation=60
while [ $# -gt 0 ]; do
  case "$1" in
    --saturation) saturation=$2; shift 2 ;;
    *) sed -n '2,14p' "$0" >&2; exit 2 ;;
  esac
done

for tool in nginx wrk; do
  if ! command -v "$tool" >/dev/null 2>&1 && ! [ -x "/usr/sbin/$tool" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "Installing $tool (Debian package)..."
      apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool" >/dev/null
    else
      echo "build/scale-test.sh needs $tool: sudo apt-get install $tool (Debian/Ubuntu) or brew install $tool (macOS)." >&2
      exit 1
    fi
  fi
done
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

work=$(mktemp -d "${TMPDIR:-/tmp}/cleanapp-scale.XXXXXX")
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  for file in "$work"/instance*.pid; do [ -f "$file" ] && kill -9 "$(cat "$file")" 2>/dev/null || true; done
  [ -f "$work/nginx/nginx.pid" ] && kill "$(cat "$work/nginx/nginx.pid")" 2>/dev/null || true
  stop_throwaway_postgres
  rm -rf "$work"
}
# shellcheck source=build/lib/postgres.sh
source "$root/build/lib/postgres.sh"
start_throwaway_postgres -c max_connections=300
trap cleanup EXIT

echo "Publishing the app..."
dotnet publish src/CleanApp.Web -c Release -o "$work/app" -nologo -v quiet >/dev/null

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
smtp_port=$(free_port)
python3 "$root/build/lib/scale_checks.py" smtp "$smtp_port" "$work/mail" &
pids+=("$!")

export POSTGRES_DB=cleanapp_scale DATABASE_PROVIDER=postgres ASPNETCORE_ENVIRONMENT=Production MIGRATE_ON_START=false \
  SECRET_KEY=scale-test-secret-of-at-least-32-characters FIRST_SUPERUSER=admin@scale.test \
  FIRST_SUPERUSER_PASSWORD=scale-superuser-password SEED_SAMPLE_DATA=false AUTH_RATE_LIMIT_PER_MINUTE=6 \
  FORWARDED_ALLOW_IPS=127.0.0.1 SHUTDOWN_DRAIN_SECONDS=0 SMTP_HOST=127.0.0.1 SMTP_PORT=$smtp_port SMTP_TLS=false \
  EMAILS_FROM_EMAIL=noreply@scale.test FRONTEND_HOST=http://frontend.scale.test
echo "Migrating once, as a job..."
(cd "$work" && dotnet app/CleanApp.Web.dll db migrate >/dev/null && dotnet app/CleanApp.Web.dll db seed >/dev/null)

ports=("$(free_port)" "$(free_port)" "$(free_port)")
start_instance() { # index
  local port=${ports[$1]}
  (cd "$work" && ASPNETCORE_URLS="http://127.0.0.1:$port" exec dotnet app/CleanApp.Web.dll >>"$work/instance$1.log" 2>&1) &
  echo $! >"$work/instance$1.pid"
  pids+=("$(cat "$work/instance$1.pid")")
  for _ in $(seq 1 300); do
    curl -fs -o /dev/null "http://127.0.0.1:$port/health/ready" && return 0
    sleep 0.1
  done
  echo "Instance $1 did not become ready; its log:" >&2; cat "$work/instance$1.log" >&2; exit 1
}
echo "Starting 3 instances..."
for i in 0 1 2; do start_instance "$i"; done

nginx_port=$(free_port)
mkdir -p "$work/nginx"
cat >"$work/nginx/nginx.conf" <<NGINX
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
$([ "$(id -u)" = 0 ] && echo "user root;")
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  upstream api {
    server 127.0.0.1:${ports[0]} max_fails=1 fail_timeout=3s;
    server 127.0.0.1:${ports[1]} max_fails=1 fail_timeout=3s;
    server 127.0.0.1:${ports[2]} max_fails=1 fail_timeout=3s;
    keepalive 32;
  }
  server {
    listen 127.0.0.1:$nginx_port;
    client_max_body_size 1m;
    location / {
      proxy_pass http://api;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_next_upstream error timeout http_502 http_503 http_504;
      proxy_next_upstream_tries 3;
      proxy_connect_timeout 1s;
    }
  }
}
NGINX
"$nginx_bin" -c "$work/nginx/nginx.conf" -p "$work/nginx" -e "$work/nginx/error.log"
for _ in $(seq 1 50); do curl -fs -o /dev/null "http://127.0.0.1:$nginx_port/health/live" && break; sleep 0.1; done

mkdir -p artifacts/scale
status=0
python3 "$root/build/lib/scale_checks.py" checks "http://127.0.0.1:$nginx_port" "$work" "$saturation" \
  "${ports[0]}" "${ports[1]}" "${ports[2]}" | tee artifacts/scale/report.md || status=1
if [ "$status" != 0 ]; then
  for i in 0 1 2; do echo "--- instance $i (last lines)" >&2; tail -n 20 "$work/instance$i.log" >&2; done
  echo "--- nginx" >&2; tail -n 20 "$work/nginx/error.log" >&2 || true
  echo "scale test: FAILED" >&2
fi
exit "$status"
