// Package synthline makes synthetic lines of words (layout.Line) for the
// tests of the layout layer and of document analysis: words get a width
// of half the font size per character and a quarter of it per space, as
// a proportional font roughly does.
package synthline

import (
	"strings"
	"unicode/utf8"

	"github.com/docindex/docindex/extract/layout"
)

// Size is the font size of every synthetic word.
const Size = 10.0

// Words lays out the words of text from x (left to right) on baseline y
// and returns them with the end of the last one.
func Words(text string, x, y float64) ([]layout.Word, float64) {
	var ws []layout.Word
	for _, w := range strings.Fields(text) {
		wd := 0.5 * Size * float64(utf8.RuneCountInString(w))
		ws = append(ws, layout.Word{Text: w, X0: x, X1: x + wd, Y: y, Size: Size})
		x += wd + 0.25*Size
	}
	return ws, x - 0.25*Size
}

// Prose is a line of running text starting at x.
func Prose(y, x float64, text string) layout.Line {
	ws, end := Words(text, x, y)
	return layout.Line{Text: text, X0: x, X1: end, Y: y, Size: Size, Words: ws}
}

// Cells is a table line: each cell's text at its x (an empty text is an
// empty cell); one text line, as the engine reads a line whose gaps are
// narrower than a column gutter.
func Cells(y float64, xs []float64, texts ...string) layout.Line {
	l := layout.Line{Y: y, Size: Size, X0: xs[0]}
	var parts []string
	for i, t := range texts {
		if t == "" {
			continue
		}
		ws, end := Words(t, xs[i], y)
		l.Words = append(l.Words, ws...)
		l.X1 = end
		parts = append(parts, t)
	}
	l.Text = strings.Join(parts, " ")
	return l
}

// RTLCells is a right-to-left table line: each cell's text ends at its
// x (its right edge), the words in logical order from right to left.
func RTLCells(y float64, xs []float64, texts ...string) layout.Line {
	l := layout.Line{Y: y, Size: Size, RTL: true, X1: xs[0]}
	var parts []string
	for i, t := range texts {
		x := xs[i]
		for _, w := range strings.Fields(t) {
			wd := 0.5 * Size * float64(utf8.RuneCountInString(w))
			l.Words = append(l.Words, layout.Word{Text: w, X0: x - wd, X1: x, Y: y, Size: Size})
			l.X0 = x - wd
			x -= wd + 0.25*Size
		}
		parts = append(parts, t)
	}
	l.Text = strings.Join(parts, " ")
	return l
}

// RTLProse is a right-to-left line of running text ending at x1.
func RTLProse(y, x1 float64, text string) layout.Line {
	return RTLCells(y, []float64{x1}, text)
}
