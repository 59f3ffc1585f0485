package extract

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// Measurements of metadata and clause segmentation against the hand-made
// expectations in ../shared/gold (see its README.md).

func goldDir(t testing.TB) string {
	c := corpusDir(t)
	g := filepath.Join(filepath.Dir(c), "gold")
	if _, err := os.Stat(g); err != nil {
		t.Skip("gold not found next to the corpus")
	}
	return g
}

var (
	docCacheMu sync.Mutex
	docCache   = map[string]*Document{}
)

// analyzed reads a corpus file with the real engine and analyzes it
// (cached across tests).
func analyzed(t testing.TB, path string) *Document {
	docCacheMu.Lock()
	defer docCacheMu.Unlock()
	if d, ok := docCache[path]; ok {
		return d
	}
	d, err := File(context.Background(), path, Options{})
	if err != nil {
		t.Logf("%s: %v", filepath.Base(path), err)
	}
	docCache[path] = d
	return d
}

func readTSV(t testing.TB, path string) (rows [][]string, partial bool) {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	header := true
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			if strings.Contains(line, "partial") {
				partial = true
			}
			continue
		}
		if header {
			header = false
			continue
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		rows = append(rows, strings.Split(line, "\t"))
	}
	return rows, partial
}

func wsNorm(s string) string {
	s = norm.NFKC.String(s)
	s = strings.Map(func(r rune) rune {
		switch r {
		case '\u202a', '\u202b', '\u202c', '\u200e', '\u200f', '\u0640':
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

type clauseScore struct {
	file                string
	gold, got, inRange  int
	matched, extra      int
	pageOK, startOK, ok int
	precision, recall   float64
	textOK              float64
	firstBad            string
}

// scoreClauses compares produced clauses with one gold table.
func scoreClauses(gold [][]string, partial bool, got []Clause) clauseScore {
	s := clauseScore{gold: len(gold), got: len(got)}
	goldIdx := map[string]int{}
	for i, g := range gold {
		goldIdx[g[0]] = i
	}
	// covered range: whole list, or for partial tables the produced
	// clauses between the first and last gold id found
	lo, hi := 0, len(got)-1
	if partial {
		lo, hi = len(got), -1
		for i, c := range got {
			if _, ok := goldIdx[c.ID]; ok {
				lo = min(lo, i)
				hi = max(hi, i)
			}
		}
	}
	seen := map[string]bool{}
	next := 0
	for i := lo; i <= hi && i < len(got); i++ {
		c := got[i]
		s.inRange++
		gi, ok := goldIdx[c.ID]
		if !ok || seen[c.ID] || gi < next {
			s.extra++
			if s.firstBad == "" {
				s.firstBad = "extra " + c.ID
			}
			continue
		}
		seen[c.ID] = true
		next = gi + 1
		s.matched++
		g := gold[gi]
		page := fmt.Sprint(c.Page)
		text := wsNorm(c.Text)
		fw, lw := wsNorm(g[2]), wsNorm(g[3])
		if page == g[1] {
			s.pageOK++
		}
		st := strings.HasPrefix(text, fw)
		en := strings.HasSuffix(text, lw)
		if st {
			s.startOK++
		}
		if page == g[1] && st && en {
			s.ok++
		} else if s.firstBad == "" {
			s.firstBad = fmt.Sprintf("%s p%d/%s start=%v end=%v %q…%q", c.ID, c.Page, g[1], st, en, trunc(text, 40), tail(text, 40))
		}
	}
	if s.firstBad == "" && s.matched < len(gold) {
		for _, g := range gold {
			if !seen[g[0]] {
				s.firstBad = "missing " + g[0]
				break
			}
		}
	}
	s.precision = float64(s.matched) / float64(max(1, s.inRange))
	s.recall = float64(s.matched) / float64(max(1, len(gold)))
	s.textOK = float64(s.ok) / float64(max(1, len(gold)))
	return s
}

func trunc(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n])
	}
	return s
}

func tail(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[len(r)-n:])
	}
	return s
}

