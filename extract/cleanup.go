package extract

import (
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/docindex/docindex/extract/layout"
	"github.com/docindex/docindex/extract/textutil"
)

// row is one visual line of body text after cleanup: fragments that share
// a baseline are merged, superscript footnote markers are taken out of the
// text and kept in markers.
type row struct {
	page    int // 1-based page number
	text    string
	x0, x1  float64
	start   float64 // distance of the line start from the page's start edge (left for LTR, right for RTL)
	end     float64 // distance of the line end from the start edge
	y       float64
	size    float64
	bold    bool
	rtl     bool
	markers []string // footnote markers cited on this row, in order
	width   float64  // page width
	lines   []Line   // the text lines merged into this row (their words' geometry finds tables)
	table   *table   // set on the one row that stands for a table (see table.go)
}

// cleanPage is one page after cleanup.
type cleanPage struct {
	number    int
	rows      []row    // body rows, top to bottom, running headers/footers removed
	header    []row    // rows removed as running headers/footers
	footnotes []string // footnotes on this page, "N text"
	fnNums    []string // their numbers
}

// docLayout holds document-wide measurements.
type docLayout struct {
	bodySize float64
	pitch    float64 // typical distance between consecutive lines of a paragraph
	vocab    map[string]int
	hyph     map[string]bool // hyphenated words seen inside lines
	// spacedSemicolon is set for documents that print a space before
	// semicolons (French typography)
	spacedSemicolon bool
}

var (
	reFooterTok = regexp.MustCompile(`^(?:\d{1,4}|[-–—]\d{1,4}[-–—]|\d{1,4}/\d{1,4}|[-–—]|\(\w\)|\d{2}-\d{5}(?:\([A-Z]\))?|GE\.\d{2}-\d{5}(?:\([A-Z]\))?|\*\d{5,9}\*|\d{6}|[A-Z]{1,5}/[A-Z0-9./()\-]+|Page|page|Página|página|Страница|صفحة|E/[A-Z0-9./]+|\(?[A-Z]\)?)$`)
	reJobRow    = regexp.MustCompile(`^(?:GE\.)?\d{2}-\d{5}\s*(?:\([A-Z]\))?`)
	reBarcode   = regexp.MustCompile(`^\*\d{5,9}\*$`)
	reRecycle   = regexp.MustCompile(`(?i)^(?:please recycle|merci de recycler|/\s?\.\.\.$|\.\.\./?$)`)
	reSepRow    = regexp.MustCompile(`^[_\-–—‒ ]{5,}$`)
	reFnStart   = regexp.MustCompile(`^[()]?(\d{1,3}|\*{1,3}|[a-z])[()]?\s*(\S.*)$`) // "1 ", "1) ", "(1) ", mirrored ")1( "
	reSlashMark = regexp.MustCompile(`(\s)(\d{1,3})/([\s,.;:]|$)`)
	reDigits    = regexp.MustCompile(`\p{Nd}+`)
	reTightSemi = regexp.MustCompile(`\p{L};`)
	reSpaceMark = regexp.MustCompile(`\s+(\p{Mn})`)
	// a tanwin (ً ٌ ٍ, always word-final) drawn apart from its word and
	// read at the start of the next one: "أيضا ًأن" is "أيضاً أن"
	// parentheses around a left-to-right run inside right-to-left text
	// that come out mirrored: ")E/ESCWA/30/17(" is "(E/ESCWA/30/17)"
	reMirroredParens = regexp.MustCompile(`(^|\s)\)([^()\s\p{Arabic}](?:[^()\p{Arabic}]*[^()\s\p{Arabic}])?)\(($|[\s.,،؛:])`)
	// a footnote of left-to-right text in a right-to-left document, read
	// with its mirrored number last and its full stop first:
	// ".E/ESCWA/30/13 )3(" is "(3) E/ESCWA/30/13."
	reRTLNote     = regexp.MustCompile(`^([.,،]?)([^\p{Arabic}]*[^\s\p{Arabic}])\s*\)(\d{1,3})\($`)
	reLeadingStop = regexp.MustCompile(`^([.،؛,])(\p{L}\S*[^\s.،؛,])$`)
	reLostTanwin  = regexp.MustCompile(`\s+([\x{064B}-\x{064D}]+)(\p{L})`)
	reDotLeader   = regexp.MustCompile(`(?:\.\s?){6,}|…{2,}`)
)

