package reader

import "testing"

func TestFontStyle(t *testing.T) {
	cases := []struct {
		name         string
		weight       float64
		flags        int64
		bold, italic bool
	}{
		{"TimesNewRomanPSMT", 400, 0, false, false},
		{"ABCDEF+Arial-BoldMT", 0, 0, true, false},
		{"Calibri-Semibold", 0, 0, true, false},
		{"Myriad-Black", 0, 0, true, false},
		{"Futura-Heavy", 0, 0, true, false},
		{"Franklin-Demi", 0, 0, true, false},
		{"Times-BoldItalic", 0, 0, true, true},
		{"Helvetica-Oblique", 0, 0, false, true},
		{"F1", 600, 0, true, false},     // FontWeight 600 and over
		{"F1", 599, 0, false, false},    // under 600
		{"F1", 0, 1 << 18, true, false}, // ForceBold flag
		{"F1", 0, 1 << 6, false, true},  // Italic flag
		{"F1", 0, 1<<5 | 1<<1, false, false},
	}
	for _, c := range cases {
		b, i := fontStyle(c.name, c.weight, c.flags)
		if b != c.bold || i != c.italic {
			t.Errorf("fontStyle(%q, %v, %#x) = bold %v italic %v, want %v %v", c.name, c.weight, c.flags, b, i, c.bold, c.italic)
		}
	}
}

func TestNamedCMap(t *testing.T) {
	cases := []struct {
		name           string
		vertical, ucs2 bool
	}{
		{"Identity-H", false, false},
		{"Identity-V", true, false},
		{"UniGB-UCS2-H", false, true},
		{"UniGB-UCS2-V", true, true},
		{"UniJIS-UTF16-H", false, true},
		{"90ms-RKSJ-H", false, false},
	}
	for _, c := range cases {
		v, u := namedCMap(c.name)
		if v != c.vertical || u != c.ucs2 {
			t.Errorf("namedCMap(%q) = vertical %v ucs2 %v, want %v %v", c.name, v, u, c.vertical, c.ucs2)
		}
	}
}

func TestType3GlyphHeight(t *testing.T) {
	cases := []struct {
		y0, y1, m3, want float64
	}{
		{0, 1000, 0.001, 1},    // the usual 1000-unit box
		{-200, 800, 0.001, 1},  // descender below the baseline
		{800, -200, -0.001, 1}, // flipped box and matrix: heights are absolute
		{0, 100, 0.001, 0.25},  // too flat: at least a quarter
		{0, 10, 1, 4},          // too tall: at most 4
		{0, 0, 0.001, 1},       // no height: 1
		{0, 500, 0, 1},         // degenerate matrix: 1
	}
	for _, c := range cases {
		if got := type3GlyphHeight(c.y0, c.y1, c.m3); got != c.want {
			t.Errorf("type3GlyphHeight(%v, %v, %v) = %v, want %v", c.y0, c.y1, c.m3, got, c.want)
		}
	}
}

func TestDefaultMissingWidth(t *testing.T) {
	if got := defaultMissingWidth(false, 0.001); got != 500 {
		t.Errorf("simple font: %v, want 500", got)
	}
	// a Type3 font with a 1/100 matrix: 50 glyph units are half a unit
	// of text space
	if got := defaultMissingWidth(true, 0.01); got != 50 {
		t.Errorf("Type3 font: %v, want 50", got)
	}
}

func TestSpaceWidth(t *testing.T) {
	simple := &font{firstChar: 30, widths: []float64{100, 200, 250, 300}}
	simple.enc[32] = " "
	if got := simple.spaceWidth(); got != 0.25 {
		t.Errorf("simple font, code 32 a space: %v, want 0.25", got)
	}
	simple.enc[32] = "x"
	if got := simple.spaceWidth(); got != 0 {
		t.Errorf("simple font, code 32 not a space: %v, want 0", got)
	}
	simple.toUni = map[uint32]string{32: " "}
	if got := simple.spaceWidth(); got != 0.25 {
		t.Errorf("simple font, ToUnicode gives code 32 a space: %v, want 0.25", got)
	}
	comp := &font{composite: true, dw: 1000, cidW: map[uint32]float64{3: 278}, toUni: map[uint32]string{3: " ", 4: "a"}}
	if got := comp.spaceWidth(); got != 0.278 {
		t.Errorf("composite font: %v, want 0.278", got)
	}
	comp.toUni = map[uint32]string{4: "a"}
	if got := comp.spaceWidth(); got != 0 {
		t.Errorf("composite font without a space: %v, want 0", got)
	}
	// several space codes of different widths: the lowest code, every run
	comp.cidW = map[uint32]float64{3: 278, 9: 500, 17: 1000}
	comp.toUni = map[uint32]string{17: " ", 9: " ", 3: " ", 4: "a"}
	for i := 0; i < 50; i++ {
		if got := comp.spaceWidth(); got != 0.278 {
			t.Fatalf("composite font with three space codes: %v, want 0.278 (code 3)", got)
		}
	}
}
