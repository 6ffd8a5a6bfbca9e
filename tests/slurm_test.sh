#!/usr/bin/env bash
# Scale-out on a real Slurm: starts a private single-node Slurm (its own munged, slurmctld and
# slurmd, from Debian's packages), splits a sample with `dyad shard 4`, runs the shards as a
# 4-task array job (scripts/slurm/dyad-array.sbatch, `sbatch --array=0-3 --wait`), merges the
# shard stores with `dyad merge` and checks that the result equals a single-process `dyad run`
# over the same inputs: the same articles, story clusters and events, compared by content
# (row ids left out), and at least one story cluster whose copies were read by different
# shards (so the merge's cross-shard duplicate detection is exercised).
#
# usage: slurm_test.sh DYAD_BINARY [SHARED_DIR]
#   KEEP=DIR   copy the test's folder (config, logs, shard lists and stores, the compared
#              JSON Lines) to DIR at the end, to look into a failure
#
# Needs root (the daemons run as root) and the packages munge, slurmctld, slurmd, slurm-client
# and jq (scripts/install-deps.sh); skips (exit 77) without them. Everything it starts runs
# from a private temporary folder with its own munge socket, key, state, spool, logs and
# ports chosen at run time, so a Slurm or munge already running on the machine is left alone;
# every daemon (and any job process left over) is stopped on every exit path.
set -u
DYAD=$(realpath "$1")
SHARED=${2:-}
SRC=$(cd "$(dirname "$0")/.." && pwd)
SBATCH_SCRIPT=$SRC/scripts/slurm/dyad-array.sbatch
PATH=$PATH:/usr/sbin:/sbin
SHARDS=4

skip() { echo "SKIP: $*"; exit 77; }
((EUID == 0)) || skip "needs root: starts its own munged, slurmctld and slurmd"
for tool in munged munge slurmctld slurmd sbatch sinfo scontrol scancel jq; do
  command -v "$tool" >/dev/null 2>&1 ||
    skip "$tool not found (scripts/install-deps.sh installs munge, slurmctld, slurmd, slurm-client, jq)"
done
[[ -x "$DYAD" ]] || { echo "FAIL: $DYAD is not an executable" >&2; exit 1; }

# Short path: the munge socket's path must fit in a sockaddr_un.
# Nothing from a surrounding Slurm (when run inside a job, or with SBATCH_* defaults set).
while read -r v; do unset "$v"; done < <(compgen -e | grep -E '^(SLURM|SBATCH|SALLOC|SRUN|SINFO|SQUEUE|SCONTROL)_')
T=$(mktemp -d /tmp/dyad-slurm.XXXXXX)
chmod 711 "$T"  # munged needs every folder above its socket searchable by all
export SLURM_CONF=$T/slurm.conf
# Marks every process this test starts (daemons, job steps, the jobs' dyad runs), so that
# cleanup can find the ones that detach (slurmstepd) without touching anyone else's.
export DYAD_SLURM_TEST=$T
export DYAD_CACHE_DIR=$T/cache

