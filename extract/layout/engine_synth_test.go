package layout

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/docindex/docindex/extract/internal/pdftest"
)

func synthPage(t *testing.T, content string, extraRes string, extraObjs ...string) Page {
	t.Helper()
	pages, err := ReadPages(context.Background(), pdftest.OnePage(content, extraRes, extraObjs...))
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 1 {
		t.Fatalf("%d pages", len(pages))
	}
	return pages[0]
}

func near1(a, b float64) bool { return math.Abs(a-b) < 0.05 }

func TestTextStateOperators(t *testing.T) {
	cases := []struct {
		name, content string
		text          string
		check         func(t *testing.T, p Page)
	}{
		{"Td and widths", "BT /F1 10 Tf 100 700 Td (ab cd) Tj ET", "ab cd", func(t *testing.T, p Page) {
			l := p.Lines[0]
			if !near1(l.X0, 100) || !near1(l.X1, 125) || !near1(l.Y, 100) || !near1(l.Size, 10) {
				t.Errorf("line box %.2f-%.2f y %.2f size %.2f", l.X0, l.X1, l.Y, l.Size)
			}
		}},
		{"Tz scales widths", "BT /F1 10 Tf 50 Tz 100 700 Td (abcd) Tj ET", "abcd", func(t *testing.T, p Page) {
			if l := p.Lines[0]; !near1(l.X1, 110) {
				t.Errorf("X1 %.2f, want 110", l.X1)
			}
		}},
		{"Tc spaces letters", "BT /F1 10 Tf 1 Tc 100 700 Td (ab) Tj ET", "ab", func(t *testing.T, p Page) {
			if w := p.Lines[0].Words[0]; !near1(w.X1, 111) {
				t.Errorf("X1 %.2f, want 111", w.X1)
			}
		}},
		{"Tw applies to byte 32 only", "BT /F1 10 Tf 20 Tw 100 700 Td (a b) Tj ET", "a b", func(t *testing.T, p Page) {
			if w := p.Lines[0].Words[1]; !near1(w.X0, 130) {
				t.Errorf("second word at %.2f, want 130", w.X0)
			}
		}},
		{"TJ kerning makes a word gap", "BT /F1 10 Tf 100 700 Td [(Hel) 20 (lo) -1000 (World)] TJ ET", "Hello World", nil},
		{"T* and TL and quote", "BT /F1 10 Tf 14 TL 100 700 Td (one) Tj T* (two) Tj (three) ' ET", "one\ntwo\nthree", func(t *testing.T, p Page) {
			if !near1(p.Lines[1].Y-p.Lines[0].Y, 14) || !near1(p.Lines[2].Y-p.Lines[1].Y, 14) {
				t.Errorf("line pitch %.2f %.2f", p.Lines[1].Y-p.Lines[0].Y, p.Lines[2].Y-p.Lines[1].Y)
			}
		}},
		{"TD sets leading", "BT /F1 10 Tf 100 700 Td (one) Tj 0 -20 TD (two) Tj T* (three) Tj ET", "one\ntwo\nthree", func(t *testing.T, p Page) {
			if !near1(p.Lines[2].Y-p.Lines[1].Y, 20) {
				t.Errorf("T* after TD moved %.2f", p.Lines[2].Y-p.Lines[1].Y)
			}
		}},
		{"double quote sets Tw and Tc", "BT /F1 10 Tf 12 TL 100 700 Td 10 0 (a b) \" ET", "a b", func(t *testing.T, p Page) {
			if w := p.Lines[0].Words[1]; !near1(w.X0, 120) {
				t.Errorf("second word at %.2f, want 120", w.X0)
			}
		}},
		{"Tm and cm scale the size", "q 2 0 0 2 0 0 cm BT /F1 5 Tf 1 0 0 1 50 350 Tm (big) Tj ET Q", "big", func(t *testing.T, p Page) {
			if l := p.Lines[0]; !near1(l.Size, 10) || !near1(l.X0, 100) || !near1(l.Y, 100) {
				t.Errorf("size %.2f x %.2f y %.2f", l.Size, l.X0, l.Y)
			}
		}},
		{"q Q restore the CTM", "q 1 0 0 1 300 0 cm Q BT /F1 10 Tf 100 700 Td (x) Tj ET", "x", func(t *testing.T, p Page) {
			if !near1(p.Lines[0].X0, 100) {
				t.Errorf("X0 %.2f", p.Lines[0].X0)
			}
		}},
		{"Ts rise marks a superscript", "BT /F1 10 Tf 100 700 Td (Note) Tj /F1 6 Tf 4 Ts (12) Tj 0 Ts /F1 10 Tf ( more text) Tj ET", "Note12 more text", func(t *testing.T, p Page) {
			w := p.Lines[0].Words[1]
			if w.Text != "12" || !near1(w.Rise, 4) || !near1(w.Size, 6) {
				t.Errorf("marker %+v", w)
			}
		}},
		{"Type3 FontMatrix", "BT /F3 12 Tf 100 700 Td (ABC) Tj ET", "ABC", func(t *testing.T, p Page) {
			if l := p.Lines[0]; !near1(l.X1-l.X0, 18) || !near1(l.Size, 12) {
				t.Errorf("Type3 run width %.2f size %.2f, want 18 and 12", l.X1-l.X0, l.Size)
			}
		}},
		{"CID widths and ToUnicode", "BT /F0 10 Tf 100 700 Td <0001000200030004> Tj ET", "Hifi!", func(t *testing.T, p Page) {
			// widths 250 500 600 600 (1/1000 em) at 10 pt
			if l := p.Lines[0]; !near1(l.X1-l.X0, 19.5) {
				t.Errorf("CID run width %.2f, want 19.5", l.X1-l.X0)
			}
		}},
		{"rendering mode 3 is kept", "BT 3 Tr /F1 10 Tf 100 700 Td (hidden OCR) Tj ET", "hidden OCR", nil},
		{"inline image between text", "BT /F1 10 Tf 100 700 Td (before) Tj ET BI /W 1 /H 1 /BPC 8 /CS /G ID \xff)(>] EI BT /F1 10 Tf 100 680 Td (after) Tj ET", "before\nafter", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := synthPage(t, c.content, "")
			if p.Text != c.text {
				t.Fatalf("text %q, want %q", p.Text, c.text)
			}
			if c.check != nil {
				c.check(t, p)
			}
		})
	}
}

