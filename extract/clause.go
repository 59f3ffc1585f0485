package extract

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// reIntro matches the line that opens the preamble of a resolution
// ("The General Assembly,") in the six languages.
var reIntro = regexp.MustCompile(`(?i)^(?:(?:The (?:General Assembly|Security Council|Economic and Social Council|Human Rights Council|Commission|Conference|Council|Committee|Executive Committee|Assembly)|L[’']Assemblée générale|Le Conseil de sécurité|Le Conseil économique et social|Le Conseil des droits de l[’']homme|La Commission|La Conférence|La Asamblea General|El Consejo de Seguridad|El Consejo Económico y Social|El Consejo de Derechos Humanos|La Comisión|Генеральная Ассамблея|Совет Безопасности|Экономический и Социальный Совет|Совет по правам человека|Комиссия|大会|安全理事会|经济及社会理事会|人权理事会|إن الجمعية العامة|إن مجلس الأمن|إن المجلس الاقتصادي والاجتماعي|إن مجلس حقوق الإنسان|إن اللجنة|الجمعية العامة|مجلس الأمن)\s*[,،，:]\s*|إن (?:الجمعية العامة|مجلس الأمن|المجلس الاقتصادي والاجتماعي|مجلس حقوق الإنسان|اللجنة)\s*[,،]?\s*)$`)

// reIntroLong matches the opening line of a resolution naming a commission,
// conference, committee or council in full ("The Economic and Social
// Commission for Western Asia,", "La Commission économique et sociale pour
// l’Asie occidentale,", "إن اللجنة الاقتصادية والاجتماعية لغربي آسيا،").
var reIntroLong = regexp.MustCompile(`^(?:(?:The|La|Le|El|L[’'])\s*(?:[\p{Lu}][\p{L}’'\-]*\s+(?:and\s+|et\s+|y\s+)?){0,4}(?:Commission|Comisión|Conference|Conférence|Conferencia|Committee|Comité|Council|Conseil|Consejo)(?:\s+[\p{L}’'()\-]+){0,8}|(?:[\p{Lu}][\p{L}\-]*\s+(?:и\s+)?){0,3}(?:комиссия|Комиссия|конференция|Конференция|комитет|Комитет|совет|Совет)(?:\s+[\p{L}()\-]+){0,6}|إن\s+(?:اللجنة|المؤتمر|المجلس|لجنة|مجلس)(?:\s+\S+){0,8}|\p{Han}{2,20}(?:委员会|会议|理事会))\s*[,،，]$`)

var reMeetingLine = regexp.MustCompile(`(?i)^(?:\d+(?:st|nd|rd|th|e|re|ª|a|-?е|-?я)?\.?\s+(?:plenary meeting|séance plénière|sesión plenaria|пленарное заседание)|第\d+次全体会议|الجلسة العامة\s*\d*)`)

// reTestimonium matches the opening words of a treaty's closing formulas
// ("IN FAITH WHEREOF…", "DONE at…") in the six languages, for texts that
// do not set them apart by indentation.
var reTestimonium = regexp.MustCompile(`(?i)^(?:in faith whereof|in witness whereof|done at|en foi de quoi|fait à|en fe de lo cual|hech[ao] en|в удостоверение чего|совершено в|составлен[ао]? в|为此|ومصادقا? لما تقدم|وإثباتا لذلك|حرر في|صدر ب)`)

// mode is the structure found in a document.
type docMode int

const (
	modeUnstructured docMode = iota
	modeNumbered
	modeResolution
	modeTreaty
)

