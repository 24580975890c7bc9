package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// The generated site: n filler announcements per language (each a zh/en
// pair) with the needles of labelled.go hidden among them. Filler bodies
// mix a few stock sentences of government notices with sentences of words
// drawn at random by their frequency in real text, so that the index sees
// a realistic vocabulary: for Chinese, the word frequencies of the jieba
// dictionary (github.com/yanyiwu/gojieba, MIT); for English, the word list
// of the Snowball stemmer's tests (github.com/kljensen/snowball), drawn
// with Zipf's law. Both modules are fetched by the go command into its
// module cache; nothing of theirs is copied into this repository. The
// same seed and n always give the same files.

// lexicon draws words.
type lexicon struct {
	words []string
	cum   []float64 // cumulative weights
}

func (l *lexicon) draw(r *rand.Rand) string {
	x := r.Float64() * l.cum[len(l.cum)-1]
	return l.words[sort.SearchFloat64s(l.cum, x)]
}

// moduleDir asks the go command for a module's folder, downloading it
// into the module cache if needed.
func moduleDir(path string) (string, error) {
	cmd := exec.Command("go", "mod", "download", "-json", path)
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go mod download %s: %w", path, err)
	}
	var m struct{ Dir string }
	if err := json.Unmarshal(out.Bytes(), &m); err != nil || m.Dir == "" {
		return "", fmt.Errorf("go mod download %s: no folder in %q", path, out.String())
	}
	return m.Dir, nil
}

