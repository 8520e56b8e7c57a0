#!/usr/bin/env bash
# Service bot load test over loopback (not a test).
#  1. Bot answers per second: MESSAGES signed WhatsApp "oi" webhooks from
#     distinct numbers are accepted with no worker running; then one worker
#     (concurrency 8) turns them into tickets and the bot answers each.
#  2. Added latency: for SEQUENTIAL messages sent one at a time to a server
#     with its worker, the time from the webhook's arrival (inbox row) to the
#     bot's reply being queued (its message row), p50/p99 — the part the bot
#     adds is the reply minus the customer's stored message.
# No LLM; replies go to this server instead of Meta and fail at once (not measured).
#   bench/bot.sh   (MESSAGES=2000 SEQUENTIAL=200; CONECTCRM_BIN=path to measure another build)
set -euo pipefail
cd "$(dirname "$0")/.."
MESSAGES=${MESSAGES:-2000}
SEQUENTIAL=${SEQUENTIAL:-200}
PORT=${PORT:-3205}
DB=conectcrm_bench_bot
PG=postgres://postgres@127.0.0.1:5432
BASE=http://127.0.0.1:$PORT
if [ -n "${CONECTCRM_BIN:-}" ]; then BIN=$CONECTCRM_BIN; else SQLX_OFFLINE=true cargo build --release -q --bin conectcrm; BIN=target/release/conectcrm; fi
DATA=$(mktemp -d)
# Replies are "delivered" to this server itself (a quick 404): offline, a
# send to Meta would wait for its timeout and hold the worker's slots.
export DATABASE_URL=$PG/$DB CONECTCRM_DATA_DIR=$DATA CONECTCRM_BIND=127.0.0.1:$PORT AUTH_RATE_LIMIT_PER_MINUTE=100000000 RUST_LOG=warn FRONTEND_URL=$BASE \
  EGRESS_ALLOW_HOSTS=127.0.0.1:$PORT
psql "$PG/postgres" -qc "drop database if exists $DB with (force)" -c "create database $DB" >/dev/null
"$BIN" migrate
"$BIN" serve --skip-migrations --no-worker > "$DATA/server.log" 2>&1 &
pid=$!; trap 'kill $pid ${wpid:-} 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 100); do curl -fs "$BASE/health/ready" >/dev/null && break; sleep 0.1; done
curl -fs -XPOST "$BASE/api/v1/auth/signup" -H 'content-type: application/json' -d '{"company_name":"Bench Bot","name":"Dono","email":"dono@bot.com.br","password":"bench-senha-2026"}' >/dev/null
TOKEN=$(curl -fs -XPOST "$BASE/api/v1/auth/login" -H 'content-type: application/json' \
  -d '{"email":"dono@bot.com.br","password":"bench-senha-2026"}' | python3 -c 'import json,sys;print(json.load(sys.stdin)["access_token"])')
SECRET=bench-app-secret
CH=$(curl -fs -XPOST "$BASE/api/v1/channels" -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' \
  -d "{\"kind\":\"whatsapp\",\"name\":\"WhatsApp\",\"config\":{\"phone_number_id\":\"106540352242922\",\"base_url\":\"$BASE\"},\"secrets\":{\"access_token\":\"x\",\"app_secret\":\"$SECRET\"}}")
HOOK=$BASE/hooks/whatsapp/$(echo "$CH" | python3 -c 'import json,sys;print(json.load(sys.stdin)["public_id"])')
curl -fs -XPUT "$BASE/api/v1/bot/settings" -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' \
  -d '{"enabled":true,"channels":["whatsapp"],"greeting":"Olá! Aqui é o assistente da {{empresa}}.","menu":[{"label":"2ª via","action":"invoices"},{"label":"Atendente","action":"human"}],"faq":[{"question":"Qual o horário?","answer":"Das 8h às 18h."}],"max_misunderstandings":2}' >/dev/null

# Signed bodies: "oi" from MESSAGES + SEQUENTIAL distinct numbers.
python3 - "$SECRET" "$MESSAGES" "$SEQUENTIAL" "$DATA" <<'PY'
import hashlib, hmac, json, sys
secret, n, seq, out = sys.argv[1].encode(), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
def body(i):
    phone = f"55119{70000000 + i}"
    return json.dumps({"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [{"field": "messages", "value": {
        "messaging_product": "whatsapp", "metadata": {"display_phone_number": "1", "phone_number_id": "106540352242922"},
        "contacts": [{"profile": {"name": f"Cliente {i}"}, "wa_id": phone}],
        "messages": [{"from": phone, "id": f"wamid.bot.{i}", "timestamp": "1732870000", "type": "text", "text": {"body": "oi"}}]}}]}]},
        separators=(",", ":"))
