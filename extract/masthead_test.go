package extract

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// Unit tests of the masthead rules (masthead.go), one or more per rule,
// on synthetic rows: "y x size [b] text" (b: bold), on a 792 pt page
// with 10 pt body type.

func specRows(specs ...string) []row {
	var rows []row
	for _, sp := range specs {
		var y, x, size float64
		f := strings.SplitN(sp, " ", 4)
		fmt.Sscan(f[0], &y)
		fmt.Sscan(f[1], &x)
		fmt.Sscan(f[2], &size)
		text, bold := f[3], false
		if strings.HasPrefix(text, "b ") {
			text, bold = text[2:], true
		}
		w := 5 * float64(len([]rune(text)))
		rows = append(rows, row{page: 1, text: text, x0: x, x1: x + w, start: x, end: x + w, y: y, size: size, bold: bold})
	}
	return rows
}

func mastState(rows []row) *mastheadState {
	return newMastheadState(cleanPage{number: 1, rows: rows}, []Page{{Number: 1, Height: 792}}, docLayout{bodySize: 10})
}

// run applies the named rules in the order of mastheadRules.
func (s *mastheadState) run(t *testing.T, names ...string) *mastheadState {
	t.Helper()
	for _, n := range names {
		found := false
		for _, r := range mastheadRules {
			if r.name == n {
				r.apply(s)
				found = true
			}
		}
		if !found {
			t.Fatalf("no masthead rule %q", n)
		}
	}
	return s
}

// Every rule of the masthead and clause sequences has a name of its own.
func TestRulesNamedOnce(t *testing.T) {
	var names []string
	for _, r := range mastheadRules {
		names = append(names, "masthead: "+r.name)
	}
	for _, r := range clauseRules {
		names = append(names, "clause: "+r.name)
	}
	seen := map[string]bool{}
	for _, n := range names {
		if seen[n] || strings.HasSuffix(n, ": ") {
			t.Errorf("rule %q named twice or unnamed", n)
		}
		seen[n] = true
	}
}

func TestRuleIntroLine(t *testing.T) {
	s := mastState(specRows("100 72 12 78/265. A title", "140 100 10 The General Assembly,", "160 100 10 Recalling…")).run(t, "preamble intro line")
	if !s.info.intro || s.info.start != 2 {
		t.Errorf("intro %v start %d, want true 2", s.info.intro, s.info.start)
	}
	s = mastState(specRows("100 72 12 Report of the Commission", "140 100 10 1. The Commission met.")).run(t, "preamble intro line")
	if s.info.intro {
		t.Error("no intro line in a report")
	}
}

func TestRuleMastheadBlock(t *testing.T) {
	s := mastState(specRows(
		"50 72 14 United Nations", "50 400 18 E/ESCWA/2017/EC.4/L.1", "80 400 10 Distr.: Limited",
		"92 400 10 7 December 2017", "200 72 12 b Provisional annotated agenda", "500 72 10 Body text under the fold.",
	)).run(t, "masthead block")
	if !s.hasMasthead || s.lastMast != 3 {
		t.Errorf("hasMasthead %v lastMast %d, want true 3", s.hasMasthead, s.lastMast)
	}
	// a date alone does not make a masthead but bounds it
	s = mastState(specRows("100 72 12 Statement", "120 72 10 14 November 2023")).run(t, "masthead block")
	if s.hasMasthead || s.lastMast != 1 {
		t.Errorf("date alone: hasMasthead %v lastMast %d, want false 1", s.hasMasthead, s.lastMast)
	}
}

func TestRuleHeaderMasthead(t *testing.T) {
	s := newMastheadState(cleanPage{number: 1, header: specRows("40 400 10 A/80/123"), rows: specRows("200 72 10 Text")}, nil, docLayout{bodySize: 10})
	s.run(t, "masthead in running head")
	if !s.hasMasthead {
		t.Error("symbol in the running head is a masthead")
	}
}

