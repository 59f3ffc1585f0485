package extract

import (
	"math"
	"strconv"
	"strings"
)

// A body paragraph gets its clause id from a sequence of small rules
// (clauseRules), each a method of idBuilder over the paragraph (clauseIn):
// the first rule that handles the paragraph ends the sequence. Each
// rule's comment says which layout it serves; clause_rules_test.go tests
// each on synthetic paragraphs.

// clauseIn is one body paragraph as the clause rules see it.
type clauseIn struct {
	p    para
	text string // the paragraph's text, trimmed
	l    label  // its label (set by labelRule)
	body string // its text after the label
}

// clauseRule is one named step of giving a paragraph its id; apply
// reports whether it handled the paragraph.
type clauseRule struct {
	name  string
	apply func(*idBuilder, *clauseIn) bool
}

// clauseRules are tried in order.
var clauseRules = []clauseRule{
	{"meeting line", (*idBuilder).meetingLineRule},
	{"date under a resolution", (*idBuilder).dateLineRule},
	{"paragraph of an unstructured document", (*idBuilder).unstructuredRule},
	{"label", (*idBuilder).labelRule},
	{"numbered paragraph", (*idBuilder).numberedRule},
	{"lettered item", (*idBuilder).letteredRule},
	{"roman item", (*idBuilder).romanRule},
	{"intro line of a reproduced text", (*idBuilder).introLineRule},
	{"article text in a treaty", (*idBuilder).articleTextRule},
	{"preambular paragraph", (*idBuilder).preambleRule},
	{"front matter", (*idBuilder).frontMatterRule},
	{"minor heading", (*idBuilder).minorHeadingRule},
	{"unnumbered report paragraph", (*idBuilder).unnumberedReportRule},
	{"report goes on after a reproduced text", (*idBuilder).reportGoesOnRule},
	{"paragraph of a reproduced text", (*idBuilder).componentRule},
	{"continuation", (*idBuilder).continuationRule},
}

// clause handles one body paragraph: the first of clauseRules that
// applies gives it its id; the label as printed goes on the clause it
// opens.
func (b *idBuilder) clause(p para) {
	c := &clauseIn{p: p, text: strings.TrimSpace(p.text)}
	n0 := len(b.out)
	for _, r := range clauseRules {
		if r.apply(b, c) {
			break
		}
	}
	if len(b.out) > n0 && c.l.kind != lkNone {
		b.out[n0].Label = c.l.raw
	}
}

// meetingLineRule: a meeting record's "4507th plenary meeting" line, or
// an empty paragraph, is no clause.
func (b *idBuilder) meetingLineRule(c *clauseIn) bool {
	return c.text == "" || reMeetingLine.MatchString(c.text) && len([]rune(c.text)) < 60
}

// dateLineRule: the date under a resolution ("17 November 2015"), a line
// or two without punctuation, is no clause.
func (b *idBuilder) dateLineRule(c *clauseIn) bool {
	return len([]rune(c.text)) < 40 && parseDate(c.text) != "" && len(c.p.rows) <= 2 && !strings.ContainsAny(c.text, ".;,")
}

// unstructuredRule: a document without printed structure (a letter, a
// statement): paragraphs are counted in order, para_N, not numbered.
func (b *idBuilder) unstructuredRule(c *clauseIn) bool {
	if b.mode != modeUnstructured {
		return false
	}
	b.unNum++
	b.add("para_"+strconv.Itoa(b.unNum), c.p, c.text, false)
	return true
}

// labelRules read a label in the light of the labels before it, in
// order.
var labelRules = []func(*idBuilder, label) label{
	(*idBuilder).digitItemUnderLetter,
	(*idBuilder).romanThatIsNextLetter,
	(*idBuilder).romanWithoutParent,
	(*idBuilder).strayFigure,
}

// labelRule reads the paragraph's label (parseLabel, then labelRules),
// notes the numbers that open paragraphs, and gives the closing
// formulas held back to their article when a labelled paragraph
// follows. It never handles the paragraph itself.
func (b *idBuilder) labelRule(c *clauseIn) bool {
	l := parseLabel(c.text)
	for _, r := range labelRules {
		l = r(b, l)
	}
	if l.kind == lkNum {
		if b.numsSeen == nil {
			b.numsSeen = map[string]bool{}
		}
		b.numsSeen[b.prefix+b.cmpBase+l.value] = true
	}
	if l.kind != lkNone {
		b.flushClosing()
	}
	c.l, c.body = l, strings.TrimSpace(l.rest)
	return false
}

