#!/bin/sh
# Side-by-side build timing: a release `hub build` and Hugo on the same corpus, alternating
# A B A B in one sitting, with wall seconds, CPU seconds and peak memory for each run, then
# medians and the ratio. Run from the repository root after `swift build -c release`:
#   bench/compare-hugo.sh /tmp/corpus-10000 [RUNS] [cold]
# Each hub run builds over its previous output, as an editor's rebuild does: pages whose
# inputs are unchanged since the build before last are kept, and unchanged articles'
# checks and search words come from `.hub-out.cache`. With `cold`, those are deleted before
# every hub run, so every page is rendered and every article checked (a CI clean clone).
# Needs hugo (apt-get install hugo) and ../shared/bench (for Hugo's site).
set -eu
corpus=$(realpath "$1"); runs=${2:-5}; mode=${3:-warm}
repo=$(pwd); shared=$(realpath "$repo/../shared")
hub="$repo/.build/release/hub"
[ -x "$hub" ] || { echo "build first: swift build -c release" >&2; exit 2; }
work=${TMPDIR:-/tmp}/hub-bench-$$
site=$("$repo/bench/make-site.sh" "$corpus" "$work/site")
today=2026-11-26
measure() { # label command...
  label=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
  read -r wall user sys peak < "$work/time"
  echo "$label $wall $(echo "$user + $sys" | bc) $peak" >> "$work/results"
}
# Warm-up (page cache, Hugo's output folder), not counted.
"$hub" build --root "$site" --output "$work/hub-out" --today $today --quiet
"$shared/bench/run-hugo.sh" "$corpus" "$work/hugo-out" >/dev/null
: > "$work/results"
i=0
while [ $i -lt "$runs" ]; do
  [ "$mode" = cold ] && rm -f "$work/.hub-out.cache" "$work/.hub-out.manifest" "$work/.hub-out.spare.manifest"
  measure hub "$hub" build --root "$site" --output "$work/hub-out" --today $today --quiet
  measure hugo "$shared/bench/run-hugo.sh" "$corpus" "$work/hugo-out"
  i=$((i + 1))
done
python3 - "$work/results" "$corpus" "$mode" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
def col(tool, i): return [float(r[i]) for r in rows if r[0] == tool]
print(f"corpus: {sys.argv[2]}, {len(col('hub', 1))} runs each, alternating, hub {sys.argv[3]}")
print(f"{'tool':6} {'wall s (median [min-max])':28} {'CPU s':8} {'peak MiB':9}")
med = {}
for tool in ("hub", "hugo"):
    w, c, m = col(tool, 1), col(tool, 2), col(tool, 3)
    med[tool] = (statistics.median(w), statistics.median(c), statistics.median(m) / 1024)
    print(f"{tool:6} {med[tool][0]:6.2f} [{min(w):.2f}-{max(w):.2f}]{'':12} {med[tool][1]:6.2f} {med[tool][2]:9.0f}")
print(f"hub/hugo: wall {med['hub'][0]/med['hugo'][0]:.2f}, CPU {med['hub'][1]/med['hugo'][1]:.2f}, peak memory {med['hub'][2]/med['hugo'][2]:.2f}")
PY
rm -rf "$work"