func TestTitleRowRules(t *testing.T) {
	base := func() *titleScan {
		s := mastState(nil)
		s.hasMasthead = true
		return &titleScan{s: s, blockX: -1, skipTo: -1}
	}
	r := func(y, x float64, text string) row { return row{text: text, y: y, x0: x, size: 10} }
	for _, c := range []struct {
		name string
		rule func(*titleScan, int, row, string) rowVerdict
		r    row
		want rowVerdict
	}{
		{"section heading opens the body", (*titleScan).bodyLabel, r(300, 72, "I. Introduction"), rowStop},
		{"paragraph number opens the body", (*titleScan).bodyLabel, r(300, 72, "1. The Commission met"), rowStop},
		{"resolution number is no paragraph", (*titleScan).bodyLabel, r(300, 72, "78/265. Title"), rowNext},
		{"top band of a masthead", (*titleScan).mastheadBand, r(60, 72, "Anything"), rowSkip},
		{"below the band", (*titleScan).mastheadBand, r(200, 72, "Anything"), rowNext},
		{"agenda item line", (*titleScan).agendaBlock, r(200, 72, "Agenda item 5"), rowSkip},
		{"session line", (*titleScan).agendaBlock, r(200, 72, "Seventy-eighth session"), rowSkip},
		{"report title is no session", (*titleScan).agendaBlock, r(200, 72, "Report of the Commission on its thirtieth session"), rowNext},
		{"meeting line", (*titleScan).meetingLine, r(200, 72, "4507th meeting"), rowSkip},
		{"court name", (*titleScan).issuerName, r(200, 72, "COUR AFRICAINE DES DROITS"), rowSkip},
		{"adopted by", (*titleScan).adoptedBy, r(200, 72, "Resolution adopted by the General Assembly on 2 April 2024"), rowSkip},
		{"language line", (*titleScan).mastheadLine, r(200, 72, "Original: English"), rowSkip},
		{"body name", (*titleScan).mastheadLine, r(200, 72, "Economic and Social Commission for Western Asia"), rowSkip},
		{"report of", (*titleScan).mastheadLine, r(200, 72, "Report of the Executive Committee"), rowNext},
		{"symbol line", (*titleScan).symbolLine, r(200, 72, "(E/ESCWA/2017/EC.4/1)"), rowSkip},
		{"long line with a symbol", (*titleScan).symbolLine, r(200, 72, "Note by the secretariat on document E/ESCWA/2017/EC.4/1 and others"), rowNext},
		{"resolution number", (*titleScan).resolutionNumber, r(200, 72, "78/265. Seizing the opportunities"), rowStop},
	} {
		if got := c.rule(base(), 3, c.r, c.r.text); got != c.want {
			t.Errorf("%s: %q → %v, want %v", c.name, c.r.text, got, c.want)
		}
	}
	// the agenda item's title under "Agenda item 5" is skipped with it
	ts := base()
	ts.agendaBlock(0, r(200, 72, "Agenda item 5"), "Agenda item 5")
	if ts.agendaBlock(1, r(212, 72, "Promotion of human rights"), "Promotion of human rights") != rowSkip {
		t.Error("agenda item title under the agenda line is skipped")
	}
	if ts.agendaBlock(2, r(300, 72, "Report of the Secretary-General"), "Report of the Secretary-General") != rowNext {
		t.Error("a line far below the agenda block ends it")
	}
	// a court's name goes on over its capital lines
	ts = base()
	ts.s.rows = specRows("200 72 10 COUR AFRICAINE", "212 72 10 DES DROITS DE L'HOMME", "240 72 12 b AFFAIRE X c. Y")
	ts.issuerName(0, ts.s.rows[0], ts.s.rows[0].text)
	if ts.skipTo != 1 {
		t.Errorf("court name skipped to row %d, want 1", ts.skipTo)
	}
}