// Levels reached on the corpus. The issue asks for 0.98; where the code
// does not reach it yet, the test asserts the level reached (so that it
// catches regressions) and the log reports the gap.
const (
	goldIDTarget   = 0.98
	goldTextTarget = 0.98
)

func TestGoldClauses(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus test (slow)")
	}
	gold := goldDir(t)
	corpus := corpusDir(t)
	files, _ := filepath.Glob(filepath.Join(gold, "clauses", "*.tsv"))
	sort.Strings(files)
	if len(files) == 0 {
		t.Skip("no gold clause tables")
	}
	var lines []string
	lines = append(lines, fmt.Sprintf("%-40s %5s %5s %6s %6s %6s %6s %6s %6s  %s", "file", "gold", "got", "prec", "recall", "page", "text", "page*", "text*", "first problem"))
	var sumP, sumR, sumT float64
	below := 0
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".tsv")
		pdf := filepath.Join(corpus, strings.ReplaceAll(name, "__", string(filepath.Separator))+".pdf")
		if _, err := os.Stat(pdf); err != nil {
			t.Logf("%s: no corpus file", name)
			continue
		}
		rows, partial := readTSV(t, f)
		doc := analyzed(t, pdf)
		s := scoreClauses(rows, partial, doc.Clauses)
		pageRate := float64(s.pageOK) / float64(max(1, s.matched))
		// the same with the gold page errata applied (each checked
		// against the PDF by TestGoldPageErrata)
		fixed := make([][]string, len(rows))
		for i, r := range rows {
			fixed[i] = r
			if p, ok := goldPageErrata[name+" "+r[0]]; ok {
				fixed[i] = append([]string{r[0], itoa(p)}, r[2:]...)
			}
		}
		sf := scoreClauses(fixed, partial, doc.Clauses)
		pageFixed := float64(sf.pageOK) / float64(max(1, sf.matched))
		lines = append(lines, fmt.Sprintf("%-40s %5d %5d %6.3f %6.3f %6.3f %6.3f %6.3f %6.3f  %s", trunc(name, 40), s.gold, s.got, s.precision, s.recall, pageRate, s.textOK, pageFixed, sf.textOK, trunc(s.firstBad, 110)))
		sumP += s.precision
		sumR += s.recall
		sumT += s.textOK
		if s.precision < goldIDTarget || s.recall < goldIDTarget || sf.textOK < goldTextTarget || pageFixed < goldTextTarget {
			below++
		}
	}
	n := float64(len(files))
	lines = append(lines, "(page*, text*: with the gold page errata of TestGoldPageErrata applied; text counts a clause when its page, start and end are right)")
	lines = append(lines, fmt.Sprintf("mean precision %.3f recall %.3f text %.3f; %d of %d files below the 0.98 targets (page*, text*)", sumP/n, sumR/n, sumT/n, below, len(files)))
	t.Log("\n" + strings.Join(lines, "\n"))
	if below > 0 {
		t.Errorf("%d of %d gold files below the issue's 0.98 targets (id precision, recall, page*, text*)", below, len(files))
	}
	// regression floor: the mean levels reached when this test was written
	if sumP/n < goldFloorPrecision || sumR/n < goldFloorRecall || sumT/n < goldFloorText {
		t.Errorf("clause ids/text below the reached level: precision %.3f (floor %.2f) recall %.3f (floor %.2f) text %.3f (floor %.2f)",
			sumP/n, goldFloorPrecision, sumR/n, goldFloorRecall, sumT/n, goldFloorText)
	}
}

