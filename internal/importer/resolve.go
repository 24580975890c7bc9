package importer

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"path"
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"gazette/internal/manifest"
	"gazette/internal/messages"
)

// announcement builds the announcement of an article: its images and
// attachments on the old site's host are copied into the page bundle and
// linked locally; links to other imported articles lead to their new
// pages; other links on the old host are made absolute. What could not
// be copied stays linked to the old site, with a warning.
func (imp *pageImport) announcement(ctx context.Context, c *candidate) (*Announcement, []error) {
	a := &Announcement{Input: c.url.String(), Lang: c.lang, Column: c.column, Name: c.name, Fields: c.fields}
	a.Fields.ImportedFrom = c.url.String()
	var warns []error
	if alias, err := aliasOf(c.url); err != nil {
		warns = append(warns, err)
	} else {
		a.Fields.Aliases = []string{alias}
	}
	used := map[string]bool{}
	local := map[string]string{} // resource URL → file name in the bundle
	attached := map[string]bool{}
	copyFile := func(u *url.URL, kind string) (string, bool) {
		k := normURL(u)
		if name, ok := local[k]; ok {
			return name, true
		}
		name := fileName(u, kind, used)
		if imp.opts.DryRun {
			a.Files = append(a.Files, File{Name: name})
			local[k] = name
			return name, true
		}
		r, err := imp.fetch.fetch(ctx, u)
		if err != nil {
			delete(used, name)
			warns = append(warns, problem(messages.ImportResourceFailed, u.String(), err))
			return "", false
		}
		a.Files = append(a.Files, File{Name: name, Data: r.body})
		local[k] = name
		return name, true
	}
	attach := func(title, name string) {
		if attached[name] {
			return
		}
		attached[name] = true
		if strings.TrimSpace(title) == "" {
			title = name
		}
		a.Fields.Attachments = append(a.Fields.Attachments, Attachment{Title: title, File: name})
	}
	sameHost := func(u *url.URL) bool { return strings.EqualFold(u.Host, c.url.Host) }

	var unwrap, drop []*html.Node
	for n := range c.body.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		switch n.DataAtom {
		case atom.Img:
			u, err := c.url.Parse(strings.TrimSpace(attr(n, "src")))
			if err != nil || attr(n, "src") == "" {
				unwrap = append(unwrap, n)
				continue
			}
			if sameHost(u) {
				if name, ok := copyFile(u, "image"); ok {
					setAttr(n, "src", name)
					continue
				}
			}
			setAttr(n, "src", u.String())
		case atom.A:
			href := strings.TrimSpace(attr(n, "href"))
			u, err := c.url.Parse(href)
			if strings.HasPrefix(href, "#") && toTop.MatchString(strings.TrimSpace(textOf(n))) {
				drop = append(drop, n)
				continue
			}
			if href == "" || strings.HasPrefix(href, "#") || err != nil || u.Scheme == "javascript" {
				unwrap = append(unwrap, n)
				continue
			}
			if u.Scheme != "http" && u.Scheme != "https" {
				continue // mailto: and the like stay as they are
			}
			if sameHost(u) && isAttachment(u) {
				if name, ok := copyFile(u, "attachment"); ok {
					setAttr(n, "href", name)
					attach(textOf(n), name)
					continue
				}
			}
			if p, ok := imp.newPaths[normURL(u)]; ok && sameHost(u) {
				setAttr(n, "href", p)
				continue
			}
			setAttr(n, "href", u.String())
		}
	}
	for _, n := range drop {
		n.Parent.RemoveChild(n)
	}
	dropEmpty(c.body)
	for _, n := range unwrap {
		if n.DataAtom == atom.Img {
			n.Parent.RemoveChild(n)
			continue
		}
		for k := n.FirstChild; k != nil; {
			next := k.NextSibling
			n.RemoveChild(k)
			n.Parent.InsertBefore(k, n)
			k = next
		}
		n.Parent.RemoveChild(n)
	}
	for _, n := range c.extra {
		if u, err := c.url.Parse(attr(n, "href")); err == nil {
			if name, ok := copyFile(u, "attachment"); ok {
				attach(textOf(n), name)
			}
		}
	}
	md, err := toMarkdown(imp.conv, c.body)
	if err != nil {
		warns = append(warns, fmt.Errorf("importer: converting %s to markdown: %w", c.url, err))
	}
	a.Body = md
	return a, warns
}

var (
	unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)
	// fileExt is a file name extension kept on a copied file.
	fileExt = regexp.MustCompile(`^\.[a-z0-9]{1,5}$`)
)

// fileName picks the name of a copied file in the bundle: the old file's
// name in safe characters, else kind and a number; unique in used.
func fileName(u *url.URL, kind string, used map[string]bool) string {
	base := path.Base(u.Path)
	ext := strings.ToLower(path.Ext(base))
	stem := strings.Trim(unsafeName.ReplaceAllString(strings.TrimSuffix(base, path.Ext(base)), "-"), "-.")
	if !fileExt.MatchString(ext) {
		ext = ""
	}
	if stem == "" || stem == "index" {
		stem = kind
	}
	name := stem + ext
	for i := 2; used[name]; i++ {
		name = fmt.Sprintf("%s-%d%s", stem, i, ext)
	}
	used[name] = true
	return name
}

// aliasOf returns the alias of an old address: its path, with "." and
// ".." segments resolved as a browser resolves them before asking. A
// path with a space or a control character, an empty segment, or too
// long cannot be a file of the built site (the manifest refuses it and
// the build fails), the home page is the new site's own, and an address
// with a query cannot be answered by a static file: the error, a
// warning, says why the announcement gets no alias.
func aliasOf(u *url.URL) (string, error) {
	if u.RawQuery != "" {
		// A static site cannot answer "/view.jsp?id=5": the path alone is
		// shared by every article of the old site.
		return "", problem(messages.ImportQueryAlias, u.String())
	}
	p := oldPath(u)
	if dotSegment.MatchString(p) && !strings.Contains(p, "//") {
		slash := strings.HasSuffix(p, "/") || strings.HasSuffix(p, "/.") || strings.HasSuffix(p, "/..")
		p = path.Clean(p)
		if slash && p != "/" {
			p += "/"
		}
	}
	if err := manifest.ValidAlias(p); err != nil {
		return "", problem(messages.ImportBadAlias, u.String(), oldPath(u), err)
	}
	if p == "/" {
		return "", problem(messages.ImportBadAlias, u.String(), oldPath(u), errors.New("the new site's home page is there"))
	}
	return p, nil
}

// dotSegment finds a "." or ".." segment in a path.
var dotSegment = regexp.MustCompile(`/\.\.?(/|$)`)
