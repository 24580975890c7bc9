package search

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

var columns = []Column{{"notices", "通知公告"}, {"news", "政务动态"}, {"policies", "政策文件"}}

func day(s string) time.Time {
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return d
}

// corpus is a handful of announcements, each there for a case below.
var corpus = []Doc{
	{URL: "/zh/notices/greenway-plan/", Title: "城市绿道网络建设规划公示", Column: "notices", Date: day("2024-01-16"),
		Source: "绵阳市自然资源和规划局", Body: "规划绿道串联两岸公园。"},
	{URL: "/zh/news/meeting/", Title: "春季城市环境整治工作会议召开", Column: "news", Date: day("2025-03-03"),
		Source: "绵阳市城市管理局", Body: "会议部署了背街小巷清扫等任务。会议还提到，新建绿道沿线的垃圾清运要纳入考核。"},
	{URL: "/zh/notices/graduates/", Title: "關於做好高校畢業生就業服務工作的通知", Column: "notices", Date: day("2024-03-05"),
		Source: "綿陽市人力資源和社會保障局", Body: "學生參加就業見習的，可申領見習補貼。"},
	{URL: "/zh/notices/fire/", Title: "关于开展消防安全隐患排查整治的通知", Column: "notices", Date: day("2022-11-08"),
		Source: "绵阳市消防救援支队", Body: "各单位要对疏散通道逐一排查，学生宿舍是重点。"},
	{URL: "/zh/policies/talent-housing/", Title: "绵阳市人才安居补贴实施办法", Column: "policies", Date: day("2022-08-15"),
		Source: "绵阳市人民政府办公室", DocNumber: "绵府办发〔2022〕15号", Attachments: []string{"人才安居补贴申请表"},
		Body: "本办法自印发之日起施行。"},
	{URL: "/zh/policies/cites-it/", Title: "关于落实人才政策的通知", Column: "policies", Date: day("2023-05-01"),
		Source: "绵阳市人才工作局", Body: "根据绵府办发〔2022〕15号文件精神，现就有关事项通知如下。"},
	{URL: "/zh/news/g20/", Title: "我市企业参加Ｇ２０配套论坛", Column: "news", Date: day("2016-07-25"),
		Source: "绵阳市经济和信息化局", Body: "三家企业介绍了５Ｇ基站配套产品。"},
}

func build(t *testing.T, lang string, docs []Doc, lay layout) fstest.MapFS {
	t.Helper()
	ix := NewIndex(lang)
	for _, d := range docs {
		ix.Add(d)
	}
	files, err := ix.files(columns, lay)
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	return fsys
}

func search(t *testing.T, fsys fstest.MapFS, lang string, q Query) []string {
	t.Helper()
	s, err := OpenSearcher(fsys, lang)
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.Search(q, 0, 100)
	if err != nil {
		t.Fatalf("%+v: %v", q, err)
	}
	var urls []string
	for _, h := range res.Hits {
		urls = append(urls, h.URL)
	}
	if res.Total != len(urls) {
		t.Errorf("%+v: total %d, %d hits", q, res.Total, len(urls))
	}
	return urls
}

// layouts are the default and one that puts every term's postings into
// a file of its own and spreads terms over many shards and groups.
var layouts = map[string]layout{
	"default": defaultLayout,
	"small":   {shardBytes: 16, ownFile: 0, excerptBytes: 20, excerptBlock: 2},
}

func TestSearchChinese(t *testing.T) {
	for name, lay := range layouts {
		t.Run(name, func(t *testing.T) {
			fsys := build(t, "zh", corpus, lay)
			for _, tc := range []struct {
				q    Query
				want []string
			}{
				// The title match ranks above the passing mention, though older.
				{Query{Text: "绿道"}, []string{"/zh/notices/greenway-plan/", "/zh/news/meeting/"}},
				{Query{Text: "绿道", Newest: true}, []string{"/zh/news/meeting/", "/zh/notices/greenway-plan/"}},
				// Simplified query, traditional text, and the other way round.
				{Query{Text: "高校毕业生"}, []string{"/zh/notices/graduates/"}},
				{Query{Text: "學生"}, []string{"/zh/notices/graduates/", "/zh/notices/fire/"}},
				{Query{Text: "消防安全隱患"}, []string{"/zh/notices/fire/"}},
				// 文号 variants; the announcement that carries it first.
				{Query{Text: "绵府办发〔2022〕15号"}, []string{"/zh/policies/talent-housing/", "/zh/policies/cites-it/"}},
				{Query{Text: "绵府办发[2022]15号"}, []string{"/zh/policies/talent-housing/", "/zh/policies/cites-it/"}},
				{Query{Text: "绵府办发 2022 15"}, []string{"/zh/policies/talent-housing/", "/zh/policies/cites-it/"}},
				{Query{Text: "绵府办发（２０２２）１５号"}, []string{"/zh/policies/talent-housing/", "/zh/policies/cites-it/"}},
				// Full-width text, half-width query.
				{Query{Text: "G20"}, []string{"/zh/news/g20/"}},
				{Query{Text: "5g基站"}, []string{"/zh/news/g20/"}},
				// Source and attachment titles are indexed.
				{Query{Text: "消防救援支队"}, []string{"/zh/notices/fire/"}},
				{Query{Text: "申请表"}, []string{"/zh/policies/talent-housing/"}},
				// Two terms: both must match.
				{Query{Text: "人才 通知"}, []string{"/zh/policies/cites-it/"}},
				{Query{Text: "绿道 学生"}, nil},
				{Query{Text: "没有的词"}, nil},
				{Query{Text: "。，"}, nil},
				// Filters.
				{Query{Text: "绿道", Column: "news"}, []string{"/zh/news/meeting/"}},
				{Query{Text: "绿道", Year: 2024}, []string{"/zh/notices/greenway-plan/"}},
				{Query{Text: "绿道", Year: 2019}, nil},
				{Query{Text: "绿道", Column: "nonsense"}, nil},
			} {
				if got := search(t, fsys, "zh", tc.q); !slices.Equal(got, tc.want) {
					t.Errorf("%+v: got %q, want %q", tc.q, got, tc.want)
				}
			}
		})
	}
}

