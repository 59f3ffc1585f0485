package extract

import (
	"context"
	"errors"
	"math"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/docindex/docindex/extract/ocr"
)

func TestParseOCRMode(t *testing.T) {
	for in, want := range map[string]string{"": "auto", "auto": "auto", "always": "always", "never": "never"} {
		if got, err := ParseOCRMode(in); err != nil || got != want {
			t.Errorf("%q: %q %v", in, got, err)
		}
	}
	if _, err := ParseOCRMode("sometimes"); err == nil {
		t.Error("no error for --ocr sometimes")
	}
}

// ocrLine makes the OCR words of one Tesseract line: texts left to right
// from x, each w pixels a character, bottoms at y plus slope*x.
func ocrLine(block, line int, x, y int, slope float64, texts ...string) []ocr.Word {
	var ws []ocr.Word
	for i, s := range texts {
		n := len([]rune(s))
		x1 := x + 18*n
		dy := int(math.Round(slope * float64(x)))
		ws = append(ws, ocr.Word{Text: s, X0: x, X1: x1, Y0: y + dy - 30, Y1: y + dy, Conf: 95, Block: block, Par: 1, Line: line + i*0})
		x = x1 + 14
	}
	return ws
}

// TestOCRGlyphsLayout: OCR words become the lines of a page through the
// engine's layout: Tesseract's lines, in reading order, one size for the
// body, left edges aligned once the page's skew is taken out, and
// right-to-left lines in logical order.
func TestOCRGlyphsLayout(t *testing.T) {
	const slope = 0.007 // 0.4 degrees
	var words []ocr.Word
	words = append(words, ocrLine(1, 1, 300, 200, slope, "1.", "The", "General", "Assembly,")...)
	words = append(words, ocrLine(1, 2, 380, 250, slope, "Recalling", "its", "resolution", "98/77", "of", "2025,")...)
	words = append(words, ocrLine(1, 3, 380, 300, slope, "stresses", "the", "equal", "treatment", "of", "languages.")...)
	res := &ocr.Page{Words: words, All: len(words), Width: 1654, Height: 2339, MeanConf: 95}
	if s := ocrSkew(ocr.Lines(words)); math.Abs(s-slope) > 0.002 {
		t.Errorf("skew %.4f, want %.4f", s, slope)
	}
	p := Page{Number: 3, Width: 595, Height: 842}
	applyOCR(&p, res)
	if !p.OCR || p.NoText || p.Number != 3 || p.OCRConfidence != 95 {
		t.Fatalf("page: %+v", p)
	}
	want := []string{"1. The General Assembly,", "Recalling its resolution 98/77 of 2025,", "stresses the equal treatment of languages."}
	if len(p.Lines) != 3 {
		t.Fatalf("lines %q", p.Text)
	}
	for i, l := range p.Lines {
		if l.Text != want[i] {
			t.Errorf("line %d: %q, want %q", i, l.Text, want[i])
		}
	}
	if d := math.Abs(p.Lines[1].X0 - p.Lines[2].X0); d > 0.5 {
		t.Errorf("left edges of lines 2 and 3 differ by %.2f pt after deskew", d)
	}
	if math.Abs(p.Lines[0].Size-p.Lines[1].Size) > 0.5 {
		t.Errorf("sizes %.1f and %.1f", p.Lines[0].Size, p.Lines[1].Size)
	}

	// right to left: Tesseract gives the words in logical order, the
	// first one rightmost
	ar := []ocr.Word{
		{Text: "الجمعية", X0: 1300, X1: 1420, Y0: 170, Y1: 200, Conf: 93, Block: 1, Par: 1, Line: 1},
		{Text: "العامة", X0: 1180, X1: 1285, Y0: 170, Y1: 200, Conf: 93, Block: 1, Par: 1, Line: 1},
		{Text: "(2025)", X0: 1060, X1: 1165, Y0: 170, Y1: 205, Conf: 93, Block: 1, Par: 1, Line: 1},
	}
	p = Page{Number: 1, Width: 595, Height: 842}
	applyOCR(&p, &ocr.Page{Words: ar, All: 3, Width: 1654, Height: 2339, MeanConf: 93})
	if len(p.Lines) != 1 || !p.Lines[0].RTL || p.Lines[0].Text != "الجمعية العامة (2025)" {
		t.Errorf("right-to-left line: %+v", p.Lines)
	}
}

