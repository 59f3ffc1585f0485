package ocr

import (
	"regexp"
	"sort"
	"strings"
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
//
// Words of Arabic script that share one box top and bottom with two
// others or more (lineBoxWords) are left out when the other words are
// enough to measure the line: Tesseract gives many words of some Arabic
// lines the line's box, marks and the tails of the line above included
// (58 pixels for words of 25 to 40), and such a line must not be taken
// for a heading in larger type.
func LineSize(line []Word) float64 {
	skip := lineBoxWords(line)
	var hs []float64
	for i, w := range line {
		h := float64(w.Y1 - w.Y0)
		if h <= 0 || skip[i] {
			continue
		}
		hs = append(hs, h/spanFraction(w.Text))
	}
	return medianOf(hs)
}

// medianOf is the median of hs (sorted in place), 0 for none.
func medianOf(hs []float64) float64 {
	if len(hs) == 0 {
		return 0
	}
	sort.Float64s(hs)
	return hs[len(hs)/2]
}

// lineBoxWords marks the words of a line that carry the line's box
// rather than their own: the largest set of three words or more of
// Arabic script with one top and one bottom, when another word with
// letters or digits remains (a dash is no measure; a digit is a good
// one) and that common box is taller by a third than the median of such
// words (each by spanFraction). It returns nil when there are none.
func lineBoxWords(line []Word) map[int]bool {
	type box struct{ y0, y1 int }
	groups := map[box][]int{}
	var best box
	for i, w := range line {
		if w.Y1 <= w.Y0 || !hasArabic(w.Text) {
			continue
		}
		b := box{w.Y0, w.Y1}
		groups[b] = append(groups[b], i)
		if len(groups[b]) > len(groups[best]) {
			best = b
		}
	}
	g := groups[best]
	if len(g) < 3 {
		return nil
	}
	in := map[int]bool{}
	for _, i := range g {
		in[i] = true
	}
	var others []float64
	for i, w := range line {
		if !in[i] && w.Y1 > w.Y0 && hasLetterOrDigit(w.Text) {
			others = append(others, float64(w.Y1-w.Y0)/spanFraction(w.Text))
		}
	}
	if len(others) == 0 || float64(best.y1-best.y0) <= 4.0/3*medianOf(others) {
		return nil
	}
	return in
}

func hasLetterOrDigit(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) })
}

func hasArabic(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Arabic, r) })
}