type idBuilder struct {
	mode     docMode
	out      []Clause
	rows     [][]row // rows of each clause, for footnote markers
	prefix   string  // annex prefix
	cmpBase  string  // "para_3__cmp_2__"
	cmpN     int
	mainLast string // last main-sequence paragraph number
	mainPara string // id of the last main-sequence paragraph
	pre      int
	numSeen  bool // a numbered paragraph was seen in the current context
	article  string
	artHas   bool
	para     string // id of the current numbered paragraph (or article part)
	letter   string // id of the current lettered item
	letPos   int
	section  []string
	unNum    int
	preOK    bool // unnumbered paragraphs are preambular here
	// reproduced texts (components) under a main paragraph
	cmpPending   bool // a heading after a main paragraph may open a component
	cmpOpen      bool
	cmpPara      int     // unnumbered paragraphs counted inside the component
	cmpOper      bool    // an operative paragraph was seen in the component
	mainStart    float64 // indentation of the main paragraphs' numbers
	lastDec      string  // last decimal paragraph number accepted
	secPage      []int   // page of each section heading
	artStart     float64 // indentation of the current article's text
	numStart     float64 // indentation of the numbered paragraphs in the current text
	concl        int     // conclusions paragraphs of the current reproduced text
	closing      []para  // indented paragraphs after an article's text: the treaty's closing formulas, unless an article follows
	digitSub     bool    // (1), (2)… items are under a lettered item here
	afterHeading bool    // a heading came after the last clause
	// parts of an annex: its title, the lettered parts seen in sequence
	// (their count and the position of the last letter), the part of
	// each clause (parallel to out until the annexes are settled)
	annexTitle    map[string]string
	annexSec      int
	annexPos      int
	annexSecTitle map[string]string
	partOf        []string
	cmpLast       string // last paragraph number of the current reproduced text
	closedCmp     string // reproduced text closed by a heading, and its last number
	closedLast    string
	// unMain: the report's own paragraphs carry no numbers in the text
	// (see unnumberedReport); they are counted in order, and only the
	// reproduced texts inside them are numbered
	unMain bool
	// tables: how many each paragraph holds, and the ids of table clauses
	tableN map[string]int
	tables map[string]bool
	// numbers that opened paragraphs, by context (annex and component)
	numsSeen map[string]bool
	// the document's layout and the number of its first page
	lay       docLayout
	firstPage int
}

// flushClosing gives paragraphs held as closing formulas back to the
// article before them: more articles follow, so they were its text.
func (b *idBuilder) flushClosing() {
	for _, p := range b.closing {
		b.appendLast(p)
	}
	b.closing = nil
}

func (b *idBuilder) sectionString() string {
	var parts []string
	for _, s := range b.section {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " / ")
}

// isSentence reports a short paragraph that is a whole sentence ("No
// issues were raised under this item.").
func isSentence(t string) bool {
	return len([]rune(t)) >= 20 && reSentenceEnd.MatchString(t) && !strings.HasSuffix(t, ",") && !strings.HasSuffix(t, "،")
}

func (b *idBuilder) add(id string, p para, text string, numbered bool) {
	b.afterHeading = false
	b.partOf = append(b.partOf, b.prefix+strconv.Itoa(b.annexSec))
	b.out = append(b.out, Clause{ID: id, Page: p.page, Section: b.sectionString(), Text: text, Numbered: numbered})
	b.rows = append(b.rows, p.rows)
}

func (b *idBuilder) appendLast(p para) bool {
	// text after a table goes on the paragraph that introduced it: a
	// table clause holds only the table's cells
	k := len(b.out) - 1
	for k >= 0 && b.tables[b.out[k].ID] {
		k--
	}
	if k < 0 {
		return false
	}
	last := &b.out[k]
	last.Text = strings.TrimSpace(last.Text + "\n" + p.text)
	b.rows[k] = append(b.rows[k], p.rows...)
	return true
}

// table adds a table as one clause under the paragraph before it (the
// one that introduces it): <parent>__table_N, N counting the tables of
// that paragraph. A table before any paragraph of its annex (a list of
// documents) or of a structured document (front matter) is read like an
// unnumbered paragraph there; in a document without structure it is
// table_N.
func (b *idBuilder) table(p para) {
	parent := ""
	for k := len(b.out) - 1; k >= 0; k-- {
		if !b.tables[b.out[k].ID] {
			parent = b.out[k].ID
			break
		}
	}
	if !strings.HasPrefix(parent, b.prefix) || parent == "" && b.mode != modeUnstructured {
		// no paragraph of its annex or document introduces it: the
		// table is read as the annex's own text (a list of documents),
		// or as front matter before the first paragraph
		b.clause(p)
		return
	}
	if b.tableN == nil {
		b.tableN, b.tables = map[string]int{}, map[string]bool{}
	}
	b.tableN[parent]++
	id := "table_" + strconv.Itoa(b.tableN[parent])
	if parent != "" {
		id = parent + "__" + id
	}
	numbered := len(b.out) > 0 && b.out[len(b.out)-1].Numbered
	b.add(id, p, p.text, numbered)
	b.tables[id] = true
}

