# A private PostgreSQL 15 server for tests: sourced by tests/postgres_test.sh (and usable from
# any test that needs one).
#
#   . tests/pg_server.sh
#   pg_start "$DIR" || exit 77   # prints why on failure; sets PG_URI (a libpq connection URI)
#   ...                          # dyad connects with --db "$PG_URI"
#   uri=$(pg_createdb other)     # another empty database
#   pg_stop                      # idempotent; call it from an EXIT trap
#
# The server lives in $DIR/pg (created here), listens only on a unix socket in that directory
# (listen_addresses='', so the port number only names the socket and cannot clash with another
# server), trusts local connections as user "dyad", and runs without fsync. As root (CI),
# initdb and postgres refuse to run, so they run as the unprivileged `postgres` system user
# (or $DYAD_PG_USER) through runuser/setpriv. DYAD_PG_BIN overrides the binaries' directory.

PG_URI=""
PG_DATA=""
_PG_AS=()

_pg_bin() { echo "${DYAD_PG_BIN:-/usr/lib/postgresql/15/bin}"; }

pg_start() {
  local dir=$1 bin user
  bin=$(_pg_bin)
  for b in initdb pg_ctl postgres createdb; do
    if [ ! -x "$bin/$b" ]; then
      echo "pg_server: $bin/$b is missing (apt-get install postgresql-15)"
      return 1
    fi
  done
  mkdir -p "$dir/pg/sock" || return 1
  _PG_AS=()
  if [ "$(id -u)" -eq 0 ]; then
    user=${DYAD_PG_USER:-postgres}
    if ! id "$user" >/dev/null 2>&1; then
      echo "pg_server: running as root and there is no '$user' user to run PostgreSQL as"
      return 1
    fi
    if command -v runuser >/dev/null 2>&1; then
      _PG_AS=(runuser -u "$user" --)
    elif command -v setpriv >/dev/null 2>&1; then
      _PG_AS=(setpriv --reuid="$user" --regid="$(id -g "$user")" --init-groups --)
    else
      echo "pg_server: running as root without runuser or setpriv"
      return 1
    fi
    # The server's user must reach its directory (mktemp -d makes it root-only).
    chmod 711 "$dir"
    chown -R "$user" "$dir/pg"
  fi
  PG_DATA="$dir/pg/data"
  local sock="$dir/pg/sock" port=$((20000 + RANDOM % 20000))
  if ! "${_PG_AS[@]}" "$bin/initdb" -D "$PG_DATA" -U dyad --auth=trust --no-sync \
      --encoding=UTF8 --locale=C >"$dir/pg/initdb.log" 2>&1; then
    echo "pg_server: initdb failed:"; tail -n 5 "$dir/pg/initdb.log"
    PG_DATA=""
    return 1
  fi
  if ! "${_PG_AS[@]}" "$bin/pg_ctl" -D "$PG_DATA" -l "$dir/pg/server.log" -w -t 60 \
      -o "-c listen_addresses='' -k $sock -p $port -c fsync=off -c synchronous_commit=off" \
      start >/dev/null 2>&1; then
    echo "pg_server: the server did not start:"; tail -n 5 "$dir/pg/server.log"
    return 1
  fi
  _PG_SOCK=$sock
  _PG_PORT=$port
  PG_URI=$(pg_createdb dyad) || { echo "pg_server: createdb failed: $PG_URI"; return 1; }
  return 0
}

# pg_createdb NAME: creates another database on the server and prints its URI.
pg_createdb() {
  "${_PG_AS[@]}" "$(_pg_bin)/createdb" -h "$_PG_SOCK" -p "$_PG_PORT" -U dyad "$1" 2>&1 || return 1
  echo "postgresql:///$1?host=$_PG_SOCK&port=$_PG_PORT&user=dyad"
}

pg_stop() {
  if [ -n "$PG_DATA" ] && [ -f "$PG_DATA/postmaster.pid" ]; then
    "${_PG_AS[@]}" "$(_pg_bin)/pg_ctl" -D "$PG_DATA" -m immediate -w stop >/dev/null 2>&1
  fi
  PG_DATA=""
}
