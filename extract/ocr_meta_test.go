package extract

import (
	"testing"

	"github.com/docindex/docindex/extract/ocr"
)

// TestRepairOCRSymbol: a symbol row read by OCR is cut before noise in
// another script, loses the space after a full stop, and gets back the
// slash read as I or l only where that gives a longer series of the UN
// scheme.
func TestRepairOCRSymbol(t *testing.T) {
	for in, want := range map[string]string{
		"E/ESCWAIC. 1/19/4(Part I)/Add.5 وك 15١ ير عي": "E/ESCWA/C.1/19/4(Part I)/Add.5",
		"E/ESCWAlC.1/19/4":         "E/ESCWA/C.1/19/4",
		"A/HRCl52/3":               "A/HRCl52/3",     // l before a digit: no component boundary
		"A/CONF.IMO/2":             "A/CONF.IMO/2",   // I inside a component: no longer series
		"S/2023/15 Распр.: общая":  "S/2023/15",      // Cyrillic noise cut
		"Distr. GENERAL":           "Distr. GENERAL", // no symbol: unchanged
		"E/ESCWA/C.1/19/4 GENERAL": "E/ESCWA/C.1/19/4 GENERAL",
		"E/CN.4/1997/IO":           "E/CN.4/1997/IO", // I after a slash: no letter before it
	} {
		if got := repairOCRSymbol(in); got != want {
			t.Errorf("repairOCRSymbol(%q) = %q, want %q", in, got, want)
		}
		if s := findSymbols(repairOCRSymbol(in)); in == "E/ESCWAIC. 1/19/4(Part I)/Add.5 وك 15١ ير عي" && (len(s) == 0 || s[0] != "E/ESCWA/C.1/19/4(Part I)/Add.5") {
			t.Errorf("symbols %q", s)
		}
	}
}

// TestParseOCRDate: a stray full stop after the day is passed over; a
// date in a long row of running text is not a masthead date.
func TestParseOCRDate(t *testing.T) {
	for in, want := range map[string]string{
		"1. April 1997":        "1997-04-01",
		"1 April 1997":         "1997-04-01",
		"21 сентября 1971":     "1971-09-21",
		"12. März":             "",
		"Beirut, 3. mai 1998.": "1998-05-03",
		"honour to refer to the note verbale of the Permanent Mission dated 24 February 2022 and": "",
	} {
		if got := parseOCRDate(in); got != want {
			t.Errorf("parseOCRDate(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestOCRLineSizeSnap: a body line whose word boxes are taller than the
// others' (Tesseract's Arabic boxes) gets the page's body size, up to 1.5
// times it, or 1.75 times for a line of eight words; a short line 1.6
// times as large and a line in type twice as large keep their own.
func TestOCRLineSizeSnap(t *testing.T) {
	var words []ocr.Word
	line := func(n, y, hgt int, texts ...string) {
		for i, s := range texts {
			words = append(words, ocr.Word{Text: s, X0: 100 + 120*i, X1: 200 + 120*i, Y0: y, Y1: y + hgt, Conf: 95, Block: 1, Par: 1, Line: n})
		}
	}
	line(1, 100, 40, "Ha", "Ha", "Ha", "Ha")
	line(2, 200, 40, "Ha", "Ha", "Ha", "Ha")
	line(3, 300, 56, "Hb", "Hb", "Hb", "Hb") // 1.4 x body
	line(4, 400, 40, "Ha", "Ha", "Ha", "Ha")
	line(5, 500, 100, "Hc", "Hc", "Hc")                              // 2.5 x body
	line(6, 600, 64, "Hd", "Hd", "Hd", "Hd", "Hd", "Hd", "Hd", "Hd") // 1.6 x body, 8 words: a body line
	line(7, 700, 64, "He", "He", "He")                               // 1.6 x body, short: a heading
	line(8, 800, 40, "Ha", "Ha", "Ha", "Ha")
	line(9, 900, 40, "Ha", "Ha", "Ha", "Ha")
	gs := ocrGlyphs(&ocr.Page{Words: words, Width: 1000, Height: 1000}, 1000, 1000, 0)
	size := map[string]float64{}
	for _, g := range gs {
		if !g.Space {
			size[g.Text] = g.Size
		}
	}
	if size["b"] != size["a"] {
		t.Errorf("tall body line size %.1f, body %.1f", size["b"], size["a"])
	}
	if size["d"] != size["a"] {
		t.Errorf("long tall line size %.1f, body %.1f", size["d"], size["a"])
	}
	if size["e"] <= 1.3*size["a"] {
		t.Errorf("short tall line size %.1f, body %.1f: not kept", size["e"], size["a"])
	}
	if size["c"] <= 1.5*size["a"] {
		t.Errorf("title size %.1f, body %.1f: not kept", size["c"], size["a"])
	}
}