func (b *idBuilder) resetContext() {
	b.cmpBase, b.cmpN, b.mainLast, b.mainPara = "", 0, "", ""
	b.closedCmp, b.cmpLast = "", ""
	b.pre, b.numSeen, b.article, b.artHas, b.para, b.letter, b.letPos = 0, false, "", false, "", "", 0
}

// reArabicSectionLetter matches an Arabic section heading lettered by the
// names of the letters in abjad order ("ألف-", "باء-"…), the Arabic
// version of "A.", "B."….
var reArabicSectionLetter = regexp.MustCompile(`^(?:` + strings.Join(arabicLetterNames, "|") + `)\s*[-–—]`)

var (
	reChapter    = regexp.MustCompile(`^(?:CHAPTER|Chapter|CHAPITRE|Chapitre|CAPÍTULO|Capítulo|ГЛАВА|Глава|第.+章|الفصل)`)
	reRomanHead  = regexp.MustCompile(`^[IVXL]{1,6}\.`)
	reLetterHead = regexp.MustCompile(`^[A-Z]\.`)
)

func headingLevel(t string) int {
	switch {
	case reChapter.MatchString(t):
		return 0
	case reRomanHead.MatchString(t):
		return 0
	case reLetterHead.MatchString(t), reArabicSectionLetter.MatchString(t):
		return 1
	}
	return 2
}

// mainUnnumbered adds the next paragraph of a report whose paragraphs
// carry no numbers: para_N counted in order, Numbered false.
func (b *idBuilder) mainUnnumbered(p para, text string) {
	b.flushClosing()
	b.unNum++
	b.numSeen = true
	b.mainLast = strconv.Itoa(b.unNum)
	b.mainPara = b.prefix + "para_" + b.mainLast
	b.para, b.letter, b.letPos = b.mainPara, "", 0
	b.add(b.mainPara, p, text, false)
}

// unnumberedReport recognises a report whose own paragraphs are not
// numbered in the text layer while the texts it reproduces are (the
// Arabic ESCWA session report: its paragraph numbers are not in the text,
// the declaration and resolutions of its paragraph 3 are numbered -1,
// -2…). It returns the indices of the unnumbered paragraphs that open
// the report, or nil. All of these must hold:
//   - before the first numbered paragraph, which is numbered 1, there is a
//     run of prose paragraphs in body type that do not end with a comma
//     (not a preamble), after a heading and after the last paragraph of
//     other kinds (contents lines, page numbers), and only headings
//     (the title of the reproduced text) come between the run and the 1;
//   - after that, a chapter heading is followed by an unnumbered prose
//     paragraph: the report goes on without numbers (in a report whose
//     paragraphs are numbered, a chapter opens with a numbered paragraph).
func unnumberedReport(paras []para, lay docLayout) map[int]bool {
	var held []int
	first := -1
	for i, p := range paras {
		if p.heading {
			continue
		}
		t := strings.TrimSpace(p.text)
		if parseLabel(t).kind == lkNum {
			first = i
			break
		}
		if isProse(t) && !strings.HasSuffix(t, ",") && !strings.HasSuffix(t, "،") && !strings.HasSuffix(t, "，") &&
			len(p.rows) > 0 && math.Abs(p.rows[0].size-lay.bodySize) <= 1 {
			held = append(held, i)
		} else {
			held = held[:0]
		}
	}
	if first < 0 || len(held) == 0 || parseLabel(strings.TrimSpace(paras[first].text)).value != "1" {
		return nil
	}
	if first-held[len(held)-1] < 2 || held[0] == 0 || !paras[held[0]-1].heading {
		return nil
	}
	goesOn := false
	for i := first + 1; i < len(paras) && !goesOn; i++ {
		t := strings.TrimSpace(paras[i].text)
		if _, ok := annexLabel(t); ok && paras[i].heading {
			break
		}
		if !paras[i].heading || headingLevel(t) != 0 {
			continue
		}
		j := i + 1
		for j < len(paras) && paras[j].heading {
			j++
		}
		if j < len(paras) {
			u := strings.TrimSpace(paras[j].text)
			goesOn = parseLabel(u).kind == lkNone && isProse(u)
		}
	}
	if !goesOn {
		return nil
	}
	m := map[int]bool{}
	for _, i := range held {
		m[i] = true
	}
	return m
}