func TestRuleTitleCandidates(t *testing.T) {
	s := mastState(specRows(
		"50 72 14 United Nations", "50 400 18 A/80/100", "80 400 10 Distr.: General", "92 400 10 3 March 2025",
		"150 72 10 Eightieth session", "162 72 10 Agenda item 5",
		"200 72 14 b Report of the Secretary-General", "220 72 12 b on the segmentation of documents",
		"300 72 10 I. Introduction", "320 72 10 1. The text."),
	).run(t, "masthead block", "title candidates")
	if s.titleStart != 6 {
		t.Errorf("title starts at row %d, want 6 (the largest candidate)", s.titleStart)
	}
	s = mastState(specRows("100 72 10 Resolution adopted by the General Assembly", "130 72 10 b 78/265. Seizing the opportunities", "150 72 10 The General Assembly,")).
		run(t, "preamble intro line", "masthead block", "title candidates")
	if s.titleStart != 1 {
		t.Errorf("resolution title at row %d, want 1", s.titleStart)
	}
}

func TestRuleMeetingTitle(t *testing.T) {
	s := mastState(specRows("50 400 18 S/PV.4507", "60 72 14 Security Council", "150 72 14 b Fifty-seventh year", "180 72 14 b 4507th meeting", "220 72 10 Text")).
		run(t, "masthead block", "title candidates", "meeting record title")
	if s.info.meta.Title != "4507th meeting" || s.titleStart != -1 {
		t.Errorf("title %q start %d", s.info.meta.Title, s.titleStart)
	}
}

func TestRuleCoverTitle(t *testing.T) {
	s := mastState(specRows("100 72 10 Note verbale", "114 72 10 The Permanent Mission presents its compliments.")).
		run(t, "masthead block", "title candidates", "cover title", "title lines")
	if s.info.meta.Title != "Note verbale" || !s.oneRow {
		t.Errorf("title %q oneRow %v", s.info.meta.Title, s.oneRow)
	}
	s = mastState(specRows("100 72 10 The Mission presents its compliments.", "114 72 10 It has the honour to refer.")).
		run(t, "masthead block", "title candidates", "cover title")
	if s.titleStart >= 0 {
		t.Error("a sentence is no cover title")
	}
}

func TestTitleContinues(t *testing.T) {
	r := specRows
	for _, c := range []struct {
		a, b  string
		first bool
		want  bool
	}{
		{"200 72 14 b Report of the Secretary-General", "216 72 14 b on the segmentation", true, true},
		{"200 72 14 b Report of the Secretary-General", "216 72 10 on the segmentation", true, false},   // type changes
		{"200 72 14 b Report of the Secretary-General", "250 72 14 b on the segmentation", true, false}, // gap
		{"200 72 14 b Report", "216 72 12 of the Special Rapporteur", true, true},                       // one word: another size may follow
		{"200 72 12 b Resolution 2334", "230 72 12 b of 23 December 2016", false, true},                 // date phrase across a gap
		{"200 72 12 b Agreement", "220 72 10 concerning the status", false, true},                       // concerning, other type
		{"200 72 12 b Expert group meeting", "214 72 12 b Beirut, 20-21 December 2017", false, false},   // place and date
		{"200 72 12 b Expert group meeting", "214 72 12 b 1. Opening", false, false},                    // label
		{"200 72 12 b PROVISIONAL AGENDA", "214 72 12 b and annotations of the meeting", false, false},  // lower case under capitals
		{"200 72 12 b A title*", "214 72 12 b goes on", false, false},                                   // footnote star ends it
	} {
		a, b := r(c.a)[0], r(c.b)[0]
		if got := titleContinues(a, b, c.first); got != c.want {
			t.Errorf("%q then %q: %v, want %v", a.text, b.text, got, c.want)
		}
	}
}

func TestRuleTitleLines(t *testing.T) {
	s := mastState(specRows("130 72 12 b 78/265. Seizing the opportunities", "146 72 12 b of safe systems*", "170 100 10 The General Assembly,"))
	s.titleStart = 0
	s.run(t, "title lines")
	if s.titleEnd != 1 || s.info.meta.Title != "Seizing the opportunities of safe systems" {
		t.Errorf("title %q end %d", s.info.meta.Title, s.titleEnd)
	}
}

