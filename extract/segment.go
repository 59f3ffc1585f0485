package extract

import (
	"golang.org/x/text/unicode/norm"
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/docindex/docindex/extract/textutil"
)

// para is a paragraph of body text built from consecutive rows.
type para struct {
	rows    []row
	page    int
	text    string
	markers []string
	heading bool
	table   *table  // the paragraph is a table (one row that carries it)
	weak    bool    // heading only by bold or capitals, not by label, size or centring
	start   float64 // indentation of the first row
}

// pageMargins are the usual start and end positions of body rows, and
// the page's own paragraph gap (pageGapBreak; 0 for none).
type pageMargins struct{ left, right, gapBreak float64 }

// pageGapBreak is the distance between body rows above which a page's
// rows are in different paragraphs, when the page shows one below the
// document's rule (1.25 line pitches): the distances between
// consecutive body rows of the page up to that rule, sorted, fall in two
// groups, the line pitch and a paragraph gap, parted by their widest
// step, of at least 8% of the pitch, above the pitch, with a quarter of
// the distances (two at least) on each side; the break is the middle of
// that step.
// A scan read by OCR sets paragraphs apart by 54-68 pixels for lines
// 43-50 apart (its baselines are not exact, and it has no bold to tell
// a heading line), a gap the document's rule misses. It returns 0 when
// the page has no such groups (at least six distances are needed).
// Baselines read by OCR are not exact either (a line of descenders sits
// lower), and the distances between the lines of one paragraph can fall
// in two groups too: a break from this gap is only taken after a line
// that stops well short of the end margin, a paragraph's last line.
func pageGapBreak(rows []row, lay docLayout) float64 {
	pitch := lay.pitch
	if pitch <= 0 || lay.bodySize <= 0 {
		return 0
	}
	var ds []float64
	for i := 1; i < len(rows); i++ {
		a, b := rows[i-1], rows[i]
		if a.table != nil || b.table != nil || math.Abs(a.size-lay.bodySize) > 0.5 || math.Abs(b.size-lay.bodySize) > 0.5 {
			continue
		}
		if d := b.y - a.y; d >= 0.8*pitch && d <= 1.25*pitch {
			ds = append(ds, d)
		}
	}
	if len(ds) < 6 {
		return 0
	}
	sort.Float64s(ds)
	// each group holds a quarter of the distances at least: a step
	// between two odd distances and the rest is no pair of groups
	least := max(2, (len(ds)+3)/4)
	best, at := 0.0, -1
	for i := least - 1; i+least < len(ds); i++ {
		if step := ds[i+1] - ds[i]; step > best && ds[i] >= pitch {
			best, at = step, i
		}
	}
	if at < 0 || best < 0.08*pitch {
		return 0
	}
	return (ds[at] + ds[at+1]) / 2
}

func marginsOf(p cleanPage, bodySize float64) pageMargins {
	starts := map[int]int{}
	var right float64
	// table cells (rows sharing their line with another row, or made of
	// figures) do not set the body's margins
	sameLine := map[int]int{}
	for _, r := range p.rows {
		sameLine[int(math.Round(r.y))]++
	}
	for _, r := range p.rows {
		if math.Abs(r.size-bodySize) > 1.5 || r.table != nil {
			continue
		}
		y := int(math.Round(r.y))
		if sameLine[y]+sameLine[y-1]+sameLine[y+1] > 1 || digitShare(r.text) > 0.4 {
			continue
		}
		starts[int(math.Round(r.start/3))] += utf8.RuneCountInString(r.text)
		right = math.Max(right, r.end)
	}
	best, bestN := -1, 0
	for s, n := range starts {
		if n > bestN || (n == bestN && s < best) {
			best, bestN = s, n
		}
	}
	m := pageMargins{left: float64(best) * 3, right: right}
	// the body's left edge is the smallest frequent start
	for s, n := range starts {
		if float64(s)*3 < m.left && n*4 >= bestN {
			m.left = float64(s) * 3
		}
	}
	if best < 0 {
		m.left = 0
	}
	return m
}

// countNonSpace counts the non-space characters of s, and those of them
// for which is holds.
func countNonSpace(s string, is func(rune) bool) (hits, n int) {
	for _, r := range s {
		if unicode.IsSpace(r) {
			continue
		}
		n++
		if is(r) {
			hits++
		}
	}
	return hits, n
}

// digitShare is the share of digits among the non-space characters of s.
func digitShare(s string) float64 {
	d, n := countNonSpace(s, unicode.IsDigit)
	if n == 0 {
		return 0
	}
	return float64(d) / float64(n)
}

var (
	reSpacedSemi  = regexp.MustCompile(`(\p{L}) ;`)
	reSentenceEnd = lastRuneIn(`.;:,!?،؛。；：，！？”"»)`) // was the regexp `[...]$`, which Go tries at every position
)