// isMinorHeading reports whether an unnumbered paragraph among numbered
// ones is a short heading line (italic sub-headings of reports).
func isMinorHeading(p para) bool {
	t := strings.TrimSpace(p.text)
	if len(p.rows) > 2 || len([]rune(t)) > 120 || t == "" {
		return false
	}
	if reSentenceEnd.MatchString(t) {
		return false
	}
	r := firstRune(t)
	return unicode.IsUpper(r) || !unicode.IsLower(r) && !unicode.IsDigit(r)
}

// plausibleNumber accepts decimal paragraph numbers (25.1) only where they
// start a series (N.1) or continue the previous one, and never numbers
// that start with 0.
func (b *idBuilder) plausibleNumber(v string) bool {
	if strings.HasPrefix(v, "0") {
		return false
	}
	if !strings.Contains(v, ".") {
		// in a document numbered 25.1, 25.2…, whole numbers open table rows
		return !strings.Contains(b.mainLast, ".") || b.article != "" || b.cmpBase != ""
	}
	i := strings.LastIndex(v, ".")
	if b.mainLast != "" && !strings.Contains(b.mainLast, ".") && b.cmpBase == "" {
		return false // whole-number paragraphs: decimals are figures
	}
	if v[i+1:] == "1" && len(v[:i]) <= 3 {
		b.lastDec = v
		return true
	}
	if isNext(b.lastDec, v) {
		b.lastDec = v
		return true
	}
	return false
}

func (b *idBuilder) closeCmp() {
	if b.cmpBase != "" {
		b.closedCmp, b.closedLast = b.cmpBase, b.cmpLast
	}
	if b.cmpOpen || b.cmpBase != "" {
		b.cmpBase, b.cmpN = "", 0
		b.para = b.mainPara
		b.numStart, b.concl = 0, 0
	}
	b.cmpOpen, b.cmpPending = false, false
}

// openCmp starts the next reproduced text under the current main paragraph.
func (b *idBuilder) openCmp() {
	b.cmpN++
	// mainPara carries the annex prefix, which ids add again
	b.cmpBase = strings.TrimPrefix(b.mainPara, b.prefix) + "__cmp_" + strconv.Itoa(b.cmpN) + "__"
	b.cmpOpen, b.cmpPending = true, false
	b.cmpPara, b.cmpOper, b.pre = 0, false, 0
	b.cmpLast, b.closedCmp = "", ""
	b.para, b.letter, b.letPos = "", "", 0
	b.numStart, b.concl = 0, 0
}

// isProse reports whether an unnumbered paragraph reads as a paragraph of
// a reproduced text (not a table row or a caption).
func isProse(t string) bool {
	return len([]rune(t)) >= 60 && reSentenceEnd.MatchString(t)
}

func (b *idBuilder) cmpHas(v string) bool {
	id := b.prefix + b.cmpBase + "para_" + v
	for _, c := range b.out {
		if c.ID == id {
			return true
		}
	}
	return false
}

func romanIsLetter(v string, prevPos int) bool {
	p := letterPos(v)
	return p > 0 && p == prevPos+1
}

// isNext reports whether b follows a in a paragraph numbering.
func isNext(a, b string) bool {
	if a == "" {
		return false
	}
	ai := strings.LastIndex(a, ".")
	bi := strings.LastIndex(b, ".")
	if ai != bi || a[:ai+1] != b[:bi+1] {
		return false
	}
	x, err1 := strconv.Atoi(a[ai+1:])
	y, err2 := strconv.Atoi(b[bi+1:])
	return err1 == nil && err2 == nil && y == x+1
}

// segmentClauses turns cleaned pages into clauses. start is the index of
// the first body row on page 1 (rows before it are the masthead).
func segmentClauses(pages []cleanPage, lay docLayout, start int, intro bool) []Clause {
	if len(pages) == 0 {
		return nil
	}
	pages, paras := bodyParas(pages, lay, start)
	b := &idBuilder{mode: documentMode(paras, intro), lay: lay, firstPage: pages[0].number}
	b.preOK = b.mode == modeTreaty || b.mode == modeResolution
	var unMainAt map[int]bool
	if b.mode == modeNumbered {
		unMainAt = unnumberedReport(paras, lay)
		b.unMain = unMainAt != nil
	}
	for i, p := range paras {
		b.bodyPara(p, unMainAt[i])
	}
	for _, step := range finishSteps {
		step(b)
	}
	attachFootnotes(b, pages)
	return b.out
}

