package extract

import (
	"math"
	"sort"
	"strings"
	"unicode"
)

// The masthead of a first page is read by a sequence of small rules
// (mastheadRules), each a function over mastheadState: it reads what the
// rules before it found and adds what it finds. Each rule's comment says
// which layout it serves; masthead_test.go tests each on synthetic rows.

// mastheadInfo is what the first page tells about the document.
type mastheadInfo struct {
	meta  Meta
	start int  // first body row on page 1
	intro bool // a "The General Assembly," line opens a preamble
}

// mastheadState is what the masthead rules share.
type mastheadState struct {
	rows     []row   // body rows of page 1, top to bottom
	header   []row   // rows of page 1 that cleanup took for running heads
	all      []row   // header and body rows of page 1, by height
	h        float64 // page height
	bodySize float64
	date     func(string) string // parseDate, or parseOCRDate on a page read by OCR
	ocr      bool

	hasMasthead bool // a symbol, a Distr line or a body name heads the page
	lastMast    int  // last masthead row among rows (-1: none)
	// title rows (-1: none); meeting is the "4507th meeting" row of a
	// meeting record (-1: none); oneRow: the title is one row by rule
	titleStart, titleEnd, meeting int
	oneRow                        bool
	cands                         []titleCand
	mast                          []row // the rows above the body: metadata is read there

	info mastheadInfo
}

// titleCand is a row that may open the title, and its type size.
type titleCand struct {
	i    int
	size float64
}

// mastheadRule is one named step of reading a masthead.
type mastheadRule struct {
	name  string
	apply func(*mastheadState)
}

// mastheadRules are applied in order.
var mastheadRules = []mastheadRule{
	{"preamble intro line", ruleIntroLine},
	{"masthead block", ruleMastheadBlock},
	{"masthead in running head", ruleHeaderMasthead},
	{"title candidates", ruleTitleCandidates},
	{"meeting record title", ruleMeetingTitle},
	{"cover title", ruleCoverTitle},
	{"title lines", ruleTitleLines},
	{"body start", ruleBodyStart},
	{"metadata rows", ruleMetadataRows},
	{"symbol", ruleSymbol},
	{"issuing body", ruleBody},
	{"date under Distr", ruleDateUnderDistr},
	{"date in masthead", ruleDateInMasthead},
	{"date in heading lines", ruleDateInHeading},
	{"date line of a cover page", ruleDateOnCover},
	{"distribution", ruleDistribution},
	{"session", ruleSession},
	{"agenda item", ruleAgenda},
	{"job number", ruleJobNumber},
}

// newMastheadState prepares the state of the rules for the first page.
func newMastheadState(p1 cleanPage, raw []Page, lay docLayout) *mastheadState {
	s := &mastheadState{rows: p1.rows, header: p1.header, h: 792, bodySize: lay.bodySize, date: parseDate,
		lastMast: -1, titleStart: -1, titleEnd: -1, meeting: -1}
	if len(raw) > 0 && raw[0].Height > 0 {
		s.h = raw[0].Height
	}
	if len(raw) > 0 && raw[0].OCR {
		s.ocr, s.date = true, parseOCRDate
	}
	s.all = append(append([]row(nil), p1.header...), p1.rows...)
	sort.SliceStable(s.all, func(i, j int) bool { return s.all[i].y < s.all[j].y })
	return s
}

// readMasthead extracts metadata from the first page and finds where the
// body text starts.
func readMasthead(pages []cleanPage, raw []Page, lay docLayout) mastheadInfo {
	if len(pages) == 0 {
		return mastheadInfo{}
	}
	s := newMastheadState(pages[0], raw, lay)
	for _, r := range mastheadRules {
		r.apply(s)
	}
	return s.info
}