// buildParas groups rows into paragraphs using vertical gaps, first-line
// indentation, labels and font changes.
func buildParas(pages []cleanPage, lay docLayout) []para {
	var out []para
	var cur *para
	flush := func() {
		if cur != nil && len(cur.rows) > 0 {
			out = append(out, *cur)
		}
		cur = nil
	}
	for _, p := range pages {
		m := marginsOf(p, lay.bodySize)
		m.gapBreak = pageGapBreak(p.rows, lay)
		for i, r := range p.rows {
			if cur == nil {
				cur = &para{page: r.page, start: r.start}
				cur.rows = append(cur.rows, r)
				continue
			}
			prev := cur.rows[len(cur.rows)-1]
			if r.table != nil || prev.table != nil || newParagraph(prev, r, i == 0, m, lay, cur) {
				flush()
				cur = &para{page: r.page, start: r.start}
			}
			cur.rows = append(cur.rows, r)
		}
	}
	flush()
	// a paragraph that is only a label joins the next one
	var merged []para
	for i := 0; i < len(out); i++ {
		p := out[i]
		t := strings.TrimSpace(rowsText(p.rows, nil))
		if i+1 < len(out) && isBareLabel(t) && !out[i+1].isHeadingCandidate() && out[i+1].rows[0].table == nil {
			out[i+1].rows = append(p.rows, out[i+1].rows...)
			out[i+1].page = p.page
			out[i+1].start = p.start
			continue
		}
		merged = append(merged, p)
	}
	merged = joinRunInLists(merged)
	for i := range merged {
		if t := merged[i].rows[0].table; t != nil {
			merged[i].table = t
			merged[i].text = t.Text()
			continue
		}
		merged[i].text = rowsText(merged[i].rows, &lay)
		merged[i].text = tightenCJK(rejoinSplitWords(merged[i].text, lay.vocab))
		if !lay.spacedSemicolon && strings.Contains(merged[i].text, " ;") {
			merged[i].text = reSpacedSemi.ReplaceAllString(merged[i].text, "$1;")
		}
		for _, r := range merged[i].rows {
			merged[i].markers = append(merged[i].markers, r.markers...)
		}
	}
	return merged
}

// joinRunInLists gives back to the paragraph before it a paragraph that
// opens with item (a) of a run-in list: the paragraph before ends with a
// colon and the items after (a) follow inside the lines ("… هي:" then
// "(أ) …؛ (ب) …؛ (ج) …"). The items belong to the paragraph, as in the
// language versions that run the list on from the colon.
func joinRunInLists(ps []para) []para {
	var out []para
	for _, p := range ps {
		if n := len(out); n > 0 && len(p.rows) > 0 && p.rows[0].table == nil && out[n-1].rows[0].table == nil {
			prev := strings.TrimSpace(rowsText(out[n-1].rows, nil))
			if (strings.HasSuffix(prev, ":") || strings.HasSuffix(prev, "：")) && runInListStart(p.rows) {
				out[n-1].rows = append(out[n-1].rows, p.rows...)
				continue
			}
		}
		out = append(out, p)
	}
	return out
}

// runInListStart reports rows opening with item (a) of a list whose item
// (b) follows inside a line, after a semicolon or comma.
func runInListStart(rows []row) bool {
	l := parseLabel(rowsText(rows, nil))
	if l.kind != lkLetter || l.pos != 1 {
		return false
	}
	next := nextLetterRaw(l.raw)
	if next == "" {
		return false
	}
	for _, r := range rows {
		t := strings.TrimSpace(r.text)
		for _, sep := range []string{"; ", ";", "؛ ", "؛", ", ", "، "} {
			if i := strings.Index(t, sep+next); i > 0 {
				return true
			}
		}
	}
	return false
}

// nextLetterRaw is the label of the item after the first one, written
// like it: "(a)" → "(b)", "(أ)" → "(ب)", "а)" → "б)".
func nextLetterRaw(raw string) string {
	for _, pair := range [][2]string{{"a", "b"}, {"أ", "ب"}, {"ا", "ب"}, {"а", "б"}, {"子", "丑"}} {
		if strings.Contains(raw, pair[0]) {
			return strings.Replace(raw, pair[0], pair[1], 1)
		}
	}
	return ""
}

func (p para) isHeadingCandidate() bool {
	return len(p.rows) > 0 && reHeadingLabel.MatchString(strings.TrimSpace(p.rows[0].text))
}

func rowsText(rows []row, lay *docLayout) string {
	s := ""
	for _, r := range rows {
		s = joinLines(s, strings.TrimSpace(r.text), lay)
	}
	return s
}

// newParagraph reports whether row r starts a new paragraph after row
// prev, which ends paragraph cur; pageStart is set on the first body row
// of a page. The rules in paragraphBreakRules are asked in order and the
// first with a verdict decides; without one, r goes on cur.
func newParagraph(prev, r row, pageStart bool, m pageMargins, lay docLayout, cur *para) bool {
	c := breakCtx{
		prev: prev, r: r, pageStart: pageStart, m: m, lay: lay, cur: cur,
		t: strings.TrimSpace(r.text), pt: strings.TrimSpace(prev.text),
		size: math.Max(lay.bodySize, 1),
	}
	c.prevEnds = reSentenceEnd.MatchString(c.pt)
	for _, rule := range paragraphBreakRules {
		if v := rule(&c); v != noVerdict {
			return v == breakPara
		}
	}
	return false
}

// runInHeadingLine reports a paragraph of one line, short (it ends
// before three quarters of the measure), at the start margin, before a
// line at the margin that goes on well past it: a line set apart as a
// heading of what follows ("WE THE PEOPLES OF THE UNITED NATIONS
// DETERMINED", "نحن شعوب الأمم المتحدة وقد آلينا على أنفسنا"), not a
// paragraph's first line, which fills the measure. On a page read by OCR
// it is often only told by this: its bold is not read, and it is set at
// the usual line spacing. A label or bare number on the line is not
// such a heading.
func runInHeadingLine(prev, r row, m pageMargins, size float64, cur *para) bool {
	measure := m.right - m.left
	if len(cur.rows) != 1 || measure < 10*size {
		return false
	}
	atMargin := func(x row) bool { return math.Abs(x.start-m.left) < 0.5*size }
	pt := strings.TrimSpace(prev.text)
	return atMargin(prev) && atMargin(r) && prev.end-m.left < 0.75*measure && r.end > prev.end+4*size &&
		parseLabel(pt).kind == lkNone && !isBareLabel(pt)
}