PIDS=()  # munged, slurmctld, slurmd
show_logs=1  # on failure, print the daemons' and tasks' logs (until the array job has run)
marked_pids() {  # processes with our marker in their environment, other than this shell
  local f pid
  for f in /proc/[0-9]*/environ; do
    pid=${f#/proc/}
    pid=${pid%/environ}
    [[ $pid == "$$" || $pid == "$BASHPID" ]] && continue
    { tr '\0' '\n' <"$f"; } 2>/dev/null | grep -qxF "DYAD_SLURM_TEST=$T" && echo "$pid"
  done
}
cleanup() {
  local rc=$? pid i
  trap - EXIT INT TERM
  if ((rc != 0 && rc != 77 && show_logs)) && [[ -d "$T" ]]; then
    for f in "$T"/slurmctld.log "$T"/slurmd.log "$T"/munged.log "$T"/out/*.out; do
      [[ -s "$f" ]] || continue
      echo "---- last lines of ${f#"$T"/}" >&2
      tail -n 25 "$f" >&2
    done
  fi
  # Jobs still queued or running go first, while slurmctld can still tell slurmd.
  if ((${#PIDS[@]} > 1)) && kill -0 "${PIDS[1]}" 2>/dev/null; then
    timeout 10 scancel --quiet --user=root >/dev/null 2>&1
  fi
  # slurmd and slurmctld first, munged (which they need to talk) last.
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do kill -TERM "${PIDS[i]}" 2>/dev/null; done
  for _ in $(seq 50); do
    local alive=0
    for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    ((alive)) || break
    sleep 0.1
  done
  for pid in "${PIDS[@]}" $(marked_pids); do kill -KILL "$pid" 2>/dev/null; done
  wait 2>/dev/null
  if [[ -n "${KEEP:-}" ]]; then
    mkdir -p "$KEEP" && cp -r "$T"/. "$KEEP"/ 2>/dev/null
    echo "kept $T in $KEEP"
  fi
  rm -rf "$T"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
fail() { echo "FAIL: $*" >&2; exit 1; }

# Two free TCP ports between 20000 and 59999 (not listened on by anyone now).
listening_ports() {
  local f local_addr state
  for f in /proc/net/tcp /proc/net/tcp6; do
    [[ -r $f ]] || continue
    while read -r local_addr state; do
      [[ $state == 0A ]] && echo $((16#${local_addr##*:}))
    done < <(tail -n +2 "$f" | awk '{print $2, $4}')
  done
}
free_ports() {  # free_ports N
  local used p got=()
  used=" $(listening_ports | tr '\n' ' ') "
  while ((${#got[@]} < $1)); do
    p=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    [[ $used == *" $p "* || " ${got[*]} " == *" $p "* ]] || got+=("$p")
  done
  echo "${got[@]}"
}

# --- munge: a key of our own, a socket of our own.
mkdir -m 755 "$T/run"
mkdir -p "$T/state" "$T/spool" "$T/out" "$T/cache"
head -c 1024 /dev/urandom >"$T/munge.key"
chmod 400 "$T/munge.key"
munged --foreground --key-file="$T/munge.key" --socket="$T/run/munge.sock" \
  --pid-file="$T/munged.pid" --seed-file="$T/munged.seed" --log-file="$T/munged.log" \
  >>"$T/munged.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 100); do
  munge -n -S "$T/run/munge.sock" >/dev/null 2>&1 && break
  kill -0 "${PIDS[0]}" 2>/dev/null || fail "munged exited (log above)"
  sleep 0.1
done
munge -n -S "$T/run/munge.sock" >/dev/null 2>&1 || fail "munged did not answer on $T/run/munge.sock"

# --- slurm.conf: one node (this machine as it is), one partition, no cgroups, no accounting.
read -r CPUS MEM < <(slurmd -C 2>/dev/null | sed -n 's/.* CPUs=\([0-9]*\) .*RealMemory=\([0-9]*\).*/\1 \2/p')
CPUS=${CPUS:-$(nproc)}
MEM=${MEM:-$(awk '/MemTotal/ {print int($2 / 1024)}' /proc/meminfo)}
: >"$T/plugstack.conf"  # no SPANK plugins (the system's plugstack.conf is not ours)
write_conf() {  # write_conf CTLD_PORT SLURMD_PORT
  cat >"$SLURM_CONF" <<EOF
ClusterName=dyadtest
SlurmctldHost=localhost
SlurmctldPort=$1
SlurmdPort=$2
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$T/run/munge.sock
StateSaveLocation=$T/state
SlurmdSpoolDir=$T/spool
SlurmctldPidFile=$T/slurmctld.pid
SlurmdPidFile=$T/slurmd.pid
SlurmctldLogFile=$T/slurmctld.log
SlurmdLogFile=$T/slurmd.log
PlugStackConfig=$T/plugstack.conf
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SwitchType=switch/none
MpiDefault=none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SlurmdParameters=config_overrides
ReturnToService=2
MailProg=/bin/true
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$CPUS RealMemory=$MEM State=UNKNOWN
PartitionName=dyadtest Nodes=localhost Default=YES MaxTime=INFINITE State=UP
EOF
}

# --- slurmctld and slurmd, in the foreground of background jobs (their PIDs are ours).
# Ports are picked free just before; if one was taken meanwhile, try again with others.
started=0
for attempt in 1 2 3; do
  read -r CPORT DPORT < <(free_ports 2)
  write_conf "$CPORT" "$DPORT"
  slurmctld -D -c -f "$SLURM_CONF" >>"$T/slurmctld.out" 2>&1 &
  CTLD=$!
  slurmd -D -f "$SLURM_CONF" -N localhost >>"$T/slurmd.out" 2>&1 &
  SLURMD=$!
  PIDS+=("$CTLD" "$SLURMD")
  state=""
  for _ in $(seq 300); do  # 30 s
    if ! kill -0 "$CTLD" 2>/dev/null || ! kill -0 "$SLURMD" 2>/dev/null; then break; fi
    state=$(sinfo -h -N -n localhost -o %T 2>/dev/null)
    [[ $state == idle ]] && break
    [[ $state == drain* || $state == down* ]] && break
    sleep 0.1
  done
  if [[ $state == idle ]]; then
    started=1
    break
  fi
  echo "attempt $attempt: node state '${state:-none}' (ports $CPORT, $DPORT)" >&2
  if [[ $state == drain* || $state == down* ]]; then
    scontrol show node localhost | grep -i reason >&2
  fi
  grep -h -i "error" "$T/slurmctld.out" "$T/slurmd.out" 2>/dev/null | grep -v -i pmix | tail -5 >&2
  kill -TERM "$SLURMD" "$CTLD" 2>/dev/null
  wait "$SLURMD" "$CTLD" 2>/dev/null
  PIDS=("${PIDS[0]}")
  rm -rf "$T/state"/* "$T/spool"/*
done
((started)) || fail "the private Slurm did not come up (logs above)"
echo "slurm: $(sinfo -h -o '%P %a %D %T %c CPUs') (slurmctld :$CPORT, slurmd :$DPORT)"

# --- Inputs: the sample corpus, the shared seeds when present, and a republished copy of the
# sample's first article read last (so it lands in the last shard and its original in the
# first: a copy that only the merge can find).
INPUTS=("$SRC/data/sample")
if [[ -n "$SHARED" && -d "$SHARED/seeds" ]]; then
  INPUTS+=("$(realpath "$SHARED/seeds")")
else
  echo "note: ${SHARED:-../shared}/seeds absent; sample corpus and a generated copy only"
fi
first=$(find "$SRC/data/sample" -name '*.txt' | sort | head -n 1)
[[ -n "$first" ]] || fail "no sample corpus in $SRC/data/sample"
mkdir -p "$T/republished"
{
  echo "source Republishing Daily"
  sed -n '/^$/,$p' "$first"
  echo
  echo "This article first appeared on another site."
} >"$T/republished/copy.txt"
INPUTS+=("$T/republished")

# --- Shard, run the array, merge.
cd "$T/out" || fail "cd $T/out"
"$DYAD" shard "$SHARDS" "${INPUTS[@]}" -o "$T/out" >"$T/shard.txt" ||
  fail "dyad shard exited $? ($(cat "$T/shard.txt"))"
grep -q "dyad-array.sbatch" "$T/shard.txt" || fail "dyad shard does not point to the batch script"
t0=$EPOCHREALTIME
export DYAD
# In the background and waited for, so that a signal (ctest's timeout, Ctrl-C) reaches the
# cleanup at once rather than when sbatch returns.
sbatch --array=0-$((SHARDS - 1)) --wait --quiet --output="$T/out/task-%a.out" \
  "$SBATCH_SCRIPT" "$T/out" >"$T/sbatch.txt" 2>&1 &
wait $! || fail "sbatch --array=0-$((SHARDS - 1)) --wait exited $?: $(cat "$T/sbatch.txt")"
t1=$EPOCHREALTIME
show_logs=0
dbs=()
for ((k = 0; k < SHARDS; k++)); do
  db=$(printf '%s/out/shard-%03d.db' "$T" "$k")
  [[ -s "$db" ]] || fail "array task $k wrote no store ($db)"
  dbs+=("$db")
done
"$DYAD" merge --db "$T/merged.db" "${dbs[@]}" >"$T/merge.txt" 2>&1 ||
  fail "dyad merge exited $?: $(cat "$T/merge.txt")"
"$DYAD" run "${INPUTS[@]}" --db "$T/single.db" --no-progress -q >"$T/single.txt" 2>&1 ||
  fail "single-process dyad run exited $?: $(cat "$T/single.txt")"
printf 'array of %d tasks: %.1f s (submit to all done); merge: %s\n' "$SHARDS" \
  "$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')" "$(head -n 1 "$T/merge.txt")"

# --- Compare by content. Article ids are replaced by the articles' origins (file paths).
# shellcheck source=tests/check.sh
. "$(dirname "${BASH_SOURCE[0]}")/check.sh"
content() {  # content DB PREFIX: PREFIX.articles, .sentences, .clusters, .events, .mentions, .counts
  local db=$1 p=$2
  local -  # pipefail here only: a dyad that fails in a pipeline fails the function
  set -o pipefail
  local ids='del(.id, .event_set, .article_id, .sentence_id, .cluster_id, .mention_id)'
  "$DYAD" articles --db "$db" --format jsonl >"$p.articles.raw" || return 1
  jq -c 'del(.id)' "$p.articles.raw" | LC_ALL=C sort >"$p.articles" || return 1
  jq -s 'map({key: (.id | tostring), value: .origin}) | from_entries' "$p.articles.raw" \
    >"$p.origins" || return 1
  "$DYAD" sentences --db "$db" --format jsonl |
    jq -c --slurpfile o "$p.origins" '.origin = $o[0][.article_id | tostring] | '"$ids" |
    LC_ALL=C sort >"$p.sentences" || return 1
  "$DYAD" clusters --db "$db" --format jsonl |
    jq -c --slurpfile o "$p.origins" '
      {canonical: $o[0][.canonical_article_id | tostring], size,
       members: (.members | map(del(.article_id)
         | .matched = (if .matched_article_id then $o[0][.matched_article_id | tostring]
                       else null end)
         | del(.matched_article_id)) | sort_by(.origin))}' |
    LC_ALL=C sort >"$p.clusters" || return 1
  "$DYAD" events --db "$db" --format jsonl | jq -c "$ids" | LC_ALL=C sort >"$p.events" ||
    return 1
  "$DYAD" events --db "$db" --format jsonl --mentions | jq -c "$ids" | LC_ALL=C sort \
    >"$p.mentions" || return 1
  # The counts: what `dyad stats` reports of the articles (not the file's size, path or runs),
  # and the current event set's article and event counts from `dyad sets`.
  { "$DYAD" stats --db "$db" --json | jq -S 'del(.path, .file_bytes, .runs)' &&
    "$DYAD" sets --db "$db" | awk '$2 == "yes" {print "event set: articles", $6, "events", $7}'; } \
    >"$p.counts" || return 1
}
content "$T/single.db" "$T/single" || fail "reading the single-process store"
content "$T/merged.db" "$T/merged" || fail "reading the merged store"
for part in articles sentences clusters events mentions counts; do
  check "$part: merged equals single run ($(wc -l <"$T/merged.$part") vs $(wc -l <"$T/single.$part"))" \
    cmp -s "$T/single.$part" "$T/merged.$part"
  if ! cmp -s "$T/single.$part" "$T/merged.$part"; then
    diff "$T/single.$part" "$T/merged.$part" | head -n 10 >&2
  fi
done
check "the single run coded events" test -s "$T/single.events"
check "the single run found story clusters" test -s "$T/single.clusters"
check "the counts include the event set" grep -q "^event set: articles [0-9]* events [1-9]" "$T/single.counts"

# A story cluster whose members were read by different array tasks.
: >"$T/origin-shard.tsv"
for ((k = 0; k < SHARDS; k++)); do
  list=$(printf '%s/out/shard-%03d.list' "$T" "$k")
  check "shard $k has inputs" test -s "$list"
  sed "s/\$/\t$k/" "$list" >>"$T/origin-shard.tsv"
done
cross=$(jq -r '[.members[].origin] | @tsv' "$T/merged.clusters" | while IFS=$'\t' read -r -a origins; do
  shards=$(for o in "${origins[@]}"; do awk -F'\t' -v o="$o" '$1 == o {print $2}' "$T/origin-shard.tsv"; done | sort -u | wc -l)
  ((shards > 1)) && echo x
done | wc -l)
check "a story cluster spans shards (found $cross)" test "$cross" -gt 0
echo "articles $(wc -l <"$T/merged.articles"), story clusters $(wc -l <"$T/merged.clusters") ($cross across shards), events $(wc -l <"$T/merged.events"), reports $(wc -l <"$T/merged.mentions")"
echo "slurm_test: $pass passed, $fail failed"
((fail == 0))