// goldPageErrata lists gold rows whose page is wrong ("table id" → the
// page the clause starts on). TestGoldPageErrata checks each against the
// PDF: the gold first words are on the corrected page and not on the gold
// one.
var goldPageErrata = map[string]int{
	// page 5 (footer "5/8") ends inside (k); page 6 opens with the end of
	// (k), then "l) en investissant davantage…"
	"rendered__fr__A_RES_78_265_fr para_6__list_1__point_l": 6,
	// page 4 ends with Article 10 ("4/32"); page 5 opens with "المادة 11"
	"rendered__ar__UN_Charter_ar art_11__para_1": 5,
	"rendered__ar__UN_Charter_ar art_11__para_2": 5,
	"rendered__ar__UN_Charter_ar art_11__para_3": 5,
	// page 5 ends with (أ); page 6 opens with "(ب) إنماء التعاون الدولي…"
	"rendered__ar__UN_Charter_ar art_13__para_1__list_1__point_b": 6,
	// page 12 ends "…وقطع العلاقات الدبلوماسية."; page 13 opens with "المادة 42"
	"rendered__ar__UN_Charter_ar art_42": 13,
	// page 25 ends with (ب); page 26 opens with "(ج) أن يقبل العرائض…"
	"rendered__ar__UN_Charter_ar art_87__list_1__point_c": 26,
}

// TestGoldPageErrata checks every erratum on the PDF itself: the gold
// row's first words are found in the text of the corrected page and not
// in that of the page the gold table gives.
func TestGoldPageErrata(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus test (slow)")
	}
	gold := goldDir(t)
	corpus := corpusDir(t)
	docs := map[string]*Document{}
	for key, page := range goldPageErrata {
		name, id, _ := strings.Cut(key, " ")
		rows, _ := readTSV(t, filepath.Join(gold, "clauses", name+".tsv"))
		var row []string
		for _, r := range rows {
			if r[0] == id {
				row = r
			}
		}
		if row == nil {
			t.Errorf("%s: no gold row %s", name, id)
			continue
		}
		doc := docs[name]
		if doc == nil {
			doc = analyzed(t, filepath.Join(corpus, strings.ReplaceAll(name, "__", string(filepath.Separator))+".pdf"))
			docs[name] = doc
		}
		goldPage := atoi(row[1])
		if goldPage == page {
			t.Errorf("%s %s: the gold table now says page %d: drop the erratum", name, id, page)
			continue
		}
		// the opening of the clause as read (it starts with the gold
		// first words, TestGoldClauses checks that): long enough to be
		// found once, short enough not to cross a line the page text
		// sets differently
		var text string
		for _, c := range doc.Clauses {
			if c.ID == id {
				text = wsNorm(c.Text)
			}
		}
		if !strings.HasPrefix(text, wsNorm(row[2])) {
			t.Errorf("%s %s: clause text %q does not start with the gold first words %q", name, id, trunc(text, 40), row[2])
			continue
		}
		on := func(p int, probe string) bool {
			return p >= 1 && p <= len(doc.Pages) && strings.Contains(wsNorm(doc.Pages[p-1].Text), probe)
		}
		// the longest opening (by words) found on the corrected page
		probe := ""
		words := strings.Fields(text)
		for k := 1; k <= len(words); k++ {
			pr := strings.Join(words[:k], " ")
			if !on(page, pr) {
				break
			}
			probe = pr
		}
		if len([]rune(probe)) < 30 {
			probe = ""
		}
		// items whose words repeat an earlier item's (the Arabic Charter
		// prints (b) and (c) of Article 87 alike) are told apart by their
		// label: "l) …", "(l) …", "(ج) …"
		if i := strings.LastIndex(id, "__point_"); i >= 0 && probe != "" && on(goldPage, probe) {
			x := id[i+len("__point_"):]
			labels := []string{x + ")", "(" + x + ")"}
			if p := letterPos(x); p >= 1 && p <= len(arabicLetters) {
				labels = append(labels, "("+arabicLetters[p-1]+")")
			}
			for _, l := range labels {
				if on(page, l+" "+probe) {
					probe = l + " " + probe
					break
				}
			}
		}
		if probe == "" || on(goldPage, probe) {
			t.Errorf("%s %s: %q on page %d: %v, on gold page %d: %v", name, id, trunc(text, 30), page, probe != "", goldPage, probe != "" && on(goldPage, probe))
			continue
		}
		t.Logf("%s %s: %q is on page %d, not on page %d", name, id, probe, page, goldPage)
	}
}

