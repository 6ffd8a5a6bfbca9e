#!/usr/bin/env bash
# The bad-input corpus (tests/bad-inputs/): each file is ingested beside a good article, and
# the run must print exactly the diagnostics tests/bad-inputs/expected.tsv lists for it (no
# more, no fewer), store the good article and the file's own good records, record the skipped
# count in the runs table, and exit 2 when anything was skipped (0 otherwise). Big inputs (a
# 50 MB line, 100,000 levels of nested HTML) are generated here rather than committed.
#
# usage: bad_inputs_test.sh DYAD_BINARY SOURCE_DIR
#
# expected.tsv: FILE <TAB> STORED <TAB> DIAGNOSTIC, one line per diagnostic (a file with none
# has one line with an empty DIAGNOSTIC). STORED is how many articles the file itself must
# yield. In DIAGNOSTIC, {DIR} stands for the folder the file is read from. Lines that do not
# start with "note: " are skipped records. Files ending .verbs are dictionaries: they are
# loaded by `dyad code` beside dyad's default dictionaries, and STORED is the number of events
# the good sentence must still yield.
set -u
DYAD=$(realpath "$1")
SRC=$(realpath "$2")
CORPUS=$SRC/tests/bad-inputs
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}
sql() { sqlite3 -batch -noheader "$1" "$2"; }

generate() {  # generate NAME DEST
  case $1 in
    huge-line.txt)  # a 50 MB line: over the 16 MB record limit
      python3 -c "import sys; sys.stdout.write('title Huge\n\n' + 'word ' * 10485760)" >"$2" ;;
    huge-line.jsonl)  # a good record, then a 50 MB line, then another good record
      python3 - "$2" <<'EOF'
import sys
with open(sys.argv[1], "w") as f:
    f.write('{"id":"before","text":"Police detained two activists in Minsk on Monday."}\n')
    f.write('{"id":"huge","text":"' + "word " * 10485760 + '"}\n')
    f.write('{"id":"after","text":"Troops withdrew from the border town on Friday."}\n')
EOF
      ;;
    deep-nesting.html)  # 100,000 levels of nested elements around the article
      python3 - "$2" <<'EOF'
import sys
depth = 100000
with open(sys.argv[1], "w") as f:
    f.write("<!doctype html><html><head><title>Deep</title></head><body>")
    f.write("<div>" * depth)
    f.write("<p>Leaders of Central Asian states met in Dushanbe on Friday to sign a border agreement.</p>")
    f.write("</div>" * depth)
    f.write("</body></html>\n")
EOF
      ;;
    *) echo "unknown generated input $1" >&2; return 1 ;;
  esac
}

GOOD='title Good article

The president of Kazakhstan met the prime minister of Uzbekistan in Astana on Wednesday.
'
mapfile -t files < <(grep -v '^#' "$CORPUS/expected.tsv" | cut -f1 | awk 'NF' | uniq)
for file in "${files[@]}"; do
  t0=$(date +%s.%N)
  dir="$WORK/$(echo "$file" | tr -c 'A-Za-z0-9.\n' '_')"
  mkdir -p "$dir/in"
  name=${file#generated:}
  if [[ "$file" == generated:* ]]; then
    generate "$name" "$dir/in/$name" || { fail "$file: cannot generate"; continue; }
  else
    cp "$CORPUS/$file" "$dir/in/$name"
  fi
  printf '%s' "$GOOD" >"$dir/in/good.txt"
  want_stored=$(awk -F'\t' -v f="$file" '$1 == f { print $2; exit }' "$CORPUS/expected.tsv")
  awk -F'\t' -v f="$file" -v d="$dir/in" \
    '$1 == f && $3 != "" { gsub(/\{DIR\}/, d, $3); print $3 }' "$CORPUS/expected.tsv" |
    sort >"$dir/want"
  want_skipped=$(grep -vc '^note: ' "$dir/want")
  want_rc=0
  ((want_skipped > 0)) && want_rc=2
  if [[ "$name" == *.verbs ]]; then
    # A dictionary: dyad's defaults with this verbs file in place of dyad.verbs.
    mkdir -p "$dir/dict"
    cp "$SRC"/data/dict/*.actors "$SRC"/data/dict/*.agents "$SRC"/data/dict/*.options "$dir/dict/"
    cp "$dir/in/$name" "$dir/dict/$name"
    awk -F'\t' -v f="$file" -v d="$dir/dict" \
      '$1 == f && $3 != "" { gsub(/\{DIR\}/, d, $3); print $3 }' "$CORPUS/expected.tsv" |
      sort >"$dir/want"
    "$DYAD" ingest "$dir/in/good.txt" --db "$dir/db" -q >/dev/null 2>&1
    "$DYAD" code --dict "$dir/dict" --db "$dir/db" >"$dir/out" 2>"$dir/err"
    rc=$?
    got_events=$(sql "$dir/db" "SELECT COUNT(*) FROM events")
    [[ "$got_events" == "$want_stored" ]] ||
      fail "$file: $got_events events coded with the rest of the dictionary, want $want_stored"
  else
    "$DYAD" ingest "$dir/in" --db "$dir/db" --no-progress >"$dir/out" 2>"$dir/err"
    rc=$?
    good=$(sql "$dir/db" "SELECT COUNT(*) FROM latest_articles WHERE origin = '$dir/in/good.txt'")
    [[ "$good" == 1 ]] || fail "$file: the good article beside it was not stored"
    stored=$(sql "$dir/db" "SELECT COUNT(*) FROM latest_articles WHERE origin <> '$dir/in/good.txt'")
    [[ "$stored" == "$want_stored" ]] || fail "$file: $stored of its records stored, want $want_stored"
    run_skipped=$(sql "$dir/db" "SELECT skipped FROM runs ORDER BY id DESC LIMIT 1")
    [[ "$run_skipped" == "$want_skipped" ]] ||
      fail "$file: the run recorded $run_skipped skipped, want $want_skipped"
    summary=$(grep -E '^  skipped ' "$dir/out" | tr -s ' ' | cut -d' ' -f3)
    [[ "$summary" == "$want_skipped" ]] ||
      fail "$file: the summary says '$summary' skipped, want $want_skipped"
  fi
  # Diagnostics are the lines naming the input or starting "note: ".
  grep -E "^(note: )?($dir/|$SRC/)" "$dir/err" | sort >"$dir/got"
  if ! diff -q "$dir/want" "$dir/got" >/dev/null; then
    fail "$file: diagnostics differ (< want, > got)"
    diff "$dir/want" "$dir/got" | cut -c1-300 >&2
  fi
  [[ "$rc" == "$want_rc" ]] || fail "$file: exit code $rc, want $want_rc"
  echo "$file: exit $rc, $(wc -l <"$dir/got") diagnostics," \
    "$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }') s"
  rm -rf "$dir"
done
((failures == 0)) || { echo "$failures failures" >&2; exit 1; }
echo "PASS: ${#files[@]} bad inputs"
