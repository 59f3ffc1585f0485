package layout

import (
	"math"
	"regexp"
	"sort"
	"strings"
)

// Tables of two columns.
//
// A table of two columns (a time and an agenda item, a term and its
// meaning) has one gutter, as two columns of prose have and as a list of
// labels and their text ("(a) text", "1. text") has. It is a table when:
//
//   - at least minSeeds of its lines are two-cell lines: words on both
//     sides of the gutter, one gap between them as wide as a gap between
//     cells (cellGaps) and no other;
//   - the second column (in reading order) starts at one edge on every
//     one of those lines, within 0.75 font sizes (the text of a table's
//     column is set against one edge; a numbered paragraph whose text is
//     indented to where a table's second column starts is not a row of
//     that table);
//   - one column is narrow: its widest cell is at most twoColNarrow of the
//     other's widest (two columns of prose are as wide as each other);
//   - its first column is not a column of labels: at least two of its
//     cells are not labels (isLabelCell), since a list's labels are;
//   - the lines between the two-cell lines leave the gutter open (a cell
//     wrapped over lines, a row with one cell), but for a row that spans
//     both columns: a line of one cell that starts where the first
//     column starts or before it, followed further down by a two-cell
//     line (a day heading between the rows of a schedule). Any other line
//     that crosses the gutter ends the table, and so does a spanning row
//     after the last two-cell line.
//
// Tables of three columns and more are found first (FindTables); two-column
// tables only among the lines left.

const twoColNarrow = 0.6 // the narrow column's widest cell, at most, as a share of the other's

// twoColumnTables adds the two-column tables of a page to the tables found
// (lines [from, to) of vls), in page order.
func twoColumnTables(rows []TableRow, vls []vline, gaps *gapMemo, tables []found) []found {
	taken := make([]bool, len(vls))
	for _, t := range tables {
		for k := t.from; k < t.to; k++ {
			taken[k] = true
		}
	}
	// the direction of the page's lines: a line of figures beside
	// right-to-left text is read right to left too
	rtl := visualRTL(vls)
	out := tables
	for i := 0; i < len(vls); i++ {
		if taken[i] {
			continue
		}
		if t, ok := twoColumnFrom(rows, vls, taken, gaps.of, i, rtl); ok {
			out = append(out, t)
			i = t.to - 1
		}
	}
	sort.Slice(out, func(a, b int) bool { return out[a].from < out[b].from })
	return out
}

// twoColumnFrom grows a two-column table down from line i, a two-cell
// line, and reports whether it is one.
func twoColumnFrom(rows []TableRow, vls []vline, taken []bool, gapsOf func(int) []span, i int, rtl bool) (found, bool) {
	g := gapsOf(i)
	if len(g) != 1 {
		return found{}, false
	}
	size := math.Max(vls[i].size, 4)
	gut := g[0]
	seeds := []int{i}
	spanning := map[int]bool{}
	step := func(j int) bool { // line j follows line j-1 within a table's line step
		return j < len(vls) && !taken[j] && vls[j].y > vls[j-1].y &&
			vls[j].y-vls[j-1].y <= tableLineGo*math.Max(size, vls[j].size)
	}
	open := func(j int, gut span) (span, bool) { // what line j leaves of the gutter
		ng := narrow([]span{gut}, vls[j].boxes, minGutter*size)
		if len(ng) == 0 {
			return span{}, false
		}
		return ng[0], true
	}
	j := i + 1
	for ; step(j); j++ {
		if wg := gapsOf(j); len(wg) == 1 {
			x0, x1 := math.Max(gut.x0, wg[0].x0), math.Min(gut.x1, wg[0].x1)
			if x1-x0 >= minGutter*size {
				gut = span{x0, x1}
				seeds = append(seeds, j)
				continue
			}
		}
		if ng, ok := open(j, gut); ok {
			gut = ng
			continue
		}
		// a row spanning both columns, from the table's start edge (kept
		// if a two-cell line follows it)
		if len(gapsOf(j)) == 0 && startsAt(vls, seeds, gut, vls[j], size, rtl) {
			spanning[j-i] = true
			continue
		}
		break
	}
	// the table ends at the first spanning row after its last two-cell line
	end := seeds[len(seeds)-1] + 1
	for end < j && !spanning[end-i] {
		end++
	}
	t := found{from: i, to: end, gutters: []span{gut}, spanning: spanning}
	return t, len(seeds) >= minSeeds && twoColumnShape(rows, vls, seeds, gut, size, rtl)
}

