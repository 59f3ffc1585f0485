package extract

import (
	"math"
	"testing"

	"github.com/docindex/docindex/extract/ocr"
	"github.com/docindex/docindex/extract/reader"
)

func TestZhNumeral(t *testing.T) {
	for n, want := range map[int]string{1: "一", 10: "十", 11: "十一", 20: "二十", 61: "六十一", 100: "一百", 105: "一百零五", 110: "一百一十", 111: "一百一十一"} {
		if got := zhNumeral(n); got != want {
			t.Errorf("zhNumeral(%d) = %q, want %q", n, got, want)
		}
		if zhNumber(want) != n {
			t.Errorf("zhNumber(%q) = %d", want, zhNumber(want))
		}
	}
}

func TestOneEdit(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{{"六二一", "六十一", true}, {"67", "61", true}, {"6", "61", true}, {"61", "61", true}, {"", "1", true},
		{"16", "61", false}, {"六二二", "六十一", false}, {"7", "712", false}} {
		if got := oneEdit(c.a, c.b); got != c.want {
			t.Errorf("oneEdit(%q, %q) = %v", c.a, c.b, got)
		}
	}
}

func ocrHeadings(ocr bool, texts ...string) []Page {
	p := Page{Number: 1, OCR: ocr}
	for i, s := range texts {
		p.Lines = append(p.Lines, Line{Text: s, Y: float64(i * 20), Words: []Word{{Text: s}}})
	}
	return []Page{p}
}

// TestRepairArticleSequence: a heading between N-1 and N+1 that reads one
// character away from N is N, on OCR pages only; a heading two
// characters away, or where the next is not N+1, is left.
func TestRepairArticleSequence(t *testing.T) {
	pages := ocrHeadings(true, "第六十条", "text", "第六二一条", "第六十二条", "Article 66", "Article 67", "Article 62", "Article 69", "第七十一条", "第七十二条", "第七十二条", "第七十四条")
	repairArticleSequence(pages)
	want := []string{"第六十条", "text", "第六十一条", "第六十二条", "Article 66", "Article 67", "Article 68", "Article 69", "第七十一条", "第七十二条", "第七十三条", "第七十四条"}
	for i, l := range pages[0].Lines {
		if l.Text != want[i] || l.Words[0].Text != want[i] {
			t.Errorf("line %d: %q (word %q), want %q", i, l.Text, l.Words[0].Text, want[i])
		}
	}
	if pages[0].Lines[6].Text != "Article 68" {
		t.Error("67 -> 68 is one edit")
	}
	pages = ocrHeadings(true, "Article 60", "Article 16", "Article 62")
	repairArticleSequence(pages)
	if pages[0].Lines[1].Text != "Article 16" {
		t.Errorf("two edits away: %q", pages[0].Lines[1].Text)
	}
	pages = ocrHeadings(true, "Article 60", "Article 67", "Article 63")
	repairArticleSequence(pages)
	if pages[0].Lines[1].Text != "Article 67" {
		t.Errorf("not between N-1 and N+1: %q", pages[0].Lines[1].Text)
	}
	pages = ocrHeadings(false, "第六十条", "第六二一条", "第六十二条")
	repairArticleSequence(pages)
	if pages[0].Lines[1].Text != "第六二一条" {
		t.Errorf("text layer changed: %q", pages[0].Lines[1].Text)
	}
	if p := ocrHeadings(true, "第六十条", "第六二一条", "第六十二条"); true {
		repairArticleSequence(p)
		if p[0].Text != "第六十条\n第六十一条\n第六十二条" {
			t.Errorf("page text %q", p[0].Text)
		}
	}
}

// TestOCRDocumentBodySize: a page whose lines read taller than the
// document's body (Arabic boxes take in marks) gets the document's body
// size, not its own; without a document size, its own.
func TestOCRDocumentBodySize(t *testing.T) {
	line := func(n, y, h int) []ocr.Word {
		var ws []ocr.Word
		for i := 0; i < 4; i++ {
			ws = append(ws, ocr.Word{Text: "mmm", X0: 100 + 80*i, X1: 160 + 80*i, Y0: y, Y1: y + h, Conf: 95, Block: 1, Par: 1, Line: n})
		}
		return ws
	}
	tall := &ocr.Page{Width: 1000, Height: 1000, Words: append(line(1, 100, 25), line(2, 200, 25)...)}
	short := &ocr.Page{Width: 1000, Height: 1000, Words: append(line(1, 100, 21), line(2, 200, 21)...)}
	// x-height words: LineSize is the height over 0.5
	body := median(append(ocrLineSizes(tall, 1000), append(ocrLineSizes(short, 1000), ocrLineSizes(short, 1000)...)...))
	if body != 42 {
		t.Fatalf("document body %v, want 42 (the median of 50, 42, 42, 50, 42, 42)", body)
	}
	size := func(gs []reader.Glyph) float64 { return gs[0].Size }
	if got, want := size(ocrGlyphs(tall, 1000, 1000, body)), 42/1.15; math.Abs(got-want) > 0.01 {
		t.Errorf("with the document's body: size %.2f, want %.2f", got, want)
	}
	if got, want := size(ocrGlyphs(tall, 1000, 1000, 0)), 50/1.15; math.Abs(got-want) > 0.01 {
		t.Errorf("with the page's body: size %.2f, want %.2f", got, want)
	}
}
