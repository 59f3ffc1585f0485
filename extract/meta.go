package extract

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/docindex/docindex/extract/unsymbol"
)

var (
	reSymbol      = regexp.MustCompile(`\b([A-Z][A-Z0-9.]{0,9}(?:/[A-Za-z0-9.\-]*[A-Za-z0-9]){1,8}(?:\s?\((?:Sect|SECT|Part|PART)\.?\s?[\dA-Z.]+\))?(?:/(?:Part|PART)\s[A-Z0-9]+)?(?:/[A-Z][A-Za-z0-9.]*)*(?:\s\(\d{4}\))?)`)
	reSymbolSpace = regexp.MustCompile(`\s*/\s*`)
	reSymJoin     = regexp.MustCompile(`([0-9])\s*-\s+([A-Z])`)
	reDistr       = regexp.MustCompile(`(?i)\bDistr\.?\s*:?\s*(general|générale|general|limited|limitée|limitada|restricted|restreinte|reservada|ограниченное|общее)?`)
	reDistrWord   = regexp.MustCompile(`(?i)^(general|générale|limited|limitée|limitada|restricted|restreinte|reservada)$`)
	reSession     = regexp.MustCompile(`(?i)^(.{3,60}\b(?:session|período de sesiones|sesión|сессия)|第.{1,8}届会议|الدورة\s.{2,40})$`)
	reAgenda      = regexp.MustCompile(`(?i)^(?:agenda items?|items?|point(?:s)?|tema(?:s)?|пункты?(?: повестки дня)?|议程项目|البنود?)\s+([\dA-Za-z() ,.\-–and et y и]+?)(?:\s+(?:of the (?:provisional |preliminary )?(?:agenda|list)|de l[’']ordre du jour(?: provisoire)?|del (?:programa|orden del día)(?: provisional)?|(?:предварительной )?повестки дня).*)?\**$`)
	reAgendaZh    = regexp.MustCompile(`^(?:临时)?议程项目\s*([\d()（）a-z]+)`)
	reAgendaAr    = regexp.MustCompile(`^البند\s*([\d()]+)\s*من جدول الأعمال`)
	reJob         = regexp.MustCompile(`(?:^|\s|GE\.)(\d{2}-\d{5})(?:\s|\(|$)`)
	reResNumber   = regexp.MustCompile(`^(\d{1,3}/\d{1,4}|[IVXL]+)(?:\.|\s[-–])\s+(\S.*)$`)
	reReportOf    = regexp.MustCompile(`(?i)^(?:report|rapport|informe|доклад|تقرير|报告)`)
	reSkipTitle   = regexp.MustCompile(`(?i)^(?:resolution adopted by|adopted by the|résolution adoptée|resolución aprobada|резолюция,? принятая|大会.{0,6}通过的决议|قرار اتخذته|\[|original\b|distr\b)`)
	reMastheadRow = regexp.MustCompile(`(?i)^(?:united nations|nations unies|naciones unidas|организация объединенных наций|联合国|الأمم المتحدة|united|nations|distr\b.*|general|limited|restricted|générale|limitée|limitada|original\s*:.*|english|french|spanish|russian|arabic|chinese|anglais|français|espagnol|inglés|français|.*\bsession|.*\bperíodo de sesiones|.*сессия|agenda item.*|items? \d.*|point \d.*|tema \d.*|пункт \d.*|.*committee|.*commission|.*commission\s*\(\w+\)|working group.*|.*\byear|.*\bannée|\w+, \d{1,2}[-–]\d{1,2} \w+ \d{4}|\*\d+\*|provisional|provisoire|economic and social(?: commission| council)?|for western asia|commission économique et sociale|pour l[’']asie occidentale|comisión económica y social|para asia occidental|council|conseil|official records.*|documents officiels.*|supplement no\..*|supplément n.*|suplemento n.*|المجلس|الاقتصادي والاجتماعي)$`)
)