// TestOCRLowConfidence: a page whose words score low (a photo, a map) is
// marked, gives no text and so no clause.
func TestOCRLowConfidence(t *testing.T) {
	noise := []ocr.Word{{Text: "~=", X0: 10, X1: 40, Y0: 10, Y1: 40, Conf: 20, Block: 1, Par: 1, Line: 1}}
	p := Page{Number: 1, Width: 595, Height: 842, NoText: true}
	applyOCR(&p, &ocr.Page{All: 1, Width: 1000, Height: 1400, MeanConf: 20})
	_ = noise
	if !p.OCR || !p.NoText || p.Text != "" || !strings.Contains(p.OCRNote, "confidence too low") {
		t.Errorf("low-confidence page: %+v", p)
	}
}

// TestOCRNever: --ocr never reports a scan as before, whatever is
// installed.
// An empty Options.OCR is never too: library callers opt in.
func TestOCRNever(t *testing.T) {
	for _, mode := range []string{OCRNever, ""} {
		doc, err := File(context.Background(), filepath.Join("..", "testdata", "scanned", "A_RES_99_101_en_scanned.pdf"), Options{OCR: mode})
		if !errors.Is(err, ErrNoTextLayer) || !strings.Contains(err.Error(), "images only") {
			t.Fatalf("%q: err %v", mode, err)
		}
		for _, p := range doc.Pages {
			if p.OCR || !p.NoText {
				t.Errorf("%q: page %d: %+v", mode, p.Number, p)
			}
		}
	}
}

func needTesseract(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("OCR (seconds a page) skipped with -short")
	}
	if !ocr.Available() {
		t.Skip("tesseract not installed")
	}
}

