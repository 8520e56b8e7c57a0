#!/usr/bin/env bash
# A scheduled flow over invoices at scale (not a test): two companies with
# INVOICES open invoices each, all due in three days; company A has the
# flow "3 dias antes do vencimento" (its action sets a custom field of the
# invoice's customer, so every run writes). Its schedule's time is made due
# and one `conectcrm worker` fans out and runs it. Prints invoices run per
# second from the firing to the last run finished, the worker's peak
# memory, and checks that company B's invoices were never read (no runs,
# no events of B).
#   bench/automation-invoices.sh   (INVOICES=100000 CONCURRENCY=8; CONECTCRM_BIN to skip the release build)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
INVOICES=${INVOICES:-100000}
CONCURRENCY=${CONCURRENCY:-8}
PORT=${PORT:-3211}
DB=conectcrm_bench_automation_invoices
DATA=$(mktemp -d)
bench_binary
bench_start
trap 'kill $server_pid ${wpid:-} 2>/dev/null || true; rm -rf "$DATA"' EXIT
read -r TENANT TOKEN < <(bench_company "Bench A" "dono@a.bench.com.br")
read -r OTHER _ < <(bench_company "Bench B" "dono@b.bench.com.br")
# INVOICES runs in a month: past the starter plan's automation limit.
"$BIN" plan set --company "$TENANT" --plan enterprise >/dev/null
bench_api /custom-fields '{"key":"lembrete","label":"Lembrete","field_type":"text"}' >/dev/null

echo "## $INVOICES open invoices due in 3 days in each of two companies (20,000 customers each)"
t0=$(date +%s)
for t in "$TENANT" "$OTHER"; do
  psql "$PG/$DB" -qv ON_ERROR_STOP=1 -v t="$t" -v invoices="$INVOICES" <<'SQL'
insert into customers (tenant_id, id, kind, name)
select :'t', gen_random_uuid(), 'person', 'Cliente ' || i from generate_series(1, 20000) i;
create temp table c as select id, row_number() over () as n from customers where tenant_id = :'t';
create unique index on c (n);
analyze c;
insert into invoices (tenant_id, id, number, customer_id, status, issue_date, due_date, subtotal_cents, total_cents, paid_cents)
select :'t', gen_random_uuid(), i, (select id from c where n = 1 + i % 20000), 'open',
       current_date, current_date + 3, 5000 + i % 90000, 5000 + i % 90000, 0
  from generate_series(1, :invoices) i;
SQL
done
psql "$PG/$DB" -qc "analyze" >/dev/null
echo "written in $(( $(date +%s) - t0 )) s"

# Fires at 09:00 in São Paulo; the time is made due now, and its day (for
# "due in 3 days") is read from that time, so the invoices are due on the
# firing day + 3 whatever the hour of the run.
flow=$(bench_api /automation/flows '{"name":"3 dias antes","trigger_kind":"FlowInvoiceDue","schedule":"0 9 * * *",
  "conditions":{"all":[{"field":"days_to_due","op":"equals","value":3}]},
  "actions":[{"type":"set_custom_field","key":"lembrete","value":"fatura {{fatura.label}} vence em 3 dias"}]}' \
  | python3 -c 'import json,sys;print(json.load(sys.stdin)["id"])')
bench_api "/automation/flows/$flow/activate" '{}' >/dev/null
day=$(psql "$PG/$DB" -Atc "select ((payload->>'at')::timestamptz at time zone 'America/Sao_Paulo')::date from jobs where kind = 'automation.schedule_tick'")
psql "$PG/$DB" -qc "update invoices set due_date = date '$day' + 3" -c "analyze invoices" >/dev/null

echo "## the firing: fan-out and $INVOICES runs, worker concurrency $CONCURRENCY"
psql "$PG/$DB" -qc "update jobs set run_at = now() where kind = 'automation.schedule_tick'"
"$BIN" worker --concurrency "$CONCURRENCY" > "$DATA/worker.log" 2>&1 &
wpid=$!
t0=$(date +%s.%N); peak=0
while :; do
  done_runs=$(psql "$PG/$DB" -Atc "select count(*) from automation_runs where flow_id = '$flow' and finished_at is not null")
  rss=$(awk '/VmHWM/ {print $2}' /proc/$wpid/status 2>/dev/null || echo 0)
  [ "$rss" -gt "$peak" ] && peak=$rss
  [ "$done_runs" -ge "$INVOICES" ] && break
  kill -0 $wpid 2>/dev/null || { echo "the worker died:"; tail -n 40 "$DATA/worker.log"; exit 1; }
  sleep 1
done
t1=$(date +%s.%N)
kill $wpid; wait $wpid 2>/dev/null || true; unset wpid
python3 -c "import sys; t=float(sys.argv[2])-float(sys.argv[1]); n=int(sys.argv[3]); print(f'{n} invoices run in {t:.1f} s = {n/t:.0f} runs/s; worker peak RSS {int(sys.argv[4])/1024:.0f} MiB')" "$t0" "$t1" "$INVOICES" "$peak"
echo "runs: $(psql "$PG/$DB" -Atc "select status || ' ' || count(*) from automation_runs group by status" | tr '\n' ' ')"
echo "customers written: $(psql "$PG/$DB" -Atc "select count(*) from customers where tenant_id = '$TENANT' and custom_fields ? 'lembrete'")"
echo "company B: runs $(psql "$PG/$DB" -Atc "select count(*) from automation_runs where tenant_id = '$OTHER'"), events $(psql "$PG/$DB" -Atc "select count(*) from outbox_events where tenant_id = '$OTHER' and kind = 'FlowInvoiceDue'")"
echo "fan-out pages: $(psql "$PG/$DB" -Atc "select count(*) from jobs where kind = 'automation.fan_out_invoices'")"
