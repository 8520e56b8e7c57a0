#!/usr/bin/env bash
# Automation load test over loopback (not a test).
#  1. One company with FLOWS active flows spread over 10 event kinds (5 of
#     them on TicketStatusChanged, their conditions not met by the events);
#     EVENTS TicketStatusChanged events committed to the outbox at once;
#     one `conectcrm worker` evaluates them. Prints events evaluated per
#     second (each one: the company's flows of its kind by index, the
#     conditions, a recorded run per flow) and the worker's peak memory.
#  2. The same number of events of a kind no flow listens to: the cost of
#     automation for an event that matches nothing.
#  3. Latency: one more flow whose conditions hold (its action e-mails the
#     owner), LATENCY_EVENTS events committed one by one at ~20/s; p50/p99
#     from the event's commit to the run claimed and to its first action done.
#   bench/automation.sh   (FLOWS=50 EVENTS=10000 LATENCY_EVENTS=200 CONCURRENCY=8)
set -euo pipefail
cd "$(dirname "$0")/.."
FLOWS=${FLOWS:-50}
EVENTS=${EVENTS:-10000}
LATENCY_EVENTS=${LATENCY_EVENTS:-200}
CONCURRENCY=${CONCURRENCY:-8}
PORT=${PORT:-3207}
DB=conectcrm_bench_automation
PG=postgres://postgres@127.0.0.1:5432
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
"$BIN" serve --skip-migrations --no-worker > "$DATA/server.log" 2>&1 &
pid=$!; trap 'kill $pid ${wpid:-} 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/health/ready" >/dev/null && break; sleep 0.1; done
curl -fs -XPOST "http://127.0.0.1:$PORT/api/v1/auth/signup" -H 'content-type: application/json' \
  -d '{"company_name":"Bench","name":"Dono","email":"dono@bench.com.br","password":"bench-senha-2026"}' >/dev/null
TOKEN=$(curl -fs -XPOST "http://127.0.0.1:$PORT/api/v1/auth/login" -H 'content-type: application/json' \
  -d '{"email":"dono@bench.com.br","password":"bench-senha-2026"}' | python3 -c 'import json,sys;print(json.load(sys.stdin)["access_token"])')