// TestOCRTestdataScans reads the scans of testdata/scanned (made from
// testdata/pdf by make.sh) and compares them with the born-digital
// documents they were made from: the same symbol, date and language,
// the clause ids, and text.
func TestOCRTestdataScans(t *testing.T) {
	needTesseract(t)
	det := testDetector(t)
	cache := t.TempDir()
	cases := []struct {
		scan, orig string
		lang       string
		minIDs     float64 // share of the original's clause ids found
		minF1      float64 // word F1 against the original's pages
	}{
		// measured: ids 0.95, 0.55, 0.65, 0.40; F1 0.989, 0.983, 0.937, 0.811
		{"A_RES_99_101_en_scanned.pdf", "en/A_RES_99_101_en.pdf", "en", 0.9, 0.95},
		{"A_RES_99_101_ru_scanned.pdf", "ru/A_RES_99_101_ru.pdf", "ru", 0.5, 0.95}, // page 1 of 2
		{"A_RES_99_101_ar_scanned.pdf", "ar/A_RES_99_101_ar.pdf", "ar", 0.5, 0.9},
		// a 200 dpi black-and-white Chinese page is hard for Tesseract
		{"A_RES_99_101_zh_scanned.pdf", "zh/A_RES_99_101_zh.pdf", "zh", 0.3, 0.75},
		{"rotated_en_scanned.pdf", "en/A_RES_99_101_en.pdf", "en", 0.5, 0.9},
	}
	for _, c := range cases {
		t.Run(c.scan, func(t *testing.T) {
			path := filepath.Join("..", "testdata", "scanned", c.scan)
			doc, err := File(context.Background(), path, Options{Langs: det, OCRCacheDir: cache, Timeout: 10 * time.Minute, OCR: OCRAuto})
			if err != nil {
				t.Fatal(err)
			}
			orig, err := File(context.Background(), filepath.Join("..", "testdata", "pdf", c.orig), Options{Langs: det})
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range doc.Pages {
				if !p.OCR || p.OCRConfidence < 60 {
					t.Errorf("page %d: ocr %v confidence %.1f", p.Number, p.OCR, p.OCRConfidence)
				}
			}
			if doc.Language != c.lang {
				t.Errorf("language %q, want %q", doc.Language, c.lang)
			}
			if c.lang != "zh" && c.lang != "ar" && (doc.Symbol != orig.Symbol || doc.Date != orig.Date) {
				t.Errorf("symbol %q date %q, want %q %q", doc.Symbol, doc.Date, orig.Symbol, orig.Date)
			}
			ids := map[string]bool{}
			for _, cl := range doc.Clauses {
				ids[cl.ID] = true
			}
			found := 0
			for _, cl := range orig.Clauses {
				if ids[cl.ID] {
					found++
				}
			}
			share := float64(found) / float64(len(orig.Clauses))
			// text of the pages read against the original's same pages
			var ref []Page
			for _, p := range doc.Pages {
				if c.scan != "rotated_en_scanned.pdf" || p.Number == 1 {
					ref = append(ref, orig.Pages[p.Number-1])
				}
			}
			_, _, f := bagF1(wordBag(pagesText(ref)), wordBag(pagesText(doc.Pages)))
			t.Logf("%s: symbol %q date %q language %s, %d clauses, %.2f of the original's ids, word F1 %.3f", c.scan, doc.Symbol, doc.Date, doc.Language, len(doc.Clauses), share, f)
			if share < c.minIDs {
				t.Errorf("%.2f of the original's clause ids, want %.2f", share, c.minIDs)
			}
			if f < c.minF1 {
				t.Errorf("word F1 %.3f against the original, want %.2f", f, c.minF1)
			}
		})
	}
	// the cache: a second reading gives the same document, from it
	entries, _ := filepath.Glob(filepath.Join(cache, "*", "*.json"))
	if len(entries) < 7 {
		t.Errorf("%d cache entries for 7 pages", len(entries))
	}
}

func TestMarkOCRClauses(t *testing.T) {
	doc := &Document{Pages: []Page{{Number: 1}, {Number: 2, OCR: true}}, Clauses: []Clause{{ID: "a", Page: 1}, {ID: "b", Page: 2}}}
	markOCRClauses(doc)
	if doc.Clauses[0].OCR || !doc.Clauses[1].OCR {
		t.Errorf("%+v", doc.Clauses)
	}
}

// TestOCROverlappingBox: a word box spanning the words after it (the
// "第" of a Chinese heading) stays on their line.
func TestOCROverlappingBox(t *testing.T) {
	ws := []ocr.Word{
		{Text: "第", X0: 767, X1: 918, Y0: 217, Y1: 246, Conf: 96, Block: 2, Par: 1, Line: 1},
		{Text: "二", X0: 807, X1: 837, Y0: 213, Y1: 260, Conf: 96, Block: 2, Par: 1, Line: 1},
		{Text: "十", X0: 836, X1: 869, Y0: 213, Y1: 260, Conf: 96, Block: 2, Par: 1, Line: 1},
		{Text: "一", X0: 868, X1: 896, Y0: 213, Y1: 260, Conf: 96, Block: 2, Par: 1, Line: 1},
		{Text: "条", X0: 895, X1: 922, Y0: 213, Y1: 260, Conf: 96, Block: 2, Par: 1, Line: 1},
	}
	p := Page{Number: 1, Width: 595, Height: 842}
	applyOCR(&p, &ocr.Page{Words: ws, All: len(ws), Width: 1672, Height: 2353, MeanConf: 96})
	if p.Text != "第二十一条" {
		t.Errorf("text %q, want one line 第二十一条", p.Text)
	}
}