for name, rng in (("burst", range(n)), ("seq", range(n, n + seq))):
    with open(f"{out}/{name}.tsv", "w") as f:
        for i in rng:
            b = body(i)
            f.write("sha256=" + hmac.new(secret, b.encode(), hashlib.sha256).hexdigest() + "\t" + b + "\n")
PY
post() { curl -fs -o /dev/null -XPOST "$HOOK" -H 'content-type: application/json' -H "x-hub-signature-256: $1" --data-binary "$2"; }

echo "## 1. bot answers per second ($MESSAGES new conversations, one worker, concurrency 8)"
while IFS=$'\t' read -r sig body; do post "$sig" "$body"; done < "$DATA/burst.tsv"
"$BIN" worker --concurrency 8 > "$DATA/worker.log" 2>&1 &
wpid=$!
t0=$(date +%s.%N)
answered() { psql "$PG/$DB" -Atc "select count(*) from ticket_messages where direction = 'out' and author_name = 'Bot IA'"; }
while [ "$(answered)" -lt "$MESSAGES" ]; do sleep 0.5; done
t1=$(date +%s.%N)
python3 -c "n=$MESSAGES; d=$t1-$t0; print(f'{n} messages answered in {d:.1f} s = {n/d:.0f} answers/s (intake included)')"

echo "## 2. latency, one message at a time ($SEQUENTIAL)"
while IFS=$'\t' read -r sig body; do
  post "$sig" "$body"
  id=$(echo "$body" | python3 -c 'import json,sys;print(json.load(sys.stdin)["entry"][0]["changes"][0]["value"]["messages"][0]["id"])')
  for _ in $(seq 1 200); do
    [ "$(psql "$PG/$DB" -Atc "select count(*) from ticket_messages b join ticket_messages m on m.ticket_id = b.ticket_id
         where m.provider_message_id = '$id' and b.author_name = 'Bot IA'")" = 1 ] && break
    sleep 0.02
  done
done < "$DATA/seq.tsv"
psql "$PG/$DB" -At <<SQL
with s as (
  select extract(epoch from b.created_at - e.received_at) * 1000 as webhook_to_reply,
         extract(epoch from b.created_at - m.created_at) * 1000 as message_to_reply
    from ticket_messages m
    join ticket_messages b on b.ticket_id = m.ticket_id and b.author_name = 'Bot IA'
    join inbox_events e on e.event_id = 'msg:' || m.provider_message_id
   where m.direction = 'in' and m.provider_message_id like 'wamid.bot.%'
     and substr(m.provider_message_id, 11)::int >= $MESSAGES)
select format('webhook → bot reply queued: p50 %s ms, p99 %s ms; customer message stored → bot reply: p50 %s ms, p99 %s ms (n=%s)',
              round(percentile_cont(0.5) within group (order by webhook_to_reply)::numeric, 1),
              round(percentile_cont(0.99) within group (order by webhook_to_reply)::numeric, 1),
              round(percentile_cont(0.5) within group (order by message_to_reply)::numeric, 1),
              round(percentile_cont(0.99) within group (order by message_to_reply)::numeric, 1),
              count(*))
  from s;
SQL
