package extract

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// Synthetic pages for the table rules: words get a width of half the font
// size per character and a quarter of it per space, as a proportional
// font roughly does.

const synthSize = 10.0

// synthWords lays out the words of text from x (left to right) and
// returns them with the end of the last one.
func synthWords(text string, x, y float64) ([]Word, float64) {
	var ws []Word
	for _, w := range strings.Fields(text) {
		wd := 0.5 * synthSize * float64(utf8.RuneCountInString(w))
		ws = append(ws, Word{Text: w, X0: x, X1: x + wd, Y: y, Size: synthSize})
		x += wd + 0.25*synthSize
	}
	return ws, x - 0.25*synthSize
}

// prose is a line of running text starting at x.
func prose(y, x float64, text string) Line {
	ws, end := synthWords(text, x, y)
	return Line{Text: text, X0: x, X1: end, Y: y, Size: synthSize, Words: ws}
}

// cells is a table line: each cell's text at its x; one text line, as
// the engine reads a line whose gaps are narrower than a column gutter.
func cells(y float64, xs []float64, texts ...string) Line {
	l := Line{Y: y, Size: synthSize, X0: xs[0]}
	var parts []string
	for i, t := range texts {
		if t == "" {
			continue
		}
		ws, end := synthWords(t, xs[i], y)
		l.Words = append(l.Words, ws...)
		l.X1 = end
		parts = append(parts, t)
	}
	l.Text = strings.Join(parts, " ")
	return l
}

// rtlCells is a right-to-left table line: each cell's text ends at its
// x (its right edge), the words in logical order from right to left.
func rtlCells(y float64, xs []float64, texts ...string) Line {
	l := Line{Y: y, Size: synthSize, RTL: true, X1: xs[0]}
	var parts []string
	for i, t := range texts {
		x := xs[i]
		for _, w := range strings.Fields(t) {
			wd := 0.5 * synthSize * float64(utf8.RuneCountInString(w))
			l.Words = append(l.Words, Word{Text: w, X0: x - wd, X1: x, Y: y, Size: synthSize})
			l.X0 = x - wd
			x -= wd + 0.25*synthSize
		}
		parts = append(parts, t)
	}
	l.Text = strings.Join(parts, " ")
	return l
}

func rtlProse(y, x1 float64, text string) Line {
	return rtlCells(y, []float64{x1}, text)
}

// synthClauses runs cleanup and clause segmentation over synthetic pages.
func synthClauses(pages ...[]Line) []Clause {
	var ps []Page
	for i, ls := range pages {
		ps = append(ps, Page{Number: i + 1, Width: 612, Height: 792, Lines: ls})
	}
	cps, lay := cleanupPages(ps)
	return segmentClauses(cps, lay, 0, false)
}

func clauseByID(cs []Clause, id string) *Clause {
	for i := range cs {
		if cs[i].ID == id {
			return &cs[i]
		}
	}
	return nil
}

func ids(cs []Clause) string {
	var s []string
	for _, c := range cs {
		s = append(s, c.ID)
	}
	return strings.Join(s, " ")
}

var col4 = []float64{72, 230, 400, 470}

// numberedWithTable is paragraphs 1 to 4, paragraph 3 introducing a
// 4-column table (outputs, indicators, two years) whose second column
// wraps in one row, and prose after the table that ends paragraph 3.
func numberedWithTable(after ...Line) []Line {
	ls := []Line{
		prose(150, 72, "1. The Commission reviewed the programme of work for the biennium and"),
		prose(162, 72, "took note of the report of the Executive Secretary on its implementation."),
		prose(180, 72, "2. The secretariat presented the results achieved during the period under"),
		prose(192, 72, "review and the lessons learned from the evaluation of the programme."),
		prose(210, 72, "3. The outputs and indicators of the programme for the biennium are as"),
		prose(222, 72, "follows:"),
		cells(240, col4, "Output", "Indicator", "2024", "2025"),
		cells(254, col4, "Training workshops", "Number of countries trained", "5", "12"),
		cells(268, col4, "Policy briefs", "Number of briefs cited in", "3", "7"),
		cells(280, col4, "", "national strategies", "", ""),
		cells(294, col4, "Expert meetings", "Number of experts attending", "40", "60"),
	}
	ls = append(ls, after...)
	return append(ls,
		prose(330, 72, "4. The Commission adopted the programme of work as amended by the member"),
		prose(342, 72, "States during the session and requested the secretariat to report on it."),
	)
}

