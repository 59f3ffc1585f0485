package layout_test

import (
	"testing"

	"github.com/docindex/docindex/extract/layout"
)

func TestRunningHeads(t *testing.T) {
	// ten pages of 800 pt: a head on every page but the first, a
	// footer on two pages, a heading that opens two pages in the body
	var pages [][]layout.MarginRow
	var heights []float64
	for i := 0; i < 10; i++ {
		rs := []layout.MarginRow{{Y: 400, Text: "Article 12"}}
		if i > 0 {
			rs = append(rs, layout.MarginRow{Y: 60, Text: "A/RES/99/101  "})
		}
		if i == 2 || i == 5 {
			rs = append(rs, layout.MarginRow{Y: 760, Text: "Please recycle"})
		}
		pages, heights = append(pages, rs), append(heights, 800)
	}
	repeated := layout.Repeated(pages, heights)
	if !repeated("a/res/99/101") {
		t.Error("the head on nine pages of ten is not repeated")
	}
	if repeated("Please recycle") {
		t.Error("a footer on two pages of ten (fewer than a quarter) is repeated")
	}
	if repeated("Article 12") {
		t.Error("a heading in the body is repeated")
	}
	// in a short document two pages are enough
	if !layout.Repeated(pages[2:6], heights[2:6])("Please recycle") {
		t.Error("a footer on two pages of four is not repeated")
	}
	if !layout.InHead(100, 800) || layout.InHead(110, 800) || !layout.InFoot(690, 800) || layout.InFoot(680, 800) {
		t.Error("margins: top 13%, bottom 14%")
	}
	if got := layout.RunningKey("  A/RES/99/101   Page\t2 "); got != "a/res/99/101 page 2" {
		t.Errorf("RunningKey = %q", got)
	}
}
