package extract

import (
	"regexp"
	"strings"
	"testing"
	"unicode"
)

// Unit tests of the segmentation rules that the corpus measures need
// (each found on a real document; see the commits that added them).

func TestArabicRowText(t *testing.T) {
	// a conjunction and the figures set against it, read as two runs
	l := Line{Text: "المادتين 11 و 12 على", RTL: true, Size: 13, Words: []Word{
		{Text: "المادتين", X0: 366, X1: 401.7},
		{Text: "11", X0: 348.2, X1: 363},
		{Text: "و", X0: 339.3, X1: 345.4},
		{Text: "12", X0: 324.4, X1: 339.2},
		{Text: "على", X0: 302.6, X1: 321.1},
	}}
	if got, want := joinTouchingRuns(l), "المادتين 11 و12 على"; got != want {
		t.Errorf("joinTouchingRuns = %q, want %q", got, want)
	}
	// a comma touching the figure before it
	l = Line{Text: "الفقرة 3 ، ينتخب", RTL: true, Size: 13, Words: []Word{
		{Text: "الفقرة", X0: 340.3, X1: 366.8},
		{Text: "3", X0: 329.9, X1: 337.3},
		{Text: "،", X0: 327, X1: 329.8},
		{Text: "ينتخب", X0: 292, X1: 324.2},
	}}
	if got, want := joinTouchingRuns(l), "الفقرة 3، ينتخب"; got != want {
		t.Errorf("joinTouchingRuns = %q, want %q", got, want)
	}
	// words a space apart stay apart, and left-to-right lines are left alone
	l.Words[2].X1 = 326
	if got := joinTouchingRuns(l); got != l.Text {
		t.Errorf("joinTouchingRuns changed spaced words: %q", got)
	}
	for _, c := range []struct{ re, in, repl, want string }{
		{"tanwin", "ونؤكد أيضا ًأن المساواة", "$1 $2", "ونؤكد أيضاً أن المساواة"},
		{"note", ".E/ESCWA/30/13 )3(", "($3) $2$1", "(3) E/ESCWA/30/13."},
		{"parens", "النقاش )E/ESCWA/30/17/CRP.1(.", "$1($2)$3", "النقاش (E/ESCWA/30/17/CRP.1)."},
		{"parens", "(1) 2030 (2)", "$1($2)$3", "(1) 2030 (2)"},
		{"stop", ".E/ESCWA/30/L.2", "$2$1", "E/ESCWA/30/L.2."},
	} {
		re := map[string]interface {
			ReplaceAllString(string, string) string
		}{"tanwin": reLostTanwin, "note": reRTLNote, "parens": reMirroredParens, "stop": reLeadingStop}[c.re]
		if got := re.ReplaceAllString(c.in, c.repl); got != c.want {
			t.Errorf("%s: %q → %q, want %q", c.re, c.in, got, c.want)
		}
	}
	for _, m := range []string{"(9)", ")9(", "12", "*"} {
		if !reMarker.MatchString(m) {
			t.Errorf("%q is a footnote marker", m)
		}
	}
	for _, s := range []string{"(1) قرار الجمعية العامة", ")1( قرار الجمعية العامة", "1 A/RES/70/1"} {
		if m := reFnStart.FindStringSubmatch(s); m == nil || m[1] != "1" {
			t.Errorf("%q opens footnote 1, got %q", s, m)
		}
	}
}

func TestRowSizeOfLetters(t *testing.T) {
	// Arabic body text at 14 pt whose figures are set at 11 pt: the
	// row is body text, not an 11 pt footnote
	p := &Page{Number: 1, Width: 595}
	r := buildRow(p, []Line{{Text: "لعام 2030 ،", RTL: true, Size: 11, X0: 479, X1: 539, Words: []Word{
		{Text: "لعام", X0: 522, X1: 539, Size: 14},
		{Text: "2030", X0: 494, X1: 518, Size: 11},
		{Text: "،", X0: 480, X1: 483, Size: 11},
	}}})
	if r.size != 14 {
		t.Errorf("row size %.1f, want 14", r.size)
	}
}

