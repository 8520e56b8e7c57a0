#!/usr/bin/env bash
# Recreates the database that sqlx's compile-time query checks read
# (DATABASE_URL while building with SQLX_OFFLINE=false), then refreshes
# the offline data in .sqlx/ with `cargo sqlx prepare`.
#   scripts/sqlx-db.sh            recreate + migrate only
#   scripts/sqlx-db.sh prepare    … and regenerate .sqlx/
#   SQLX_DB=name                  another database name (parallel work trees)
set -euo pipefail
cd "$(dirname "$0")/.."
PGURL=${PGURL:-postgres://postgres@127.0.0.1:5432}
DB=${SQLX_DB:-conectcrm_sqlx}
psql "$PGURL/postgres" -qv ON_ERROR_STOP=1 -c "drop database if exists $DB with (force)" -c "create database $DB" >/dev/null
psql "$PGURL/$DB" -qv ON_ERROR_STOP=1 >/dev/null <<'SQL'
do $$ begin
  if not exists (select 1 from pg_roles where rolname = 'conectcrm_owner') then create role conectcrm_owner nologin; end if;
  if not exists (select 1 from pg_roles where rolname = 'conectcrm_app') then
    create role conectcrm_app nologin nosuperuser nobypassrls nocreatedb nocreaterole noinherit; end if;
end $$;
grant usage, create on schema public to conectcrm_owner;
grant usage on schema public to conectcrm_app;
create extension if not exists unaccent;
SQL
for f in migrations/*.sql; do
  { echo "set role conectcrm_owner;"; cat "$f"; } | psql "$PGURL/$DB" -qv ON_ERROR_STOP=1 >/dev/null
done
echo "database $DB migrated"
if [ "${1:-}" = prepare ]; then
  TOOLS=${CONECTCRM_TOOLS:-/var/tmp/conectcrm/tools}
  DATABASE_URL="$PGURL/$DB" SQLX_OFFLINE=false PATH="$TOOLS/bin:$PATH" cargo sqlx prepare --workspace -- --all-targets
fi
