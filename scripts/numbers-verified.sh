#!/usr/bin/env bash
# Prints a notice (never a failure) when any number in core/src/care/numbers.txt — the one place the numbers
# by region and the dates the guidance verified them live — was last verified more than 10 months ago.
# scripts/test.sh runs it first; it needs no build. Set MEND_TODAY=YYYY-MM-DD to try another day.
set -euo pipefail
cd "$(dirname "$0")/.."

file=core/src/care/numbers.txt
today=${MEND_TODAY:-$(date -u +%F)}
limit=$(date -u -d "$today -10 months" +%F)
# Columns: region | role | say | words | uri | verified. ISO dates compare as text.
stale=$(awk -F'|' -v limit="$limit" '
  !/^#/ && NF == 6 { gsub(/ /, "", $1); gsub(/ /, "", $6); if ($6 < limit) print $1 " (" $6 ")" }
' "$file" | sort -u | paste -sd ' ' -)
if [ -n "$stale" ]; then
  echo "notice: numbers verified more than 10 months ago, before $limit: $stale. Check them against the sources in docs/care.md and update $file."
fi
