#!/bin/sh
# Search, hub vs Pagefind, on the shared bench corpora (../shared/bench/gen_corpus.py):
#   swift build -c release && bench/search-compare.sh [100 1000 10000]
# For each corpus size N (corpus in /tmp/corpus-N) it builds the site with hub (wall time
# and peak memory of the whole build; the "Built search index" stage time with
# HUB_LOG=debug), then measures with node and the real client: bytes of a cold first query
# (gzip -9 sizes: client + manifest + shards + display data of the 5 results shown) over
# the corpus's queries.txt, warm query time, and the one-edit typo test.
# Pagefind (pip install 'pagefind[bin]') runs on the same built pages when installed,
# through ../shared/bench/run-pagefind.sh and pagefind_fetches.py (headless Chromium).
# The machine is shared: quote medians of several sittings.
set -eu
repo=$(dirname "$(dirname "$(realpath "$0")")")
shared=$(realpath "$repo/../shared" 2>/dev/null || echo "$repo/../shared")
hub="$repo/.build/release/hub"
[ -x "$hub" ] || { echo "build hub first: swift build -c release" >&2; exit 2; }
sizes=${*:-100 1000 10000}
printf '| articles | hub build s | hub RSS MB | search stage ms | files in search/ | first-query KB p50 | p95 | max | warm ms p95 | typo right first | typo empty |\n'
printf '|---|---|---|---|---|---|---|---|---|---|---|\n'
for n in $sizes; do
  corpus=/tmp/corpus-$n
  [ -d "$corpus" ] || python3 "$shared/bench/gen_corpus.py" --articles "$n" --out "$corpus" >/dev/null
  site=/tmp/search-bench-site-$n; out=/tmp/search-bench-out-$n
  "$repo/bench/make-site.sh" "$corpus" "$site" >/dev/null
  log=$(mktemp)
  HUB_LOG=debug /usr/bin/time -f '%e %M' -o "$log.time" "$hub" build --root "$site" --output "$out" --today 2026-11-26 --quiet 2>"$log"
  read -r wall rss < "$log.time"
  stage=$(sed -n 's/.*Built search index (\([0-9]*\) ms).*/\1/p' "$log")
  files=$(find "$out/search" -type f | wc -l)
  bytes=$(node "$repo/bench/search-bytes.mjs" "$out" "$corpus/queries.txt" 5)
  typos=$(node "$repo/bench/search-typos.mjs" "$out" "$corpus/queries.txt")
  python3 - "$n" "$wall" "$rss" "$stage" "$files" "$bytes" "$typos" <<'PY'
import json, sys
n, wall, rss, stage, files, b, t = sys.argv[1:]
b, t = json.loads(b), json.loads(t)
kb = lambda x: f"{x / 1024:.1f}"
print(f"| {n} | {float(wall):.1f} | {int(rss) // 1024} | {stage} | {files} | {kb(b['bytes']['p50'])} | {kb(b['bytes']['p95'])} | {kb(b['bytes']['max'])} | {b['warmMs']['p95']:.1f} | {t['rightFirst']:.0%} | {t['empty']:.0%} |")
PY
  rm -f "$log" "$log.time"
done
if python3 -c 'import pagefind_bin' 2>/dev/null; then
  echo; echo "Pagefind 1.5.2 on the same pages:"
  for n in $sizes; do
    out=/tmp/search-bench-out-$n
    /usr/bin/time -f "pagefind $n articles: %e s, %M KB" env CLEAN=1 "$shared/bench/run-pagefind.sh" "$out"
    set --
    while IFS= read -r q; do set -- "$@" "$q"; done <<QUERIES
$(head -10 "/tmp/corpus-$n/queries.txt")
QUERIES
    python3 "$shared/bench/pagefind_fetches.py" "$out" "$@" || true
  done
else
  echo; echo "Pagefind not installed (pip install 'pagefind[bin]'): its column is the issue's figures measured on these machines."
fi