// ruleIntroLine: a resolution. The line "The General Assembly," (within
// the first 60 rows) opens the preamble: the body starts after it.
func ruleIntroLine(s *mastheadState) {
	for i, r := range s.rows {
		if i > 60 {
			break
		}
		if reIntro.MatchString(strings.TrimSpace(r.text)) {
			s.info.start, s.info.intro = i+1, true
			return
		}
	}
}

// ruleMastheadBlock: a UN masthead in the top 45% of the page (organ
// name, symbol, "Distr.: General", "Original: English", session and
// agenda lines, a date). Its last row bounds the masthead; a date alone
// extends it but does not make a masthead. On a page read by OCR the
// symbol and the date are read as ruleSymbol and the date rules read
// them (repairOCRSymbol, parseOCRDate): a symbol misread "E/ESCWAIC. 1/19"
// below "GENERAL" is still in the masthead.
func ruleMastheadBlock(s *mastheadState) {
	for i, r := range s.rows {
		t := strings.TrimSpace(r.text)
		if r.y > 0.45*s.h {
			break
		}
		sym := t
		if s.ocr {
			sym = repairOCRSymbol(t)
		}
		if reMastheadRow.MatchString(t) || len(findSymbols(sym)) > 0 && len([]rune(sym)) < 60 || isBodyName(t) || bodyNameOverTwoRows(s.rows, i) {
			s.hasMasthead = true
			s.lastMast = i
		} else if s.date(t) != "" && len([]rune(t)) < 40 {
			s.lastMast = i // a date alone (a title's "of 14 November 2023") is no masthead
		}
	}
}

// ruleHeaderMasthead: a masthead whose symbol or Distr line cleanup took
// for a running head (it repeats on every page).
func ruleHeaderMasthead(s *mastheadState) {
	for _, r := range s.header {
		if len(findSymbols(r.text)) > 0 || strings.HasPrefix(strings.TrimSpace(r.text), "Distr") {
			s.hasMasthead = true
		}
	}
}

// titleScan is the state of the scan for title candidates.
type titleScan struct {
	s              *mastheadState
	blockX, blockY float64 // the agenda or session block being skipped (blockX < 0: none)
	skipTo         int     // rows up to this one are skipped
}

// rowVerdict is what a title row rule says of a row.
type rowVerdict int

const (
	rowNext rowVerdict = iota // the rule does not apply: ask the next rule
	rowSkip                   // not a title row: go on with the next row
	rowStop                   // the search for the title ends here
)

// titleRowRules classify the rows between the masthead and the body, in
// order; a row no rule skips may be a title candidate (ruleTitleCandidates).
var titleRowRules = []func(*titleScan, int, row, string) rowVerdict{
	(*titleScan).bodyLabel,
	(*titleScan).mastheadBand,
	(*titleScan).ocrSpeckles,
	(*titleScan).agendaBlock,
	(*titleScan).meetingLine,
	(*titleScan).issuerName,
	(*titleScan).adoptedBy,
	(*titleScan).mastheadLine,
	(*titleScan).symbolLine,
	(*titleScan).resolutionNumber,
}

// bodyLabel: a report or a note. A heading label ("I.", "A.") or a
// paragraph number ("1.") opens the body: the title is above it (a
// resolution's "78/265. Title" is no paragraph number).
func (ts *titleScan) bodyLabel(_ int, _ row, t string) rowVerdict {
	if !ts.s.info.intro && (reHeadingLabel.MatchString(t) || parseLabel(t).kind == lkNum && !reResNumber.MatchString(t)) {
		return rowStop
	}
	return rowNext
}

// mastheadBand: on a page with a masthead, the top 12% is the masthead
// (organ name, symbol), never the title.
func (ts *titleScan) mastheadBand(_ int, r row, _ string) rowVerdict {
	if ts.s.hasMasthead && r.y < 0.12*ts.s.h {
		return rowSkip
	}
	return rowNext
}

