package extract

import (
	"fmt"
	"math"
	"regexp"
	"slices"
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
	reMastheadRow = regexp.MustCompile(`(?i)^(?:united nations|nations unies|naciones unidas|организация объединенных наций|联合国|الأمم المتحدة|united|nations|distr\b.*|general|limited|restricted|générale|limitée|limitada|original\s*:.*|english|french|spanish|russian|arabic|chinese|anglais|français|espagnol|inglés|français|.*\bsession|.*\bperíodo de sesiones|.*сессия|agenda item.*|items? \d.*|point \d.*|tema \d.*|пункт \d.*|.*committee|.*commission|.*commission\s*\(\w+\)|working group.*|.*\byear|.*\bannée|\w+, \d{1,2}[-–]\d{1,2} \w+ \d{4}|\*\d+\*|provisional|provisoire|official records.*|documents officiels.*|supplement no\..*|supplément n.*|suplemento n.*)$`)
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

// bodyNames holds the names of the bodies of unsymbol.Bodies, folded.
var bodyNames = func() map[string]bool {
	m := map[string]bool{}
	for _, b := range unsymbol.Bodies {
		for _, n := range b.Names {
			m[unsymbol.Fold(strings.TrimPrefix(n, "="))] = true
		}
	}
	return m
}()

// bodyNameOverTwoRows reports whether rows[i] is half of a body's name
// set over two lines of a masthead, the other half on a row just above
// or below it, in the same column or with rows of another column
// between ("Economic and Social Commission" / "for Western Asia",
// "المجلس" / "الاقتصادي والاجتماعي", "Economic Commission" / "for
// Africa"): the two rows joined are exactly the name.
func bodyNameOverTwoRows(rows []row, i int) bool {
	if i < 0 || i >= len(rows) {
		return false
	}
	r := rows[i]
	for j, o := range rows {
		d := math.Abs(o.y - r.y)
		if j == i || d == 0 || d >= 2*math.Max(o.size, r.size) {
			continue
		}
		a, b := r, o
		if o.y < r.y {
			a, b = o, r
		}
		if bodyNames[unsymbol.Fold(a.text+" "+b.text)] {
			return true
		}
	}
	return false
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
