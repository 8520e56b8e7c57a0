#!/usr/bin/env bash
# Load test over loopback (not a test): POST /api/v1/auth/login and
# GET /api/v1/me at 64 connections with wrk, plus the cost of a tenant
# transaction against a bare query with pgbench. Prints the numbers that
# docs/PERFORMANCE.md records. Needs: wrk, pgbench (Debian packages).
#   bench/auth.sh            (builds release, ~10 s per run)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10s}
PORT=${PORT:-3201}
DB=conectcrm_bench
PG=postgres://postgres@127.0.0.1:5432
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
# CONECTCRM_BIN=path uses an existing binary instead of building one.
if [ -n "${CONECTCRM_BIN:-}" ]; then
  BIN=$CONECTCRM_BIN
else
  PROFILE=${CONECTCRM_PROFILE:-release}
  SQLX_OFFLINE=true cargo build --profile "$PROFILE" -q --bin conectcrm
  BIN=target/$([ "$PROFILE" = dev ] && echo debug || echo "$PROFILE")/conectcrm
fi
psql "$PG/postgres" -qc "drop database if exists $DB with (force)" -c "create database $DB" >/dev/null
DATA=$(mktemp -d)
export DATABASE_URL=$PG/$DB CONECTCRM_DATA_DIR=$DATA CONECTCRM_BIND=127.0.0.1:$PORT AUTH_RATE_LIMIT_PER_MINUTE=100000000 RUST_LOG=warn
"$BIN" seed-demo >/dev/null
"$BIN" serve > "$DATA/server.log" 2>&1 &
pid=$!; trap 'kill $pid 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/health/ready" >/dev/null && break; sleep 0.1; done
BODY='{"email":"demo@conectcrm.com.br","password":"demo-conect-2026"}'
TOKEN=$(curl -fs -XPOST "http://127.0.0.1:$PORT/api/v1/auth/login" -H 'content-type: application/json' -d "$BODY" | python3 -c 'import json,sys;print(json.load(sys.stdin)["access_token"])')
cat > "$DATA/login.lua" <<LUA
wrk.method = "POST"
wrk.body = '$BODY'
wrk.headers["Content-Type"] = "application/json"
LUA
echo "## POST /api/v1/auth/login (argon2id per request), 64 connections"
wrk -t2 -c64 -d"$DURATION" --latency -s "$DATA/login.lua" "http://127.0.0.1:$PORT/api/v1/auth/login" | grep -E "Requests/sec|^ +50%|^ +99%|Non-2xx"
echo "## GET /api/v1/me (JWT + tenant transaction + 2 queries), 64 connections"
wrk -t2 -c64 -d"$DURATION" --latency -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/me" | grep -E "Requests/sec|^ +50%|^ +99%|Non-2xx"
echo "## tenant transaction vs bare query (pgbench, 8 clients, as conectcrm_app)"
TID=$(psql "$PG/$DB" -Atc "select tenant_id from companies limit 1")
cat > "$DATA/bare.sql" <<SQL
set role conectcrm_app;
select count(*) from users where tenant_id = '$TID';
SQL
cat > "$DATA/tenant.sql" <<SQL
set role conectcrm_app;
begin;
select set_config('app.tenant_id', '$TID', true);
select count(*) from users where tenant_id = '$TID';
commit;
SQL
for f in bare tenant; do
  printf '%s: ' "$f"; pgbench -n -c8 -j2 -T5 -f "$DATA/$f.sql" "$PG/$DB" 2>/dev/null | grep -E "^tps|latency average" | tr '\n' ' '; echo
done