// mergeFragments merges the lines of a page that share a baseline (label
// and text drawn separately, footnote number and footnote text) into rows
// (layout.Rows).
func mergeFragments(p *Page) []row {
	groups := layout.Rows(p.Lines, func(s string) bool { return isBareLabel(strings.TrimSpace(s)) })
	rows := make([]row, len(groups))
	for i, g := range groups {
		rows[i] = buildRow(p, g)
	}
	// the last line of a right-to-left paragraph that is one left-to-right
	// token comes out with its full stop first: ".E/ESCWA/30/L.2"
	rtl := 0
	for _, r := range rows {
		if r.rtl {
			rtl++
		}
	}
	if rtl*2 > len(rows) {
		for i := range rows {
			if m := reLeadingStop.FindStringSubmatch(rows[i].text); m != nil && !isArabicText(m[2]) {
				rows[i].text = m[2] + m[1]
			}
		}
	}
	return rows
}

// fixRTLGeometry measures right-to-left rows from the left edge when the
// document aligns them on the left (some renderers do), as found by which
// edge of those rows lines up more often.
func fixRTLGeometry(all [][]row) {
	var left, right []float64
	for _, rs := range all {
		for _, r := range rs {
			if r.rtl {
				left, right = append(left, r.x0), append(right, r.x1)
			}
		}
	}
	if len(left) == 0 || raggedCount(left) >= raggedCount(right) {
		return
	}
	for _, rs := range all {
		for i := range rs {
			if rs[i].rtl {
				rs[i].start, rs[i].end = rs[i].x0, rs[i].x1
			}
		}
	}
}

// raggedCount is the number of rows whose edge (vs) lines up with no
// frequent edge, one within 2 pt of at least a tenth of the rows (and 3).
// The edge where lines start is the less ragged: every line starts
// there, at the margin or at one of a few indents, while only full lines
// reach the other edge. (Counting the rows at the most frequent edge
// alone lets the full lines on the left outvote right-aligned text whose
// lines start at three indents: numbers, items, text.)
func raggedCount(vs []float64) int {
	sort.Float64s(vs)
	need := max(3, len(vs)/10)
	ragged, lo, hi := 0, 0, 0
	for _, v := range vs {
		for v-vs[lo] > 2 {
			lo++
		}
		for hi < len(vs) && vs[hi]-v <= 2 {
			hi++
		}
		if hi-lo < need {
			ragged++
		}
	}
	return ragged
}

