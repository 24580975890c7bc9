package counter

// expiringMap is a map whose entries expire, bounded to max entries. Entries
// are kept in a FIFO queue in the order they were put; because every caller
// uses one fixed lifetime, that is also expiry order, so dropping expired
// entries costs O(1) per entry and, when the map is full, the entry dropped
// to make room is the one closest to expiring anyway. Memory is therefore
// bounded whatever the traffic, at the price of forgetting early under a
// flood. Not safe for concurrent use.
type expiringMap[K comparable, V any] struct {
	m     map[K]expiringValue[V]
	queue []queued[K] // queue[head:] are live; see shrink
	head  int
	max   int
}

type expiringValue[V any] struct {
	v   V
	exp int64 // unix nanoseconds
}

type queued[K comparable] struct {
	k   K
	exp int64
}

func newExpiringMap[K comparable, V any](max int) *expiringMap[K, V] {
	if max < 1 {
		max = 1
	}
	return &expiringMap[K, V]{m: make(map[K]expiringValue[V]), max: max}
}

// get returns k's value if it is present and not expired at now.
func (c *expiringMap[K, V]) get(k K, now int64) (V, bool) {
	e, ok := c.m[k]
	if !ok || e.exp <= now {
		var zero V
		return zero, false
	}
	return e.v, true
}

// put stores v under k until exp, replacing any entry for k.
func (c *expiringMap[K, V]) put(k K, v V, exp, now int64) {
	c.expire(now)
	for c.len() >= c.max {
		c.pop()
	}
	c.m[k] = expiringValue[V]{v: v, exp: exp}
	c.queue = append(c.queue, queued[K]{k: k, exp: exp})
}

// update replaces the value of a live entry, keeping its expiry.
func (c *expiringMap[K, V]) update(k K, v V) {
	if e, ok := c.m[k]; ok {
		e.v = v
		c.m[k] = e
	}
}

// remove forgets k.
func (c *expiringMap[K, V]) remove(k K) {
	delete(c.m, k)
	// Its queue slot stays until it reaches the head; pop skips it.
}

// len is the number of queue slots, an upper bound of the entries held.
func (c *expiringMap[K, V]) len() int { return len(c.queue) - c.head }

// entries is the number of keys held.
func (c *expiringMap[K, V]) entries() int { return len(c.m) }

func (c *expiringMap[K, V]) expire(now int64) {
	for c.len() > 0 && c.queue[c.head].exp <= now {
		c.pop()
	}
}

// pop drops the oldest queue slot and its map entry, unless the key was put
// again later (then a newer slot owns it) or removed.
func (c *expiringMap[K, V]) pop() {
	q := c.queue[c.head]
	var zero queued[K]
	c.queue[c.head] = zero
	c.head++
	if e, ok := c.m[q.k]; ok && e.exp == q.exp {
		delete(c.m, q.k)
	}
	c.shrink()
}

// shrink moves the live part of the queue to the front once the dead prefix
// is at least half of it, so the backing array does not grow forever.
func (c *expiringMap[K, V]) shrink() {
	if c.head == len(c.queue) {
		c.queue = c.queue[:0]
		c.head = 0
		return
	}
	if c.head >= 1024 && c.head*2 >= len(c.queue) {
		n := copy(c.queue, c.queue[c.head:])
		clear(c.queue[n:])
		c.queue = c.queue[:n]
		c.head = 0
	}
}
