#!/usr/bin/env bash
# Dashboard load test over loopback (not a test).
#  1. One company with TICKETS tickets, INVOICES invoices (and half as many
#     payments) and DEALS opportunities over the last year, written by SQL.
#  2. `conectcrm analytics rebuild` of that company: records per second.
#  3. Each dashboard request (30 days and this quarter) under wrk: req/s, p50, p99.
#   bench/dashboard.sh   (TICKETS=1000000 INVOICES=1000000 DEALS=100000 DURATION=10s;
#                         CONECTCRM_BIN=path to measure another build)
set -euo pipefail
cd "$(dirname "$0")/.."
TICKETS=${TICKETS:-1000000}
INVOICES=${INVOICES:-1000000}
DEALS=${DEALS:-100000}
DURATION=${DURATION:-10s}
PORT=${PORT:-3206}
DB=conectcrm_bench_dashboard
PG=postgres://postgres@127.0.0.1:5432
BASE=http://127.0.0.1:$PORT
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
if [ -n "${CONECTCRM_BIN:-}" ]; then BIN=$CONECTCRM_BIN; else SQLX_OFFLINE=true cargo build --release -q --bin conectcrm; BIN=target/release/conectcrm; fi
DATA=$(mktemp -d)
export DATABASE_URL=$PG/$DB CONECTCRM_DATA_DIR=$DATA CONECTCRM_BIND=127.0.0.1:$PORT AUTH_RATE_LIMIT_PER_MINUTE=100000000 RUST_LOG=warn FRONTEND_URL=$BASE
psql "$PG/postgres" -qc "drop database if exists $DB with (force)" -c "create database $DB" >/dev/null
"$BIN" migrate
"$BIN" serve --skip-migrations --no-worker > "$DATA/server.log" 2>&1 &
pid=$!; trap 'kill $pid 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 100); do curl -fs "$BASE/health/ready" >/dev/null && break; sleep 0.1; done
curl -fs -XPOST "$BASE/api/v1/auth/signup" -H 'content-type: application/json' -d '{"company_name":"Bench","name":"Dono","email":"dono@bench.com.br","password":"bench-senha-2026"}' >/dev/null
TOKEN=$(curl -fs -XPOST "$BASE/api/v1/auth/login" -H 'content-type: application/json' \
  -d '{"email":"dono@bench.com.br","password":"bench-senha-2026"}' | python3 -c 'import json,sys;print(json.load(sys.stdin)["access_token"])')
curl -fs -XPOST "$BASE/api/v1/channels" -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' \
  -d '{"kind":"whatsapp","name":"WhatsApp","config":{"phone_number_id":"1"},"secrets":{"access_token":"x","app_secret":"y"}}' >/dev/null
"$BIN" worker --concurrency 2 > "$DATA/worker.log" 2>&1 & wpid=$!
sleep 3; kill $wpid; wait $wpid 2>/dev/null || true   # the default pipeline
TENANT=$(psql "$PG/$DB" -Atc "select tenant_id from companies limit 1")

echo "## 1. writing $TICKETS tickets, $INVOICES invoices, $((INVOICES / 2)) payments, $DEALS deals"
t0=$(date +%s)
psql "$PG/$DB" -qv ON_ERROR_STOP=1 -v t="$TENANT" -v tickets="$TICKETS" -v invoices="$INVOICES" -v deals="$DEALS" <<'SQL'
insert into customers (tenant_id, id, kind, name)
select :'t', gen_random_uuid(), 'person', 'Cliente ' || i from generate_series(1, 20000) i;
create temp table c as select id, row_number() over () as n from customers where tenant_id = :'t';
create unique index on c (n);
create temp table u as select id, row_number() over () - 1 as n from users where tenant_id = :'t';
analyze c;
analyze u;
insert into tickets (tenant_id, id, number, subject, status, category, sentiment, channel_id, customer_id, contact_address,
                     assignee_id, first_response_due, resolution_due, first_response_at, resolved_at, sla_breached_at,
                     csat_score, csat_requested_at, created_at)
select :'t', gen_random_uuid(), i, 'Assunto ' || i,
       case when i % 20 = 0 then 'open' else 'resolved' end,
       (array['Financeiro', 'Suporte', 'Comercial', null])[1 + i % 4],
       (array['negative', 'neutral', 'positive', 'very_negative', null])[1 + i % 5],
       (select id from support_channels where tenant_id = :'t' limit 1),
       (select id from c where n = 1 + i % 20000), '5511' || i,
       (select id from u limit 1),
       at + interval '1 hour', at + interval '1 day',
       at + (i % 240) * interval '1 minute', at + (i % 3000) * interval '1 minute',
       case when i % 7 = 0 then at + interval '1 day' end,
       case when i % 3 = 0 then 1 + i % 5 end, at + interval '2 days', at
  from (select i, now() - (i % 365) * interval '1 day' - (i % 86400) * interval '1 second' as at
          from generate_series(1, :tickets) i) g;
insert into opportunities (tenant_id, id, customer_id, pipeline_id, stage_id, title, value_cents, owner_id, created_at, stage_entered_at)
select :'t', gen_random_uuid(), (select id from c where n = 1 + i % 20000), s.pipeline_id, s.id, 'Negócio ' || i,
       1000 + i % 500000, (select id from u limit 1), now() - (i % 365) * interval '1 day', now() - (i % 180) * interval '1 day'
  from generate_series(1, :deals) i
  join lateral (select id, pipeline_id from pipeline_stages where tenant_id = :'t' order by position offset i % 5 limit 1) s on true;
insert into invoices (tenant_id, id, number, customer_id, status, issue_date, due_date, subtotal_cents, total_cents, paid_cents)
select :'t', gen_random_uuid(), i, (select id from c where n = 1 + i % 20000),
       case when i % 2 = 0 then 'paid' when i % 11 = 0 then 'cancelled' else 'open' end,
       current_date - i % 365, current_date - i % 365 + 10, 5000 + i % 90000, 5000 + i % 90000,
       case when i % 2 = 0 then 5000 + i % 90000 else 0 end
  from generate_series(1, :invoices) i;
insert into payments (tenant_id, id, customer_id, method, amount_cents, received_on)
select :'t', gen_random_uuid(), (select id from c where n = 1 + i % 20000),
       (array['pix', 'boleto', 'card', 'transfer'])[1 + i % 4], 5000 + i % 90000, current_date - i % 365
  from generate_series(1, :invoices / 2) i;
analyze;
SQL
echo "written in $(( $(date +%s) - t0 )) s"

echo "## 2. analytics rebuild"
t0=$(date +%s.%N)
"$BIN" analytics rebuild --company "$TENANT"
t1=$(date +%s.%N)
records=$((TICKETS + INVOICES + INVOICES / 2 + DEALS))
python3 -c "d=$t1-$t0; print(f'{$records} records in {d:.1f} s = {$records/d:.0f} records/s')"
echo "rollup rows: $(psql "$PG/$DB" -Atc "select count(*) from analytics_daily"), facts: $(psql "$PG/$DB" -Atc "select count(*) from analytics_facts")"

echo "## 3. dashboard requests (wrk, 2 threads, 16 connections, $DURATION)"
for path in "support?period=30d" "support?period=quarter" "sales?period=30d" "finance?period=30d" "agents?period=30d"; do
  echo "### /api/v1/dashboard/$path"
  wrk -t2 -c16 -d"$DURATION" --latency -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/dashboard/$path" \
    | grep -E "Requests/sec|^ +50%|^ +99%|Non-2xx"
done