// buildRow makes the row of a group of lines that share a baseline.
func buildRow(p *Page, g layout.RowLines) row {
	group, isRTL := g.Lines, g.RTL
	r := row{page: p.Number, rtl: isRTL, x0: math.Inf(1), x1: math.Inf(-1), width: p.Width, lines: group}
	var parts []string
	var bestSize float64
	var bestN int
	boldN, allN := 0, 0
	wordLetters := map[float64]int{}
	for _, l := range group {
		l.Text = layout.JoinTouchingRuns(l)
		text, marks := layout.StripMarkers(l)
		if strings.TrimSpace(text) != "" {
			parts = append(parts, strings.TrimSpace(text))
		}
		r.markers = append(r.markers, marks...)
		r.x0 = math.Min(r.x0, l.X0)
		r.x1 = math.Max(r.x1, l.X1)
		for _, w := range l.Words {
			if w.Size > 0 && w.Rise == 0 {
				wordLetters[math.Round(w.Size*10)/10] += letterCount(w.Text)
			}
		}
		n := utf8.RuneCountInString(l.Text)
		if n > bestN || (n == bestN && l.Size > bestSize) {
			bestN, bestSize = n, l.Size
			r.y = l.Y
		}
		allN += utf8.RuneCountInString(l.Text)
		if l.Bold {
			boldN += utf8.RuneCountInString(l.Text)
		}
	}
	r.size = bestSize
	// the row's size is that of most of its letters: Arabic texts set
	// figures in a smaller Latin face ("لعام 2030،"), which can outnumber
	// the letters of a short last line
	best := 0
	for sz, n := range wordLetters {
		if n > best || n == best && sz > r.size {
			best, r.size = n, sz
		}
	}
	r.bold = boldN*2 > allN
	// (each regexp only where it can match: they ran on every row of
	// every document, a tenth of a corpus build)
	r.text = strings.Join(parts, " ")
	if strings.ContainsAny(r.text, "\u064B\u064C\u064D") {
		r.text = reLostTanwin.ReplaceAllString(r.text, "$1 $2")
	}
	if hasMark(r.text) {
		r.text = reSpaceMark.ReplaceAllString(r.text, "$1")
	}
	if strings.HasSuffix(r.text, "(") {
		r.text = reRTLNote.ReplaceAllString(r.text, "($3) $2$1")
	}
	if isRTL && strings.IndexByte(r.text, ')') >= 0 {
		r.text = reMirroredParens.ReplaceAllString(r.text, "$1($2)$3")
	}
	w := p.Width
	if w <= 0 {
		w = 612
	}
	r.width = w
	if isRTL {
		r.start, r.end = w-r.x1, w-r.x0
	} else {
		r.start, r.end = r.x0, r.x1
	}
	return r
}

// letterCount counts the letters of s.
func letterCount(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// isFooterPattern reports whether a row in the top or bottom margin looks
// like a page number, job number, barcode or document symbol.
func isFooterPattern(r row, bodySize float64) bool {
	t := strings.TrimSpace(unPUA(r.text))
	if t == "" {
		return true
	}
	if reJobRow.MatchString(t) || reBarcode.MatchString(t) || reRecycle.MatchString(t) {
		return true
	}
	toks := strings.Fields(t)
	if len(toks) > 6 {
		return false
	}
	for _, tok := range toks {
		if !reFooterTok.MatchString(tok) {
			return false
		}
	}
	// a lone small number could be a footnote number: require normal size
	if len(toks) == 1 && textutil.AllDigits([]byte(toks[0])) && r.size < 0.7*bodySize {
		return false
	}
	return true
}

// unPUA maps symbol-font private-use characters (U+F020–U+F0FF, as in
// barcode fonts) to ASCII.
func unPUA(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 0xf020 && r <= 0xf0ff {
			return r - 0xf000
		}
		return r
	}, s)
}

// charWeightedMode returns the most common font size, weighted by text
// length, rounded to half points.
func charWeightedMode(rows [][]row) float64 {
	count := map[float64]int{}
	for _, rs := range rows {
		for _, r := range rs {
			count[math.Round(r.size*2)/2] += utf8.RuneCountInString(r.text)
		}
	}
	best, bestN := 10.0, -1
	for s, n := range count {
		if n > bestN || (n == bestN && s < best) {
			best, bestN = s, n
		}
	}
	return best
}

// hasMark reports whether s has a non-spacing combining mark (what
// reSpaceMark looks for).
func hasMark(s string) bool {
	for _, r := range s {
		if r >= 0x300 && unicode.Is(unicode.Mn, r) {
			return true
		}
	}
	return false
}