// breakCtx is what the paragraph-break rules look at: row r, the row
// before it and the paragraph that row ends, with the page's margins and
// the document's body size and line pitch. Distances are measured in
// body sizes (size).
type breakCtx struct {
	prev, r   row
	t, pt     string // the texts of r and prev, trimmed
	pageStart bool   // r is the first body row of its page
	m         pageMargins
	lay       docLayout
	cur       *para   // the paragraph so far (prev is its last row)
	size      float64 // body size, at least 1

	prevEnds           bool // prev's text ends a sentence
	labelSet, labelled bool // r opens with a label (parseLabel), once known
}

// breakVerdict is what one paragraph-break rule says about a row.
type breakVerdict int8

const (
	noVerdict breakVerdict = iota // the next rule decides
	breakPara                     // r starts a new paragraph
	joinPara                      // r goes on the paragraph
)

// paragraphBreakRules are the rules of newParagraph, in the order they
// are asked. The rules after pageTurn see rows on the same page as the
// row before them.
var paragraphBreakRules = []func(*breakCtx) breakVerdict{
	labelAlone,
	sizeChanges,
	boldChanges,
	headingStarts,
	titleAfterHeading,
	runInListGoesOn,
	pageTurn,
	lineGap,
	pageGap,
	labelAfterEnd,
	runInHeading,
	indentInsideParagraph,
	indentAfterShortLine,
	indentedSentenceStart,
	indentedAfterShortLine,
}

// labelledRow reports whether r opens with a paragraph or list label
// ("12.", "(a)", "iv)", …).
func (c *breakCtx) labelledRow() bool {
	if !c.labelSet {
		c.labelled, c.labelSet = parseLabel(c.t).kind != lkNone, true
	}
	return c.labelled
}

// pitch is the document's usual distance between the lines of a
// paragraph (1.2 body sizes when it is not known).
func (c *breakCtx) pitch() float64 {
	if c.lay.pitch <= 0 {
		return 1.2 * c.size
	}
	return c.lay.pitch
}

// prevEndsShort reports whether prev ends more than 3 body sizes before
// the right margin (the last line of a paragraph, as a rule).
func (c *breakCtx) prevEndsShort() bool { return c.prev.end < c.m.right-3*c.size }

// labelAlone: a paragraph number on a line of its own ("12.") is
// followed by its text on the next line.
func labelAlone(c *breakCtx) breakVerdict {
	if isBareLabel(c.pt) && len(c.cur.rows) == 1 {
		return joinPara
	}
	return noVerdict
}

// sizeChanges: a change of type size by more than 12% (and 0.3 pt)
// starts a paragraph (a heading in larger type, a quotation or note in
// smaller).
func sizeChanges(c *breakCtx) breakVerdict {
	if math.Abs(c.r.size-c.prev.size) > 0.12*math.Max(c.r.size, c.prev.size)+0.3 {
		return breakPara
	}
	return noVerdict
}

// boldChanges: a change to or from bold type starts a paragraph (a bold
// heading), except for a bold sentence opening a paragraph (boldRunsOn).
func boldChanges(c *breakCtx) breakVerdict {
	if c.r.bold != c.prev.bold && !boldRunsOn(c) {
		return breakPara
	}
	return noVerdict
}

// boldRunsOn reports a change of weight inside a paragraph, as after a
// bold opening sentence: on the same page, the line before fills the
// measure (ends within one body size of the right margin), r follows at
// the usual spacing, starts where the paragraph's first line starts,
// and opens with no label and no heading label.
func boldRunsOn(c *breakCtx) bool {
	full := c.prev.end >= c.m.right-1.0*c.size && len(c.cur.rows) >= 1 && c.r.page == c.prev.page && !c.pageStart
	return full && c.r.y-c.prev.y <= 1.25*c.pitch() && math.Abs(c.r.start-c.cur.rows[0].start) < 0.5*c.size &&
		parseLabel(c.t).kind == lkNone && !reHeadingLabel.MatchString(c.t)
}

// headingStarts: a row that opens with a heading label ("II. ", "A. ",
// "Chapter 3") or is an article or annex heading ("Article 5", "Annex II",
// "Annex I - Title") starts a paragraph.
func headingStarts(c *breakCtx) breakVerdict {
	if reHeadingLabel.MatchString(c.t) || reArticle.MatchString(c.t) || reAnnex.MatchString(c.t) {
		return breakPara
	}
	return noVerdict
}

// titleAfterHeading: "Annex" or "Article 5" alone on its line is
// followed by a paragraph (its title).
func titleAfterHeading(c *breakCtx) breakVerdict {
	if reAnnex.MatchString(c.pt) || reArticle.MatchString(c.pt) {
		return breakPara
	}
	return noVerdict
}

// runInListGoesOn: a lettered item at a line start whose paragraph
// carries the items before it inside its lines (inlineListGoesOn) goes
// on that paragraph.
func runInListGoesOn(c *breakCtx) breakVerdict {
	if c.labelledRow() && inlineListGoesOn(c.cur, c.t) {
		return joinPara
	}
	return noVerdict
}

// pageTurn decides on the first row of a page (or a row on another page
// than the row before): a labelled row after a paragraph that ended
// (sentence end or short line) starts a paragraph, as does any row after
// a line that ended a sentence more than 6 body sizes before the right
// margin (the paragraph ended at the foot of the page); otherwise r
// starts a paragraph only when it is indented (by more than 1.2 body
// sizes from the margin, and not left of the paragraph's first line)
// after a paragraph that ended, and the line before is not a bare label.
func pageTurn(c *breakCtx) breakVerdict {
	if !c.pageStart && c.r.page == c.prev.page {
		return noVerdict
	}
	prevEndsShort, prevEnds := c.prevEndsShort(), c.prevEnds
	if c.labelledRow() && (prevEnds || prevEndsShort) {
		return breakPara
	}
	if prevEndsShort && prevEnds && c.prev.end < c.m.right-6*c.size {
		return breakPara
	}
	indented := c.r.start > c.m.left+1.2*c.size && c.r.start > c.cur.rows[0].start-0.5*c.size
	if indented && (prevEnds || prevEndsShort) && len(c.cur.rows) > 0 && !isBareLabel(c.pt) {
		return breakPara
	}
	return joinPara
}