TENANT=$(psql "$PG/$DB" -Atc "select tenant_id from companies where name = 'Bench'")
OWNER=$(psql "$PG/$DB" -Atc "select id from users where tenant_id = '$TENANT'")
# 50 active flows and their runs: past the starter plan's automation limits.
"$BIN" plan set --company "$TENANT" --plan enterprise >/dev/null
api() { curl -fs -XPOST "http://127.0.0.1:$PORT/api/v1$1" -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' -d "$2"; }
flow_id() { python3 -c 'import json,sys;print(json.load(sys.stdin)["id"])'; }

echo "## $FLOWS active flows over 10 kinds"
kinds=(TicketStatusChanged NoteAdded MessageQueued TicketAssigned CsatReceived SlaBreached MessageReceived TicketCreated TicketResolved MessageStatusChanged)
for i in $(seq 0 $((FLOWS - 1))); do
  kind=${kinds[$((i % 10))]}
  body=$(printf '{"name":"Fluxo %d","trigger_kind":"%s","conditions":{"all":[{"field":"ticket_id","op":"equals","value":"00000000-0000-0000-0000-%012d"}]},"actions":[{"type":"add_tags","tags":["bench"]}]}' "$i" "$kind" "$i")
  id=$(api /automation/flows "$body" | flow_id)
  api "/automation/flows/$id/activate" '{}' >/dev/null
done

emit() { # kind, count, payload expression (per g)
  psql "$PG/$DB" -qv ON_ERROR_STOP=1 -c "insert into outbox_events (event_id, tenant_id, kind, version, payload)
    select gen_random_uuid(), '$TENANT', '$1', 1, $3 from generate_series(1, $2) g" -c "select pg_notify('conectcrm_outbox', '')" >/dev/null
}
measure() { # label, job count expected
  "$BIN" worker --concurrency "$CONCURRENCY" > "$DATA/worker.log" 2>&1 &
  wpid=$!
  local t0 t1 peak=0 left rss
  t0=$(date +%s.%N)
  while :; do
    left=$(psql "$PG/$DB" -Atc "select (select count(*) from outbox_events where dispatched_at is null) + (select count(*) from jobs where done_at is null and dead_at is null and run_at <= now())")
    rss=$(awk '/VmHWM/ {print $2}' /proc/$wpid/status 2>/dev/null || echo 0)
    [ "$rss" -gt "$peak" ] && peak=$rss
    [ "$left" = 0 ] && break
    sleep 0.5
  done
  t1=$(date +%s.%N)
  kill $wpid; wait $wpid 2>/dev/null || true; unset wpid
  python3 -c "import sys; t=float(sys.argv[2])-float(sys.argv[1]); print(f'$1: {int(sys.argv[3])} events in {t:.1f} s = {int(sys.argv[3])/t:.0f} events/s; worker peak RSS {int(sys.argv[4])/1024:.0f} MiB')" "$t0" "$t1" "$2" "$peak"
}

echo "## $EVENTS TicketStatusChanged events, 5 flows on that kind (conditions not met)"
emit TicketStatusChanged "$EVENTS" "jsonb_build_object('ticket_id', gen_random_uuid(), 'status', 'open')"
measure "evaluated" "$EVENTS"
echo "runs recorded: $(psql "$PG/$DB" -Atc "select status || ' ' || count(*) from automation_runs group by status" | tr '\n' ' ')"

echo "## $EVENTS UserUpdated events, no flow on that kind"
emit UserUpdated "$EVENTS" "jsonb_build_object('user_id', '$OWNER', 'name', 'Dono', 'role', 'owner')"
measure "no flow of the kind" "$EVENTS"

echo "## latency: one matching flow (e-mails the owner), $LATENCY_EVENTS events at ~20/s"
id=$(api /automation/flows "{\"name\":\"Avisar\",\"trigger_kind\":\"CsatReceived\",\"conditions\":{\"all\":[{\"field\":\"score\",\"op\":\"less_than\",\"value\":3}]},\"actions\":[{\"type\":\"notify\",\"user_ids\":[\"$OWNER\"],\"subject\":\"Nota {{score}}\",\"text\":\"Ticket {{ticket_id}}\"}]}" | flow_id)
api "/automation/flows/$id/activate" '{}' >/dev/null
"$BIN" worker --concurrency "$CONCURRENCY" > "$DATA/worker.log" 2>&1 &
wpid=$!
sleep 1
for _ in $(seq 1 "$LATENCY_EVENTS"); do
  emit CsatReceived 1 "jsonb_build_object('ticket_id', gen_random_uuid(), 'score', 1)"
  sleep 0.05
done
while [ "$(psql "$PG/$DB" -Atc "select count(*) from automation_runs where flow_id = '$id' and finished_at is not null")" -lt "$LATENCY_EVENTS" ]; do sleep 0.5; done
kill $wpid; wait $wpid 2>/dev/null || true; unset wpid
psql "$PG/$DB" -At -F' ' -c "select 'commit → run claimed: p50 ' || round(percentile_cont(0.5) within group (order by ms))::text || ' ms, p99 ' || round(percentile_cont(0.99) within group (order by ms))::text || ' ms'
  from (select extract(epoch from r.started_at - e.created_at) * 1000 as ms from automation_runs r join outbox_events e using (event_id) where r.flow_id = '$id') x" \
  -c "select 'commit → first action done: p50 ' || round(percentile_cont(0.5) within group (order by ms))::text || ' ms, p99 ' || round(percentile_cont(0.99) within group (order by ms))::text || ' ms'
  from (select extract(epoch from r.finished_at - e.created_at) * 1000 as ms from automation_runs r join outbox_events e using (event_id) where r.flow_id = '$id' and r.status = 'succeeded') x"