// cleanupPages removes running headers and footers and separates
// footnotes from body rows.
func cleanupPages(pages []Page) ([]cleanPage, docLayout) {
	all := make([][]row, len(pages))
	for i := range pages {
		all[i] = mergeFragments(&pages[i])
	}
	lay := docLayout{bodySize: charWeightedMode(all)}
	fixRTLGeometry(all)
	// repeated rows in the margins
	margins := make([][]layout.MarginRow, len(all))
	heights := make([]float64, len(all))
	for i, rs := range all {
		heights[i] = pageHeight(pages[i])
		margins[i] = make([]layout.MarginRow, len(rs))
		for j, r := range rs {
			margins[i][j] = layout.MarginRow{Y: r.y, Text: r.text}
		}
	}
	repeated := layout.Repeated(margins, heights)
	out := make([]cleanPage, len(pages))
	for i, rs := range all {
		h := pageHeight(pages[i])
		cp := cleanPage{number: pages[i].Number}
		var body []row
		for _, r := range rs {
			top, bot := layout.InHead(r.y, h), layout.InFoot(r.y, h)
			drop := false
			if (top || bot) && !reSepRow.MatchString(strings.TrimSpace(r.text)) {
				if isFooterPattern(r, lay.bodySize) {
					drop = true
				} else if repeated(r.text) && (i > 0 || bot) {
					drop = true
				}
			}
			if drop {
				cp.header = append(cp.header, r)
				continue
			}
			body = append(body, r)
		}
		body, cp.footnotes, cp.fnNums = splitFootnotes(body, lay.bodySize, h)
		cp.rows = body
		out[i] = cp
	}
	slashMarkers(out)
	splitEndnotes(out, lay.bodySize)
	lay.pitch = typicalPitch(out, lay.bodySize)
	lay.vocab, lay.hyph = vocabulary(out)
	spaced, tight := 0, 0
	for _, p := range out {
		for _, r := range p.rows {
			spaced += strings.Count(r.text, " ;") + strings.Count(r.text, "\u00a0;") + strings.Count(r.text, "\u202f;")
			if strings.IndexByte(r.text, ';') >= 0 {
				tight += len(reTightSemi.FindAllString(r.text, -1))
			}
		}
	}
	lay.spacedSemicolon = spaced > tight
	return out, lay
}

func pageHeight(p Page) float64 {
	if p.Height > 0 {
		return p.Height
	}
	return 792
}

// splitFootnotes takes the block of small-print rows at the bottom of a
// page (after a separator rule or starting with a footnote number) out of
// the body.
func splitFootnotes(rows []row, bodySize, h float64) ([]row, []string, []string) {
	if len(rows) == 0 {
		return rows, nil, nil
	}
	small := func(r row) bool { return r.size < 0.92*bodySize || reSepRow.MatchString(r.text) }
	i := len(rows)
	for i > 0 && small(rows[i-1]) && rows[i-1].y > 0.4*h {
		i--
	}
	// a separator rule low on the page starts the footnotes whatever
	// their size (typewritten documents)
	for k := len(rows) - 1; k >= 0 && k >= len(rows)-25; k-- {
		if rows[k].y < 0.4*h {
			break
		}
		if reSepRow.MatchString(strings.TrimSpace(rows[k].text)) && k < i {
			i = k
			break
		}
	}
	if i == len(rows) {
		return rows, nil, nil
	}
	block := rows[i:]
	// the block must start with a separator or a footnote number
	first := strings.TrimSpace(block[0].text)
	bareNum := len(first) <= 3 && first != "" && strings.Trim(first, "0123456789*") == ""
	if !reSepRow.MatchString(first) && !reFnStart.MatchString(first) && len(block[0].markers) == 0 && !bareNum {
		return rows, nil, nil
	}
	if !reSepRow.MatchString(first) {
		if m := reFnStart.FindStringSubmatch(first); m != nil && len(m[1]) == 1 && m[1] >= "a" && m[1] <= "z" {
			return rows, nil, nil
		}
	}
	notes, nums := parseNotes(block)
	return rows[:i], notes, nums
}

