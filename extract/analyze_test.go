package extract

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestParseLabel(t *testing.T) {
	tests := []struct {
		in    string
		kind  labelKind
		value string
		rest  string
	}{
		{"1. Reaffirms its role", lkNum, "1", "Reaffirms its role"},
		{"25.1 The Office", lkNum, "25.1", "The Office"},
		{"25.1. The Office", lkNum, "25.1", "The Office"},
		{"(a) Foster coherent", lkLetter, "a", "Foster coherent"},
		{"(m) the last", lkLetter, "m", "the last"},
		{"a) les travaux", lkLetter, "a", "les travaux"},
		{"b. promoting", lkLetter, "b", "promoting"},
		{"(ii) The rules", lkRoman, "ii", "The rules"},
		{"iv) règles", lkRoman, "iv", "règles"},
		{"(б) содействие", lkLetter, "b", "содействие"},
		{"к) последний", lkLetter, "j", "последний"},
		{"(أ) تتيح البحث", lkLetter, "a", "تتيح البحث"},
		{"(هـ) تتعهدها", lkLetter, "e", "تتعهدها"},
		{")ج( تراعي", lkLetter, "c", "تراعي"},
		{"’2‘ قواعد", lkRoman, "ii", "قواعد"},
		{"-1 حفظ السلم", lkNum, "1", "حفظ السلم"},
		{"1 - حفظ السلم", lkNum, "1", "حفظ السلم"},
		{"١- حفظ", lkNum, "1", "حفظ"},
		{"一、维持国际和平", lkNum, "1", "维持国际和平"},
		{"十二、最后", lkNum, "12", "最后"},
		{"（子）以促进", lkLetter, "a", "以促进"},
		{"（寅）第三", lkLetter, "c", "第三"},
		{"㈡中文和法文", lkRoman, "ii", "中文和法文"},
		{"2018 was a year", lkNone, "", ""},
		{"The General Assembly,", lkNone, "", ""},
	}
	for _, tc := range tests {
		l := parseLabel(tc.in)
		if l.kind != tc.kind || l.value != tc.value || (tc.kind != lkNone && strings.TrimSpace(l.rest) != tc.rest) {
			t.Errorf("parseLabel(%q) = kind %d value %q rest %q, want kind %d value %q rest %q", tc.in, l.kind, l.value, l.rest, tc.kind, tc.value, tc.rest)
		}
	}
}

