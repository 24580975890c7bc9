package importer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"gazette/internal/importer/docx"
	"gazette/internal/messages"
)

// ImportDocx imports Word documents into the column opts.Column and
// reports what it did. The error is for what stops the whole run (a bad
// column); a file that cannot be read is skipped, with its reason in the
// report, and the other files are imported all the same.
func ImportDocx(ctx context.Context, opts Options, files []string) (*Report, error) {
	dir, err := columnDir(opts.Config, opts.Column)
	if err != nil {
		return nil, err
	}
	rep := &Report{DryRun: opts.DryRun}
	for _, file := range files {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		a, warns, err := docxAnnouncement(&opts, file)
		if err != nil {
			rep.Skipped = append(rep.Skipped, Item{Input: file, Err: err})
			continue
		}
		written, err := write(opts.Site, a, dir, opts.DryRun)
		switch {
		case errors.Is(err, errExists):
			rep.Existing = append(rep.Existing, Item{Input: file, Files: written})
		case err != nil:
			rep.Skipped = append(rep.Skipped, Item{Input: file, Err: err})
		default:
			rep.Imported = append(rep.Imported, Item{Input: file, Files: written})
			for _, w := range warns {
				rep.Warnings = append(rep.Warnings, Item{Input: file, Err: w})
			}
		}
	}
	return rep, nil
}

// notDocxKinds names, in the catalogue, what a file that is not a .docx
// looks like.
var notDocxKinds = map[string]messages.Key{
	"pdf": messages.KindPDF, "zip": messages.KindZip, "image": messages.KindImage,
	"text": messages.ImportKindText, "odt": messages.ImportKindODT, "empty": messages.ImportKindEmpty,
}

// docxAnnouncement converts one Word file. Its name comes from the file
// name (in letters, digits and hyphens), or, for a name without any such
// as 关于防汛工作的通知.docx, from the file's content, so that importing the
// same file again finds the announcement it made.
func docxAnnouncement(opts *Options, file string) (*Announcement, []error, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, nil, problem(messages.ImportReadFailed, file, err)
	}
	d, err := docx.Convert(data)
	var nd *docx.NotDocxError
	switch {
	case errors.As(err, &nd) && nd.Kind == "doc":
		return nil, nil, problem(messages.ImportOldDoc, file)
	case errors.As(err, &nd):
		kind := opts.Messages.Sprintf(messages.KindBinary)
		if k, ok := notDocxKinds[nd.Kind]; ok {
			kind = opts.Messages.Sprintf(k)
		}
		return nil, nil, problem(messages.ImportNotDocx, file, strings.TrimSpace(kind))
	case err != nil:
		return nil, nil, problem(messages.ImportBrokenDocx, file, err)
	}
	if strings.TrimSpace(d.Markdown) == "" && d.Title == "" {
		return nil, nil, problem(messages.ImportDocxNoText, file)
	}
	stem := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
	name := strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(stem), "-"), "-")
	if name == "" {
		sum := sha256.Sum256(data)
		name = "doc-" + hex.EncodeToString(sum[:4])
	}
	if d.Title == "" {
		d.Title = stem
	}
	lang := opts.lang()
	a := &Announcement{
		Input: file, Lang: lang, Column: opts.Column, Name: name, Body: d.Markdown,
		Fields: Fields{
			Title: d.Title,
			// The announcement is published when it is imported; the date
			// the document was written is writtenDate.
			Date:           opts.now().In(opts.Config.Location()).Truncate(time.Minute),
			DocNumber:      d.DocNumber,
			TranslationKey: name,
		},
	}
	var written time.Time
	if d.Written.Year > 0 {
		written = time.Date(d.Written.Year, time.Month(d.Written.Month), d.Written.Day, 0, 0, 0, 0, opts.Config.Location())
	}
	a.Fields.setIssuer(d.Issuer, written)
	if a.Fields.Source == "" {
		if l := opts.Config.Languages[lang]; l != nil {
			a.Fields.Source = l.Source
		}
	}
	for _, img := range d.Images {
		a.Files = append(a.Files, File{Name: img.Name, Data: img.Data})
	}
	var warns []error
	for _, n := range d.ImagesWithoutAlt {
		warns = append(warns, problem(messages.ImportImageNoAlt, n))
	}
	// The files of the 附件 list, when they lie beside the document under
	// their title: 供水管网改造路段图.pdf for 附件：供水管网改造路段图.
	for i, title := range d.Attachments {
		found := ""
		if m, _ := filepath.Glob(filepath.Join(filepath.Dir(file), globEscape(title)+".*")); len(m) > 0 {
			found = m[0]
		}
		if found == "" {
			warns = append(warns, problem(messages.ImportAttachmentGone, title))
			continue
		}
		data, err := os.ReadFile(found)
		if err != nil {
			warns = append(warns, problem(messages.ImportReadFailed, found, err))
			continue
		}
		fname := fmt.Sprintf("attachment-%d%s", i+1, strings.ToLower(filepath.Ext(found)))
		a.Files = append(a.Files, File{Name: fname, Data: data})
		a.Fields.Attachments = append(a.Fields.Attachments, Attachment{Title: title, File: fname})
	}
	return a, warns, nil
}

// globEscape quotes the characters filepath.Glob gives a meaning.
func globEscape(s string) string {
	return strings.NewReplacer(`*`, `\*`, `?`, `\?`, `[`, `\[`, `\`, `\\`).Replace(s)
}
