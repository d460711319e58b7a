#!/usr/bin/env bash
# Packs the dotnet new templates (cleanapp, cleanapp-usecase, cleanapp-entity) into artifacts/templates/*.nupkg:
#   build/pack-template.sh && dotnet new install artifacts/templates/CleanApp.Templates.1.0.0.nupkg
# Installing from the repository folder works too: dotnet new install .
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet pack templates/CleanApp.Templates.csproj -o artifacts/templates -nologo -v quiet
ls artifacts/templates/*.nupkg
