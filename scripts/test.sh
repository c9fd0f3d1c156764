#!/usr/bin/env bash
# The whole test suite: lint, then pytest on SQLite and, at the same time, the same suite on PostgreSQL when a server
# is reachable at OPENVTH_TEST_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/test). Called by `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.venv
export OPENVTH_DATA_DIR="${OPENVTH_DATA_DIR:-$(mktemp -d -t openvth-test-XXXXXX)}"
PG_URL="${OPENVTH_TEST_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/test}"

echo "== ruff"
"$VENV/bin/ruff" check src tests benchmarks
echo "== ruff format"
"$VENV/bin/ruff" format --check src tests benchmarks
echo "== mypy"
"$VENV/bin/python" scripts/mypy-baseline.py  # strict on regels/ and toegang.py, a shrinking baseline elsewhere

if "$VENV/bin/python" - "$PG_URL" <<'PY'
import sys, psycopg
from psycopg.conninfo import make_conninfo
try:
    # Probe the server, not the database in the URL: pytest-django creates test_<name> itself, so the named
    # database need not exist (a missing one must not make the PostgreSQL suite look unreachable).
    psycopg.connect(make_conninfo(sys.argv[1], dbname="postgres"), connect_timeout=3).close()
except Exception as fout:
    print(f"PostgreSQL niet bereikbaar op {sys.argv[1]}: {fout}")
    sys.exit(1)
PY
then
  # Both engines at once, each with its own data directory: the suites are single-threaded and wait on browsers
  # and servers much of the time, so on two cores this takes about two thirds of running them one after another.
  # Each line of output is prefixed with its engine; the script fails when either suite fails.
  echo "== pytest op SQLite en op PostgreSQL ($PG_URL), naast elkaar"
  mkdir -p "$OPENVTH_DATA_DIR/sqlite" "$OPENVTH_DATA_DIR/postgresql"
  (OPENVTH_DATA_DIR="$OPENVTH_DATA_DIR/sqlite" env -u DATABASE_URL "$VENV/bin/pytest" "$@" 2>&1 \
    | sed -u 's/^/[sqlite] /') &
  SQLITE=$!
  (OPENVTH_DATA_DIR="$OPENVTH_DATA_DIR/postgresql" DATABASE_URL="$PG_URL" "$VENV/bin/pytest" "$@" 2>&1 \
    | sed -u 's/^/[postgresql] /') &
  POSTGRESQL=$!
  status=0
  wait "$SQLITE" || { status=1; echo "== pytest op SQLite MISLUKT"; }
  wait "$POSTGRESQL" || { status=1; echo "== pytest op PostgreSQL MISLUKT"; }
  exit "$status"
else
  echo "== PostgreSQL-suite NIET gedraaid: geen server bereikbaar (optioneel; op CI draait hij altijd)"
  echo "== pytest op SQLite"
  env -u DATABASE_URL "$VENV/bin/pytest" "$@"
fi
