package layout

import (
	"math"
	"strings"
	"testing"

	"github.com/docindex/docindex/extract/reader"
)

// glyph is a letter of size 10 on baseline 100 from u0 to u1.
func glyph(text string, u0, u1 float64) fglyph {
	return fglyph{text: text, u0: u0, u1: u1, v: 100, size: 10}
}

func TestIsWordBreak(t *testing.T) {
	a := glyph("a", 0, 5)
	cases := []struct {
		name string
		prev fglyph
		g    fglyph
		want bool
	}{
		{"touching letters", a, glyph("b", 5, 10), false},
		{"gap under wordGap of the size", a, glyph("b", 5+0.9*wordGap*10, 12), false},
		{"gap over wordGap of the size", a, glyph("b", 5+1.1*wordGap*10, 12), true},
		{"gap measured on the smaller size", fglyph{text: "a", u0: 0, u1: 5, v: 100, size: 20}, glyph("b", 5+1.1*wordGap*10, 12), true},
		{"CJK pair: a gap a Latin pair would break on", glyph("中", 0, 10), glyph("文", 10+2*wordGap*10, 22), false},
		{"CJK pair: gap over cjkWordGap", glyph("中", 0, 10), glyph("文", 10+1.1*cjkWordGap*10, 30), true},
		{"baseline jump", a, fglyph{text: "b", u0: 5, u1: 10, v: 104, size: 10}, true},
		{"baseline moved a little", a, fglyph{text: "b", u0: 5, u1: 10, v: 102, size: 10}, false},
		{"Arabic letter then digit", glyph("ب", 0, 5), glyph("1", 5, 10), true},
		{"Latin letter then Arabic letter", a, glyph("ب", 5, 10), true},
		{"digit then Latin letter", glyph("1", 0, 5), a, false},
	}
	for _, c := range cases {
		if got := isWordBreak(&c.prev, &c.g); got != c.want {
			t.Errorf("%s: isWordBreak = %v, want %v", c.name, got, c.want)
		}
	}
}

func wordTexts(ws []wordAcc) string {
	var out []string
	for _, w := range ws {
		var b strings.Builder
		for _, g := range w.gs {
			if !g.space {
				b.WriteString(g.text)
			}
		}
		out = append(out, b.String())
	}
	return strings.Join(out, "|")
}

func TestSplitWords(t *testing.T) {
	sp := func(u0, u1 float64) fglyph { return fglyph{text: " ", u0: u0, u1: u1, v: 100, size: 10, space: true} }
	cases := []struct {
		name string
		gs   []fglyph
		want string
	}{
		{"space glyph", []fglyph{glyph("a", 0, 5), sp(5, 8), glyph("b", 8, 13)}, "a|b"},
		{"gap without space", []fglyph{glyph("a", 0, 5), glyph("b", 10, 15)}, "a|b"},
		{"space drawn under the next letter", []fglyph{glyph("a", 0, 5), sp(5, 15), glyph("b", 6, 11)}, "ab"},
		{"leading and trailing spaces", []fglyph{sp(0, 3), glyph("a", 3, 8), sp(8, 11)}, "a"},
		{"only spaces", []fglyph{sp(0, 3), sp(3, 6)}, ""},
		// a mark is drawn over its base letter; the next letter is
		// measured from the base letter, not from the mark
		{"combining mark", []fglyph{glyph("ب", 0, 5), glyph("\u064e", 0.5, 2), glyph("ت", 5.5, 10)}, "ب\u064eت"},
	}
	for _, c := range cases {
		if got := wordTexts(splitWords(c.gs)); got != c.want {
			t.Errorf("%s: words %q, want %q", c.name, got, c.want)
		}
	}
}

func TestTallyLine(t *testing.T) {
	big := fglyph{text: "A", u0: 0, u1: 8, v: 100, size: 14.2, bold: true}
	words := []wordAcc{
		{[]fglyph{big, glyph("bc", 8, 18)}},
		{[]fglyph{{text: " ", size: 30, space: true}, glyph("بت", 20, 30), glyph("1", 30, 35)}},
	}
	tl := tallyLine(words, nil)
	if tl.chars != 6 || tl.bold != 1 || tl.rtl != 2 || tl.ltr != 3 {
		t.Errorf("tally chars %d bold %d rtl %d ltr %d, want 6 1 2 3", tl.chars, tl.bold, tl.rtl, tl.ltr)
	}
	// sizes rounded to half a point, spaces not counted
	if len(tl.sizes) != 2 || tl.sizes[0] != (sizeCount{14, 1}) || tl.sizes[1] != (sizeCount{10, 5}) {
		t.Errorf("sizes %+v, want [{14 1} {10 5}]", tl.sizes)
	}
}