// lineGap: a gap wider than 1.25 times the line pitch starts a
// paragraph; between lines in type smaller than the body (notes,
// quotations) the pitch is scaled down with the type.
func lineGap(c *breakCtx) breakVerdict {
	pitch := c.pitch()
	if c.r.size < 0.95*c.lay.bodySize || c.prev.size < 0.95*c.lay.bodySize {
		pitch = pitch * math.Min(c.r.size, c.prev.size) / c.lay.bodySize
	}
	if c.r.y-c.prev.y > 1.25*pitch {
		return breakPara
	}
	return noVerdict
}

// pageGap: a gap wider than the page's own paragraph gap (pageGapBreak)
// after a line that stops more than 6 body sizes short of the right
// margin (a paragraph's last line), between rows in body type, starts a
// paragraph.
func pageGap(c *breakCtx) breakVerdict {
	if c.m.gapBreak > 0 && c.r.y-c.prev.y > c.m.gapBreak && c.prev.end < c.m.right-6*c.size &&
		math.Abs(c.r.size-c.lay.bodySize) <= 0.5 && math.Abs(c.prev.size-c.lay.bodySize) <= 0.5 {
		return breakPara
	}
	return noVerdict
}

// runInHeading: a one-line paragraph that is a heading line of what
// follows (runInHeadingLine) ends before r.
func runInHeading(c *breakCtx) breakVerdict {
	if runInHeadingLine(c.prev, c.r, c.m, c.size, c.cur) {
		return breakPara
	}
	return noVerdict
}

// labelAfterEnd: a labelled row after a line that ended a sentence or
// ended short starts a paragraph (the next numbered paragraph or item).
func labelAfterEnd(c *breakCtx) breakVerdict {
	if c.labelledRow() && (c.prevEnds || c.prevEndsShort()) {
		return breakPara
	}
	return noVerdict
}

// indentedRight reports r starting more than 1.2 body sizes right of
// the row before.
func (c *breakCtx) indentedRight() bool { return c.r.start > c.prev.start+1.2*c.size }

// indentInsideParagraph: a row indented from the row before, after a
// short line that ended a sentence, in a paragraph of more than one
// row, goes on the paragraph (the indented rules below do not apply).
func indentInsideParagraph(c *breakCtx) breakVerdict {
	if c.indentedRight() && c.prevEndsShort() && c.prevEnds && len(c.cur.rows) > 1 {
		return joinPara
	}
	return noVerdict
}

// indentAfterShortLine: a row indented from the short line before it
// starts a paragraph (a first-line indent after a paragraph's last
// line) when that line is neither a bare label nor labelled and starts
// no further right than the paragraph's first line.
func indentAfterShortLine(c *breakCtx) breakVerdict {
	if c.indentedRight() && c.prevEndsShort() && !isBareLabel(c.pt) && c.prev.start <= c.cur.rows[0].start+0.5*c.size && parseLabel(c.pt).kind == lkNone {
		return breakPara
	}
	return noVerdict
}

// indentedSentenceStart: a row indented from the margin and from the
// row before, after a short line that ended a sentence, starts a
// paragraph.
func indentedSentenceStart(c *breakCtx) breakVerdict {
	if c.r.start > c.m.left+1.2*c.size && c.indentedRight() && c.prevEndsShort() && c.prevEnds {
		return breakPara
	}
	return noVerdict
}

// indentedAfterShortLine: an indented first line (more than 1.2 body
// sizes from the margin, not left of the row before) after a line that
// ended more than 6 body sizes short of the right margin and is not a
// bare label starts a paragraph.
func indentedAfterShortLine(c *breakCtx) breakVerdict {
	if c.r.start > c.m.left+1.2*c.size && c.r.start >= c.prev.start-0.5*c.size && c.prevEndsShort() && c.prev.end < c.m.right-6*c.size && !isBareLabel(c.pt) {
		return breakPara
	}
	return noVerdict
}

// inlineListGoesOn reports a lettered item "(e)" at the start of a line
// whose paragraph carries the items before it inside its lines ("…
// notamment : (a) …; (b) …; (d) …;"): a run-in list, not a new paragraph.
func inlineListGoesOn(cur *para, t string) bool {
	l := parseLabel(t)
	if l.kind != lkLetter || l.pos < 2 || !strings.HasPrefix(l.raw, "(") || !strings.Contains(latinLetters, l.value) {
		return false
	}
	prev := "(" + posLetter(l.pos-1) + ") "
	for _, r := range cur.rows {
		if i := strings.Index(r.text, prev); i > 0 {
			return true
		}
	}
	return false
}

// ---- labels ----

type labelKind int

const (
	lkNone   labelKind = iota
	lkNum              // 1.  25.1  -1  一、
	lkLetter           // (a) a) (أ) а) （子）
	lkRoman            // (i) i)
)

type label struct {
	kind  labelKind
	value string // number as printed, Latin letter or roman numeral (lower case)
	rest  string // text after the label
	raw   string
	pos   int // 1-based alphabetical position for letters
}

