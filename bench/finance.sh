#!/usr/bin/env bash
# Finance load test over loopback (not a test).
#  1. The billing run: SUBSCRIPTIONS subscriptions across COMPANIES companies,
#     each with a period due today and its billing job queued (as the server
#     queues them); one `conectcrm worker` process bills them all. Prints the
#     time and the worker's peak memory (VmHWM).
#  2. One company with INVOICES invoices (15 % open, 5 % overdue-ish): wrk on
#     the invoice list, the overdue filter, a search and the receivables view.
#   bench/finance.sh   (COMPANIES=1000 SUBSCRIPTIONS=100000 INVOICES=1000000 DURATION=10s)
set -euo pipefail
cd "$(dirname "$0")/.."
COMPANIES=${COMPANIES:-1000}
SUBSCRIPTIONS=${SUBSCRIPTIONS:-100000}
INVOICES=${INVOICES:-1000000}
DURATION=${DURATION:-10s}
CONCURRENCY=${CONCURRENCY:-8}
PORT=${PORT:-3203}
DB=conectcrm_bench_finance
PG=postgres://postgres@127.0.0.1:5432
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
if [ -n "${CONECTCRM_BIN:-}" ]; then
  BIN=$CONECTCRM_BIN
else
  SQLX_OFFLINE=true cargo build --release -q --bin conectcrm
  BIN=target/release/conectcrm
fi
DATA=$(mktemp -d)
export DATABASE_URL=$PG/$DB CONECTCRM_DATA_DIR=$DATA CONECTCRM_BIND=127.0.0.1:$PORT AUTH_RATE_LIMIT_PER_MINUTE=100000000 RUST_LOG=warn
psql "$PG/postgres" -qc "drop database if exists $DB with (force)" -c "create database $DB" >/dev/null
"$BIN" migrate
# The API without a worker: billing jobs wait for the measured worker below.
"$BIN" serve --skip-migrations --no-worker > "$DATA/server.log" 2>&1 &
pid=$!; trap 'kill $pid ${wpid:-} 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/health/ready" >/dev/null && break; sleep 0.1; done
curl -fs -XPOST "http://127.0.0.1:$PORT/api/v1/auth/signup" -H 'content-type: application/json' \
  -d '{"company_name":"Bench 0","name":"Dono","email":"dono0@bench.com.br","password":"bench-senha-2026"}' >/dev/null
echo "## generating $COMPANIES companies, $SUBSCRIPTIONS subscriptions due today, $INVOICES invoices …"
start=$(date +%s)
psql "$PG/$DB" -qv ON_ERROR_STOP=1 <<SQL
with c as (select gen_random_uuid() as id, g from generate_series(1, $COMPANIES - 1) g)
insert into companies (tenant_id, name, plan_code) select id, 'Bench ' || g, 'pro' from c;
create temp table tenants as select tenant_id, row_number() over (order by name) - 1 as k from companies;
insert into customers (tenant_id, id, kind, name, emails, status)
  select t.tenant_id, gen_random_uuid(), 'person', 'Cliente ' || g, array['c' || g || '@exemplo.com.br'], 'active'
    from generate_series(1, $SUBSCRIPTIONS) g join tenants t on t.k = g % $COMPANIES;
-- Every subscription's next period starts today (company timezone: São Paulo).
insert into subscriptions (tenant_id, id, customer_id, description, amount_cents, interval_months, anchor_day,
                           first_period_start, next_period_start)
  select tenant_id, gen_random_uuid(), id, 'Plano mensal', 9990 + (abs(hashtext(id::text)) % 20000), 1,
         extract(day from (now() at time zone 'America/Sao_Paulo'))::int,
         (now() at time zone 'America/Sao_Paulo')::date, (now() at time zone 'America/Sao_Paulo')::date
    from customers;
insert into jobs (kind, tenant_id, payload, dedupe_key)
  select 'finance.bill_subscription', tenant_id, jsonb_build_object('subscription_id', id), 'bench:' || id from subscriptions;
-- The invoice history of one company.
create temp table bench0 as select tenant_id from companies where name = 'Bench 0';
insert into customers (tenant_id, id, kind, name, emails, status)
  select (select tenant_id from bench0), gen_random_uuid(), 'company', 'Empresa ' || g, array['e' || g || '@exemplo.com.br'], 'active'
    from generate_series(1, 2000) g;
