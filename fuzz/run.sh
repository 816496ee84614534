#!/usr/bin/env bash
# Runs one libFuzzer target for a number of seconds: fuzz/run.sh TARGET SECONDS
# TARGET is plan, csv, run_plan or run_deals. The build goes to build-fuzz/ (clang, with
# AddressSanitizer and UndefinedBehaviorSanitizer). New inputs are kept in build-fuzz/corpus/TARGET,
# seeded from fuzz/corpus/; a crash, hang or out-of-memory input is written to
# build-fuzz/artifacts/TARGET/ and the run stops: copy it to fuzz/regressions/TARGET/ once fixed.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -ne 2 ]; then
  echo "usage: fuzz/run.sh TARGET SECONDS   (TARGET: plan, csv, run_plan, run_deals)" >&2
  exit 2
fi
target=$1
seconds=$2
case "$target" in
  plan | run_plan) kind=plan max_len=16384 ;;
  csv | run_deals) kind=deals max_len=16384 ;;
  *) echo "unknown target '$target': plan, csv, run_plan or run_deals" >&2; exit 2 ;;
esac

scripts/setup.sh
if ! command -v clang++ >/dev/null || ! dpkg -s libclang-rt-14-dev >/dev/null 2>&1; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y --no-install-recommends clang libclang-rt-14-dev
fi

build="${COMPPLAN_FUZZ_BUILD_DIR:-build-fuzz}"
CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCOMPPLAN_FUZZ=ON
cmake --build "$build" --target "fuzz_$target"

work="$build/corpus/$target"
artifacts="$build/artifacts/$target/"
mkdir -p "$work" "$artifacts"
exec "$build/fuzz/fuzz_$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" \
  -dict="fuzz/$kind.dict" -artifact_prefix="$artifacts" -print_final_stats=1 "$work" "fuzz/corpus/$kind"
