package manifest

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestByPath maps old addresses and current paths to ids.
func TestByPath(t *testing.T) {
	m, err := Parse([]byte(`{"version":1,"pages":[{"id":"zh/a","lang":"zh","path":"/zh/a/","aliases":["/tzgg/t1.html","/old/a/"]},{"id":"en/a","lang":"en","path":"/en/a/"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"/zh/a/": "zh/a", "/tzgg/t1.html": "zh/a", "/old/a/": "zh/a", "/en/a/": "en/a"}
	if got := m.ByPath(); !reflect.DeepEqual(got, want) {
		t.Errorf("ByPath() = %v, want %v", got, want)
	}
	// Written back, the aliases are kept; a page without any has no field.
	var b bytes.Buffer
	if err := Write(&b, m); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `"aliases":["/tzgg/t1.html","/old/a/"]`) || strings.Count(b.String(), "aliases") != 1 {
		t.Errorf("written: %s", b.String())
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		wantErr string // substring; empty means valid
		pages   int
	}{
		{name: "contract example", in: `{"version":1,"pages":[{"id":"en/2019-expert-forum","lang":"en","path":"/en/notices/2019-expert-forum/"}]}`, pages: 1},
		{name: "empty list", in: `{"version":1,"pages":[]}`, pages: 0},
		{name: "chinese key and path", in: `{"version":1,"pages":[{"id":"zh/通知/专家论坛","lang":"zh","path":"/zh/通知/专家论坛/"}]}`, pages: 1},
		{name: "unknown fields ignored", in: `{"version":1,"generator":"x","pages":[{"id":"zh/a","lang":"zh","path":"/zh/a/","title":"t"}]}`, pages: 1},
		{name: "unsorted is fine", in: `{"version":1,"pages":[{"id":"zh/b","lang":"zh","path":"/zh/b/"},{"id":"en/a","lang":"en","path":"/en/a/"}]}`, pages: 2},
		{name: "not json", in: `version=1`, wantErr: "invalid JSON"},
		{name: "empty input", in: ``, wantErr: "invalid JSON"},
		{name: "trailing data", in: `{"version":1,"pages":[]} {}`, wantErr: "unexpected data"},
		{name: "missing pages", in: `{"version":1}`, wantErr: `"pages" is missing`},
		{name: "null pages", in: `{"version":1,"pages":null}`, wantErr: `"pages" is missing`},
		{name: "missing version", in: `{"pages":[]}`, wantErr: "version is 0"},
		{name: "future version", in: `{"version":2,"pages":[]}`, wantErr: "version is 2"},
		{name: "pages not a list", in: `{"version":1,"pages":{}}`, wantErr: "invalid JSON"},
		{name: "empty id", in: `{"version":1,"pages":[{"id":"","lang":"zh","path":"/zh/a/"}]}`, wantErr: "id is empty"},
		{name: "id without lang", in: `{"version":1,"pages":[{"id":"notices/a","lang":"zh","path":"/zh/a/"}]}`, wantErr: "does not start with its lang"},
		{name: "id without key", in: `{"version":1,"pages":[{"id":"zh/","lang":"zh","path":"/zh/a/"}]}`, wantErr: `"<lang>/<key>"`},
		{name: "id with space", in: `{"version":1,"pages":[{"id":"zh/a b","lang":"zh","path":"/zh/a/"}]}`, wantErr: "U+0020"},
		{name: "id with ideographic space", in: `{"version":1,"pages":[{"id":"zh/a　b","lang":"zh","path":"/zh/a/"}]}`, wantErr: "U+3000"},
		{name: "id with zero width space", in: `{"version":1,"pages":[{"id":"zh/a\u200bb","lang":"zh","path":"/zh/a/"}]}`, wantErr: "U+200B"},
		{name: "id with newline", in: `{"version":1,"pages":[{"id":"zh/a\nb","lang":"zh","path":"/zh/a/"}]}`, wantErr: "U+000A"},
		{name: "id too long", in: `{"version":1,"pages":[{"id":"zh/` + strings.Repeat("x", 198) + `","lang":"zh","path":"/zh/a/"}]}`, wantErr: "201 bytes"},
		{name: "id at the limit", in: `{"version":1,"pages":[{"id":"zh/` + strings.Repeat("x", 197) + `","lang":"zh","path":"/zh/a/"}]}`, pages: 1},
		{name: "bad lang", in: `{"version":1,"pages":[{"id":"ZH/a","lang":"ZH","path":"/zh/a/"}]}`, wantErr: "language code"},
		{name: "lang mismatch", in: `{"version":1,"pages":[{"id":"en/a","lang":"zh","path":"/zh/a/"}]}`, wantErr: "does not start with its lang"},
		{name: "relative path", in: `{"version":1,"pages":[{"id":"zh/a","lang":"zh","path":"zh/a/"}]}`, wantErr: `path must start with "/"`},
		{name: "duplicate id", in: `{"version":1,"pages":[{"id":"zh/a","lang":"zh","path":"/zh/a/"},{"id":"zh/a","lang":"zh","path":"/zh/b/"}]}`, wantErr: "same id"},
		{name: "aliases", in: `{"version":1,"pages":[{"id":"zh/a","lang":"zh","path":"/zh/a/","aliases":["/tzgg/t1.html","/old/a/"]},{"id":"zh/b","lang":"zh","path":"/zh/b/"}]}`, pages: 2},
		{name: "alias with a query", in: `{"version":1,"pages":[{"id":"zh/a","lang":"zh","path":"/zh/a/","aliases":["/view.jsp?id=1"]}]}`, wantErr: "query"},
		{name: "alias out of the site", in: `{"version":1,"pages":[{"id":"zh/a","lang":"zh","path":"/zh/a/","aliases":["/a/../../etc/x.html"]}]}`, wantErr: `".." segment`},
		{name: "relative alias", in: `{"version":1,"pages":[{"id":"zh/a","lang":"zh","path":"/zh/a/","aliases":["old.html"]}]}`, wantErr: `must start with "/"`},
		{name: "alias is another page", in: `{"version":1,"pages":[{"id":"zh/a","lang":"zh","path":"/zh/a/","aliases":["/zh/b/"]},{"id":"zh/b","lang":"zh","path":"/zh/b/"}]}`, wantErr: `alias "/zh/b/" is the path of pages[1]`},
		{name: "alias of two pages", in: `{"version":1,"pages":[{"id":"zh/a","lang":"zh","path":"/zh/a/","aliases":["/old.html"]},{"id":"zh/b","lang":"zh","path":"/zh/b/","aliases":["/old.html"]}]}`, wantErr: `alias "/old.html"`},
		{name: "duplicate path", in: `{"version":1,"pages":[{"id":"zh/a","lang":"zh","path":"/zh/a/"},{"id":"zh/b","lang":"zh","path":"/zh/a/"}]}`, wantErr: "same path"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Parse([]byte(tt.in))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Parse(%q) error = %v, want it to contain %q", tt.in, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.in, err)
			}
			if len(m.Pages) != tt.pages {
				t.Fatalf("Parse(%q) has %d pages, want %d", tt.in, len(m.Pages), tt.pages)
			}
		})
	}
}

func TestWriteIsSortedAndDeterministic(t *testing.T) {
	m := Manifest{Version: Version, Pages: []Page{
		{ID: "zh/2019-expert-forum", Lang: "zh", Path: "/zh/notices/2019-expert-forum/"},
		{ID: "en/2019-expert-forum", Lang: "en", Path: "/en/notices/2019-expert-forum/"},
		{ID: "en/a&b<c>", Lang: "en", Path: "/en/a&b/"},
	}}
	orig := append([]Page(nil), m.Pages...)
	var a, b bytes.Buffer
	if err := Write(&a, m); err != nil {
		t.Fatal(err)
	}
	if err := Write(&b, m); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Fatalf("two writes differ:\n%s\n%s", a.String(), b.String())
	}
	want := `{"version":1,"pages":[{"id":"en/2019-expert-forum","lang":"en","path":"/en/notices/2019-expert-forum/"},{"id":"en/a&b<c>","lang":"en","path":"/en/a&b/"},{"id":"zh/2019-expert-forum","lang":"zh","path":"/zh/notices/2019-expert-forum/"}]}` + "\n"
	if a.String() != want {
		t.Fatalf("Write:\n got %s\nwant %s", a.String(), want)
	}
	if !reflect.DeepEqual(m.Pages, orig) {
		t.Fatal("Write reordered the caller's pages")
	}
}

func TestWriteEmptyAndInvalid(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, Manifest{Version: Version}); err != nil {
		t.Fatal(err)
	}
	if got := buf.String(); got != `{"version":1,"pages":[]}`+"\n" {
		t.Fatalf("empty manifest written as %q", got)
	}
	err := Write(&buf, Manifest{Version: Version, Pages: []Page{{ID: "zh/a b", Lang: "zh", Path: "/a/"}}})
	if err == nil || !strings.Contains(err.Error(), `"zh/a b"`) {
		t.Fatalf("Write of an invalid id: error %v, want one naming the id", err)
	}
}

func TestLoadFileAndURL(t *testing.T) {
	body := `{"version":1,"pages":[{"id":"zh/a","lang":"zh","path":"/zh/a/"}]}`
	file := filepath.Join(t.TempDir(), "manifest.json")
	if err := os.WriteFile(file, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/manifest.json":
			w.Write([]byte(body))
		case "/big.json":
			w.Write(bytes.Repeat([]byte(" "), MaxSize+1))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()

	for _, src := range []string{file, srv.URL + "/manifest.json"} {
		m, err := Load(context.Background(), src, srv.Client())
		if err != nil {
			t.Fatalf("Load(%s): %v", src, err)
		}
		if !m.IDs().Has("zh/a") || m.IDs().Has("zh/b") {
			t.Fatalf("Load(%s): ids %v", src, m.IDs())
		}
	}
	for _, src := range []string{filepath.Join(t.TempDir(), "missing.json"), srv.URL + "/missing.json", srv.URL + "/big.json"} {
		if _, err := Load(context.Background(), src, srv.Client()); err == nil || !strings.Contains(err.Error(), filepath.Base(src)) {
			t.Fatalf("Load(%s): error %v, want one naming the source", src, err)
		}
	}
}

// FuzzParse checks that Parse never panics and that whatever it accepts
// survives Write and Parse again unchanged (up to page order).
func FuzzParse(f *testing.F) {
	f.Add([]byte(`{"version":1,"pages":[{"id":"en/2019-expert-forum","lang":"en","path":"/en/notices/2019-expert-forum/"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Parse(data)
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if err := Write(&buf, m); err != nil {
			t.Fatalf("Parse accepted %q but Write refused it: %v", data, err)
		}
		m2, err := Parse(buf.Bytes())
		if err != nil {
			t.Fatalf("Parse of Write's output %q: %v", buf.Bytes(), err)
		}
		if len(m2.Pages) != len(m.Pages) {
			t.Fatalf("round trip changed the page count: %d, then %d", len(m.Pages), len(m2.Pages))
		}
		ids := m.IDs()
		for _, p := range m2.Pages {
			if !ids.Has(p.ID) {
				t.Fatalf("round trip invented id %q", p.ID)
			}
		}
	})
}