func TestTableInNumberedParagraph(t *testing.T) {
	cs := synthClauses(numberedWithTable())
	if got, want := ids(cs), "para_1 para_2 para_3 para_3__table_1 para_4"; got != want {
		t.Fatalf("ids %q, want %q", got, want)
	}
	tb := clauseByID(cs, "para_3__table_1")
	want := "Output | Indicator | 2024 | 2025\n" +
		"Training workshops | Number of countries trained | 5 | 12\n" +
		"Policy briefs | Number of briefs cited in national strategies | 3 | 7\n" +
		"Expert meetings | Number of experts attending | 40 | 60"
	if tb.Text != want {
		t.Errorf("table text\n%s\nwant\n%s", tb.Text, want)
	}
	for _, c := range cs {
		if c.ID != tb.ID && (strings.Contains(c.Text, "workshops") || strings.Contains(c.Text, "Indicator")) {
			t.Errorf("table cell in prose clause %s: %q", c.ID, c.Text)
		}
	}
	if p3 := clauseByID(cs, "para_3"); !strings.HasSuffix(p3.Text, "as follows:") {
		t.Errorf("para_3 = %q", p3.Text)
	}
}

func TestTableFollowedByParagraph(t *testing.T) {
	// the text after the table goes on paragraph 3, never on the table
	cs := synthClauses(numberedWithTable(
		prose(312, 72, "The figures for 2025 are estimates based on the first half of the year."),
	))
	if got, want := ids(cs), "para_1 para_2 para_3 para_3__table_1 para_4"; got != want {
		t.Fatalf("ids %q, want %q", got, want)
	}
	if tb := clauseByID(cs, "para_3__table_1"); strings.Contains(tb.Text, "estimates") || strings.Count(tb.Text, "\n") != 3 {
		t.Errorf("the table absorbed prose: %q", tb.Text)
	}
	if p3 := clauseByID(cs, "para_3"); !strings.HasSuffix(p3.Text, "first half of the year.") {
		t.Errorf("para_3 lost the text after its table: %q", p3.Text)
	}
	if p4 := clauseByID(cs, "para_4"); strings.Contains(p4.Text, "|") || strings.Contains(p4.Text, "workshops") {
		t.Errorf("para_4 absorbed cells: %q", p4.Text)
	}
}

func TestTableWithLetterLabels(t *testing.T) {
	// a first column of (a), (b)… labels: table rows, not list items
	xs := []float64{72, 110, 400, 470}
	cs := synthClauses([]Line{
		prose(150, 72, "1. The Committee considered the following proposals for amendments to the"),
		prose(162, 72, "programme of work and the resources that they would require:"),
		cells(180, xs, "(a)", "Regional training on statistics", "12", "14"),
		cells(194, xs, "(b)", "Advisory missions to member States", "6", "8"),
		cells(208, xs, "(c)", "Publication of the annual survey", "1", "1"),
		cells(222, xs, "(d)", "Expert group meeting on water", "2", "2"),
		prose(246, 72, "2. The Committee recommended that the Commission approve the amendments"),
		prose(258, 72, "to the programme of work that are listed in the table above."),
	})
	if got, want := ids(cs), "para_1 para_1__table_1 para_2"; got != want {
		t.Fatalf("ids %q, want %q", got, want)
	}
	if tb := clauseByID(cs, "para_1__table_1"); !strings.HasPrefix(tb.Text, "(a) | Regional training on statistics | 12 | 14\n(b) |") {
		t.Errorf("table text %q", tb.Text)
	}
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
	var ls []Line
	for i := range left {
		y := 150 + 12*float64(i)
		l := prose(y, 72, left[i])
		r := prose(y, 320, right[i])
		l.Words = append(l.Words, r.Words...)
		l.Text += " " + r.Text
		l.X1 = r.X1
		ls = append(ls, l)
	}
	p := Page{Number: 1, Width: 612, Height: 792, Lines: ls}
	rows := mergeFragments(&p)
	for _, r := range findTables(rows) {
		if r.table != nil {
			t.Fatalf("two columns of prose read as a table: %q", r.text)
		}
	}
	// nor are justified lines of prose whose wide spaces happen to line
	// up: every space of such a line is wide, a cell gap is wider than
	// the line's other spaces
	var js []Line
	for i := 0; i < 6; i++ {
		y := 150 + 12*float64(i)
		l := Line{Y: y, Size: synthSize, X0: 72}
		x := 72.0
		for _, w := range strings.Fields("The report of the Secretary-General on the work") {
			wd := 0.5 * synthSize * float64(len(w))
			l.Words = append(l.Words, Word{Text: w, X0: x, X1: x + wd, Y: y, Size: synthSize})
			l.Text += w + " "
			x += wd + 1.2*synthSize
		}
		l.X1 = x
		js = append(js, l)
	}
	for _, r := range findTables(mergeFragments(&Page{Number: 1, Width: 612, Height: 792, Lines: js})) {
		if r.table != nil {
			t.Fatalf("justified prose read as a table: %q", r.text)
		}
	}
}