var corpusEn = []Doc{
	{URL: "/en/notices/rain-gardens/", Title: "Notice on building rain gardens", Column: "notices", Date: day("2023-04-18"),
		Source: "Housing Commission", Body: "New estates shall include a rain garden with permeable paving."},
	{URL: "/en/policies/housing/", Title: "Housing Policies for Graduates", Column: "policies", Date: day("2022-08-15"),
		Source: "General Office", DocNumber: "Mianfu Banfa [2022] No. 15", Body: "The policy covers talent of all kinds."},
	{URL: "/en/news/cafes/", Title: "Rules for street cafés", Column: "news", Date: day("2025-04-02"),
		Source: "Urban Management Bureau", Body: "Cafés must register their outdoor tables."},
	{URL: "/en/news/residents/", Title: "Residents' committee elections completed", Column: "news", Date: day("2021-12-06"),
		Source: "Civil Affairs Bureau", Body: "Members were elected in every community."},
}

func TestSearchEnglish(t *testing.T) {
	for name, lay := range layouts {
		t.Run(name, func(t *testing.T) {
			fsys := build(t, "en", corpusEn, lay)
			for _, tc := range []struct {
				q    Query
				want []string
			}{
				{Query{Text: "policy"}, []string{"/en/policies/housing/"}},
				{Query{Text: "POLICIES"}, []string{"/en/policies/housing/"}},
				{Query{Text: "graduate"}, []string{"/en/policies/housing/"}},
				{Query{Text: "Rain Garden"}, []string{"/en/notices/rain-gardens/"}},
				{Query{Text: "cafe"}, []string{"/en/news/cafes/"}},
				{Query{Text: "resident committee election"}, []string{"/en/news/residents/"}},
				{Query{Text: "Mianfu Banfa 2022 15"}, []string{"/en/policies/housing/"}},
				{Query{Text: "<script>alert(1)</script>"}, nil},
			} {
				if got := search(t, fsys, "en", tc.q); !slices.Equal(got, tc.want) {
					t.Errorf("%+v: got %q, want %q", tc.q, got, tc.want)
				}
			}
		})
	}
}

