package content

import (
	"fmt"
	"path"
	"regexp"
	"sort"
	"strings"

	"gazette/internal/messages"
)

var hasScheme = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.-]*:`)

// checkAttachments validates the attachments list: each entry has a title
// and a file that exists and is not over the size limit. A file is either
// beside the page in its bundle ("form.pdf") or under static/
// ("/files/form.pdf").
func (c *checker) checkAttachments(pg *page, fm *frontMatter, key string, v any) {
	var list []any
	switch x := v.(type) {
	case []any:
		list = x
	case []map[string]any:
		for _, m := range x {
			list = append(list, m)
		}
	}
	for i, el := range list {
		elem := fmt.Sprintf("%s[%d]", key, i)
		pos := fm.keyPos(elem)
		if _, ok := fm.positions()[elem]; !ok {
			pos = fm.keyPos(key)
		}
		m, ok := el.(map[string]any)
		if !ok {
			c.report(pg.file, pos.line, pos.col, Error, "wrong-type", messages.DiagWrongType,
				"attachments", c.p.Sprintf(messages.TypeAttachments), c.describe(el))
			continue
		}
		var title, file string
		var fileKey string
		names := make([]string, 0, len(m))
		for k := range m {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, k := range names {
			kp := fm.keyPos(elem + "." + k)
			s, isText := m[k].(string)
			switch strings.ToLower(k) {
			case "title":
				title = s
			case "file":
				file, fileKey = s, elem+"."+k
			default:
				c.report(pg.file, kp.line, kp.col, Error, "attachment-unknown-field", messages.DiagAttachmentField, i+1, k)
				continue
			}
			if !isText {
				c.report(pg.file, kp.line, kp.col, Error, "wrong-type", messages.DiagWrongType,
					k, c.p.Sprintf(messages.TypeText), c.describe(m[k]))
			}
		}
		if strings.TrimSpace(title) == "" {
			c.report(pg.file, pos.line, pos.col, Error, "attachment-missing-key", messages.DiagAttachmentKey, i+1, "title")
		}
		if strings.TrimSpace(file) == "" {
			c.report(pg.file, pos.line, pos.col, Error, "attachment-missing-key", messages.DiagAttachmentKey, i+1, "file")
			continue
		}
		fp := fm.keyPos(fileKey)
		c.checkAttachmentFile(pg, fp, file)
	}
}

func (c *checker) checkAttachmentFile(pg *page, pos position, file string) {
	if hasScheme.MatchString(file) || strings.HasPrefix(file, "//") {
		return // published elsewhere
	}
	// Windows users type paths with \, which only Windows reads as a
	// separator; the site's addresses need /.
	if fixed := strings.ReplaceAll(file, `\`, "/"); fixed != file {
		if _, ok := c.attachment(pg, fixed); ok {
			c.report(pg.file, pos.line, pos.col, Error, "backslash-path", messages.DiagBackslashPath, file, fixed)
			return
		}
	}
	if !strings.HasPrefix(file, "/") && !pg.bundle {
		name := strings.TrimSuffix(path.Base(pg.file), path.Ext(pg.file))
		c.report(pg.file, pos.line, pos.col, Error, "attachment-relative", messages.DiagAttachmentRel,
			file, "/files/"+path.Base(file), path.Join(path.Dir(pg.file), name))
		return
	}
	target, ok := c.attachment(pg, file)
	if !ok {
		c.report(pg.file, pos.line, pos.col, Error, "attachment-not-found", messages.DiagAttachmentGone, file, target)
		return
	}
	c.checkSize(pg.file, pos, file, c.files[target])
}

// attachment returns the site file an attachment's file names: under
// static/ when it starts with "/", else in the page's bundle. ok is false
// when there is no such file in the site.
func (c *checker) attachment(pg *page, file string) (target string, ok bool) {
	if strings.HasPrefix(file, "/") {
		target = "static" + path.Clean(file)
	} else {
		target = path.Join(pg.dir, file)
	}
	_, ok = c.files[target]
	inSite := strings.HasPrefix(target, "static/") || (pg.bundle && strings.HasPrefix(target, pg.dir+"/"))
	return target, ok && inSite
}

// checkSize reports a linked or attached file over the size limit.
func (c *checker) checkSize(file string, pos position, name string, size int64) {
	if size > c.limit {
		c.report(file, pos.line, pos.col, Error, "too-large", messages.DiagTooLarge,
			name, float64(size)/(1<<20), int(c.limit>>20))
	}
}