var (
	reNum          = regexp.MustCompile(`^(\d{1,3}(?:\.\d{1,3}){0,3})(?:\.|\))(?:[\s\x{00a0}]+(\S.*))?$`)
	reNumDec       = regexp.MustCompile(`^(\d{1,3}(?:\.\d{1,3}){1,3})[\s\x{00a0}]+(\S.*)$`)
	reNumArabA     = regexp.MustCompile(`^[-–]\s?(\d{1,3})(?:\s+(\S.*))?$`)
	reNumArabB     = regexp.MustCompile(`^(\d{1,3})\s?[-–](?:\s+(\S.*))?$`)
	reNumZh        = regexp.MustCompile(`^([一二三四五六七八九十百零〇]{1,4})、\s*(.*)$`)
	reLetParen     = regexp.MustCompile(`^\(([a-z]{1,2}|[а-яё]|[\p{Arabic}]{1,2})\)[\s\x{00a0}]*(\S.*)?$`)
	reLetHalf      = regexp.MustCompile(`^([a-z]|[а-яё])\)[\s\x{00a0}]*(\S.*)?$`)
	reLetDot       = regexp.MustCompile(`^([a-z]|[а-яё])\.[\s\x{00a0}]+(\S.*)$`)
	reRomArab      = regexp.MustCompile(`^[’‘'](\d{1,2})[’‘']\s*(.*)$`)
	reRomZh        = regexp.MustCompile(`^[（(]([一二三四五六七八九十]{1,3})[）)]\s*(.*)$`)
	reLetZh        = regexp.MustCompile(`^[（(]([子丑寅卯辰巳午未申酉戌亥])[）)]\s*(.*)$`)
	reRomParen     = regexp.MustCompile(`^\(([ivxl]{1,6})\)[\s\x{00a0}]*(\S.*)?$`)
	reRomHalf      = regexp.MustCompile(`^([ivxl]{1,6})\)[\s\x{00a0}]*(\S.*)?$`)
	reNumParenArab = regexp.MustCompile(`^\(([1-9]\d?)\)[\s\x{00a0}]*(\S.*)$`)
	reArabicLet    = regexp.MustCompile(`^(?:\(([\p{Arabic}]ـ?)\)|\)([\p{Arabic}]ـ?)\()`) // a letter, in its medial form with a tatweel ("هـ")
)

var (
	latinLetters = "abcdefghijklmnopqrstuvwxyz"
	// UN Russian lists skip ё, й, ъ, ы, ь.
	cyrLetters = []rune("абвгдежзиклмнопрстуфхцчшщэюя")
	// UN Arabic lists follow the abjad order.
	arabicLetters = []string{"أ", "ب", "ج", "د", "هـ", "و", "ز", "ح", "ط", "ي", "ك", "ل", "م", "ن", "س", "ع", "ف", "ص", "ق", "ر", "ش", "ت", "ث", "خ", "ذ", "ض", "ظ", "غ"}
	zhBranches    = []rune("子丑寅卯辰巳午未申酉戌亥")
)

func toASCIIDigits(s string) string {
	if strings.IndexByte(s, 0xd9) < 0 && strings.IndexByte(s, 0xdb) < 0 {
		return s // no U+06xx lead byte of the Arabic-Indic digits
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '٠' && r <= '٩':
			return '0' + (r - '٠')
		case r >= '۰' && r <= '۹':
			return '0' + (r - '۰')
		}
		return r
	}, s)
}

// letterPos returns the 1-based alphabetical position of a list letter in
// its script's UN ordering (0 if unknown).
func letterPos(s string) int {
	s = arabicLetterForm(strings.TrimSpace(s))
	if s == "ه" {
		return 5
	}
	for i, a := range arabicLetters {
		if s == a || (a == "أ" && (s == "ا" || s == "إ" || s == "آ")) {
			return i + 1
		}
	}
	r, n := utf8.DecodeRuneInString(s)
	if n == len(s) {
		if r >= 'a' && r <= 'z' {
			return int(r-'a') + 1
		}
		if r == 'ё' {
			r = 'е'
		}
		for i, c := range cyrLetters {
			if c == r {
				return i + 1
			}
		}
		for i, c := range zhBranches {
			if c == r {
				return i + 1
			}
		}
	}
	if len(s) == 2 && s[0] == s[1] && s[0] >= 'a' && s[0] <= 'z' {
		return 26 + int(s[0]-'a') + 1
	}
	return 0
}

// arabicLetterForm folds the forms a list letter takes in Arabic texts
// to the letters of arabicLetters: the tatweel that draws the medial
// form ("هـ"), and the letters of the Arabic block's extensions that
// fonts and keyboards put in their place (heh doachashmee "ھ", heh goal
// "ہ" and ae "ە" for heh; farsi yeh "ی" and alef maksura "ى" for yeh;
// keheh "ک" for kaf).
func arabicLetterForm(s string) string {
	if len(s) < 2 || len(s) > 8 {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case 'ـ':
			return -1
		case 'ھ', 'ہ', 'ە':
			return 'ه'
		case 'ی', 'ى':
			return 'ي'
		case 'ک':
			return 'ك'
		}
		return r
	}, s)
}

func posLetter(pos int) string {
	if pos <= 0 {
		return "x"
	}
	if pos <= 26 {
		return string(rune('a' + pos - 1))
	}
	c := string(rune('a' + (pos-27)%26))
	return c + c
}