// monthNames maps month names of the six languages to month numbers.
var monthNames = map[string]int{}

func init() {
	add := func(names string) {
		for i, n := range strings.Split(names, ",") {
			for _, alt := range strings.Split(n, "|") {
				monthNames[alt] = i + 1
			}
		}
	}
	add("january,february,march,april,may,june,july,august,september,october,november,december")
	add("janvier,février|fevrier,mars,avril,mai,juin,juillet,août|aout,septembre,octobre,novembre,décembre|decembre")
	add("enero,febrero,marzo,abril,mayo,junio,julio,agosto,septiembre|setiembre,octubre,noviembre,diciembre")
	add("janeiro,fevereiro,março,abril,maio,junho,julho,agosto,setembro,outubro,novembro,dezembro")
	add("января,февраля,марта,апреля,мая,июня,июля,августа,сентября,октября,ноября,декабря")
	add("يناير|كانون الثاني,فبراير|شباط,مارس|آذار,أبريل|ابريل|إبريل|نيسان,مايو|أيار,يونيه|يونيو|حزيران,يوليه|يوليو|تموز,أغسطس|اغسطس|آب,سبتمبر|أيلول,أكتوبر|اكتوبر|تشرين الأول,نوفمبر|تشرين الثاني,ديسمبر|كانون الأول")
}

var (
	reDateLatin = regexp.MustCompile(`(?i)(?:^|[^\d\-–])(\d{1,2})(?:er|º|o)?\s+(?:de\s+)?([\p{L}]+)\s+(?:de\s+)?(\d{4})`)
	reDateZh    = regexp.MustCompile(`(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日`)
	reDateAr    = regexp.MustCompile(`(?:^|[^\d\-–])(\d{1,2})\s+((?:[\p{Arabic}]+\s?){1,2}/)?\s*([\p{Arabic}]+(?:\s[\p{Arabic}]+)?)\s+(\d{4})`)
	reDateMDY   = regexp.MustCompile(`(?i)\b([A-Za-z]+)\s+(\d{1,2}),?\s+(\d{4})`)
)

// parseDate finds a date in s and returns it in ISO form.
func parseDate(s string) string {
	s = toASCIIDigits(s)
	if m := reDateZh.FindStringSubmatch(s); m != nil {
		return isoDate(atoi(m[1]), atoi(m[2]), atoi(m[3]))
	}
	for _, m := range reDateAr.FindAllStringSubmatch(s, -1) {
		name := strings.TrimSpace(m[3])
		mo := monthNames[name]
		if mo == 0 {
			if f := strings.Fields(name); len(f) > 0 {
				mo = monthNames[f[len(f)-1]]
				if mo == 0 {
					mo = monthNames[f[0]]
				}
			}
		}
		if mo == 0 && m[2] != "" {
			mo = monthNames[strings.TrimSpace(strings.TrimSuffix(m[2], "/"))]
		}
		if mo > 0 {
			return isoDate(atoi(m[4]), mo, atoi(m[1]))
		}
	}
	for _, m := range reDateLatin.FindAllStringSubmatch(s, -1) {
		if mo := monthNames[strings.ToLower(m[2])]; mo > 0 {
			return isoDate(atoi(m[3]), mo, atoi(m[1]))
		}
	}
	for _, m := range reDateMDY.FindAllStringSubmatch(s, -1) {
		if mo := monthNames[strings.ToLower(m[1])]; mo > 0 {
			return isoDate(atoi(m[3]), mo, atoi(m[2]))
		}
	}
	return ""
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		if c >= '0' && c <= '9' {
			n = n*10 + int(c-'0')
		}
	}
	return n
}

func isoDate(y, m, d int) string {
	if y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31 {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d)
}

// normSymbol tidies a symbol as extracted ("A /RES/78/265" → "A/RES/78/265").
func normSymbol(s string) string {
	s = reSymbolSpace.ReplaceAllString(s, "/")
	s = reSymJoin.ReplaceAllString(s, "$1-$2")
	return s
}

