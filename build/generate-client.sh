#!/usr/bin/env bash
# Generates the typed TypeScript client from a committed OpenAPI document, which every build of the API rewrites.
# Needs Node.js 20.19+ and npm.
#   build/generate-client.sh                        clients/typescript/src/client from src/CleanApp.Web/openapi.json
#   build/generate-client.sh --naming snake_case    clients/typescript/src/client-snake_case from openapi_snake_case.json
#                                                   (the API_JSON_NAMING=snake_case profile: the FastAPI template's names)
#   build/generate-client.sh --check                generate both, then type-check example.ts and example.snake_case.ts
set -euo pipefail
naming=camelCase check=0
while [ $# -gt 0 ]; do
  case "$1" in
    --naming) naming=${2:-}; shift 2 ;;
    --check) check=1; shift ;;
    *) sed -n '2,8p' "$0" >&2; exit 2 ;;
  esac
done
case "$naming" in
  camelCase|snake_case) ;;
  *) echo "build/generate-client.sh: --naming takes camelCase or snake_case, not '$naming'." >&2; exit 2 ;;
esac
cd "$(dirname "$0")/../clients/typescript"
command -v npm >/dev/null || { echo "build/generate-client.sh needs Node.js and npm (e.g. apt-get install nodejs npm)." >&2; exit 1; }
npm ci --no-audit --no-fund --loglevel=error
if [ "$check" = 1 ]; then
  CLIENT_NAMING=camelCase npx openapi-ts
  CLIENT_NAMING=snake_case npx openapi-ts
  echo "Generated clients/typescript/src/client and src/client-snake_case."
  npx tsc --noEmit
  echo "clients/typescript/example.ts and example.snake_case.ts type-check against the generated clients."
else
  CLIENT_NAMING=$naming npx openapi-ts
  echo "Generated the $naming client in clients/typescript/src/$([ "$naming" = snake_case ] && echo client-snake_case || echo client)."
fi
