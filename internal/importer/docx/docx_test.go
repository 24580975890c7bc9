package docx

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
)

func convertFile(t *testing.T, name string) *Document {
	t.Helper()
	data, err := os.ReadFile("../testdata/docx/" + name)
	if err != nil {
		t.Fatal(err)
	}
	d, err := Convert(data)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return d
}

// TestConvert reads the same kinds of element as two different programs
// write them.
func TestConvert(t *testing.T) {
	chart, err := os.ReadFile("../testdata/docx/chart.png")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		file        string
		title       string
		docNumber   string
		issuer      string
		written     Date
		attachments []string
		markdown    []string // each a whole block of the markdown
	}{
		{
			file:        "flood-notice-python-docx.docx",
			title:       "示例市人民政府办公室关于做好2024年夏季防汛工作的通知",
			docNumber:   "示府办发〔2024〕12号",
			issuer:      "示例市人民政府办公室",
			written:     Date{2024, 5, 6},
			attachments: []string{"防汛物资储备清单", "防汛值班安排表"},
			markdown: []string{
				"各区县人民政府，市政府各部门：",
				// bold, a link and a footnote reference in one paragraph
				"为切实做好今年汛期[^1]防汛工作，确保人民群众生命财产安全，**经市政府同意**，现就有关事项通知如下（另见[应急管理部网站](https://www.mem.gov.cn/)）：",
				"## 一、总体要求",
				"坚持*人民至上、生命至上*，立足防大汛、抗大洪、抢大险，全面落实各项防汛措施。",
				"### （一）落实防汛责任",
				"- 编织袋不少于5万条；\n- 救生衣不少于2000件；\n- 移动排涝泵站每区县不少于2台。",
				"1. 5月20日前完成物资清点。\n1. 6月1日前补齐缺口。",
				"## 三、保障措施", // Word's Heading 1 style
				"| 区县 | 物资 | 数量 |\n| --- | --- | --- |\n| 涪城区 | 编织袋 | 2万条 |\n| 涪城区 | 救生衣 | 800件 |\n| 合计 | 合计 | 见附件1 |",
				"![防汛值班电话表](image-1.png)",
				"附件：1. 防汛物资储备清单",
				"2\\. 防汛值班安排表",
				"示例市人民政府办公室",
				"2024年5月6日",
				"[^1]: 本通知所称汛期为每年5月1日至9月30日。",
			},
		},
		{
			file:        "water-notice-libreoffice.docx",
			title:       "关于城区供水管网改造期间临时停水的公告",
			docNumber:   "示水发〔2024〕8号",
			issuer:      "示例市水务局",
			written:     Date{2024, 6, 3},
			attachments: []string{"供水管网改造路段图"},
			markdown: []string{
				"为提高城区供水保障能力，市水务局将对**人民路、滨江路**沿线老旧供水管网进行改造[^1]。施工期间部分区域将*临时停水*，详情可查阅[水利部网站](https://www.mwr.gov.cn/)的有关说明。现将有关事项公告如下：",
				"## 一、停水时间", // outline level set on the paragraph
				"### （一）全部停水区域",
				"- 人民路沿线小区；\n  - 含文化宫片区。\n- 滨江路沿线商户。",
				"### （二）水压偏低区域", // numbering in the text only
				"## 三、温馨提示",
				"1. 请提前储备生活用水。\n1. 恢复供水初期水质可能浑浊，请放水片刻后使用。",
				"| 路段 | 起止点 | 停水时长 |\n| --- | --- | --- |\n| 人民路 | 文化宫至长虹桥 | 36小时 |\n| 人民路 | 长虹桥至火车站 | 12小时 |\n| 滨江路全线 | 滨江路全线 | 24小时 |",
				"![城区停水区域示意图](image-1.png)",
				"附件：供水管网改造路段图",
				"二〇二四年六月三日",
				"[^1]: 改造管道总长约3.2公里，管径由300毫米增至500毫米。",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			d := convertFile(t, tt.file)
			if d.Title != tt.title || d.DocNumber != tt.docNumber || d.Issuer != tt.issuer || d.Written != tt.written || !slices.Equal(d.Attachments, tt.attachments) {
				t.Errorf("got title %q, 文号 %q, issuer %q, written %v, attachments %q\nwant %q, %q, %q, %v, %q",
					d.Title, d.DocNumber, d.Issuer, d.Written, d.Attachments, tt.title, tt.docNumber, tt.issuer, tt.written, tt.attachments)
			}
			blocks := strings.Split(d.Markdown, "\n\n")
			for i := range blocks {
				blocks[i] = strings.TrimSpace(blocks[i])
			}
			for _, want := range tt.markdown {
				if !slices.Contains(blocks, want) {
					t.Errorf("the markdown has no block\n%s\n----- markdown:\n%s", want, d.Markdown)
				}
			}
			// The title and document number are front matter, not text.
			if strings.Contains(d.Markdown, tt.title) || strings.Contains(d.Markdown, tt.docNumber) {
				t.Errorf("the title or 文号 is repeated in the text:\n%s", d.Markdown)
			}
			if len(d.Images) != 1 || d.Images[0].Name != "image-1.png" || !bytes.Equal(d.Images[0].Data, chart) || len(d.ImagesWithoutAlt) != 0 {
				t.Errorf("images %d, without alt %v; want the embedded chart with its description", len(d.Images), d.ImagesWithoutAlt)
			}
		})
	}
}

// zipOf makes a zip archive of name → content.
func zipOf(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for name, text := range files {
		f, err := w.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		f.Write([]byte(text))
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestConvertBadInput(t *testing.T) {
	good, err := os.ReadFile("../testdata/docx/water-notice-libreoffice.docx")
	if err != nil {
		t.Fatal(err)
	}
	badXML := zipOf(t, map[string]string{"word/document.xml": `<w:document xmlns:w="x"><w:body><w:p>`})
	tests := []struct {
		name   string
		data   []byte
		kind   string // NotDocxError's Kind; "" for a broken file
		broken bool
	}{
		{"truncated", good[:len(good)/2], "", true},
		{"bad XML", badXML, "", true},
		{"old Word", append([]byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), make([]byte, 600)...), "doc", false},
		{"PDF", []byte("%PDF-1.7\n..."), "pdf", false},
		{"text", []byte("<html><body>not Word</body></html>"), "text", false},
		{"empty", nil, "empty", false},
		{"spreadsheet", zipOf(t, map[string]string{"xl/workbook.xml": "<workbook/>", "[Content_Types].xml": "<Types/>"}), "zip", false},
		{"OpenDocument", zipOf(t, map[string]string{"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"}), "odt", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Convert(tt.data)
			if err == nil {
				t.Fatalf("no error; converted to %q", d.Markdown)
			}
			var nd *NotDocxError
			switch {
			case tt.broken && !errors.Is(err, ErrBroken):
				t.Errorf("error %v, want ErrBroken", err)
			case !tt.broken && (!errors.As(err, &nd) || nd.Kind != tt.kind):
				t.Errorf("error %v, want a NotDocxError of kind %q", err, tt.kind)
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	tests := map[string]Date{
		"2024年5月6日":    {2024, 5, 6},
		"2024年12月31日":  {2024, 12, 31},
		"二〇二四年六月三日":    {2024, 6, 3},
		"二〇二三年十二月三十一日": {2023, 12, 31},
		"二○二五年十月十日":    {2025, 10, 10},
		"二〇二四年十三月一日":   {},
		"2024年5月6日起施行": {},
	}
	for in, want := range tests {
		got, ok := parseDate(in)
		if got != want || ok != (want != Date{}) {
			t.Errorf("parseDate(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
}
