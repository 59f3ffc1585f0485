package extract

import (
	"strings"
	"testing"
)

// Unit tests of the clause rules (clause_rules.go), one or more per rule,
// on synthetic paragraphs fed to an idBuilder.

// pp is a one-row paragraph of body text at indentation start.
func pp(start float64, text string) para {
	return para{page: 1, text: text, start: start, rows: []row{{page: 1, text: text, start: start, x0: start, size: 10}}}
}

// feed gives the builder paragraphs and headings: "# text" is a heading,
// "@x text" a paragraph indented x, "*x text" a bold one.
func feed(b *idBuilder, items ...string) {
	for _, it := range items {
		switch {
		case strings.HasPrefix(it, "# "):
			b.heading(it[2:])
		case strings.HasPrefix(it, "@"), strings.HasPrefix(it, "*"):
			sp := strings.IndexByte(it, ' ')
			var x float64
			for _, c := range it[1:sp] {
				x = x*10 + float64(c-'0')
			}
			p := pp(x, it[sp+1:])
			p.rows[0].bold = it[0] == '*'
			b.clause(p)
		default:
			b.clause(pp(72, it))
		}
	}
}

func builderIDs(b *idBuilder) string {
	var s []string
	for _, c := range b.out {
		s = append(s, c.ID)
	}
	return strings.Join(s, " ")
}

const (
	prose1 = "The Commission considered the report of the secretariat on the implementation of its programme."
	prose2 = "The representatives of member States welcomed the report and made comments on its recommendations."
	prose3 = "The secretariat answered the questions raised by the representatives and took note of the comments."
)

func TestMeetingAndDateLinesAreNoClauses(t *testing.T) {
	// even in a document without structure, where every paragraph counts
	b := &idBuilder{mode: modeUnstructured}
	feed(b, prose1, "4507th plenary meeting", "17 November 2015", "", prose2)
	if got := builderIDs(b); got != "para_1 para_2" || b.out[1].Text != prose2 {
		t.Errorf("ids %q, want para_1 para_2", got)
	}
}

func TestUnstructuredRule(t *testing.T) {
	b := &idBuilder{mode: modeUnstructured}
	feed(b, prose1, "1. "+prose2)
	if got := builderIDs(b); got != "para_1 para_2" || b.out[0].Numbered || b.out[1].Label != "" {
		t.Errorf("ids %q numbered %v label %q", got, b.out[0].Numbered, b.out[1].Label)
	}
}

func TestLabelRules(t *testing.T) {
	// (1) under (أ) is one level down; so is every (N) of the item after it
	b := &idBuilder{mode: modeNumbered}
	feed(b, "1. "+prose1, "(أ) البند الأول:", "(1) العنصر الأول؛", "(2) العنصر الثاني؛")
	if got := builderIDs(b); got != "para_1 para_1__list_1__point_a para_1__list_1__point_a__list_1__point_i para_1__list_1__point_a__list_1__point_ii" {
		t.Errorf("digit items under a letter: %q", got)
	}
	// (i) after (h) is the letter i
	b = &idBuilder{mode: modeNumbered, para: "para_1", letter: "para_1__list_1__point_h", letPos: 8}
	if l := b.romanThatIsNextLetter(parseLabel("(i) text")); l.kind != lkLetter || l.value != "i" {
		t.Errorf("(i) after (h): %+v", l)
	}
	if l := b.romanThatIsNextLetter(parseLabel("(v) text")); l.kind != lkRoman {
		t.Errorf("(v) after (h) stays roman: %+v", l)
	}
	b = &idBuilder{mode: modeNumbered}
	feed(b, "1. "+prose1, "(g) seventh;", "(h) eighth;", "(i) ninth;")
	if got := b.out[len(b.out)-1].ID; got != "para_1__list_1__point_i" {
		t.Errorf("(i) after (h): %q", got)
	}
	// (i) with no parent is a letter
	b = &idBuilder{mode: modeNumbered}
	if l := b.romanWithoutParent(parseLabel("(i) text")); l.kind != lkLetter {
		t.Errorf("(i) without parent: %+v", l)
	}
	b = &idBuilder{mode: modeResolution, preOK: true}
	feed(b, "Recalling its resolutions,", "(i) the first;")
	if got := b.out[len(b.out)-1].ID; got != "preamble__para_1__list_1__point_i" {
		t.Errorf("(i) under a preambular paragraph: %q", got)
	}
	// a figure far past the numbering is no label
	b = &idBuilder{mode: modeNumbered}
	feed(b, "1. "+prose1, "2. "+prose2, "57. "+prose3)
	if got := builderIDs(b); got != "para_1 para_2" || !strings.Contains(b.out[1].Text, "57.") {
		t.Errorf("stray figure: %q, last text %q", got, b.out[1].Text)
	}
}