// parseNotes splits rows of small print into numbered notes ("N text").
func parseNotes(block []row) (notes, nums []string) {
	pending := ""
	for _, r := range block {
		t := strings.TrimSpace(r.text)
		if reSepRow.MatchString(t) {
			continue
		}
		if len(t) <= 3 && t != "" && strings.Trim(t, "0123456789*") == "" {
			pending = t // number drawn apart from its footnote
			continue
		}
		num := ""
		if pending != "" {
			num, pending = pending, ""
			notes = append(notes, strings.TrimSpace(num+" "+t))
			nums = append(nums, num)
			continue
		}
		if len(r.markers) > 0 && !strings.HasPrefix(t, r.markers[0]) {
			// footnote number drawn raised: it was taken out as a marker
			num = r.markers[0]
		} else if m := reFnStart.FindStringSubmatch(t); m != nil && (m[1][0] == '*' || (m[1][0] >= '0' && m[1][0] <= '9')) {
			num, t = m[1], m[2]
		}
		if num != "" || len(notes) == 0 {
			notes = append(notes, strings.TrimSpace(num+" "+t))
			nums = append(nums, num)
			continue
		}
		notes[len(notes)-1] = joinLines(notes[len(notes)-1], t, nil)
	}
	return notes, nums
}

var reNotesHeading = regexp.MustCompile(`(?i)^(?:notes|endnotes|notas|примечания|注|الحواشي|الهوامش)$`)

// splitEndnotes moves the endnotes printed after a "Notes" heading at the
// end of a document out of the body, onto the page where they start.
func splitEndnotes(pages []cleanPage, bodySize float64) {
	for pi := len(pages) / 2; pi < len(pages); pi++ {
		for ri, r := range pages[pi].rows {
			if !reNotesHeading.MatchString(strings.TrimSpace(r.text)) {
				continue
			}
			if ri+1 < len(pages[pi].rows) {
				next := pages[pi].rows[ri+1]
				if next.size > 0.95*bodySize && len(next.markers) == 0 && !reFnStart.MatchString(strings.TrimSpace(next.text)) {
					continue
				}
			} else if len(pages[pi].footnotes) == 0 {
				continue
			}
			var block []row
			block = append(block, pages[pi].rows[ri+1:]...)
			pages[pi].rows = pages[pi].rows[:ri]
			for pj := pi + 1; pj < len(pages); pj++ {
				block = append(block, pages[pj].rows...)
				pages[pj].rows = nil
			}
			notes, nums := parseNotes(block)
			pages[pi].footnotes = append(pages[pi].footnotes, notes...)
			pages[pi].fnNums = append(pages[pi].fnNums, nums...)
			return
		}
	}
}

// slashMarkers takes typewriter footnote references ("Questions, 2/")
// out of body rows when the document has footnotes numbered that way.
func slashMarkers(pages []cleanPage) {
	nums := map[string]bool{}
	for _, p := range pages {
		for i, f := range p.footnotes {
			if p.fnNums[i] != "" && strings.HasPrefix(f, p.fnNums[i]+" /") {
				nums[p.fnNums[i]] = true
				p.footnotes[i] = p.fnNums[i] + " " + strings.TrimSpace(strings.TrimPrefix(f, p.fnNums[i]+" /"))
			}
		}
	}
	if len(nums) == 0 {
		return
	}
	for pi := range pages {
		for ri := range pages[pi].rows {
			r := &pages[pi].rows[ri]
			t := " " + r.text
			t = reSlashMark.ReplaceAllStringFunc(t, func(m string) string {
				sm := reSlashMark.FindStringSubmatch(m)
				if !nums[sm[2]] {
					return m
				}
				r.markers = append(r.markers, sm[2])
				return sm[3]
			})
			r.text = strings.TrimSpace(t)
		}
	}
}

