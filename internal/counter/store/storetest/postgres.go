package storetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"

	"gazette/internal/testenv"
)

// PostgresEnv names the environment variable holding the URL of a
// PostgreSQL server that tests may create schemas in.
const PostgresEnv = "GAZETTE_TEST_POSTGRES"

// PostgresURL returns the test server's URL. Without one, the test fails
// in CI (CI is set) and is skipped, loudly, elsewhere.
func PostgresURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv(PostgresEnv)
	if u != "" {
		return u
	}
	testenv.Missing(t, PostgresEnv+" is not set: PostgreSQL tests need a server",
		"e.g. "+PostgresEnv+"=postgres://gazette:gazette@127.0.0.1:5432/gazette_test?sslmode=disable; .ci/run installs and starts one")
	return ""
}

// PostgresSchema creates an empty schema on the test server for this test
// only, drops it when the test ends, and returns a URL whose search_path
// puts new tables there. Tests thus share one server without seeing each
// other's rows.
func PostgresSchema(t testing.TB) string {
	t.Helper()
	base := PostgresURL(t)
	var b [6]byte
	rand.Read(b[:])
	name := "browsecount_test_" + hex.EncodeToString(b[:])

	ctx := context.Background()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("connecting to %s=%s: %v", PostgresEnv, redact(base), err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+name); err != nil {
		t.Fatalf("creating schema %s: %v", name, err)
	}
	t.Cleanup(func() {
		conn, err := pgx.Connect(ctx, base)
		if err != nil {
			t.Errorf("connecting to drop schema %s: %v", name, err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, "DROP SCHEMA "+name+" CASCADE"); err != nil {
			t.Errorf("dropping schema %s: %v", name, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s is not a URL: %v", PostgresEnv, err)
	}
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	return u.String()
}

func redact(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "(unparsable URL)"
	}
	return u.Redacted()
}