func TestArabicTable(t *testing.T) {
	// a right-to-left table: the rightmost column is read first
	xs := []float64{540, 380, 250}
	cs := synthClauses([]Line{
		rtlProse(150, 540, "١- استعرضت اللجنة برنامج العمل لفترة السنتين وأحاطت علما بتقرير الأمينة التنفيذية عن تنفيذه."),
		rtlProse(168, 540, "٢- وفيما يلي الوثائق التي عرضت على اللجنة في دورتها الثلاثين في بيروت:"),
		rtlCells(186, xs, "العنوان", "البند", "الرمز"),
		rtlCells(200, xs, "جدول الأعمال المؤقت", "3", "E/ESCWA/30/1"),
		rtlCells(214, xs, "تنظيم الأعمال", "3", "E/ESCWA/30/2"),
		rtlCells(228, xs, "معلومات للمشاركين", "4", "E/ESCWA/30/INF.1"),
		rtlProse(252, 540, "٣- واعتمدت اللجنة جدول الأعمال بالصيغة التي عرض بها عليها في الجلسة الأولى."),
	})
	if got, want := ids(cs), "para_1 para_2 para_2__table_1 para_3"; got != want {
		t.Fatalf("ids %q, want %q", got, want)
	}
	tb := clauseByID(cs, "para_2__table_1")
	want := "العنوان | البند | الرمز\nجدول الأعمال المؤقت | 3 | E/ESCWA/30/1\nتنظيم الأعمال | 3 | E/ESCWA/30/2\nمعلومات للمشاركين | 4 | E/ESCWA/30/INF.1"
	if tb.Text != want {
		t.Errorf("table text\n%s\nwant\n%s", tb.Text, want)
	}
}

func TestTableNeedsThreeAlignedColumns(t *testing.T) {
	// two columns (a label column and text) are a list, not a table
	xs := []float64{72, 110}
	var ls []Line
	for i, s := range []string{"Training workshops", "Advisory missions", "Publications", "Expert meetings"} {
		ls = append(ls, cells(150+14*float64(i), xs, "("+string(rune('a'+i))+")", s))
	}
	for _, r := range findTables(mergeFragments(&Page{Number: 1, Width: 612, Height: 792, Lines: ls})) {
		if r.table != nil {
			t.Fatalf("two columns read as a table: %q", r.text)
		}
	}
	// three columns whose middle cells start anywhere are not aligned
	var ms []Line
	for i, x := range []float64{180, 240, 200, 260} {
		ms = append(ms, cells(150+14*float64(i), []float64{72, x, 470}, "Item", "text", "5"))
	}
	for _, r := range findTables(mergeFragments(&Page{Number: 1, Width: 612, Height: 792, Lines: ms})) {
		if r.table != nil {
			t.Fatalf("unaligned columns read as a table: %q", r.text)
		}
	}
}