func TestArabicNumberedItems(t *testing.T) {
	l := parseLabel("(2) تقرير لجنة التنمية الاجتماعية عن دورتها الحادية عشرة")
	if l.kind != lkLetter || l.value != "b" {
		t.Errorf("Arabic (2) item: kind %v value %q, want letter b", l.kind, l.value)
	}
	if l := parseLabel("(2) Report of the Committee"); l.kind == lkLetter {
		t.Errorf("(2) before Latin text is not a letter item: %+v", l)
	}
	// under a lettered item (أ), (1) (2) go one level down
	b := &idBuilder{mode: modeNumbered}
	for _, s := range []string{"1- تقرير اللجنة عن دورتها", "(أ) البند الأول من القائمة", "(1) البند الفرعي الأول", "(2) البند الفرعي الثاني", "(ب) البند الثاني من القائمة"} {
		b.clause(para{text: s, rows: []row{{text: s, size: 14}}})
	}
	var ids []string
	for _, c := range b.out {
		ids = append(ids, c.ID)
	}
	want := "para_1 para_1__list_1__point_a para_1__list_1__point_a__list_1__point_i para_1__list_1__point_a__list_1__point_ii para_1__list_1__point_b"
	if got := strings.Join(ids, " "); got != want {
		t.Errorf("ids\n got %s\nwant %s", got, want)
	}
}

func TestRunInList(t *testing.T) {
	rows := func(lines ...string) []row {
		var rs []row
		for _, l := range lines {
			rs = append(rs, row{text: l})
		}
		return rs
	}
	if !runInListStart(rows("(أ) الجغرافيا والبيئة، بما في ذلك مبادرة الحزام،", "وتراجع استخدام الوقود؛ (ب) السكان والمجتمع")) {
		t.Error("(أ) … ؛ (ب) inside a line is a run-in list")
	}
	if runInListStart(rows("(a) Take such measures as may be necessary;", "(b) Take such measures")) {
		t.Error("(b) at the start of a line is not run in")
	}
	ps := joinRunInLists([]para{{rows: rows("وهذه المحاور هي:")}, {rows: rows("(أ) الجغرافيا؛ (ب) السكان؛ (ج) الاقتصاد.")}})
	if len(ps) != 1 {
		t.Errorf("run-in list after a colon: %d paragraphs, want 1", len(ps))
	}
}

func TestSectionLetters(t *testing.T) {
	for s, want := range map[string]int{"C. UNITED NATIONS SECRETARIAT": 3, "جيم- الأمانة العامة للأمم المتحدة": 3, "ياء- المحاورون": 10, "III. Title": 0, "Annex": 0} {
		if got := sectionLetterPos(s); got != want {
			t.Errorf("sectionLetterPos(%q) = %d, want %d", s, got, want)
		}
	}
	if headingLevel("باء- الاجتماعات الوزارية") != 1 {
		t.Error("باء- is a level-1 heading like B.")
	}
	for _, s := range []string{"IN FAITH WHEREOF the representatives", "DONE at the city of San Francisco", "ومصادقا لما تقدم وقع مندوبو", "Fait à San Francisco"} {
		if !reTestimonium.MatchString(s) {
			t.Errorf("%q opens a closing formula", s)
		}
	}
	if reTestimonium.MatchString("The present Charter shall be ratified") {
		t.Error("an article is not a closing formula")
	}
}

