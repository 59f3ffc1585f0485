package ocr

import "testing"

// rtl lays out a line of an Arabic page from the right: each word
// (text, confidence) its width of 12 pixels a character, 20 apart, the
// first one's right edge at x; words are in Tesseract's reading order.
func rtl(line, x int, words ...any) []Word {
	var out []Word
	for k := 0; k+1 < len(words); k += 2 {
		t := words[k].(string)
		wd := 12 * len([]rune(t))
		out = append(out, Word{Text: t, X0: x - wd, X1: x, Y0: line * 60, Y1: line*60 + 26, Conf: words[k+1].(float64), Block: 1, Par: 1, Line: line})
		x -= wd + 20
	}
	return out
}

// TestInferArabicLabels: misread labels of an Arabic page get their
// number or letter from the labels read before and after them, in the
// page's order whatever their column; suspects without such neighbours,
// Arabic words and confident or wide words are left alone.
func TestInferArabicLabels(t *testing.T) {
	var words []Word
	add := func(ws []Word) { words = append(words, ws...) }
	add(rtl(1, 900, "المادة", 92.0, "2", 93.0)) // heading
	// "1 -" read "a" (30 wide, 26 high), its text 70 pixels on to the left
	add([]Word{{Text: "a\u200f", X0: 660, X1: 690, Y0: 120, Y1: 146, Conf: 23, Block: 1, Par: 1, Line: 2}})
	add(rtl(2, 620, "تقوم", 97.0, "الهيئة", 93.0))
	add(rtl(3, 1200, "2-", 89.0, "لكي", 86.0, "يكفل", 93.0))    // read
	add(rtl(4, 1200, "4=", 64.0, "يفض", 87.0))                  // between 2 and 4: 3
	words[len(words)-1].X0, words[len(words)-1].X1 = 1094, 1130 // 52 pixels on
	add(rtl(5, 1200, "4", 50.0, "-", 50.0, "يمتنع", 90.0))      // "4" and "-"
	add(rtl(6, 1200, "(I)\u200f", 77.0, "تحقيق", 93.0))         // before (ب): (أ)
	add(rtl(7, 1200, "(ب)", 80.0, "تيسير", 93.0))               // read
	add(rtl(8, 1200, "في", 40.0, "الميدان", 93.0))              // an Arabic word: text
	add(rtl(9, 1200, "ol", 39.0, "المتحدة", 93.0))              // no label after it
	fixes := InferArabicLabels(words)
	want := map[string]string{"a\u200f": "1-", "4=": "3-", "(I)\u200f": "(أ)"}
	got := map[string]string{}
	for _, f := range fixes {
		got[words[f.Index].Text] = f.Text
		if f.Conf < MinWordConf {
			t.Errorf("fix %q of %q kept at %.0f, under MinWordConf", f.Text, words[f.Index].Text, f.Conf)
		}
	}
	if len(got) != len(want) {
		t.Errorf("fixes %v, want %v", got, want)
	}
	for from, to := range want {
		if got[from] != to {
			t.Errorf("%q: %q, want %q", from, got[from], to)
		}
	}
}

// TestDropLatinGuesses: on an Arabic page a short Latin word read under
// 50 between two Arabic words is dropped; a confident one, one with
// digits or slashes (a symbol), one at the end of its line or next to
// another Latin word is kept.
func TestDropLatinGuesses(t *testing.T) {
	words := rtl(1, 1200, "1", 94.0, "-", 92.0, "يجوز", 7.0, "sie\u200f", 45.0, "مؤتمر", 90.0, "عام", 90.0)
	words = append(words, rtl(2, 1200, "وثيقة", 93.0, "UNESCO", 88.0, "في", 93.0, "E/ESCWA/30", 40.0, "من", 93.0, "ply", 30.0)...)
	words = append(words, rtl(3, 1200, "قرار", 93.0, "of", 40.0, "the", 45.0, "مجلس", 93.0)...)
	fixes := DropLatinGuesses(words)
	if len(fixes) != 1 || words[fixes[0].Index].Text != "sie\u200f" || fixes[0].Conf != 0 {
		t.Errorf("fixes %+v, want sie dropped alone", fixes)
	}
}
