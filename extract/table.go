package extract

import (
	"math"

	"github.com/docindex/docindex/extract/layout"
)

// Tables are found by the layout layer from the geometry of their words
// (layout.FindTables, extract/layout/table.go). Here a table becomes one
// row of its page (row.table set) and, through buildParas, one paragraph
// and one clause (…__table_N).

type table = layout.Table

// findTables finds the tables of a page's rows and returns the rows with
// each table's rows replaced by one row that carries the table.
func findTables(rows []row) []row {
	in := make([]layout.TableRow, len(rows))
	for i, r := range rows {
		in[i] = layout.TableRow{Y: r.y, Size: r.size, RTL: r.rtl, Lines: r.lines}
	}
	tables := layout.FindTables(in)
	if len(tables) == 0 {
		return rows
	}
	var out []row
	next := 0
	for k := range tables {
		t := &tables[k]
		out = append(out, rows[next:t.From]...)
		out = append(out, tableRow(rows[t.From:t.To], t))
		next = t.To
	}
	return append(out, rows[next:]...)
}

// tableRow makes the row that stands for table t, whose rows are rows:
// their extent, their footnote markers, the table's text.
func tableRow(rows []row, t *table) row {
	r := rows[0]
	r.table = t
	r.text = t.Text()
	r.lines = nil
	r.markers = nil
	for _, x := range rows {
		r.x0 = math.Min(r.x0, x.x0)
		r.x1 = math.Max(r.x1, x.x1)
		r.start = math.Min(r.start, x.start)
		r.end = math.Max(r.end, x.end)
		r.markers = append(r.markers, x.markers...)
	}
	r.rtl = t.RTL
	return r
}
