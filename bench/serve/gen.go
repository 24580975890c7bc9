//go:build unix

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// The generated site: n announcements, each a zh/en pair of markdown files
// with the front matter of the content contract (title, date with time,
// source, translationKey, some with docNumber), spread over the three
// columns and fifteen years, with bodies of a few paragraphs. The same n
// always gives the same files.

var columns = []string{"notices", "news", "policies"}

var zhParas = []string{
	"为进一步提升公共服务水平，切实保障人民群众合法权益，根据有关法律法规，结合我市实际，制定本通知。各县（市、区）人民政府、市级各部门要高度重视，加强组织领导，明确责任分工。",
	"今年以来，全市上下坚持稳中求进工作总基调，各项工作取得明显成效。相关单位应于规定时间内完成自查，并将工作情况书面报送市级主管部门。",
	"请广大市民提前做好准备，合理安排出行，给您带来的不便敬请谅解。联系电话：0816-2222222，工作时间为每周一至周五上午九时至下午五时。",
	"下一步，我市将继续深化改革，优化营商环境，推动经济社会高质量发展。会议指出，要坚持问题导向，聚焦群众急难愁盼，持续推出便民利民举措。",
}

var enParas = []string{
	"To improve public services and protect the lawful rights of residents, this notice is issued under the relevant laws and regulations. County and district governments and all municipal departments shall give this work high priority.",
	"Since the start of the year the city has made steady progress, and the work has produced clear results. The units concerned shall complete a self-inspection and report in writing to the competent department.",
	"Residents are asked to prepare in advance and plan their journeys; we apologise for any inconvenience. Telephone: 0816-2222222, Monday to Friday from 9 a.m. to 5 p.m.",
	"Next, the city will deepen reform, improve the business environment and promote high-quality development. The meeting stressed the need to focus on the problems residents care about most.",
}

func name(i int) string { return fmt.Sprintf("item-%05d", i) }

func generate(site string, n int) error {
	for i := range n {
		col := columns[i%len(columns)]
		date := fmt.Sprintf("%04d-%02d-%02dT%02d:%02d:00", 2011+i%15, 1+i%12, 1+i%28, 8+i%10, i%60)
		files := map[string]string{
			"zh": page(fmt.Sprintf("关于第%d项工作安排的通知", i), date, "绵阳市人民政府办公室", i, col, zhParas),
			"en": page(fmt.Sprintf("Notice on work arrangement No. %d", i), date, "General Office of Mianyang Municipal People's Government", i, col, enParas),
		}
		for lang, text := range files {
			p := filepath.Join(site, "content", lang, col, name(i)+".md")
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
				return err
			}
		}
	}
	return nil
}

func page(title, date, source string, i int, col string, paras []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "+++\ntitle = %q\ndate = %s\nsource = %q\ntranslationKey = %q\n", title, date, source, name(i))
	if col == "policies" {
		fmt.Fprintf(&b, "docNumber = %q\n", fmt.Sprintf("绵府办发〔%d〕%d号", 2011+i%15, 1+i%60))
	}
	b.WriteString("+++\n\n")
	for p := range 3 + i%3 {
		b.WriteString(paras[(i+p)%len(paras)])
		b.WriteString("\n\n")
	}
	return b.String()
}
