package content

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"

	"gazette/internal/messages"
)

// Names of the legacy encodings guessEncoding recognises, spelled the way
// iconv accepts them so they can be pasted into the suggested command.
const (
	encGB18030 = "GB18030"
	encBig5    = "BIG5"
	encUTF16LE = "UTF-16LE"
	encCP1252  = "WINDOWS-1252"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// checkText looks at a content file's raw bytes before anything parses
// them. It reports encoding problems and pasted control characters and
// returns the text without a byte-order mark; ok is false when the file
// cannot be read as UTF-8 text at all, and nothing more should be checked.
func (c *checker) checkText(file string, data []byte) (text []byte, ok bool) {
	if len(bytes.TrimSpace(data)) == 0 {
		c.report(file, 1, 1, Error, "empty", messages.DiagEmpty)
		return nil, false
	}
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		c.reportEncoding(file, 1, 1, "UTF-16")
		return nil, false
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		c.reportEncoding(file, 1, 1, "UTF-16")
		return nil, false
	}
	if kind := binaryKind(data); kind != "" {
		c.report(file, 1, 1, Error, "binary", messages.DiagBinary, c.p.Sprintf(kind))
		return nil, false
	}
	if bytes.HasPrefix(data, utf8BOM) {
		c.report(file, 1, 1, Warning, "bom", messages.DiagBOM)
		data = data[len(utf8BOM):]
	}
	if !utf8.Valid(data) {
		off := firstInvalid(data)
		line, col := lineCol(data, off)
		if enc := guessEncoding(data); enc != "" {
			c.reportEncoding(file, line, col, enc)
		} else {
			c.report(file, line, col, Error, "encoding", messages.DiagEncodingUnknown, data[off])
		}
		return nil, false
	}
	c.checkControlChars(file, data)
	return data, true
}

func (c *checker) reportEncoding(file string, line, col int, enc string) {
	q := shellQuote(file)
	tmp := shellQuote(file + ".utf8")
	cmd := fmt.Sprintf("iconv -f %s -t UTF-8 %s > %s && mv %s %s", enc, q, tmp, tmp, q)
	c.report(file, line, col, Error, "encoding", messages.DiagEncoding, enc, cmd)
}

// checkControlChars reports characters that are invisible on screen but
// break feeds (XML forbids C0 controls) or the layout. Each distinct
// character is reported once, at its first occurrence, with a count of the
// rest, so a file full of Word line breaks gives one line, not hundreds.
func (c *checker) checkControlChars(file string, data []byte) {
	type seen struct {
		line, col, count int
	}
	found := map[rune]*seen{}
	var order []rune
	line, col := 1, 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == '\n' {
			line, col = line+1, 1
			i += size
			continue
		}
		if isControl(r) || isInvisible(r) || (r == 0xFEFF && i > 0) {
			if s, ok := found[r]; ok {
				s.count++
			} else {
				found[r] = &seen{line, col, 0}
				order = append(order, r)
			}
		}
		col++
		i += size
	}
	for _, r := range order {
		s := found[r]
		name := fmt.Sprintf("U+%04X", r)
		switch {
		case isControl(r) && s.count > 0:
			c.report(file, s.line, s.col, Error, "control-char", messages.DiagControlCharMore, name, s.count)
		case isControl(r):
			c.report(file, s.line, s.col, Error, "control-char", messages.DiagControlChar, name)
		default:
			c.report(file, s.line, s.col, Warning, "invisible-char", messages.DiagInvisibleChar, name)
		}
	}
}