func TestRuleBodyStart(t *testing.T) {
	s := mastState(specRows("150 72 16 b Title", "175 72 12 Subtitle in larger type", "200 72 10 Body text."))
	s.titleStart, s.titleEnd = 0, 0
	s.run(t, "body start")
	if s.info.start != 2 {
		t.Errorf("body starts at %d, want 2 (after the subtitle)", s.info.start)
	}
	s = mastState(specRows("50 400 10 A/80/1", "200 72 10 Body text."))
	s.lastMast = 0
	s.run(t, "body start")
	if s.info.start != 1 {
		t.Errorf("body starts at %d, want 1 (after the masthead)", s.info.start)
	}
}

func TestRuleMetadataRows(t *testing.T) {
	s := mastState(specRows("50 400 10 A/80/1", "100 72 12 Title", "200 72 10 Body 7 May 2020.", "760 72 8 25-01234 (E)"))
	s.info.start = 2
	s.run(t, "metadata rows")
	var got []string
	for _, r := range s.mast {
		got = append(got, r.text)
	}
	if want := []string{"A/80/1", "Title", "25-01234 (E)"}; !reflect.DeepEqual(got, want) {
		t.Errorf("metadata rows %q, want %q", got, want)
	}
}

func TestRuleSymbolOCR(t *testing.T) {
	s := mastState(specRows("50 400 12 E/ESCWAIC. 1/19/4(Part I)/Add.5"))
	s.ocr = true
	s.mast = s.rows
	s.run(t, "symbol")
	if s.info.meta.Symbol != "E/ESCWA/C.1/19/4(Part I)/Add.5" {
		t.Errorf("OCR symbol %q", s.info.meta.Symbol)
	}
}

// TestRuleMastheadBlockOCR: on a page read by OCR, a symbol row whose
// slash was read as "I" and a date with a stray full stop below the
// "GENERAL" row still belong to the masthead, so the symbol rule finds
// the symbol; on a text layer the same misread row is not a symbol.
func TestRuleMastheadBlockOCR(t *testing.T) {
	rows := specRows(
		"50 400 12 Distr.",
		"62 400 12 GENERAL",
		"80 60 12 E/ESCWAIC. 1/19/4(Part I)/Add.5",
		"92 400 12 1. April 1997",
		"200 72 12 Some opening paragraph of the body that runs on and on.",
	)
	s := mastState(rows)
	s.ocr, s.date = true, parseOCRDate
	for _, r := range mastheadRules {
		r.apply(s)
	}
	if s.lastMast != 3 || s.info.meta.Symbol != "E/ESCWA/C.1/19/4(Part I)/Add.5" {
		t.Errorf("OCR page: masthead ends at row %d, symbol %q; want row 3 and E/ESCWA/C.1/19/4(Part I)/Add.5", s.lastMast, s.info.meta.Symbol)
	}
	s = mastState(rows)
	s.run(t, "masthead block")
	if s.lastMast != 1 {
		t.Errorf("text layer: masthead ends at row %d, want 1 (a misread symbol is not mended there)", s.lastMast)
	}
}

// TestTitleRuleOCRSpeckles: on a page read by OCR a large row of specks
// and digits ("8 3 5 م") is no title candidate; the real title under it
// is; on a text layer the same row would be taken first.
func TestTitleRuleOCRSpeckles(t *testing.T) {
	rows := specRows(
		"50 400 12 Distr.",
		"62 400 12 GENERAL",
		"120 300 16 8 3 5 م",
		"150 72 16 Report of the Executive Secretary",
		"200 72 10 Some opening paragraph of the body that runs on and on.",
	)
	s := mastState(rows)
	s.ocr = true
	s.run(t, "masthead block", "title candidates")
	if s.titleStart != 3 {
		t.Errorf("OCR page: title starts at row %d, want 3", s.titleStart)
	}
	s = mastState(rows)
	s.run(t, "masthead block", "title candidates")
	if s.titleStart != 2 {
		t.Errorf("text layer: title starts at row %d, want 2 (the rule is for OCR pages only)", s.titleStart)
	}
}

