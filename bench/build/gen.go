//go:build unix

package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// An announcement is one translation pair: content/zh/<column>/<name>.md and
// content/en/<column>/<name>.md. A site of n announcements therefore has 2n
// markdown files and 2n announcement pages.

var columns = []struct {
	name   string
	weight int // out of 10
}{
	{"notices", 4},
	{"news", 4},
	{"policies", 2},
}

// sources are issuing bodies, Chinese and English side by side.
var sources = [][2]string{
	{"绵阳市人民政府办公室", "General Office of Mianyang Municipal People's Government"},
	{"绵阳市发展和改革委员会", "Mianyang Development and Reform Commission"},
	{"绵阳市教育和体育局", "Mianyang Bureau of Education and Sports"},
	{"绵阳市人力资源和社会保障局", "Mianyang Bureau of Human Resources and Social Security"},
	{"绵阳市住房和城乡建设委员会", "Mianyang Housing and Urban-Rural Development Commission"},
	{"绵阳市交通运输局", "Mianyang Transport Bureau"},
	{"绵阳市卫生健康委员会", "Mianyang Health Commission"},
	{"绵阳市生态环境局", "Mianyang Ecology and Environment Bureau"},
	{"绵阳市水务局", "Mianyang Water Affairs Bureau"},
	{"绵阳市政务服务和公共资源交易服务中心", "Mianyang Government Services Centre"},
}

// topics give titles, slugs and keywords.
var topics = []struct{ zh, en, slug string }{
	{"城市供水管网维护", "water mains maintenance", "water-mains"},
	{"春节期间政务服务安排", "government services over the Spring Festival", "spring-festival-services"},
	{"中小企业发展专项资金", "the special fund for small businesses", "small-business-fund"},
	{"人才安居补贴", "housing subsidies for skilled workers", "talent-housing"},
	{"社区居家养老服务", "community elderly care", "elderly-care"},
	{"防汛应急演练", "the flood emergency drill", "flood-drill"},
	{"公共数据开放", "opening public data", "public-data"},
	{"城市公园管理规定", "rules for city parks", "park-rules"},
	{"义务教育阶段招生", "primary and middle school enrolment", "school-enrolment"},
	{"农村公路建设", "rural road construction", "rural-roads"},
	{"大气污染防治", "air pollution control", "air-quality"},
	{"医疗保险参保登记", "medical insurance registration", "medical-insurance"},
	{"科技成果转化", "turning research into products", "technology-transfer"},
	{"老旧小区改造", "renovating old residential areas", "old-neighbourhoods"},
	{"政务服务“一窗通办”", "one-window government services", "one-window"},
	{"夏季安全生产检查", "summer workplace safety inspections", "safety-inspections"},
}

var zhTitles = []string{
	"关于%s的通知",
	"关于做好%s工作的通知",
	"%s工作推进会召开",
	"我市%s取得新进展",
	"绵阳市%s实施办法",
	"关于公开征求《%s管理办法（征求意见稿）》意见的公告",
}

var enTitles = []string{
	"Notice on %s",
	"Notice on doing a good job of %s",
	"Meeting held to advance %s",
	"Mianyang makes progress on %s",
	"Mianyang implementing measures for %s",
	"Public consultation on draft rules for %s",
}

var zhSentences = []string{
	"为进一步提升公共服务水平，切实保障人民群众合法权益，根据有关法律法规，结合我市实际，制定本通知。",
	"各县（市、区）人民政府、科学城办事处，市级各部门要高度重视，加强组织领导，明确责任分工。",
	"市政府有关负责同志出席会议并讲话，要求各部门统一思想、压实责任、狠抓落实。",
	"今年以来，全市上下坚持稳中求进工作总基调，各项工作取得明显成效。",
	"相关单位应于规定时间内完成自查，并将工作情况书面报送市级主管部门。",
	"请广大市民提前做好准备，合理安排出行，给您带来的不便敬请谅解。",
	"下一步，我市将继续深化改革，优化营商环境，推动经济社会高质量发展。",
	"会议指出，要坚持问题导向，聚焦群众急难愁盼，持续推出便民利民举措。",
	"本办法自发布之日起施行，有效期五年，由市级主管部门负责解释。",
	"据统计，全年共办理各类事项十二万余件，群众满意率达到百分之九十八以上。",
	"联系电话：0816-2222222，工作时间为每周一至周五上午九时至下午五时。",
	"各地要加强宣传引导，及时回应社会关切，营造良好舆论氛围。",
}