// bodyParas drops the masthead rows of page 1 and the lines of a table of
// contents, finds the tables, and builds the body's paragraphs, each
// marked heading (and weak heading) or not.
func bodyParas(pages []cleanPage, lay docLayout, start int) ([]cleanPage, []para) {
	pages = append([]cleanPage(nil), pages...)
	if start > len(pages[0].rows) {
		start = len(pages[0].rows)
	}
	pages[0].rows = pages[0].rows[start:]
	for i := range pages {
		pages[i].rows = findTables(dropContentsLines(pages[i].rows))
	}
	paras := buildParas(pages, lay)
	margins := map[int]pageMargins{}
	for _, p := range pages {
		margins[p.number] = marginsOf(p, lay.bodySize)
	}
	for i := range paras {
		paras[i].heading = isHeading(paras[i], lay, margins[paras[i].page])
		paras[i].weak = paras[i].heading && weakHeading(paras[i], lay, margins[paras[i].page])
	}
	return pages, paras
}

// documentMode decides, once per document, how its paragraphs are
// numbered: a treaty (two "Article N" headings or more: art_N), a
// resolution (an intro line opens its preamble: preamble__para_N, then
// para_N), a document whose paragraphs carry printed numbers
// (printedNumbering: para_N as printed), else unstructured text (para_N
// in reading order).
func documentMode(paras []para, intro bool) docMode {
	arts := 0
	var nums []string
	for _, p := range paras {
		t := strings.TrimSpace(p.text)
		if p.heading && articleNumber(t) != "" {
			arts++
		}
		if l := parseLabel(t); !p.heading && p.table == nil && l.kind == lkNum {
			nums = append(nums, l.value)
		}
	}
	switch {
	case arts >= 2:
		return modeTreaty
	case intro:
		return modeResolution
	case printedNumbering(nums):
		return modeNumbered
	}
	return modeUnstructured
}

// bodyPara gives one body paragraph to the builder: a table, a heading,
// or a clause (clauseRules). unMain: it is one of the unnumbered
// paragraphs that open a report whose own paragraphs carry no numbers.
func (b *idBuilder) bodyPara(p para, unMain bool) {
	switch {
	case p.table != nil:
		b.table(p)
		return
	case unMain:
		if !b.numSeen {
			b.dropContentsSections(p.page)
		}
		b.mainUnnumbered(p, strings.TrimSpace(p.text))
		return
	}
	if b.mode == modeNumbered && !b.numSeen && b.prefix == "" {
		// a summary on the first page before paragraph 1 is kept as preamble
		b.preOK = p.page == b.firstPage && len([]rune(p.text)) >= 80 && math.Abs(p.rows[0].size-b.lay.bodySize) <= 1
	}
	if p.heading && p.weak && b.preOK && !b.numSeen && b.article == "" && b.mode != modeNumbered {
		p.heading = false // bold line of a preamble ("WE THE PEOPLES…")
	}
	if p.heading && b.strayPartLetter(strings.TrimSpace(p.text)) {
		p.heading = false
	}
	if p.heading {
		b.heading(p.text)
		for len(b.secPage) < len(b.section) {
			b.secPage = append(b.secPage, 0)
		}
		b.secPage = b.secPage[:len(b.section)]
		b.secPage[len(b.section)-1] = p.page
		return
	}
	if b.mode == modeNumbered && b.numSeen && smallType(p, b.lay.bodySize) {
		return // table cells, captions and source lines in small type between paragraphs
	}
	if !b.numSeen && b.mode == modeNumbered && parseLabel(p.text).kind == lkNum {
		b.dropContentsSections(p.page)
	}
	b.clause(p)
}

// dropContentsSections forgets the headings set on pages before page,
// where the first paragraph stands: they were the lines of a table of
// contents.
func (b *idBuilder) dropContentsSections(page int) {
	for k := range b.section {
		if k < len(b.secPage) && b.secPage[k] < page {
			b.section[k] = ""
		}
	}
}

// finishSteps settle the ids once every paragraph is read, in order.
var finishSteps = []func(*idBuilder){
	(*idBuilder).settleUnstructuredAnnexes,
	(*idBuilder).operativeFromPreamble,
	(*idBuilder).dropLoneComponents,
}

