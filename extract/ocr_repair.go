package extract

import (
	"strconv"
	"strings"
)

// repairArticleSequence rewrites the number of an article heading read by
// OCR that breaks the sequence of the document's headings: a heading
// between article N-1 and article N+1 whose number is not N but reads
// one character away from N ("第六二一条" between 第六十条 and 第六十二条
// is 第六十一条; "Article 67" between 60 and 62 is "Article 61"). Only
// lines of pages read by OCR change; each line's text, its word holding
// the number and its page's text.
func repairArticleSequence(pages []Page) {
	type heading struct {
		page, line int
		num        int
		numeral    string // the number as written: digits or Chinese numerals
	}
	var hs []heading
	for pi := range pages {
		for li, ln := range pages[pi].Lines {
			n := articleNumber(ln.Text)
			if n == "" {
				continue
			}
			num, err := strconv.Atoi(n)
			if err != nil {
				continue
			}
			hs = append(hs, heading{pi, li, num, articleNumeral(ln.Text)})
		}
	}
	for k := 1; k+1 < len(hs); k++ {
		prev, h, next := hs[k-1], hs[k], hs[k+1]
		want := prev.num + 1
		if next.num != want+1 || h.num == want || !pages[h.page].OCR || h.numeral == "" {
			continue
		}
		wantText := strconv.Itoa(want)
		if !isDigits(h.numeral) {
			wantText = zhNumeral(want)
		}
		if !oneEdit(h.numeral, wantText) {
			continue
		}
		p := &pages[h.page]
		ln := &p.Lines[h.line]
		ln.Text = strings.Replace(ln.Text, h.numeral, wantText, 1)
		for w := range ln.Words {
			if strings.Contains(ln.Words[w].Text, h.numeral) {
				ln.Words[w].Text = strings.Replace(ln.Words[w].Text, h.numeral, wantText, 1)
				break
			}
		}
		hs[k].num = want
		texts := make([]string, len(p.Lines))
		for i, l := range p.Lines {
			texts[i] = l.Text
		}
		p.Text = strings.Join(texts, "\n")
	}
}

// articleNumeral is the number of an article heading as written: its
// digits, or the Chinese numerals between 第 and 条.
func articleNumeral(t string) string {
	m := reArticle.FindStringSubmatch(strings.TrimSpace(t))
	if m == nil {
		return ""
	}
	for _, g := range m[1:] {
		if g != "" {
			return g
		}
	}
	return ""
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// zhNumeral writes n (1-999) in Chinese numerals as article headings do:
// 十一, 二十, 一百零五, 一百一十.
func zhNumeral(n int) string {
	const d = "零一二三四五六七八九"
	digit := func(i int) string { return string([]rune(d)[i]) }
	if n <= 0 || n >= 1000 {
		return strconv.Itoa(n)
	}
	var b strings.Builder
	h, t, u := n/100, n/10%10, n%10
	if h > 0 {
		b.WriteString(digit(h) + "百")
	}
	switch {
	case t > 0 && (t > 1 || h > 0):
		b.WriteString(digit(t) + "十")
	case t == 1:
		b.WriteString("十")
	case h > 0 && u > 0:
		b.WriteString("零")
	}
	if u > 0 {
		b.WriteString(digit(u))
	}
	return b.String()
}

// oneEdit reports whether a and b differ by at most one character
// inserted, deleted or replaced.
func oneEdit(a, b string) bool {
	x, y := []rune(a), []rune(b)
	if len(x) > len(y) {
		x, y = y, x
	}
	if len(y)-len(x) > 1 {
		return false
	}
	i := 0
	for i < len(x) && x[i] == y[i] {
		i++
	}
	if len(x) == len(y) {
		return i == len(x) || string(x[i+1:]) == string(y[i+1:])
	}
	return string(x[i:]) == string(y[i+1:])
}