// ocrSpeckles: on a page read by OCR, a row with fewer than four letters,
// or whose letters are under half of its characters, is what OCR made of
// a stamp, a logo or specks ("8 3 5 م", "3 > 82"), never the title.
func (ts *titleScan) ocrSpeckles(_ int, _ row, t string) rowVerdict {
	if !ts.s.ocr {
		return rowNext
	}
	letters, chars := countNonSpace(t, unicode.IsLetter)
	if letters < 4 || 2*letters < chars {
		return rowSkip
	}
	return rowNext
}

// agendaBlock: "Seventy-eighth session" or "Agenda item 5" and the item's
// title set under it at the same indentation, line after line: the
// agenda block of a masthead, not the document's title.
func (ts *titleScan) agendaBlock(_ int, r row, t string) rowVerdict {
	if ts.blockX >= 0 && math.Abs(r.x0-ts.blockX) < 5 && r.y-ts.blockY < 2*r.size {
		ts.blockY = r.y
		return rowSkip
	}
	ts.blockX = -1
	if reSession.MatchString(t) && !reReportOf.MatchString(t) || reAgenda.MatchString(t) || reAgendaZh.MatchString(t) {
		ts.blockX, ts.blockY = r.x0, r.y
		return rowSkip
	}
	return rowNext
}

// meetingLine: a meeting record ("4507th meeting"); the first such line
// is kept as a possible title (ruleMeetingTitle).
func (ts *titleScan) meetingLine(i int, _ row, t string) rowVerdict {
	if reMeeting.MatchString(t) && ts.s.meeting < 0 {
		ts.s.meeting = i
		return rowSkip
	}
	return rowNext
}

// issuerName: a judgment or an opinion. The issuing court or institution
// heads the page ("COUR AFRICAINE DES DROITS…"); its name, with its
// continuation lines in the same type and case, is not the title.
func (ts *titleScan) issuerName(i int, r row, t string) rowVerdict {
	if !reIssuer.MatchString(t) || len(ts.s.cands) > 0 {
		return rowNext
	}
	rows := ts.s.rows
	j := i
	for j+1 < len(rows) && math.Abs(rows[j+1].size-r.size) < 0.5 && rows[j+1].y-rows[j].y < 2.1*r.size && isAllCaps(rows[j+1].text) == isAllCaps(t) {
		j++
	}
	ts.skipTo = j
	return rowSkip
}

// adoptedBy: a resolution's "Resolution adopted by the General Assembly
// on …" line, an "[without reference to a Main Committee]" note,
// "Original:" and "Distr." lines, with their continuation lines in the
// same type: above the title, not part of it.
func (ts *titleScan) adoptedBy(i int, r row, t string) rowVerdict {
	if !reSkipTitle.MatchString(t) {
		return rowNext
	}
	rows := ts.s.rows
	j := i
	for j+1 < len(rows) && math.Abs(rows[j+1].size-r.size) < 0.5 && rows[j+1].y-rows[j].y < 2*r.size {
		j++
	}
	ts.skipTo = j
	return rowSkip
}

// mastheadLine: a masthead line (organ name, language, session, "Distr."
// word, a body's name) or a bare label is not the title; "Report of …" is.
func (ts *titleScan) mastheadLine(i int, _ row, t string) rowVerdict {
	if reMastheadRow.MatchString(t) && !reReportOf.MatchString(t) || isBodyName(t) || bodyNameOverTwoRows(ts.s.rows, i) || isBareLabel(t) {
		return rowSkip
	}
	return rowNext
}

// symbolLine: a short line that holds a symbol (the masthead's symbol,
// "(E/ESCWA/2017/EC.4/1)") is not the title.
func (ts *titleScan) symbolLine(_ int, _ row, t string) rowVerdict {
	if len(findSymbols(t)) > 0 && len([]rune(t)) < 40 {
		return rowSkip
	}
	return rowNext
}