// TestTiesNewestFirst: equal scores rank the newer announcement first.
func TestTiesNewestFirst(t *testing.T) {
	var docs []Doc
	for i := range 5 {
		docs = append(docs, Doc{URL: fmt.Sprintf("/en/news/%d/", i), Title: fmt.Sprintf("Item %d", i), Column: "news",
			Date: day("2020-01-01").AddDate(0, 0, i*37%5), Body: "A flood drill."})
	}
	fsys := build(t, "en", docs, defaultLayout)
	got := search(t, fsys, "en", Query{Text: "drill"})
	// Dates are i*37 mod 5 days after the first: 0, 2, 4, 1, 3.
	want := []string{"/en/news/2/", "/en/news/4/", "/en/news/1/", "/en/news/3/", "/en/news/0/"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestDeterministic: the files depend on the announcements only, not on
// the order they are added in or on an earlier round.
func TestDeterministic(t *testing.T) {
	ix := NewIndex("zh")
	for _, d := range corpus {
		ix.Add(d)
	}
	first, err := ix.Files(columns)
	if err != nil {
		t.Fatal(err)
	}
	// Again on the same Index (reusing analyses), in reverse order.
	for i := len(corpus) - 1; i >= 0; i-- {
		ix.Add(corpus[i])
	}
	second, err := ix.Files(columns)
	if err != nil {
		t.Fatal(err)
	}
	fresh := NewIndex("zh")
	for i := len(corpus) - 1; i >= 0; i-- {
		fresh.Add(corpus[i])
	}
	third, err := fresh.Files(columns)
	if err != nil {
		t.Fatal(err)
	}
	for _, other := range [][]File{second, third} {
		if len(other) != len(first) {
			t.Fatalf("%d files, then %d", len(first), len(other))
		}
		for i := range first {
			if first[i].Name != other[i].Name || !bytes.Equal(first[i].Data, other[i].Data) {
				t.Errorf("file %d: %s, then %s", i, first[i].Name, other[i].Name)
			}
		}
	}
}

// TestEditChangesFewFiles: editing one announcement changes its excerpt,
// the shards of the terms it gained or lost, their groups and meta.json,
// and nothing else.
func TestEditChangesFewFiles(t *testing.T) {
	files := func(docs []Doc) map[string][]byte {
		ix := NewIndex("zh")
		for _, d := range docs {
			ix.Add(d)
		}
		fs, err := ix.files(columns, layout{shardBytes: 64, ownFile: 384, excerptBytes: 6000, excerptBlock: 2})
		if err != nil {
			t.Fatal(err)
		}
		m := map[string][]byte{}
		for _, f := range fs {
			m[f.Name] = f.Data
		}
		return m
	}
	before := files(corpus)
	edited := slices.Clone(corpus)
	edited[3].Body += "请注意。"
	after := files(edited)
	var changed []string
	for name := range after {
		if _, ok := before[name]; !ok {
			changed = append(changed, name)
		}
	}
	if len(changed) == 0 || len(changed) > len(after)/2 {
		t.Errorf("%d of %d files changed: %q", len(changed), len(after), changed)
	}
}

func TestAddTwice(t *testing.T) {
	ix := NewIndex("zh")
	ix.Add(corpus[0])
	ix.Add(corpus[0])
	if _, err := ix.Files(columns); err == nil {
		t.Error("no error for an announcement added twice")
	}
	ix.Add(Doc{URL: "/zh/x/", Column: "elsewhere"})
	if _, err := ix.Files(columns); err == nil {
		t.Error("no error for an unknown column")
	}
}

// TestExcerptFromAnotherBuild: an announcement dated before the others
// shifts every id, so excerpt file d/<id>.json now holds another
// announcement. A reader still holding the old meta.json (in the open page,
// or from a cache) must not be shown that announcement as a result.
func TestExcerptFromAnotherBuild(t *testing.T) {
	lay := layouts["small"]
	before := build(t, "zh", corpus, lay)
	older := Doc{URL: "/zh/notices/older/", Title: "关于绿道养护的通知", Column: "notices", Date: day("2010-01-04"),
		Body: "绿道养护由各区负责。"}
	after := build(t, "zh", append(slices.Clone(corpus), older), lay)
	q := Query{Text: "人才安居"}
	if got := search(t, after, "zh", q); !slices.Equal(got, []string{"/zh/policies/talent-housing/"}) {
		t.Fatalf("the new build alone finds %q", got)
	}
	// The old build's files, with the new build's excerpts over them.
	mixed := fstest.MapFS{}
	for name, f := range before {
		mixed[name] = f
	}
	for name, f := range after {
		if strings.Contains(name, "/d/") {
			mixed[name] = f
		}
	}
	s, err := OpenSearcher(mixed, "zh")
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.Search(q, 0, 10)
	if !errors.Is(err, errStale) {
		t.Errorf("old meta.json, new excerpts: results %+v, error %v; want %v", res.Hits, err, errStale)
	}
}

// TestNewestChangesOnlyLastExcerpts: a new announcement, the newest, takes
// the next id; the excerpt files of the other blocks of ids keep their
// bytes, so a deploy uploads only the last block's.
func TestNewestChangesOnlyLastExcerpts(t *testing.T) {
	lay := layouts["small"]
	before := build(t, "zh", corpus, lay)
	newest := Doc{URL: "/zh/news/newest/", Title: "绿道开放", Column: "news", Date: day("2026-01-05"), Body: "绿道今日开放。"}
	after := build(t, "zh", append(slices.Clone(corpus), newest), lay)
	var changed []string
	for name, f := range after {
		if strings.Contains(name, "/d/") && (before[name] == nil || !bytes.Equal(before[name].Data, f.Data)) {
			changed = append(changed, name)
		}
	}
	slices.Sort(changed)
	// Seven announcements, blocks of two: ids 6 and 7 share the last block.
	if want := []string{"search/zh/d/6.json", "search/zh/d/7.json"}; !slices.Equal(changed, want) {
		t.Errorf("excerpt files written anew: %q, want %q", changed, want)
	}
}
