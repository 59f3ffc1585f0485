package web

import (
	"html"
	"html/template"
	"strings"
)

// SafeSnippet turns a highlighted snippet (HTML from Bleve's highlighter:
// escaped text with <mark>…</mark> around matched terms) into HTML that is
// safe to insert into a page whatever the snippet holds: every piece of
// text is unescaped and escaped again, and the only markup kept is
// balanced <mark></mark> pairs. Any other tag, attribute or entity in the
// input comes out as visible text.
func SafeSnippet(s string) template.HTML {
	const open, close = "<mark>", "</mark>"
	var b strings.Builder
	b.Grow(len(s) + 16)
	inMark := false
	text := func(t string) {
		b.WriteString(html.EscapeString(html.UnescapeString(t)))
	}
	for len(s) > 0 {
		i := strings.Index(s, "<")
		if i < 0 {
			text(s)
			break
		}
		// Text before the next '<' may hold a '<' only as part of a tag we
		// drop or keep below.
		text(s[:i])
		s = s[i:]
		switch {
		case strings.HasPrefix(s, open):
			if !inMark {
				b.WriteString(open)
				inMark = true
			}
			s = s[len(open):]
		case strings.HasPrefix(s, close):
			if inMark {
				b.WriteString(close)
				inMark = false
			}
			s = s[len(close):]
		default:
			// A literal '<' that is not one of our tags: text.
			b.WriteString("&lt;")
			s = s[1:]
		}
	}
	if inMark {
		b.WriteString(close)
	}
	return template.HTML(b.String())
}
