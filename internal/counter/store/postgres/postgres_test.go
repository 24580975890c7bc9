package postgres

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"gazette/internal/counter"
	"gazette/internal/counter/store/storetest"
)

func opener(t *testing.T) storetest.Opener {
	u := storetest.PostgresSchema(t)
	return func(t *testing.T) counter.Store {
		s, err := Open(context.Background(), u)
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
}

func TestConformance(t *testing.T) {
	storetest.PostgresURL(t) // fail or skip once, not per subtest
	storetest.Run(t, opener)
}

func TestOpenDoesNotLeakPassword(t *testing.T) {
	_, err := Open(context.Background(), "postgres://u:s3cret@127.0.0.1:bad/db")
	if err == nil {
		t.Fatal("Open of a bad URL succeeded")
	}
	if strings.Contains(err.Error(), "s3cret") {
		t.Fatalf("error shows the password: %v", err)
	}
}

// TestOutageAndRecovery puts a TCP relay between the store and the server,
// cuts it (as when PostgreSQL restarts or the network fails), checks that
// calls fail without half-writing, and that the store recovers on its own
// once the relay is back, without being reopened.
func TestOutageAndRecovery(t *testing.T) {
	u, err := url.Parse(storetest.PostgresSchema(t))
	if err != nil {
		t.Fatal(err)
	}
	relay := storetest.NewRelay(t, u.Host)
	u.Host = relay.Addr()
	q := u.Query()
	q.Set("connect_timeout", "2")
	u.RawQuery = q.Encode()

	ctx := context.Background()
	s, err := Open(ctx, u.String())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Add(ctx, map[string]int64{"zh/a": 1}); err != nil {
		t.Fatal(err)
	}

	relay.Cut()
	short, cancel := context.WithTimeout(ctx, 3*time.Second)
	_, err = s.Add(short, map[string]int64{"zh/a": 1, "zh/b": 1})
	cancel()
	if err == nil {
		t.Fatal("Add succeeded while the server was unreachable")
	}
	if err := s.Ping(ctx); err == nil {
		t.Fatal("Ping succeeded while the server was unreachable")
	}

	relay.Restore()
	deadline := time.Now().Add(20 * time.Second)
	for {
		got, err := s.Add(ctx, map[string]int64{"zh/a": 1})
		if err == nil {
			if got["zh/a"] != 2 {
				t.Fatalf("after recovery zh/a = %d, want 2 (the failed batch must not count)", got["zh/a"])
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("store did not recover within 20s: %v", err)
		}
		time.Sleep(200 * time.Millisecond)
	}
	got, err := s.Views(ctx, []string{"zh/b"})
	if err != nil || len(got) != 0 {
		t.Fatalf("zh/b = %v (%v), want absent: the failed batch was half-applied", got, err)
	}
}
