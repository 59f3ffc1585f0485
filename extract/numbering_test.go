package extract

import (
	"strings"
	"testing"
)

func TestPrintedNumbering(t *testing.T) {
	for _, c := range []struct {
		vals []string
		want bool
	}{
		{[]string{"1", "2", "3"}, true},
		{[]string{"1", "2", "3", "1", "2", "4"}, true}, // a reproduced text numbered 1, 2 inside paragraph 3
		{append(seq(17), "30"), true},                  // a stray figure among printed numbers
		{[]string{"25.1", "25.2", "25.3"}, true},
		{[]string{"10", "20"}, false},               // figures opening two paragraphs of an unnumbered text
		{[]string{"6", "1"}, false},                 // a table-of-contents range read as two labels
		{[]string{"3", "12", "45", "1"}, false},     // page references
		{[]string{"1"}, false},                      // one number is no numbering
		{[]string{"1", "4", "7", "13", "2"}, false}, // a summary record whose columns are interleaved
	} {
		if got := printedNumbering(c.vals); got != c.want {
			t.Errorf("printedNumbering(%v) = %v, want %v", c.vals, got, c.want)
		}
	}
}

func seq(n int) []string {
	var s []string
	for i := 1; i <= n; i++ {
		s = append(s, itoa(i))
	}
	return s
}

// paragraphs lays out paragraphs of two lines each, a paragraph gap
// between them.
func paragraphs(texts ...string) []Line {
	var ls []Line
	y := 150.0
	for _, t := range texts {
		w := strings.Fields(t)
		half := len(w) / 2
		ls = append(ls, prose(y, 72, strings.Join(w[:half], " ")), prose(y+12, 72, strings.Join(w[half:], " ")+"."))
		y += 32
	}
	return ls
}

func TestUnnumberedParagraphsCountedInOrder(t *testing.T) {
	// no printed paragraph numbers; two paragraphs open with figures
	cs := synthClauses(paragraphs(
		"The Commission held its thirtieth session in Beirut and adopted the agenda of the session without change",
		"10. per cent of the budget of the programme was spent on the translation of documents into the official languages",
		"The secretariat presented the report on the implementation of the programme of work during the biennium",
		"20. delegations took the floor in the general debate and welcomed the progress made since the last session",
		"The Commission decided to hold its next session in the capital of one of its member States in two years",
	))
	if got, want := ids(cs), "para_1 para_2 para_3 para_4 para_5"; got != want {
		t.Fatalf("ids %q, want %q", got, want)
	}
	for _, c := range cs {
		if c.Numbered {
			t.Errorf("%s is marked numbered", c.ID)
		}
	}
}

func TestStrayNumberDoesNotOpenAParagraph(t *testing.T) {
	// printed numbers 1 to 4; a line opening with "30." after paragraph
	// 3 is a figure, not paragraph 30
	cs := synthClauses(paragraphs(
		"1. The Commission held its thirtieth session in Beirut and adopted the agenda of the session without change",
		"2. The secretariat presented the report on the implementation of the programme of work during the biennium",
		"3. The Commission reviewed the budget of the programme and noted the following amounts for the biennium",
		"30. million dollars were spent on documents and 12 million dollars on meetings of the intergovernmental bodies",
		"4. The Commission decided to hold its next session in the capital of one of its member States in two years",
	))
	if got, want := ids(cs), "para_1 para_2 para_3 para_4"; got != want {
		t.Fatalf("ids %q, want %q", got, want)
	}
	if p3 := clauseByID(cs, "para_3"); !strings.Contains(p3.Text, "30. million dollars") {
		t.Errorf("para_3 lost the text after it: %q", p3.Text)
	}
	// a number or two lost from the text layer is not a jump
	cs = synthClauses(paragraphs(
		"1. The Commission held its thirtieth session in Beirut and adopted the agenda of the session without change",
		"2. The secretariat presented the report on the implementation of the programme of work during the biennium",
		"5. The Commission decided to hold its next session in the capital of one of its member States in two years",
	))
	if got, want := ids(cs), "para_1 para_2 para_5"; got != want {
		t.Errorf("ids %q, want %q", got, want)
	}
}