// digitItemUnderLetter: an Arabic list (1), (2)… inside a lettered item
// (أ) is one level down, like (i), (ii); once so, every (N) of the item
// is. An (N) that continues the letters' sequence is a lettered item.
func (b *idBuilder) digitItemUnderLetter(l label) label {
	digitItem := l.kind == lkLetter && len(l.raw) > 1 && l.raw[1] >= '0' && l.raw[1] <= '9'
	if digitItem && b.letter != "" && (b.digitSub || l.pos != b.letPos+1) {
		b.digitSub = true
		return label{kind: lkRoman, value: strings.ToLower(roman(l.pos)), rest: l.rest, raw: l.raw}
	}
	if l.kind != lkNone && !digitItem {
		b.digitSub = false
	}
	return l
}

// romanThatIsNextLetter: "(i)" after "(h)", "(v)" after "(u)": the next
// letter, not a roman numeral.
func (b *idBuilder) romanThatIsNextLetter(l label) label {
	if l.kind == lkRoman && b.letter != "" && romanIsLetter(l.value, b.letPos) {
		return label{kind: lkLetter, value: l.value, pos: letterPos(l.value), rest: l.rest, raw: l.raw}
	}
	return l
}

// romanWithoutParent: "(i)" with neither a lettered item nor a paragraph
// above it is the letter i.
func (b *idBuilder) romanWithoutParent(l label) label {
	if l.kind == lkRoman && b.letter == "" && b.para == "" {
		return label{kind: lkLetter, value: l.value, pos: letterPos(l.value), rest: l.rest, raw: l.raw}
	}
	return l
}

// strayFigure: a number that cannot be the next paragraph number here
// (plausibleNumber, strayNumber) is a figure opening a table row or a
// line, not a label.
func (b *idBuilder) strayFigure(l label) label {
	if l.kind == lkNum && (!b.plausibleNumber(l.value) || b.strayNumber(l.value)) {
		return label{}
	}
	return l
}

// numberedRule: a paragraph number ("12.", "-12", "12.3") at the left
// margin. In a treaty article it numbers the article's paragraphs
// (art_5__para_1); elsewhere the paragraph of the document, of its
// annex, or of the reproduced text it stands in (componentBoundary).
func (b *idBuilder) numberedRule(c *clauseIn) bool {
	if c.l.kind != lkNum {
		return false
	}
	v := c.l.value
	b.letter, b.letPos = "", 0
	if b.mode == modeTreaty && b.article != "" {
		b.para = b.article + "__para_" + v
		b.artHas = true
		b.add(b.para, c.p, c.body, true)
		return true
	}
	b.componentBoundary(v, c.p.start)
	b.cmpPending = false
	b.numSeen = true
	if b.cmpBase == "" {
		b.mainLast = v
		b.mainPara = b.prefix + "para_" + v
		b.mainStart = c.p.start
	}
	b.para = b.prefix + b.cmpBase + "para_" + v
	if b.cmpBase != "" {
		b.cmpLast = v
	}
	b.numStart = c.p.start
	b.add(b.para, c.p, c.body, true)
	return true
}

// componentBoundary decides, at paragraph number v indented at start,
// whether a reproduced text (a resolution or declaration quoted in a
// report paragraph: para_3__cmp_1__para_1…) resumes, ends or begins:
//   - a heading closed the reproduced text but its numbering goes on
//     (and the report's does not): it resumes;
//   - the report's next number, at the report's indentation, not yet
//     used in the reproduced text: back to the report's paragraphs;
//   - a 1 after report paragraphs past 1: a reproduced text begins;
//   - a 1 again inside a reproduced text: the next one begins.
func (b *idBuilder) componentBoundary(v string, start float64) {
	if b.cmpBase == "" && b.closedCmp != "" && isNext(b.closedLast, v) && !isNext(b.mainLast, v) {
		b.cmpBase, b.cmpOpen = b.closedCmp, true
	}
	b.closedCmp = ""
	if !b.numSeen || b.mainLast == "" {
		return
	}
	switch {
	case b.cmpBase != "" && !b.unMain && isNext(b.mainLast, v) && !b.cmpHas(v) && math.Abs(start-b.mainStart) < 6:
		b.closeCmp()
	case b.cmpBase == "" && v == "1" && b.mainLast != "1":
		b.openCmp()
	case b.cmpBase != "" && v == "1" && b.cmpHas("1"):
		b.openCmp()
	}
}

