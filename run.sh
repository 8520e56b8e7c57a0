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
# Each stage says how long it took, or that it was skipped, so a slow start
# shows where the time went.
stage_started=0
stage() { stage_started=$(date +%s%N); say "$*"; }
took() { printf '    %s (%s s)\n' "$1" "$(awk -v a="$stage_started" -v b="$(date +%s%N)" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')"; }

# --- database ---------------------------------------------------------------
stage "Banco de dados"
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
took "pronto"

# --- web app ------------------------------------------------------------------
# The build is skipped when none of its inputs changed since the last one:
# rebuilding rewrites web/dist, and the server embeds web/dist, so a needless
# web build would also re-link the server.
stage "App web"
web_inputs() {
  ( cd web && find src widget public index.html package.json package-lock.json vite.config.ts vite.widget.config.ts \
      tsconfig.json tsconfig.app.json tsconfig.node.json tsconfig.widget.json -type f -print0 2>/dev/null \
    | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1 )
}
mkdir -p target
lock_sum=$(sha256sum web/package-lock.json | cut -d' ' -f1)
if [ ! -d web/node_modules ] || [ "$(cat web/node_modules/.conectcrm-lock 2>/dev/null)" != "$lock_sum" ]; then
  ( cd web && npm ci --no-audit --no-fund --loglevel=error ) && echo "$lock_sum" > web/node_modules/.conectcrm-lock
fi
web_sum=$(web_inputs)
if [ -f web/dist/index.html ] && [ "$(cat target/.web-build-stamp 2>/dev/null)" = "$web_sum" ]; then
  took "sem mudanças, compilação pulada"
else
  ( cd web && npm run build --silent ) && echo "$web_sum" > target/.web-build-stamp
  took "compilado"
fi

# --- server -------------------------------------------------------------------
stage "Servidor"
# CONECTCRM_PROFILE=dev skips the optimised build (faster to compile, slower to run).
PROFILE=${CONECTCRM_PROFILE:-release}
# Always from the committed offline query data, and without DATABASE_URL in
# the environment: sqlx's macros track that variable, so a database on
# another port would otherwise recompile every domain crate.
env -u DATABASE_URL SQLX_OFFLINE=true cargo build --profile "$PROFILE" --bin conectcrm
BIN=target/$([ "$PROFILE" = dev ] && echo debug || echo "$PROFILE")/conectcrm
took "pronto ($BIN)"
stage "Migrações"
"$BIN" migrate
took "pronto"
if $demo; then stage "Empresa demo"; "$BIN" seed-demo; took "pronta"; fi
bind=${CONECTCRM_BIND:-127.0.0.1:3001}
say "Abra http://$bind — crie sua empresa em /cadastro ou entre com a conta demo (./run.sh --demo)"
exec "$BIN" serve --skip-migrations
