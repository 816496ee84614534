#!/usr/bin/env bash
# Builds compplan in Release, generates 100,000 and 1,000,000 deals for the reference plan, and
# prints how long `compplan run` takes on each beside the floor of reading the same file
# (cat, wc -l), its peak memory, and the time of `compplan check`. Prints figures; never fails
# on time.
#
#    bench/run.sh [DEALS...]        default: 100000 1000000
#
# Environment: BUILD_DIR (default build-release), REPEAT (best of N runs, default 3),
# JOBS (also time `compplan run --jobs JOBS`, default 2; 1 to skip), SEED (default 2027).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
if [ ! -x /usr/bin/time ]; then
   sudo_cmd=""
   [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
   $sudo_cmd apt-get update
   DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y --no-install-recommends time
fi

build=${BUILD_DIR:-build-release}
repeat=${REPEAT:-3}
jobs=${JOBS:-2}
seed=${SEED:-2027}
sizes=("$@")
[ "${#sizes[@]}" -gt 0 ] || sizes=(100000 1000000)

cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build "$build" -j2 --target compplan compplan_generate >/dev/null
compplan="$build/cli/compplan"
data="$build/bench-data"
mkdir -p "$data"

now() { date +%s%N; }

# best_of N COMMAND...: runs the command N times; sets best_s (fastest wall time, seconds), cpu_s
# (user + system time of that run) and peak_kb (largest resident set, KiB).
best_of() {
   local n=$1
   shift
   local best=0 peak=0 start elapsed rss cpu
   for _ in $(seq "$n"); do
      start=$(now)
      /usr/bin/time -f '%M %U %S' -o "$data/usage" "$@" >/dev/null 2>&1 || true
      elapsed=$(($(now) - start))
      read -r rss cpu < <(tail -n 1 "$data/usage" | awk '{ print $1, $2 + $3 }')
      if [ "$best" -eq 0 ] || [ "$elapsed" -lt "$best" ]; then
         best=$elapsed
         cpu_s=$cpu
      fi
      if [ "$rss" -gt "$peak" ]; then peak=$rss; fi
   done
   best_s=$(awk -v ns="$best" 'BEGIN { printf "%.3f", ns / 1e9 }')
   peak_kb=$peak
}

# report_run LABEL SECONDS CPU_SECONDS PEAK_KB: one line of figures for a run on $n deals of
# $bytes bytes.
report_run() {
   printf '  %-28s %8s s  (cpu %5.2f s)  %9.0f deals/s  %6.1fx wc -l  peak %6.1f MB (%.2fx the file)\n' "$1" "$2" "$3" \
      "$(awk -v n="$n" -v s="$2" 'BEGIN { print n / s }')" \
      "$(awk -v a="$2" -v b="$wc_s" 'BEGIN { print a / b }')" \
      "$(awk -v k="$4" 'BEGIN { print k * 1024 / 1e6 }')" \
      "$(awk -v k="$4" -v b="$bytes" 'BEGIN { print k * 1024 / b }')"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine slows wall times; cpu is user + system)"
echo "best of $repeat runs each; peak memory is the largest resident set"
echo

for n in "${sizes[@]}"; do
   deals="$data/deals-$n.csv"
   people="$data/people-$n.csv"
   "$build/bench/compplan_generate" "$n" "$seed" "$deals" "$people"
   bytes=$(stat -c %s "$deals")
   mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
   echo "== $n deals ($mb MB of CSV, seed $seed)"

   best_of "$repeat" cat "$deals"
   cat_s=$best_s
   best_of "$repeat" wc -l "$deals"
   wc_s=$best_s
   run=("$compplan" run plans/expansion-fy2027.plan --deals "$deals" --people "$people" --as-of 2027-12-31
        --out "$data/ledger-$n.csv")
   printf '  %-28s %8s s\n' "cat FILE > /dev/null" "$cat_s" "wc -l FILE" "$wc_s"
   best_of "$repeat" "${run[@]}"
   report_run "compplan run" "$best_s" "$cpu_s" "$peak_kb"

   if [ "$jobs" -gt 1 ] && "$compplan" run --help | grep -q -- --jobs; then
      best_of "$repeat" "${run[@]}" --jobs "$jobs"
      report_run "compplan run --jobs $jobs" "$best_s" "$cpu_s" "$peak_kb"
   fi
   echo
done

# Where the time goes on the largest input: one more run of each, with --timings.
largest="${sizes[-1]}"
for j in 1 "$jobs"; do
   if [ "$j" -eq "$jobs" ] && [ "$jobs" -le 1 ]; then continue; fi
   echo "== steps of one run on $largest deals, --jobs $j"
   # The sample deals include bad rows, so the run exits 1; that is not the script's failure.
   { "$compplan" run plans/expansion-fy2027.plan --deals "$data/deals-$largest.csv" --people "$data/people-$largest.csv" \
      --as-of 2027-12-31 --out "$data/ledger-$largest.csv" --jobs "$j" --timings 2>&1 >/dev/null || true; } |
      sed -n '/^timings/,$p' | tail -n +2
   echo
done

echo "== compplan check plans/expansion-fy2027.plan"
best_of "$repeat" "$compplan" check plans/expansion-fy2027.plan
check_s=$best_s
start=$(now)
for _ in $(seq 100); do "$compplan" check plans/expansion-fy2027.plan >/dev/null; done
per_check=$(awk -v ns="$(($(now) - start))" 'BEGIN { printf "%.2f", ns / 100 / 1e6 }')
printf '  %-28s %8s s   (%s ms on average over 100 runs, process start included)\n' "compplan check" "$check_s" "$per_check"
