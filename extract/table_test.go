package extract

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docindex/docindex/extract/internal/synthline"
)

// Synthetic lines for the table rules (extract/internal/synthline).
const synthSize = synthline.Size

var (
	synthWords = synthline.Words
	prose      = synthline.Prose
	cells      = synthline.Cells
	rtlCells   = synthline.RTLCells
	rtlProse   = synthline.RTLProse
)

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

func TestScheduleTableSameIDs(t *testing.T) {
	// a programme of work set as a two-column table after numbered
	// paragraphs, in English and in Arabic: one table clause under the
	// paragraph before it in both, no cell in prose
	// each line: its y, and its text in English and in Arabic; a line of
	// two texts is a row of the table (a time, or an item's label set
	// nearer its text), one text is prose or a line of the second column
	lines := []struct {
		y      float64
		label  bool
		en, ar []string
	}{
		{150, false, []string{"1. The Committee will start its meetings at 10 a.m. on Wednesday and hold two"}, []string{"١- تبدأ اللجنة اجتماعاتها في الساعة العاشرة من صباح الأربعاء وتعقد جلستين في كل من"}},
		{162, false, []string{"meetings on each of the two days of the session."}, []string{"يومي الدورة."}},
		{180, false, []string{"2. Each presentation given by the secretariat shall be limited to fifteen minutes."}, []string{"٢- ومن المتوقع أن يستغرق كل عرض تقدمه الأمانة التنفيذية خمس عشرة دقيقة."}},
		{205, false, []string{"9-10 a.m.", "Registration of participants."}, []string{"10.00-9.00", "تسجيل المشاركين."}},
		{230, false, []string{"10 a.m.-1 p.m.", "First session"}, []string{"13.00-10.00", "الجلسة الأولى"}},
		{255, true, []string{"Item 1", "Opening of the session."}, []string{"البند 1", "افتتاح أعمال الدورة."}},
		{280, true, []string{"Item 2", "Adoption of the agenda and other organizational"}, []string{"البند 2", "إقرار جدول الأعمال ومسائل تنظيمية"}},
		{292, false, []string{"", "matters."}, []string{"", "أخرى."}},
		{317, false, []string{"", "For discussion"}, []string{"", "للمناقشة"}},
		{342, true, []string{"Item 3", "Other matters."}, []string{"البند 3", "ما يستجد من أعمال."}},
	}
	var enLines, arLines []Line
	for _, l := range lines {
		switch {
		case len(l.en) == 1:
			enLines, arLines = append(enLines, prose(l.y, 72, l.en[0])), append(arLines, rtlProse(l.y, 540, l.ar[0]))
		case l.label:
			enLines, arLines = append(enLines, cells(l.y, []float64{162, 214}, l.en...)), append(arLines, rtlCells(l.y, []float64{455, 406}, l.ar...))
		case l.en[0] == "":
			enLines, arLines = append(enLines, prose(l.y, 214, l.en[1])), append(arLines, rtlProse(l.y, 406, l.ar[1]))
		default:
			enLines, arLines = append(enLines, cells(l.y, []float64{62, 214}, l.en...)), append(arLines, rtlCells(l.y, []float64{534, 406}, l.ar...))
		}
	}
	en, ar := synthClauses(enLines), synthClauses(arLines)
	for _, cs := range [][]Clause{en, ar} {
		if got, want := ids(cs), "para_1 para_2 para_2__table_1"; got != want {
			t.Fatalf("ids %q, want %q", got, want)
		}
		for _, c := range cs[:2] {
			if strings.Contains(c.Text, "|") || strings.Contains(c.Text, "Registration") || strings.Contains(c.Text, "تسجيل") {
				t.Errorf("cell in prose %s: %q", c.ID, c.Text)
			}
		}
	}
	if tb := clauseByID(en, "para_2__table_1"); !strings.HasPrefix(tb.Text, "9-10 a.m. | Registration of participants.\n") {
		t.Errorf("en table %q", tb.Text)
	}
	if tb := clauseByID(ar, "para_2__table_1"); !strings.HasPrefix(tb.Text, "10.00-9.00 | تسجيل المشاركين.\n") {
		t.Errorf("ar table %q", tb.Text)
	}
}
