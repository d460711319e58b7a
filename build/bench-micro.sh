#!/usr/bin/env bash
# BenchmarkDotNet micro-benchmarks of what every request pays: a message through the mediator pipeline, token issue
# and validation, JSON writing of a page. Time and allocations per operation; results in artifacts/bench/micro/.
#   build/bench-micro.sh [BenchmarkDotNet arguments]   e.g. --filter '*Token*', or --job short for a quick look
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Every benchmark unless a filter is given (BenchmarkDotNet would otherwise ask which, on stdin).
case " $* " in *" --filter "*) ;; *) set -- --filter '*' "$@" ;; esac
dotnet run -c Release --project bench/CleanApp.Bench.Micro -- --artifacts artifacts/bench/micro "$@"
