#!/bin/sh
# Median wall time, CPU time and peak memory of `hub build`, RUNS runs after a warm-up.
# Give one or more HUB=SITE pairs (a release binary and a site from bench/make-site.sh);
# with two, the runs alternate, so a before/after comparison shares the machine's noise.
#   bench/build-time.sh 5 /tmp/hub-before=/tmp/site-before .build/release/hub=/tmp/hub-site-10000
set -eu
runs=$1; shift
work=${TMPDIR:-/tmp}/hub-build-time-$$
mkdir -p "$work"; : > "$work/results"
build() { # PAIR INDEX
  hub=${1%%=*}; site=${1#*=}
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$hub" build --root "$site" --output "$work/out-$2" --today 2026-11-26 --quiet
}
n=0; for pair in "$@"; do build "$pair" $n; n=$((n + 1)); done   # warm-up
i=0
while [ $i -lt "$runs" ]; do
  n=0
  for pair in "$@"; do
    build "$pair" $n
    read -r wall user sys peak < "$work/time"
    echo "$pair $wall $(echo "$user + $sys" | bc) $peak" >> "$work/results"
    n=$((n + 1))
  done
  i=$((i + 1))
done
python3 - "$work/results" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
for key in dict.fromkeys(r[0] for r in rows):
    w = [float(r[1]) for r in rows if r[0] == key]; c = [float(r[2]) for r in rows if r[0] == key]
    m = [float(r[3]) / 1024 for r in rows if r[0] == key]
    print(f"{key}: wall {statistics.median(w):.2f} s [{min(w):.2f}-{max(w):.2f}], CPU {statistics.median(c):.2f} s, peak {statistics.median(m):.0f} MiB ({len(w)} runs)")
PY
rm -rf "$work"