create temp table b0c as select id, row_number() over () - 1 as k from customers where tenant_id = (select tenant_id from bench0);
insert into tenant_counters (tenant_id, name, value) values ((select tenant_id from bench0), 'invoices', $INVOICES)
  on conflict (tenant_id, name) do update set value = excluded.value;
insert into invoices (tenant_id, id, number, customer_id, status, issue_date, due_date, description, subtotal_cents,
                      total_cents, paid_cents, paid_at)
  select (select tenant_id from bench0), gen_random_uuid(), g, c.id,
         case when g % 20 < 16 then 'paid' when g % 20 < 19 then 'open' else 'cancelled' end,
         current_date - (($INVOICES - g) / 1000)::int, current_date - (($INVOICES - g) / 1000)::int + 10,
         'Mensalidade', 10000 + g % 9000, 10000 + g % 9000,
         case when g % 20 < 16 then 10000 + g % 9000 else 0 end,
         case when g % 20 < 16 then now() else null end
    from generate_series(1, $INVOICES) g join b0c c on c.k = g % 2000
   order by g;
insert into invoice_items (tenant_id, id, invoice_id, position, description, quantity_milli, unit_price_cents, total_cents)
  select tenant_id, gen_random_uuid(), id, 0, 'Mensalidade', 1000, total_cents, total_cents from invoices;
analyze;
SQL
echo "generated in $(( $(date +%s) - start )) s"

echo "## billing run: $SUBSCRIPTIONS subscriptions, one worker process, concurrency $CONCURRENCY"
"$BIN" worker --concurrency "$CONCURRENCY" > "$DATA/worker.log" 2>&1 &
wpid=$!
t0=$(date +%s.%N)
peak=0
while :; do
  left=$(psql "$PG/$DB" -Atc "select count(*) from jobs where kind = 'finance.bill_subscription' and done_at is null and dead_at is null and run_at <= now()")
  rss=$(awk '/VmHWM/ {print $2}' /proc/$wpid/status 2>/dev/null || echo 0)
  [ "$rss" -gt "$peak" ] && peak=$rss
  [ "$left" = 0 ] && break
  sleep 1
done
t1=$(date +%s.%N)
billed=$(psql "$PG/$DB" -Atc "select count(*) from invoices where subscription_id is not null")
dead=$(psql "$PG/$DB" -Atc "select count(*) from jobs where dead_at is not null")
python3 - "$t0" "$t1" "$billed" "$peak" "$dead" <<'PY'
import sys
t0, t1, billed, peak, dead = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
print(f"billed {billed} invoices in {t1 - t0:.1f} s = {billed / (t1 - t0):.0f}/s; worker peak RSS {peak / 1024:.0f} MiB; dead jobs {dead}")
PY
kill $wpid; wait $wpid 2>/dev/null || true; unset wpid
# Billing again bills nothing (every period is keyed).
psql "$PG/$DB" -qc "update jobs set done_at = null, run_at = now() where kind = 'finance.bill_subscription'" >/dev/null
"$BIN" worker --concurrency "$CONCURRENCY" > "$DATA/worker2.log" 2>&1 &
wpid=$!
while [ "$(psql "$PG/$DB" -Atc "select count(*) from jobs where kind = 'finance.bill_subscription' and done_at is null and dead_at is null")" != 0 ]; do sleep 1; done
kill $wpid; wait $wpid 2>/dev/null || true; unset wpid
echo "after a second run over every job: $(psql "$PG/$DB" -Atc "select count(*) from invoices where subscription_id is not null") subscription invoices (unchanged)"

TOKEN=$(curl -fs -XPOST "http://127.0.0.1:$PORT/api/v1/auth/login" -H 'content-type: application/json' \
  -d '{"email":"dono0@bench.com.br","password":"bench-senha-2026"}' | python3 -c 'import json,sys;print(json.load(sys.stdin)["access_token"])')
run() {
  printf '%s\n' "## $1"
  wrk -t2 -c64 -d"$DURATION" --latency -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT$2" | grep -E "Requests/sec|^ +50%|^ +99%|Non-2xx"
}
echo "invoices in the bench company: $(psql "$PG/$DB" -Atc "select count(*) from invoices i join companies c using (tenant_id) where c.name = 'Bench 0'")"
run "invoice list, newest first, 50" "/api/v1/invoices"
run "overdue filter" "/api/v1/invoices?status=overdue"
run "search by number" "/api/v1/invoices?q=FAT-0424242"
run "receivables view" "/api/v1/finance/receivables"
run "summary: cash by month, MRR" "/api/v1/finance/summary"
