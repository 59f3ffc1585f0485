package web

import (
	"bytes"
	"strings"
	"testing"

	"github.com/docindex/docindex/index"
)

// TestOCRMarkOnHits: a hit read by OCR shows a small "OCR" tag, others
// none.
func TestOCRMarkOnHits(t *testing.T) {
	data := searchPage{base: newBase("t", "q", ""), Searched: true, Total: 2, Hits: []hitView{
		newHitView(index.Hit{Symbol: "A/RES/26/2758", ID: "para_1", Citation: "A/RES/26/2758, para. 1", Language: "ru", OCR: true, Text: "x"}),
		newHitView(index.Hit{Symbol: "A/RES/99/101", ID: "para_2", Citation: "A/RES/99/101, para. 2", Language: "en", Text: "y"}),
	}}
	var b bytes.Buffer
	if err := searchTmpl.ExecuteTemplate(&b, "layout", data); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	if n := strings.Count(page, `class="tag ocr"`); n != 1 {
		t.Errorf("%d OCR tags, want 1", n)
	}
	i := strings.Index(page, "A/RES/26/2758, para. 1")
	j := strings.Index(page, `class="tag ocr"`)
	k := strings.Index(page, "A/RES/99/101, para. 2")
	if i < 0 || j < i || k < j {
		t.Errorf("the OCR tag is not on the OCR hit (%d %d %d)", i, j, k)
	}
}