// letteredRule: a sub-paragraph "(a)" inside a paragraph, an article or
// a preambular paragraph: <parent>__list_1__point_a. A lettered line
// with no parent is read as an unnumbered paragraph (the rules below).
func (b *idBuilder) letteredRule(c *clauseIn) bool {
	if c.l.kind != lkLetter {
		return false
	}
	parent := b.para
	if parent == "" && b.article != "" {
		parent = b.article
	}
	if parent == "" && b.pre > 0 {
		parent = b.prefix + b.cmpBase + "preamble__para_" + strconv.Itoa(b.pre)
	}
	if parent == "" {
		return false
	}
	b.letter = parent + "__list_1__point_" + c.l.value
	b.letPos = c.l.pos
	b.add(b.letter, c.p, c.body, true)
	return true
}

// romanRule: a sub-item "(i)" inside a lettered item, or inside a
// paragraph without letters.
func (b *idBuilder) romanRule(c *clauseIn) bool {
	if c.l.kind != lkRoman {
		return false
	}
	parent := b.letter
	if parent == "" {
		parent = b.para
	}
	b.add(parent+"__list_1__point_"+c.l.value, c.p, c.body, true)
	return true
}

// opensNextComponent reports whether an intro line opens a new
// reproduced text rather than the one just opened and still empty.
func (b *idBuilder) opensNextComponent() bool {
	return !b.cmpOpen || b.cmpOper || b.pre > 0 || b.para != "" || b.concl > 0
}

// introLineRule: a report that reproduces resolutions. "The
// Commission," (a line or two) under a report paragraph opens the next
// reproduced resolution; the line itself is not a clause.
func (b *idBuilder) introLineRule(c *clauseIn) bool {
	if b.mode == modeTreaty || b.mainPara == "" || len(c.p.rows) > 2 || !reIntro.MatchString(c.text) && !reIntroLong.MatchString(c.text) {
		return false
	}
	if b.opensNextComponent() {
		b.openCmp()
	}
	return true
}

// articleTextRule: an "Article N" heading in a treaty. Its first
// unnumbered paragraph is the article's text (art_N); after it,
// indented paragraphs ("IN FAITH WHEREOF…", "DONE at …") are held as
// the treaty's closing formulas unless an article follows; other
// paragraphs go on the clause before.
func (b *idBuilder) articleTextRule(c *clauseIn) bool {
	if b.mode != modeTreaty || b.article == "" {
		return false
	}
	p := c.p
	if !b.artHas {
		b.artHas = true
		b.para = ""
		b.artStart = p.start
		b.add(b.article, p, c.text, true)
		return true
	}
	if len(b.closing) > 0 || reTestimonium.MatchString(c.text) || b.para == "" && b.letter == "" && p.start > b.artStart+1.2*p.rows[0].size {
		b.closing = append(b.closing, p)
		return true
	}
	b.flushClosing()
	b.appendLast(p)
	return true
}

// preambleRule: unnumbered paragraphs before the first number, where a
// preamble may stand (a resolution, an annex, the Charter's "WE THE
// PEOPLES"): preamble__para_N.
func (b *idBuilder) preambleRule(c *clauseIn) bool {
	if b.numSeen || !b.preOK {
		return false
	}
	b.pre++
	b.letter, b.letPos = "", 0
	b.add(b.prefix+b.cmpBase+"preamble__para_"+strconv.Itoa(b.pre), c.p, c.text, true)
	return true
}

// frontMatterRule: other unnumbered paragraphs before the first number
// (masthead remains, contents) are no clauses.
func (b *idBuilder) frontMatterRule(*clauseIn) bool { return !b.numSeen }

// minorHeadingRule: a short unnumbered line among numbered paragraphs
// that is not a sentence (an italic sub-heading of a report) is a
// heading.
func (b *idBuilder) minorHeadingRule(c *clauseIn) bool {
	if !isMinorHeading(c.p) {
		return false
	}
	b.heading(c.text)
	return true
}

// unnumberedReportRule: a report whose own paragraphs carry no numbers in
// the text layer (unnumberedReport), outside a reproduced text: a prose
// paragraph, or a sentence after a heading, is its next paragraph.
func (b *idBuilder) unnumberedReportRule(c *clauseIn) bool {
	if !b.unMain || b.cmpOpen || b.cmpBase != "" || !isProse(c.text) && !(b.afterHeading && isSentence(c.text)) {
		return false
	}
	b.mainUnnumbered(c.p, c.text)
	return true
}

