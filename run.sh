#!/usr/bin/env bash
# One command runs ConectCRM: builds the web app and the server, prepares a
# database when DATABASE_URL is not set, migrates, and serves API +
# Socket.IO + web app on one port (default http://127.0.0.1:3001).
#   ./run.sh            start
#   ./run.sh --demo     start with the demo company (see README for logins)
set -euo pipefail
cd "$(dirname "$0")"
export CONECTCRM_DATA_DIR=${CONECTCRM_DATA_DIR:-$PWD/data}
mkdir -p "$CONECTCRM_DATA_DIR"
demo=false
[ "${1:-}" = "--demo" ] && demo=true

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# --- database ---------------------------------------------------------------
# CONECTCRM_PRIVATE_PG=1 skips the local server and always uses a private cluster.
if [ -z "${DATABASE_URL:-}" ]; then
  if [ -z "${CONECTCRM_PRIVATE_PG:-}" ] && pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null && psql -h 127.0.0.1 -U postgres -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
    say "Usando o PostgreSQL local em 127.0.0.1:5432"
    psql -h 127.0.0.1 -U postgres -d postgres -Atqc "select 1 from pg_database where datname = 'conectcrm'" | grep -q 1 \
      || psql -h 127.0.0.1 -U postgres -d postgres -qc 'create database conectcrm'
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/conectcrm
  else
    PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)
    if [ -z "$PGBIN" ]; then
      say "Instalando o PostgreSQL (pacote Debian postgresql)"
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
      PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
    fi
    PGDATA="$CONECTCRM_DATA_DIR/postgres"
    PGPORT=${CONECTCRM_PG_PORT:-5433}
    RUNAS=()
    [ "$(id -u)" = 0 ] && { id postgres >/dev/null 2>&1 || useradd -r postgres; chown -R postgres "$CONECTCRM_DATA_DIR"; RUNAS=(runuser -u postgres --); }
    if [ ! -f "$PGDATA/PG_VERSION" ]; then
      say "Criando um PostgreSQL privado em $PGDATA"
      "${RUNAS[@]}" "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 >/dev/null
    fi
    if ! "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
      "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -o "-p $PGPORT -k $PGDATA -c listen_addresses=127.0.0.1" -w start >/dev/null
    fi
    psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -Atqc "select 1 from pg_database where datname = 'conectcrm'" | grep -q 1 \
      || psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -qc 'create database conectcrm'
    export DATABASE_URL=postgres://postgres@127.0.0.1:$PGPORT/conectcrm
  fi
fi

# --- web app ------------------------------------------------------------------
say "Compilando o app web"
( cd web && { [ -d node_modules ] || npm ci --no-audit --no-fund; } && npm run build --silent )

# --- server -------------------------------------------------------------------
say "Compilando o servidor"
# CONECTCRM_PROFILE=dev skips the optimised build (faster to compile, slower to run).
PROFILE=${CONECTCRM_PROFILE:-release}
SQLX_OFFLINE=true cargo build --profile "$PROFILE" --bin conectcrm
BIN=target/$([ "$PROFILE" = dev ] && echo debug || echo "$PROFILE")/conectcrm
"$BIN" migrate
if $demo; then "$BIN" seed-demo; fi
bind=${CONECTCRM_BIND:-127.0.0.1:3001}
say "Abra http://$bind — crie sua empresa em /cadastro ou entre com a conta demo (./run.sh --demo)"
exec "$BIN" serve --skip-migrations