// TestRenderedTables reads the project's table-heavy report (A/99/346,
// rendered in English and French from testdata/src): both versions give
// the same ids, each table is one clause whose lines are the table's
// rows, and no cell of a table is found in a clause of prose.
func TestRenderedTables(t *testing.T) {
	root := repoRoot(t)
	var ref []string
	for _, lang := range []string{"en", "fr"} {
		name := "A_99_346_" + lang
		doc, err := File(context.Background(), filepath.Join(root, "testdata", "pdf", lang, name+".pdf"), Options{})
		if err != nil {
			t.Fatal(err)
		}
		src, err := os.ReadFile(filepath.Join(root, "testdata", "src", name+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		// the source's tables: runs of "tr :: a | b | c | d" lines
		var tables [][][]string
		prevTR := false
		for _, line := range strings.Split(string(src), "\n") {
			rest, ok := strings.CutPrefix(line, "tr :: ")
			if !ok {
				prevTR = false
				continue
			}
			if !prevTR {
				tables = append(tables, nil)
			}
			prevTR = true
			var cs []string
			for _, c := range strings.Split(rest, "|") {
				cs = append(cs, strings.ReplaceAll(strings.TrimSpace(c), "~", " "))
			}
			tables[len(tables)-1] = append(tables[len(tables)-1], cs)
		}
		var got []string
		var tabs []Clause
		for _, c := range doc.Clauses {
			got = append(got, c.ID)
			if strings.Contains(c.ID, "__table_") {
				tabs = append(tabs, c)
			}
		}
		if ref == nil {
			ref = got
		} else if d := firstDiff(ref, got); d != "" {
			t.Errorf("en vs %s: %s", lang, d)
		}
		if len(tabs) != len(tables) {
			t.Fatalf("%s: %d table clauses, want %d", name, len(tabs), len(tables))
		}
		for k, tb := range tables {
			var want []string
			for _, r := range tb {
				want = append(want, strings.Join(r, " | "))
			}
			if tabs[k].Text != strings.Join(want, "\n") {
				t.Errorf("%s %s:\n%s\nwant\n%s", name, tabs[k].ID, tabs[k].Text, strings.Join(want, "\n"))
			}
			for _, c := range doc.Clauses {
				if strings.Contains(c.ID, "__table_") {
					continue
				}
				for _, r := range tb {
					for _, cell := range r {
						if len(cell) > 6 && strings.Contains(c.Text, cell) {
							t.Errorf("%s: cell %q in prose clause %s", name, cell, c.ID)
						}
					}
				}
			}
		}
	}
	if want := "para_1 para_2 para_3 para_3__table_1 para_4 para_5 para_6 para_6__table_1 para_7"; strings.Join(ref, " ") != want {
		t.Errorf("ids %q, want %q", strings.Join(ref, " "), want)
	}
}

func TestTableSearchBounds(t *testing.T) {
	// a line of more cells than a table has is not a table row
	xs := make([]float64, maxTableCols+1)
	texts := make([]string, len(xs))
	for i := range xs {
		xs[i], texts[i] = 20+13*float64(i), "7"
	}
	var ls []Line
	for i := 0; i < 4; i++ {
		ls = append(ls, cells(150+14*float64(i), xs, texts...))
	}
	for _, r := range findTables(mergeFragments(&Page{Number: 1, Width: 612, Height: 792, Lines: ls})) {
		if r.table != nil {
			t.Fatalf("a line of %d cells read as a table row", len(xs))
		}
	}
	// a page of more rows than any document's is not searched
	rows := make([]row, maxPageRows+1)
	if got := findTables(rows); len(got) != len(rows) {
		t.Errorf("%d rows back, want %d", len(got), len(rows))
	}
	// the gutters of narrow: the widest part no word covers
	g := narrow([]span{{100, 200}}, []span{{50, 110}, {120, 130}, {150, 160}, {190, 250}}, 5)
	if len(g) != 1 || g[0] != (span{160, 190}) {
		t.Errorf("narrow = %v, want [{160 190}]", g)
	}
	if g := narrow([]span{{100, 200}}, []span{{50, 150}, {149, 260}}, 5); len(g) != 0 {
		t.Errorf("narrow of a covered gutter = %v", g)
	}
}

func TestTableRows(t *testing.T) {
	xs := []float64{72, 250, 350, 450}
	// a header set apart, then rows at an even step: one row a line
	ls := []Line{cells(150, xs, "Country", "Observers", "Troops", "Total")}
	for i, c := range []string{"Argentina", "Austria", "Bangladesh", "Brazil"} {
		ls = append(ls, cells(170+12*float64(i), xs, c, itoa(i+1), "0", itoa(i+1)))
	}
	tb := findTables(mergeFragments(&Page{Number: 1, Width: 612, Height: 792, Lines: ls}))
	if len(tb) != 1 || tb[0].table == nil || len(tb[0].table.rows) != 5 || tb[0].table.text()[len(tb[0].table.text())-len("Brazil | 4 | 0 | 4"):] != "Brazil | 4 | 0 | 4" {
		t.Fatalf("rows: %+v", tb)
	}
	// cells wrapped in every column, all lines at one step: a line whose
	// first cell goes on in small letters continues the row
	xs3 := []float64{72, 250, 430}
	ls = []Line{
		cells(150, xs3, "Measure", "Target", "Result"),
		cells(162, xs3, "Member States have", "New module", "Access to"),
		cells(174, xs3, "access to information", "providing data", "the module"),
		cells(186, xs3, "Meetings held", "Twelve", "Ten"),
	}
	tb = findTables(mergeFragments(&Page{Number: 1, Width: 612, Height: 792, Lines: ls}))
	want := "Measure | Target | Result\nMember States have access to information | New module providing data | Access to the module\nMeetings held | Twelve | Ten"
	if len(tb) != 1 || tb[0].table == nil || tb[0].text != want {
		t.Fatalf("rows:\n%v\nwant\n%s", tb[0].text, want)
	}
}

// BenchmarkAnalyzeTables measures the document analysis of the corpus
// (cleanup, tables, paragraphs, clauses) and, apart, the part of it that
// looks for tables, on pages read beforehand:
//
//	go test -run '^$' -bench AnalyzeTables -benchtime 3x ./extract
func BenchmarkAnalyzeTables(b *testing.B) {
	corpus := corpusDir(b)
	var docs [][]Page
	pages := 0
	for _, f := range textPDFs(b, corpus) {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		ps, err := ReadPages(context.Background(), data)
		if err != nil {
			continue
		}
		docs = append(docs, ps)
		pages += len(ps)
	}
	b.Run("analyze", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			for _, ps := range docs {
				doc := &Document{Pages: ps}
				Analyze(doc, Options{})
			}
		}
		b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(pages*b.N), "µs/page")
	})
	b.Run("findTables", func(b *testing.B) {
		var cps [][]cleanPage
		for _, ps := range docs {
			c, _ := cleanupPages(ps)
			cps = append(cps, c)
		}
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			for _, c := range cps {
				for _, p := range c {
					findTables(p.rows)
				}
			}
		}
		b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(pages*b.N), "µs/page")
	})
}