// printedNumbering decides, once per document, whether its paragraphs
// carry printed numbers. vals are the numbers that open its paragraphs
// (not headings), in order. They must be at least two and mostly follow
// one another: each is 1 (or N.1), opening a series (a reproduced text,
// an annex), or the next of a number seen before it. A document whose
// text layer has no paragraph numbers but a few paragraphs that open with
// a figure (a year, a page reference, "10." and "20." of a list of
// amounts, a table-of-contents range) is not numbered: its paragraphs are
// counted in reading order (para_1, para_2…), as in every language
// version, instead of taking their numbers from those figures.
func printedNumbering(vals []string) bool {
	if len(vals) < 2 {
		return false
	}
	seen := map[string]bool{}
	follow := 0
	for _, v := range vals {
		if v == "1" || strings.HasSuffix(v, ".1") || prevSeen(seen, v) {
			follow++
		}
		seen[v] = true
	}
	return follow*2 > len(vals)
}

// strayNumber reports a number that cannot continue the paragraph
// numbering where it stands: more than three past the last paragraph
// number of the document, of the reproduced text it is in and of the
// one closed before, and its predecessor never seen there (a year,
// a page or a figure at the start of a line; a number or two lost from
// the text layer is not a jump). In a treaty article it is a number more
// than three past the article's last paragraph number (the "145." of a
// year, 1945, read by OCR on a line of its own).
func (b *idBuilder) strayNumber(v string) bool {
	if v == "1" || strings.Contains(v, ".") {
		return false
	}
	if b.mode == modeTreaty {
		n, err := strconv.Atoi(v)
		if err != nil || b.article == "" {
			return false
		}
		last, _ := strconv.Atoi(strings.TrimPrefix(b.para, b.article+"__para_"))
		return n > last+3
	}
	n, err := strconv.Atoi(v)
	if err != nil || b.mainLast == "" {
		return false
	}
	for _, last := range []string{b.mainLast, b.cmpLast, b.closedLast} {
		if m, err := strconv.Atoi(last); err == nil && n <= m+3 {
			return false
		}
	}
	p := strconv.Itoa(n - 1)
	return !b.numsSeen[b.prefix+p] && !b.numsSeen[b.prefix+b.cmpBase+p]
}

// prevSeen reports whether the number before v is among seen.
func prevSeen(seen map[string]bool, v string) bool {
	i := strings.LastIndex(v, ".")
	n, err := strconv.Atoi(v[i+1:])
	return err == nil && n > 1 && seen[v[:i+1]+strconv.Itoa(n-1)]
}

// dropContentsLines drops the lines of a table of contents: a line with
// a dot leader ("Introduction ........ 1-5 3"), and the line just above
// it that is the first line of the same entry, wrapped ("1. Policy on
// asylum and immigration; trafficking; integration" above "policy
// ........ 53 - 67 12"): it does not end a sentence and the leader line
// follows at the step of one line. Left in, such a line opens with the
// entry's number and would be taken for a numbered paragraph.
func dropContentsLines(rows []row) []row {
	var keep []row
	for _, r := range rows {
		if (strings.Count(r.text, ".") >= 6 || strings.Contains(r.text, "……")) && reDotLeader.MatchString(r.text) {
			if n := len(keep); n > 0 {
				p := keep[n-1]
				if p.table == nil && r.y > p.y && r.y-p.y <= 1.6*math.Max(r.size, p.size) && !reSentenceEnd.MatchString(strings.TrimSpace(p.text)) {
					keep = keep[:n-1]
				}
			}
			continue
		}
		keep = append(keep, r)
	}
	return keep
}

// strayPartLetter reports a heading inside an annex that opens with a
// capital and a full stop out of the sequence of the annex's lettered
// parts and in mixed case: "M. Walid al-Bukhaari" in a French list of
// participants is a name, not part M.
func (b *idBuilder) strayPartLetter(t string) bool {
	if b.prefix == "" || b.annexPos == 0 {
		return false
	}
	pos := sectionLetterPos(t)
	if pos <= 1 || pos == b.annexPos+1 || strings.ContainsRune("IVXL", rune(t[0])) {
		return false
	}
	_, low := caseCounts(t)
	return low > 0
}

