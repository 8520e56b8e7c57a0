#!/usr/bin/env bash
# Support load test over loopback (not a test).
#  1. Webhooks accepted per second: wrk POSTs distinct signed WhatsApp
#     webhooks (verify, store raw, queue, 200) to a server without a worker.
#  2. Messages processed into tickets per second: one worker process drains
#     what was accepted (customer lookup/creation, ticket, triage, routing, SLA).
#  3. Latency from webhook to the agent's Socket.IO event (p50/p99), with the worker running.
#  4. The ticket list with TICKETS tickets in one company.
#  5. Server memory per 1,000 idle Socket.IO connections.
#   bench/support.sh   (TICKETS=100000 DURATION=10s SOCKETS=1000; INTAKE_ONLY=1 for 1–2; MESSAGES=N;
#                       CONECTCRM_BIN=path to measure another build)
set -euo pipefail
cd "$(dirname "$0")/.."
TICKETS=${TICKETS:-100000}
DURATION=${DURATION:-10s}
SOCKETS=${SOCKETS:-1000}
PORT=${PORT:-3204}
DB=conectcrm_bench_support
PG=postgres://postgres@127.0.0.1:5432
BASE=http://127.0.0.1:$PORT
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
[ -d web/node_modules ] || (cd web && npm ci --no-audit --no-fund --loglevel=error)
if [ -n "${CONECTCRM_BIN:-}" ]; then BIN=$CONECTCRM_BIN; else SQLX_OFFLINE=true cargo build --release -q --bin conectcrm; BIN=target/release/conectcrm; fi
DATA=$(mktemp -d)
export DATABASE_URL=$PG/$DB CONECTCRM_DATA_DIR=$DATA CONECTCRM_BIND=127.0.0.1:$PORT AUTH_RATE_LIMIT_PER_MINUTE=100000000 RUST_LOG=warn FRONTEND_URL=$BASE
psql "$PG/postgres" -qc "drop database if exists $DB with (force)" -c "create database $DB" >/dev/null
"$BIN" migrate
"$BIN" serve --skip-migrations --no-worker > "$DATA/server.log" 2>&1 &
pid=$!; trap 'kill $pid ${wpid:-} 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 100); do curl -fs "$BASE/health/ready" >/dev/null && break; sleep 0.1; done
# Sign-up answers 202 alike for new and taken addresses; the token comes from logging in.
curl -fs -XPOST "$BASE/api/v1/auth/signup" -H 'content-type: application/json' -d '{"company_name":"Bench","name":"Dono","email":"dono@bench.com.br","password":"bench-senha-2026"}' >/dev/null
TOKEN=$(curl -fs -XPOST "$BASE/api/v1/auth/login" -H 'content-type: application/json' \
  -d '{"email":"dono@bench.com.br","password":"bench-senha-2026"}' | python3 -c 'import json,sys;print(json.load(sys.stdin)["access_token"])')
SECRET=bench-app-secret
CH=$(curl -fs -XPOST "$BASE/api/v1/channels" -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' \
  -d "{\"kind\":\"whatsapp\",\"name\":\"WhatsApp\",\"config\":{\"phone_number_id\":\"106540352242922\"},\"secrets\":{\"access_token\":\"x\",\"app_secret\":\"$SECRET\"}}")
HOOK=/hooks/whatsapp/$(echo "$CH" | python3 -c 'import json,sys;print(json.load(sys.stdin)["public_id"])')
# Distinct signed bodies: 60,000 messages from 5,000 numbers.
python3 - "$SECRET" > "$DATA/bodies.tsv" <<'PY'
import hashlib, hmac, json, sys
secret = sys.argv[1].encode()
for i in range(60000):
    phone = f"55119{80000000 + i % 5000}"
    body = json.dumps({"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [{"field": "messages", "value": {
        "messaging_product": "whatsapp", "metadata": {"display_phone_number": "1", "phone_number_id": "106540352242922"},
        "contacts": [{"profile": {"name": f"Cliente {i % 5000}"}, "wa_id": phone}],
        "messages": [{"from": phone, "id": f"wamid.bench.{i}", "timestamp": "1732870000", "type": "text", "text": {"body": f"Olá, preciso de ajuda com o pedido {i}"}}]}}]}]},
        separators=(",", ":"))
    print("sha256=" + hmac.new(secret, body.encode(), hashlib.sha256).hexdigest() + "\t" + body)