// resolutionNumber: a resolution's "78/265. Title" line is the title,
// whatever its type.
func (ts *titleScan) resolutionNumber(i int, _ row, t string) rowVerdict {
	if reResNumber.MatchString(t) {
		ts.s.cands = []titleCand{{i, 1000}}
		return rowStop
	}
	return rowNext
}

// ruleTitleCandidates: a title is set large, bold or in capitals between
// the masthead and the body (the top 60% of the page, above the intro
// line of a resolution); the first of the largest candidates opens it.
func ruleTitleCandidates(s *mastheadState) {
	ts := &titleScan{s: s, blockX: -1, skipTo: -1}
rows:
	for i, r := range s.rows {
		if s.info.intro && i >= s.info.start-1 || r.y > 0.6*s.h {
			break
		}
		if i <= ts.skipTo {
			continue
		}
		t := strings.TrimSpace(stripTatweel(r.text))
		for _, rule := range titleRowRules {
			switch rule(ts, i, r, t) {
			case rowSkip:
				continue rows
			case rowStop:
				break rows
			}
		}
		if r.size >= 1.12*s.bodySize || r.bold || mostlyCaps(t) && len(strings.Fields(t)) >= 3 {
			s.cands = append(s.cands, titleCand{i, r.size})
		}
	}
	maxSize := 0.0
	for _, c := range s.cands {
		maxSize = math.Max(maxSize, c.size)
	}
	for _, c := range s.cands {
		if c.size >= maxSize-0.5 {
			s.titleStart = c.i
			return
		}
	}
}

// ruleMeetingTitle: a meeting record under a masthead is titled by its
// meeting line ("4507th meeting"), not by the larger lines around it.
func ruleMeetingTitle(s *mastheadState) {
	if s.meeting >= 0 && s.hasMasthead {
		s.info.meta.Title = strings.TrimSpace(s.rows[s.meeting].text)
		s.titleStart = -1
	}
}

// ruleCoverTitle: a page without masthead where no heading stands out
// (a letter, a statement): a short first line that is not a sentence
// and is followed at the step of a line or two is the title, one row.
func ruleCoverTitle(s *mastheadState) {
	if s.titleStart >= 0 || s.hasMasthead || len(s.rows) < 2 {
		return
	}
	rows := s.rows
	t := strings.TrimSpace(rows[0].text)
	if n := len([]rune(t)); n > 0 && n <= 40 && !strings.ContainsRune(".。,，;；:：!?！？", lastRune(t)) && parseLabel(t).kind == lkNone && rows[1].y-rows[0].y < 3*rows[0].size {
		s.titleStart, s.oneRow = 0, true
	}
}

// ruleTitleLines: the title goes on over the rows that continue it
// (titleContinues) and becomes Meta.Title, without a resolution number
// and a trailing footnote star.
func ruleTitleLines(s *mastheadState) {
	if s.titleStart < 0 {
		return
	}
	rows := s.rows
	s.titleEnd = s.titleStart
	for s.titleEnd+1 < len(rows) && !s.oneRow && titleContinues(rows[s.titleEnd], rows[s.titleEnd+1], s.titleEnd == s.titleStart) && !bodyNameOverTwoRows(rows, s.titleEnd+1) {
		s.titleEnd++
	}
	title := stripTatweel(rowsText(rows[s.titleStart:s.titleEnd+1], nil))
	if m := reResNumber.FindStringSubmatch(title); m != nil {
		title = m[2]
	}
	s.info.meta.Title = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(title), "*"))
}