// isControl reports C0 controls other than tab, line feed and carriage
// return, DEL, and C1 controls: none of them belongs in an announcement.
func isControl(r rune) bool {
	return (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || (r >= 0x7F && r <= 0x9F)
}

// isInvisible reports characters that Word and web pages leave behind and
// that readers cannot see: zero-width spaces and joiners, line and
// paragraph separators (U+FEFF is handled by the caller: at the start of a
// file it is a byte-order mark).
func isInvisible(r rune) bool {
	switch r {
	case 0x200B, 0x2028, 0x2029, 0x2060:
		return true
	}
	return false
}

// binaryKind recognises files that are not text at all, most often a
// document saved with the wrong extension, and returns the message key
// naming what it looks like, or "" for text.
func binaryKind(data []byte) messages.Key {
	head := data
	if len(head) > 8000 {
		head = head[:8000]
	}
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		if bytes.Contains(head, []byte("word/")) || bytes.Contains(head, []byte("[Content_Types].xml")) {
			return messages.KindDocx
		}
		return messages.KindZip
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}):
		return messages.KindDoc
	case bytes.HasPrefix(data, []byte("%PDF-")):
		return messages.KindPDF
	case bytes.HasPrefix(data, []byte("\x89PNG")), bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}),
		bytes.HasPrefix(data, []byte("GIF8")):
		return messages.KindImage
	case bytes.IndexByte(head, 0) >= 0:
		return messages.KindBinary
	}
	return ""
}

// guessEncoding names the legacy encoding data (which is not valid UTF-8)
// is most likely in, or "" when it does not look like any of them.
//
// GBK/GB18030 and Big5 overlap byte for byte, so both are decoded and the
// one that yields more everyday Chinese characters wins; the byte layout
// of GB2312 (the part of GBK everyday text uses: both bytes 0xA1–0xFE)
// breaks ties. Text whose non-ASCII bytes never come in pairs is a
// single-byte Western encoding (curly quotes from Word).
func guessEncoding(data []byte) string {
	pairs, gbShaped, adjacentHigh := 0, 0, false
	for i := 0; i < len(data); i++ {
		b := data[i]
		if b < 0x80 {
			continue
		}
		if i+1 < len(data) && data[i+1] >= 0x80 {
			adjacentHigh = true
		}
		if i+1 < len(data) {
			pairs++
			t := data[i+1]
			if b >= 0xA1 && b <= 0xF7 && t >= 0xA1 && t <= 0xFE {
				gbShaped++
			}
			i++
		}
	}
	if !adjacentHigh {
		if clean(charmap.Windows1252, data) {
			return encCP1252
		}
		return ""
	}
	gbOK, big5OK := clean(simplifiedchinese.GB18030, data), clean(traditionalchinese.Big5, data)
	switch {
	case gbOK && big5OK:
		gb := commonShare(decode(simplifiedchinese.GB18030, data))
		b5 := commonShare(decode(traditionalchinese.Big5, data))
		switch {
		case gb > b5+0.1:
			return encGB18030
		case b5 > gb+0.1:
			return encBig5
		case pairs > 0 && float64(gbShaped)/float64(pairs) >= 0.9:
			return encGB18030
		}
		return encBig5
	case gbOK:
		return encGB18030
	case big5OK:
		return encBig5
	}
	if utf16Shaped(data) {
		return encUTF16LE
	}
	return ""
}

// utf16Shaped reports BOM-less little-endian UTF-16 of mostly ASCII text:
// every other byte is zero.
func utf16Shaped(data []byte) bool {
	if len(data) < 4 {
		return false
	}
	zeros := 0
	for i := 1; i < len(data); i += 2 {
		if data[i] == 0 {
			zeros++
		}
	}
	return zeros*2 >= len(data)/2
}

func decode(enc encoding.Encoding, data []byte) string {
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return ""
	}
	return string(out)
}

// clean reports whether data decodes in enc without replacement characters.
func clean(enc encoding.Encoding, data []byte) bool {
	s := decode(enc, data)
	return s != "" && !strings.ContainsRune(s, utf8.RuneError)
}