func TestNumberedRule(t *testing.T) {
	b := &idBuilder{mode: modeNumbered}
	feed(b, "1. "+prose1, "-2 "+prose2)
	if got := builderIDs(b); got != "para_1 para_2" || b.out[1].Label != "-2" || b.out[0].Text != prose1 || !b.out[0].Numbered {
		t.Errorf("ids %q label %q text %q", got, b.out[1].Label, b.out[0].Text)
	}
	// in a treaty article: the article's paragraphs
	b = &idBuilder{mode: modeTreaty}
	feed(b, "# Article 5", "1. "+prose1, "2. "+prose2)
	if got := builderIDs(b); got != "art_5__para_1 art_5__para_2" {
		t.Errorf("treaty: %q", got)
	}
}

func TestComponentBoundary(t *testing.T) {
	// report paragraphs 1-3; paragraph 3 reproduces a text numbered 1, 2;
	// the report's 4 at the report's indentation closes it; a 1 again in
	// a reproduced text opens the next
	b := &idBuilder{mode: modeNumbered}
	feed(b, "@72 1. "+prose1, "@72 2. "+prose2, "@72 3. "+prose3, "@100 1. "+prose1, "@100 2. "+prose2, "@72 4. "+prose3,
		"@100 1. "+prose1, "@100 1. "+prose2)
	want := "para_1 para_2 para_3 para_3__cmp_1__para_1 para_3__cmp_1__para_2 para_4 para_4__cmp_1__para_1 para_4__cmp_2__para_1"
	if got := builderIDs(b); got != want {
		t.Errorf("ids %q\nwant %q", got, want)
	}
	// a heading closes the reproduced text; its numbering going on resumes it
	b = &idBuilder{mode: modeNumbered}
	feed(b, "@72 1. "+prose1, "@72 2. "+prose2, "@100 1. "+prose1, "# B. Ministerial segment", "@100 2. "+prose2)
	if got, want := builderIDs(b), "para_1 para_2 para_2__cmp_1__para_1 para_2__cmp_1__para_2"; got != want {
		t.Errorf("resumed: %q, want %q", got, want)
	}
}

func TestLetteredAndRomanRules(t *testing.T) {
	b := &idBuilder{mode: modeNumbered}
	feed(b, "1. "+prose1, "(a) first item;", "(i) sub-item;", "(ii) sub-item;", "(b) second item.")
	if got, want := builderIDs(b), "para_1 para_1__list_1__point_a para_1__list_1__point_a__list_1__point_i para_1__list_1__point_a__list_1__point_ii para_1__list_1__point_b"; got != want {
		t.Errorf("ids %q\nwant %q", got, want)
	}
	if b.out[1].Label != "(a)" || b.out[1].Text != "first item;" {
		t.Errorf("label %q text %q", b.out[1].Label, b.out[1].Text)
	}
	// under a preambular paragraph
	b = &idBuilder{mode: modeResolution, preOK: true}
	feed(b, "Recalling its resolutions on the matter,", "(a) the first;")
	if got, want := builderIDs(b), "preamble__para_1 preamble__para_1__list_1__point_a"; got != want {
		t.Errorf("preamble item: %q, want %q", got, want)
	}
	// a lettered line with no parent is read as unnumbered text: front matter here
	b = &idBuilder{mode: modeNumbered}
	feed(b, "(a) an item before any paragraph;")
	if len(b.out) != 0 {
		t.Errorf("item without parent: %q", builderIDs(b))
	}
}