func TestVerticalFontIsSafe(t *testing.T) {
	vfont := "<< /Type /Font /Subtype /Type0 /BaseFont /V /Encoding /Identity-V /DescendantFonts [8 0 R] /ToUnicode 9 0 R >>"
	p := synthPage(t, "BT /FV 12 Tf 300 700 Td <000100020001> Tj ET", "/Font << /FV 10 0 R >>", vfont)
	if strings.ReplaceAll(p.Text, "\n", "") != "HiH" {
		t.Errorf("vertical text %q", p.Text)
	}
}

func TestRTLLineFromVisualGlyphs(t *testing.T) {
	// Arabic placed left to right in visual order (as Word writes it) via
	// a ToUnicode map: the line must come out in logical order, with the
	// number kept left to right.
	font := "<< /Type /Font /Subtype /Type0 /BaseFont /Ar /Encoding /Identity-H /DescendantFonts [11 0 R] /ToUnicode 12 0 R >>"
	desc := "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Ar /DW 500 >>"
	cmap := pdftest.Stream("", "1 begincodespacerange <0000> <FFFF> endcodespacerange\n7 beginbfchar <0001> <0645> <0002> <0644> <0003> <0633> <0004> <0020> <0005> <0031> <0006> <0032> <0007> <FEFB> endbfchar")
	// visual: "12" then space then "م ل س" then space then lam-alef glyph
	p := synthPage(t, "BT /FA 10 Tf 100 700 Td <00050006000400010002000300040007> Tj ET", "/Font << /FA 10 0 R >>", font, desc, cmap)
	if p.Text != "لا سلم 12" {
		t.Errorf("RTL text %q, want %q", p.Text, "لا سلم 12")
	}
	if len(p.Lines) != 1 || !p.Lines[0].RTL {
		t.Errorf("line not marked RTL")
	}
}

// TestManyGlyphsOneBaseline draws 60,000 glyphs one by one on a single
// baseline, right to left: layout must stay fast (bounded comparisons).
func TestManyGlyphsOneBaseline(t *testing.T) {
	var b strings.Builder
	b.WriteString("BT /F1 1 Tf ")
	for i := 0; i < 60000; i++ {
		fmt.Fprintf(&b, "1 0 0 1 %d 400 Tm (x) Tj ", 59999-i)
	}
	b.WriteString("ET")
	start := time.Now()
	p := synthPage(t, b.String(), "")
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("took %v", d)
	}
	if n := strings.Count(p.Text, "x"); n != 60000 {
		t.Errorf("%d glyphs in text", n)
	}
}

