#!/usr/bin/env bash
# Regenerates config/classifier/fallback/mined-examples.rules and the conduct cues in
# config/classifier/conduct/: the phrases `aduan rules suggest` mines from the project's own
# labelled complaints (tests/classifier/testdata), by agency and by maladministration type and
# urgency. The probe sets
# (probe*.jsonl) are left out: they are the yardsticks nobody tunes on, and mining from them
# would make them training data. Run from the repo root after building aduan:
#   bash classifier/mine_fallback.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
history=$work/project-examples.jsonl
# Rows labelled TRIAGE teach no agency; every other row keeps only the fields mining reads. The
# conduct history keeps every row with its conduct labels (a TRIAGE row can still be urgent).
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
    if not row.get("text"):
        continue
    if row.get("agency") not in (None, "", "TRIAGE"):
        print(json.dumps({"text": row["text"], "agency": row["agency"]}, ensure_ascii=False))
    if "maladministration" in row or "urgent" in row:
        conduct = {"text": row["text"], "agency": row.get("agency") or "TRIAGE",
                   "maladministration": row.get("maladministration") or [],
                   "urgent": bool(row.get("urgent"))}
        print(json.dumps(conduct, ensure_ascii=False), file=sys.stderr)
' >"$history" 2>"$work/project-conduct.jsonl"
"$build/aduan" rules suggest --history "$history" \
  --out config/classifier/fallback/mined-examples.rules
# A conduct cue must be more sure of its label than an agency phrase (--min-share): it is added to
# every complaint's reading, not only to those the written rules leave in triage.
for kind in maladministration urgent; do
  "$build/aduan" rules suggest --history "$work/project-conduct.jsonl" --conduct "$kind" \
    --min-share "${CONDUCT_MIN_SHARE:-0.6}" --out "config/classifier/conduct/mined-$kind.rules"
done
