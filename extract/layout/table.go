package layout

import (
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/docindex/docindex/extract/textutil"
)

// Tables.
//
// A table is found from the geometry of its words, not from ruling lines
// (most text layers do not draw them where the engine could see them):
//
//   - a seed line is a visual line (the rows sharing one baseline) whose
//     words fall into at least three groups separated by gaps of at least
//     seedGap font sizes: cells, not the spaces of prose;
//   - the columns of a candidate table are the vertical strips that no
//     word of any of its lines covers (its gutters), started from the
//     wide gaps of a seed line and narrowed by every line added below it;
//   - a table grows downwards from a seed line over the lines that leave
//     at least two gutters open (three columns): another seed line may
//     narrow the gutters, a line that is not a seed (a cell wrapped over
//     several lines) must fit between them; a line of prose covers the
//     gutters and ends the table;
//   - it is a table when at least three of its lines are seeds.
//
// FindTables returns each table with the rows of the page it spans and
// its cells: its rows as lines of text (Table.Text), cells separated by
// " | ", each cell's words in reading order, and the columns of a
// right-to-left table read from right to left. A two-column page has one
// gutter, never two, and is not a table of these rules; tables of two
// columns have rules of their own (table_twocol.go). (Document analysis
// makes a table one paragraph and one clause, …__table_N.)

const (
	seedGap      = 1.0  // a gap between cells, in font sizes
	minGutter    = 0.75 // the narrowest strip left between two columns, in font sizes
	minSeeds     = 3    // seed lines a table needs
	minColumns   = 3    // columns a table needs
	tableLineGo  = 2.6  // the largest step between two lines of a table, in font sizes
	maxTableCols = 40   // columns a table can have (a line of more cells is not a table row)
	maxPageRows  = 2000 // rows of a page beyond which no table is looked for (the search is quadratic in them)
)

// TableRow is what table detection reads of one row of a page: a visual
// line of text (the lines that share a baseline, merged by the caller),
// top to bottom.
type TableRow struct {
	Y, Size float64
	RTL     bool
	Lines   []Line
}

// Table is a table found on a page: it spans the rows [From, To) of the
// page's TableRows.
type Table struct {
	From, To int
	Rows     [][]string // cells of each row, in reading order
	RTL      bool
}

// Text is the table as text: one line per row, cells separated by " | ".
func (t Table) Text() string {
	lines := make([]string, len(t.Rows))
	for i, r := range t.Rows {
		lines[i] = strings.Join(r, " | ")
	}
	return strings.Join(lines, "\n")
}

// vline is one visual line of a page: the rows that share a baseline.
type vline struct {
	rows  []int // indices of the page's rows
	y     float64
	size  float64
	rtl   bool
	boxes []span // the extents of its words, left to right
}

// tword is a word of a visual line with its extent, in the order of its
// line (logical order).
type tword struct {
	text   string
	x0, x1 float64
	line   int // which text line of the row group it came from, for reading order
	lx     float64
}

type span struct{ x0, x1 float64 }

// visualLines groups the rows of a page that share a baseline.
func visualLines(rows []TableRow) []vline {
	var out []vline
	for i, r := range rows {
		n := len(out)
		if n > 0 && math.Abs(r.Y-out[n-1].y) <= 0.4*math.Max(r.Size, out[n-1].size) {
			out[n-1].rows = append(out[n-1].rows, i)
			out[n-1].size = math.Max(out[n-1].size, r.Size)
		} else {
			out = append(out, vline{rows: []int{i}, y: r.Y, size: r.Size, boxes: []span{}})
		}
	}
	nw := 0
	for _, r := range rows {
		for _, l := range r.Lines {
			nw += len(l.Words)
		}
	}
	all := make([]span, 0, nw) // one backing array for the page's boxes
	for k := range out {
		v := &out[k]
		if v.boxes == nil {
			continue
		}
		rtl := 0
		from := len(all)
		for _, ri := range v.rows {
			r := rows[ri]
			if r.RTL {
				rtl++
			} else {
				rtl--
			}
			for _, l := range r.Lines {
				for _, w := range l.Words {
					if isTableWord(w, l) {
						all = append(all, span{w.X0, w.X1})
					}
				}
			}
		}
		v.boxes = all[from:len(all):len(all)]
		v.rtl = rtl > 0
		if !sort.SliceIsSorted(v.boxes, func(i, j int) bool { return v.boxes[i].x0 < v.boxes[j].x0 }) {
			sort.Slice(v.boxes, func(i, j int) bool { return v.boxes[i].x0 < v.boxes[j].x0 })
		}
	}
	return out
}