// chineseLexicon reads the jieba dictionary: "word frequency tag" lines.
func chineseLexicon() (*lexicon, error) {
	dir, err := moduleDir("github.com/yanyiwu/gojieba@v1.4.6")
	if err != nil {
		return nil, err
	}
	f, err := os.Open(filepath.Join(dir, "deps", "cppjieba", "dict", "jieba.dict.utf8"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	l := &lexicon{}
	total := 0.0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 2 || !allHan(fields[0]) {
			continue
		}
		n, err := strconv.Atoi(fields[1])
		if err != nil || n < 1 {
			continue
		}
		total += float64(n)
		l.words = append(l.words, fields[0])
		l.cum = append(l.cum, total)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(l.words) < 1000 {
		return nil, fmt.Errorf("jieba dictionary: only %d words", len(l.words))
	}
	return l, nil
}

func allHan(s string) bool {
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return s != ""
}

var vocabLine = regexp.MustCompile(`^\s*\{"([a-z]+)", "[^"]*"\},`)

// englishLexicon reads the Snowball test vocabulary and weights it by
// Zipf's law over a fixed shuffle.
func englishLexicon() (*lexicon, error) {
	dir, err := moduleDir("github.com/kljensen/snowball@v0.10.0")
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(filepath.Join(dir, "english_vocab", "vocab_test.go"))
	if err != nil {
		return nil, err
	}
	var words []string
	for _, line := range strings.Split(string(data), "\n") {
		if m := vocabLine.FindStringSubmatch(line); m != nil && len(m[1]) > 1 {
			words = append(words, m[1])
		}
	}
	if len(words) < 1000 {
		return nil, fmt.Errorf("snowball vocabulary: only %d words", len(words))
	}
	r := rand.New(rand.NewPCG(7, 7))
	r.Shuffle(len(words), func(i, j int) { words[i], words[j] = words[j], words[i] })
	l := &lexicon{words: words}
	total := 0.0
	for i := range words {
		total += 1 / math.Pow(float64(i+1), 1.05)
		l.cum = append(l.cum, total)
	}
	return l, nil
}

// fillerColumns are folders of the repository's config.toml columns.
var fillerColumns = []string{"notices", "news", "policies/city-gov"}

var fillerTopics = []struct{ zh, en string }{
	{"城市供水管网维护", "water mains maintenance"},
	{"春节期间政务服务安排", "government services over the Spring Festival"},
	{"中小企业发展专项资金", "the special fund for small businesses"},
	{"人才安居补贴", "housing subsidies for skilled workers"},
	{"社区居家养老服务", "community elderly care"},
	{"防汛应急演练", "the flood emergency drill"},
	{"公共数据开放", "opening public data"},
	{"城市公园管理规定", "rules for city parks"},
	{"农村公路建设", "rural road construction"},
	{"大气污染防治", "air pollution control"},
	{"科技成果转化", "turning research into products"},
	{"老旧小区改造", "renovating old residential areas"},
	{"夏季安全生产检查", "summer workplace safety checks"},
	{"粮食生产和储备", "grain production and reserves"},
	{"文化旅游消费季", "the culture and tourism season"},
	{"河长制工作", "the river chief system"},
	{"劳动保障监察", "labour inspection"},
	{"食品安全抽检", "food safety sampling"},
}

var zhFillerTitles = []string{
	"关于%s的通知", "关于做好%s工作的通知", "%s工作推进会召开", "我市%s取得新进展",
	"绵阳市%s实施办法", "关于公开征求%s意见的公告", "%s情况通报",
}

var enFillerTitles = []string{
	"Notice on %s", "Notice on the work on %s", "Meeting held on %s", "Progress on %s",
	"Measures of Mianyang for %s", "Public consultation on %s", "Report on %s",
}

var zhStock = []string{
	"为进一步提升公共服务水平，根据有关法律法规，结合我市实际，制定本通知。",
	"各县（市、区）人民政府、市级各部门要高度重视，加强组织领导，明确责任分工。",
	"相关单位应于规定时间内完成自查，并将工作情况书面报送市级主管部门。",
	"下一步，我市将继续深化改革，优化营商环境，推动经济社会高质量发展。",
	"本办法自发布之日起施行，由市级主管部门负责解释。",
	"联系电话：0816-2222222，工作时间为每周一至周五。",
}

var enStock = []string{
	"This notice is issued under the relevant laws and regulations and in light of local conditions.",
	"County and district governments and all municipal departments shall give this work high priority.",
	"The units concerned shall complete a self-inspection and report in writing to the competent department.",
	"Next, the city will deepen reform and improve the business environment.",
	"These measures take effect on the date of publication.",
	"Telephone: 0816-2222222, Monday to Friday.",
}

var agencies = []string{"绵府发", "绵府函", "绵府办函", "绵发改", "绵财", "绵人社发", "绵交发", "绵卫发"}
var agenciesEn = []string{"Mian Fu Fa", "Mian Fu Han", "Mian Fu Ban Han", "Mian Fa Gai", "Mian Cai", "Mian Ren She Fa", "Mian Jiao Fa", "Mian Wei Fa"}

var sourcesZh = []string{"绵阳市人民政府办公室", "绵阳市发展和改革委员会", "绵阳市交通运输局", "绵阳市水务局", "绵阳市卫生健康委员会", "绵阳市生态环境局"}
var sourcesEn = []string{"General Office of Mianyang Municipal People's Government", "Mianyang Development and Reform Commission", "Mianyang Transport Bureau", "Mianyang Water Affairs Bureau", "Mianyang Health Commission", "Mianyang Ecology and Environment Bureau"}

// generator makes filler announcements.
type generator struct {
	r      *rand.Rand
	zh, en *lexicon
}

func (g *generator) zhSentence() string {
	if g.r.IntN(10) < 3 {
		return zhStock[g.r.IntN(len(zhStock))]
	}
	var b strings.Builder
	n := 6 + g.r.IntN(10)
	for i := range n {
		b.WriteString(g.zh.draw(g.r))
		if i < n-1 && g.r.IntN(5) == 0 {
			b.WriteString("，")
		}
	}
	b.WriteString("。")
	return b.String()
}

func (g *generator) enSentence() string {
	if g.r.IntN(10) < 3 {
		return enStock[g.r.IntN(len(enStock))]
	}
	var b strings.Builder
	n := 8 + g.r.IntN(14)
	for i := range n {
		w := g.en.draw(g.r)
		if i == 0 {
			w = strings.ToUpper(w[:1]) + w[1:]
		}
		b.WriteString(w)
		switch {
		case i == n-1:
			b.WriteString(".")
		case g.r.IntN(8) == 0:
			b.WriteString(", ")
		default:
			b.WriteString(" ")
		}
	}
	return b.String()
}

// filler makes announcement i; taken records the document numbers in use,
// so that no filler shares one with a needle.
func (g *generator) filler(i int, taken map[string]bool) needle {
	r := g.r
	cols := fillerColumns
	col := cols[r.IntN(len(cols))]
	year := 2012 + r.IntN(14)
	date := fmt.Sprintf("%04d-%02d-%02dT%02d:%02d:00", year, 1+r.IntN(12), 1+r.IntN(28), 8+r.IntN(10), r.IntN(60))
	topic := fillerTopics[r.IntN(len(fillerTopics))]
	t := r.IntN(len(zhFillerTitles))
	src := r.IntN(len(sourcesZh))
	n := needle{key: fmt.Sprintf("%d-filler-%05d", year, i), column: col, date: date}
	n.zh = needleText{title: fmt.Sprintf(zhFillerTitles[t], topic.zh), source: sourcesZh[src]}
	n.en = needleText{title: fmt.Sprintf(enFillerTitles[t], topic.en), source: sourcesEn[src]}
	if r.IntN(10) < 4 {
		a := r.IntN(len(agencies))
		// Up to 200 numbers per agency and year, more once those run out
		// (the largest sites).
		for tries, limit := 0, 200; ; tries++ {
			if tries > 50 {
				limit, tries = limit*2, 0
			}
			no := 1 + r.IntN(limit)
			zh := fmt.Sprintf("%s〔%d〕%d号", agencies[a], year, no)
			if !taken[zh] {
				taken[zh] = true
				n.zh.docNumber = zh
				n.en.docNumber = fmt.Sprintf("%s [%d] No. %d", agenciesEn[a], year, no)
				break
			}
		}
	}
	paras := 3 + r.IntN(10)
	for range paras {
		var zb, eb strings.Builder
		k := 2 + r.IntN(5)
		for range k {
			zb.WriteString(g.zhSentence())
			if eb.Len() > 0 {
				eb.WriteByte(' ')
			}
			eb.WriteString(g.enSentence())
		}
		n.zh.body = append(n.zh.body, zb.String())
		n.en.body = append(n.en.body, eb.String())
	}
	return n
}

// generate writes n announcements, the needles among them, under
// siteDir/content.
func generate(siteDir string, n int, seed uint64) error {
	zh, err := chineseLexicon()
	if err != nil {
		return err
	}
	en, err := englishLexicon()
	if err != nil {
		return err
	}
	g := &generator{r: rand.New(rand.NewPCG(seed, uint64(n))), zh: zh, en: en}
	taken := map[string]bool{}
	for _, nd := range needles {
		taken[nd.zh.docNumber] = true
	}
	every := max(1, n/len(needles))
	next := 0
	for i := range n {
		a := g.filler(i, taken)
		if i%every == every/2 && next < len(needles) {
			a = needles[next]
			next++
		}
		if err := writeAnnouncement(siteDir, a); err != nil {
			return err
		}
	}
	for ; next < len(needles); next++ {
		if err := writeAnnouncement(siteDir, needles[next]); err != nil {
			return err
		}
	}
	return nil
}

func writeAnnouncement(siteDir string, a needle) error {
	for lang, t := range map[string]needleText{"zh": a.zh, "en": a.en} {
		var b strings.Builder
		b.WriteString("+++\n")
		fmt.Fprintf(&b, "title = %s\ndate = %s\nsource = %s\ntranslationKey = %s\n", quote(t.title), a.date, quote(t.source), quote(a.key))
		if t.docNumber != "" {
			fmt.Fprintf(&b, "docNumber = %s\n", quote(t.docNumber))
		}
		if t.attachment != "" {
			// A file every generated site has (copied from the repository's static/).
			fmt.Fprintf(&b, "\n[[attachments]]\ntitle = %s\nfile = \"/files/2024-small-business-support-checklist.pdf\"\n", quote(t.attachment))
		}
		b.WriteString("+++\n\n")
		for _, p := range t.body {
			b.WriteString(p)
			b.WriteString("\n\n")
		}
		name := filepath.Join(siteDir, "content", lang, a.column, a.key+".md")
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(name, []byte(b.String()), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// quote makes a TOML basic string.
func quote(s string) string {
	s = strings.ReplaceAll(s, `\`, `\\`)
	return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"`
}