func findSymbols(text string) []string {
	t := normSymbol(strings.TrimSpace(text))
	var out []string
	for _, m := range reSymbol.FindAllStringSubmatch(t, -1) {
		s := strings.TrimRight(m[1], ".-*")
		if !strings.ContainsAny(s, "0123456789") {
			continue
		}
		out = append(out, s)
	}
	return out
}

// mastheadInfo is what the first page tells about the document.
type mastheadInfo struct {
	meta  Meta
	start int  // first body row on page 1
	intro bool // a "The General Assembly," line opens a preamble
}

// readMasthead extracts metadata from the first page and finds where the
// body text starts.
func readMasthead(pages []cleanPage, raw []Page, lay docLayout) mastheadInfo {
	var info mastheadInfo
	if len(pages) == 0 {
		return info
	}
	p1 := pages[0]
	h := 792.0
	if len(raw) > 0 && raw[0].Height > 0 {
		h = raw[0].Height
	}
	all := append(append([]row(nil), p1.header...), p1.rows...)
	sort.SliceStable(all, func(i, j int) bool { return all[i].y < all[j].y })

	// body start: the intro line of a resolution, else the end of the title
	rows := p1.rows
	for i, r := range rows {
		if i > 60 {
			break
		}
		if reIntro.MatchString(strings.TrimSpace(r.text)) {
			info.start, info.intro = i+1, true
			break
		}
	}
	hasMasthead := false
	lastMast := -1
	for i, r := range rows {
		t := strings.TrimSpace(r.text)
		if r.y > 0.45*h {
			break
		}
		if reMastheadRow.MatchString(t) || len(findSymbols(t)) > 0 && len([]rune(t)) < 60 || isBodyName(t) {
			hasMasthead = true
			lastMast = i
		} else if parseDate(t) != "" && len([]rune(t)) < 40 {
			lastMast = i // a date alone (a title's "of 14 November 2023") is no masthead
		}
	}
	for _, r := range p1.header {
		if len(findSymbols(r.text)) > 0 || strings.HasPrefix(strings.TrimSpace(r.text), "Distr") {
			hasMasthead = true
		}
	}
	// title: the resolution number line, else the first of the largest
	// title-like rows between the masthead and the body
	titleStart, titleEnd := -1, -1
	blockX, blockY := -1.0, 0.0
	type cand struct {
		i    int
		size float64
	}
	var cands []cand
	skipTo := -1
	meeting := -1 // "4507th meeting": the title of a meeting record
	oneRow := false
	for i, r := range rows {
		if info.intro && i >= info.start-1 {
			break
		}
		if r.y > 0.6*h {
			break
		}
		if i <= skipTo {
			continue
		}
		t := strings.TrimSpace(stripTatweel(r.text))
		if !info.intro && (reHeadingLabel.MatchString(t) || parseLabel(t).kind == lkNum && !reResNumber.MatchString(t)) {
			break
		}
		if hasMasthead && r.y < 0.12*h {
			continue
		}
		if blockX >= 0 && math.Abs(r.x0-blockX) < 5 && r.y-blockY < 2*r.size {
			blockY = r.y // agenda item title under "Agenda item N"
			continue
		}
		blockX = -1
		if reSession.MatchString(t) && !reReportOf.MatchString(t) || reAgenda.MatchString(t) || reAgendaZh.MatchString(t) {
			blockX, blockY = r.x0, r.y
			continue
		}
		if reMeeting.MatchString(t) && meeting < 0 {
			meeting = i
			continue
		}
		if reIssuer.MatchString(t) && len(cands) == 0 {
			// the issuing court or institution heads the page; its name
			// (with its continuation lines) is not the title
			j := i
			for j+1 < len(rows) && math.Abs(rows[j+1].size-r.size) < 0.5 && rows[j+1].y-rows[j].y < 2.1*r.size && isAllCaps(rows[j+1].text) == isAllCaps(t) {
				j++
			}
			skipTo = j
			continue
		}
		if reSkipTitle.MatchString(t) {
			j := i
			for j+1 < len(rows) && math.Abs(rows[j+1].size-r.size) < 0.5 && rows[j+1].y-rows[j].y < 2*r.size {
				j++
			}
			skipTo = j
			continue
		}
		if reMastheadRow.MatchString(t) && !reReportOf.MatchString(t) || isBodyName(t) || isBareLabel(t) {
			continue
		}
		if len(findSymbols(t)) > 0 && len([]rune(t)) < 40 {
			continue
		}
		if reResNumber.MatchString(t) {
			cands = []cand{{i, 1000}}
			break
		}
		big := r.size >= 1.12*lay.bodySize
		if big || r.bold || mostlyCaps(t) && len(strings.Fields(t)) >= 3 {
			cands = append(cands, cand{i, r.size})
		}
	}
	maxSize := 0.0
	for _, c := range cands {
		maxSize = math.Max(maxSize, c.size)
	}
	for _, c := range cands {
		if c.size >= maxSize-0.5 {
			titleStart = c.i
			break
		}
	}
	if meeting >= 0 && hasMasthead {
		info.meta.Title = strings.TrimSpace(rows[meeting].text)
		titleStart = -1
	} else if titleStart < 0 && !hasMasthead && len(rows) > 1 {
		// no heading stands out: a short first line that is not a sentence
		t := strings.TrimSpace(rows[0].text)
		if n := len([]rune(t)); n > 0 && n <= 40 && !strings.ContainsRune(".。,，;；:：!?！？", lastRune(t)) && parseLabel(t).kind == lkNone && rows[1].y-rows[0].y < 3*rows[0].size {
			titleStart = 0
			oneRow = true
		}
	}
	if titleStart >= 0 {
		titleEnd = titleStart
		for titleEnd+1 < len(rows) && !oneRow {
			a, b := rows[titleEnd], rows[titleEnd+1]
			bt := strings.TrimSpace(b.text)
			oneWord := titleEnd == titleStart && len(strings.Fields(a.text)) == 1 && b.size > 0.7*a.size
			// "of 14 November 2023" completes the title across a gap;
			// "concerning …" completes it in another font
			datePhrase := reTitleDateOf.MatchString(bt) && parseDate(bt) != "" && a.bold == b.bold && math.Abs(a.size-b.size) <= 0.6 && b.y-a.y < 4*a.size
			concerning := reTitleConcerning.MatchString(bt) && b.y-a.y < 2.1*a.size && b.size > 0.6*a.size
			if datePhrase || concerning {
				titleEnd++
				continue
			}
			if math.Abs(a.size-b.size) > 0.6 && !oneWord || b.y-a.y > 2.1*a.size || reIntro.MatchString(bt) || parseLabel(bt).kind != lkNone || reMastheadRow.MatchString(bt) ||
				reHeadingLabel.MatchString(bt) || strings.HasSuffix(strings.TrimSpace(a.text), "*") || a.bold != b.bold && !oneWord ||
				isPlaceDate(bt) || reRefNumber.MatchString(bt) || isAllCaps(a.text) && lowerShare(bt) > 0.3 {
				break
			}
			titleEnd++
		}
		var parts []string
		for _, r := range rows[titleStart : titleEnd+1] {
			parts = append(parts, strings.TrimSpace(r.text))
		}
		title := stripTatweel(rowsText(rows[titleStart:titleEnd+1], nil))
		if m := reResNumber.FindStringSubmatch(title); m != nil {
			title = m[2]
		}
		title = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(title), "*"))
		info.meta.Title = title
	}
	if !info.intro {
		switch {
		case titleEnd >= 0:
			info.start = titleEnd + 1
			// subtitles in a larger font directly after the title
			for info.start < len(rows) && rows[info.start].size >= 1.1*lay.bodySize && !reHeadingLabel.MatchString(strings.TrimSpace(rows[info.start].text)) && rows[info.start].y < 0.6*h {
				info.start++
			}
		case lastMast >= 0:
			info.start = lastMast + 1
		}
	}
	mast := all
	// restrict metadata to the rows above the body
	if info.start < len(rows) && info.start > 0 {
		limit := rows[info.start-1].y
		mast = nil
		for _, r := range all {
			if r.y <= limit+0.5 || r.y > 0.85*h {
				mast = append(mast, r)
			}
		}
	} else if info.start == 0 && len(rows) > 0 {
		limit := rows[0].y
		mast = nil
		for _, r := range all {
			if r.y < limit || r.y > 0.85*h {
				mast = append(mast, r)
			}
		}
	}
	date := parseDate
	if len(raw) > 0 && raw[0].OCR {
		date = parseOCRDate
		symRows := make([]row, len(mast))
		for i, r := range mast {
			symRows[i] = r
			symRows[i].text = repairOCRSymbol(r.text)
		}
		info.meta.Symbol, info.meta.Symbols = pickSymbol(symRows, h)
	} else {
		info.meta.Symbol, info.meta.Symbols = pickSymbol(mast, h)
	}
	info.meta.Body = pickBody(mast, h, info.meta.Symbol)
	// date: after "Distr", else the first date in the masthead
	for i, r := range mast {
		if r.y > 0.85*h {
			continue
		}
		t := strings.TrimSpace(r.text)
		if reDistr.MatchString(t) || reDistrWord.MatchString(t) {
			for j := i; j < len(mast) && j <= i+4; j++ {
				if d := date(mast[j].text); d != "" && math.Abs(mast[j].x0-r.x0) < 60 {
					info.meta.Date = d
					break
				}
			}
			if info.meta.Date != "" {
				break
			}
		}
	}
	if info.meta.Date == "" {
		for _, r := range mast {
			if r.y > 0.85*h {
				continue
			}
			if d := date(r.text); d != "" {
				info.meta.Date = d
				break
			}
		}
	}
	if info.meta.Date == "" {
		// no masthead date: a date in the heading lines of the first page
		for _, r := range all {
			if r.y > 0.4*h {
				break
			}
			if d := date(r.text); d != "" {
				info.meta.Date = d
				break
			}
		}
	}
	if info.meta.Date == "" && !hasMasthead {
		// a cover page: a line that is only a date ("Le 28 mars 2022"),
		// wherever it stands on the first page
		for _, r := range rows {
			if t := strings.TrimSpace(r.text); len([]rune(t)) <= 30 && len(strings.Fields(t)) <= 5 {
				if d := date(t); d != "" {
					info.meta.Date = d
					break
				}
			}
		}
	}
	for i, r := range mast {
		t := strings.TrimSpace(r.text)
		if info.meta.Distribution == "" {
			if m := reDistr.FindStringSubmatch(t); m != nil {
				w := m[1]
				if w == "" && i+1 < len(mast) {
					w = strings.TrimSpace(mast[i+1].text)
				}
				info.meta.Distribution = distrName(w)
			}
		}
		if info.meta.Session == "" && r.y < 0.85*h {
			if m := reSession.FindStringSubmatch(t); m != nil && !strings.Contains(strings.ToLower(t), "agenda") && !reReportOf.MatchString(t) {
				info.meta.Session = t
			}
		}
		if info.meta.Agenda == "" && r.y < 0.85*h {
			if m := reAgenda.FindStringSubmatch(t); m != nil {
				info.meta.Agenda = strings.TrimSpace(m[1])
			} else if m := reAgendaZh.FindStringSubmatch(t); m != nil {
				info.meta.Agenda = m[1]
			} else if m := reAgendaAr.FindStringSubmatch(toASCIIDigits(t)); m != nil {
				info.meta.Agenda = m[1]
			}
		}
	}
	for _, r := range all {
		if r.y < 0.8*h {
			continue
		}
		if m := reJob.FindStringSubmatch(r.text); m != nil {
			info.meta.Job = m[1]
			break
		}
	}
	return info
}