var enSentences = []string{
	"To improve public services and protect the lawful rights of residents, this notice is issued under the relevant laws and regulations and in light of local conditions.",
	"County and district governments, the Science City Office and all municipal departments shall give this work high priority and assign clear responsibilities.",
	"A senior city official attended the meeting and asked every department to share the same goals, take responsibility and follow through.",
	"Since the start of the year the city has made steady progress, and the work has produced clear results.",
	"The units concerned shall complete a self-inspection within the set time and report in writing to the competent municipal department.",
	"Residents are asked to prepare in advance and plan their journeys; we apologise for any inconvenience.",
	"Next, the city will deepen reform, improve the business environment and promote high-quality development.",
	"The meeting stressed the need to focus on the problems residents care about most and to keep introducing practical measures.",
	"These measures take effect on the date of publication, remain valid for five years and are interpreted by the competent municipal department.",
	"Over the year more than 120,000 applications were handled, and resident satisfaction exceeded 98 percent.",
	"Telephone: 0816-2222222, Monday to Friday from 9 a.m. to 5 p.m.",
	"Local governments shall explain the policy to the public and respond promptly to concerns.",
}

var zhHeadings = []string{"一、工作目标", "二、主要任务", "三、保障措施", "四、工作要求", "五、其他事项"}
var enHeadings = []string{"1. Objectives", "2. Main tasks", "3. Support measures", "4. Requirements", "5. Other matters"}

var zhItems = []string{"提前公布办理时间和地点；", "简化申请材料，压缩办理时限；", "开通网上办理和邮寄送达；", "设立咨询电话，及时答复群众问题；", "加强监督检查，确保政策落实到位；", "定期公开工作进展。"}
var enItems = []string{"publish times and places in advance;", "simplify the documents required and shorten processing times;", "offer online applications and delivery by post;", "run an advice line and answer questions promptly;", "check that the policy is carried out;", "report progress regularly."}

var districts = [][2]string{
	{"涪城区", "Fucheng District"}, {"游仙区", "Youxian District"}, {"安州区", "Anzhou District"},
	{"江油市", "Jiangyou City"}, {"三台县", "Santai County"}, {"盐亭县", "Yanting County"},
	{"梓潼县", "Zitong County"}, {"平武县", "Pingwu County"}, {"北川羌族自治县", "Beichuan Qiang Autonomous County"},
}

// announcement is one generated translation pair.
type announcement struct {
	column, name string
	zh, en       string // file contents
}

// generate writes n announcements under siteDir/content. The same seed and n
// always give the same files.
func generate(siteDir string, n int, seed uint64) error {
	r := rand.New(rand.NewPCG(seed, uint64(n)))
	for i := range n {
		a := newAnnouncement(r, i)
		for lang, text := range map[string]string{"zh": a.zh, "en": a.en} {
			name := filepath.Join(siteDir, "content", lang, a.column, a.name+".md")
			if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
				return err
			}
		}
	}
	return nil
}

func pick[T any](r *rand.Rand, s []T) T { return s[r.IntN(len(s))] }

