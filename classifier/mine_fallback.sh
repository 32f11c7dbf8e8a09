#!/usr/bin/env bash
# Regenerates config/classifier/fallback/mined-examples.rules: the phrases `aduan rules suggest`
# mines from the project's own labelled complaints (tests/classifier/testdata). The probe sets
# (probe*.jsonl) are left out: they are the yardsticks nobody tunes on, and mining from them
# would make them training data. Run from the repo root after building aduan:
#   bash classifier/mine_fallback.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
history=$work/project-examples.jsonl
# Rows labelled TRIAGE teach no agency; every other row keeps only the fields mining reads.
for f in tests/classifier/testdata/*.jsonl; do
  case $(basename "$f") in probe*) continue ;; esac
  cat "$f"
done | python3 -c '
import json, sys
for line in sys.stdin:
    line = line.strip()
    if not line:
        continue
    row = json.loads(line)
    if row.get("text") and row.get("agency") not in (None, "", "TRIAGE"):
        print(json.dumps({"text": row["text"], "agency": row["agency"]}, ensure_ascii=False))
' >"$history"
"$build/aduan" rules suggest --history "$history" \
  --out config/classifier/fallback/mined-examples.rules