func TestRuleBody(t *testing.T) {
	s := mastState(specRows("50 72 12 Economic and Social Council"))
	s.mast, s.info.meta.Symbol = s.rows, "E/ESCWA/30/1"
	s.run(t, "issuing body")
	if want := "Economic and Social Commission for Western Asia"; s.info.meta.Body != want {
		t.Errorf("body %q, want %q (the series of the symbol, not the organ on the masthead)", s.info.meta.Body, want)
	}
}

func TestDateRules(t *testing.T) {
	// under Distr, aligned with it: not the earlier date on the left
	s := mastState(specRows("60 72 10 Meeting of 2 May 2017", "80 400 10 Distr.: General", "92 400 10 7 December 2017"))
	s.mast = s.rows
	s.run(t, "date under Distr")
	if s.info.meta.Date != "2017-12-07" {
		t.Errorf("date under Distr %q", s.info.meta.Date)
	}
	s = mastState(specRows("60 72 10 Meeting of 2 May 2017", "80 400 10 Distr.: General", "92 100 10 7 December 2017"))
	s.mast = s.rows
	s.run(t, "date under Distr")
	if s.info.meta.Date != "" {
		t.Errorf("a date out of the Distr column: %q", s.info.meta.Date)
	}
	s.run(t, "date in masthead")
	if s.info.meta.Date != "2017-05-02" {
		t.Errorf("first masthead date %q", s.info.meta.Date)
	}
	// heading lines: the top 40% of the page, not the masthead rows
	s = mastState(specRows("200 72 12 Statement of 3 June 2021", "500 72 10 Body of 4 June 2021"))
	s.run(t, "date in heading lines")
	if s.info.meta.Date != "2021-06-03" {
		t.Errorf("heading date %q", s.info.meta.Date)
	}
	// a cover page: a line that is only a date, anywhere
	s = mastState(specRows("500 72 10 This text mentions 4 June 2021 in a sentence.", "600 300 10 Le 28 mars 2022"))
	s.run(t, "date line of a cover page")
	if s.info.meta.Date != "2022-03-28" {
		t.Errorf("cover date %q", s.info.meta.Date)
	}
	s.info.meta.Date, s.hasMasthead = "", true
	s.run(t, "date line of a cover page")
	if s.info.meta.Date != "" {
		t.Error("the cover rule is for pages without masthead")
	}
}

func TestRuleDistribution(t *testing.T) {
	for _, c := range []struct {
		rows []string
		want string
	}{
		{[]string{"80 400 10 Distr.: GENERAL"}, "General"},
		{[]string{"80 400 10 Distr.", "92 400 10 LIMITED"}, "Limited"},
		{[]string{"80 400 10 Distr. restreinte"}, "Restricted"},
		{[]string{"80 400 10 Distribution list", "92 400 10 Distr.: Limitée"}, "Limited"},
	} {
		s := mastState(specRows(c.rows...))
		s.mast = s.rows
		s.run(t, "distribution")
		if s.info.meta.Distribution != c.want {
			t.Errorf("%q: %q, want %q", c.rows, s.info.meta.Distribution, c.want)
		}
	}
}

func TestRuleSessionAndAgenda(t *testing.T) {
	s := mastState(specRows("100 72 10 Report on the thirtieth session", "110 72 10 Thirtieth session", "122 72 10 Agenda item 7 (b)", "760 72 10 Fortieth session"))
	s.mast = s.rows
	s.run(t, "session", "agenda item")
	if s.info.meta.Session != "Thirtieth session" || s.info.meta.Agenda != "7 (b)" {
		t.Errorf("session %q agenda %q", s.info.meta.Session, s.info.meta.Agenda)
	}
	for in, want := range map[string]string{"议程项目5": "5", "البند ٤ من جدول الأعمال": "4", "Point 12 de l’ordre du jour provisoire": "12"} {
		s := mastState(specRows("122 72 10 " + in))
		s.mast = s.rows
		s.run(t, "agenda item")
		if s.info.meta.Agenda != want {
			t.Errorf("%q: agenda %q, want %q", in, s.info.meta.Agenda, want)
		}
	}
}

