package layout_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/docindex/docindex/extract/internal/synthline"
	"github.com/docindex/docindex/extract/layout"
)

const synthSize = synthline.Size

var cells = synthline.Cells

// rowsOf makes each line one row of the page, as document analysis
// does with lines that share no baseline.
func rowsOf(ls []layout.Line) []layout.TableRow {
	rows := make([]layout.TableRow, len(ls))
	for i, l := range ls {
		rows[i] = layout.TableRow{Y: l.Y, Size: l.Size, RTL: l.RTL, Lines: []layout.Line{l}}
	}
	return rows
}

// noTable fails when a table is found among the lines.
func noTable(t *testing.T, what string, ls []layout.Line) {
	t.Helper()
	if ts := layout.FindTables(rowsOf(ls)); len(ts) > 0 {
		t.Fatalf("%s read as a table:\n%s", what, ts[0].Text())
	}
}

// oneTable is the one table found among the lines.
func oneTable(t *testing.T, ls []layout.Line) layout.Table {
	t.Helper()
	ts := layout.FindTables(rowsOf(ls))
	if len(ts) != 1 {
		t.Fatalf("%d tables, want 1: %+v", len(ts), ts)
	}
	return ts[0]
}

func TestTwoColumnProseIsNotATable(t *testing.T) {
	// two columns of running text side by side (the engine found no
	// gutter): one gutter, never a table
	left := []string{
		"The Commission met in its", "thirtieth session and heard", "the statements of the", "delegations of the member",
		"States on the work of the", "secretariat in the past", "two years and on the plans",
	}
	right := []string{
		"for the next biennium. It", "adopted the resolutions", "that are reproduced in", "the annex to the present",
		"report and decided to hold", "its next session in the", "capital of a member State.",
	}
	var ls []layout.Line
	for i := range left {
		y := 150 + 12*float64(i)
		l := synthline.Prose(y, 72, left[i])
		r := synthline.Prose(y, 320, right[i])
		l.Words = append(l.Words, r.Words...)
		l.Text += " " + r.Text
		l.X1 = r.X1
		ls = append(ls, l)
	}
	noTable(t, "two columns of prose", ls)
	// nor are justified lines of prose whose wide spaces happen to line
	// up: every space of such a line is wide, a cell gap is wider than
	// the line's other spaces
	var js []layout.Line
	for i := 0; i < 6; i++ {
		y := 150 + 12*float64(i)
		l := layout.Line{Y: y, Size: synthSize, X0: 72}
		x := 72.0
		for _, w := range strings.Fields("The report of the Secretary-General on the work") {
			wd := 0.5 * synthSize * float64(len(w))
			l.Words = append(l.Words, layout.Word{Text: w, X0: x, X1: x + wd, Y: y, Size: synthSize})
			l.Text += w + " "
			x += wd + 1.2*synthSize
		}
		l.X1 = x
		js = append(js, l)
	}
	noTable(t, "justified prose", js)
}

func TestTableNeedsThreeAlignedColumns(t *testing.T) {
	// two columns (a label column and text) are a list, not a table
	xs := []float64{72, 110}
	var ls []layout.Line
	for i, s := range []string{"Training workshops", "Advisory missions", "Publications", "Expert meetings"} {
		ls = append(ls, cells(150+14*float64(i), xs, "("+string(rune('a'+i))+")", s))
	}
	noTable(t, "two columns", ls)
	// three columns whose middle cells start anywhere are not aligned
	var ms []layout.Line
	for i, x := range []float64{180, 240, 200, 260} {
		ms = append(ms, cells(150+14*float64(i), []float64{72, x, 470}, "Item", "text", "5"))
	}
	noTable(t, "unaligned columns", ms)
}

func TestTableSearchBounds(t *testing.T) {
	// a line of more cells than a table has is not a table row
	xs := make([]float64, layout.MaxTableCols+1)
	texts := make([]string, len(xs))
	for i := range xs {
		xs[i], texts[i] = 20+13*float64(i), "7"
	}
	var ls []layout.Line
	for i := 0; i < 4; i++ {
		ls = append(ls, cells(150+14*float64(i), xs, texts...))
	}
	noTable(t, "a line of too many cells", ls)
	// a page of more rows than any document's is not searched
	rows := make([]layout.TableRow, layout.MaxPageRows+1)
	for i := range rows {
		l := cells(float64(i), []float64{72, 250, 430}, "a", "b", "c")
		rows[i] = layout.TableRow{Y: l.Y, Size: l.Size, Lines: []layout.Line{l}}
	}
	if got := layout.FindTables(rows); len(got) != 0 {
		t.Errorf("%d tables in a page of %d rows", len(got), len(rows))
	}
}

func TestTableRows(t *testing.T) {
	xs := []float64{72, 250, 350, 450}
	// a header set apart, then rows at an even step: one row a line
	ls := []layout.Line{cells(150, xs, "Country", "Observers", "Troops", "Total")}
	for i, c := range []string{"Argentina", "Austria", "Bangladesh", "Brazil"} {
		n := strconv.Itoa(i + 1)
		ls = append(ls, cells(170+12*float64(i), xs, c, n, "0", n))
	}
	tb := oneTable(t, ls)
	if len(tb.Rows) != 5 || !strings.HasSuffix(tb.Text(), "\nBrazil | 4 | 0 | 4") || tb.From != 0 || tb.To != 5 {
		t.Fatalf("rows: %+v", tb)
	}
	// cells wrapped in every column, all lines at one step: a line whose
	// first cell goes on in small letters continues the row
	xs3 := []float64{72, 250, 430}
	ls = []layout.Line{
		cells(150, xs3, "Measure", "Target", "Result"),
		cells(162, xs3, "Member States have", "New module", "Access to"),
		cells(174, xs3, "access to information", "providing data", "the module"),
		cells(186, xs3, "Meetings held", "Twelve", "Ten"),
	}
	want := "Measure | Target | Result\nMember States have access to information | New module providing data | Access to the module\nMeetings held | Twelve | Ten"
	if got := oneTable(t, ls).Text(); got != want {
		t.Fatalf("rows:\n%v\nwant\n%s", got, want)
	}
}

func TestIsMarker(t *testing.T) {
	l := layout.Line{Size: 10}
	for _, c := range []struct {
		w    layout.Word
		want bool
	}{
		{layout.Word{Text: "12", Rise: 3, Size: 6}, true},
		{layout.Word{Text: "(9)", Rise: 3, Size: 6}, true},
		{layout.Word{Text: ")9(", Rise: 3, Size: 6}, true},
		{layout.Word{Text: "*", Rise: 3, Size: 6}, true},
		{layout.Word{Text: "12", Rise: 0, Size: 10}, false},  // on the baseline
		{layout.Word{Text: "1234", Rise: 3, Size: 6}, false}, // a year, not a marker
		{layout.Word{Text: "note", Rise: 3, Size: 6}, false}, // a word
		{layout.Word{Text: "7", Rise: 0.5, Size: 10}, false}, // barely raised, full size
	} {
		if got := layout.IsMarker(c.w, l); got != c.want {
			t.Errorf("IsMarker(%+v) = %v, want %v", c.w, got, c.want)
		}
	}
}