// reMarker matches the text of a footnote marker: digits, asterisks, a
// list of numbers; Arabic texts print raised markers in parentheses:
// "(9)", mirrored ")9(".
var reMarker = regexp.MustCompile(`^(?:\d{1,3}|\*{1,3}|\d{1,3}(?:,\d{1,3})+|\(\d{1,3}\)|\)\d{1,3}\()$`)

// IsMarker reports a word of line l that is a footnote marker: raised
// above the baseline (by more than 0.15 font sizes, or smaller than the
// line's type) and made of the characters of a marker.
func IsMarker(w Word, l Line) bool {
	if w.Rise <= 0 {
		return false
	}
	t := strings.TrimSpace(w.Text)
	if !reMarker.MatchString(t) {
		return false
	}
	size := l.Size
	if size <= 0 {
		size = 10
	}
	return w.Rise > 0.15*size || (w.Size > 0 && w.Size < 0.85*size)
}

// isTableWord reports a word that counts in the geometry of a table: not
// blank, not a footnote marker.
func isTableWord(w Word, l Line) bool {
	return strings.TrimSpace(w.Text) != "" && !IsMarker(w, l)
}

// wordsOf gives the words of a visual line, each with its text line, in
// logical order.
func wordsOf(rows []TableRow, v vline) []tword {
	var ws []tword
	li := 0
	for _, ri := range v.rows {
		for _, l := range rows[ri].Lines {
			for _, w := range l.Words {
				if isTableWord(w, l) {
					ws = append(ws, tword{text: strings.TrimSpace(w.Text), x0: w.X0, x1: w.X1, line: li, lx: l.X0})
				}
			}
			li++
		}
	}
	return ws
}

// wideGaps are the gaps of at least gap between the words of a line.
func wideGaps(boxes []span, gap float64) []span {
	var out []span
	end := math.Inf(-1)
	for i, b := range boxes {
		if i > 0 && b.x0-end >= gap {
			out = append(out, span{end, b.x0})
		}
		end = math.Max(end, b.x1)
	}
	return out
}

// cellGaps are the gaps between the cells of a line: at least seedGap
// font sizes wide, and at least 2.5 times the line's usual space between
// words (so that the wide spaces of a justified or typewritten line of
// prose are not taken for cells). A line of fewer than three words has
// none: it has no usual space to measure its gaps against. A seed line
// has at least minColumns-1 of them.
func cellGaps(v vline) []span {
	if len(v.boxes) < 3 {
		return nil
	}
	size := math.Max(v.size, 4)
	all := wideGaps(v.boxes, 0)
	ws := make([]float64, len(all))
	for i, g := range all {
		ws[i] = g.x1 - g.x0
	}
	if len(ws) < minColumns-1 {
		return nil
	}
	sort.Float64s(ws)
	space := math.Min(ws[len(ws)/4], 0.5*size)
	g := wideGaps(v.boxes, math.Max(seedGap*size, 2.5*space))
	if len(g) >= maxTableCols {
		return nil
	}
	return g
}

// aligned reports whether every column of a candidate table is aligned
// on the seed lines: the cells of a column share their left edge, their
// right edge or their centre (three in four of them), within 0.75 font sizes. Between the chance gutters of a
// block of prose the words start and end anywhere.
func aligned(vls []vline, seeds []int, gutters []span, size float64) bool {
	ncol := len(gutters) + 1
	type ext struct{ x0, x1 float64 }
	cols := make([][]ext, ncol)
	for _, k := range seeds {
		cells := make([]ext, ncol)
		has := make([]bool, ncol)
		for _, b := range vls[k].boxes {
			c := columnOf(gutters, b.x0, b.x1)
			if !has[c] {
				cells[c], has[c] = ext{b.x0, b.x1}, true
				continue
			}
			cells[c].x0 = math.Min(cells[c].x0, b.x0)
			cells[c].x1 = math.Max(cells[c].x1, b.x1)
		}
		for c := range cells {
			if has[c] {
				cols[c] = append(cols[c], cells[c])
			}
		}
	}
	tol := 0.75 * size
	near := func(vals []float64) bool { return clustered(vals, tol) }
	for _, c := range cols {
		if len(c) < 2 {
			return false
		}
		var l, r, m []float64
		for _, e := range c {
			l, r, m = append(l, e.x0), append(r, e.x1), append(m, (e.x0+e.x1)/2)
		}
		if !near(l) && !near(r) && !near(m) {
			return false
		}
	}
	return true
}

// clustered reports whether three in four of vals lie within tol of one
// of them.
func clustered(vals []float64, tol float64) bool {
	need := len(vals) - len(vals)/4
	for _, v := range vals {
		n := 0
		for _, u := range vals {
			if math.Abs(u-v) <= tol {
				n++
			}
		}
		if n >= need {
			return true
		}
	}
	return false
}