func TestContentsEntryWrapped(t *testing.T) {
	// a contents entry wrapped over two lines: its first line, which
	// opens with the entry's number, goes with the leader line under it
	rows := []row{
		{text: "Paragraphs Page", y: 100, size: 10},
		{text: "1. Policy on asylum and immigration; trafficking; integration", y: 112, size: 10},
		{text: "policy .................................................... 53 - 67 12", y: 124, size: 10},
		{text: "2. Trafficking in human beings ................................ 68 - 71 14", y: 136, size: 10},
		{text: "1. The present report was prepared by the Government of Italy.", y: 200, size: 10},
		{text: "It was discussed with civil society.", y: 212, size: 10},
	}
	var got []string
	for _, r := range dropContentsLines(rows) {
		got = append(got, r.text)
	}
	want := []string{rows[0].text, rows[4].text, rows[5].text}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("kept %q, want %q", got, want)
	}
	// a line that ends a sentence above a leader line is kept
	rows = []row{
		{text: "The members of the Council were the following.", y: 100, size: 10},
		{text: "President: Mr. Lavrov ........................ (Russian Federation)", y: 112, size: 10},
	}
	if got := dropContentsLines(rows); len(got) != 1 || got[0].text != rows[0].text {
		t.Errorf("kept %v", got)
	}
}

// Arabic list letters in the forms fonts and keyboards give them: heh as
// "ھ" (U+06BE), "ہ", "هـ"; yeh as "ی", "ى"; kaf as "ک".
func TestArabicLetterForms(t *testing.T) {
	for in, want := range map[string]string{
		"(ھ) الفقر المتعدد الأبعاد": "e", "(هـ) الفقر": "e", "(ہ) الفقر": "e", "(ه) الفقر": "e", "(ھـ) الفقر": "e",
		"(ی) النص": "j", "(ى) النص": "j", "(ي) النص": "j", "(ک) النص": "k", "(ك) النص": "k", "(أ) النص": "a",
	} {
		if l := parseLabel(in); l.kind != lkLetter || l.value != want {
			t.Errorf("parseLabel(%q) = %+v, want letter %s", in, l, want)
		}
	}
}

// Right-to-left paragraphs whose lines start at three indents (number,
// item, text) and whose right edge wavers across 475 keep their
// geometry measured from the right; rows that all start at the left
// edge, their ends ragged, are measured from the left.
func TestRTLGeometryEdge(t *testing.T) {
	const w = 595.0
	mk := func(x0, x1 float64) row { return row{rtl: true, x0: x0, x1: x1, start: w - x1, end: w - x0} }
	var rows []row
	for i := 0; i < 12; i++ {
		// a paragraph: a number line, two full lines, a short last line
		rows = append(rows, mk(56.8, 538.8), mk(56.8, 474.5+float64(i%2)*0.5), mk(56.8, 475.0), mk(200+float64(i*13), 474.8))
		if i%3 == 0 {
			rows = append(rows, mk(300, 502.8)) // an item
		}
	}
	all := [][]row{rows}
	fixRTLGeometry(all)
	if r := all[0][3]; r.start != w-r.x1 {
		t.Errorf("right-aligned text measured from the left: start %.1f", r.start)
	}
	var left []row
	for i := 0; i < 12; i++ {
		left = append(left, mk(56.8, 538.8), mk(56.8, 538.5), mk(56.8, 200+float64(i*13)))
	}
	all = [][]row{left}
	fixRTLGeometry(all)
	if r := all[0][2]; r.start != r.x0 {
		t.Errorf("left-aligned right-to-left rows measured from the right: start %.1f", r.start)
	}
	if got := raggedCount([]float64{1, 1.5, 2, 2.5, 50, 90, 3}); got != 2 {
		t.Errorf("raggedCount = %d, want 2", got)
	}
}