var (
	reMeeting         = regexp.MustCompile(`(?i)^(?:\d+(?:st|nd|rd|th) (?:plenary )?meeting|\d+(?:e|re) séance(?: plénière)?|\d+ª? sesión(?: plenaria)?|\d+-е (?:пленарное )?заседание|第\d+次(?:全体)?会议|الجلسة (?:العامة )?\d+)$`)
	reIssuer          = regexp.MustCompile(`(?i)^(?:cour|court|corte|tribunal|суд)\b`)
	reTitleDateOf     = regexp.MustCompile(`(?i)^(?:of|dated|de|del|du|da|do|от)\s+\d`)
	reTitleConcerning = regexp.MustCompile(`(?i)^(?:concerning|relating to|regarding|concernant|relati(?:f|ve)s? à|relativ[oa]s? a|sobre|относительно|关于|بشأن|في شأن)\s`)
	reRefNumber       = regexp.MustCompile(`(?i)(?:\bn[°º]|\bno\.|№)\s*\S*\d`)
	rePlaceDate       = regexp.MustCompile(`^[^\d,،]{2,40}[,،]\s*\S.*\b(?:19|20)\d{2}\.?$`)
)

// isPlaceDate reports a "Beirut, 20-21 December 2017" line (place and date
// of a meeting), which follows a title and is not part of it.
func isPlaceDate(t string) bool {
	t = strings.TrimSpace(t)
	if !rePlaceDate.MatchString(toASCIIDigits(t)) {
		return false
	}
	for _, w := range strings.FieldsFunc(strings.ToLower(t), func(r rune) bool { return r == ' ' || r == '/' || r == ',' || r == '،' }) {
		if monthNames[w] > 0 {
			return true
		}
	}
	return false
}

