#!/usr/bin/env bash
# Lints the committed OpenAPI documents (src/CleanApp.Web/openapi.json and openapi_snake_case.json) with Redocly CLI's recommended rules
# (redocly.yaml); fails on any error, reports warnings. Needs Node.js 20.19+ and npm; Redocly CLI is pinned in
# clients/typescript/package.json. build/test.sh runs it as one test.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root/clients/typescript"
command -v npm >/dev/null || { echo "build/lint-openapi.sh needs Node.js and npm (e.g. apt-get install nodejs npm)." >&2; exit 1; }
[ -d node_modules/@redocly/cli ] || npm ci --no-audit --no-fund --loglevel=error
REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
  npx redocly lint camelCase snake_case --config "$root/redocly.yaml" --format=stylish
