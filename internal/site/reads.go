package site

import (
	"os"
	"path/filepath"
	"sync"
)

// sharedReads lets the two readers of a build's content files, Hugo
// (through cjkFs) and the content checks beside it, share each file's
// bytes: whichever asks first reads the file, the other gets the same
// bytes, and the entry is dropped once both have them. At 10,000
// announcements reading every file a second time cost more than half a
// second of CPU. Neither reader changes the bytes it is given.
type sharedReads struct {
	mu sync.Mutex
	m  map[string]*sharedRead
}

type sharedRead struct {
	once sync.Once
	data []byte
	err  error
	left int // readers still to ask
}

// read returns the bytes of the file name (an absolute path), calling
// load for them when no other reader has.
func (s *sharedReads) read(name string, load func() ([]byte, error)) ([]byte, error) {
	if s == nil {
		return load()
	}
	s.mu.Lock()
	if s.m == nil {
		s.m = map[string]*sharedRead{}
	}
	e := s.m[name]
	if e == nil {
		e = &sharedRead{left: 2}
		s.m[name] = e
	}
	if e.left--; e.left == 0 {
		delete(s.m, name)
	}
	s.mu.Unlock()
	e.once.Do(func() { e.data, e.err = load() })
	return e.data, e.err
}

// readFile is os.ReadFile through s, for the content checks.
func (s *sharedReads) readFile(name string) ([]byte, error) {
	abs, err := filepath.Abs(name)
	if err != nil {
		return nil, err
	}
	return s.read(abs, func() ([]byte, error) { return os.ReadFile(abs) })
}