// typicalPitch is the most common distance between consecutive body rows.
func typicalPitch(pages []cleanPage, bodySize float64) float64 {
	count := map[int]int{}
	for _, p := range pages {
		for j := 1; j < len(p.rows); j++ {
			a, b := p.rows[j-1], p.rows[j]
			if math.Abs(a.size-bodySize) > 1 || math.Abs(b.size-bodySize) > 1 {
				continue
			}
			d := b.y - a.y
			if d > 0.8*bodySize && d < 3*bodySize {
				count[int(math.Round(d*2))]++
			}
		}
	}
	best, bestN := 0, 0
	for d, n := range count {
		if n > bestN || (n == bestN && d < best) {
			best, bestN = d, n
		}
	}
	if bestN == 0 {
		return 1.2 * bodySize
	}
	// documents of short paragraphs have more paragraph gaps than line
	// steps: prefer a frequent smaller step
	for d, n := range count {
		if d < best && n*10 >= bestN*3 && float64(d)/2 >= 0.9*bodySize && float64(d) < 0.9*float64(best) {
			best = d
		}
	}
	return float64(best) / 2
}

// vocabulary counts the words of the document (lower-cased) and notes the
// hyphenated words printed inside lines.
func vocabulary(pages []cleanPage) (map[string]int, map[string]bool) {
	v := map[string]int{}
	h := map[string]bool{}
	add := func(s string) {
		for _, tok := range strings.FieldsFunc(s, func(r rune) bool {
			return !(unicode.IsLetter(r) || unicode.IsMark(r) || r == '-' || r == '\'' || r == '’')
		}) {
			tok = strings.Trim(strings.ToLower(tok), "-'’")
			if tok == "" {
				continue
			}
			if strings.Contains(tok, "-") {
				h[tok] = true
				for _, part := range strings.Split(tok, "-") {
					if part != "" {
						v[part]++
					}
				}
				continue
			}
			v[tok]++
		}
	}
	for _, p := range pages {
		for _, r := range p.rows {
			t := strings.TrimSpace(r.text)
			// the last token of a line ending in a hyphen is not a word
			if strings.HasSuffix(t, "-") {
				if k := strings.LastIndexAny(t, " \u00a0"); k >= 0 {
					t = t[:k]
				} else {
					continue
				}
			}
			add(t)
		}
		for _, f := range p.footnotes {
			add(f)
		}
	}
	return v, h
}

// joinLines appends line b to paragraph text a, joining a line-break
// hyphen when the joined word is more plausible than the hyphenated one.
func joinLines(a, b string, lay *docLayout) string {
	a = strings.TrimRight(a, " ")
	b = strings.TrimLeft(b, " ")
	if a == "" {
		return b
	}
	if b == "" {
		return a
	}
	if strings.HasSuffix(a, " -") && len(a) >= 3 {
		if r, _ := utf8.DecodeLastRuneInString(a[:len(a)-2]); unicode.IsLetter(r) {
			if nr, _ := utf8.DecodeRuneInString(b); unicode.IsLower(nr) {
				a = a[:len(a)-2] + "-" // "copyright -" + "protected": a hyphen set apart
			}
		}
	}
	if strings.HasSuffix(a, "-") && len(a) >= 2 {
		r, _ := utf8.DecodeLastRuneInString(a[:len(a)-1])
		nr, _ := utf8.DecodeRuneInString(b)
		if unicode.IsLetter(r) && unicode.IsLower(nr) && lay != nil {
			head := lastWord(a[:len(a)-1])
			tail := firstWord(b)
			lh, lt := strings.ToLower(head), strings.ToLower(tail)
			joined := lh + lt
			hyph := lh + "-" + lt
			switch {
			case lay.hyph[hyph]:
				return a + b
			case lay.vocab[joined] > 0:
				return a[:len(a)-1] + b
			case lay.vocab[lastPart(lh)] > 0 && lay.vocab[lt] > 0:
				return a + b
			case lay.vocab[lt] == 0 && len(lastPart(lh)) > 1:
				return a[:len(a)-1] + b
			}
			return a + b
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return a + b // real hyphen (Secretary-General, 2030-)
		}
	}
	if textutil.IsCJK(lastRune(a)) || textutil.IsCJK(firstRune(b)) {
		return a + b
	}
	return a + " " + b
}