// TestManyLines draws 100,000 one-glyph lines, and 20,000 glyphs all at
// one spot: layout must stay fast.
func TestManyLines(t *testing.T) {
	for _, c := range []struct {
		name string
		pos  func(i int) (x, y float64)
		n    int
	}{
		{"one glyph per line", func(i int) (float64, float64) { return 10, 790 - float64(i)*0.0075 }, 100000},
		{"all at one spot", func(i int) (float64, float64) { return 100, 400 }, 20000},
	} {
		t.Run(c.name, func(t *testing.T) {
			var b strings.Builder
			b.WriteString("BT /F1 0.5 Tf ")
			for i := 0; i < c.n; i++ {
				x, y := c.pos(i)
				fmt.Fprintf(&b, "1 0 0 1 %.4f %.4f Tm (%c) Tj ", x, y, 'a'+i%26)
			}
			b.WriteString("ET")
			start := time.Now()
			p := synthPage(t, b.String(), "")
			if d := time.Since(start); d > 20*time.Second {
				t.Errorf("took %v", d)
			}
			if len(p.Lines) == 0 {
				t.Error("no lines")
			}
		})
	}
}

// TestColumns: a page set in two columns of running text is read column
// by column; a column of short labels beside text is a table, read row
// by row.
func TestColumns(t *testing.T) {
	var b strings.Builder
	b.WriteString("BT /F1 10 Tf ")
	for i := 0; i < 12; i++ {
		y := 700 - 14*i
		fmt.Fprintf(&b, "1 0 0 1 50 %d Tm (left column line %02d text) Tj ", y, i)
		fmt.Fprintf(&b, "1 0 0 1 320 %d Tm (right column line %02d text) Tj ", y, i)
	}
	b.WriteString("ET")
	// a running head over the right column and a page number under the
	// left one are read in place, not as column text
	b.WriteString("BT /F1 10 Tf 1 0 0 1 480 760 Tm (S/PV.9999) Tj 1 0 0 1 50 60 Tm (17) Tj ET")
	p := synthPage(t, b.String(), "")
	li := strings.Index(p.Text, "left column line 11")
	ri := strings.Index(p.Text, "right column line 00")
	if li < 0 || ri < 0 || li > ri {
		t.Errorf("two columns not read column by column:\n%s", p.Text)
	}
	if !strings.HasPrefix(p.Text, "S/PV.9999\n") || !strings.HasSuffix(p.Text, "\n17") {
		t.Errorf("running head or page number out of place:\n%s", p.Text)
	}

	b.Reset()
	b.WriteString("BT /F1 10 Tf ")
	for i := 0; i < 12; i++ {
		y := 700 - 14*i
		fmt.Fprintf(&b, "1 0 0 1 50 %d Tm (JS%02d) Tj ", y, i)
		fmt.Fprintf(&b, "1 0 0 1 250 %d Tm (submission %02d by an organization) Tj ", y, i)
	}
	b.WriteString("ET")
	p = synthPage(t, b.String(), "")
	if a, c := strings.Index(p.Text, "submission 00"), strings.Index(p.Text, "JS01"); a < 0 || c < 0 || a > c {
		t.Errorf("label table not read row by row:\n%s", p.Text)
	}
}

// TestDiagonalWatermark: text drawn at 45 degrees across the page comes
// out as one line after the page's horizontal text, not scattered
// between its lines.
func TestDiagonalWatermark(t *testing.T) {
	var b strings.Builder
	b.WriteString("BT /F1 10 Tf ")
	for i := 0; i < 20; i++ {
		fmt.Fprintf(&b, "1 0 0 1 72 %d Tm (Body line %02d of the page) Tj ", 700-20*i, i)
	}
	b.WriteString("ET BT /F1 60 Tf 0.7071 0.7071 -0.7071 0.7071 150 250 Tm (DRAFT COPY) Tj ET")
	p := synthPage(t, b.String(), "")
	lines := strings.Split(p.Text, "\n")
	if len(lines) != 21 || lines[20] != "DRAFT COPY" {
		t.Errorf("got %d lines, last %q:\n%s", len(lines), lines[len(lines)-1], p.Text)
	}
	for i := 0; i < 20; i++ {
		if want := fmt.Sprintf("Body line %02d of the page", i); lines[i] != want {
			t.Errorf("line %d %q, want %q", i, lines[i], want)
		}
	}
}

func TestFormXObjects(t *testing.T) {
	form := pdftest.Stream("/Type /XObject /Subtype /Form /BBox [0 0 600 800] /Matrix [1 0 0 1 0 -100]", "BT /F1 10 Tf 100 700 Td (in form) Tj ET")
	p := synthPage(t, "BT /F1 10 Tf 100 700 Td (page) Tj ET q 1 0 0 1 50 0 cm /X1 Do Q", "/XObject << /X1 10 0 R >>", form)
	if p.Text != "page\nin form" {
		t.Fatalf("text %q", p.Text)
	}
	if l := p.Lines[1]; !near1(l.X0, 150) || !near1(l.Y, 200) {
		t.Errorf("form text at %.2f,%.2f, want 150,200", l.X0, l.Y)
	}
}
