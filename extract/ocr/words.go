package ocr

import (
	"regexp"
	"sort"
	"unicode"
	"unicode/utf8"
)

// labelMisread is a paragraph number at the start of a line whose full
// stop Tesseract read as a comma, colon or semicolon, or lost ("2, To
// develop", "3 To achieve" for "2. To develop", "3. To achieve"): a
// 200 dpi scan's full stop is a few pixels.
var labelMisread = regexp.MustCompile(`^([0-9]{1,3})[,:;]?$`)

// FixLabels restores the full stop of a paragraph number at the start of
// a line (the line's words in logical order, left to right): a number of
// one to three digits alone or followed by , : or ; becomes "N." when the
// next word starts with a capital letter. A number in running text that
// wraps to the start of a line ("20 Members") reads the same and is
// changed too; only capitalised continuations are, which makes that rare.
func FixLabels(line []Word) {
	if len(line) < 2 {
		return
	}
	m := labelMisread.FindStringSubmatch(line[0].Text)
	if m == nil {
		return
	}
	r, _ := utf8.DecodeRuneInString(line[1].Text)
	if unicode.IsUpper(r) {
		line[0].Text = m[1] + "."
	}
}

// spanFraction is the share of a line's ascender-to-descender height that
// a word of Latin or Cyrillic letters covers: words with ascenders
// (capitals, digits, b d f h k l t) and descenders (g j p q y, commas)
// cover it all; words with neither only the x-height.
func spanFraction(s string) float64 {
	asc, desc, other := false, false, false
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9', unicode.IsUpper(r), r == 'б' || r == 'й' || r == 'ё',
			r == 'b' || r == 'd' || r == 'f' || r == 'h' || r == 'k' || r == 'l' || r == 't' || r == 'i' || r == '(' || r == ')':
			asc = true
			if r == '(' || r == ')' {
				desc = true
			}
		case r == 'g' || r == 'j' || r == 'p' || r == 'q' || r == 'y' || r == ',' || r == ';' ||
			r == 'р' || r == 'у' || r == 'ф' || r == 'д' || r == 'ц' || r == 'щ':
			desc = true
		case unicode.In(r, unicode.Latin, unicode.Cyrillic):
		default:
			other = true // Arabic, Han: the word's own height
		}
	}
	switch {
	case other:
		return 1
	case asc && desc:
		return 1
	case asc:
		return 0.75
	case desc:
		return 0.72
	}
	return 0.5
}

// LineSize is the ascender-to-descender height of a line of words in
// pixels, estimated from each word's height and letters (the median
// over the words), so that a line of capitals or of words without
// descenders gets the size of its neighbours.
func LineSize(line []Word) float64 {
	var hs []float64
	for _, w := range line {
		h := float64(w.Y1 - w.Y0)
		if h <= 0 {
			continue
		}
		hs = append(hs, h/spanFraction(w.Text))
	}
	if len(hs) == 0 {
		return 0
	}
	sort.Float64s(hs)
	return hs[len(hs)/2]
}
