#!/usr/bin/env bash
# One command runs every test: formatting, lints, compile-time SQL data,
# Rust unit and API tests against the real PostgreSQL and Redis (two nodes
# fanning Socket.IO out through REDIS_URL in realtime_redis.rs), the web
# app's type check, lint and unit tests, and the Playwright suite in
# Debian's Chromium against two real server nodes joined through Redis.
#
# A failing Rust run does not stop the browser suite: both run, the summary
# prints, and the script fails at the end. A suite that ran no tests, or
# crashed before reporting its counts, is a failure.
#
# E2E_DB, E2E_PORT (and E2E_PORT + 1, + 2) choose the browser suite's database
# and ports, so two runs on one machine do not meet.
set -euo pipefail
cd "$(dirname "$0")"
export SQLX_OFFLINE=true
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}
TOOLS=${CONECTCRM_TOOLS:-/var/tmp/conectcrm/tools}
export PATH="$TOOLS/bin:$HOME/.cargo/bin:$PATH"
say() { printf '\n==> %s\n' "$*"; }

# --- what the tests need --------------------------------------------------------
if ! command -v chromium >/dev/null; then
  say "Installing Chromium (Debian package) for the browser tests"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation >/dev/null
fi
if ! command -v cargo-sqlx >/dev/null; then
  say "Installing sqlx-cli into $TOOLS"
  cargo install sqlx-cli --version '^0.9' --no-default-features --features postgres,rustls --root "$TOOLS" --locked -q
fi
if ! python3 -c 'import aiosmtpd' 2>/dev/null; then
  say "Installing aiosmtpd (a real SMTP server for the mail tests)"
  python3 -m pip install -q aiosmtpd
fi
if ! command -v cargo-nextest >/dev/null; then
  cargo install cargo-nextest --locked -q
fi
pg_isready -q -h 127.0.0.1 -p 5432 || { echo "PostgreSQL is not running on 127.0.0.1:5432"; exit 1; }
( cd web && npm ci --no-audit --no-fund --loglevel=error )

# --- Rust -------------------------------------------------------------------------
say "cargo fmt --check"
cargo fmt --all -- --check
say "cargo clippy"
cargo clippy --workspace --all-targets -q -- -D warnings
say "sqlx offline data is current"
PGURL=postgres://postgres@127.0.0.1:5432 ./scripts/sqlx-db.sh >/dev/null
DATABASE_URL=postgres://postgres@127.0.0.1:5432/${SQLX_DB:-conectcrm_sqlx} SQLX_OFFLINE=false cargo sqlx prepare --check --workspace -- --all-targets -q
say "API types are current"
BIN=${CARGO_TARGET_DIR:-target}/debug/conectcrm
cargo build -q --bin conectcrm
"$BIN" openapi > /tmp/conectcrm-openapi.json
diff -q /tmp/conectcrm-openapi.json web/openapi.json >/dev/null || { echo "web/openapi.json is stale: run $BIN openapi > web/openapi.json && npm --prefix web run gen:api"; exit 1; }
"$BIN" events > /tmp/conectcrm-events.md
diff -q /tmp/conectcrm-events.md docs/EVENTS.md >/dev/null || { echo "docs/EVENTS.md is stale: run $BIN events > docs/EVENTS.md"; exit 1; }
( cd web && npm run -s check:api )

# --- web ----------------------------------------------------------------------------
say "web: typecheck, lint, unit tests, build"
( cd web && npm run -s typecheck && npm run -s lint && npm run -s test && npm run -s build )

# --- Rust tests (after the web build, so the server serves the real app) -----------------
say "cargo nextest"
LOGS=$(mktemp -d)
set +e
cargo nextest run --workspace --no-fail-fast 2>&1 | tee "$LOGS/nextest.log"
rust_status=${PIPESTATUS[0]}
set -e
rust_summary=$(grep -E '^\s+Summary' "$LOGS/nextest.log" | tail -n1)

# --- browser tests ---------------------------------------------------------------------
say "Playwright (Chromium) against the real server"
E2E_DB=${E2E_DB:-conectcrm_e2e}
psql -h 127.0.0.1 -U postgres -d postgres -qc "drop database if exists $E2E_DB with (force)" -c "create database $E2E_DB" >/dev/null
E2E_DATA=$(mktemp -d)
E2E_PORT=${E2E_PORT:-3101}
E2E_PORT_2=$((E2E_PORT + 1))
# The company endpoint the outgoing-webhook test listens on: the only local
# address the operator's egress allow-list names.
E2E_HOOK_PORT=$((E2E_PORT + 2))
# The stand-in for the CEP service (ViaCEP's format) the address test starts.
E2E_CEP_PORT=$((E2E_PORT + 3))
# Two nodes of one deployment: same database, Socket.IO fan-out through Redis;
# the second runs no worker, like a web-only node.
export DATABASE_URL=postgres://postgres@127.0.0.1:5432/$E2E_DB CONECTCRM_DATA_DIR=$E2E_DATA \
  FRONTEND_URL=http://127.0.0.1:$E2E_PORT AUTH_RATE_LIMIT_PER_MINUTE=1000 REDIS_URL=redis://127.0.0.1:6379 \
  EGRESS_ALLOW_HOSTS=127.0.0.1:$E2E_HOOK_PORT,127.0.0.1:$E2E_CEP_PORT CEP_API_URL=http://127.0.0.1:$E2E_CEP_PORT \
  WEBCHAT_DIGEST_AFTER_SECS=3