func TestParseDate(t *testing.T) {
	tests := map[string]string{
		"12 March 2026":                      "2026-03-12",
		"Distr.: General 1 April 2024":       "2024-04-01",
		"12 mars 2026":                       "2026-03-12",
		"1er avril 2024":                     "2024-04-01",
		"12 de marzo de 2026":                "2026-03-12",
		"12 марта 2026 года":                 "2026-03-12",
		"2026年3月12日":                         "2026-03-12",
		"2026 年 3 月 12 日":                    "2026-03-12",
		"12 آذار/مارس 2026":                  "2026-03-12",
		"١٢ آذار/مارس ٢٠٢٦":                  "2026-03-12",
		"29 كانون الأول/ديسمبر 2017":         "2017-12-29",
		"Thursday, 4 April 2002, 11.50 a.m.": "2002-04-04",
		"25-28 June 2018":                    "", // a range is not a date
		"Seventy-eighth session":             "",
	}
	for in, want := range tests {
		if got := parseDate(in); got != want {
			t.Errorf("parseDate(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFindSymbols(t *testing.T) {
	tests := map[string]string{
		"A/RES/78/265":              "A/RES/78/265",
		"A /RES/78/265":             "A/RES/78/265",
		"A /80/500- S /2025/656":    "A/80/500-S/2025/656",
		"A/81/6 (Sect. 25)/Part A*": "A/81/6 (Sect. 25)/Part A",
		"E/ESCWA/30/18/Report":      "E/ESCWA/30/18/Report",
		"S/RES/2803 (2025)":         "S/RES/2803 (2025)",
		"A/HRC/WG.6/34/ITA/3":       "A/HRC/WG.6/34/ITA/3",
		"United Nations":            "",
	}
	for in, want := range tests {
		got := ""
		if s := findSymbols(in); len(s) > 0 {
			got = s[0]
		}
		if got != want {
			t.Errorf("findSymbols(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCitation(t *testing.T) {
	tests := []struct{ ref, id, lang, want string }{
		{"A/RES/78/265", "para_6__list_1__point_m", "en", "A/RES/78/265, para. 6 (m)"},
		{"A/RES/78/265", "preamble__para_3", "en", "A/RES/78/265, preambular para. 3"},
		{"A/RES/78/265", "para_6__list_1__point_m", "fr", "A/RES/78/265, par. 6 m)"},
		{"A/RES/78/265", "preamble__para_3", "fr", "A/RES/78/265, al. 3 du préambule"},
		{"A/RES/78/265", "para_6__list_1__point_m", "es", "A/RES/78/265, párr. 6 m)"},
		// the Russian and Arabic versions letter items in their alphabets
		// (the id keeps the Latin letter of the same position)
		{"A/RES/78/265", "para_6__list_1__point_m", "ru", "A/RES/78/265, п. 6 н)"},
		{"A/RES/78/265", "para_6__list_1__point_a", "ru", "A/RES/78/265, п. 6 а)"},
		{"A/RES/78/265", "para_6__list_1__point_m", "ar", "A/RES/78/265، الفقرة 6 (م)"},
		{"A/RES/78/265", "para_6__list_1__point_e", "ar", "A/RES/78/265، الفقرة 6 (هـ)"},
		{"A/RES/78/265", "para_3__list_1__point_b__list_1__point_ii", "ar", "A/RES/78/265، الفقرة 3 (ب) ’2‘"},
		{"A/RES/78/265", "para_3__list_1__point_i", "ru", "A/RES/78/265, п. 3 и)"},
		{"A/RES/78/265", "para_3__list_1__point_iv", "ru", "A/RES/78/265, п. 3 iv)"},
		{"A/RES/78/265", "para_6__list_1__point_m", "zh", "A/RES/78/265，第6段(m)"},
		{"A/RES/79/1", "annex_I__para_12", "en", "A/RES/79/1, annex I, para. 12"},
		{"A/RES/78/265", "para_3__list_1__point_b__list_1__point_ii", "en", "A/RES/78/265, para. 3 (b) (ii)"},
		{"Charter of the United Nations", "art_2__para_4", "en", "Charter of the United Nations, Art. 2, para. 4"},
		{"联合国宪章", "art_2__para_4", "zh", "联合国宪章，第2条第4款"},
		{"", "para_1", "en", "para. 1"},
		// a table inside a paragraph
		{"A/99/346", "para_3__table_1", "en", "A/99/346, para. 3, table 1"},
		{"A/99/346", "para_3__table_1", "fr", "A/99/346, par. 3, tableau 1"},
		{"A/99/346", "para_3__table_2", "ar", "A/99/346، الفقرة 3، الجدول 2"},
		{"A/99/346", "para_3__table_1", "zh", "A/99/346，第3段，表1"},
		{"A/99/346", "table_1", "ru", "A/99/346, таблица 1"},
	}
	for _, tc := range tests {
		if got := citation(tc.ref, tc.id, tc.lang); got != tc.want {
			t.Errorf("citation(%q, %q, %s) = %q, want %q", tc.ref, tc.id, tc.lang, got, tc.want)
		}
	}
}

func TestItemID(t *testing.T) {
	for in, want := range map[string]string{
		"m": "m", "M": "m", "ii": "ii", "iv": "iv", "aa": "aa", "i": "i",
		"م": "m", "أ": "a", "هـ": "e", "ه": "e", "ج": "c",
		"н": "m", "а": "a", "в": "c", "и": "i",
		"1": "i", "2": "ii", "4": "iv",
		"子": "a", "丑": "b",
	} {
		if got := ItemID(in); got != want {
			t.Errorf("ItemID(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestJoinLinesHyphenation(t *testing.T) {
	lay := &docLayout{
		vocab: map[string]int{"community": 2, "eighty": 1, "first": 3, "general": 4, "trustworthy": 1, "ai": 2, "copyright": 1, "protected": 1},
		hyph:  map[string]bool{"trustworthy-ai": true},
	}
	tests := []struct{ a, b, want string }{
		{"the local commu-", "nity is", "the local community is"},          // line-break hyphen
		{"at its eighty-", "first session", "at its eighty-first session"}, // both parts are words
		{"the Secretary-", "General", "the Secretary-General"},             // capital continuation
		{"safe and trustworthy-", "ai systems", "safe and trustworthy-ai systems"},
		{"plain", "text", "plain text"},
		{"including copyright -", "protected content", "including copyright-protected content"},
		{"中文", "文本", "中文文本"},
	}
	for _, tc := range tests {
		if got := joinLines(tc.a, tc.b, lay); got != tc.want {
			t.Errorf("joinLines(%q, %q) = %q, want %q", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestRejoinSplitWords(t *testing.T) {
	vocab := map[string]int{"artificial": 3, "ar": 1, "tificial": 1, "vital": 2, "vit": 1, "al": 1, "in": 40, "formation": 1, "information": 2, "system": 9, "s": 1, "systems": 4, "organisation": 5, "organisations": 1}
	tests := map[string]string{
		"safe ar tificial intelligence": "safe artificial intelligence",
		"a vit al role":                 "a vital role",
		"in formation":                  "in formation", // "in" is a word of the document
		"intelligence system s;":        "intelligence systems;",
		"l'Organisation s'abstiennent":  "l'Organisation s'abstiennent",
		"effective and benef icial use": "effective and beneficial use", // fi ligature drawn wide
		"of interest":                   "of interest",
	}
	vocab["of"], vocab["interest"] = 30, 2
	for in, want := range tests {
		if got := rejoinSplitWords(in, vocab); got != want {
			t.Errorf("rejoinSplitWords(%q) = %q, want %q", in, got, want)
		}
	}
}

// synthetic builds a page of lines: each spec is "y x size text".
func synthetic(n int, specs ...string) Page {
	p := Page{Number: n, Width: 612, Height: 792}
	for _, s := range specs {
		var y, x, size float64
		var text string
		f := strings.SplitN(s, " ", 4)
		fmt.Sscan(f[0], &y)
		fmt.Sscan(f[1], &x)
		fmt.Sscan(f[2], &size)
		text = f[3]
		w := 5.0 * float64(len([]rune(text)))
		if x+w > 488 {
			w = 488 - x
		}
		line := Line{Text: text, X0: x, X1: x + w, Y: y, Size: size}
		line.Words = append(line.Words, Word{Text: text, X0: x, X1: x + w, Y: y, Size: size})
		p.Lines = append(p.Lines, line)
	}
	return p
}

// TestAnalyzeSynthetic runs the whole analysis on a made-up two-page
// resolution: masthead, running header and footer, a footnote, a
// paragraph number on its own line, lettered and roman items.
func TestAnalyzeSynthetic(t *testing.T) {
	p1 := synthetic(1,
		"58 123 14 United Nations",
		"57 482 20 A/RES/99/7",
		"87 123 20 General Assembly",
		"87 397 10 Distr.: General",
		"99 397 10 12 March 2026",
		"222 60 10 Ninety-ninth session",
		"234 60 10 Agenda item 7",
		"300 72 12 99/7. Testing the segmenter",
		"340 147 10 The General Assembly,",
		"358 147 10 Recalling its resolution 98/1 on the testing of segmenters",
		"370 123 10 and of their running headers,",
		"388 147 10 Noting the report of the Secretary-General,",
		"406 147 10 1.",
		"406 171 10 Decides that segmenters shall handle the following:",
		"424 171 10 (a) Paragraph numbers on their own line;",
		"442 171 10 (b) Items with sub-items:",
		"460 195 10 (i) the first sub-item;",
		"478 195 10 (ii) the second sub-item;",
		"700 117 8 1 Resolution 98/1.",
		"748 65 10 26-01234 (E) 120326",
		"762 65 12 *2601234*",
	)
	// superscript footnote marker on the first preambular paragraph
	for i, l := range p1.Lines {
		if strings.HasPrefix(l.Text, "Recalling") {
			p1.Lines[i].Text += " 1"
			p1.Lines[i].Words = append(p1.Lines[i].Words, Word{Text: "1", X0: 480, X1: 484, Y: l.Y - 3, Size: 6, Rise: 3})
		}
	}
	p2 := synthetic(2,
		"59 60 9 A/RES/99/7",
		"85 147 10 2. Requests the Secretary-General to report on the",
		"97 123 10 implementation of the present resolution.",
		"754 60 9 2/2",
	)
	doc := &Document{Pages: []Page{p1, p2}}
	Analyze(doc, Options{})
	if doc.Symbol != "A/RES/99/7" || doc.Date != "2026-03-12" || doc.Body != "General Assembly" || doc.Title != "Testing the segmenter" {
		t.Errorf("meta = %+v", doc.Meta)
	}
	if doc.Job != "26-01234" || doc.Distribution != "General" || doc.Session != "Ninety-ninth session" || doc.Agenda != "7" {
		t.Errorf("meta = %+v", doc.Meta)
	}
	var ids []string
	for _, c := range doc.Clauses {
		ids = append(ids, c.ID)
	}
	want := []string{"preamble__para_1", "preamble__para_2", "para_1", "para_1__list_1__point_a", "para_1__list_1__point_b",
		"para_1__list_1__point_b__list_1__point_i", "para_1__list_1__point_b__list_1__point_ii", "para_2"}
	if !reflect.DeepEqual(ids, want) {
		t.Fatalf("ids = %v\nwant %v", ids, want)
	}
	c := doc.Clauses[0]
	if c.Text != "Recalling its resolution 98/1 on the testing of segmenters and of their running headers," {
		t.Errorf("preamble text = %q", c.Text)
	}
	if len(c.Footnotes) != 1 || c.Footnotes[0] != "1 Resolution 98/1." {
		t.Errorf("footnotes = %q", c.Footnotes)
	}
	last := doc.Clauses[len(doc.Clauses)-1]
	if last.Text != "Requests the Secretary-General to report on the implementation of the present resolution." || last.Page != 2 {
		t.Errorf("last clause = %+v", last)
	}
	if last.Citation != "A/RES/99/7, para. 2" || doc.Clauses[6].Citation != "A/RES/99/7, para. 1 (b) (ii)" {
		t.Errorf("citations %q, %q", last.Citation, doc.Clauses[6].Citation)
	}
}

// TestAnalyzeUnstructured: a letter without paragraph numbers gets para_N
// in order with Numbered false.
func TestAnalyzeUnstructured(t *testing.T) {
	p := synthetic(1,
		"58 123 14 United Nations",
		"57 446 20 S/2026/1",
		"87 123 20 Security Council",
		"87 397 10 Distr.: General",
		"99 397 10 5 January 2026",
		"290 123 12 Letter dated 4 January 2026 from the Secretary-General",
		"341 147 10 I have the honour to refer to the matter of segmenters and their",
		"353 123 10 treatment of letters.",
		"371 147 10 I should be grateful if the present letter could be brought to the attention",
		"383 123 10 of the members of the Council.",
	)
	doc := &Document{Pages: []Page{p}}
	Analyze(doc, Options{})
	if len(doc.Clauses) != 2 || doc.Clauses[0].ID != "para_1" || doc.Clauses[1].ID != "para_2" || doc.Clauses[0].Numbered {
		t.Fatalf("clauses = %+v", doc.Clauses)
	}
	if doc.Title != "Letter dated 4 January 2026 from the Secretary-General" || doc.Date != "2026-01-05" {
		t.Errorf("meta = %+v", doc.Meta)
	}
}
