# PostgreSQL for the browsecount conformance and end-to-end tests.
# Run as root on a fresh Debian machine; source it (or copy these lines into .ci/run)
# so that GAZETTE_TEST_POSTGRES is exported to the go test that follows.

export DEBIAN_FRONTEND=noninteractive
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
	apt-get update -qq
	apt-get install -y -qq postgresql >/dev/null
fi
PGVER="$(ls /usr/lib/postgresql | sort -V | tail -1)"
# Debian creates cluster "main" on install; create it if a previous step removed it.
if ! pg_lsclusters -h | awk '{print $1"/"$2}' | grep -qx "$PGVER/main"; then
	pg_createcluster "$PGVER" main
fi
# Debian's default listen_addresses is 'localhost' (loopback only), which is what the tests use.
pg_ctlcluster "$PGVER" main start || pg_ctlcluster "$PGVER" main status
for i in $(seq 1 30); do
	pg_isready -h 127.0.0.1 -p 5432 -q && break
	sleep 1
done
pg_isready -h 127.0.0.1 -p 5432
su postgres -c "psql -v ON_ERROR_STOP=1 -q" <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'gazette') THEN
    CREATE ROLE gazette LOGIN PASSWORD 'gazette';
  END IF;
END $$;
SQL
su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname = 'gazette_test'\"" | grep -q 1 ||
	su postgres -c "createdb -O gazette gazette_test"
export GAZETTE_TEST_POSTGRES='postgres://gazette:gazette@127.0.0.1:5432/gazette_test?sslmode=disable'