// reportGoesOnRule: in such a report, after the numbered paragraphs of
// a reproduced text, a prose paragraph in regular type that does not
// end with a comma is the report's next paragraph.
func (b *idBuilder) reportGoesOnRule(c *clauseIn) bool {
	if !b.unMain || !b.cmpOpen || b.cmpLast == "" || b.cmpPending || !isProse(c.text) || c.p.rows[0].bold || b.concl != 0 || endsWithComma(c.text) {
		return false
	}
	b.closeCmp()
	b.closedCmp = ""
	b.mainUnnumbered(c.p, c.text)
	return true
}

// endsWithComma reports a paragraph that ends with a comma (a
// preambular paragraph), in the Latin, Arabic or Chinese form.
func endsWithComma(t string) bool {
	return strings.HasSuffix(t, ",") || strings.HasSuffix(t, "،") || strings.HasSuffix(t, "，")
}

// componentRule: unnumbered prose after a heading under a report
// paragraph, or inside a reproduced text: the reproduced text's
// paragraphs. A heading opens it (or, after its operative part, a
// heading and a new preamble open the next one); then the
// componentRules say what the paragraph is.
func (b *idBuilder) componentRule(c *clauseIn) bool {
	if !(b.cmpPending || b.cmpOpen) || !isProse(c.text) {
		return false
	}
	switch {
	case b.cmpPending && !b.cmpOpen:
		b.openCmp()
	case b.cmpPending && b.cmpOpen && endsWithComma(c.text) && b.cmpOper:
		b.openCmp()
	}
	b.cmpPending = false
	b.letter, b.letPos = "", 0
	for _, r := range componentRules {
		if r(b, c) {
			return true
		}
	}
	return true
}

// componentRules sort the paragraphs of a reproduced text, in order.
var componentRules = []func(*idBuilder, *clauseIn) bool{
	(*idBuilder).componentPreamble,
	(*idBuilder).componentConclusions,
	(*idBuilder).conclusionsGoOn,
	(*idBuilder).componentOperative,
}

// componentPreamble: before its operative part, a paragraph of a
// reproduced text that ends with a comma is preambular.
func (b *idBuilder) componentPreamble(c *clauseIn) bool {
	if b.cmpOper || !endsWithComma(c.text) || b.cmpPara != 0 {
		return false
	}
	b.pre++
	b.add(b.prefix+b.cmpBase+"preamble__para_"+strconv.Itoa(b.pre), c.p, c.text, true)
	return true
}

// componentConclusions: a bold paragraph set flush left of the numbered
// paragraphs of a reproduced text, after them: its conclusions
// (conclusions__para_N).
func (b *idBuilder) componentConclusions(c *clauseIn) bool {
	p := c.p
	if b.cmpBase == "" || !b.cmpOper && b.para == "" || b.numStart <= 0 || !p.rows[0].bold || p.start >= b.numStart-1.2*p.rows[0].size {
		return false
	}
	b.concl++
	b.letter, b.letPos = "", 0
	b.para = b.prefix + b.cmpBase + "conclusions__para_" + strconv.Itoa(b.concl)
	b.add(b.para, p, c.text, true)
	return true
}

// conclusionsGoOn: after the conclusions began, unnumbered paragraphs
// are their text.
func (b *idBuilder) conclusionsGoOn(c *clauseIn) bool {
	if b.concl == 0 {
		return false
	}
	b.appendLast(c.p)
	return true
}

// componentOperative: the reproduced text's unnumbered operative
// paragraphs, counted in order (para_N).
func (b *idBuilder) componentOperative(c *clauseIn) bool {
	b.cmpOper = true
	b.numStart = c.p.start
	b.cmpPara++
	b.para = b.prefix + b.cmpBase + "para_" + strconv.Itoa(b.cmpPara)
	b.add(b.para, c.p, c.text, true)
	return true
}

// continuationRule: any other paragraph goes on the clause before it
// (a paragraph of a numbered paragraph, a quotation, a list without
// labels).
func (b *idBuilder) continuationRule(c *clauseIn) bool {
	b.appendLast(c.p)
	return true
}

// A heading is read by headingRules, in order, over headingIn: the
// first rule that handles it ends the sequence.

// headingIn is one heading as the heading rules see it.
type headingIn struct {
	t    string // its text, trimmed, without a footnote star
	part bool   // it is the next lettered part of an annex (annexPartRule)
}

