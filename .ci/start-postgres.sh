#!/usr/bin/env bash
# Starts the machine's PostgreSQL 15 (installed but stopped) and creates a throwaway database.
# Prints the DATABASE_URL to use on its last line. PostgreSQL refuses to run as root, so it runs as `postgres`.
set -euo pipefail
DB_NAME="${1:-recovery_posture_test}"
if command -v pg_ctlcluster >/dev/null 2>&1 && pg_lsclusters -h 2>/dev/null | grep -q '^15 *main'; then
  pg_ctlcluster 15 main start >/dev/null 2>&1 || true
  for _ in $(seq 1 30); do
    pg_isready -q -h 127.0.0.1 -p 5432 && break
    sleep 1
  done
  PORT=5432
else
  # No packaged cluster: initdb a throwaway one.
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  DATA=/tmp/rp-pgdata
  rm -rf "$DATA"; mkdir -p "$DATA"; chown postgres "$DATA"
  su postgres -s /bin/sh -c "$PGBIN/initdb -D $DATA -A trust -U postgres >/dev/null"
  su postgres -s /bin/sh -c "$PGBIN/pg_ctl -D $DATA -o '-p 5433 -k /tmp' -l $DATA/log start -w >/dev/null"
  PORT=5433
fi
pg_isready -q -h 127.0.0.1 -p "$PORT"
su postgres -s /bin/sh -c "psql -q -h 127.0.0.1 -p $PORT -d postgres -v ON_ERROR_STOP=1" <<SQL >/dev/null 2>&1 || \
su postgres -s /bin/sh -c "psql -q -p $PORT -d postgres -v ON_ERROR_STOP=1" <<SQL2 >/dev/null
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'rp') THEN CREATE ROLE rp LOGIN SUPERUSER PASSWORD 'rp'; END IF;
END \$\$;
SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'rp') THEN CREATE ROLE rp LOGIN SUPERUSER PASSWORD 'rp'; END IF;
END \$\$;
SQL2
PGPASSWORD=rp psql -q -h 127.0.0.1 -p "$PORT" -U rp -d postgres -c "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)" >/dev/null 2>&1
PGPASSWORD=rp psql -q -h 127.0.0.1 -p "$PORT" -U rp -d postgres -c "CREATE DATABASE $DB_NAME" >/dev/null
echo "postgres://rp:rp@127.0.0.1:$PORT/$DB_NAME"
