package layout

import (
	"fmt"
	"testing"
)

func TestCleanGlyphText(t *testing.T) {
	if got := cleanGlyphText("\uFB01\uFEFB\u200F"); got != "fiلا" {
		t.Errorf("cleanGlyphText = %q", got)
	}
}

func TestVisualToLogical(t *testing.T) {
	// glyphs as a PDF places them, left to right
	cases := []struct {
		visual []string
		rtl    bool
		want   string
	}{
		{[]string{"م", "ل", "س"}, true, "سلم"},
		{[]string{"2", "0", "1", "7"}, true, "2017"},
		{[]string{"م", "2", "0"}, true, "20م"},
		{[]string{"a", "b", "ج", "د"}, false, "abدج"},
	}
	for _, c := range cases {
		if got := visualToLogical(c.visual, c.rtl, false); got != c.want {
			t.Errorf("visualToLogical(%q, %v) = %q, want %q", c.visual, c.rtl, got, c.want)
		}
	}
	// words: "Nations United" placed inside an Arabic line keep LTR order
	order := visualOrder([]string{"الأمم", "United", "Nations", "في"}, true)
	if fmt.Sprint(order) != "[3 1 2 0]" {
		t.Errorf("visualOrder = %v", order)
	}
}
