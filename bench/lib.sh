# Shared start-up of the load scripts (sourced, not run): the binary, a
# fresh database, a server without a worker, and a company with its owner.
#   BIN, DB, PORT, DATA must be chosen by the caller before `bench_start`.
PG=${PG:-postgres://postgres@127.0.0.1:5432}

# The release binary (built here unless CONECTCRM_BIN names one).
bench_binary() {
  if [ -n "${CONECTCRM_BIN:-}" ]; then
    BIN=$CONECTCRM_BIN
  else
    SQLX_OFFLINE=true cargo build --release -q --bin conectcrm
    BIN=target/release/conectcrm
  fi
}

# A fresh database, migrated; a server (no worker) on $PORT.
bench_start() {
  export DATABASE_URL=$PG/$DB CONECTCRM_DATA_DIR=$DATA CONECTCRM_BIND=127.0.0.1:$PORT \
    AUTH_RATE_LIMIT_PER_MINUTE=100000000 RUST_LOG=warn
  psql "$PG/postgres" -qc "drop database if exists $DB with (force)" -c "create database $DB" >/dev/null
  "$BIN" migrate
  "$BIN" serve --skip-migrations --no-worker > "$DATA/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/health/ready" >/dev/null && return 0; sleep 0.1; done
  echo "the server did not start:"; tail -n 40 "$DATA/server.log"; exit 1
}

# Signs a company up; prints "<tenant id> <owner's access token>".
bench_company() { # company name, owner e-mail
  curl -fs -XPOST "http://127.0.0.1:$PORT/api/v1/auth/signup" -H 'content-type: application/json' \
    -d "{\"company_name\":\"$1\",\"name\":\"Dono\",\"email\":\"$2\",\"password\":\"bench-senha-2026\"}" >/dev/null
  local token tenant
  token=$(curl -fs -XPOST "http://127.0.0.1:$PORT/api/v1/auth/login" -H 'content-type: application/json' \
    -d "{\"email\":\"$2\",\"password\":\"bench-senha-2026\"}" | python3 -c 'import json,sys;print(json.load(sys.stdin)["access_token"])')
  tenant=$(psql "$PG/$DB" -Atc "select tenant_id from companies where name = '$1'")
  echo "$tenant $token"
}

# POST to the API as $TOKEN.
bench_api() { curl -fs -XPOST "http://127.0.0.1:$PORT/api/v1$1" -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' -d "$2"; }
