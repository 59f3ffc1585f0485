package layout

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/text/unicode/bidi"
)

// visualGlyphs lays out words given in visual order (left to right, each
// word's glyphs also left to right) as the glyphs of one line: 5pt per
// glyph, a space glyph of 3pt between words.
func visualGlyphs(words ...string) []fglyph {
	var gs []fglyph
	x := 50.0
	for i, w := range words {
		if i > 0 {
			gs = append(gs, fglyph{text: " ", u0: x, u1: x + 3, v: 100, size: 10, space: true})
			x += 3
		}
		for _, r := range w {
			gs = append(gs, fglyph{text: string(r), u0: x, u1: x + 5, v: 100, size: 10})
			x += 5
		}
	}
	return gs
}

// vis is an Arabic word as drawn: its letters reversed.
func vis(logical string) string {
	r := []rune(logical)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return string(r)
}

func TestMakeLineRTLEdgeNeutrals(t *testing.T) {
	cases := []struct {
		name   string
		visual []string
		want   string
	}{
		{
			// E/ESCWA/30/18 p.12: "المفتوحة (open data)." drawn as
			// ". ( o p e n" "d a t a )" then the Arabic; the brackets are
			// the glyphs' shapes (the clean up turns ")open data(." into
			// "(open data).")
			"bracketed Latin phrase",
			[]string{".(open", "data)", vis("المفتوحة"), vis("البيانات")},
			"البيانات المفتوحة )open data(.",
		},
		{
			// producers whose ToUnicode gives the logical bracket
			// (E/ESCWA/EDID/2017/IG.1/9 p.6: "للدولة (Port Net) تعنى")
			"logical brackets",
			[]string{vis("تعنى"), ")Port", "Net(", vis("للدولة")},
			"للدولة (Port Net) تعنى",
		},
		{
			// a bracket pair inside a symbol stays with the Latin run
			// (E/ESCWA/30/8 p.3: "الوثيقة E/ESCWA/2017/EC.4/4(Part III)،")
			"bracket paired inside the run",
			[]string{vis("معلومات"), "،", "E/4(Part", "III)", vis("الوثيقة")},
			"الوثيقة E/4(Part III) ، معلومات",
		},
		{
			// a comma between two Latin words belongs to the Latin run
			"comma between Latin words",
			[]string{vis("والمنظمات"), "UNDP,", "UNICEF", vis("منظمات")},
			"منظمات UNDP, UNICEF والمنظمات",
		},
		{
			// one bracketed symbol in one word: as read per word
			"bracketed symbol",
			[]string{"(A/78/1)", vis("الوثيقة")},
			"الوثيقة )A/78/1(",
		},
	}
	for _, c := range cases {
		ln, ok := makeLine(visualGlyphs(c.visual...), 100, 10)
		if !ok || !ln.RTL {
			t.Fatalf("%s: no right-to-left line (ok=%v rtl=%v)", c.name, ok, ln.RTL)
		}
		if ln.Text != c.want {
			t.Errorf("%s: text %q, want %q", c.name, ln.Text, c.want)
		}
		// the words are the line's text in logical order, and each
		// word's box holds glyphs of the line
		var texts []string
		for _, w := range ln.Words {
			texts = append(texts, w.Text)
			if w.X0 < ln.X0 || w.X1 > ln.X1 || w.X0 >= w.X1 {
				t.Errorf("%s: word %q box %.1f-%.1f outside line %.1f-%.1f", c.name, w.Text, w.X0, w.X1, ln.X0, ln.X1)
			}
		}
		if got := strings.Join(texts, " "); got != ln.Text {
			t.Errorf("%s: words %q do not make the text %q", c.name, got, ln.Text)
		}
	}
}

// Words without neutrals at their edges are ordered as before: the
// first right-to-left word of the page (rightmost) comes first.
func TestMakeLineRTLPlain(t *testing.T) {
	ln, ok := makeLine(visualGlyphs("2030", vis("لعام"), "UN", "ESCWA", vis("الإسكوا"), vis("في")), 100, 10)
	if !ok {
		t.Fatal("no line")
	}
	if want := "في الإسكوا UN ESCWA لعام 2030"; ln.Text != want {
		t.Errorf("text %q, want %q", ln.Text, want)
	}
	if ln.Words[0].X0 < ln.Words[len(ln.Words)-1].X0 {
		t.Errorf("words not in logical (right to left) order: %+v", ln.Words)
	}
}

// TestBidiClass: classes come from the Unicode data (x/text/unicode/bidi),
// with the punctuation and marks of right-to-left blocks right-to-left.
func TestBidiClass(t *testing.T) {
	for r, want := range map[rune]bidiCls{
		'a': bidiL, 'Ж': bidiL, '中': bidiL, 'ب': bidiR, 'א': bidiR,
		'3': bidiEN, '٣': bidiEN, '۳': bidiEN,
		'(': bidiN, ' ': bidiN, ',': bidiN, '%': bidiN,
		'،': bidiR, '؟': bidiR, '\u064E': bidiR, // Arabic comma (CS), question mark, fatha (NSM)
		'\uFEFB': bidiR, // lam-alef ligature (presentation form)
	} {
		if got := bidiClass(r); got != want {
			t.Errorf("bidiClass(%U) = %d, want %d", r, got, want)
		}
	}
}

// TestBidiClassASCII: the ASCII fast path agrees with the Unicode data.
func TestBidiClassASCII(t *testing.T) {
	for r := rune(0); r < 0x80; r++ {
		want := bidiN
		p, _ := bidi.LookupRune(r)
		switch p.Class() {
		case bidi.L:
			want = bidiL
		case bidi.EN:
			want = bidiEN
		case bidi.R, bidi.AL, bidi.AN:
			t.Fatalf("%U: class %v in ASCII", r, p.Class())
		}
		if got := bidiClass(r); got != want {
			t.Errorf("bidiClass(%U) = %d, want %d", r, got, want)
		}
	}
}

func TestResolveNeutrals(t *testing.T) {
	L, R, N := bidiL, bidiR, bidiN
	cases := []struct {
		cls, want []bidiCls
		base      bidiCls
	}{
		{[]bidiCls{R, N, R}, []bidiCls{R, R, R}, L}, // between two R: R
		{[]bidiCls{L, N, R}, []bidiCls{L, L, R}, L}, // sides disagree: base
		{[]bidiCls{L, N, R}, []bidiCls{L, R, R}, R},
		{[]bidiCls{N, L}, []bidiCls{R, L}, R}, // the line's end counts as base
		{[]bidiCls{L, N, N, L}, []bidiCls{L, L, L, L}, R},
	}
	for _, c := range cases {
		got := resolveNeutrals(c.cls, c.base)
		if fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("resolveNeutrals(%v, base %v) = %v, want %v", c.cls, c.base, got, c.want)
		}
	}
}

func TestReverseRuns(t *testing.T) {
	order := []int{0, 1, 2, 3, 4, 5}
	mark := []bool{false, true, true, true, false, true}
	reverseRuns(order, func(i int) bool { return mark[i] })
	if fmt.Sprint(order) != "[0 3 2 1 4 5]" {
		t.Errorf("order %v", order)
	}
}

func TestItemClasses(t *testing.T) {
	cls, anyR := itemClasses([]string{"2030", "UN", "،", "في"})
	if fmt.Sprint(cls) != fmt.Sprint([]bidiCls{bidiL, bidiL, itemClass("،"), bidiR}) || !anyR {
		t.Errorf("classes %v anyR %v", cls, anyR)
	}
	if _, anyR := itemClasses([]string{"a", "1"}); anyR {
		t.Error("anyR on a left-to-right line")
	}
}