// Floors reached (see the report in the commit); raise them as the code improves.
var (
	goldFloorPrecision = 0.999
	goldFloorRecall    = 0.999
	goldFloorText      = 0.995
)

func TestGoldMetadata(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus test (slow)")
	}
	gold := goldDir(t)
	corpus := corpusDir(t)
	rows, _ := readTSV(t, filepath.Join(gold, "documents.tsv"))
	fields := []string{"symbol", "date", "body", "title"}
	hits := map[string]int{}
	total := 0
	var lines []string
	for _, r := range rows {
		if len(r) < 6 {
			continue
		}
		file := r[0]
		if strings.HasPrefix(file, "odd/") {
			continue
		}
		pdf := filepath.Join(corpus, filepath.FromSlash(file))
		if _, err := os.Stat(pdf); err != nil {
			continue
		}
		doc := analyzed(t, pdf)
		total++
		want := map[string]string{"symbol": r[1], "title": r[3], "date": r[4], "body": r[5]}
		got := map[string]string{"symbol": doc.Symbol, "title": doc.Title, "date": doc.Date, "body": doc.Body}
		var bad []string
		for _, f := range fields {
			if metaEqual(f, want[f], got[f]) {
				hits[f]++
			} else {
				bad = append(bad, fmt.Sprintf("%s=%q want %q", f, trunc(got[f], 50), trunc(want[f], 50)))
			}
		}
		if len(bad) > 0 {
			lines = append(lines, fmt.Sprintf("%-45s %s", trunc(file, 45), strings.Join(bad, "; ")))
		}
	}
	if total == 0 {
		t.Skip("no corpus files")
	}
	var sum []string
	for _, f := range fields {
		sum = append(sum, fmt.Sprintf("%s %.3f", f, float64(hits[f])/float64(total)))
	}
	t.Logf("metadata on %d files: %s\n%s", total, strings.Join(sum, ", "), strings.Join(lines, "\n"))
	for _, f := range fields {
		floor := metaFloor[f]
		if rate := float64(hits[f]) / float64(total); rate < floor {
			t.Errorf("%s correct on %.3f of files, below the reached level %.2f", f, rate, floor)
		}
	}
}

// Levels reached; the issue asks for 0.95 (symbol, date, body) and 0.9 (title).
var metaFloor = map[string]float64{"symbol": 0.95, "date": 0.96, "body": 0.98, "title": 0.92}

// metaEqual compares a metadata field: titles after whitespace and case
// folding, the rest exactly.
func metaEqual(field, want, got string) bool {
	if field == "title" {
		return strings.EqualFold(wsNorm(strings.ReplaceAll(want, "’", "'")), wsNorm(strings.ReplaceAll(got, "’", "'")))
	}
	return want == got
}

// TestRenderedTextF1 compares the clause texts of the rendered documents
// with their gold body text, in the token measure of textf1.py.
func TestRenderedTextF1(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus test (slow)")
	}
	gold := goldDir(t)
	corpus := corpusDir(t)
	files, _ := filepath.Glob(filepath.Join(corpus, "rendered", "*", "*.pdf"))
	sort.Strings(files)
	var lines []string
	minP, minR := 1.0, 1.0
	for _, pdf := range files {
		name := strings.TrimSuffix(filepath.Base(pdf), ".pdf")
		ref, err := os.ReadFile(filepath.Join(gold, "text", name+".txt"))
		if err != nil {
			continue
		}
		doc := analyzed(t, pdf)
		p, r, f := bagF1(wordBag(string(ref)), wordBag(bodyText(doc)))
		lines = append(lines, fmt.Sprintf("%-32s precision %.4f recall %.4f f1 %.4f", name, p, r, f))
		minP, minR = min(minP, p), min(minR, r)
	}
	if len(lines) == 0 {
		t.Skip("no rendered documents")
	}
	t.Log("\n" + strings.Join(lines, "\n"))
	if minP < textFloorP || minR < textFloorR {
		t.Errorf("min precision %.4f (floor %.2f), min recall %.4f (floor %.2f)", minP, textFloorP, minR, textFloorR)
	}
}

