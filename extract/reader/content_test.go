package reader

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/docindex/docindex/extract/internal/pdftest"
	"github.com/ledongthuc/pdf"
)

// synthGlyphPage reads the one page of pdftest.OnePage(content, …).
func synthGlyphPage(t *testing.T, content string, extraRes string, extraObjs ...string) textPage {
	t.Helper()
	pages, _, err := readText(context.Background(), pdftest.OnePage(content, extraRes, extraObjs...))
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 1 {
		t.Fatalf("%d pages", len(pages))
	}
	return pages[0]
}

// A form that draws itself is drawn at most maxFormDepth+1 times.
func TestFormXObjectLoop(t *testing.T) {
	loop := pdftest.Stream("/Type /XObject /Subtype /Form /BBox [0 0 600 800] /Resources << /XObject << /X1 10 0 R >> /Font << /F1 5 0 R >> >>", "BT /F1 10 Tf 100 600 Td (again) Tj ET /X1 Do")
	p := synthGlyphPage(t, "/X1 Do", "/XObject << /X1 10 0 R >>", loop)
	if n := strings.Count(p.Text, "again"); n < 1 || n > maxFormDepth+1 {
		t.Errorf("self-referencing form drawn %d times", n)
	}
}

// TestCIDTrueTypeWithoutToUnicode embeds a system TrueType font as a CID
// font with no ToUnicode map and shows the glyph ids of a word: the text
// must come from the font's own cmap. pdftotext, which reads the same
// table independently, must agree.
func TestCIDTrueTypeWithoutToUnicode(t *testing.T) {
	ttf, err := os.ReadFile("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf")
	if err != nil {
		t.Skip("LiberationSans-Regular.ttf not installed")
	}
	gidText := trueTypeGlyphText(ttf)
	gidOf := map[rune]uint16{}
	for g, r := range gidText {
		if old, ok := gidOf[r]; !ok || g < old {
			gidOf[r] = g
		}
	}
	word := "Grüße"
	var hex strings.Builder
	for _, r := range word {
		g, ok := gidOf[r]
		if !ok {
			t.Fatalf("no glyph for %q in the font's cmap", r)
		}
		fmt.Fprintf(&hex, "%04X", g)
	}
	font := "<< /Type /Font /Subtype /Type0 /BaseFont /LiberationSans /Encoding /Identity-H /DescendantFonts [11 0 R] >>"
	desc := "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /LiberationSans /CIDToGIDMap /Identity /DW 600 /FontDescriptor 12 0 R " +
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>"
	fd := "<< /Type /FontDescriptor /FontName /LiberationSans /Flags 32 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 /FontFile2 13 0 R >>"
	file := pdftest.Stream("", string(ttf))
	content := "BT /FL 12 Tf 100 700 Td <" + hex.String() + "> Tj ET"
	p := synthGlyphPage(t, content, "/Font << /FL 10 0 R >>", font, desc, fd, file)
	if p.Text != word {
		t.Errorf("text %q, want %q", p.Text, word)
	}
	// independent check of the cmap parser: Liberation Sans keeps the
	// standard Macintosh glyph order (as Arial does), where "A" is glyph
	// 36 and "a" glyph 68
	if gidOf['A'] != 36 || gidOf['a'] != 68 {
		t.Errorf("glyph ids A=%d a=%d, want 36 and 68", gidOf['A'], gidOf['a'])
	}
}

// TestLexerArraysAcrossOperators checks that array operands (kept in a
// buffer reused from one operator to the next) are intact when read, also
// with nested arrays and several arrays for one operator.
func TestLexerArraysAcrossOperators(t *testing.T) {
	lx := contentLexer{b: []byte("[(a) 1 [2 3] (b)] [(c)] XX [(d) -5] TJ")}
	var args []operand
	op, a, _ := lx.next(args)
	if op != "XX" || len(a) != 2 || len(a[0].arr) != 4 || a[0].arr[0].str != "a" || len(a[0].arr[2].arr) != 2 ||
		a[0].arr[2].arr[1].num != 3 || a[0].arr[3].str != "b" || a[1].arr[0].str != "c" {
		t.Fatalf("first operator: %q %+v", op, a)
	}
	op, a, _ = lx.next(a)
	if op != "TJ" || len(a) != 1 || len(a[0].arr) != 2 || a[0].arr[0].str != "d" || a[0].arr[1].num != -5 {
		t.Fatalf("second operator: %q %+v", op, a)
	}
}

// A content stream whose filter the reader does not decode is not read,
// with a warning naming the filter (ErrUnsupportedFilter), not silently.
func TestUnsupportedFilterWarns(t *testing.T) {
	if _, err := decodeFilter("JBIG2Decode", pdf.Value{}, []byte("x"), 10); !errors.Is(err, ErrUnsupportedFilter) {
		t.Errorf("JBIG2Decode: %v", err)
	}
	if out, err := decodeFilter("ASCIIHexDecode", pdf.Value{}, []byte("4142>"), 10); err != nil || string(out) != "AB" {
		t.Errorf("ASCIIHexDecode: %q %v", out, err)
	}
	data := pdftest.Build(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R 5 0 R] /Count 2 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Resources << /Font << /F1 6 0 R >> >> /Contents 4 0 R >>",
		pdftest.Stream("/Filter /FooDecode", "BT /F1 10 Tf 100 700 Td (hidden) Tj ET"),
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Resources << /Font << /F1 6 0 R >> >> /Contents 7 0 R >>",
		pdftest.Widths500,
		pdftest.Stream("", "BT /F1 10 Tf 100 700 Td (shown) Tj ET"),
	)
	pages, warnings, err := readText(context.Background(), data)
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 2 || pages[0].Text != "" || pages[1].Text != "shown" {
		t.Errorf("pages %+v", pages)
	}
	if len(warnings) != 1 || warnings[0] != "unsupported filter /FooDecode: 1 streams not read" {
		t.Errorf("warnings %q", warnings)
	}
}
