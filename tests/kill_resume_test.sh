#!/usr/bin/env bash
# Crash safety: kills `dyad run` with SIGKILL at random points, reruns it to completion and
# checks that the store then holds exactly what an uninterrupted run stores (articles by
# origin and content hash, story clusters, events by content), and that every rerun resumed
# where the killed run stopped (ingest finds the stored articles unchanged, dedup examines only
# the articles not examined yet, coding codes only the articles not coded yet in the same set).
#
# usage: kill_resume_test.sh DYAD_BINARY [SHARED_DIR]
#   TRIALS (default 20) and SEED (default: random, printed) can be set in the environment.
set -u
DYAD=$(realpath "$1")
SHARED=${2:-}
TRIALS=${TRIALS:-20}
SEED=${SEED:-$((RANDOM * 32768 + RANDOM))}
RANDOM=$SEED
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
sql() { sqlite3 -batch -noheader "$1" "$2"; }

# The corpus: BBC News articles when the shared corpora are present, else generated text.
mkdir -p "$WORK/corpus"
BBC=${SHARED:+$SHARED/corpora/bbc-news-2225}
if [[ -n "$BBC" && -d "$BBC/politics" ]]; then
  for d in politics business tech; do
    [[ -d "$BBC/$d" ]] && cp -r "$BBC/$d" "$WORK/corpus/$d"
  done
  echo "corpus: BBC News (politics, business, tech): $(find "$WORK/corpus" -type f | wc -l) files"