// sectionLetterPos is the position of the letter of a lettered section
// heading ("C. UNITED NATIONS SECRETARIAT" is 3, "جيم- الأمانة…" is 3),
// 0 for other headings.
func sectionLetterPos(t string) int {
	if len(t) >= 3 && t[0] >= 'A' && t[0] <= 'Z' && t[1] == '.' && (t[2] == ' ' || t[2] == '\t') {
		return int(t[0]-'A') + 1
	}
	if m := reArabicSectionLetter.FindString(t); m != "" {
		name := strings.TrimSpace(strings.TrimRight(m, "-–— "))
		for i, n := range arabicLetterNames {
			if n == name {
				return i + 1
			}
		}
	}
	return 0
}

// arabicLetterNames are the names of the Arabic letters in abjad order,
// used as section letters (ألف = A, باء = B…).
var arabicLetterNames = []string{"ألف", "باء", "جيم", "دال", "هاء", "واو", "زاي", "حاء", "طاء", "ياء", "كاف", "لام", "ميم", "نون", "سين", "عين", "فاء", "صاد", "قاف", "راء", "شين", "تاء", "ثاء", "خاء", "ذال", "ضاد", "ظاء", "غين"}

// settleUnstructuredAnnexes gives the annexes that number none of their
// paragraphs (lists of participants, lists of documents, letters) the ids
// of unstructured text: annex_I__para_N, numbered false, not preambular
// paragraphs. An annex that reads as a table or a list (most of its
// paragraphs are not sentences) is cut only at its lettered parts ("A.
// ESCWA MEMBER STATES", "B. …"), one clause each: the cells of a table
// are not paragraphs, and each language version breaks them differently.
func (b *idBuilder) settleUnstructuredAnnexes() {
	if len(b.partOf) != len(b.out) {
		return
	}
	type annex struct{ n, prose int }
	annexes := map[string]*annex{}
	structured := map[string]bool{}
	split := func(id string) (prefix, rest string) {
		if !strings.HasPrefix(id, "annex") {
			return "", id
		}
		i := strings.Index(id, "__")
		return id[:i+2], id[i+2:]
	}
	for _, c := range b.out {
		prefix, rest := split(c.ID)
		if prefix == "" {
			continue
		}
		if !strings.HasPrefix(rest, "preamble__para_") {
			structured[prefix] = true
			continue
		}
		a := annexes[prefix]
		if a == nil {
			a = &annex{}
			annexes[prefix] = a
		}
		a.n++
		if isProse(c.Text) {
			a.prose++
		}
	}
	var out []Clause
	var rows [][]row
	var parts []string
	lastKey := ""
	count := map[string]int{}
	for k, c := range b.out {
		prefix, rest := split(c.ID)
		a := annexes[prefix]
		if prefix == "" || structured[prefix] || a == nil {
			out, rows, parts = append(out, c), append(rows, b.rows[k]), append(parts, b.partOf[k])
			lastKey = ""
			continue
		}
		if a.prose*2 >= a.n {
			// prose (a letter, a statement): each paragraph is para_N
			c.ID = prefix + strings.TrimPrefix(rest, "preamble__")
			c.Numbered = false
			out, rows, parts = append(out, c), append(rows, b.rows[k]), append(parts, b.partOf[k])
			lastKey = ""
			continue
		}
		key := b.partOf[k]
		if key == lastKey && len(out) > 0 {
			last := &out[len(out)-1]
			last.Text = strings.TrimSpace(last.Text + "\n" + c.Text)
			rows[len(rows)-1] = append(rows[len(rows)-1], b.rows[k]...)
			continue
		}
		lastKey = key
		count[prefix]++
		c.ID = prefix + "para_" + strconv.Itoa(count[prefix])
		c.Numbered = false
		c.Label = ""
		if t := b.annexSecTitle[key]; t != "" {
			c.Section = b.annexTitle[prefix] + " / " + t
		}
		out, rows, parts = append(out, c), append(rows, b.rows[k]), append(parts, key)
	}
	b.out, b.rows, b.partOf = out, rows, parts
}

// smallType reports a paragraph set wholly in type clearly smaller than
// the body's.
func smallType(p para, bodySize float64) bool {
	if bodySize <= 0 || len(p.rows) == 0 {
		return false
	}
	for _, r := range p.rows {
		if r.size > 0.9*bodySize {
			return false
		}
	}
	return true
}