// commonShare is the share of non-ASCII characters in s that are among
// the most frequent Chinese characters (simplified or traditional). Text
// decoded with the wrong legacy encoding is mostly rare characters.
func commonShare(s string) float64 {
	total, common := 0, 0
	for _, r := range s {
		if r < 0x80 {
			continue
		}
		total++
		if strings.ContainsRune(commonHan, r) {
			common++
		}
	}
	if total == 0 {
		return 0
	}
	return float64(common) / float64(total)
}

// commonHan holds frequent Chinese characters in both scripts, plus the
// full-width punctuation of everyday text.
const commonHan = "，。、；：？！“”‘’（）《》〔〕【】—…" +
	"的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加西月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件计管期市直资命山金指许统区保至队形社便空决治展科司五基书非则听白界达光放强即难且权思王象完设式色路记南品住告类求据程北边死张该交规万取格望觉术领共确传观清今切院让识候带导争运风步改收根造言联持组每济车亲极林服快办议往元英士证近失转令准布始存未远台单影具罗字爱击流备兵连调深商算质团集百需价花党华城石级整府离况请技际约示复病息究线似官火断精满支视消越器容照须九增研写称企八功包片史委查轻易早曾除农找装广显标图念六引历首医局突专费号尽另周较注语仅考落青随选列武红响虽推势参希古众构房半节土投某案维革划致陈律足态护七兴派孩验责营星够章音跟志底站严巴例防族供效续施留讲型料终答紧黄绝奇察母京段依批群项故按河米围江织害双境客纪采举杀攻父苏密低朝友诉止细愿千值仍男钱破网热助倒育属坐限船职速刻乐否刚威毛状率甚独球般普怕弹校苦创假久错承印晚兰试股拿脑预谁益阳若哪微继送急血惊伤素药适波夜省初喜卫源食险待述陆习置居劳财环排福纳欢雷警获模充负云停木游龙树疑层冷洲冲射略范竟句室异激汉村策演简卡罪判担州静退既衣您宗积余痛检差富灵协角占配征修皮挥胜降阶审沉坚善读超免压银买养怀执副乱抗犯追帮宣岁航优怪香著田铁控税左右份穿艺背阵草脚概恶块顿敢守酒岛托央户烈洋哥索胡款靠评版宝座释景顾弟登货互付伯慢欧换闻危忙核暗姐介坏讨丽良序升监临亮露永呼味野架域沙掉括鱼杂县区镇乡街道社会人才专家服务政策通知公告印发实施办法意见征求申请补贴住房年月日时分秒元万亿第条款项届次" +
	"這個們來為國說時會對過發後裡種經麼學現當沒動還進從實軍無與長機關點業將兩間問應戰頭體見產製東聲條題氣爾別變總電數報結區隊於萬覺術領確傳觀讓識帶導爭運飛風聯組濟車親極辦議證轉準單遠臺羅愛擊備連調質團價黨華級離況亞請際約復線斷滿視須寫稱農裝廣顯標圖歷醫專費號盡較語隨選紅響雖勢參眾構劃護興驗責營夠嚴項織紀採舉殺蘇訴細願錢網熱屬職樂剛獨彈創錯預誰陽繼驚傷藥衛險陸習勞財環歡獲雲龍樹層範異漢擔靜積檢靈協徵揮勝階審堅讀壓銀買養懷執亂幫歲鐵稅藝陣腳惡塊頓島戶寶釋顧貨歐換聞壞討麗監臨魚雜縣鄉鎮務訊補貼請總統縣長屆"

// firstInvalid returns the offset of the first byte that is not part of
// valid UTF-8.
func firstInvalid(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(data)
}

// lineCol converts a byte offset into a 1-based line and a 1-based column
// counted in characters (invalid bytes count one each).
func lineCol(data []byte, off int) (line, col int) {
	if off > len(data) {
		off = len(data)
	}
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	line = bytes.Count(data[:start], []byte{'\n'}) + 1
	col = 1
	for i := start; i < off; {
		_, size := utf8.DecodeRune(data[i:off])
		i += size
		col++
	}
	return line, col
}

// shellQuote quotes a relative path for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("/._-+", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