var zhDigits = map[rune]int{'一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

// zhNumber converts a Chinese numeral below 1000 to an integer.
func zhNumber(s string) int {
	total, cur := 0, 0
	for _, r := range s {
		switch r {
		case '十':
			if cur == 0 {
				cur = 1
			}
			total += cur * 10
			cur = 0
		case '百':
			if cur == 0 {
				cur = 1
			}
			total += cur * 100
			cur = 0
		case '零', '〇':
		default:
			cur = zhDigits[r]
		}
	}
	return total + cur
}

// parseLabel recognises the paragraph or list label at the start of
// text: the first of labelPatterns that matches labelCandidate(text).
func parseLabel(text string) label {
	t, ok := labelCandidate(text)
	if !ok {
		return label{}
	}
	for _, rule := range labelPatterns {
		if l, ok := rule(t); ok {
			return l
		}
	}
	return label{}
}

// labelCandidate is text ready for the label rules: figures in ASCII,
// spaces and bidi controls trimmed, a parenthesised character (㈠ ⑴ ⒜)
// spelled out. ok is false when no rule can match: the first character
// cannot open a label (mayOpenLabel), or a small letter is not followed
// by ')' or '.' within 8 bytes (it opens only "a)", "a." and "iv)").
func labelCandidate(text string) (t string, ok bool) {
	t = strings.TrimSpace(toASCIIDigits(text))
	t = strings.TrimLeft(t, "\u202a\u202b\u202c\u200f\u200e")
	if t == "" {
		return "", false
	}
	if r, n := utf8.DecodeRuneInString(t); r >= 0x2474 && r <= 0x24b5 || r >= 0x3220 && r <= 0x3243 {
		// parenthesized ideograph, digit or letter in one character: ㈠ ⑴ ⒜
		t = norm.NFKC.String(t[:n]) + " " + t[n:]
	}
	if !mayOpenLabel(firstRune(t)) {
		return "", false // none of the rules can match (most lines)
	}
	if r := firstRune(t); (r >= 'a' && r <= 'z' || r >= 'а' && r <= 'я' || r == 'ё') && !strings.ContainsAny(t[:min(len(t), 8)], ").") {
		return "", false
	}
	return t, true
}

// labelPatterns are the label patterns of parseLabel, in the order they
// are tried; the first that matches gives the label. Each is one way of
// numbering found in the corpus. (labelRules in clause_rules.go read a
// label in the light of the labels before it.)
var labelPatterns = []func(t string) (label, bool){
	labelRomanArabic,
	labelRomanParen,
	labelLetterParen,
	labelArabicLetter,
	labelRomanHalf,
	labelLetterHalf,
	labelLetterDot,
	labelArabicNumberedItem,
	labelZhLetter,
	labelZhRoman,
	labelZhNumber,
	labelNumber,
	labelDecimalNumber,
	labelArabicDashNumber,
	labelArabicNumberDash,
}

// labelHead is how many bytes of a text labelMatch gives the regexp
// engine.
const labelHead = 64

// labelMatch is re.FindStringSubmatch(t) for a label pattern re: anchored
// at both ends, a label of a few characters, and the rest of the text as
// its last group, "(.*)$" or "(\S.*)?$". Go's regexp engine runs such a
// pattern over the whole text, each of parseLabel's patterns over every
// paragraph; labelMatch runs it on the first labelHead bytes (cut after
// a non-space, so a run of spaces is whole in them) and, when the last
// group reaches the cut, extends it to the end of t: the same answer, as
// "." matches anything but a newline, which the rest must not hold.
func labelMatch(re *regexp.Regexp, t string) []string {
	cut := labelCut(t)
	if cut == len(t) {
		return re.FindStringSubmatch(t)
	}
	if strings.IndexByte(t[cut:], '\n') >= 0 {
		return nil // "." does not match a newline: the pattern cannot match t
	}
	loc := re.FindStringSubmatchIndex(t[:cut])
	if loc == nil {
		return nil
	}
	g := len(loc)/2 - 1
	if g < 1 || loc[2*g+1] != cut {
		return re.FindStringSubmatch(t) // not a pattern of that shape
	}
	m := make([]string, g+1)
	for i := range m {
		if loc[2*i] >= 0 {
			m[i] = t[loc[2*i]:loc[2*i+1]]
		}
	}
	m[0], m[g] = t[loc[0]:], t[loc[2*g]:]
	return m
}

// labelCut is where labelMatch cuts t: labelHead bytes, moved on to the
// end of a rune and past any spaces there and the rune after them.
func labelCut(t string) int {
	if len(t) <= labelHead {
		return len(t)
	}
	cut := labelHead
	for cut < len(t) && !utf8.RuneStart(t[cut]) {
		cut++
	}
	for cut < len(t) {
		r, _ := utf8.DecodeLastRuneInString(t[:cut])
		if !unicode.IsSpace(r) {
			break
		}
		_, n := utf8.DecodeRuneInString(t[cut:])
		cut += n
	}
	return cut
}

// labelRomanArabic: Arabic texts write sub-items ‘1’, ‘2’… where the
// other versions have (i), (ii)…: a roman item by its number.
func labelRomanArabic(t string) (label, bool) {
	m := labelMatch(reRomArab, t)
	if m == nil {
		return label{}, false
	}
	v := strings.ToLower(roman(atoi(m[1])))
	return label{kind: lkRoman, value: v, rest: m[2], raw: m[0][:len(m[0])-len(m[2])]}, true
}

// labelRomanParen: "(iv) text", a roman sub-item.
func labelRomanParen(t string) (label, bool) {
	m := labelMatch(reRomParen, t)
	if m == nil {
		return label{}, false
	}
	return label{kind: lkRoman, value: m[1], rest: m[2], raw: "(" + m[1] + ")"}, true
}

// labelLetterParen: "(b) text", "(б)", "(ب)": a lettered item by the
// letter's position in its alphabet.
func labelLetterParen(t string) (label, bool) {
	m := labelMatch(reLetParen, t)
	if m == nil {
		return label{}, false
	}
	return label{kind: lkLetter, value: posLetter(letterPos(m[1])), pos: letterPos(m[1]), rest: m[2], raw: "(" + m[1] + ")"}, true
}

// labelArabicLetter: an Arabic letter in brackets, either way round and
// in its medial form with a tatweel ("(هـ)", ")ب(").
func labelArabicLetter(t string) (label, bool) {
	m := reArabicLet.FindStringSubmatch(t)
	if m == nil {
		return label{}, false
	}
	p := letterPos(m[1] + m[2])
	return label{kind: lkLetter, value: posLetter(p), pos: p, rest: strings.TrimSpace(t[len(m[0]):]), raw: m[0]}, true
}

// labelRomanHalf: "iv) text", a roman sub-item with a closing bracket
// only ("l)" is the letter l).
func labelRomanHalf(t string) (label, bool) {
	m := labelMatch(reRomHalf, t)
	if m == nil || m[1] == "l" {
		return label{}, false
	}
	return label{kind: lkRoman, value: m[1], rest: m[2], raw: m[1] + ")"}, true
}

// labelLetterHalf: "b) text", "б)" (Russian versions): a lettered item
// with a closing bracket only.
func labelLetterHalf(t string) (label, bool) {
	m := labelMatch(reLetHalf, t)
	if m == nil {
		return label{}, false
	}
	return label{kind: lkLetter, value: posLetter(letterPos(m[1])), pos: letterPos(m[1]), rest: m[2], raw: m[1] + ")"}, true
}

// labelLetterDot: "b. text", a lettered item with a full stop; "i.",
// "v." and "x." are roman.
func labelLetterDot(t string) (label, bool) {
	m := labelMatch(reLetDot, t)
	if m == nil {
		return label{}, false
	}
	if m[1] == "i" || m[1] == "v" || m[1] == "x" {
		return label{kind: lkRoman, value: m[1], rest: m[2], raw: m[1] + "."}, true
	}
	return label{kind: lkLetter, value: posLetter(letterPos(m[1])), pos: letterPos(m[1]), rest: m[2], raw: m[1] + "."}, true
}

// labelArabicNumberedItem: Arabic texts number some lists (1), (2)…
// where the other language versions letter them (a), (b)…: items by
// position, when the text after the number is Arabic.
func labelArabicNumberedItem(t string) (label, bool) {
	m := labelMatch(reNumParenArab, t)
	if m == nil || !isArabicText(m[2]) {
		return label{}, false
	}
	p := atoi(m[1])
	return label{kind: lkLetter, value: posLetter(p), pos: p, rest: m[2], raw: "(" + m[1] + ")"}, true
}

// labelZhLetter: "（子）" and the other earthly branches, the lettered
// items of Chinese versions.
func labelZhLetter(t string) (label, bool) {
	m := labelMatch(reLetZh, t)
	if m == nil {
		return label{}, false
	}
	p := letterPos(m[1])
	return label{kind: lkLetter, value: posLetter(p), pos: p, rest: m[2], raw: "（" + m[1] + "）"}, true
}

// labelZhRoman: "（一）", the roman sub-items of Chinese versions.
func labelZhRoman(t string) (label, bool) {
	m := labelMatch(reRomZh, t)
	if m == nil {
		return label{}, false
	}
	return label{kind: lkRoman, value: strings.ToLower(roman(zhNumber(m[1]))), rest: m[2], raw: m[0][:len(m[0])-len(m[2])]}, true
}

// labelZhNumber: "一、", the paragraph numbers of Chinese versions.
func labelZhNumber(t string) (label, bool) {
	m := labelMatch(reNumZh, t)
	if m == nil {
		return label{}, false
	}
	n := zhNumber(m[1])
	if n <= 0 {
		return label{}, false
	}
	return label{kind: lkNum, value: itoa(n), rest: m[2], raw: m[1] + "、"}, true
}

// labelNumber: "12. text", "3.1. text", "4) text": a paragraph number
// with a full stop or bracket; a year ("2030.") is not one.
func labelNumber(t string) (label, bool) {
	m := labelMatch(reNum, t)
	if m == nil || looksLikeYear(m[1]) {
		return label{}, false
	}
	return label{kind: lkNum, value: m[1], rest: m[2], raw: m[1] + "."}, true
}

// labelDecimalNumber: "25.1 text", a decimal paragraph number without a
// final full stop (budget fascicles).
func labelDecimalNumber(t string) (label, bool) {
	m := labelMatch(reNumDec, t)
	if m == nil {
		return label{}, false
	}
	return label{kind: lkNum, value: m[1], rest: m[2], raw: m[1]}, true
}

// labelArabicDashNumber: "-12 text", a paragraph number with a dash
// before it (Arabic texts, the dash read on the left).
func labelArabicDashNumber(t string) (label, bool) {
	m := labelMatch(reNumArabA, t)
	if m == nil {
		return label{}, false
	}
	return label{kind: lkNum, value: m[1], rest: m[2], raw: "-" + m[1]}, true
}

// labelArabicNumberDash: "12- text" in an Arabic line, a paragraph
// number with a dash after it.
func labelArabicNumberDash(t string) (label, bool) {
	m := labelMatch(reNumArabB, t)
	if m == nil || !isArabicText(t) {
		return label{}, false
	}
	return label{kind: lkNum, value: m[1], rest: m[2], raw: m[1] + "-"}, true
}

func looksLikeYear(s string) bool { return len(s) == 4 && !strings.Contains(s, ".") }

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}

