#!/bin/sh
# Side-by-side build timing: a release `hub build` and Hugo on the same corpus, alternating
# A B A B in one sitting, with wall seconds, CPU seconds and peak memory for each run, then
# medians and the ratio. Run from the repository root after `swift build -c release`:
#   bench/compare-hugo.sh /tmp/corpus-10000 [RUNS] [warm|cold] [pagefind]
# Each hub run builds over its previous output, as an editor's rebuild does: pages whose
# inputs are unchanged since the build before last are kept, and unchanged articles'
# checks and search words come from `.hub-out.cache`. With `cold`, those are deleted before
# every hub run, so every page is rendered and every article checked, as on a CI clean clone
# but for the output folder, which stays (files are overwritten, not created; both tools).
# With a fourth argument `pagefind`, each Hugo run is followed by Pagefind indexing Hugo's
# output, timed on its own and added to Hugo's: the peers' way to a searchable site, which
# `hub build` makes in one command (pip install 'pagefind[bin]').
# Needs hugo (apt-get install hugo) and ../shared/bench (for Hugo's site).
set -eu
corpus=$(realpath "$1"); runs=${2:-5}; mode=${3:-warm}; peer=${4:-hugo}
repo=$(pwd); shared=$(realpath "$repo/../shared")
hub="$repo/.build/release/hub"
[ -x "$hub" ] || { echo "build first: swift build -c release" >&2; exit 2; }
if [ "$peer" = pagefind ]; then
  pagefind=$(python3 -c 'import pagefind_bin; print(pagefind_bin.get_executable())') ||
    { echo "install Pagefind first: pip install 'pagefind[bin]'" >&2; exit 2; }
fi
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
"$hub" build --root "$site" --output "$work/hub-out" --today $today --quiet 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
"$shared/bench/run-hugo.sh" "$corpus" "$work/hugo-out" >/dev/null
: > "$work/results"
i=0
while [ $i -lt "$runs" ]; do
  [ "$mode" = cold ] && rm -f "$work/.hub-out.cache" "$work/.hub-out.manifest" "$work/.hub-out.spare.manifest"
  measure hub "$hub" build --root "$site" --output "$work/hub-out" --today $today --quiet 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
  measure hugo "$shared/bench/run-hugo.sh" "$corpus" "$work/hugo-out"
  if [ "$peer" = pagefind ]; then
    rm -rf "$work/hugo-out/pagefind"
    measure pagefind "$pagefind" --silent --site "$work/hugo-out" --output-path "$work/hugo-out/pagefind"
  fi
  i=$((i + 1))
done
python3 - "$work/results" "$corpus" "$mode" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
def col(tool, i): return [float(r[i]) for r in rows if r[0] == tool]
runs = {tool: list(zip(col(tool, 1), col(tool, 2), col(tool, 3))) for tool in ("hub", "hugo", "pagefind")}
if runs["pagefind"]:
    # One peer run is Hugo then Pagefind: times add up, peak memory is the larger one's.
    runs["hugo+pagefind"] = [(hw + pw, hc + pc, max(hm, pm)) for (hw, hc, hm), (pw, pc, pm) in zip(runs["hugo"], runs["pagefind"])]
print(f"corpus: {sys.argv[2]}, {len(runs['hub'])} runs each, alternating, hub {sys.argv[3]}")
print(f"{'tool':14} {'wall s (median [min-max])':28} {'CPU s':8} {'peak MiB':9}")
med = {}
for tool, measured in runs.items():
    if not measured: continue
    w, c, m = zip(*measured)
    med[tool] = (statistics.median(w), statistics.median(c), statistics.median(m) / 1024)
    print(f"{tool:14} {med[tool][0]:6.2f} [{min(w):.2f}-{max(w):.2f}]{'':12} {med[tool][1]:6.2f} {med[tool][2]:9.0f}")
for peer in ("hugo", "hugo+pagefind"):
    if peer in med:
        print(f"hub/{peer}: wall {med['hub'][0]/med[peer][0]:.2f}, CPU {med['hub'][1]/med[peer][1]:.2f}, peak memory {med['hub'][2]/med[peer][2]:.2f}")
PY
rm -rf "$work"