// narrow takes the words of a line out of the gutters: each gutter keeps
// its widest part that no word covers, if that is at least min wide, and
// is dropped otherwise. boxes are sorted by their left edge; one sweep
// over them per gutter.
func narrow(gutters []span, boxes []span, min float64) []span {
	var out []span
	for _, g := range gutters {
		best := span{}
		from := g.x0 // start of the part not yet covered
		k := sort.Search(len(boxes), func(i int) bool { return boxes[i].x0 >= g.x0 })
		// a box starting left of the gutter may reach into it
		for i := 0; i < k; i++ {
			from = math.Max(from, math.Min(boxes[i].x1, g.x1))
		}
		for i := k; i < len(boxes) && boxes[i].x0 < g.x1 && from < g.x1; i++ {
			if b := boxes[i]; b.x0 > from {
				if b.x0-from > best.x1-best.x0 {
					best = span{from, b.x0}
				}
				from = math.Max(from, b.x1)
			} else {
				from = math.Max(from, b.x1)
			}
		}
		if from < g.x1 && g.x1-from > best.x1-best.x0 {
			best = span{from, g.x1}
		}
		if best.x1-best.x0 >= min {
			out = append(out, best)
		}
	}
	return out
}

// columnOf is the column (0 = leftmost) of a word between the gutters.
func columnOf(gutters []span, x0, x1 float64) int {
	c := (x0 + x1) / 2
	n := 0
	for _, g := range gutters {
		if c > g.x1 || c >= (g.x0+g.x1)/2 && c > g.x0 {
			n++
		}
	}
	return n
}

// occupied counts the columns in which a line has words.
func occupied(gutters []span, boxes []span) int {
	seen := map[int]bool{}
	for _, b := range boxes {
		seen[columnOf(gutters, b.x0, b.x1)] = true
	}
	return len(seen)
}

// FindTables finds the tables among the rows of a page, top to bottom.
func FindTables(rows []TableRow) []Table {
	if len(rows) > maxPageRows {
		return nil // no page of a document has that many lines: a hostile file
	}
	vls := visualLines(rows)
	gaps := newGapMemo(vls)
	var tables []found
	for i := 0; i < len(vls); i++ {
		v := vls[i]
		if v.boxes == nil || len(v.boxes) < minColumns {
			continue
		}
		size := math.Max(v.size, 4)
		g := gaps.of(i)
		if len(g) < minColumns-1 {
			continue
		}
		seeds := []int{i}
		j := i + 1
		for ; j < len(vls); j++ {
			w := vls[j]
			if w.boxes == nil || w.y-vls[j-1].y > tableLineGo*math.Max(size, w.size) || w.y <= vls[j-1].y {
				break
			}
			ng := narrow(g, w.boxes, minGutter*size)
			isSeed := len(gaps.of(j)) >= minColumns-1
			if isSeed {
				if len(ng) < minColumns-1 {
					break
				}
				seeds = append(seeds, j)
				g = ng
				continue
			}
			if len(ng) < len(g) {
				break // a line of prose crosses a gutter
			}
			g = ng
		}
		// lines after the last seed that are not cells of its row (too
		// far below it) are not part of the table
		if len(seeds) >= minSeeds && len(g) >= minColumns-1 && aligned(vls, seeds, g, size) {
			tables = append(tables, found{from: i, to: j, gutters: g})
			i = j - 1
		}
	}
	tables = twoColumnTables(rows, vls, gaps, tables)
	out := make([]Table, len(tables))
	for k, t := range tables {
		out[k] = tableOf(rows, vls[t.from:t.to], t.gutters, t.spanning)
	}
	return out
}

// gapMemo holds the cell gaps of each visual line of a page, computed
// once (a candidate table is grown from every seed line over the lines
// below it, by both searches).
type gapMemo struct {
	vls  []vline
	gaps [][]span
	done []bool
}

func newGapMemo(vls []vline) *gapMemo {
	return &gapMemo{vls: vls, gaps: make([][]span, len(vls)), done: make([]bool, len(vls))}
}

// of gives the cell gaps of line j; the caller does not change them.
func (m *gapMemo) of(j int) []span {
	if !m.done[j] {
		m.gaps[j], m.done[j] = cellGaps(m.vls[j]), true
	}
	return m.gaps[j]
}

// found is a table found among the visual lines of a page.
type found struct {
	from, to int // visual lines [from, to)
	gutters  []span
	spanning map[int]bool // lines that span the columns (from from)
}