func isArabicText(s string) bool { return textutil.HasArabic(s) }

// isBareLabel reports whether s is only a label ("1.", "(a)", "-1").
func isBareLabel(s string) bool {
	l := parseLabel(s)
	return l.kind != lkNone && strings.TrimSpace(l.rest) == ""
}

// ---- headings ----

var (
	reHeadingLabel = regexp.MustCompile(`^(?:(?:[IVXL]{1,6})\.|[A-Z]\.|(?:CHAPTER|Chapter|CHAPITRE|Chapitre|CAPÍTULO|Capítulo|ГЛАВА|Глава)\s+[IVXL\d]+|第[一二三四五六七八九十百零〇]+章|الفصل\s)(?:\s|$)`)
	reArticle      = regexp.MustCompile(`^(?:(?:Article|ARTICLE|Artículo|ARTÍCULO|Статья|СТАТЬЯ|Art\.)\s+(\d+)\s*|第([一二三四五六七八九十百零〇]+)条\s*|المادة\s*\(?(\d+)\)?\s*|(\d+)\s*المادة\s*)$`) // ^ and $ factored out: Go runs a regexp whose alternatives each start with ^ at every position
	reAnnex        = regexp.MustCompile(`^(?:Annex|ANNEX|Annexe|ANNEXE|Anexo|ANEXO|Приложение|ПРИЛОЖЕНИЕ|附件|المرفق)(?:\s+([IVXL]+|\d+|[一二三四五六七八九十]+|الأول|الثاني|الثالث))?\s*\*?(?:\s+[-–—:]\s+\S.*)?$`)
)