func TestIntroLineRule(t *testing.T) {
	b := &idBuilder{mode: modeNumbered}
	feed(b, "1. "+prose1, "2. The Commission adopted the following resolution:", "The Commission,",
		"Recalling its resolution on the programme of work adopted at its previous session in Beirut,",
		"Requests the secretariat to report on the implementation of the present resolution at its next session.")
	want := "para_1 para_2 para_2__cmp_1__preamble__para_1 para_2__cmp_1__para_1"
	if got := builderIDs(b); got != want {
		t.Errorf("ids %q\nwant %q", got, want)
	}
	// in a treaty the line is no intro
	b = &idBuilder{mode: modeTreaty, mainPara: "para_1"}
	if b.introLineRule(&clauseIn{p: pp(72, "The Commission,"), text: "The Commission,"}) {
		t.Error("intro line in a treaty")
	}
}

func TestArticleTextRule(t *testing.T) {
	b := &idBuilder{mode: modeTreaty}
	feed(b, "# Article 5", "@72 "+prose1, "@72 "+prose2, "@120 IN FAITH WHEREOF the representatives have signed.", "# Article 6", "@72 "+prose3)
	if got := builderIDs(b); got != "art_5 art_6" || !strings.Contains(b.out[0].Text, "IN FAITH") || !strings.Contains(b.out[0].Text, prose2) {
		t.Errorf("ids %q art_5 %q", got, b.out[0].Text)
	}
	// the closing formulas after the last article are held apart
	b = &idBuilder{mode: modeTreaty}
	feed(b, "# Article 5", "@72 "+prose1, "@120 DONE at San Francisco.")
	if len(b.closing) != 1 || strings.Contains(b.out[0].Text, "DONE") {
		t.Errorf("closing %d, art_5 %q", len(b.closing), b.out[0].Text)
	}
}

func TestPreambleAndFrontMatterRules(t *testing.T) {
	b := &idBuilder{mode: modeResolution, preOK: true}
	feed(b, "Recalling its resolutions,", "Noting the report,", "1. Decides to act.")
	if got := builderIDs(b); got != "preamble__para_1 preamble__para_2 para_1" {
		t.Errorf("resolution: %q", got)
	}
	b = &idBuilder{mode: modeNumbered}
	feed(b, prose1, "Contents", "1. "+prose2)
	if got := builderIDs(b); got != "para_1" || b.out[0].Section != "" {
		t.Errorf("front matter kept: %q, section %q", got, b.out[0].Section)
	}
}

func TestMinorHeadingRule(t *testing.T) {
	b := &idBuilder{mode: modeNumbered}
	feed(b, "1. "+prose1, "Cross-cutting issues", "2. "+prose2)
	if got := builderIDs(b); got != "para_1 para_2" || b.out[1].Section != "Cross-cutting issues" {
		t.Errorf("ids %q section %q", got, b.out[1].Section)
	}
	if isMinorHeading(pp(72, "a sentence that goes on.")) {
		t.Error("a sentence is no heading")
	}
}

func TestUnnumberedReportRules(t *testing.T) {
	// the report's paragraphs carry no numbers; the text it reproduces does
	b := &idBuilder{mode: modeNumbered, unMain: true}
	b.mainUnnumbered(pp(72, prose1), prose1)
	feed(b, prose2, "# Declaration", "@100 1. "+prose1, "@100 2. "+prose2, prose3)
	want := "para_1 para_2 para_2__cmp_1__para_1 para_2__cmp_1__para_2 para_3"
	if got := builderIDs(b); got != want {
		t.Errorf("ids %q\nwant %q", got, want)
	}
	if b.out[1].Numbered || b.out[4].Numbered || !b.out[2].Numbered {
		t.Errorf("numbered flags %v %v %v", b.out[1].Numbered, b.out[2].Numbered, b.out[4].Numbered)
	}
}

func TestComponentRules(t *testing.T) {
	// a heading after a report paragraph opens a reproduced text of
	// unnumbered paragraphs: preamble (comma), operative, conclusions
	// (bold, flush left of its paragraphs), their text
	b := &idBuilder{mode: modeNumbered}
	feed(b, "@72 1. "+prose1, "@72 2. "+prose2, "# Beirut Declaration",
		"@100 Recalling the outcome of the previous session of the Commission held in Beirut in May,",
		"@100 "+prose3, "@100 "+prose1, "*60 "+prose2, "@100 "+prose3)
	want := "para_1 para_2 para_2__cmp_1__preamble__para_1 para_2__cmp_1__para_1 para_2__cmp_1__para_2 para_2__cmp_1__conclusions__para_1"
	if got := builderIDs(b); got != want {
		t.Errorf("ids %q\nwant %q", got, want)
	}
	if last := b.out[len(b.out)-1].Text; !strings.Contains(last, prose3) {
		t.Errorf("conclusions text %q", last)
	}
	// after its operative part, a heading and a new preamble open the next
	feed(b, "# Resolution 2", "@100 Recalling the outcome of the previous session of the Commission held in Beirut in May,")
	if got := b.out[len(b.out)-1].ID; got != "para_2__cmp_2__preamble__para_1" {
		t.Errorf("next reproduced text: %q", got)
	}
}