// TestUnstructuredAnnex: a list annex is one clause per lettered part,
// a prose annex one clause per paragraph, both para_N, numbered false.
func TestUnstructuredAnnex(t *testing.T) {
	b := &idBuilder{mode: modeNumbered, preOK: true}
	b.clause(para{text: "1. The session was attended by the participants listed in annex I.", rows: []row{{size: 11}}})
	b.heading("Annex I")
	b.heading("LIST OF PARTICIPANTS")
	b.heading("A. MEMBER STATES")
	for _, s := range []string{"Egypt", "Mr. Saïd Mohamed Hindam Ambassador", "Jordan"} {
		b.clause(para{text: s, rows: []row{{size: 11}}})
	}
	b.heading("M. Walid al-Bukhaari") // a name, not part M
	b.heading("B. OBSERVERS")
	b.clause(para{text: "Mr. Ahmad Bouziane Ambassador of Algeria", rows: []row{{size: 11}}})
	b.heading("Annex II")
	for _, s := range []string{"The first paragraph of a letter, which reads as a sentence of prose.", "The second paragraph of the same letter, again a sentence of prose."} {
		b.clause(para{text: s, rows: []row{{size: 11}}})
	}
	b.settleUnstructuredAnnexes()
	var got []string
	for _, c := range b.out {
		got = append(got, c.ID)
		if strings.HasPrefix(c.ID, "annex") && c.Numbered {
			t.Errorf("%s is numbered", c.ID)
		}
	}
	want := "para_1 annex_I__para_1 annex_I__para_2 annex_II__para_1 annex_II__para_2"
	if strings.Join(got, " ") != want {
		t.Errorf("ids\n got %s\nwant %s", strings.Join(got, " "), want)
	}
	if len(b.out) > 2 && b.out[2].Section != "Annex I / B. OBSERVERS" {
		t.Errorf("section %q", b.out[2].Section)
	}
}

// collapseSpaces does what regexp `\s+` → " " did.
func TestCollapseSpaces(t *testing.T) {
	re := regexp.MustCompile(`\s+`)
	for _, s := range []string{"", " ", "a", "a b", "a  b", " a\tb \n", "a\u00a0 b", "a\v\vb", "x\r\n\r\ny  ", "\f"} {
		if got, want := collapseSpaces(s), re.ReplaceAllString(s, " "); got != want {
			t.Errorf("collapseSpaces(%q) = %q, want %q", s, got, want)
		}
	}
}

// isCJK's fast path for runes below U+2E80 loses nothing.
func TestIsCJKBelow2E80(t *testing.T) {
	for r := rune(0); r < 0x2e80; r++ {
		if unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) {
			t.Fatalf("%U is Han or kana", r)
		}
	}
}

// gapRows lays out rows of body size 20 at the distances ds (the first
// at y 100): each row's text and where it ends (its start at the margin,
// 100; the measure ends at 900).
func gapRows(ds []float64, rows ...struct {
	text string
	end  float64
}) []row {
	var out []row
	y := 100.0
	for i, r := range rows {
		if i > 0 {
			y += ds[i-1]
		}
		out = append(out, row{page: 1, text: r.text, start: 100, end: r.end, y: y, size: 20, width: 1000})
	}
	return out
}

type rowSpec = struct {
	text string
	end  float64
}

func paraTexts(ps []para) []string {
	var out []string
	for _, p := range ps {
		out = append(out, strings.TrimSpace(rowsText(p.rows, nil)))
	}
	return out
}