func TestDominantSize(t *testing.T) {
	cases := []struct {
		name  string
		sizes []sizeCount
		want  float64
	}{
		{"most characters", []sizeCount{{7, 2}, {10, 30}, {14, 3}}, 10},
		{"tie: the larger", []sizeCount{{9, 4}, {12, 4}}, 12},
		{"no characters: the line's size", nil, 11},
	}
	for _, c := range cases {
		if got := dominantSize(c.sizes, 11); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

func TestMedianBaseline(t *testing.T) {
	at := func(v, size float64) fglyph { return fglyph{text: "x", v: v, size: size} }
	words := []wordAcc{{[]fglyph{at(100, 10), at(101, 10), at(95, 6)}}, {[]fglyph{at(99, 10), at(90, 10.1)}}}
	// the superscript (size 6) is left out; 10.1 rounds to 10
	if got := medianBaseline(words, 10, 50, nil); got != 100 {
		t.Errorf("median %v, want 100", got)
	}
	if got := medianBaseline(words, 12, 50, nil); got != 50 {
		t.Errorf("no glyph in the size: %v, want the line's 50", got)
	}
}

func TestOrderWords(t *testing.T) {
	ws := func(texts ...string) []Word {
		var out []Word
		for _, s := range texts {
			out = append(out, Word{Text: s})
		}
		return out
	}
	text := func(w []Word) string {
		var s []string
		for _, x := range w {
			s = append(s, x.Text)
		}
		return strings.Join(s, " ")
	}
	if got := text(orderWords(ws("one", "two", "three"), false)); got != "one two three" {
		t.Errorf("left to right: %q", got)
	}
	// right-to-left words on a right-to-left line: read from the right;
	// a Latin run inside keeps its own order
	if got := text(orderWords(ws("في", "UN", "ESCWA", "الإسكوا"), true)); got != "الإسكوا UN ESCWA في" {
		t.Errorf("right to left: %q", got)
	}
}

func TestContinuesFragment(t *testing.T) {
	a := glyph("a", 0, 5)
	cur := &fragment{u0: 0, u1: 5}
	cases := []struct {
		name string
		g    fglyph
		want bool
	}{
		{"next letter", glyph("b", 5, 10), true},
		{"a word space later", glyph("b", 8, 13), true},
		{"more than 1.5 sizes later", glyph("b", 21, 26), false},
		{"a small backstep (estimated widths)", glyph("b", 5-0.2*10, 8), true},
		{"drawn back over the letter", glyph("b", 0, 5), false},
		{"another baseline", fglyph{text: "b", u0: 5, u1: 10, v: 102, size: 10}, false},
		{"another size", fglyph{text: "b", u0: 5, u1: 10, v: 100, size: 7}, false},
		{"a mark over the fragment, raised", fglyph{text: "\u064e", u0: 1, u1: 3, v: 104, size: 10}, true},
		{"a mark far off", fglyph{text: "\u064e", u0: 30, u1: 32, v: 104, size: 10}, false},
	}
	for _, c := range cases {
		if got := continuesFragment(cur, a, c.g); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

func TestMakeFragments(t *testing.T) {
	sp := fglyph{text: " ", u0: 40, u1: 43, v: 300, size: 10, space: true}
	gs := []fglyph{glyph("a", 0, 5), glyph("b", 5, 10), sp, glyph("c", 100, 105), glyph("d", 105, 110)}
	frags := makeFragments(gs)
	// the lone space (another baseline) is a fragment of its own, dropped
	if len(frags) != 2 || fragText(frags[0]) != "ab" || fragText(frags[1]) != "cd" || frags[0].chars != 2 {
		for _, f := range frags {
			t.Logf("fragment %q chars %d", fragText(f), f.chars)
		}
		t.Fatalf("%d fragments", len(frags))
	}
	if frags[1].u0 != 100 || frags[1].u1 != 110 {
		t.Errorf("extent %v-%v", frags[1].u0, frags[1].u1)
	}
}

func TestFitsLine(t *testing.T) {
	frag := func(text string, u0, u1, v, size float64) *fragment {
		return &fragment{gs: []fglyph{{text: text, u0: u0, u1: u1, v: v, size: size}}, u0: u0, u1: u1, v: v, size: size}
	}
	line := func() *lineAcc {
		f := frag("body text", 0, 100, 100, 10)
		return &lineAcc{frags: []*fragment{f}, v: 100, size: 10, u0: 0, u1: 100}
	}
	cases := []struct {
		name string
		f    *fragment
		want bool
	}{
		{"same baseline, after the text", frag("more", 110, 140, 101, 10), true},
		{"baseline off by more than baselineTol", frag("more", 110, 140, 103, 10), false},
		{"small type on the baseline, next to the text", frag("more", 110, 140, 100, 6), true},
		{"small type on the baseline, far from the text", frag("more", 150, 180, 100, 6), false},
		{"overlapping the text", frag("other", 10, 90, 100, 10), false},
		{"superscript next to the text", frag("1", 101, 104, 96, 6), true},
		{"superscript far from the text", frag("1", 150, 154, 96, 6), false},
		{"subscript next to the text", frag("2", 101, 104, 103, 6), true},
		{"small type a line above", frag("note", 101, 120, 92, 6), false},
	}
	for _, c := range cases {
		if got := fitsLine(line(), c.f); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
	// the same text drawn again at the same place fits, marked a
	// duplicate (assignLines drops it)
	dup := frag("body text", 0, 100, 100, 10)
	if !fitsLine(line(), dup) || !dup.dup {
		t.Errorf("duplicate: fits %v, marked %v", fitsLine(line(), dup), dup.dup)
	}
}

func TestSegmentBreak(t *testing.T) {
	g := glyph("x", 200, 205)
	cases := []struct {
		name                      string
		lastEnd, lastSize, gutter float64
		want                      bool
	}{
		{"next word", 195, 10, 0, false},
		{"a gap of more than segmentGap sizes", 200 - segmentGap*10 - 1, 10, 0, true},
		{"the gap measured on the larger size", 200 - segmentGap*10 - 1, 12, 0, false},
		{"across the gutter", 195, 10, 198, true},
		{"both before the gutter", 195, 10, 300, false},
	}
	for _, c := range cases {
		if got := segmentBreak(g, c.lastEnd, c.lastSize, c.gutter); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

// glyphsOf is one glyph per rune of s, 5 points wide.
func glyphsOf(s string) []fglyph {
	var gs []fglyph
	x := 0.0
	for _, r := range s {
		gs = append(gs, glyph(string(r), x, x+5))
		x += 5
	}
	return gs
}

func TestNeutralEdges(t *testing.T) {
	cases := []struct {
		word        string
		lead, trail int
	}{
		{".(open", 2, 0},
		{"data)", 0, 1},
		{"(A/78/1)", 1, 1}, // the slashes inside the core stay
		{"UNDP,", 0, 1},
		{"plain", 0, 0},
		{vis("(الوثيقة)"), 0, 0}, // a right-to-left word is not split
		{"2030.", 0, 0},          // figures are not a left-to-right word
		{"(1)", 0, 0},
	}
	for _, c := range cases {
		lead, trail := neutralEdges(glyphsOf(c.word))
		if lead != c.lead || trail != c.trail {
			t.Errorf("neutralEdges(%q) = %d, %d; want %d, %d", c.word, lead, trail, c.lead, c.trail)
		}
	}
}

func TestSplitPieces(t *testing.T) {
	wgs := [][]fglyph{glyphsOf(".(open"), glyphsOf("data)"), glyphsOf(vis("المفتوحة"))}
	leads, trails := []int{2, 0, 0}, []int{0, 1, 0}
	edged := []bool{true, true, false}
	var got []string
	for _, p := range splitPieces(wgs, leads, trails, edged) {
		switch {
		case p.word < 0:
			got = append(got, "_")
		case p.whole:
			got = append(got, "whole")
		default:
			got = append(got, joinGlyphs(p.gs))
		}
	}
	if s := strings.Join(got, "|"); s != ".(|open|_|data|)|_|whole" {
		t.Errorf("pieces %s", s)
	}
}

func TestPiecesText(t *testing.T) {
	pieces := []rtlPiece{
		{word: 0, gs: glyphsOf(".(")},
		{word: 0, gs: glyphsOf("open")},
		{word: 1, whole: true, gs: glyphsOf("xyz")},
	}
	texts := []string{".(", "open", "xyz"}
	out := []Word{{Text: "ignored"}, {Text: "whole word"}}
	// neutrals resolved right-to-left are read from the right
	if got := piecesText(pieces, []int{1, 0}, texts, []bidiCls{bidiR, bidiL, bidiL}, out); got != "open(." {
		t.Errorf("right-to-left neutrals: %q", got)
	}
	// resolved left-to-right they read as drawn
	if got := piecesText(pieces, []int{0, 1}, texts, []bidiCls{bidiL, bidiL, bidiL}, out); got != ".(open" {
		t.Errorf("left-to-right neutrals: %q", got)
	}
	// a whole word keeps the text it was given
	if got := piecesText(pieces, []int{2}, texts, []bidiCls{bidiL, bidiL, bidiR}, out); got != "whole word" {
		t.Errorf("whole word: %q", got)
	}
}

func TestGlyphDirection(t *testing.T) {
	cases := []struct {
		name       string
		dx, dy     float64
		rot, angle int
	}{
		{"left to right", 5, 0, 0, -1},
		{"bottom to top", 0, 5, 1, -1},
		{"upside down", -5, 0, 2, -1},
		{"top to bottom", 0, -5, 3, -1},
		{"slightly tilted (under 10 degrees)", 5, 0.5, 0, -1},
		{"a 45 degree watermark", 5, 5, 0, 45},
		{"minus 30 degrees", 5, -5 * math.Tan(30*math.Pi/180), 0, 330},
		{"no advance: as the glyph before", 0, 0, 2, 45},
	}
	for _, c := range cases {
		rot, angle := glyphDirection(c.dx, c.dy, 2, 45)
		if rot != c.rot || angle != c.angle {
			t.Errorf("%s: rot %d angle %d, want %d %d", c.name, rot, angle, c.rot, c.angle)
		}
	}
}

func TestMainRotation(t *testing.T) {
	for _, c := range []struct {
		counts [4]int
		want   int
	}{
		{[4]int{100, 3, 0, 0}, 0},
		{[4]int{2, 0, 0, 90}, 3}, // a landscape page
		{[4]int{0, 0, 0, 0}, 0},
		{[4]int{0, 5, 5, 0}, 1}, // a tie: the first
	} {
		if got := mainRotation(c.counts); got != c.want {
			t.Errorf("mainRotation(%v) = %d, want %d", c.counts, got, c.want)
		}
	}
}

func TestDiagonalText(t *testing.T) {
	var d diagonalText
	d.add(45, fglyph{text: "D"})
	d.add(315, fglyph{text: "X"})
	d.add(45, fglyph{text: " ", space: true})
	d.add(45, fglyph{text: "R"})
	if len(d.angles) != 2 || d.angles[0] != 45 || d.angles[1] != 315 || len(d.byAngle[45]) != 3 {
		t.Errorf("groups %v %v", d.angles, d.byAngle)
	}
	if d.letters() != 3 {
		t.Errorf("letters %d, want 3", d.letters())
	}
	// a glyph drawn at 45 degrees: along the text in its own frame
	g := reader.Glyph{Text: "D", X0: 100, Y0: 100, X1: 100 + 5/math.Sqrt2, Y1: 100 + 5/math.Sqrt2, Size: 0.1}
	fg := diagonalGlyph(g, "D", 45)
	if math.Abs(fg.u1-fg.u0-5) > 1e-9 || math.Abs(fg.v) > 1e-9 || fg.size != 0.5 {
		t.Errorf("diagonal glyph u %v-%v v %v size %v", fg.u0, fg.u1, fg.v, fg.size)
	}
}