// The targets, met on all rendered documents.
var textFloorP, textFloorR = 0.99, 0.95

// bodyText rebuilds a document's body text from its analysis, the way the
// gold text files are written: title, section headings where they change,
// each clause as "label text", then the footnotes.
func bodyText(doc *Document) string {
	var b strings.Builder
	b.WriteString(doc.Title + "\n")
	seen := map[string]bool{}
	var notes []string
	for _, c := range doc.Clauses {
		for _, s := range strings.Split(c.Section, " / ") {
			if s != "" && !seen[s] {
				seen[s] = true
				b.WriteString(s + "\n")
			}
		}
		if c.Label != "" {
			b.WriteString(c.Label + " ")
		}
		b.WriteString(c.Text + "\n")
		notes = append(notes, c.Footnotes...)
	}
	if len(notes) > 0 {
		b.WriteString("__footnotes__\n")
	}
	for _, n := range notes {
		b.WriteString(n + "\n")
	}
	return b.String()
}

// TestSameIDsAcrossLanguages checks that the language versions of one
// document produce the same clause id list.
func TestSameIDsAcrossLanguages(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus test (slow)")
	}
	corpus := corpusDir(t)
	sets := [][]string{
		{"en/A_RES_48_246_en.pdf", "es/A_RES_48_246_es.pdf"},
		{"en/A_HRC_WG.6_34_ITA_3_en.pdf", "ru/A_HRC_WG.6_34_ITA_3_ru.pdf"},
		{"en/E_ESCWA_30_18_Report_en.pdf", "fr/E_ESCWA_30_18_Report_fr.pdf", "ar/E_ESCWA_30_18_Report_ar.pdf"},
		{"en/A_RES_78_265_en.pdf", "rendered/fr/A_RES_78_265_fr.pdf"},
		{"rendered/en/UN_Charter_en.pdf", "rendered/fr/UN_Charter_fr.pdf", "rendered/es/UN_Charter_es.pdf", "rendered/ru/UN_Charter_ru.pdf", "rendered/ar/UN_Charter_ar.pdf", "rendered/zh/UN_Charter_zh.pdf"},
		// more sets made from the corpus's en/fr/ar documents
		{"en/A_HRC_WG.6_7_ITA_1_en.pdf", "fr/A_HRC_WG.6_7_ITA_1_fr.pdf"},
		{"en/E_ESCWA_30_8_en.pdf", "ar/E_ESCWA_30_8_ar.pdf"},
		{"en/E_ESCWA_2017_EC.4_L.1_en.pdf", "ar/E_ESCWA_2017_EC.4_L.1_ar.pdf"},
		{"en/E_ESCWA_EDID_2017_IG.1_L.2_en.pdf", "ar/E_ESCWA_EDID_2017_IG.1_L.2_ar.pdf"},
	}
	same := 0
	var lines []string
	for _, set := range sets {
		var ref []string
		ok := true
		for i, f := range set {
			path := filepath.Join(corpus, filepath.FromSlash(f))
			if _, err := os.Stat(path); err != nil {
				ok = false
				break
			}
			doc := analyzed(t, path)
			ids := make([]string, len(doc.Clauses))
			for j, c := range doc.Clauses {
				ids[j] = c.ID
			}
			if i == 0 {
				ref = ids
				continue
			}
			if d := firstDiff(ref, ids); d != "" {
				ok = false
				lines = append(lines, fmt.Sprintf("%s vs %s: %s", set[0], f, d))
			}
		}
		if ok {
			same++
		}
	}
	t.Logf("%d of %d language sets have identical id lists\n%s", same, len(sets), strings.Join(lines, "\n"))
	if same < sameIDFloor {
		t.Errorf("only %d sets identical (reached level %d)", same, sameIDFloor)
	}
}