// headingRules are tried in order.
var headingRules = []struct {
	name  string
	apply func(*idBuilder, *headingIn) bool
}{
	{"Article N heading in a treaty", (*idBuilder).articleHeadingRule},
	{"annex heading", (*idBuilder).annexHeadingRule},
	{"lettered part of an annex", (*idBuilder).annexPartRule},
	{"intro line set as a heading", (*idBuilder).introHeadingRule},
	{"section heading", (*idBuilder).sectionHeadingRule},
}

// heading handles a section heading: the first of headingRules that
// applies.
func (b *idBuilder) heading(t string) {
	b.flushClosing()
	b.afterHeading = true
	h := &headingIn{t: strings.TrimSpace(strings.TrimRight(t, "*"))}
	for _, r := range headingRules {
		if r.apply(b, h) {
			return
		}
	}
}

// articleHeadingRule: an "Article N" heading in a treaty opens article
// art_N (the fourth level of the section path).
func (b *idBuilder) articleHeadingRule(h *headingIn) bool {
	a := articleNumber(h.t)
	if a == "" || b.mode != modeTreaty {
		return false
	}
	b.article = b.prefix + "art_" + a
	b.artHas, b.para, b.letter, b.letPos = false, "", "", 0
	for len(b.section) < 4 {
		b.section = append(b.section, "")
	}
	b.section = append(b.section[:3], h.t)
	return true
}

// annexHeadingRule: "Annex", "Annex II", "المرفق الأول" opens an annex:
// its ids take the prefix annex_II__, its numbering starts afresh, and
// a preamble may open it.
func (b *idBuilder) annexHeadingRule(h *headingIn) bool {
	v, ok := annexLabel(h.t)
	if !ok {
		return false
	}
	b.resetContext()
	if v == "" {
		b.prefix = "annex__"
	} else {
		b.prefix = "annex_" + v + "__"
	}
	b.section = []string{h.t}
	b.preOK = true
	b.annexSec, b.annexPos = 0, 0
	if b.annexTitle == nil {
		b.annexTitle = map[string]string{}
	}
	b.annexTitle[b.prefix] = h.t
	return true
}

// annexPartRule: inside an annex, the next lettered part ("B.", "باء-"),
// or a first "A.", is a part of the annex (settleUnstructuredAnnexes cuts
// tables and lists there); lettered lines out of sequence ("M. Walid …"
// in a list of names) are not. It never handles the heading itself.
func (b *idBuilder) annexPartRule(h *headingIn) bool {
	if b.prefix == "" {
		return false
	}
	if pos := sectionLetterPos(h.t); pos > 0 && (pos == b.annexPos+1 || pos == 1) {
		h.part = true
		b.annexPos = pos
		b.annexSec++
		if b.annexSecTitle == nil {
			b.annexSecTitle = map[string]string{}
		}
		b.annexSecTitle[b.prefix+strconv.Itoa(b.annexSec)] = h.t
	}
	return false
}

// introHeadingRule: the opening line of a reproduced resolution set
// apart like a heading ("إن اللجنة الاقتصادية والاجتماعية لغربي آسيا،")
// opens the next reproduced text, as introLineRule does.
func (b *idBuilder) introHeadingRule(h *headingIn) bool {
	if b.mode == modeTreaty || b.mainPara == "" || !reIntro.MatchString(h.t) && !reIntroLong.MatchString(h.t) {
		return false
	}
	if b.opensNextComponent() {
		b.openCmp()
	}
	return true
}

// sectionHeadingRule: any other heading sets the section path at its
// level (headingLevel: chapter or "IV." 0, "B." 1, other 2; a part of an
// annex 1; at most 2 in a treaty). A chapter or a lettered section
// closes the reproduced text (a chapter for good); a lower heading after
// a report paragraph may open one (cmpPending; in a report with
// unnumbered paragraphs only inside one: the next resolution).
func (b *idBuilder) sectionHeadingRule(h *headingIn) bool {
	lvl := headingLevel(h.t)
	if h.part {
		lvl = 1 // "I." after "H.": a letter, not a roman numeral
	}
	if b.mode == modeTreaty && lvl > 2 {
		lvl = 2
	}
	if lvl < 2 {
		b.closeCmp()
		if lvl == 0 {
			b.closedCmp = ""
		}
	} else if b.mode == modeNumbered && b.numSeen && b.mainPara != "" && b.lastDec == "" && (!b.unMain || b.cmpOpen) {
		b.cmpPending = true
	}
	for len(b.section) <= lvl {
		b.section = append(b.section, "")
	}
	b.section = b.section[:lvl+1]
	b.section[lvl] = h.t
	return true
}
