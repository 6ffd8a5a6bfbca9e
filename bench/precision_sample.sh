#!/usr/bin/env bash
# Prints a seeded random sample of asserted events coded from a folder of news (by default the
# BBC politics folder, with dyad's default dictionaries) for a human to judge event by event.
#
#   bench/precision_sample.sh [--dyad PATH] [--seed N] [--n N] [--keep DB] [DIR]
#
# The sample is Python's random.seed(SEED); random.sample(events, N) over the asserted events
# in event-id order, so the same build and seed give the same sample.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
dyad="$here/build/dyad"
seed=23
n=30
keep=""
dir="$here/../shared/corpora/bbc-news-2225/politics"
while [ $# -gt 0 ]; do
  case "$1" in
    --dyad) dyad="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --n) n="$2"; shift 2 ;;
    --keep) keep="$2"; shift 2 ;;
    -h|--help) sed -n 2,8p "$0"; exit 0 ;;
    *) dir="$1"; shift ;;
  esac
done
if [ ! -d "$dir" ]; then
  echo "precision_sample: no corpus folder $dir" >&2
  exit 77
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
db="${keep:-$tmp/events.db}"
rm -f "$db"
"$dyad" run "$dir" --db "$db" -q > /dev/null
"$dyad" events --db "$db" --format jsonl --modality asserted > "$tmp/events.jsonl"
python3 - "$tmp/events.jsonl" "$seed" "$n" <<'PY'
import json, random, sys
path, seed, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
events = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
events = [e for e in events if e.get("modality") == "asserted"]
events.sort(key=lambda e: e["id"])
print(f"{len(events)} asserted events; sample of {min(n, len(events))} (seed {seed})\n")
random.seed(seed)
for k, e in enumerate(random.sample(events, min(n, len(events))), 1):
    print(f"[{k}] event {e['id']} sentence {e['sentence_id']} ({e['origin'].rsplit('/', 1)[-1]})")
    print(f"    {e['sentence']}")
    print(f"    source {e['source_text']!r} -> {e['source']}   target {e['target_text']!r} -> {e['target']}")
    print(f"    verb {e['verb_text']!r} cameo {e['cameo']}   speaker {e['speaker_text']!r}   rule {e['rule'].rsplit('/', 1)[-1]}")
    print()
PY