// cellsOf splits the words of line v at the gutter into its first and
// second cell in reading order (rtl: right to left), as extents.
func cellsOf(v vline, gut span, rtl bool) (first, second span) {
	l, r := span{math.Inf(1), math.Inf(-1)}, span{math.Inf(1), math.Inf(-1)}
	for _, b := range v.boxes {
		if columnOf([]span{gut}, b.x0, b.x1) == 0 {
			l = span{math.Min(l.x0, b.x0), math.Max(l.x1, b.x1)}
		} else {
			r = span{math.Min(r.x0, b.x0), math.Max(r.x1, b.x1)}
		}
	}
	if rtl {
		return r, l
	}
	return l, r
}

// startsAt reports whether line w starts where the first cells of the
// seed lines start or before (their left edge, or right edge right to
// left), within 0.75 font sizes.
func startsAt(vls []vline, seeds []int, gut span, w vline, size float64, rtl bool) bool {
	edge := math.Inf(1)
	if rtl {
		edge = math.Inf(-1)
	}
	for _, k := range seeds {
		f, _ := cellsOf(vls[k], gut, rtl)
		if rtl {
			edge = math.Max(edge, f.x1)
		} else {
			edge = math.Min(edge, f.x0)
		}
	}
	if len(w.boxes) == 0 {
		return false
	}
	ws := w.boxes[0].x0
	if rtl {
		ws = math.Inf(-1)
		for _, b := range w.boxes {
			ws = math.Max(ws, b.x1)
		}
		return ws >= edge-0.75*size
	}
	return ws <= edge+0.75*size
}

// twoColumnShape checks the seed lines of a two-column candidate: the
// second column aligned on its start edge, one column narrow, the first
// not a column of labels.
func twoColumnShape(rows []TableRow, vls []vline, seeds []int, gut span, size float64, rtl bool) bool {
	var starts []float64
	var wFirst, wSecond float64
	for _, k := range seeds {
		f, s := cellsOf(vls[k], gut, rtl)
		if rtl {
			starts = append(starts, s.x1)
		} else {
			starts = append(starts, s.x0)
		}
		wFirst, wSecond = math.Max(wFirst, f.x1-f.x0), math.Max(wSecond, s.x1-s.x0)
	}
	if !allNear(starts, 0.75*size) || math.Min(wFirst, wSecond) > twoColNarrow*math.Max(wFirst, wSecond) {
		return false
	}
	notLabels := 0
	for _, k := range seeds {
		if !isLabelCell(firstCellText(rows, vls[k], gut, rtl)) {
			if notLabels++; notLabels == 2 {
				return true
			}
		}
	}
	return false
}

// allNear reports whether every one of vals lies within tol of their
// median.
func allNear(vals []float64, tol float64) bool {
	s := append([]float64(nil), vals...)
	sort.Float64s(s)
	m := s[len(s)/2]
	return math.Abs(s[0]-m) <= tol && math.Abs(s[len(s)-1]-m) <= tol
}

// firstCellText is the text of the first cell (in reading order) of a
// two-cell line, its words in reading order.
func firstCellText(rows []TableRow, v vline, gut span, rtl bool) string {
	var parts []string
	for _, w := range wordsOf(rows, v) {
		c := columnOf([]span{gut}, w.x0, w.x1)
		if c == 0 && !rtl || c == 1 && rtl {
			parts = append(parts, w.text)
		}
	}
	return strings.Join(parts, " ")
}

// reLabelCell is a list label: a number, letter or roman numeral with its
// punctuation ("1.", "2.16", "(a)", "iv)", "1-", "1 -", "-1", mirrored ")a("), a bullet or a
// dash, or a word and such a number ("Item 3", "Article 12").
var reLabelCell = regexp.MustCompile(`^(?:\S+\s+)?[-–(\[)]?\s?(?:\p{Nd}{1,3}(?:\.\p{Nd}{1,3})*|\p{L}|[ivxlcIVXLC]{1,6}|\p{Arabic}{1,2})\s?[-–.)\](:]?[.:]?$|^[•▪◦‣∙·*\-–—o]$`)

// isLabelCell reports whether the text of a cell is a list label.
func isLabelCell(s string) bool {
	return reLabelCell.MatchString(strings.TrimSpace(s))
}
