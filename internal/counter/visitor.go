package counter

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"hash"
	"sync"
	"time"
)

// visitorKey identifies a (client, user agent, page) triple without holding
// any of them: the first 128 bits of an HMAC-SHA256 under a key that never
// leaves memory. 128 bits keep accidental collisions (which would merge two
// visitors) out of reach for any realistic traffic.
type visitorKey [16]byte

// hasher computes visitor keys. Its key is random, lives only in memory and
// is replaced every rotate; after a rotation the previous key stays usable
// for grace, so that a visitor seen just before the rotation is still
// recognised just after it.
type hasher struct {
	mu      sync.Mutex
	rotate  time.Duration
	grace   time.Duration
	cur     hash.Hash
	prev    hash.Hash
	created time.Time
}

func newHasher(now time.Time, rotate, grace time.Duration) *hasher {
	h := &hasher{rotate: rotate, grace: grace}
	h.cur, h.created = newMAC(), now
	return h
}

func newMAC() hash.Hash {
	key := make([]byte, 32)
	// crypto/rand.Read never returns an error on supported platforms.
	rand.Read(key)
	return hmac.New(sha256.New, key)
}

// keys returns the visitor's key under the current secret and, during the
// grace period after a rotation, under the previous one (ok2 reports that).
// parts are separated by a zero byte, which none of them can contain
// unescaped in a way that makes two different triples collide: ids have no
// control characters and the id is last.
func (h *hasher) keys(now time.Time, parts ...string) (k1, k2 visitorKey, ok2 bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if now.Sub(h.created) >= h.rotate {
		h.prev, h.cur, h.created = h.cur, newMAC(), now
	}
	k1 = sum(h.cur, parts)
	if h.prev != nil && now.Sub(h.created) < h.grace {
		k2, ok2 = sum(h.prev, parts), true
	} else {
		h.prev = nil // let the old secret go once it cannot be needed
	}
	return k1, k2, ok2
}

func sum(mac hash.Hash, parts []string) visitorKey {
	mac.Reset()
	for i, p := range parts {
		if i > 0 {
			mac.Write([]byte{0})
		}
		mac.Write([]byte(p))
	}
	var k visitorKey
	var buf [sha256.Size]byte
	copy(k[:], mac.Sum(buf[:0]))
	return k
}

// deduper remembers which visitors were counted in the last window.
type deduper struct {
	mu     sync.Mutex
	window time.Duration
	seen   *expiringMap[visitorKey, struct{}]
}

func newDeduper(window time.Duration, max int) *deduper {
	return &deduper{window: window, seen: newExpiringMap[visitorKey, struct{}](max)}
}

// mark records k as counted at now, unless it (or alt, when hasAlt) was
// counted within the window; it reports whether the hit should count.
func (d *deduper) mark(k, alt visitorKey, hasAlt bool, now time.Time) bool {
	n := now.UnixNano()
	d.mu.Lock()
	defer d.mu.Unlock()
	if _, ok := d.seen.get(k, n); ok {
		return false
	}
	if hasAlt {
		if _, ok := d.seen.get(alt, n); ok {
			return false
		}
	}
	d.seen.put(k, struct{}{}, n+int64(d.window), n)
	return true
}

// forget undoes mark for a hit that could not be stored, so that the
// visitor's retry counts.
func (d *deduper) forget(k visitorKey) {
	d.mu.Lock()
	d.seen.remove(k)
	d.mu.Unlock()
}

func (d *deduper) entries() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.seen.entries()
}

// limiter allows each client at most limit hits per fixed one-minute window.
type limiter struct {
	mu      sync.Mutex
	limit   int
	window  time.Duration
	clients *expiringMap[visitorKey, int]
}

func newLimiter(limit int, window time.Duration, max int) *limiter {
	return &limiter{limit: limit, window: window, clients: newExpiringMap[visitorKey, int](max)}
}

// allow counts a hit by client k at now. When the client is over its limit
// it returns false and how long until its window ends.
func (l *limiter) allow(k visitorKey, now time.Time) (bool, time.Duration) {
	n := now.UnixNano()
	l.mu.Lock()
	defer l.mu.Unlock()
	used, ok := l.clients.get(k, n)
	if !ok {
		l.clients.put(k, 1, n+int64(l.window), n)
		return true, 0
	}
	if used >= l.limit {
		exp := l.clients.m[k].exp
		return false, time.Duration(exp - n)
	}
	l.clients.update(k, used+1)
	return true, 0
}

func (l *limiter) entries() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.clients.entries()
}