else
  SAMPLE=$(dirname "$DYAD")/../data/sample
  [[ -d "$SAMPLE" ]] || SAMPLE=$(cd "$(dirname "$0")/.." && pwd)/data/sample
  mapfile -t files < <(find "$SAMPLE" -type f -name '*.txt' | sort)
  ((${#files[@]} > 0)) || { echo "SKIP: no corpus"; exit 77; }
  for i in $(seq 1 40); do
    for f in "${files[@]}"; do
      { sed -n '/^$/,$p' "$f"; echo; echo "Bulletin $i of $(basename "$f")."; } \
        >"$WORK/corpus/$i-$(basename "$f")"
    done
  done
  echo "corpus: generated from the sample corpus: $(find "$WORK/corpus" -type f | wc -l) files"
fi

# What a store holds, by content (never by row id).
snapshot() {
  local db=$1
  {
    echo "# articles"
    sql "$db" "SELECT origin, version, content_hash FROM articles ORDER BY origin, version"
    echo "# clusters"
    sql "$db" "SELECT ca.origin, a.origin, m.relation, IFNULL(mm.origin, ''),
                      printf('%.6f', m.similarity)
               FROM cluster_members m JOIN clusters c ON c.id = m.cluster_id
               JOIN articles ca ON ca.id = c.canonical_article_id
               JOIN articles a ON a.id = m.article_id
               LEFT JOIN articles mm ON mm.id = m.matched_article_id
               ORDER BY 1, 2"
    echo "# event sets"
    sql "$db" "SELECT COUNT(*), SUM(finished_at IS NOT NULL), SUM(current) FROM event_sets"
    echo "# events"
    sql "$db" "SELECT e.source, e.target, e.code, IFNULL(e.date, ''), e.mentions,
                      (SELECT group_concat(t, ' | ') FROM
                         (SELECT a.origin || ':' || s.text AS t FROM event_mentions em
                          JOIN sentences s ON s.id = em.sentence_id
                          JOIN articles a ON a.id = em.article_id
                          WHERE em.event_id = e.id ORDER BY t))
               FROM events e JOIN event_sets es ON es.id = e.event_set_id AND es.current = 1
               ORDER BY 1, 2, 3, 4, 6"
  } >"$2"
}

# The reference: one uninterrupted run.
t0=$(date +%s.%N)
"$DYAD" run "$WORK/corpus" --db "$WORK/ref.db" --no-progress >"$WORK/ref.out" 2>&1
rc=$?
t1=$(date +%s.%N)
((rc == 0)) || { cat "$WORK/ref.out"; fail "reference run exited $rc"; }
snapshot "$WORK/ref.db" "$WORK/ref.snap"
FULL_MS=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%d", (b - a) * 1000 }')
TOTAL=$(sql "$WORK/ref.db" "SELECT COUNT(*) FROM latest_articles")
EVENTS=$(grep -c '' < <(sed -n '/^# events$/,$p' "$WORK/ref.snap"))
echo "reference run: ${FULL_MS} ms, $TOTAL articles, $((EVENTS - 1)) events; seed $SEED"
((TOTAL > 0 && EVENTS > 1)) || fail "the reference run stored no articles or no events"

num() { grep -E "$1" "$2" | head -1 | sed -E "s/$1//" | tr -d ', ' | sed -E 's/[^0-9].*//'; }

stages=""
for trial in $(seq 1 "$TRIALS"); do
  db="$WORK/t$trial.db"
  # One or two kills per trial, each at a random point of a run (the second, if any, hits
  # the rerun of the first).
  kills=$((1 + RANDOM % 2))
  for k in $(seq 1 "$kills"); do
    delay_ms=$((RANDOM % (FULL_MS + 200)))
    "$DYAD" run "$WORK/corpus" --db "$db" --no-progress >"$WORK/killed.out" 2>&1 &
    pid=$!
    sleep "$(awk -v m="$delay_ms" 'BEGIN { printf "%.3f", m / 1000 }')"
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  # Where the killed runs left the store.
  stored=0 examined=0 coded=0
  if [[ -f "$db" ]] && sql "$db" "SELECT 1 FROM articles LIMIT 1" >/dev/null 2>&1; then
    stored=$(sql "$db" "SELECT COUNT(*) FROM latest_articles")
    examined=$(sql "$db" "SELECT COUNT(*) FROM article_signatures")
    coded=$(sql "$db" "SELECT COUNT(*) FROM coded_articles WHERE event_set_id =
                         (SELECT MAX(id) FROM event_sets)")
  fi
  "$DYAD" run "$WORK/corpus" --db "$db" --no-progress >"$WORK/rerun.out" 2>&1
  rc=$?
  ((rc == 0)) || { cat "$WORK/rerun.out"; fail "trial $trial: the rerun exited $rc"; }
  # The rerun resumed: it found the stored articles unchanged and examined / coded the rest.
  unchanged=$(num '^  unchanged +' "$WORK/rerun.out")
  dedup_n=$(num '^dyad dedup: ' "$WORK/rerun.out")
  code_n=$(num '^dyad code: ' "$WORK/rerun.out")
  [[ "$unchanged" == "$stored" ]] ||
    fail "trial $trial: $stored articles were stored before the rerun, which found $unchanged unchanged"
  [[ "$dedup_n" == "$((TOTAL - examined))" ]] ||
    fail "trial $trial: $examined of $TOTAL articles were examined; dedup examined $dedup_n (not only the rest)"
  [[ "$code_n" == "$((TOTAL - coded))" ]] ||
    fail "trial $trial: $coded of $TOTAL articles were coded; the rerun coded $code_n (not only the rest)"
  snapshot "$db" "$WORK/t.snap"
  if ! diff -q "$WORK/ref.snap" "$WORK/t.snap" >/dev/null; then
    diff "$WORK/ref.snap" "$WORK/t.snap" | head -20 >&2
    fail "trial $trial ($kills kills): the store differs from an uninterrupted run"
  fi
  stages+="$trial:$kills kills (stored $stored, examined $examined, coded $coded)"$'\n'
  rm -f "$db" "$db-wal" "$db-shm"
done
printf '%s' "$stages"
t2=$(date +%s.%N)
echo "PASS: $TRIALS trials, each store equal to the uninterrupted run's;" \
  "$(awk -v a="$t0" -v b="$t2" 'BEGIN { printf "%.1f", b - a }') s in all"
