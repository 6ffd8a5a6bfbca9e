# Shared by the shell tests (source it): `check NAME COMMAND...` runs COMMAND and counts it in
# $pass or $fail, naming each failure on stderr.
pass=0
fail=0
check() {  # check NAME CONDITION...
  local name=$1
  shift
  if "$@"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $name" >&2; fi
}
