package ocr

import (
	"image"
	"image/color"
	"testing"
)

// page draws words as black boxes on a white page, and extra ink boxes.
func page(words []Word, ink ...image.Rectangle) *image.Gray {
	img := image.NewGray(image.Rect(0, 0, 800, 400))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	fill := func(r image.Rectangle) {
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				img.SetGray(x, y, color.Gray{Y: 20})
			}
		}
	}
	for _, w := range words {
		fill(image.Rect(w.X0, w.Y0+4, w.X1, w.Y1-4))
	}
	for _, r := range ink {
		fill(r)
	}
	return img
}

// TestMarginSpots: ink left of a line that no word covers is a label
// Tesseract left out; specks, lines without ink, short lines and lines
// that open with a label are not.
func TestMarginSpots(t *testing.T) {
	words := []Word{
		w(1, 200, "The", 96), w(1, 240, "Council", 96), w(1, 320, "shall", 96), // "1." left out
		w(2, 200, "meet", 96), w(2, 250, "as", 96), w(2, 280, "required", 96), // no ink
		w(3, 200, "each", 96), w(3, 250, "member", 96), w(3, 330, "state", 96), // a speck
		w(4, 120, "2.", 96), w(4, 200, "Each", 96), w(4, 250, "member", 96), // read
		w(5, 330, "Article", 96), w(5, 410, "5", 96), // a heading: short
		w(6, 200, "it", 96), w(6, 230, "shall", 96), w(6, 290, "act", 96), // "(a)" before a lower-case word
	}
	img := page(words,
		image.Rect(130, 42, 134, 58), image.Rect(137, 55, 140, 58), // "1." of line 1
		image.Rect(150, 132, 151, 133), // speck on line 3
		image.Rect(140, 242, 150, 258), // line 6
	)
	spots := marginSpots(img, words)
	if len(spots) != 2 {
		t.Fatalf("spots %+v, want 2", spots)
	}
	if s := spots[0]; s.Index != 0 || !s.Number || !s.Rect.Overlaps(image.Rect(130, 42, 140, 58)) || s.Rect.Dx() > 20 {
		t.Errorf("spot %+v, want before word 0, a number, around (130,42)-(140,58)", s)
	}
	if s := spots[1]; s.Index != 14 || s.Number {
		t.Errorf("spot %+v, want before word 14, a letter", s)
	}
}

// TestInsertWords: a fix with a box adds a word before the word it
// names, in its line; indexes are those before insertion.
func TestInsertWords(t *testing.T) {
	words := []Word{w(1, 200, "The", 96), w(1, 240, "end", 96), w(2, 200, "Each", 96), w(2, 250, "one", 96)}
	out := insertWords(words, []Fix{
		{Index: 2, Text: "2.", Conf: 90, Box: &[4]int{130, 80, 140, 100}},
		{Index: 0, Text: "1.", Conf: 80, Box: &[4]int{130, 40, 140, 60}},
		{Index: 1, Text: "END", Conf: 80}, // not an insertion
	})
	want := []string{"1.", "The", "end", "2.", "Each", "one"}
	if len(out) != len(want) {
		t.Fatalf("%d words, want %d", len(out), len(want))
	}
	for i, s := range want {
		if out[i].Text != s {
			t.Errorf("word %d %q, want %q", i, out[i].Text, s)
		}
	}
	if !sameLine(out[0], out[1]) || !sameLine(out[3], out[4]) || sameLine(out[2], out[3]) {
		t.Error("inserted words not in their lines")
	}
	if Text(out) != "1. The end\n2. Each one" {
		t.Errorf("text %q", Text(out))
	}
	if len(words) != 4 || words[0].Text != "The" {
		t.Error("input changed")
	}
}

// TestApplyInsertedSuspect: a margin spot read as nothing sure (conf 0)
// is numbered from the labels of its column, or dropped.
func TestApplyInsertedSuspect(t *testing.T) {
	raw := []Word{
		w(1, 200, "Each", 96), w(1, 250, "one", 96), w(1, 300, "shall", 96),
		w(2, 120, "2.", 96), w(2, 200, "The", 96), w(2, 250, "end", 96),
	}
	p := &Page{raw: raw, Script: "Latin", Packs: "eng"}
	applyFixes(p, []Fix{{Index: 0, Text: "iB", Box: &[4]int{120, 40, 130, 60}}})
	if got := Text(p.Words); got != "1. Each one shall\n2. The end" {
		t.Errorf("inferred: %q", got)
	}
	p = &Page{raw: raw[:3], Script: "Latin", Packs: "eng"}
	applyFixes(p, []Fix{{Index: 0, Text: "iB", Box: &[4]int{120, 40, 130, 60}}})
	if got := Text(p.Words); got != "Each one shall" {
		t.Errorf("not inferred: %q", got)
	}
}

// TestInferLabelsDigitMore: "25" after "1." in the same column, nothing
// after it that follows it, is "2." (the full stop read as a digit); a
// confident read, one that the next label follows, one after a heading,
// and a number that misses a digit change nothing.
func TestInferLabelsDigitMore(t *testing.T) {
	for _, c := range []struct {
		words []Word
		want  map[int]string
	}{
		{[]Word{w(1, 100, "1.", 90), w(1, 180, "The", 96), w(2, 100, "25", 70), w(2, 180, "Each", 96)}, map[int]string{2: "2."}},
		// confident
		{[]Word{w(1, 100, "1.", 90), w(1, 180, "The", 96), w(2, 100, "25", 95), w(2, 180, "Each", 96)}, nil},
		// the next label follows it
		{[]Word{w(1, 100, "1.", 90), w(1, 180, "The", 96), w(2, 100, "12.", 70), w(2, 180, "Each", 96), w(3, 100, "13.", 90), w(3, 180, "Each", 96)}, nil},
		// after a heading
		{[]Word{w(1, 100, "1.", 90), w(1, 180, "The", 96), w(2, 400, "Article", 96), w(2, 480, "9", 96), w(3, 100, "25", 70), w(3, 180, "Each", 96)}, nil},
		// a digit fewer: "2." may be missing
		{[]Word{w(1, 100, "1.", 90), w(1, 180, "The", 96), w(2, 100, "3.", 70), w(2, 180, "Each", 96)}, nil},
	} {
		checkFixes(t, c.words, InferLabels(c.words), c.want)
	}
}