// tableOf reads the cells of a table from its visual lines, grouped into
// table rows.
func tableOf(page []TableRow, vls []vline, gutters []span, spanning map[int]bool) Table {
	last := vls[len(vls)-1].rows
	ncol := len(gutters) + 1
	t := Table{From: vls[0].rows[0], To: last[len(last)-1] + 1, RTL: visualRTL(vls)}
	// table rows: a line starts a new row when the step from the line
	// before is wider than the table's line step (cells are padded), or
	// when it has words in all columns but one (at least three) and its
	// first cell does not go on in small letters; the other lines are
	// cells wrapped over several lines
	minStep := math.Inf(1)
	for k := 1; k < len(vls); k++ {
		minStep = math.Min(minStep, vls[k].y-vls[k-1].y)
	}
	padded := false
	for k := 1; k < len(vls); k++ {
		if vls[k].y-vls[k-1].y > 1.15*minStep+0.5 {
			padded = true
		}
	}
	var cur [][]tword
	flush := func() {
		if cur == nil {
			return
		}
		cells := make([]string, ncol)
		for c := range cur {
			var parts []string
			for _, w := range cur[c] {
				parts = append(parts, w.text)
			}
			cells[c] = joinCell(parts)
		}
		if t.RTL {
			for a, b := 0, len(cells)-1; a < b; a, b = a+1, b-1 {
				cells[a], cells[b] = cells[b], cells[a]
			}
		}
		t.Rows = append(t.Rows, cells)
		cur = nil
	}
	for k, v := range vls {
		// (a line that spans the columns is a row of its own, one cell)
		newRow := k == 0 || spanning[k] || spanning[k-1] || padded && vls[k].y-vls[k-1].y > 1.15*minStep+0.5 ||
			occupied(gutters, v.boxes) >= max(min(minColumns, ncol), ncol-1) && opensRow(wordsOf(page, v), gutters, t.RTL)
		if newRow {
			flush()
			cur = make([][]tword, ncol)
		}
		// the words of each cell in the order of their line; the text
		// lines of a visual line in reading order
		ws := wordsOf(page, v)
		sort.SliceStable(ws, func(a, b int) bool {
			if ws[a].line != ws[b].line {
				if v.rtl {
					return ws[a].lx > ws[b].lx
				}
				return ws[a].lx < ws[b].lx
			}
			return false
		})
		for _, w := range ws {
			c := columnOf(gutters, w.x0, w.x1)
			if spanning[k] {
				c = 0 // the first cell in reading order
				if t.RTL {
					c = ncol - 1
				}
			}
			cur[c] = append(cur[c], w)
		}
	}
	flush()
	return t
}

// visualRTL reports whether most of the visual lines run right to left.
func visualRTL(vls []vline) bool {
	n := 0
	for _, v := range vls {
		if v.rtl {
			n++
		} else {
			n--
		}
	}
	return n > 0
}

// opensRow reports whether the first cell of a line (in reading order)
// can open a table row: it has words, and the first of them does not
// start with a small letter (the next line of a wrapped sentence).
func opensRow(words []tword, gutters []span, rtl bool) bool {
	first := 0
	if rtl {
		first = len(gutters)
	}
	var w *tword
	for i := range words {
		x := &words[i]
		if columnOf(gutters, x.x0, x.x1) != first {
			continue
		}
		if w == nil || !rtl && x.x0 < w.x0 || rtl && x.x1 > w.x1 {
			w = x
		}
	}
	if w == nil {
		return false
	}
	r, _ := utf8.DecodeRuneInString(w.text)
	return !unicode.IsLower(r)
}

// joinCell joins the words of a cell, a word broken at a hyphen over two
// lines joined again ("develop-" "ment").
func joinCell(parts []string) string {
	s := ""
	for _, p := range parts {
		s = joinCellWord(s, p)
	}
	return s
}

// joinCellWord appends word b to the text a of a cell: a word broken at
// a line-end hyphen keeps its hyphen ("develop-" "ment" is
// "develop-ment": a cell has too few words to tell a broken word from a
// compound), Chinese and Japanese text is joined without a space.
func joinCellWord(a, b string) string {
	a = strings.TrimRight(a, " ")
	b = strings.TrimLeft(b, " ")
	if a == "" || b == "" {
		return a + b
	}
	if strings.HasSuffix(a, " -") && len(a) >= 3 {
		if r, _ := utf8.DecodeLastRuneInString(a[:len(a)-2]); unicode.IsLetter(r) {
			if nr, _ := utf8.DecodeRuneInString(b); unicode.IsLower(nr) {
				a = a[:len(a)-2] + "-" // "copyright -" + "protected": a hyphen set apart
			}
		}
	}
	if strings.HasSuffix(a, "-") && len(a) >= 2 {
		if r, _ := utf8.DecodeLastRuneInString(a[:len(a)-1]); unicode.IsLetter(r) || unicode.IsDigit(r) {
			return a + b
		}
	}
	la, _ := utf8.DecodeLastRuneInString(a)
	fb, _ := utf8.DecodeRuneInString(b)
	if textutil.IsCJK(la) || textutil.IsCJK(fb) {
		return a + b
	}
	return a + " " + b
}
