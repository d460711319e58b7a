#!/usr/bin/env bash
# Measures what a failed sign-in costs for an unknown email and for a wrong password, against a running API, so the
# claim "they answer alike, also in timing" is a measurement, not a belief. Not part of the test run.
#   build/bench-login.sh [base-url] [superuser-email] [superuser-password] [samples-per-account]
# Start the API with the auth rate limit lifted first, e.g.
#   AUTH_RATE_LIMIT_PER_MINUTE=100000 dotnet run --project src/CleanApp.Web
# It creates 12 accounts (bench-N@example.com) and signs in wrongly at most 4 times each (below the lockout).
set -euo pipefail
base=${1:-http://localhost:8000}
admin=${2:-admin@example.com}
password=${3:-changethis}
rounds=${4:-4}
token_url="$base/api/v1/login/access-token"

token=$(curl -fsS -X POST "$token_url" --data-urlencode "username=$admin" --data-urlencode "password=$password" | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
for i in $(seq 1 12); do
  curl -s -o /dev/null -X POST "$base/api/v1/users" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"email\":\"bench-$i@example.com\",\"password\":\"bench-password-$RANDOM$RANDOM\"}"
done

attempt() { # attempt <email>: prints "<status> <milliseconds>"
  curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -X POST "$token_url" \
    --data-urlencode "username=$1" --data-urlencode "password=wrong-password" | awk '{ printf "%s %.1f\n", $1, $2 * 1000 }'
}

for _ in 1 2 3; do attempt "warm-up@example.com" >/dev/null; done
unknown=$(mktemp) wrong=$(mktemp)
trap 'rm -f "$unknown" "$wrong"' EXIT
for round in $(seq 1 "$rounds"); do
  for i in $(seq 1 12); do
    attempt "nobody-$round-$i-$RANDOM@example.com" >>"$unknown"
    attempt "bench-$i@example.com" >>"$wrong"
  done
done

summary() { # summary <label> <file>
  if grep -qv '^400 ' "$2"; then echo "$1: some answers were not 400 (rate limit or lockout?):" >&2; sort "$2" | uniq -c >&2; exit 1; fi
  awk '{ print $2 }' "$2" | sort -n | awk -v label="$1" '{ v[NR] = $1 } END {
    printf "%-15s n=%d  p10=%.1f ms  median=%.1f ms  p90=%.1f ms\n", label, NR, v[int(NR*0.1)+1], v[int((NR+1)/2)], v[int(NR*0.9)] }'
}
summary "unknown email" "$unknown"
summary "wrong password" "$wrong"
