#!/usr/bin/env bash
# Sets up, builds and runs the reference plan on the sample deals as of 2027-12-31.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
build/cli/compplan check plans/expansion-fy2027.plan
status=0
build/cli/compplan run plans/expansion-fy2027.plan --deals plans/deals.csv --people plans/people.csv \
  --as-of 2027-12-31 --out build/ledger.csv --report build/report.json || status=$?
echo "ledger: build/ledger.csv, report: build/report.json (exit status $status: the samples include malformed rows on purpose)"