PY
echo "## 1. webhooks accepted (wrk, 2 threads, 32 connections, $DURATION; no worker running)"
wrk -t2 -c32 -d"$DURATION" --latency -s bench/support-webhooks.lua "$BASE$HOOK" -- "$DATA/bodies.tsv" | grep -E "Requests/sec|^ +50%|^ +99%|Non-2xx"
# MESSAGES=N keeps the first N accepted (by id) and drops the rest, so A/B
# runs process the same mix: 5,000 first messages and N − 5,000 follow-ups.
if [ -n "${MESSAGES:-}" ]; then
  psql "$PG/$DB" -qv ON_ERROR_STOP=1 <<SQL
create temp table extra as select id from inbox_events where source_kind = 'channel' order by id offset $MESSAGES;
delete from jobs where kind = 'support.process_inbound' and (payload->>'event_id')::uuid in (select id from extra);
delete from inbox_events where id in (select id from extra);
SQL
fi
stored=$(psql "$PG/$DB" -Atc "select count(*) from inbox_events where source_kind = 'channel'")
echo "stored $stored distinct events"

echo "## 2. processing them into tickets (one worker, concurrency 8)"
"$BIN" worker --concurrency 8 > "$DATA/worker.log" 2>&1 &
wpid=$!
t0=$(date +%s.%N)
while [ "$(psql "$PG/$DB" -Atc "select count(*) from inbox_events where source_kind = 'channel' and status = 'received'")" != 0 ]; do sleep 0.5; done
t1=$(date +%s.%N)
python3 -c "import sys; n=$stored; d=$t1-$t0; print(f'{n} messages in {d:.1f} s = {n/d:.0f} messages/s')"
echo "tickets: $(psql "$PG/$DB" -Atc "select count(*) from tickets"), messages: $(psql "$PG/$DB" -Atc "select count(*) from ticket_messages"), customers: $(psql "$PG/$DB" -Atc "select count(*) from customers")"

kill $wpid; wait $wpid 2>/dev/null || true; unset wpid
# INTAKE_ONLY=1 stops here: A/B runs of two builds' intake.
[ "${INTAKE_ONLY:-}" = 1 ] && exit 0
echo "## 3. webhook → agent's Socket.IO event (one serve process with its worker)"
kill $pid; wait $pid 2>/dev/null || true
"$BIN" serve --skip-migrations > "$DATA/server-worker.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do curl -fs "$BASE/health/ready" >/dev/null && break; sleep 0.1; done
node bench/support-socket.mjs latency "$BASE" "$TOKEN" "$HOOK" "$SECRET" 300

echo "## 4. ticket list at $TICKETS tickets in one company"
psql "$PG/$DB" -qv ON_ERROR_STOP=1 <<SQL
create temp table t as select tenant_id from companies limit 1;
create temp table cust as select id, row_number() over () - 1 as k from customers where tenant_id = (select tenant_id from t);
insert into tenant_counters (tenant_id, name, value) select tenant_id, 'tickets', 10000000 from t
  on conflict (tenant_id, name) do update set value = excluded.value;
insert into tickets (tenant_id, id, number, subject, status, priority, channel_id, customer_id, contact_address,
                     last_message_at, first_response_due, resolution_due, tags)
  select (select tenant_id from t), gen_random_uuid(), 1000000 + g, 'Pedido ' || g,
         (array['open','pending','waiting_customer','resolved','closed'])[1 + g % 5],
         (array['low','normal','high','urgent'])[1 + g % 4],
         (select id from support_channels limit 1), c.id, '+55119' || g, now() - (g || ' seconds')::interval,
         now() + interval '4 hours', now() + interval '1 day', case when g % 10 = 0 then array['vip'] else '{}' end
    from generate_series(1, $TICKETS) g join cust c on c.k = g % (select count(*) from cust);
analyze;
SQL
run() {
  printf '%s\n' "## $1"
  wrk -t2 -c64 -d"$DURATION" --latency -H "Authorization: Bearer $TOKEN" "$BASE$2" | grep -E "Requests/sec|^ +50%|^ +99%|Non-2xx"
}
echo "tickets in the company: $(psql "$PG/$DB" -Atc "select count(*) from tickets")"
run "inbox: all open, latest activity first" "/api/v1/tickets"
run "inbox: unassigned" "/api/v1/tickets?view=unassigned"
run "inbox: tag filter" "/api/v1/tickets?tag=vip"
run "inbox: search by number" "/api/v1/tickets?q=%231042042&status=any"
run "view counts" "/api/v1/tickets/counts"

echo "## 5. idle Socket.IO connections"
node bench/support-socket.mjs idle "$BASE" "$TOKEN" "$SOCKETS" "$pid"