func lastPart(s string) string {
	if i := strings.LastIndex(s, "-"); i >= 0 {
		return s[i+1:]
	}
	return s
}

func lastWord(s string) string {
	i := strings.LastIndexFunc(s, func(r rune) bool { return !(unicode.IsLetter(r) || unicode.IsMark(r) || r == '-') })
	return s[i+1:]
}

func firstWord(s string) string {
	i := strings.IndexFunc(s, func(r rune) bool { return !(unicode.IsLetter(r) || unicode.IsMark(r)) })
	if i < 0 {
		return s
	}
	return s[:i]
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// tightenCJK removes the spaces a layout engine leaves between Chinese
// characters and digits ("2025 年 12 月" → "2025年12月").
func tightenCJK(s string) string {
	if !strings.ContainsFunc(s, textutil.IsCJK) {
		return s
	}
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		if r == ' ' && i > 0 && i+1 < len(rs) {
			a, c := rs[i-1], rs[i+1]
			if (textutil.IsCJK(a) && (textutil.IsCJK(c) || unicode.IsDigit(c))) || (unicode.IsDigit(a) && textutil.IsCJK(c)) {
				continue
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

// rejoinSplitWords joins words split by justified spacing ("ar tificial")
// when neither piece is otherwise a word of the document and the join is.
func rejoinSplitWords(s string, vocab map[string]int) string {
	if vocab == nil || !strings.Contains(s, " ") {
		return s
	}
	toks := strings.Split(s, " ")
	out := toks[:0:0]
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if i+1 < len(toks) {
			a, b := toks[i], toks[i+1]
			ca, cb := coreWord(a, true), coreWord(b, false)
			if ca != "" && cb != "" && ca == a[len(a)-len(ca):] && strings.HasPrefix(b, cb) && allLetters(ca) && allLetters(cb) &&
				strings.Trim(b[len(cb):], ".,;:!?)»”") == "" {
				la, lb := strings.ToLower(ca), strings.ToLower(cb)
				nb, _ := utf8.DecodeRuneInString(cb)
				// a gap after f before i, l or f is a ligature (fi, fl, ff)
				// drawn wide: join pieces that are not words of the text
				ligature := strings.HasSuffix(la, "f") && strings.ContainsRune("ilf", nb) && len(la) >= 3 && len(lb) >= 3 && vocab[la] <= 1 && vocab[lb] <= 1
				if unicode.IsLower(nb) && (vocab[la+lb] > 0 || ligature) && (vocab[la] <= 1 && vocab[lb] <= 1 || vocab[la] <= 1 && len(la) <= 2 || vocab[lb] <= 1 && len(lb) <= 2) {
					out = append(out, a+b)
					i++
					continue
				}
			}
		}
		out = append(out, t)
	}
	return strings.Join(out, " ")
}

// coreWord is the run of letters at the end (tail=true) or start of s.
func coreWord(s string, tail bool) string {
	if tail {
		i := strings.LastIndexFunc(s, func(r rune) bool { return !(unicode.IsLetter(r) || unicode.IsMark(r)) })
		return s[i+1:]
	}
	i := strings.IndexFunc(s, func(r rune) bool { return !(unicode.IsLetter(r) || unicode.IsMark(r)) })
	if i < 0 {
		return s
	}
	return s[:i]
}

func allLetters(s string) bool {
	for _, r := range s {
		if !(unicode.IsLetter(r) || unicode.IsMark(r)) || textutil.IsCJK(r) {
			return false
		}
	}
	return s != ""
}
