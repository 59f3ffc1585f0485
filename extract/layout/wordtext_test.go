package layout

import (
	"math/rand"
	"testing"
)

// TestWordTextSameAsVisualOrder: wordText gives what visualToLogical
// gives of the glyphs' texts, for lines of either direction and words
// mixing Latin, Arabic, Hebrew, figures, brackets and spaces.
func TestWordTextSameAsVisualOrder(t *testing.T) {
	texts := []string{"a", "B", "é", "1", "(", ")", "ب", "ل", "א", "-", "ـ", "٣", "中", ".", " "}
	rng := rand.New(rand.NewSource(2))
	rtlSeen := false
	for i := 0; i < 5000; i++ {
		gs := make([]fglyph, rng.Intn(9))
		for k := range gs {
			gs[k].text = texts[rng.Intn(len(texts))]
			gs[k].space = gs[k].text == " "
		}
		for _, rtl := range []bool{false, true} {
			want := visualToLogical(glyphTexts(gs), rtl, false)
			if got := wordText(gs, rtl); got != want {
				t.Fatalf("rtl %v, glyphs %q: %q, want %q", rtl, glyphTexts(gs), got, want)
			}
			if !rtl && want != "" && want != concat(gs) {
				rtlSeen = true
			}
		}
	}
	if !rtlSeen {
		t.Fatal("no left-to-right line reordered its glyphs: the test misses the slow path")
	}
}

func concat(gs []fglyph) string {
	s := ""
	for _, g := range gs {
		if !g.space {
			s += g.text
		}
	}
	return s
}