// TestPageGapBreak: a page read by OCR whose lines are 43-49 apart
// within a paragraph and 53-60 apart between paragraphs (under the
// document's rule of 1.25 pitches, 57.5 for 46) is cut at its own gap,
// after each paragraph's short last line; a page whose distances fall in
// two groups within paragraphs of full lines (a baseline lower by the
// descenders) is not cut, nor one without two groups.
func TestPageGapBreak(t *testing.T) {
	lay := docLayout{bodySize: 20, pitch: 46}
	specs := []rowSpec{
		{"one first line of a paragraph that fills the measure", 900}, {"and its end,", 400},
		{"two first line of a paragraph that fills the measure", 900}, {"and its end,", 380},
		{"three a paragraph of one line,", 500},
		{"four first line of a paragraph that fills the measure", 890}, {"and its end,", 300},
		{"five first line of a paragraph that fills the measure", 895}, {"and its end.", 420},
	}
	ds := []float64{43, 54, 46, 56, 53.5, 49, 55, 45}
	rows := gapRows(ds, specs...)
	if b := pageGapBreak(rows, lay); b < 49 || b > 53.5 {
		t.Fatalf("page gap break %.1f, want between 49 and 53.5", b)
	}
	got := paraTexts(buildParas([]cleanPage{{number: 1, rows: rows}}, lay))
	want := []string{"one", "two", "three", "four", "five"}
	if len(got) != len(want) {
		t.Fatalf("paragraphs %q, want %d", got, len(want))
	}
	for i, w := range want {
		if !strings.HasPrefix(got[i], w) {
			t.Errorf("paragraph %d %q, want it to start with %q", i, got[i], w)
		}
	}
	// lines 21-22 and 24-26 apart within paragraphs of full lines (pitch
	// 21.5): the distances part in two, but no line before a wide one
	// ends short
	var full []rowSpec
	for i := 0; i < 10; i++ {
		full = append(full, rowSpec{"a line of a paragraph that fills the measure", 895})
	}
	full = append(full, rowSpec{"its last line.", 400})
	lay2 := docLayout{bodySize: 17, pitch: 21.5}
	ds2 := []float64{21, 24.5, 22, 25, 21.5, 24.8, 25.2, 22.1, 24.3, 25.5}
	rows2 := gapRows(ds2, full...)
	for i := range rows2 {
		rows2[i].size = 17
	}
	if got := buildParas([]cleanPage{{number: 1, rows: rows2}}, lay2); len(got) != 1 {
		t.Errorf("full lines: %d paragraphs, want 1", len(got))
	}
	// one distance per line: no groups
	even := gapRows([]float64{46, 46.2, 45.8, 46, 46.1, 46, 45.9, 46}, specs...)
	if b := pageGapBreak(even, lay); b != 0 {
		t.Errorf("even distances: break %.1f, want none", b)
	}
}

// TestRunInHeadingLine: a one-line paragraph that stops short at the
// margin before a line that goes on past it is a heading line of what
// follows ("WE THE PEOPLES … DETERMINED"), even at the usual spacing;
// a label, an indented line or a line as long are not.
func TestRunInHeadingLine(t *testing.T) {
	lay := docLayout{bodySize: 20, pitch: 46}
	rows := gapRows([]float64{46, 46, 60, 46}, rowSpec{"we the peoples of the united nations determined", 500},
		rowSpec{"to save succeeding generations from the scourge of war, which twice", 880},
		rowSpec{"and to reaffirm faith.", 400},
		rowSpec{"and for these ends", 350},
		rowSpec{"to practise tolerance and live together in peace with one another,", 700})
	got := paraTexts(buildParas([]cleanPage{{number: 1, rows: rows}}, lay))
	if len(got) != 4 || !strings.HasPrefix(got[1], "to save") || got[2] != "and for these ends" {
		t.Errorf("paragraphs %q, want the two heading lines apart", got)
	}
	m := pageMargins{left: 100, right: 900}
	cur := &para{rows: rows[:1]}
	for _, c := range []struct {
		name      string
		prev, r   row
		want      bool
		curLength int
	}{
		{"heading line", rows[0], rows[1], true, 1},
		{"second line of a paragraph", rows[0], rows[1], false, 2},
		{"label", row{text: "1.", start: 100, end: 140}, rows[1], false, 1},
		{"indented next line", rows[0], row{text: "x", start: 160, end: 880}, false, 1},
		{"next line as short", rows[0], row{text: "x", start: 100, end: 520}, false, 1},
	} {
		cur.rows = rows[:c.curLength]
		if got := runInHeadingLine(c.prev, c.r, m, 20, cur); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}
