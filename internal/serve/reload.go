package serve

import (
	"fmt"
	"html"
	"net/http"
	"sync"
)

// Live reload: every HTML response gets one script tag naming the build it
// came from. The script listens to a Server-Sent Events stream; the stream
// sends the current build when it opens and each new build when it
// finishes, and the script reloads the page when the build differs from
// its own. Sending the current build on open closes the gap between a page
// being served and its stream connecting.

const (
	eventsPath = "/__gazette/events"
	scriptPath = "/__gazette/livereload.js"
)

// reloadScript is served at scriptPath. It is a file rather than inline
// code so that a Content-Security-Policy allowing only same-origin scripts
// does not block it.
const reloadScript = `(function () {
  var me = document.currentScript, build = me && me.getAttribute("data-build");
  if (!window.EventSource || !build) return;
  var events = new EventSource(` + "`" + eventsPath + "`" + `);
  events.addEventListener("reload", function (e) {
    if (e.data !== build) {
      events.close();
      location.reload();
    }
  });
})();
`

// scriptTag is what gets injected into a page served from build id.
func scriptTag(id string) string {
	return `<script src="` + scriptPath + `" data-build="` + html.EscapeString(id) + `"></script>`
}

// hub fans build ids out to the open event streams.
type hub struct {
	mu      sync.Mutex
	latest  string
	subs    map[chan string]struct{}
	stopped chan struct{}
}

func newHub() *hub {
	return &hub{subs: map[chan string]struct{}{}, stopped: make(chan struct{})}
}

// publish announces a finished build to every stream. A slow stream only
// ever gets the latest id, never a queue.
func (h *hub) publish(id string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.latest = id
	for c := range h.subs {
		select {
		case <-c:
		default:
		}
		c <- id
	}
}

func (h *hub) subscribe() (chan string, string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	c := make(chan string, 1)
	h.subs[c] = struct{}{}
	return c, h.latest
}

func (h *hub) unsubscribe(c chan string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.subs, c)
}

// close ends every stream, so that http.Server.Shutdown, which waits for
// requests to finish, does not wait for streams that never do.
func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	select {
	case <-h.stopped:
	default:
		close(h.stopped)
	}
}

// serveEvents is the event stream.
func (h *hub) serveEvents(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	c, latest := h.subscribe()
	defer h.unsubscribe(c)
	// retry: reconnect quickly after a restart of gazette serve.
	if _, err := fmt.Fprintf(w, "retry: 1000\n\nevent: reload\ndata: %s\n\n", latest); err != nil {
		return
	}
	if err := rc.Flush(); err != nil {
		return
	}
	for {
		select {
		case <-r.Context().Done():
			return
		case <-h.stopped:
			return
		case id := <-c:
			if _, err := fmt.Fprintf(w, "event: reload\ndata: %s\n\n", id); err != nil {
				return
			}
			if err := rc.Flush(); err != nil {
				return
			}
		}
	}
}

func serveScript(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	fmt.Fprint(w, reloadScript)
}
