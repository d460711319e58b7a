#!/usr/bin/env bash
# Checks the Kubernetes manifests offline (no cluster here or in CI): kustomize renders deploy/kubernetes, and every
# object, plus the example Secret, is type-checked against the Kubernetes API's own types (npm kubernetes-types,
# pinned in clients/typescript/package.json): a misspelt field, a wrong type or a missing required field fails.
# Needs kubectl (Debian package kubectl; installed when missing and run as root), python3 with PyYAML, Node.js and npm.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
if ! command -v kubectl >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq kubectl >/dev/null
  else
    echo "build/check-deploy.sh needs kubectl: sudo apt-get install kubectl (Debian) or see kubernetes.io/docs/tasks/tools." >&2
    exit 1
  fi
fi
python3 -c 'import yaml' 2>/dev/null || { echo "build/check-deploy.sh needs PyYAML: sudo apt-get install python3-yaml." >&2; exit 1; }
cd "$root/clients/typescript"
[ -d node_modules/kubernetes-types ] || npm ci --no-audit --no-fund --loglevel=error
work=$(mktemp -d "${TMPDIR:-/tmp}/cleanapp-deploy.XXXXXX")
trap 'rm -rf "$work"' EXIT
{ kubectl kustomize "$root/deploy/kubernetes"; echo "---"; cat "$root/deploy/kubernetes/secret.example.yaml"; } >"$work/all.yaml"
mkdir -p "$work/check"
python3 - "$work/all.yaml" "$work/check/manifests.ts" <<'PY'
import json, sys, yaml
types = {  # apiVersion/kind -> module and type of kubernetes-types
    ("v1", "ConfigMap"): ("core/v1", "ConfigMap"), ("v1", "Secret"): ("core/v1", "Secret"),
    ("v1", "Service"): ("core/v1", "Service"), ("apps/v1", "Deployment"): ("apps/v1", "Deployment"),
    ("batch/v1", "Job"): ("batch/v1", "Job"), ("autoscaling/v2", "HorizontalPodAutoscaler"): ("autoscaling/v2", "HorizontalPodAutoscaler"),
    ("networking.k8s.io/v1", "Ingress"): ("networking/v1", "Ingress"),
}
objects = [o for o in yaml.safe_load_all(open(sys.argv[1])) if o]
lines, imports = [], set()
for i, o in enumerate(objects):
    key = (o["apiVersion"], o["kind"])
    if key not in types:
        raise SystemExit(f"no type known for {key}: add it to build/check-deploy.sh")
    module, name = types[key]
    alias = module.replace("/", "_") + "_" + name
    imports.add(f'import type {{ {name} as {alias} }} from "kubernetes-types/{module}";')
    lines.append(f"export const object{i}: {alias} = {json.dumps(o, indent=2)};")
open(sys.argv[2], "w").write("\n".join(sorted(imports)) + "\n\n" + "\n\n".join(lines) + "\n")
print(f"{len(objects)} objects: " + ", ".join(f"{o['kind']}/{o['metadata']['name']}" for o in objects))
PY
ln -s "$PWD/node_modules" "$work/check/node_modules"
npx tsc --noEmit --strict --exactOptionalPropertyTypes --target es2022 --module esnext --moduleResolution bundler "$work/check/manifests.ts"
echo "deploy/kubernetes renders and type-checks against the Kubernetes API types."
