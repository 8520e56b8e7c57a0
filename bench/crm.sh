#!/usr/bin/env bash
# CRM load test over loopback (not a test). Generates 1,000 companies with
# 1,000,000 customers, and one company with 5,000 open opportunities on
# its board, then measures with wrk at 64
# connections: full-text search, the list, the customer page, its
# timeline and the kanban board. Prints numbers for docs/PERFORMANCE.md.
#   bench/crm.sh               (CUSTOMERS=1000000 COMPANIES=1000 DURATION=15s)
set -euo pipefail
cd "$(dirname "$0")/.."
COMPANIES=${COMPANIES:-1000}
CUSTOMERS=${CUSTOMERS:-1000000}
DURATION=${DURATION:-15s}
PORT=${PORT:-3202}
DB=conectcrm_bench_crm
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
DATA=$(mktemp -d)
export DATABASE_URL=$PG/$DB CONECTCRM_DATA_DIR=$DATA CONECTCRM_BIND=127.0.0.1:$PORT AUTH_RATE_LIMIT_PER_MINUTE=100000000 RUST_LOG=warn
psql "$PG/postgres" -qc "drop database if exists $DB with (force)" -c "create database $DB" >/dev/null
"$BIN" migrate
"$BIN" serve --skip-migrations > "$DATA/server.log" 2>&1 &
pid=$!; trap 'kill $pid 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/health/ready" >/dev/null && break; sleep 0.1; done
# One real signup gives a real password hash to copy to every generated owner.
curl -fs -XPOST "http://127.0.0.1:$PORT/api/v1/auth/signup" -H 'content-type: application/json' \
  -d '{"company_name":"Bench 0","name":"Dono","email":"dono0@bench.com.br","password":"bench-senha-2026"}' >/dev/null
echo "## generating $COMPANIES companies, $CUSTOMERS customers …"
start=$(date +%s)
psql "$PG/$DB" -qv ON_ERROR_STOP=1 <<SQL
create temp table first_names(n) as select unnest(array['Ana','João','Maria','José','Francisca','Antônio','Adriana','Carlos','Juliana','Paulo','Márcia','Lucas','Fernanda','Rafael','Patrícia','Gabriel','Aline','Bruno','Camila','Diego']);
create temp table last_names(n) as select unnest(array['Silva','Santos','Oliveira','Souza','Rodrigues','Ferreira','Alves','Pereira','Lima','Gomes','Costa','Ribeiro','Martins','Carvalho','Araújo','Melo','Barbosa','Rocha','Dias','Nascimento']);
with c as (select gen_random_uuid() as id, g from generate_series(1, $COMPANIES - 1) g)
insert into companies (tenant_id, name, plan_code) select id, 'Bench ' || g, 'pro' from c;
insert into users (tenant_id, id, name, email, role)
  select tenant_id, gen_random_uuid(), 'Dono', 'dono' || row_number() over () || '@bench.com.br', 'owner'
    from companies where name <> 'Bench 0';
insert into identities (email, tenant_id, user_id, password_hash)
  select u.email, u.tenant_id, u.id, (select password_hash from identities where email = 'dono0@bench.com.br')
    from users u where u.email <> 'dono0@bench.com.br';
create temp table tenants as select tenant_id, row_number() over (order by name) - 1 as k from companies;
insert into customers (tenant_id, id, kind, name, emails, phones, status, tags)
  select t.tenant_id, gen_random_uuid(), 'person',
         (select n from first_names offset (g % 20) limit 1) || ' ' || (select n from last_names offset ((g / 20) % 20) limit 1)
           || ' ' || (select n from last_names offset ((g / 400) % 20) limit 1),
         array['cliente' || g || '@exemplo.com.br'],
         array['+55119' || lpad((g % 100000000)::text, 8, '0')],
         (array['lead','active','inactive'])[1 + g % 3],
         case when g % 7 = 0 then array['vip'] else '{}'::text[] end
    from generate_series(1, $CUSTOMERS) g
    join tenants t on t.k = g % $COMPANIES;
SQL
echo "generated customers in $(( $(date +%s) - start )) s"
TOKEN=$(curl -fs -XPOST "http://127.0.0.1:$PORT/api/v1/auth/login" -H 'content-type: application/json' \
  -d '{"email":"dono0@bench.com.br","password":"bench-senha-2026"}' | python3 -c 'import json,sys;print(json.load(sys.stdin)["access_token"])')
# Wait for the default pipeline job, then fill the bench company's board.
for _ in $(seq 1 50); do
  PIPELINE=$(curl -fs "http://127.0.0.1:$PORT/api/v1/pipelines" -H "Authorization: Bearer $TOKEN" | python3 -c 'import json,sys;d=json.load(sys.stdin);print(d[0]["id"] if d else "")')
  [ -n "$PIPELINE" ] && break; sleep 0.2
done
psql "$PG/$DB" -qv ON_ERROR_STOP=1 <<SQL
with t as (select tenant_id from companies where name = 'Bench 0'),
     s as (select id, row_number() over (order by position) - 1 as k from pipeline_stages where pipeline_id = '$PIPELINE' and kind = 'open'),
     c as (select id, row_number() over () as g from customers where tenant_id = (select tenant_id from t) limit 5000)
insert into opportunities (tenant_id, id, customer_id, pipeline_id, stage_id, title, value_cents, position)
  select (select tenant_id from t), gen_random_uuid(), c.id, '$PIPELINE', s.id, 'Negócio ' || c.g, 10000 + c.g * 37, c.g
    from c join s on s.k = c.g % 4;
SQL
psql "$PG/$DB" -qc "analyze" >/dev/null
CUSTOMER=$(curl -fs "http://127.0.0.1:$PORT/api/v1/customers?limit=1" -H "Authorization: Bearer $TOKEN" | python3 -c 'import json,sys;print(json.load(sys.stdin)["items"][0]["id"])')
run() {
  local name=$1 path=$2
  printf '%s\n' "## $name"
  wrk -t2 -c64 -d"$DURATION" --latency -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT$path" | grep -E "Requests/sec|^ +50%|^ +99%|Non-2xx"
}
echo "customers in the bench company: $(psql "$PG/$DB" -Atc "select count(*) from customers c join companies co using (tenant_id) where co.name = 'Bench 0'")"
run "search q=silva (full text, 1 of 1,000 companies)" "/api/v1/customers?q=silva"
run "search q=joao sil (prefix, accents ignored)" "/api/v1/customers?q=joao%20sil"
run "list, newest first, 50 per page" "/api/v1/customers"
run "list sorted by name" "/api/v1/customers?sort=name"
run "customer page" "/api/v1/customers/$CUSTOMER"
run "customer timeline" "/api/v1/customers/$CUSTOMER/timeline"
run "kanban board with 5,000 open opportunities" "/api/v1/pipelines/$PIPELINE/board"
