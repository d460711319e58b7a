#!/usr/bin/env bash
# Generates the typed TypeScript client (clients/typescript/src/client) from the committed OpenAPI document
# src/CleanApp.Web/openapi.json, which every build of the API rewrites. Needs Node.js 20.19+ and npm.
#   build/generate-client.sh            generate
#   build/generate-client.sh --check    generate, then type-check clients/typescript/example.ts against it
set -euo pipefail
cd "$(dirname "$0")/../clients/typescript"
command -v npm >/dev/null || { echo "build/generate-client.sh needs Node.js and npm (e.g. apt-get install nodejs npm)." >&2; exit 1; }
npm ci --no-audit --no-fund --loglevel=error
npx openapi-ts
echo "Generated clients/typescript/src/client from src/CleanApp.Web/openapi.json."
if [ "${1:-}" = "--check" ]; then
  npx tsc --noEmit
  echo "clients/typescript/example.ts type-checks against the generated client."
fi
