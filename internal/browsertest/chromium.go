package browsertest

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"gazette/internal/testenv"
)

// DefaultChromium is where Debian's chromium package installs the browser.
// The environment variable CHROMIUM overrides it.
const DefaultChromium = "/usr/bin/chromium"

// tabTimeout bounds everything a test does in one tab, so that a selector
// that never matches fails the test instead of hanging it.
const tabTimeout = 3 * time.Minute

// Chromium starts a headless Chromium for the test and returns the context
// of its first tab, for use with chromedp.Run and chromedp.Do. The browser
// is stopped when the test ends. The actions on the context fail after a
// few minutes, so that a wait that never ends does not hang the test binary.
//
// The browser gets a new, empty profile (chromedp makes and removes a
// temporary --user-data-dir) and the flags that keep it from reaching the
// network by itself: the machines that run these tests may have none.
// When the test fails, chromedp's error log is shown.
//
// See Tab to get more tabs of the same browser with separate storage.
func Chromium(t testing.TB) context.Context {
	t.Helper()
	bin := os.Getenv("CHROMIUM")
	if bin == "" {
		bin = DefaultChromium
	}
	if _, err := exec.LookPath(bin); err != nil {
		testenv.Missing(t, "chromium not found at "+bin, "apt-get install chromium, or set CHROMIUM to the browser")
	}

	// The browser's own output is mostly noise (no D-Bus on a server), so
	// it is shown only when the browser does not start; chromedp's errors
	// are shown when the test fails.
	out, errs := new(syncBuffer), new(syncBuffer)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(bin),
		chromedp.Headless,
		chromedp.NoSandbox, // CI runs as root, where Chromium's sandbox cannot start
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(1280, 900),
		chromedp.CombinedOutput(out),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx, chromedp.WithErrorf(errs.Printf))
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
		if t.Failed() {
			if log := errs.String(); log != "" {
				t.Logf("browsertest: chromedp errors:\n%s", log)
			}
		}
	})
	// The first run starts the browser; its context must have no deadline,
	// because the browser lives as long as that context.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("browsertest: unable to start chromium (%s): %v\n%s", bin, err, out.String())
	}
	return withTimeout(t, ctx)
}

// Tab opens a new tab in the browser of ctx (a context from Chromium or Tab)
// and returns its context. The tab has its own browser context, like a
// private window: cookies, localStorage and sessionStorage start empty and
// are not shared with other tabs. It is closed when the test ends.
func Tab(t testing.TB, ctx context.Context) context.Context {
	t.Helper()
	tab, cancel := chromedp.NewContext(ctx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	if err := chromedp.Do(tab); err != nil {
		t.Fatalf("browsertest: unable to open a tab: %v", err)
	}
	return withTimeout(t, tab)
}

// withTimeout limits the actions of a tab that has already run once.
func withTimeout(t testing.TB, ctx context.Context) context.Context {
	ctx, cancel := context.WithTimeout(ctx, tabTimeout)
	t.Cleanup(cancel)
	return ctx
}

// syncBuffer collects log output, which arrives from other goroutines, for
// a test log.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// Printf matches chromedp's log functions.
func (b *syncBuffer) Printf(format string, args ...any) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf.WriteString(strings.TrimSuffix(fmt.Sprintf(format, args...), "\n") + "\n")
}

// String returns the output, at most its last 16 KiB.
func (b *syncBuffer) String() string {
	const keep = 16 << 10
	b.mu.Lock()
	defer b.mu.Unlock()
	s := b.buf.String()
	if len(s) > keep {
		s = "…" + s[len(s)-keep:]
	}
	return s
}
