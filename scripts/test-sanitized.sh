#!/usr/bin/env bash
# Builds the test suite with AddressSanitizer and UndefinedBehaviorSanitizer into build-asan/ and runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
build_dir="${COMPPLAN_ASAN_BUILD_DIR:-build-asan}"
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCOMPPLAN_SANITIZE=ON
cmake --build "$build_dir"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
ctest --test-dir "$build_dir" --output-on-failure