// mostlyCaps reports a line in capitals but for a short word or two
// ("SMITH c. ÉTAT DU SÉNÉGAL").
func mostlyCaps(s string) bool {
	if isAllCaps(s) {
		return true
	}
	cased, letters := 0, 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) || unicode.IsLower(r) {
				cased++
			}
		}
	}
	return letters >= 12 && cased == letters && lowerShare(s) <= 0.1
}

// lowerShare is the share of lower-case letters among the letters of s.
func lowerShare(s string) float64 {
	up, low := caseCounts(s)
	if up+low == 0 {
		return 0
	}
	return float64(low) / float64(up+low)
}

func stripTatweel(s string) string { return strings.ReplaceAll(s, "\u0640", "") }

func distrName(w string) string {
	switch strings.ToLower(strings.TrimSpace(w)) {
	case "general", "générale", "общее":
		return "General"
	case "limited", "limitée", "limitada", "ограниченное":
		return "Limited"
	case "restricted", "restreinte", "reservada":
		return "Restricted"
	}
	return ""
}

// isBodyName reports whether a masthead line is the name of a UN body.
func isBodyName(t string) bool {
	_, ok := unsymbol.NameIn(t)
	return ok
}

// pickSymbol chooses the document symbol among the masthead rows: a
// symbol that fills its row, the most specific one, joining a General
// Assembly and a Security Council symbol printed separately. It also
// returns every symbol of the masthead, the chosen one first, then the
// others in reading order ("E/ESCWA/30/18/Report", "E/2018/41": a report
// issued in two series), or nil when there is only the one.
func pickSymbol(rows []row, h float64) (string, []string) {
	var cands []symbolCand
	for _, r := range rows {
		if r.y > 0.5*h {
			continue
		}
		t := strings.TrimSpace(strings.TrimRight(strings.TrimSpace(r.text), "*"))
		if len(t) > 2 && t[1] == '/' && (t[0] == 's' || t[0] == 'a' || t[0] == 'e') {
			t = strings.ToUpper(t[:1]) + t[1:] // OCR of old typescripts: "s/14938"
		}
		syms := findSymbols(t)
		if len(syms) == 0 {
			continue
		}
		nt := normSymbol(t)
		if len([]rune(nt)) > len([]rune(syms[0]))+6 && !strings.HasPrefix(nt, syms[0]) {
			continue
		}
		if strings.HasPrefix(nt, "[") || strings.HasPrefix(nt, "(") {
			continue
		}
		cands = append(cands, symbolCand{syms[0], r.size})
	}
	if len(cands) == 0 {
		return "", nil
	}
	chosen := chooseSymbol(cands)
	all := []string{chosen}
	parts := unsymbol.Parts(chosen)
	for _, c := range cands {
		if !slices.Contains(all, c.s) && !slices.Contains(parts, c.s) {
			all = append(all, c.s)
		}
	}
	if len(all) == 1 {
		all = nil
	}
	return chosen, all
}