// titleContinues reports whether row b continues a title whose last row
// is a (first: a is the title's first row). "of 14 November 2023"
// completes a title across a gap and "concerning …" in another type;
// otherwise the title goes on in the same type and face at the step of
// a line, and stops at a label, a masthead line, an intro line, a
// "Beirut, 20-21 December 2017" line, a reference number, a footnote
// star, or lower-case text under a title in capitals. A one-word first
// row ("Report") may be followed in another size or face.
func titleContinues(a, b row, first bool) bool {
	bt := strings.TrimSpace(b.text)
	oneWord := first && len(strings.Fields(a.text)) == 1 && b.size > 0.7*a.size
	datePhrase := reTitleDateOf.MatchString(bt) && parseDate(bt) != "" && a.bold == b.bold && math.Abs(a.size-b.size) <= 0.6 && b.y-a.y < 4*a.size
	concerning := reTitleConcerning.MatchString(bt) && b.y-a.y < 2.1*a.size && b.size > 0.6*a.size
	if datePhrase || concerning {
		return true
	}
	return !(math.Abs(a.size-b.size) > 0.6 && !oneWord || b.y-a.y > 2.1*a.size || reIntro.MatchString(bt) || parseLabel(bt).kind != lkNone || reMastheadRow.MatchString(bt) ||
		reHeadingLabel.MatchString(bt) || strings.HasSuffix(strings.TrimSpace(a.text), "*") || a.bold != b.bold && !oneWord ||
		isPlaceDate(bt) || reRefNumber.MatchString(bt) || isAllCaps(a.text) && lowerShare(bt) > 0.3)
}

// ruleBodyStart: outside a resolution the body starts after the title
// and the subtitles set larger than the body under it, else after the
// masthead.
func ruleBodyStart(s *mastheadState) {
	if s.info.intro {
		return
	}
	rows := s.rows
	switch {
	case s.titleEnd >= 0:
		s.info.start = s.titleEnd + 1
		for s.info.start < len(rows) && rows[s.info.start].size >= 1.1*s.bodySize && !reHeadingLabel.MatchString(strings.TrimSpace(rows[s.info.start].text)) && rows[s.info.start].y < 0.6*s.h {
			s.info.start++
		}
	case s.lastMast >= 0:
		s.info.start = s.lastMast + 1
	}
}

// ruleMetadataRows: metadata is read from the rows above the body and
// from the foot of the page (below 85%: job number, dates of issue).
func ruleMetadataRows(s *mastheadState) {
	rows := s.rows
	s.mast = s.all
	var above func(r row) bool
	switch {
	case s.info.start < len(rows) && s.info.start > 0:
		limit := rows[s.info.start-1].y
		above = func(r row) bool { return r.y <= limit+0.5 }
	case s.info.start == 0 && len(rows) > 0:
		limit := rows[0].y
		above = func(r row) bool { return r.y < limit }
	default:
		return
	}
	s.mast = nil
	for _, r := range s.all {
		if above(r) || r.y > 0.85*s.h {
			s.mast = append(s.mast, r)
		}
	}
}

// ruleSymbol: the symbol in the top half of the masthead (pickSymbol);
// on a page read by OCR, the symbol's usual misreadings are mended first.
func ruleSymbol(s *mastheadState) {
	rows := s.mast
	if s.ocr {
		rows = make([]row, len(s.mast))
		for i, r := range s.mast {
			rows[i] = r
			rows[i].text = repairOCRSymbol(r.text)
		}
	}
	s.info.meta.Symbol, s.info.meta.Symbols = pickSymbol(rows, s.h)
}

// ruleBody: the issuing body, from the symbol and the names on the
// masthead (pickBody).
func ruleBody(s *mastheadState) {
	s.info.meta.Body = pickBody(s.mast, s.h, s.info.meta.Symbol)
}

// ruleDateUnderDistr: the date of issue under "Distr.: General" (or the
// distribution word alone) in the top-right block of a UN masthead,
// within four rows and aligned with it.
func ruleDateUnderDistr(s *mastheadState) {
	for i, r := range s.mast {
		if r.y > 0.85*s.h {
			continue
		}
		t := strings.TrimSpace(r.text)
		if !reDistr.MatchString(t) && !reDistrWord.MatchString(t) {
			continue
		}
		for j := i; j < len(s.mast) && j <= i+4; j++ {
			if d := s.date(s.mast[j].text); d != "" && math.Abs(s.mast[j].x0-r.x0) < 60 {
				s.info.meta.Date = d
				return
			}
		}
	}
}