// dropLoneComponents folds back components made of a single paragraph:
// one unnumbered paragraph after a heading is text of the report (a
// caption, a note), not a reproduced text.
func (b *idBuilder) dropLoneComponents() {
	count := map[string]int{}
	for _, c := range b.out {
		if i := strings.Index(c.ID, "__cmp_"); i >= 0 {
			j := strings.Index(c.ID[i+6:], "__")
			if j >= 0 {
				count[c.ID[:i+6+j]]++
			}
		}
	}
	var out []Clause
	var rows [][]row
	for k, c := range b.out {
		if i := strings.Index(c.ID, "__cmp_"); i >= 0 && len(out) > 0 {
			j := strings.Index(c.ID[i+6:], "__")
			if j >= 0 && count[c.ID[:i+6+j]] == 1 {
				last := &out[len(out)-1]
				last.Text = strings.TrimSpace(last.Text + "\n" + c.Text)
				rows[len(rows)-1] = append(rows[len(rows)-1], b.rows[k]...)
				continue
			}
		}
		out = append(out, c)
		rows = append(rows, b.rows[k])
	}
	b.out, b.rows = out, rows
}

// operativeFromPreamble handles resolutions whose single operative
// paragraph is not numbered: the paragraphs after the last preambular one
// (ending with a comma) become para_1.
func (b *idBuilder) operativeFromPreamble() {
	if b.mode != modeResolution {
		return
	}
	for _, c := range b.out {
		if !strings.Contains(c.ID, "preamble__") || strings.Contains(c.ID, "annex") {
			if strings.HasPrefix(c.ID, "para_") {
				return
			}
		}
	}
	k := -1
	for i, c := range b.out {
		if !strings.HasPrefix(c.ID, "preamble__para_") || strings.Contains(c.ID, "__list_") {
			continue
		}
		t := strings.TrimSpace(c.Text)
		if strings.HasSuffix(t, ".") || strings.HasSuffix(t, "。") {
			if i > 0 {
				k = i
				break
			}
		}
	}
	if k < 0 {
		return
	}
	merged := b.out[:k]
	op := b.out[k]
	op.ID = "para_1"
	rows := b.rows[k]
	for i := k + 1; i < len(b.out); i++ {
		op.Text += "\n" + b.out[i].Text
		rows = append(rows, b.rows[i]...)
	}
	b.out = append(merged, op)
	b.rows = append(b.rows[:k], rows)
}

// attachFootnotes gives each clause the footnotes its markers cite.
func attachFootnotes(b *idBuilder, pages []cleanPage) {
	type fn struct {
		page int
		text string
	}
	byNum := map[string][]fn{}
	for _, p := range pages {
		for i, n := range p.fnNums {
			if n != "" {
				byNum[n] = append(byNum[n], fn{p.number, p.footnotes[i]})
			}
		}
	}
	used := map[string]bool{}
	for i := range b.out {
		for _, r := range b.rows[i] {
			for _, m := range r.markers {
				for _, mk := range strings.Split(m, ",") {
					cands := byNum[mk]
					var pick *fn
					for j := range cands {
						if cands[j].page >= r.page && (pick == nil || cands[j].page < pick.page) {
							pick = &cands[j]
						}
					}
					if pick == nil && len(cands) > 0 {
						pick = &cands[0]
					}
					if pick == nil {
						continue
					}
					key := strconv.Itoa(pick.page) + ":" + pick.text
					if used[key] {
						continue
					}
					used[key] = true
					b.out[i].Footnotes = append(b.out[i].Footnotes, pick.text)
				}
			}
		}
	}
}

// uniqueClauseIDs keeps clause ids unique within a document: a clause
// whose id was already given (numbering that restarts without being
// recognised as an annex or a reproduced text) is appended to the clause
// before it, so that its text stays searchable and every id cites one
// place.
func uniqueClauseIDs(clauses []Clause) []Clause {
	seen := make(map[string]bool, len(clauses))
	out := clauses[:0]
	for _, c := range clauses {
		if seen[c.ID] && len(out) > 0 {
			prev := &out[len(out)-1]
			prev.Text = strings.TrimSpace(prev.Text + "\n" + c.Text)
			prev.Footnotes = append(prev.Footnotes, c.Footnotes...)
			continue
		}
		seen[c.ID] = true
		out = append(out, c)
	}
	return out
}