func TestContinuationRule(t *testing.T) {
	b := &idBuilder{mode: modeNumbered}
	feed(b, "1. "+prose1, "continued in a second paragraph of the same numbered paragraph, which has no number.")
	if got := builderIDs(b); got != "para_1" || !strings.Contains(b.out[0].Text, "second paragraph") {
		t.Errorf("ids %q text %q", got, b.out[0].Text)
	}
}

func TestDocumentMode(t *testing.T) {
	h := func(text string) para { p := pp(72, text); p.heading = true; return p }
	for _, c := range []struct {
		name  string
		paras []para
		intro bool
		want  docMode
	}{
		{"two articles: a treaty", []para{h("Article 1"), pp(72, prose1), h("Article 2"), pp(72, prose2)}, true, modeTreaty},
		{"an intro line: a resolution", []para{pp(72, prose1), pp(72, "1. "+prose2)}, true, modeResolution},
		{"printed numbers", []para{pp(72, "1. "+prose1), pp(72, "2. "+prose2), pp(72, "3. "+prose3)}, false, modeNumbered},
		{"figures that are no numbering", []para{pp(72, "10. "+prose1), pp(72, prose2), pp(72, "20. "+prose3)}, false, modeUnstructured},
	} {
		if got := documentMode(c.paras, c.intro); got != c.want {
			t.Errorf("%s: mode %v, want %v", c.name, got, c.want)
		}
	}
}

func TestBodyParaRules(t *testing.T) {
	// headings of the contents pages are dropped at the first paragraph
	b := &idBuilder{mode: modeNumbered, lay: docLayout{bodySize: 10}, firstPage: 1}
	h := pp(72, "I. Introduction")
	h.heading = true
	b.bodyPara(h, false)
	p := pp(72, "1. "+prose1)
	p.page = 3
	b.bodyPara(p, false)
	if b.out[0].Section != "" {
		t.Errorf("a contents heading of page 1 is the section of para 1 on page 3: %q", b.out[0].Section)
	}
	// small type between numbered paragraphs is skipped
	small := pp(72, "Source: secretariat computations based on national data for the years under review.")
	small.rows[0].size = 7
	b.bodyPara(small, false)
	if len(b.out) != 1 || strings.Contains(b.out[0].Text, "Source") {
		t.Errorf("small type: %q / %q", builderIDs(b), b.out[0].Text)
	}
	// a summary on the first page before paragraph 1 is a preamble
	b = &idBuilder{mode: modeNumbered, lay: docLayout{bodySize: 10}, firstPage: 1}
	b.bodyPara(pp(72, prose1), false)
	b.bodyPara(pp(72, "1. "+prose2), false)
	if got := builderIDs(b); got != "preamble__para_1 para_1" {
		t.Errorf("summary: %q", got)
	}
	// a bold line of a preamble is no heading
	b = &idBuilder{mode: modeResolution, preOK: true, lay: docLayout{bodySize: 10}}
	w := pp(72, "WE THE PEOPLES OF THE UNITED NATIONS DETERMINED")
	w.heading, w.weak = true, true
	b.bodyPara(w, false)
	if got := builderIDs(b); got != "preamble__para_1" {
		t.Errorf("bold preamble line: %q", got)
	}
}

func TestFinishSteps(t *testing.T) {
	// a resolution whose single operative paragraph is not numbered
	b := &idBuilder{mode: modeResolution, preOK: true}
	feed(b, "Recalling its resolutions,", "Noting the report,", "Decides to act now.", "It goes on.")
	b.partOf = nil
	for _, step := range finishSteps {
		step(b)
	}
	if got := builderIDs(b); got != "preamble__para_1 preamble__para_2 para_1" || !strings.Contains(b.out[2].Text, "It goes on.") {
		t.Errorf("operative from preamble: %q", got)
	}
	// a reproduced text of one paragraph is text of the report
	b = &idBuilder{mode: modeNumbered}
	feed(b, "@72 1. "+prose1, "# Note", "@72 "+prose2)
	b.partOf = nil
	for _, step := range finishSteps {
		step(b)
	}
	if got := builderIDs(b); got != "para_1" || !strings.Contains(b.out[0].Text, prose2) {
		t.Errorf("lone component: %q", got)
	}
}