// symbolCand is a symbol found on a masthead row.
type symbolCand struct {
	s    string
	size float64
}

func chooseSymbol(cands []symbolCand) string {
	var a, s string
	for _, c := range cands {
		switch {
		case strings.HasPrefix(c.s, "A/") && a == "":
			a = c.s
		case strings.HasPrefix(c.s, "S/") && s == "":
			s = c.s
		}
	}
	if a != "" && s != "" && !strings.Contains(a, "-") {
		return a + "-" + s
	}
	best := cands[0]
	for _, c := range cands[1:] {
		if strings.Count(c.s, "/") > strings.Count(best.s, "/") {
			best = c
		}
	}
	return best.s
}

// pickBody names the body that issued the document: the body whose
// symbol series the symbol belongs to when that is more specific than a
// principal organ (E/ESCWA/… is ESCWA, CCPR/… the Human Rights
// Committee), else a subsidiary body named on the masthead, else the
// principal organs of a joint symbol or named together on the masthead
// ("General Assembly; Security Council"), else the principal organ named
// on the masthead, else the one the symbol's first component gives.
func pickBody(rows []row, h float64, symbol string) string {
	var found []unsymbol.Body // in masthead order, each once
	seen := map[string]bool{}
	for i, r := range rows {
		if r.y > 0.45*h {
			continue
		}
		texts := []string{strings.TrimSpace(r.text)}
		// a name set in large type over two lines ("ASSEMBLEE" / "GENERALE")
		for _, n := range rows[i+1:] {
			if n.y-r.y > 2*r.size {
				break
			}
			if n.y > r.y && math.Abs(n.size-r.size) < 0.5 && math.Abs(n.x0-r.x0) < 5 {
				texts = append(texts, texts[0]+" "+strings.TrimSpace(n.text))
				break
			}
		}
		for _, t := range texts {
			if b, ok := unsymbol.NameIn(t); ok && !seen[b.Name] {
				seen[b.Name] = true
				found = append(found, b)
			}
		}
	}
	if b, ok := unsymbol.SeriesBody(symbol); ok && !b.Principal {
		return b.Name
	}
	for _, b := range found {
		if !b.Principal {
			return b.Name
		}
	}
	// a joint symbol (A/80/500-S/2025/656) names the organs it joins
	var organs []string
	for _, p := range unsymbol.Parts(symbol) {
		if b, ok := unsymbol.SeriesBody(p); ok && b.Principal && !slices.Contains(organs, b.Name) {
			organs = append(organs, b.Name)
		}
	}
	if len(organs) > 1 {
		return strings.Join(organs, "; ")
	}
	if seen["General Assembly"] && seen["Security Council"] {
		return "General Assembly; Security Council"
	}
	if len(organs) == 1 && seen[organs[0]] {
		return organs[0]
	}
	if len(found) > 0 {
		return found[0].Name
	}
	if len(organs) == 1 {
		return organs[0]
	}
	return ""
}
