package layout_test

import (
	"strings"
	"testing"

	"github.com/docindex/docindex/extract/internal/synthline"
	"github.com/docindex/docindex/extract/layout"
)

// schedule is a programme of work set as a table of two columns: times
// and agenda items (their labels set right of the times) on the left,
// the items' text on the right; a day heading spans the two columns.
func schedule() []layout.Line {
	xs := []float64{62, 214}
	lab := []float64{162, 214}
	return []layout.Line{
		cells(180, xs, "9-10 a.m.", "Registration of participants."),
		cells(205, xs, "10 a.m.-1 p.m.", "First session"),
		cells(230, lab, "Item 1", "Opening of the session."),
		cells(255, lab, "Item 2", "Adoption of the agenda and other organizational"),
		synthline.Prose(267, 214, "matters."),
		synthline.Prose(292, 214, "For discussion"),
		synthline.Prose(317, 57, "Thursday, 21 December 2017 and the days of the session"),
		synthline.Prose(342, 62, "Morning"),
		cells(367, xs, "10 a.m.-12 noon", "Second session"),
		cells(392, lab, "Item 3", "Other matters."),
	}
}

func TestTwoColumnSchedule(t *testing.T) {
	tb := oneTable(t, schedule())
	want := "9-10 a.m. | Registration of participants.\n" +
		"10 a.m.-1 p.m. | First session\n" +
		"Item 1 | Opening of the session.\n" +
		"Item 2 | Adoption of the agenda and other organizational matters.\n" +
		" | For discussion\n" +
		"Thursday, 21 December 2017 and the days of the session | \n" +
		"Morning | \n" +
		"10 a.m.-12 noon | Second session\n" +
		"Item 3 | Other matters."
	if got := tb.Text(); got != want {
		t.Errorf("table\n%s\nwant\n%s", got, want)
	}
	if tb.From != 0 || tb.To != 10 {
		t.Errorf("rows [%d, %d), want [0, 10)", tb.From, tb.To)
	}
}

func TestTwoColumnScheduleRTL(t *testing.T) {
	// the same schedule right to left: times on the right, the items'
	// text on the left; read from right to left
	xs := []float64{534, 406}
	lab := []float64{455, 406}
	// times are lines of figures of their own, left to right, beside
	// the right-to-left text of their row
	time := func(y float64, s string) layout.Line {
		l := synthline.RTLCells(y, xs, s)
		l.RTL = false
		return l
	}
	ls := []layout.Line{
		time(180, "10.00-9.00"), synthline.RTLCells(180, xs[1:], "تسجيل المشاركين."),
		time(205, "13.00-10.00"), synthline.RTLCells(205, xs[1:], "الجلسة الأولى"),
		synthline.RTLCells(230, lab, "البند 1", "افتتاح أعمال الدورة"),
		synthline.RTLProse(242, 406, "الثامنة عشرة."),
		synthline.RTLProse(267, 406, "للمناقشة"),
		synthline.RTLProse(292, 539, "الخميس، 21 كانون الأول/ديسمبر 2017 وأيام الدورة كلها"),
		synthline.RTLCells(317, lab, "البند 2", "انتخاب أعضاء المكتب."),
	}
	tb := oneTable(t, ls)
	want := "10.00-9.00 | تسجيل المشاركين.\n13.00-10.00 | الجلسة الأولى\nالبند 1 | افتتاح أعمال الدورة الثامنة عشرة.\n | للمناقشة\n" +
		"الخميس، 21 كانون الأول/ديسمبر 2017 وأيام الدورة كلها | \nالبند 2 | انتخاب أعضاء المكتب."
	if got := tb.Text(); got != want || !tb.RTL {
		t.Errorf("table (rtl %v)\n%s\nwant\n%s", tb.RTL, got, want)
	}
}

func TestTwoColumnTableEnds(t *testing.T) {
	// prose after the table crosses its gutter: the table ends there; a
	// line spanning the columns after its last row is not the table's
	ls := schedule()[:5]
	ls = append(ls,
		synthline.Prose(292, 57, "The Committee will adopt its recommendations at the closing meeting of"),
		synthline.Prose(304, 57, "the session, on the second day."),
	)
	if tb := oneTable(t, ls); tb.To != 5 || strings.Contains(tb.Text(), "Committee") {
		t.Errorf("the table took the prose after it: rows [%d, %d)\n%s", tb.From, tb.To, tb.Text())
	}
}

func TestLabelListsAreNotTables(t *testing.T) {
	// "(a) text", "1. text", "Item 3 text", "-1 text": the first column
	// is a column of labels, whatever the gap between label and text
	for _, labels := range [][]string{
		{"(a)", "(b)", "(c)", "(d)"},
		{"1.", "2.", "3.", "4."},
		{"Item 3", "Item 4", "Item 5", "Item 6"},
		{"iv)", "v)", "vi)", "vii)"},
		{"•", "•", "•", "•"},
	} {
		var ls []layout.Line
		y := 150.0
		for _, l := range labels {
			ls = append(ls,
				cells(y, []float64{72, 130}, l, "The Committee considered the report of the"),
				synthline.Prose(y+12, 130, "secretariat on the work of the programme."),
			)
			y += 30
		}
		noTable(t, "a list of "+labels[0], ls)
	}
	// right to left: "1 -" before the text
	var ls []layout.Line
	for i, l := range []string{"1 -", "2 -", "3 -"} {
		ls = append(ls, synthline.RTLCells(150+25*float64(i), []float64{534, 490}, l, "يتعهد جميع أعضاء الأمم المتحدة في سبيل المساهمة في حفظ السلم"))
	}
	noTable(t, "an Arabic numbered list", ls)
}

func TestTwoColumnsOfEqualWidthAreProse(t *testing.T) {
	// two columns of prose of one width, lines of a few words (a narrow
	// page of two columns): no column is narrow, not a table
	var ls []layout.Line
	left := []string{"Registration of", "participants and", "opening of the", "session by the"}
	right := []string{"Chair of the", "Committee, who", "welcomed the", "representatives"}
	for i := range left {
		ls = append(ls, cells(150+12*float64(i), []float64{72, 320}, left[i], right[i]))
	}
	noTable(t, "two columns of prose", ls)
}

func TestIsLabelCell(t *testing.T) {
	for s, want := range map[string]bool{
		"(a)": true, "1.": true, "iv)": true, "1 -": true, "-1": true, ")أ(": true, "(ب)": true,
		"2.16": true, "25.1.": true, "Item 3": true, "البند 12": true, "•": true, "Article 51": true,
		"9-10 a.m.": false, "10.00-9.00": false, "Morning": false, "Registration of participants": false,
		"2-4 p.m.": false, "Date/Time": false,
	} {
		if got := layout.IsLabelCell(s); got != want {
			t.Errorf("IsLabelCell(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestTwoColumnsNeedAlignedText(t *testing.T) {
	// short first cells, but the second cells start anywhere: words
	// scattered on a page (a form, a title page), not a column
	var ls []layout.Line
	for i, x := range []float64{200, 290, 230, 330} {
		ls = append(ls, cells(150+14*float64(i), []float64{72, x}, "Monday morning", "Opening of the session by the Chair of the Committee"))
	}
	noTable(t, "unaligned second cells", ls)
	// aligned, they are a table
	for i := range ls {
		ls[i] = cells(150+14*float64(i), []float64{72, 200}, "Monday morning", "Opening of the session by the Chair of the Committee")
	}
	oneTable(t, ls)
}