// Reached: 8 of 9 (the ESCWA report's en, fr and ar versions give the
// same 293 ids, its annexes included; the Italian national report's en
// and fr versions the same 142 since the wrapped lines of its contents
// are dropped with their leader lines; E/ESCWA/EDID/2017/IG.1/L.2 the
// same 5 in en and ar since its organization of work, a two-column
// table of times and agenda items over two pages, is read as a table on
// each page, para_3__table_1 and para_3__table_2, where its cells used
// to open reproduced-text paragraphs in one version and not in the
// other). E/ESCWA/2017/EC.4/L.1 gives the same 67 ids in en and ar, and
// the Arabic one more, para_11__cmp_1__para_33: its text has a twelfth
// "representatives are invited" paragraph (item 8) that the English
// text has not.
var sameIDFloor = 8

func firstDiff(a, b []string) string {
	for i := 0; i < len(a) || i < len(b); i++ {
		var x, y string
		if i < len(a) {
			x = a[i]
		}
		if i < len(b) {
			y = b[i]
		}
		if x != y {
			return fmt.Sprintf("%d vs %d ids, first difference at %d: %q vs %q", len(a), len(b), i, x, y)
		}
	}
	return ""
}

// TestDebugClauses prints the clauses of DOCINDEX_DEBUG_PDF (a development aid).
func TestDebugClauses(t *testing.T) {
	p := os.Getenv("DOCINDEX_DEBUG_PDF")
	if p == "" {
		t.Skip("set DOCINDEX_DEBUG_PDF to print the clauses of a file")
	}
	doc := analyzed(t, p)
	t.Logf("meta %+v lang %s", doc.Meta, doc.Language)
	if os.Getenv("DOCINDEX_DEBUG_ROWS") != "" {
		pages, lay := cleanupPages(doc.Pages)
		t.Logf("body size %.1f", lay.bodySize)
		pg := 0
		fmt.Sscan(os.Getenv("DOCINDEX_DEBUG_ROWS"), &pg)
		if pg > 0 && pg <= len(pages) {
			pages[0] = pages[pg-1]
		}
		if len(pages) > 0 {
			for _, r := range pages[0].header {
				t.Logf("H y%6.1f x%6.1f s%5.1f b%-5v %s", r.y, r.x0, r.size, r.bold, r.text)
			}
			for _, r := range pages[0].rows {
				t.Logf("R y%6.1f x%6.1f st%6.1f e%6.1f s%5.1f b%-5v %s", r.y, r.x0, r.start, r.end, r.size, r.bold, r.text)
			}
		}
	}
	for _, c := range doc.Clauses {
		t.Logf("%-40s p%-3d [%s] %s | %q…%q fn=%d", c.ID, c.Page, trunc(c.Section, 30), c.Citation, trunc(c.Text, 60), tail(c.Text, 40), len(c.Footnotes))
	}
}

// TestDebugClauseText prints the full text of clause DOCINDEX_DEBUG_ID of
// DOCINDEX_DEBUG_PDF (a development aid).
func TestDebugClauseText(t *testing.T) {
	p, id := os.Getenv("DOCINDEX_DEBUG_PDF"), os.Getenv("DOCINDEX_DEBUG_ID")
	if p == "" || id == "" {
		t.Skip("set DOCINDEX_DEBUG_PDF and DOCINDEX_DEBUG_ID")
	}
	for _, c := range analyzed(t, p).Clauses {
		if c.ID == id {
			t.Logf("%s p%d [%s]\n%s\nfootnotes: %q", c.ID, c.Page, c.Section, c.Text, c.Footnotes)
		}
	}
}