func articleNumber(t string) string {
	m := reArticle.FindStringSubmatch(toASCIIDigits(strings.TrimSpace(t)))
	if m == nil {
		return ""
	}
	for _, g := range m[1:] {
		if g == "" {
			continue
		}
		if g[0] >= '0' && g[0] <= '9' {
			return g
		}
		return itoa(zhNumber(g))
	}
	return ""
}

var arabicOrdinals = map[string]string{"الأول": "I", "الثاني": "II", "الثالث": "III"}

func annexLabel(t string) (string, bool) {
	m := reAnnex.FindStringSubmatch(strings.TrimSpace(t))
	if m == nil {
		return "", false
	}
	v := m[1]
	if r, ok := arabicOrdinals[v]; ok {
		v = r
	}
	if v != "" && zhNumber(v) > 0 && !strings.ContainsAny(v, "IVXL0123456789") {
		v = roman(zhNumber(v))
	}
	return v, true
}

func roman(n int) string {
	vals := []int{100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}

// isHeading decides whether a paragraph is a section heading.
func isHeading(p para, lay docLayout, m pageMargins) bool {
	t := strings.TrimSpace(p.text)
	if t == "" || p.table != nil {
		return false
	}
	n := utf8.RuneCountInString(t)
	if articleNumber(t) != "" {
		return true
	}
	if _, ok := annexLabel(t); ok {
		return true
	}
	if n > 220 || len(p.rows) > 4 {
		return false
	}
	endsClause := strings.HasSuffix(t, ";") || strings.HasSuffix(t, ",") || strings.HasSuffix(t, ":") || strings.HasSuffix(t, "؛") || strings.HasSuffix(t, "；") || strings.HasSuffix(t, "，")
	if reHeadingLabel.MatchString(t) && !endsClause && n < 200 {
		return true
	}
	big := p.rows[0].size > 1.1*lay.bodySize
	bold := true
	for _, r := range p.rows {
		if !r.bold {
			bold = false
		}
	}
	centered := false
	if m.right > 0 {
		r0 := p.rows[0]
		lgap := r0.start - m.left
		rgap := m.right - r0.end
		centered = lgap > 4*lay.bodySize && rgap > 4*lay.bodySize && math.Abs(lgap-rgap) < math.Max(2.5*lay.bodySize, 0.3*(lgap+rgap))
	}
	caps := isAllCaps(t) && n > 3
	if endsClause || strings.HasSuffix(t, ".") && !caps && !big {
		return false
	}
	if l := parseLabel(t); l.kind != lkNone {
		// "1. Cross-cutting issues": a numbered bold heading
		// or a numbered line set centred ("1- اجتماعات كبار المسؤولين")
		return l.kind == lkNum && (bold || big || centered && len(p.rows) == 1 && !reSentenceEnd.MatchString(t)) && n < 150 && !strings.HasSuffix(t, ".")
	}
	return big || bold || centered || caps && (centered || bold)
}

// weakHeading reports whether a heading is one only by its bold face.
func weakHeading(p para, lay docLayout, m pageMargins) bool {
	t := strings.TrimSpace(p.text)
	if articleNumber(t) != "" || reHeadingLabel.MatchString(t) {
		return false
	}
	if _, ok := annexLabel(t); ok {
		return false
	}
	if p.rows[0].size > 1.1*lay.bodySize {
		return false
	}
	r0 := p.rows[0]
	lgap, rgap := r0.start-m.left, m.right-r0.end
	centered := lgap > 4*lay.bodySize && rgap > 4*lay.bodySize && math.Abs(lgap-rgap) < math.Max(2.5*lay.bodySize, 0.3*(lgap+rgap))
	return !centered
}

func isAllCaps(s string) bool {
	up, low := caseCounts(s)
	return up > 3 && low == 0
}

// caseCounts counts the upper-case and the lower-case letters of s.
func caseCounts(s string) (up, low int) {
	for _, r := range s {
		if unicode.IsUpper(r) {
			up++
		} else if unicode.IsLower(r) {
			low++
		}
	}
	return up, low
}

func sortedKeys(m map[string]int) []string {
	var k []string
	for s := range m {
		k = append(k, s)
	}
	sort.Strings(k)
	return k
}

// lastRuneIn matches text whose last rune is one of its runes (the regexp
// `[set]$` without its cost: Go's regexp tries an unanchored pattern at
// every position of the text).
type lastRuneIn string

// MatchString reports whether s ends with one of the runes of set.
func (set lastRuneIn) MatchString(s string) bool {
	r, n := utf8.DecodeLastRuneInString(s)
	return n > 0 && strings.ContainsRune(string(set), r) && r != utf8.RuneError
}

// mayOpenLabel reports whether r can be the first rune of a label matched
// by parseLabel's patterns: an ASCII digit (reNum, reNumDec, reNumArabB),
// a dash (reNumArabA), a Chinese numeral (reNumZh), a parenthesis (reLetParen,
// reRomParen, reRomZh, reLetZh, reArabicLet), a Latin or Cyrillic small
// letter (reLetHalf, reLetDot, reRomHalf) or a quote (reRomArab). Keep it in
// step with those patterns.
func mayOpenLabel(r rune) bool {
	switch {
	case r >= '0' && r <= '9', r >= 'a' && r <= 'z', r >= 'а' && r <= 'я', r == 'ё':
		return true
	}
	return strings.ContainsRune("-–()（’‘'一二三四五六七八九十百零〇", r)
}
