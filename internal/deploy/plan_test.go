package deploy

import (
	"bytes"
	"fmt"
	"reflect"
	"testing"

	"gazette/internal/messages"
)

func TestMakePlan(t *testing.T) {
	html := headersFor("a/index.html", 300, false)
	file := func(rel, sum string) localFile {
		return localFile{Rel: rel, SHA256: sum, Size: 10, Phase: phaseOf(rel), Headers: headersFor(rel, 300, false)}
	}
	rec := func(sum, etag string) entry { return entry{SHA256: sum, Size: 10, ETag: etag, Headers: html} }
	obj := func(etag string) remoteObject { return remoteObject{Size: 10, ETag: etag} }

	files := []localFile{
		file("same/index.html", "s1"),
		file("edited/index.html", "s2-new"),
		file("new/index.html", "s3"),
		file("unrecorded/index.html", "s4"),
		file("touched/index.html", "s5"),
		file("resized/index.html", "s6"),
		file("index.xml", "s7"),
		file("css/site.css", "s8"),
	}
	files[6].Headers.CacheControl = "public, max-age=60" // a new max-age
	prev := map[string]entry{
		"same/index.html":    rec("s1", "e1"),
		"edited/index.html":  rec("s2-old", "e2"),
		"touched/index.html": rec("s5", "e5"),                                                                    // changed behind deploy's back: ETag differs
		"resized/index.html": rec("s6", "e6"),                                                                    // size differs
		"index.xml":          {SHA256: "s7", Size: 10, ETag: "e7", Headers: headersFor("index.xml", 300, false)}, // headers differ
		"gone/index.html":    rec("s9", "e9"),                                                                    // removed from the site
		"vanished.html":      rec("s10", "e10"),                                                                  // neither local nor listed
	}
	listing := map[string]remoteObject{
		"same/index.html":       obj("e1"),
		"edited/index.html":     obj("e2"),
		"unrecorded/index.html": obj("eX"),
		"touched/index.html":    obj("e5-other"),
		"resized/index.html":    {Size: 11, ETag: "e6"},
		"index.xml":             obj("e7"),
		"gone/index.html":       obj("e9"),
		"stray.txt":             obj("eS"),
		StateKey:                obj("state"),
	}
	p := makePlan(files, prev, listing)

	got := map[string]string{}
	var order []string
	for _, u := range p.uploads {
		got[u.file.Rel] = u.reason
		order = append(order, u.file.Rel)
	}
	want := map[string]string{
		"edited/index.html":     reasonChanged,
		"new/index.html":        reasonNew,
		"unrecorded/index.html": reasonUnrecorded,
		"touched/index.html":    reasonUnrecorded,
		"resized/index.html":    reasonUnrecorded,
		"index.xml":             reasonHeaders,
		"css/site.css":          reasonNew,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("uploads %v\nwant %v", got, want)
	}
	wantOrder := []string{"css/site.css", "edited/index.html", "new/index.html", "resized/index.html", "touched/index.html", "unrecorded/index.html", "index.xml"}
	if !reflect.DeepEqual(order, wantOrder) {
		t.Errorf("upload order %v\nwant %v", order, wantOrder)
	}
	if want := []string{"gone/index.html", "stray.txt"}; !reflect.DeepEqual(p.deletes, want) {
		t.Errorf("deletes %v, want %v", p.deletes, want)
	}
	if want := map[string]entry{"same/index.html": prev["same/index.html"]}; !reflect.DeepEqual(p.unchanged, want) {
		t.Errorf("unchanged %v, want %v", p.unchanged, want)
	}
	if !p.prevTouched {
		t.Error("the plan touches recorded keys but does not say so")
	}

	// Only new files: what the state records stays true, no rewrite needed.
	p = makePlan([]localFile{files[0], files[2]}, map[string]entry{"same/index.html": prev["same/index.html"]},
		map[string]remoteObject{"same/index.html": obj("e1")})
	if p.prevTouched || p.Uploads() != 1 {
		t.Errorf("a plan adding a file: %d uploads, prevTouched %v", p.Uploads(), p.prevTouched)
	}
	p = makePlan(files[:3], map[string]entry{"same/index.html": prev["same/index.html"], "edited/index.html": prev["edited/index.html"]},
		map[string]remoteObject{"same/index.html": obj("e1"), "edited/index.html": obj("e2")})
	if !p.prevTouched {
		t.Error("an edited recorded key must make the plan rewrite the state first")
	}
	p = makePlan(files[:1], map[string]entry{"same/index.html": prev["same/index.html"]}, map[string]remoteObject{"same/index.html": obj("e1")})
	if p.prevTouched || p.Uploads() != 0 || p.Deletes() != 0 {
		t.Errorf("a plan without change: %+v", p)
	}
}

