#!/usr/bin/env bash
# Runs clang-tidy with the checked-in .clang-tidy on every source file: the pipeline, fuzz/ and tests/.
# The compile commands come from a configured build (build/ unless COMPPLAN_TIDY_BUILD_DIR says).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
if ! command -v clang-tidy >/dev/null; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y --no-install-recommends clang-tidy
fi
build="${COMPPLAN_TIDY_BUILD_DIR:-build}"
[ -f "$build/compile_commands.json" ] || cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
# Every source the build compiles (a benchmark whose library is not installed is not compiled).
sources=$(find core grammar check stdlib interpreter lint examples cli bench fuzz tests -name '*.cpp' | sort |
   while read -r file; do grep -q "\"file\": \".*/$file\"" "$build/compile_commands.json" && echo "$file"; done)
# One clang-tidy per core at most; each prints only its own findings.
printf '%s\n' $sources | xargs -P "${COMPPLAN_TIDY_JOBS:-2}" -n 1 clang-tidy -p "$build" --quiet
echo "clang-tidy: clean"
