#!/usr/bin/env bash
# Imports a generated 200,000-line customer CSV (Latin-1, ';') through the
# API and reports how long the job takes (not a test).
#   CONECTCRM_BIN=target/release/conectcrm bench/import.sh   (LINES=200000)
set -euo pipefail
cd "$(dirname "$0")/.."
LINES=${LINES:-200000}
PORT=${PORT:-3203}
DB=conectcrm_bench_import
PG=postgres://postgres@127.0.0.1:5432
if [ -n "${CONECTCRM_BIN:-}" ]; then BIN=$CONECTCRM_BIN; else
  SQLX_OFFLINE=true cargo build --release -q --bin conectcrm; BIN=target/release/conectcrm; fi
DATA=$(mktemp -d)
export DATABASE_URL=$PG/$DB CONECTCRM_DATA_DIR=$DATA CONECTCRM_BIND=127.0.0.1:$PORT RUST_LOG=warn
psql "$PG/postgres" -qc "drop database if exists $DB with (force)" -c "create database $DB" >/dev/null
"$BIN" serve > "$DATA/server.log" 2>&1 &
pid=$!; trap 'kill $pid 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/health/ready" >/dev/null && break; sleep 0.1; done
# Sign-up answers 202 alike for new and taken addresses; the token comes from logging in.
curl -fs -XPOST "http://127.0.0.1:$PORT/api/v1/auth/signup" -H 'content-type: application/json' -d '{"company_name":"Import","name":"Dono","email":"dono@import.com.br","password":"bench-senha-2026"}' >/dev/null
TOKEN=$(curl -fs -XPOST "http://127.0.0.1:$PORT/api/v1/auth/login" -H 'content-type: application/json' \
  -d '{"email":"dono@import.com.br","password":"bench-senha-2026"}' | python3 -c 'import json,sys;print(json.load(sys.stdin)["access_token"])')
python3 - "$LINES" > "$DATA/clientes.csv" <<'PY'
import sys
n = int(sys.argv[1])
out = sys.stdout.buffer
out.write("Nome;E-mail;Telefone;Cidade;UF;CEP;Rua;Número;Bairro\r\n".encode("cp1252"))
for i in range(n):
    out.write(f"Cliente São João {i};cliente{i}@exemplo.com.br;(11) 9{i % 10000:04d}-{i % 10000:04d};São Paulo;SP;01310-100;Av. Paulista;{i % 2000};Bela Vista\r\n".encode("cp1252"))
PY
echo "file: $(du -h "$DATA/clientes.csv" | cut -f1), $LINES lines"
t0=$(date +%s.%N)
ID=$(curl -fs -XPOST "http://127.0.0.1:$PORT/api/v1/customers/imports?filename=clientes.csv" -H "Authorization: Bearer $TOKEN" \
  -H 'content-type: text/csv' --data-binary @"$DATA/clientes.csv" | python3 -c 'import json,sys;print(json.load(sys.stdin)["id"])')
t1=$(date +%s.%N)
curl -fs -XPOST "http://127.0.0.1:$PORT/api/v1/customers/imports/$ID/start" -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' \
  -d '{"mapping":{"name":"Nome","email":"E-mail","phone":"Telefone","city":"Cidade","state":"UF","cep":"CEP","street":"Rua","number":"Número","district":"Bairro"}}' >/dev/null
while :; do
  STATUS=$(curl -fs "http://127.0.0.1:$PORT/api/v1/customers/imports/$ID" -H "Authorization: Bearer $TOKEN" | python3 -c 'import json,sys;d=json.load(sys.stdin);print(d["status"], d["processed_rows"], d["created_count"])')
  case "$STATUS" in done*|failed*) break;; esac
  sleep 1
done
t2=$(date +%s.%N)
echo "upload + preview: $(python3 -c "print(round($t1-$t0,2))") s; import job: $(python3 -c "print(round($t2-$t1,1))") s; final: $STATUS"
echo "peak server RSS: $(grep VmHWM /proc/$pid/status | awk '{print $2/1024 " MiB"}')"
