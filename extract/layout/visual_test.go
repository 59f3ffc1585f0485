package layout

import (
	"strings"
	"testing"
)

// TestVisualRunes: an OCR word (logical order) drawn as glyphs in visual
// order reads back, through the engine's bidi resolution, as the word.
func TestVisualRunes(t *testing.T) {
	for _, w := range []string{"الفقرة", "(1971)", "ب12", "A/RES/99/101", "المادة 51", "Article", "资料", "ٱلْأُمَمُ"} {
		for _, rtl := range []bool{false, true} {
			vis := visualRunes(w, rtl)
			if got := visualToLogical(vis, rtl, false); got != w {
				t.Errorf("%q (rtl %v): visual %q reads back as %q", w, rtl, vis, got)
			}
		}
	}
	if v := visualRunes("(2025)", true); strings.Join(v, "") != ")2025(" {
		t.Errorf("brackets of a number in an Arabic line: %q", v)
	}
	if v := visualRunes("بت", true); strings.Join(v, "") != "تب" {
		t.Errorf("Arabic word not reversed: %q", v)
	}
}
