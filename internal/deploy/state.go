package deploy

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
)

// StateKey is the object, under the target prefix, in which a deploy
// records what it uploaded. Reading it back costs one request, where
// asking the service for every object's hash would cost one per object.
const StateKey = stateDir + "deploy-state.json.gz"

// stateVersion changes when the state's meaning changes; a state of
// another version is ignored (and the site uploaded again in full).
const stateVersion = 1

// state is what the previous deploys left: for each key (relative to
// the prefix), the hash of the file uploaded there and how.
//
// The state is trusted for a key only while the listing agrees on its
// size and ETag, so objects changed or removed behind deploy's back are
// uploaded again. Before a deploy changes anything it rewrites the state
// without the keys it is about to touch, and it writes the full state only
// after every upload and deletion succeeded: a deploy that stops half way
// leaves a state that vouches only for what is certainly in place, and the
// next deploy finishes the work.
type state struct {
	Version int              `json:"version"`
	Objects map[string]entry `json:"objects"`
}

// entry is one object as the state records it.
type entry struct {
	SHA256  string  `json:"sha256"` // of the site file (before any gzip)
	Size    int64   `json:"size"`   // bytes stored (after any gzip)
	ETag    string  `json:"etag"`
	Headers Headers `json:"headers"`
}

// encodeState returns the state as gzipped JSON: the header strings
// repeat on every object and compress to almost nothing.
func encodeState(entries map[string]entry) ([]byte, error) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if err := json.NewEncoder(zw).Encode(state{Version: stateVersion, Objects: entries}); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// decodeState reads a state written by encodeState. A state of another
// version yields no entries.
func decodeState(b []byte) (map[string]entry, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("deploy: reading %s: %w", StateKey, err)
	}
	var s state
	if err := json.NewDecoder(io.LimitReader(zr, 1<<30)).Decode(&s); err != nil {
		return nil, fmt.Errorf("deploy: reading %s: %w", StateKey, err)
	}
	if s.Version != stateVersion || s.Objects == nil {
		return map[string]entry{}, nil
	}
	return s.Objects, nil
}