func TestRuleJobNumber(t *testing.T) {
	s := mastState(specRows("200 72 10 Figures 17-20145 in the text", "760 72 8 GE.17-20145 (E)"))
	s.run(t, "job number")
	if s.info.meta.Job != "17-20145" {
		t.Errorf("job %q", s.info.meta.Job)
	}
	s = mastState(specRows("200 72 10 Figures 17-20145 in the text"))
	s.run(t, "job number")
	if s.info.meta.Job != "" {
		t.Errorf("job number %q read from the body", s.info.meta.Job)
	}
}

// A body's name set over two lines of a masthead, in one column or with
// the other column's rows between, is a masthead line; the halves alone
// or a title under a name are not.
func TestBodyNameOverTwoRows(t *testing.T) {
	rows := specRows(
		"100 72 18 b Economic and Social Commission", "110 400 10 Distr.: General", "122 72 18 b for Western Asia",
		"200 72 24 b GENERAL", "226 72 24 b ASSEMBLY",
		"300 72 18 b المجـلس", "312 400 10 E/ESCWA/30/3", "325 72 18 b الاقتصـادي والاجتمـاعي",
		"400 72 18 b Economic Commission", "418 72 18 b for Africa",
		"500 72 12 b Human Rights Council", "516 72 12 b Report of the Special Rapporteur",
	)
	for i, want := range []bool{true, false, true, true, true, true, false, true, true, true, false, false} {
		if got := bodyNameOverTwoRows(rows, i); got != want {
			t.Errorf("row %d %q: %v, want %v", i, rows[i].text, got, want)
		}
	}
	// the ECOSOC name over two lines is no title, and the title under it is
	s := mastState(specRows("60 72 24 b ECONOMIC AND SOCIAL", "86 72 24 b COUNCIL", "100 400 10 E/2026/1", "200 72 14 b Report of the Committee", "300 72 10 1. The Committee met."))
	s.run(t, "masthead block", "title candidates", "title lines")
	if s.info.meta.Title != "Report of the Committee" {
		t.Errorf("title %q", s.info.meta.Title)
	}
}

// Each title row rule, in the sequence: a page whose title another row
// would take without it.
func TestTitleRowRulesInSequence(t *testing.T) {
	const title = "200 72 14 b Report of the Special Rapporteur"
	for _, c := range []struct {
		name string
		rows []string
		want string
	}{
		{"masthead band", []string{"40 400 10 A/80/1", "60 72 24 b Headline of the masthead", title}, "Report of the Special Rapporteur"},
		{"agenda block", []string{"40 400 10 A/80/1", "150 72 14 b Agenda item 5", "165 72 14 b Promotion of human rights", title}, "Report of the Special Rapporteur"},
		{"issuer", []string{"150 72 14 b COUR AFRICAINE", "166 72 14 b DES DROITS DE L'HOMME", "200 72 14 b AFFAIRE X c. ÉTAT Y"}, "AFFAIRE X c. ÉTAT Y"},
		{"adopted by", []string{"150 72 14 b [without reference to a Main Committee (A/80/L.1)]", title}, "Report of the Special Rapporteur"},
		{"masthead line", []string{"40 400 10 A/80/1", "150 72 14 b Economic and Social Council", title}, "Report of the Special Rapporteur"},
		{"symbol line", []string{"40 400 10 A/80/1", "150 72 14 b (A/80/1/Add.1)", title}, "Report of the Special Rapporteur"},
		{"resolution number", []string{"150 72 16 b Draft resolution text", "200 72 10 78/265. Seizing the opportunities"}, "Seizing the opportunities"},
	} {
		s := mastState(specRows(c.rows...)).run(t, "masthead block", "title candidates", "title lines")
		if s.info.meta.Title != c.want {
			t.Errorf("%s: title %q, want %q", c.name, s.info.meta.Title, c.want)
		}
	}
}
