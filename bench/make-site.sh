#!/bin/sh
# Makes a hub site root around a bench corpus (../shared/bench/gen_corpus.py output):
#   bench/make-site.sh /tmp/corpus-10000 /tmp/hub-site-10000
# Content/articles links to the corpus (no copy); Templates/ and crisis.yml are the hub's own.
set -eu
[ $# -eq 2 ] || { echo "usage: $0 CORPUS SITE" >&2; exit 2; }
corpus=$(realpath "$1"); site=$(realpath -m "$2")
repo=$(dirname "$(dirname "$(realpath "$0")")")
[ -d "$corpus/articles" ] || { echo "no $corpus/articles" >&2; exit 2; }
rm -rf "$site"; mkdir -p "$site/Content/data" "$site/Content/pages"
ln -s "$corpus/articles" "$site/Content/articles"
ln -s "$repo/Templates" "$site/Templates"
cp "$repo/Content/data/crisis.yml" "$site/Content/data/crisis.yml"
# The language guide, so a bench build runs every content check.
# Errors become warnings: the corpus is random text that now and then strings together a
# real slur ("another mental case"), and a failed build would not write its output.
[ -f "$repo/Content/data/language-guide.tsv" ] &&
  awk 'BEGIN { FS = OFS = "\t" } NR > 1 && $3 == "error" { $3 = "warning" } { print }' \
    "$repo/Content/data/language-guide.tsv" > "$site/Content/data/language-guide.tsv"
{
  echo 'title: RecoveryHub bench'
  echo 'tagline: A generated corpus'
  echo 'base_url: https://bench.example.org/'
  echo 'language: en-GB'
  echo 'organisation: {name: Bench, url: "https://bench.example.org/"}'
  echo 'unsafe_html: true'
  echo 'topics:'
  while read -r t; do [ -n "$t" ] && printf '  - {slug: %s, title: "%s", description: "Articles about %s."}\n' "$t" "$t" "$t"; done < "$corpus/topics.txt"
} > "$site/Content/site.yml"
echo "$site"
