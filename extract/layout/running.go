package layout

import (
	"strings"

	"github.com/docindex/docindex/extract/textutil"
)

// Running heads and footers.
//
// The margins of a page are its top 13% (InHead) and its bottom 14%
// (InFoot). A row in them whose text (RunningKey) recurs in the margins
// of other pages is a running head or footer: on at least two pages, and
// on a quarter of them in a document of more than four pages (Repeated).
// What else a margin holds that is not text (page numbers, job numbers,
// document symbols) is for document analysis to say.

const (
	headBand = 0.13 // the top margin, as a share of the page's height
	footBand = 0.86 // where the bottom margin starts
)

// InHead reports whether a row at baseline y is in the top margin of a
// page of height h.
func InHead(y, h float64) bool { return y < headBand*h }

// InFoot reports whether a row at baseline y is in the bottom margin of a
// page of height h.
func InFoot(y, h float64) bool { return y > footBand*h }

// RunningKey is the text of a row as running heads are compared: lower
// case, runs of spaces as one. Digits are kept: running heads are
// repeated exactly, while headings that happen to open several pages
// ("Article 12") differ.
func RunningKey(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	return textutil.CollapseSpaces(s)
}

// MarginRow is what running-head detection reads of a row: its baseline
// and its text.
type MarginRow struct {
	Y    float64
	Text string
}

// Repeated reads the rows of every page of a document (heights: the
// pages' heights) and returns whether a text recurs in the margins of
// enough pages to be a running head or footer.
func Repeated(pages [][]MarginRow, heights []float64) func(text string) bool {
	keyPages := map[string]map[int]bool{}
	for i, rs := range pages {
		h := heights[i]
		for _, r := range rs {
			if InHead(r.Y, h) || InFoot(r.Y, h) {
				k := RunningKey(r.Text)
				if keyPages[k] == nil {
					keyPages[k] = map[int]bool{}
				}
				keyPages[k][i] = true
			}
		}
	}
	n := len(pages)
	return func(text string) bool {
		c := len(keyPages[RunningKey(text)])
		return c >= 2 && (n <= 4 || float64(c) >= 0.25*float64(n))
	}
}