// ruleDateInMasthead: a masthead without Distr line: its first date.
func ruleDateInMasthead(s *mastheadState) {
	s.firstDate(s.mast, 0.85*s.h, nil)
}

// ruleDateInHeading: no masthead date: the first date in the heading
// lines of the page (its top 40%).
func ruleDateInHeading(s *mastheadState) {
	s.firstDate(s.all, 0.4*s.h, nil)
}

// ruleDateOnCover: a cover page without masthead: a line that is only a
// date ("Le 28 mars 2022"), wherever it stands on the page.
func ruleDateOnCover(s *mastheadState) {
	if s.hasMasthead {
		return
	}
	s.firstDate(s.rows, s.h, func(t string) bool { return len([]rune(t)) <= 30 && len(strings.Fields(t)) <= 5 })
}

// firstDate sets the document's date, when no rule before has, to the
// first date among rows (top to bottom) above yMax on lines that keep
// accepts (nil: any line).
func (s *mastheadState) firstDate(rows []row, yMax float64, keep func(string) bool) {
	if s.info.meta.Date != "" {
		return
	}
	for _, r := range rows {
		if r.y > yMax {
			return
		}
		t := strings.TrimSpace(r.text)
		if keep != nil && !keep(t) {
			continue
		}
		if d := s.date(t); d != "" {
			s.info.meta.Date = d
			return
		}
	}
}

// ruleDistribution: the distribution line of a UN masthead, "Distr.:
// GENERAL" / "LIMITED" / "RESTRICTED" in six languages, the word on the
// line or on the next.
func ruleDistribution(s *mastheadState) {
	for i, r := range s.mast {
		m := reDistr.FindStringSubmatch(strings.TrimSpace(r.text))
		if m == nil {
			continue
		}
		w := m[1]
		if w == "" && i+1 < len(s.mast) {
			w = strings.TrimSpace(s.mast[i+1].text)
		}
		if s.info.meta.Distribution = distrName(w); s.info.meta.Distribution != "" {
			return
		}
	}
}

// ruleSession: the session line of a masthead ("Seventy-eighth
// session", "الدورة الثلاثون"), not an agenda line or a report's title.
func ruleSession(s *mastheadState) {
	for _, r := range s.mast {
		t := strings.TrimSpace(r.text)
		if r.y < 0.85*s.h && reSession.MatchString(t) && !strings.Contains(strings.ToLower(t), "agenda") && !reReportOf.MatchString(t) {
			s.info.meta.Session = t
			return
		}
	}
}

// ruleAgenda: the agenda item line of a masthead ("Agenda item 5",
// "Point 5 de l'ordre du jour", "议程项目5", "البند 5 من جدول الأعمال").
func ruleAgenda(s *mastheadState) {
	for _, r := range s.mast {
		if r.y >= 0.85*s.h {
			continue
		}
		t := strings.TrimSpace(r.text)
		if m := reAgenda.FindStringSubmatch(t); m != nil {
			s.info.meta.Agenda = strings.TrimSpace(m[1])
		} else if m := reAgendaZh.FindStringSubmatch(t); m != nil {
			s.info.meta.Agenda = m[1]
		} else if m := reAgendaAr.FindStringSubmatch(toASCIIDigits(t)); m != nil {
			s.info.meta.Agenda = m[1]
		}
		if s.info.meta.Agenda != "" {
			return
		}
	}
}

// ruleJobNumber: the job number at the foot of the first page ("23-21567
// (E)", "GE.17-20145").
func ruleJobNumber(s *mastheadState) {
	for _, r := range s.all {
		if r.y < 0.8*s.h {
			continue
		}
		if m := reJob.FindStringSubmatch(r.text); m != nil {
			s.info.meta.Job = m[1]
			return
		}
	}
}