// TestDebugGoldRows prints each gold row of DOCINDEX_DEBUG_GOLD (a gold
// clause table name) whose page, start or end is not matched.
func TestDebugGoldRows(t *testing.T) {
	name := os.Getenv("DOCINDEX_DEBUG_GOLD")
	if name == "" {
		t.Skip("set DOCINDEX_DEBUG_GOLD to a gold table name (ar__E_ESCWA_30_18_Report_ar)")
	}
	gold := goldDir(t)
	rows, _ := readTSV(t, filepath.Join(gold, "clauses", name+".tsv"))
	pdf := filepath.Join(corpusDir(t), strings.ReplaceAll(name, "__", "/")+".pdf")
	doc := analyzed(t, pdf)
	by := map[string]Clause{}
	for _, c := range doc.Clauses {
		by[c.ID] = c
	}
	for _, g := range rows {
		c, ok := by[g[0]]
		if !ok {
			t.Logf("MISSING %s", g[0])
			continue
		}
		text := wsNorm(c.Text)
		st := strings.HasPrefix(text, wsNorm(g[2]))
		en := strings.HasSuffix(text, wsNorm(g[3]))
		pg := itoa(c.Page) == g[1]
		if !st || !en || !pg {
			t.Logf("%s page=%v(%d/%s) start=%v end=%v\n  gold: %q … %q\n  got:  %q … %q", g[0], pg, c.Page, g[1], st, en, g[2], g[3], trunc(text, 60), tail(text, 60))
		}
	}
}

// TestDebugLines prints the lines of DOCINDEX_DEBUG_PDF containing
// DOCINDEX_DEBUG_PAT with their words (a development aid).
func TestDebugLines(t *testing.T) {
	p := os.Getenv("DOCINDEX_DEBUG_PDF")
	pat := os.Getenv("DOCINDEX_DEBUG_PAT")
	if p == "" || pat == "" {
		t.Skip("set DOCINDEX_DEBUG_PDF and DOCINDEX_DEBUG_PAT")
	}
	doc := analyzed(t, p)
	for _, pg := range doc.Pages {
		for _, l := range pg.Lines {
			if strings.Contains(l.Text, pat) {
				t.Logf("p%d x%.1f-%.1f rtl=%v %q", pg.Number, l.X0, l.X1, l.RTL, l.Text)
				for _, w := range l.Words {
					t.Logf("   w %.1f-%.1f rise %.1f size %.1f (line %.1f) %q", w.X0, w.X1, w.Rise, w.Size, l.Size, w.Text)
				}
			}
		}
	}
}

// TestDebugDumpIDs writes "file id page" for every clause of every corpus
// file to DOCINDEX_DEBUG_DUMP (a development aid: diff two dumps to see
// what a change does to the whole corpus).
func TestDebugDumpIDs(t *testing.T) {
	out := os.Getenv("DOCINDEX_DEBUG_DUMP")
	if out == "" {
		t.Skip("set DOCINDEX_DEBUG_DUMP to a file to write")
	}
	corpus := corpusDir(t)
	var files []string
	filepath.Walk(corpus, func(p string, info os.FileInfo, err error) error {
		if err == nil && strings.HasSuffix(p, ".pdf") {
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(files)
	var b strings.Builder
	for _, f := range files {
		doc := analyzed(t, f)
		if doc == nil {
			continue
		}
		rel, _ := filepath.Rel(corpus, f)
		for _, c := range doc.Clauses {
			fmt.Fprintf(&b, "%s\t%s\t%d\t%d\n", rel, c.ID, c.Page, len([]rune(c.Text)))
		}
	}
	if err := os.WriteFile(out, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}