func newAnnouncement(r *rand.Rand, i int) announcement {
	w := r.IntN(10)
	col := columns[len(columns)-1].name
	for _, c := range columns {
		if w < c.weight {
			col = c.name
			break
		}
		w -= c.weight
	}
	topic := pick(r, topics)
	src := pick(r, sources)
	year := 2012 + r.IntN(14) // 2012–2025: no page dated in the future, which Hugo would skip
	date := fmt.Sprintf("%04d-%02d-%02dT%02d:%02d:00", year, 1+r.IntN(12), 1+r.IntN(28), 8+r.IntN(10), r.IntN(60))
	if r.IntN(10) == 0 {
		date += "+08:00"
	}
	name := fmt.Sprintf("%d-%s-%05d", year, topic.slug, i)
	t := r.IntN(len(zhTitles))

	zh := frontMatter{yaml: r.IntN(7) == 0}
	en := frontMatter{yaml: zh.yaml}
	zh.add("title", quote(fmt.Sprintf(zhTitles[t], topic.zh)))
	en.add("title", quote(capitalize(fmt.Sprintf(enTitles[t], topic.en))))
	for _, f := range []*frontMatter{&zh, &en} {
		f.add("date", date)
	}
	zh.add("source", quote(src[0]))
	en.add("source", quote(src[1]))
	if r.IntN(10) < 7 {
		zh.add("translationKey", quote(name))
		en.add("translationKey", quote(name))
	}
	if col == "policies" && r.IntN(10) < 8 || col == "notices" && r.IntN(10) < 3 {
		no := 1 + r.IntN(60)
		zh.add("docNumber", quote(fmt.Sprintf("绵府办发〔%d〕%d号", year, no)))
		en.add("docNumber", quote(fmt.Sprintf("Mian Fu Ban Fa [%d] No. %d", year, no)))
		idx := quote(fmt.Sprintf("008364871/%d-%05d", year, r.IntN(100000)))
		zh.add("indexNumber", idx)
		en.add("indexNumber", idx)
	}
	if r.IntN(10) < 3 {
		zh.add("summary", quote(pick(r, zhSentences)))
		en.add("summary", quote(pick(r, enSentences)))
	}
	if r.IntN(10) < 3 {
		zh.addList("keywords", []string{topic.zh, "绵阳"})
		en.addList("keywords", []string{topic.en, "Mianyang"})
	}
	if col == "policies" && r.IntN(10) == 0 {
		zh.addAttachment("附件：申报材料清单", "/files/2024-small-business-support-checklist.pdf")
		en.addAttachment("Annex: checklist of documents", "/files/2024-small-business-support-checklist.pdf")
	}

	// The body: both languages share one shape, so a page and its
	// translation are about as long.
	var zb, eb strings.Builder
	paras := 3 + r.IntN(4)
	headings := r.IntN(10) < 3
	list := r.IntN(4) == 0
	table := r.IntN(8) == 0
	emphasis := r.IntN(10) == 0
	for p := range paras {
		if headings && p > 0 && p <= len(zhHeadings) {
			fmt.Fprintf(&zb, "## %s\n\n", zhHeadings[p-1])
			fmt.Fprintf(&eb, "## %s\n\n", enHeadings[p-1])
		}
		k := 2 + r.IntN(4)
		for s := range k {
			j := r.IntN(len(zhSentences))
			if emphasis && p == 0 && s == 0 {
				// Chinese emphasis next to CJK punctuation, the case the
				// CommonMark rules get wrong without help.
				fmt.Fprintf(&zb, "请注意**「%s」**相关安排。", topic.zh)
				fmt.Fprintf(&eb, "Please note the arrangements for **%s**. ", topic.en)
			}
			zb.WriteString(zhSentences[j])
			eb.WriteString(enSentences[j])
			if s < k-1 {
				eb.WriteByte(' ')
			}
		}
		zb.WriteString("\n\n")
		eb.WriteString("\n\n")
		if list && p == 0 {
			items := 3 + r.IntN(4)
			for it := range items {
				fmt.Fprintf(&zb, "- %s\n", zhItems[it])
				fmt.Fprintf(&eb, "- %s\n", enItems[it])
			}
			zb.WriteString("\n")
			eb.WriteString("\n")
		}
		if table && p == 1 {
			zb.WriteString("| 地区 | 办理地点 | 名额 |\n| --- | --- | ---: |\n")
			eb.WriteString("| Area | Where to apply | Places |\n| --- | --- | ---: |\n")
			rows := 3 + r.IntN(4)
			for range rows {
				d := pick(r, districts)
				q := 10 + r.IntN(200)
				fmt.Fprintf(&zb, "| %s | %s政务服务中心 | %d |\n", d[0], d[0], q)
				fmt.Fprintf(&eb, "| %s | %s Government Services Centre | %d |\n", d[1], d[1], q)
			}
			zb.WriteString("\n")
			eb.WriteString("\n")
		}
	}
	return announcement{
		column: col,
		name:   name,
		zh:     zh.String() + zb.String(),
		en:     en.String() + eb.String(),
	}
}

// frontMatter writes TOML or YAML front matter; values are already encoded
// (quoted strings, bare dates), which both formats read the same way.
type frontMatter struct {
	yaml bool
	b    strings.Builder
	tail strings.Builder // TOML tables must come after plain keys
}

func (f *frontMatter) add(key, value string) {
	if f.yaml {
		fmt.Fprintf(&f.b, "%s: %s\n", key, value)
	} else {
		fmt.Fprintf(&f.b, "%s = %s\n", key, value)
	}
}

func (f *frontMatter) addList(key string, values []string) {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = quote(v)
	}
	f.add(key, "["+strings.Join(q, ", ")+"]")
}

func (f *frontMatter) addAttachment(title, file string) {
	if f.yaml {
		fmt.Fprintf(&f.b, "attachments:\n  - title: %s\n    file: %s\n", quote(title), quote(file))
	} else {
		fmt.Fprintf(&f.tail, "\n[[attachments]]\ntitle = %s\nfile = %s\n", quote(title), quote(file))
	}
}

func (f *frontMatter) String() string {
	fence := "+++"
	if f.yaml {
		fence = "---"
	}
	return fence + "\n" + f.b.String() + f.tail.String() + fence + "\n\n"
}

// quote makes a double-quoted string valid in both TOML and YAML.
func quote(s string) string {
	s = strings.ReplaceAll(s, `\`, `\\`)
	return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"`
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
