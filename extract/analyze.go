package extract

import (
	"strings"

	"github.com/docindex/docindex/extract/layout"
	"golang.org/x/text/unicode/norm"
)

// dropRunningTitle removes, from the top of pages after the first, lines
// repeating the document's title or symbol (running heads that a short
// document prints only once, so they are not seen as repeated).
func dropRunningTitle(pages []cleanPage, m Meta, raw []Page) {
	keys := map[string]bool{}
	for _, s := range []string{m.Title, m.Symbol} {
		if s != "" {
			keys[layout.RunningKey(s)] = true
		}
	}
	if len(keys) == 0 {
		return
	}
	for i := 1; i < len(pages); i++ {
		h := pageHeight(raw[i])
		var keep []row
		for j, r := range pages[i].rows {
			if layout.InHead(r.y, h) && j < 3 && keys[layout.RunningKey(r.text)] {
				pages[i].header = append(pages[i].header, r)
				continue
			}
			keep = append(keep, r)
		}
		pages[i].rows = keep
	}
}

// Analyze fills doc.Meta and doc.Clauses from doc.Pages: page cleanup
// (running headers and footers, footnotes, hyphenation), metadata from the
// first page, clause segmentation with stable ids, citations and
// per-clause language.
func Analyze(doc *Document, opt Options) {
	if doc == nil || len(doc.Pages) == 0 {
		return
	}
	pages, lay := cleanupPages(doc.Pages)
	info := readMasthead(pages, doc.Pages, lay)
	doc.Meta = info.meta
	dropRunningTitle(pages, doc.Meta, doc.Pages)
	clauses := segmentClauses(pages, lay, info.start, info.intro)
	clauses = uniqueClauseIDs(clauses) // see clause.go
	ref := doc.Symbol
	if ref == "" {
		ref = doc.Title
	}
	citeLang := doc.Language
	if citeLang == "" || citeLang == "und" {
		var sb strings.Builder
		for i, c := range clauses {
			if i > 20 {
				break
			}
			sb.WriteString(c.Text)
		}
		citeLang = scriptLang(sb.String())
	}
	for i := range clauses {
		c := &clauses[i]
		c.Text = norm.NFC.String(strings.TrimSpace(c.Text))
		if opt.Langs != nil {
			c.Language = opt.Langs.DetectOr(c.Text, doc.Language)
			c.Text = opt.Langs.Normalize(c.Language, c.Text)
		}
		if c.Footnotes == nil {
			c.Footnotes = []string{}
		}
		c.Citation = citation(ref, c.ID, citeLang)
	}
	doc.Clauses = clauses
}