CONECTCRM_BIND=127.0.0.1:$E2E_PORT "$BIN" serve > "$E2E_DATA/server.log" 2>&1 &
server_pid=$!
trap 'kill $server_pid ${server2_pid:-} 2>/dev/null || true' EXIT
# Waits for a node to answer /health/ready; one that never does (or dies)
# stops the script with its log, rather than letting every test time out.
wait_ready() { # port pid log
  for _ in $(seq 1 150); do
    curl -fs "http://127.0.0.1:$1/health/ready" >/dev/null && return 0
    kill -0 "$2" 2>/dev/null || break
    sleep 0.2
  done
  echo "!!! the server on port $1 did not become ready (30 s, or it exited); its log:"
  tail -n 80 "$3"
  exit 1
}
wait_ready "$E2E_PORT" "$server_pid" "$E2E_DATA/server.log"
CONECTCRM_BIND=127.0.0.1:$E2E_PORT_2 "$BIN" serve --no-worker --skip-migrations > "$E2E_DATA/server2.log" 2>&1 &
server2_pid=$!
wait_ready "$E2E_PORT_2" "$server2_pid" "$E2E_DATA/server2.log"
unset DATABASE_URL CONECTCRM_DATA_DIR FRONTEND_URL AUTH_RATE_LIMIT_PER_MINUTE REDIS_URL EGRESS_ALLOW_HOSTS WEBCHAT_DIGEST_AFTER_SECS CEP_API_URL
set +e
( cd web && E2E_BASE_URL=http://127.0.0.1:$E2E_PORT E2E_BASE_URL_2=http://127.0.0.1:$E2E_PORT_2 E2E_OUTBOX_DIR=$E2E_DATA/outbox E2E_HOOK_PORT=$E2E_HOOK_PORT E2E_CEP_PORT=$E2E_CEP_PORT npm run -s e2e ) 2>&1 | tee "$LOGS/e2e.log"
e2e_status=${PIPESTATUS[0]}
set -e
kill $server_pid $server2_pid 2>/dev/null || true
if [ "$e2e_status" != 0 ]; then echo "--- server log ---"; tail -n 50 "$E2E_DATA/server.log"; fi

# --- summary ---------------------------------------------------------------------------
# nextest: "Summary [ 12.3s] 270 tests run: 268 passed, 2 failed, 0 skipped";
# node --test --test-reporter=tap: "# pass 19" and "# fail 0" at the end.
rust_passed=$(echo "$rust_summary" | grep -oE '[0-9]+ passed' | grep -oE '[0-9]+' || true)
rust_failed=$(echo "$rust_summary" | grep -oE '[0-9]+ failed' | grep -oE '[0-9]+' || true)
e2e_passed=$(grep -E '^# pass [0-9]+$' "$LOGS/e2e.log" | awk '{print $3}' | tail -n1 || true)
e2e_failed=$(grep -E '^# fail [0-9]+$' "$LOGS/e2e.log" | awk '{print $3}' | tail -n1 || true)
problems=()
if [ -z "$rust_summary" ]; then
  problems+=("cargo nextest printed no summary (exit $rust_status): see $LOGS/nextest.log")
elif [ "${rust_passed:-0}" = 0 ]; then
  problems+=("cargo nextest ran no tests")
elif [ "$rust_status" != 0 ] && [ "${rust_failed:-0}" = 0 ]; then
  problems+=("cargo nextest failed (exit $rust_status) without a failed test: see $LOGS/nextest.log")
fi
if [ -z "$e2e_passed" ] || [ -z "$e2e_failed" ]; then
  problems+=("the browser suite crashed before reporting its counts (exit $e2e_status)")
  echo "--- browser suite log (last 80 lines of $LOGS/e2e.log) ---"
  tail -n 80 "$LOGS/e2e.log"
elif [ "$e2e_passed" = 0 ]; then
  problems+=("the browser suite ran no tests")
elif [ "$e2e_status" != 0 ] && [ "$e2e_failed" = 0 ]; then
  problems+=("the browser suite failed (exit $e2e_status) without a failed test")
fi
passed=$(( ${rust_passed:-0} + ${e2e_passed:-0} ))
failed=$(( ${rust_failed:-0} + ${e2e_failed:-0} ))
echo "${rust_summary:-rust: no summary}"
echo "browser: ${e2e_passed:-?} passed, ${e2e_failed:-?} failed"
for p in "${problems[@]}"; do echo "!!! $p"; done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ "${#problems[@]}" = 0 ]