func TestStateRoundTrip(t *testing.T) {
	in := map[string]entry{
		"zh/index.html": {SHA256: "ab", Size: 3, ETag: "e", Headers: headersFor("zh/index.html", 300, true)},
		"css/x.css":     {SHA256: "cd", Size: 4, ETag: "f", Headers: headersFor("css/x.css", 300, false)},
	}
	b, err := encodeState(in)
	if err != nil {
		t.Fatal(err)
	}
	out, err := decodeState(b)
	if err != nil || !reflect.DeepEqual(in, out) {
		t.Fatalf("round trip: %v, %v", out, err)
	}
	if _, err := decodeState([]byte("not gzip")); err == nil {
		t.Fatal("garbage decoded")
	}
}

// TestPlanPrint pins the plan as people read it, in both languages: the
// phase column lines up in Chinese too, where a character takes two
// columns, and a nil printer is English.
func TestPlanPrint(t *testing.T) {
	file := func(rel, sum string) localFile {
		return localFile{Rel: rel, SHA256: sum, Size: 10, Phase: phaseOf(rel), Headers: headersFor(rel, 300, false)}
	}
	html := headersFor("a/index.html", 300, false)
	p := makePlan(
		[]localFile{file("css/site.css", "s1"), file("zh/index.html", "s2-new"), file("sitemap.xml", "s3")},
		map[string]entry{"zh/index.html": {SHA256: "s2", Size: 10, ETag: "e2", Headers: html}},
		map[string]remoteObject{"zh/index.html": {Size: 10, ETag: "e2"}, "old/index.html": {Size: 10, ETag: "e9"}},
	)
	tests := []struct {
		printer *messages.Printer
		want    string
	}{
		{nil, "plan: 3 to upload, 1 to delete, 0 unchanged\n" +
			"  upload  assets   css/site.css (new)\n" +
			"  upload  pages    zh/index.html (changed)\n" +
			"  upload  sitemaps sitemap.xml (new)\n" +
			"  delete  old/index.html\n"},
		{messages.New(messages.ZH), "计划：上传 3 个，删除 1 个，0 个未变\n" +
			"  上传  资源     css/site.css（新增）\n" +
			"  上传  页面     zh/index.html（内容有改动）\n" +
			"  上传  站点地图 sitemap.xml（新增）\n" +
			"  删除  old/index.html\n"},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		p.Print(&b, tt.printer)
		if b.String() != tt.want {
			t.Errorf("%s plan:\n%s\nwant:\n%s", tt.printer.Lang(), b.String(), tt.want)
		}
	}

	// Every phase and reason has a name, and no phase name overflows the
	// column in either language.
	for _, m := range []*messages.Printer{messages.New(messages.EN), messages.New(messages.ZH)} {
		for ph := range numPhases {
			if name := ph.name(m); name == "" || columns(name) > phaseColumns {
				t.Errorf("%s: phase name %q is empty or wider than %d columns", m.Lang(), name, phaseColumns)
			}
		}
		for reason, key := range reasonKeys {
			if m.Sprintf(key) == "" {
				t.Errorf("%s: reason %q has no name", m.Lang(), reason)
			}
		}
	}
	if got := messages.New(messages.EN).Sprintf(messages.DeployUploaded, 3, PhasePages.name(nil)); got != "uploaded 3 pages\n" {
		t.Errorf("English progress line %q", got)
	}
	if got := messages.New(messages.ZH).Sprintf(messages.DeployUploaded, 3, PhasePages.name(messages.New(messages.ZH))); got != "页面：已上传 3 个\n" {
		t.Errorf("Chinese progress line %q", got)
	}
}

// TestGuardedDeletes: superseded fingerprinted files (a new search index
// shard, a new stylesheet) do not count toward --max-deletes; pages do.
func TestGuardedDeletes(t *testing.T) {
	const h1 = "a0cd0f73449f33c55f0cc00469ab6bfbe63d0d21d6c13ebf6e5ae066a7bd0030"
	file := func(rel string) localFile {
		return localFile{Rel: rel, SHA256: rel, Size: 10, Phase: phaseOf(rel), Headers: headersFor(rel, 300, false)}
	}
	listing := map[string]remoteObject{}
	var local []localFile
	for i := range 300 {
		listing[fmt.Sprintf("search/zh/s.%064x.bin", i)] = remoteObject{Size: 10, ETag: "e"}
		local = append(local, file(fmt.Sprintf("search/zh/s.%064x.bin", 1000+i)))
	}
	listing["css/main."+h1+".css"] = remoteObject{Size: 10, ETag: "e"}
	listing["zh/gone/index.html"] = remoteObject{Size: 10, ETag: "e"}
	listing["search/zh/d/7.json"] = remoteObject{Size: 10, ETag: "e"}
	p := makePlan(local, nil, listing)
	if p.Deletes() != 303 || p.GuardedDeletes() != 2 {
		t.Errorf("%d deletions, %d guarded; want 303 and 2 (the page and the excerpt)", p.Deletes(), p.GuardedDeletes())
	}
}