func TestTableOpeningAnAnnex(t *testing.T) {
	// a table right under an annex heading (a list of documents) has no
	// paragraph of its annex to introduce it: it is the annex's text
	xs := []float64{72, 300, 400}
	ls := paragraphs(
		"1. The Commission held its thirtieth session in Beirut and adopted the agenda of the session without change",
		"2. The secretariat presented the report on the implementation of the programme of work during the biennium",
	)
	ls = append(ls,
		Line{Text: "Annex", X0: 290, X1: 320, Y: 250, Size: synthSize, Bold: true, Words: []Word{{Text: "Annex", X0: 290, X1: 320, Y: 250, Size: synthSize}}},
		cells(280, xs, "Title", "Item", "Symbol"),
		cells(294, xs, "Provisional agenda", "3", "E/ESCWA/30/1"),
		cells(308, xs, "Organization of work", "3", "E/ESCWA/30/2"),
		cells(322, xs, "List of documents", "4", "E/ESCWA/30/INF.2"),
	)
	cs := synthClauses(ls)
	if got, want := ids(cs), "para_1 para_2 annex__para_1"; got != want {
		t.Fatalf("ids %q, want %q", got, want)
	}
	if a := clauseByID(cs, "annex__para_1"); !strings.HasPrefix(a.Text, "Title | Item | Symbol\nProvisional agenda | 3 | E/ESCWA/30/1") {
		t.Errorf("annex text %q", a.Text)
	}
	if p2 := clauseByID(cs, "para_2"); strings.Contains(p2.Text, "|") {
		t.Errorf("para_2 took the annex's table: %q", p2.Text)
	}
}
