package serve

import "testing"

// HoldRebuildBehind makes the preview stop after announcing pages rendered
// ahead, before the rebuild: reached receives a value there, and the
// rebuild goes on when release is closed.
func HoldRebuildBehind(t testing.TB) (reached <-chan struct{}, release chan<- struct{}) {
	r, rel := make(chan struct{}), make(chan struct{})
	testHookBehind = func() {
		r <- struct{}{}
		<-rel
	}
	t.Cleanup(func() { testHookBehind = nil })
	return r, rel
}