func TestHeadingRules(t *testing.T) {
	// Article N in a treaty; its section is the fourth level
	b := &idBuilder{mode: modeTreaty}
	feed(b, "# CHAPTER I", "# Article 1", "@72 "+prose1)
	if got := builderIDs(b); got != "art_1" || b.out[0].Section != "CHAPTER I / Article 1" {
		t.Errorf("article: %q section %q", got, b.out[0].Section)
	}
	// "Article 1" outside a treaty is a section heading
	b = &idBuilder{mode: modeNumbered}
	feed(b, "1. "+prose1, "# Article 1", "2. "+prose2)
	if got := builderIDs(b); got != "para_1 para_2" || b.out[1].Section != "Article 1" {
		t.Errorf("article outside a treaty: %q section %q", got, b.out[1].Section)
	}
	// an annex starts its numbering afresh under its prefix, with a preamble
	b = &idBuilder{mode: modeNumbered}
	feed(b, "1. "+prose1, "2. "+prose2, "# Annex II", prose3, "1. "+prose1)
	if got, want := builderIDs(b), "para_1 para_2 annex_II__preamble__para_1 annex_II__para_1"; got != want {
		t.Errorf("annex: %q, want %q", got, want)
	}
	// lettered parts of an annex in sequence; a name out of sequence is none
	b = &idBuilder{mode: modeNumbered}
	feed(b, "1. "+prose1, "# Annex", "# A. Member States", "# B. Observers", "# M. Walid al-Bukhaari")
	if b.annexSec != 2 || b.annexSecTitle["annex__2"] != "B. Observers" {
		t.Errorf("annex parts %d %q", b.annexSec, b.annexSecTitle)
	}
	// "I." after "H." in an annex is part I, level 1
	b = &idBuilder{mode: modeNumbered, prefix: "annex__", annexPos: 8, section: []string{"Annex", "H. Others"}}
	b.heading("I. Secretariat")
	if b.annexPos != 9 || len(b.section) != 2 || b.section[1] != "I. Secretariat" {
		t.Errorf("part I: pos %d section %q", b.annexPos, b.section)
	}
	// an intro line set as a heading opens a reproduced text
	b = &idBuilder{mode: modeNumbered}
	feed(b, "1. "+prose1, "# The Commission,", "1. Decides to act.")
	if got := builderIDs(b); got != "para_1 para_1__cmp_1__para_1" {
		t.Errorf("intro heading: %q", got)
	}
	// a chapter closes the reproduced text; a lower heading makes one pending
	b = &idBuilder{mode: modeNumbered}
	feed(b, "@72 1. "+prose1, "# Declaration")
	if !b.cmpPending {
		t.Error("a heading after a report paragraph may open a reproduced text")
	}
	feed(b, "@100 "+prose2, "# II. Next chapter")
	if b.cmpOpen || b.cmpBase != "" || b.section[0] != "II. Next chapter" {
		t.Errorf("chapter: open %v base %q section %q", b.cmpOpen, b.cmpBase, b.section)
	}
}

// TestStrayNumberInTreaty: in a treaty article a number more than three
// past the article's last paragraph number is a figure ("145." of 1945
// on a line of its own), not a paragraph; 1 and the next few are
// paragraphs.
func TestStrayNumberInTreaty(t *testing.T) {
	for _, c := range []struct {
		para, v string
		stray   bool
	}{
		{"", "145", true},
		{"", "1", false},
		{"", "2", false},
		{"art_5__para_2", "3", false},
		{"art_5__para_2", "5", false},
		{"art_5__para_2", "6", true},
	} {
		b := &idBuilder{mode: modeTreaty, article: "art_5", para: c.para}
		if got := b.strayNumber(c.v); got != c.stray {
			t.Errorf("after %q, %s: stray %v, want %v", c.para, c.v, got, c.stray)
		}
	}
	b := &idBuilder{mode: modeTreaty}
	if b.strayNumber("145") {
		t.Error("a number before any article is not judged here")
	}
}
