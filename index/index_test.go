package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/blevesearch/bleve/v2"

	"github.com/docindex/docindex/extract"
)

// Synthetic documents: a test "PDF" is a %PDF- header followed by the
// JSON of an extract.Document, and jsonExtract decodes it. This tests the
// index layer (mapping, analyzers, incremental builds, queries) without
// depending on the PDF engine.

func writeDoc(t *testing.T, path string, doc extract.Document) {
	t.Helper()
	js, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, append([]byte("%PDF-1.4\n"), js...), 0o644); err != nil {
		t.Fatal(err)
	}
}

var (
	extractCalls   = map[string]int{}
	extractCallsMu sync.Mutex // Build calls the extractor from several workers
)

func jsonExtract(ctx context.Context, path string) (*extract.Document, error) {
	extractCallsMu.Lock()
	extractCalls[filepath.Base(path)]++
	extractCallsMu.Unlock()
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if !strings.HasPrefix(string(data), "%PDF-1.4\n") {
		return nil, extract.ErrNotPDF
	}
	var doc extract.Document
	if err := json.Unmarshal(data[len("%PDF-1.4\n"):], &doc); err != nil {
		return nil, err
	}
	doc.File = path
	if len(doc.Pages) == 0 {
		doc.Pages = []extract.Page{{Number: 1, Text: "x"}, {Number: 2, NoText: true}}
	}
	return &doc, nil
}

// resetExtractCalls forgets the files extracted so far.
func resetExtractCalls() {
	extractCallsMu.Lock()
	defer extractCallsMu.Unlock()
	clear(extractCalls)
}

// extractCallCount is the number of extractions since the last reset.
func extractCallCount() int {
	extractCallsMu.Lock()
	defer extractCallsMu.Unlock()
	n := 0
	for _, c := range extractCalls {
		n += c
	}
	return n
}

func cl(id, lang, text string, page int) extract.Clause {
	return extract.Clause{ID: id, Language: lang, Text: text, Page: page, Citation: id}
}

func res78265(lang string, m, g string) extract.Document {
	return extract.Document{
		Language: lang,
		Meta:     extract.Meta{Symbol: "A/RES/78/265", Body: "General Assembly", Date: "2024-03-21"},
		Clauses: []extract.Clause{
			cl("preamble__para_1", lang, preamble[lang], 1),
			cl("para_6__list_1__point_g", lang, g, 3),
			cl("para_6__list_1__point_m", lang, m, 4),
		},
	}
}

var preamble = map[string]string{
	"en": "Reaffirming international law, in particular the Charter of the United Nations",
	"fr": "Réaffirmant le droit international, en particulier la Charte des Nations Unies et les droits de l’homme",
}

func corpusFixture(t *testing.T) string {
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	writeDoc(t, filepath.Join(src, "en", "A_RES_78_265_en.pdf"), res78265("en",
		"Promoting linguistic and cultural diversity in large language models",
		"Encouraging watermarking and labelling of AI-generated content"))
	writeDoc(t, filepath.Join(src, "fr", "A_RES_78_265_fr.pdf"), res78265("fr",
		"Promouvoir la diversité linguistique et culturelle dans les grands modèles de langage",
		"Encourager le tatouage numérique et l’étiquetage des contenus"))
	writeDoc(t, filepath.Join(src, "ar", "UN_Charter_ar.pdf"), extract.Document{
		Language: "ar",
		Clauses: []extract.Clause{
			// tatweel in الأمـــم, shadda in المتّحدة, lam-alef presentation form in السﻼم
			cl("art_1", "ar", "مقاصد الأمـــم المتّحدة هي حفظ السﻼم والأمن الدولي", 1),
			cl("art_51", "ar", "ليس في هذا الميثاق ما يضعف أو ينقص الحق الطبيعي للدول في الدفاع عن أنفسهم", 9),
		},
	})
	writeDoc(t, filepath.Join(src, "zh", "UN_Charter_zh.pdf"), extract.Document{
		Language: "zh",
		Clauses: []extract.Clause{
			cl("art_1", "zh", "联合国之宗旨为维持国际和平及安全", 1),
			cl("art_51", "zh", "联合国任何会员国受武力攻击时，在安全理事会采取必要办法，以维持国际和平及安全以前，本宪章不得认为禁止行使单独或集体自卫之自然权利。", 9),
		},
	})
	writeDoc(t, filepath.Join(src, "en", "UN_Charter_en.pdf"), extract.Document{
		Language: "en",
		Clauses: []extract.Clause{
			cl("art_1", "en", "The Purposes of the United Nations are to maintain international peace and security", 1),
			cl("art_51", "en", "Nothing in the present Charter shall impair the inherent right of individual or collective self-defence if an armed attack occurs", 9),
		},
	})
	writeDoc(t, filepath.Join(src, "ru", "A_HRC_WG.6_34_ITA_3_ru.pdf"), extract.Document{
		Language: "ru",
		Meta:     extract.Meta{Symbol: "A/HRC/WG.6/34/ITA/3", Body: "Human Rights Council"},
		Clauses: []extract.Clause{
			cl("para_4", "ru", "Рекомендовано ратифицировать Договор о запрещении ядерного оружия", 2),
			cl("para_66", "ru", "Регулировать суррогатное материнство", 8),
		},
	})
	writeDoc(t, filepath.Join(src, "es", "A_RES_48_246_es.pdf"), extract.Document{
		Language: "es",
		Meta:     extract.Meta{Symbol: "A/RES/48/246", Body: "General Assembly"},
		Clauses: []extract.Clause{
			cl("para_11", "es", "Acoge con beneplácito las contribuciones voluntarias en servicios y suministros", 3),
			// Latin ligature (U+FB01) and a footnote marker glued to the word
			cl("para_12", "es", "Preocupada por la situación ﬁnanciera de la Misión²", 3),
		},
	})
	return dir
}

func build(t *testing.T, ixPath string, args ...string) *BuildStats {
	t.Helper()
	st, err := Build(context.Background(), ixPath, args, BuildOptions{Workers: 2, Extract: jsonExtract})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return st
}

func open(t testing.TB, p string) *Index {
	t.Helper()
	ix, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

func search(t *testing.T, ix *Index, req SearchRequest) *SearchResult {
	t.Helper()
	res, err := ix.Search(context.Background(), req)
	if err != nil {
		t.Fatalf("search %+v: %v", req, err)
	}
	return res
}

func hitIDs(res *SearchResult) []string {
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.Language+":"+h.ID)
	}
	return out
}

func TestSearchLanguages(t *testing.T) {
	dir := corpusFixture(t)
	ixPath := filepath.Join(dir, "ix")
	st := build(t, ixPath, filepath.Join(dir, "src"))
	if st.Indexed != 7 || st.Failed != 0 || st.Clauses != 16 {
		t.Fatalf("stats: %+v", st)
	}
	if st.Pages != 14 || st.NoTextPages != 7 {
		t.Errorf("pages %d no-text %d, want 14 and 7", st.Pages, st.NoTextPages)
	}
	ix := open(t, ixPath)

	cases := []struct {
		q, lang, want string
		mark          string // text that must be marked in the snippet
	}{
		{"linguistic diversity language model", "en", "en:para_6__list_1__point_m", "linguistic"},
		{"diversité linguistique modèles", "fr", "fr:para_6__list_1__point_m", "diversité"},
		// French elision: l’homme (typographic apostrophe) found by homme and by l'homme
		{"homme", "fr", "fr:preamble__para_1", "l’homme"},
		{"l'homme", "fr", "fr:preamble__para_1", "l’homme"},
		{"étiquetage", "fr", "fr:para_6__list_1__point_g", "l’étiquetage"},
		// Arabic: tatweel, harakat and presentation forms folded, offsets on the original text
		{"الأمم المتحدة", "ar", "ar:art_1", "الأمـــم"},
		{"السلام", "ar", "ar:art_1", "السﻼم"},
		{"الدفاع عن النفس", "ar", "ar:art_51", "الدفاع"},
		// Chinese bigrams
		{"集体自卫", "zh", "zh:art_51", "集体自卫"},
		{"单独或集体自卫之自然权利", "zh", "zh:art_51", "单独或集体自卫之自然权利"},
		// Russian stemming: ядерное оружие ~ ядерного оружия
		{"ядерное оружие", "ru", "ru:para_4", "ядерного"},
		{"contribuciones voluntarias", "es", "es:para_11", "contribuciones"},
		// ligatures and superscript footnote markers are folded per token
		{"situación financiera misión", "es", "es:para_12", "ﬁnanciera"},
		{"misión", "es", "es:para_12", "Misión"},
		// all languages
		{"self-defence armed attack", "", "en:art_51", "attack"},
		{"\"collective self-defence\"", "", "en:art_51", "collective"},
	}
	for _, c := range cases {
		res := search(t, ix, SearchRequest{Query: c.q, Lang: c.lang})
		if len(res.Hits) == 0 {
			t.Errorf("%q (%s): no hits", c.q, c.lang)
			continue
		}
		h := res.Hits[0]
		if got := h.Language + ":" + h.ID; got != c.want {
			t.Errorf("%q (%s): top hit %s, want %s (all: %v)", c.q, c.lang, got, c.want, hitIDs(res))
			continue
		}
		if !strings.Contains(h.Snippet, "<mark>"+c.mark+"</mark>") {
			t.Errorf("%q: snippet %q does not mark %q", c.q, h.Snippet, c.mark)
		}
	}

	// Odd query-string input never fails.
	for _, q := range []string{`"unbalanced phrase`, `a:`, `((`, `/[/`, `*`, `-`, `+`, `:`, `\`, `title:^`, `وشروط/أو`} {
		if _, err := ix.Search(context.Background(), SearchRequest{Query: q}); err != nil {
			t.Errorf("query %q: %v", q, err)
		}
	}
	// "*" alone lists every clause (as the empty query does), in
	// document order, instead of expanding a wildcard over every term.
	all := search(t, ix, SearchRequest{Query: "", Limit: 100})
	for _, q := range []string{"*", " ** "} {
		star := search(t, ix, SearchRequest{Query: q, Limit: 100})
		if star.Total != all.Total || star.Total != 16 || fmt.Sprint(hitIDs(star)) != fmt.Sprint(hitIDs(all)) {
			t.Errorf("%q: %d hits %v, want the %d of the empty query", q, star.Total, hitIDs(star), all.Total)
		}
	}
	// A language restriction excludes other languages.
	res := search(t, ix, SearchRequest{Query: "Charter", Lang: "fr"})
	for _, h := range res.Hits {
		if h.Language != "fr" {
			t.Errorf("lang fr returned %s", h.Language)
		}
	}
	// Facets count hits per language and body.
	res = search(t, ix, SearchRequest{Query: "", Symbol: "A/RES/78/265"})
	if res.Languages["en"] != 3 || res.Languages["fr"] != 3 || res.Bodies["General Assembly"] != 6 || res.Total != 6 {
		t.Errorf("facets: total %d langs %v bodies %v", res.Total, res.Languages, res.Bodies)
	}
	// A minus clause excludes.
	res = search(t, ix, SearchRequest{Query: "+Charter -impair", Lang: "en"})
	for _, h := range res.Hits {
		if h.ID == "art_51" {
			t.Errorf("-impair returned art_51")
		}
	}
}

func TestSymbolQueries(t *testing.T) {
	dir := corpusFixture(t)
	ixPath := filepath.Join(dir, "ix")
	build(t, ixPath, filepath.Join(dir, "src"))
	ix := open(t, ixPath)

	res := search(t, ix, SearchRequest{Query: "A/RES/78/265 para 6 (m)"})
	if got := strings.Join(hitIDs(res), " "); got != "en:para_6__list_1__point_m fr:para_6__list_1__point_m" {
		t.Fatalf("A/RES/78/265 para 6 (m): %s", got)
	}
	h := res.Hits[0]
	if len(h.Parallels) != 1 || h.Parallels[0].Language != "fr" || h.Parallels[0].Page != 4 ||
		filepath.Base(h.Parallels[0].File) != "A_RES_78_265_fr.pdf" {
		t.Errorf("parallels of en hit: %+v", h.Parallels)
	}
	if h.Doc != "A/RES/78/265" || h.Work != "A/RES/78/265" {
		t.Errorf("doc %q work %q", h.Doc, h.Work)
	}

	res = search(t, ix, SearchRequest{Query: "A/RES/78/265 6(m)", Lang: "fr"})
	if got := strings.Join(hitIDs(res), " "); got != "fr:para_6__list_1__point_m" {
		t.Errorf("6(m) fr: %s", got)
	}
	// A symbol alone lists the document's clauses in order.
	res = search(t, ix, SearchRequest{Query: "a/res/78/265", Lang: "en"})
	if got := strings.Join(hitIDs(res), " "); got != "en:preamble__para_1 en:para_6__list_1__point_g en:para_6__list_1__point_m" {
		t.Errorf("symbol alone: %s", got)
	}
	// file: queries address documents without a symbol; parallels go by
	// file base name without the language code.
	res = search(t, ix, SearchRequest{Query: "file:UN_Charter_zh.pdf art. 51"})
	if len(res.Hits) != 1 || res.Hits[0].ID != "art_51" || res.Hits[0].Language != "zh" {
		t.Fatalf("file query: %v", hitIDs(res))
	}
	var pl []string
	for _, p := range res.Hits[0].Parallels {
		pl = append(pl, p.Language)
	}
	if strings.Join(pl, ",") != "ar,en" {
		t.Errorf("charter parallels: %v", res.Hits[0].Parallels)
	}
	if res.Hits[0].Work != "file:UN_Charter" || res.Hits[0].Doc != "file:UN_Charter_zh.pdf" {
		t.Errorf("work %q doc %q", res.Hits[0].Work, res.Hits[0].Doc)
	}
	res = search(t, ix, SearchRequest{Query: "file:UN_Charter art 51"})
	if len(res.Hits) != 3 {
		t.Errorf("file:UN_Charter art 51: %v", hitIDs(res))
	}
	// text search restricted to a symbol-less document
	res = search(t, ix, SearchRequest{Query: "peace", Symbol: "file:UN_Charter_en.pdf"})
	if got := strings.Join(hitIDs(res), " "); got != "en:art_1" {
		t.Errorf("symbol filter file: %s", got)
	}
	// An unknown clause of a known symbol finds nothing, and the answer
	// says which paragraphs the document has.
	res = search(t, ix, SearchRequest{Query: "A/RES/78/265 para 99"})
	if len(res.Hits) != 0 || !strings.Contains(res.Notice, "A/RES/78/265 has no para. 99") || !strings.Contains(res.Notice, "para. 6") {
		t.Errorf("para 99: %v %q", hitIDs(res), res.Notice)
	}
	// A paragraph number finds the paragraph's sub-items when it has no
	// text of its own, in document order.
	res = search(t, ix, SearchRequest{Query: "A/RES/78/265 para 6", Lang: "en"})
	if got := strings.Join(hitIDs(res), " "); got != "en:para_6__list_1__point_g en:para_6__list_1__point_m" {
		t.Errorf("para 6: %s", got)
	}
	// A symbol followed by words searches the words in that document.
	res = search(t, ix, SearchRequest{Query: "file:UN_Charter_en.pdf peace security"})
	if got := strings.Join(hitIDs(res), " "); got != "en:art_1" {
		t.Errorf("file: + words: %s", got)
	}
	res = search(t, ix, SearchRequest{Query: "A/RES/78/265 Charter"})
	if got := strings.Join(hitIDs(res), " "); got != "en:preamble__para_1 fr:preamble__para_1" && got != "fr:preamble__para_1 en:preamble__para_1" {
		t.Errorf("symbol + words: %s", got)
	}
	// An unknown symbol is said to be unknown, and nothing else.
	for _, q := range []string{"S/2099/1 peace", "S/2099/1", "S/2099/1 para 2"} {
		res = search(t, ix, SearchRequest{Query: q, Lang: "en"})
		if len(res.Hits) != 0 || res.Notice != "S/2099/1 is not in this index" {
			t.Errorf("unknown symbol %q: %v %q", q, hitIDs(res), res.Notice)
		}
	}

	// Clause view: the clause, its parallels and its neighbours.
	v, err := ix.ClauseView(context.Background(), "A/RES/78/265", "para_6__list_1__point_g", "fr")
	if err != nil {
		t.Fatal(err)
	}
	if v.Clause.Language != "fr" || !strings.Contains(v.Clause.Text, "tatouage") || v.PrevID != "preamble__para_1" ||
		v.NextID != "para_6__list_1__point_m" || len(v.Parallels) != 1 || v.Parallels[0].Language != "en" ||
		!strings.Contains(v.Parallels[0].Text, "watermarking") {
		t.Errorf("clause view: %+v", v)
	}
	v, err = ix.ClauseView(context.Background(), "file:UN_Charter_ar.pdf", "art_51", "")
	if err != nil {
		t.Fatal(err)
	}
	if v.Clause.Language != "ar" || v.PrevID != "art_1" || v.NextID != "" || len(v.Parallels) != 2 {
		t.Errorf("charter clause view: %+v", v)
	}
	if _, err := ix.ClauseView(context.Background(), "A/RES/78/265", "para_99", ""); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing clause: %v", err)
	}
	if !ix.HasFile(filepath.Join(dir, "src", "es", "A_RES_48_246_es.pdf")) || ix.HasFile(filepath.Join(dir, "src", "nope.pdf")) {
		t.Errorf("HasFile")
	}
}

func TestParseSymbolQuery(t *testing.T) {
	cases := []struct {
		q                string
		ok               bool
		symbol, file, id string
	}{
		{"A/RES/78/265", true, "A/RES/78/265", "", ""},
		{"A/RES/78/265 6(m)", true, "A/RES/78/265", "", "para_6__list_1__point_m"},
		{"A/RES/78/265 para 6 (m)", true, "A/RES/78/265", "", "para_6__list_1__point_m"},
		{"A/RES/78/265, para. 6 (m) (ii)", true, "A/RES/78/265", "", "para_6__list_1__point_m__list_1__point_ii"},
		// citations as docindex prints them in the six languages
		{"A/RES/78/265, preambular para. 3", true, "A/RES/78/265", "", "preamble__para_3"},
		{"A/RES/78/265, par. 6 m)", true, "A/RES/78/265", "", "para_6__list_1__point_m"},
		{"A/RES/78/265, al. 3 du préambule", true, "A/RES/78/265", "", "preamble__para_3"},
		{"A/RES/78/265, párr. 6 m)", true, "A/RES/78/265", "", "para_6__list_1__point_m"},
		{"A/RES/78/265, párr. 3 del preámbulo", true, "A/RES/78/265", "", "preamble__para_3"},
		{"A/RES/78/265, п. 6 н)", true, "A/RES/78/265", "", "para_6__list_1__point_m"},
		{"A/RES/78/265, п. 3 преамбулы", true, "A/RES/78/265", "", "preamble__para_3"},
		{"A/RES/78/265، الفقرة 6 (م)", true, "A/RES/78/265", "", "para_6__list_1__point_m"},
		{"A/RES/78/265، الفقرة 3 من الديباجة", true, "A/RES/78/265", "", "preamble__para_3"},
		{"A/RES/99/101، الفقرة 4 (ج) ’1‘", true, "A/RES/99/101", "", "para_4__list_1__point_c__list_1__point_i"},
		{"A/RES/78/265，第6段(m)", true, "A/RES/78/265", "", "para_6__list_1__point_m"},
		{"A/RES/78/265，序言部分第3段", true, "A/RES/78/265", "", "preamble__para_3"},
		{"联合国宪章 x", false, "", "", ""},
		{"file:UN_Charter_zh.pdf 第2条第4款", true, "", "UN_Charter_zh.pdf", "art_2__para_4"},
		{"file:UN_Charter_ru.pdf ст. 2, п. 4", true, "", "UN_Charter_ru.pdf", "art_2__para_4"},
		{"file:UN_Charter_ar.pdf المادة 2، الفقرة 4", true, "", "UN_Charter_ar.pdf", "art_2__para_4"},
		{"E/ESCWA/30/18/Report, para. 3, text 2, para. 7", true, "E/ESCWA/30/18/Report", "", "para_3__cmp_2__para_7"},
		{"A/RES/79/1, annex I, para. 12", true, "A/RES/79/1", "", "annex_I__para_12"},
		{"A/RES/79/1，附件I，第12段", true, "A/RES/79/1", "", "annex_I__para_12"},
		{"A/RES/79/1، المرفق I، الفقرة 12", true, "A/RES/79/1", "", "annex_I__para_12"},
		{"A/RES/79/1 annex I", false, "", "", ""},
		{"A/81/6 (Sect. 25)/Part A, para. 25.1", true, "A/81/6 (Sect. 25)/Part A", "", "para_25.1"},
		{"S/RES/2803 (2025), para. 2", true, "S/RES/2803 (2025)", "", "para_2"},
		{"A/81/6 (Sect. 2) para 2.3 (b)", true, "A/81/6 (Sect. 2)", "", "para_2.3__list_1__point_b"},
		{"A/RES/78/265 6 7", false, "", "", ""},
		{"A/RES/78/265 para. 6 (m) (ii)", true, "A/RES/78/265", "", "para_6__list_1__point_m__list_1__point_ii"},
		{"S/2016/1100 para. 3", true, "S/2016/1100", "", "para_3"},
		{"S/2016/1100 paragraph 3", true, "S/2016/1100", "", "para_3"},
		{"A/RES/78/265 preambular para 3", true, "A/RES/78/265", "", "preamble__para_3"},
		{"A/RES/78/265 pp 3 (a)", true, "A/RES/78/265", "", "preamble__para_3__list_1__point_a"},
		{"A/RES/79/1 annex I, para 12", true, "A/RES/79/1", "", "annex_I__para_12"},
		{"A/RES/79/1 annex para 12", true, "A/RES/79/1", "", "annex__para_12"},
		{"A/81/6 para 25.1", true, "A/81/6", "", "para_25.1"},
		{"S/RES/2803 (2025) para 2", true, "S/RES/2803 (2025)", "", "para_2"},
		{"A/C.3/80/L.52 5 k)", true, "A/C.3/80/L.52", "", "para_5__list_1__point_k"},
		{"file:UN_Charter_fr.pdf art. 51", true, "", "UN_Charter_fr.pdf", "art_51"},
		{"file:UN_Charter_fr.pdf art 2 para 4", true, "", "UN_Charter_fr.pdf", "art_2__para_4"},
		{"file:UN_Charter_fr.pdf art. 2(4)", true, "", "UN_Charter_fr.pdf", "art_2__para_4"},
		{"file:UN_Charter_en.pdf article 55 (c)", true, "", "UN_Charter_en.pdf", "art_55__list_1__point_c"},
		{"file:UN_Charter", true, "", "UN_Charter", ""},
		{"self-defence armed attack", false, "", "", ""},
		{"and/or", false, "", "", ""},
		{"A/RES/78/265 large language models", false, "", "", ""},
		{"A/RES/78/265 (m)", false, "", "", ""},
		// a table inside a clause, as extract cites it in six languages
		{"A/99/346, para. 3, table 1", true, "A/99/346", "", "para_3__table_1"},
		{"A/99/346, par. 3, tableau 2", true, "A/99/346", "", "para_3__table_2"},
		{"A/99/346، الفقرة 3، الجدول 1", true, "A/99/346", "", "para_3__table_1"},
		{"A/99/346，第3段，表1", true, "A/99/346", "", "para_3__table_1"},
		{"A/99/346, таблица 1", true, "A/99/346", "", "table_1"},
		{"A/99/346, annex II, table 1", true, "A/99/346", "", "annex_II__table_1"},
		{"A/99/346 table", false, "", "", ""},
		{"A/99/346 art. 2 table 1", false, "", "", ""},
	}
	for _, c := range cases {
		sq, ok := ParseSymbolQuery(c.q)
		if ok != c.ok || (ok && (sq.Symbol != c.symbol || sq.File != c.file || sq.ID != c.id)) {
			t.Errorf("ParseSymbolQuery(%q) = %+v, %v; want {%s %s %s}, %v", c.q, sq, ok, c.symbol, c.file, c.id, c.ok)
		}
	}
}

func TestWorkKeyAndSymbolKeys(t *testing.T) {
	for in, want := range map[string]string{
		"/x/rendered/fr/UN_Charter_fr.pdf":    "file:UN_Charter",
		"/x/E_ESCWA_30_3-AR.pdf":              "file:E_ESCWA_30_3",
		"/x/chinese_sample_zh.pdf":            "file:chinese_sample",
		"/x/GA_RES_2758_XXVI_1971_ru_scanned": "file:GA_RES_2758_XXVI_1971",
		"/x/report.pdf":                       "file:report",
	} {
		if got := WorkKey("", in); got != want {
			t.Errorf("WorkKey(%q) = %q, want %q", in, got, want)
		}
	}
	if got := WorkKey("A/RES/78/265", "/x/a_en.pdf"); got != "A/RES/78/265" {
		t.Errorf("WorkKey with symbol = %q", got)
	}
	got := strings.Join(symbolKeys("A/45/155-S/21174"), " ")
	if got != "a/45/155-s/21174 a/45/155 s/21174" {
		t.Errorf("joint symbol keys: %s", got)
	}
	got = strings.Join(symbolKeys("S/RES/2803 (2025)"), " ")
	if got != "s/res/2803(2025) s/res/2803" {
		t.Errorf("year symbol keys: %s", got)
	}
}

func countClauses(t *testing.T, ixPath string) (uint64, uint64) {
	t.Helper()
	ix := open(t, ixPath)
	defer ix.Close()
	st, err := ix.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return st.Clauses, st.Files
}

func verify(t *testing.T, ixPath string) {
	t.Helper()
	ix := open(t, ixPath)
	defer ix.Close()
	problems, err := ix.Verify(context.Background())
	if err != nil || len(problems) > 0 {
		t.Errorf("verify: %v %v", problems, err)
	}
}

func TestIncremental(t *testing.T) {
	dir := corpusFixture(t)
	src := filepath.Join(dir, "src")
	ixPath := filepath.Join(dir, "ix")
	build(t, ixPath, src)
	if c, f := countClauses(t, ixPath); c != 16 || f != 7 {
		t.Fatalf("after first build: %d clauses, %d files", c, f)
	}

	// Unchanged: every file skipped, nothing extracted.
	resetExtractCalls()
	st := build(t, ixPath, src)
	if st.Unchanged != 7 || st.Indexed != 0 || st.Removed != 0 || len(extractCalls) != 0 {
		t.Fatalf("second build: %+v, extracted %v", st, extractCalls)
	}

	// A touched file with the same content stays unchanged.
	enPath := filepath.Join(src, "en", "A_RES_78_265_en.pdf")
	data, _ := os.ReadFile(enPath)
	if err := os.WriteFile(enPath, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if st := build(t, ixPath, src); st.Unchanged != 7 {
		t.Errorf("same content rewritten: %+v", st)
	}

	// Changed content: one file re-indexed, its old clauses gone (here
	// it loses a clause and another changes its text).
	doc := res78265("en", "Promoting multilingualism in artificial intelligence", "")
	doc.Clauses = doc.Clauses[:1]
	doc.Clauses = append(doc.Clauses, cl("para_6__list_1__point_m", "en", "Promoting multilingualism in artificial intelligence", 4))
	writeDoc(t, enPath, doc)
	resetExtractCalls()
	st = build(t, ixPath, src)
	if st.Indexed != 1 || st.Unchanged != 6 || st.Clauses != 2 || extractCalls["A_RES_78_265_en.pdf"] != 1 || len(extractCalls) != 1 {
		t.Fatalf("after change: %+v, extracted %v", st, extractCalls)
	}
	if c, f := countClauses(t, ixPath); c != 15 || f != 7 {
		t.Fatalf("after change: %d clauses, %d files", c, f)
	}
	verify(t, ixPath)
	ix := open(t, ixPath)
	if res := search(t, ix, SearchRequest{Query: "watermarking", Lang: "en"}); res.Total != 0 {
		t.Errorf("stale clause still found: %v", hitIDs(res))
	}
	if res := search(t, ix, SearchRequest{Query: "linguistic diversity", Lang: "en"}); res.Total != 0 {
		t.Errorf("old text still found: %v", hitIDs(res))
	}
	if res := search(t, ix, SearchRequest{Query: "multilingualism", Lang: "en"}); res.Total != 1 {
		t.Errorf("new text: %v", hitIDs(res))
	}
	ix.Close()

	// Deleted file: exactly its clauses removed.
	if err := os.Remove(filepath.Join(src, "ru", "A_HRC_WG.6_34_ITA_3_ru.pdf")); err != nil {
		t.Fatal(err)
	}
	st = build(t, ixPath, src)
	if st.Removed != 1 || st.Unchanged != 6 || st.Indexed != 0 {
		t.Fatalf("after delete: %+v", st)
	}
	if c, f := countClauses(t, ixPath); c != 13 || f != 6 {
		t.Fatalf("after delete: %d clauses, %d files", c, f)
	}
	verify(t, ixPath)
	// Building a subdirectory does not remove files outside it.
	st = build(t, ixPath, filepath.Join(src, "zh"))
	if st.Removed != 0 || st.Unchanged != 1 {
		t.Errorf("subdir build: %+v", st)
	}
	if c, f := countClauses(t, ixPath); c != 13 || f != 6 {
		t.Errorf("after subdir build: %d clauses, %d files", c, f)
	}
}

func TestFailedFiles(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	writeDoc(t, filepath.Join(src, "good_en.pdf"), extract.Document{Language: "en",
		Clauses: []extract.Clause{cl("para_1", "en", "A good clause", 1)}})
	if err := os.WriteFile(filepath.Join(src, "bad.pdf"), []byte("<html>not a pdf</html>"), 0o644); err != nil {
		t.Fatal(err)
	}
	ixPath := filepath.Join(dir, "ix")
	st, err := Build(context.Background(), ixPath, []string{src, filepath.Join(dir, "missing")}, BuildOptions{Extract: jsonExtract})
	if err != nil {
		t.Fatal(err)
	}
	if st.Indexed != 1 || st.Failed != 1 || len(st.Failures) != 2 {
		t.Fatalf("stats: %+v", st)
	}
	if !strings.HasSuffix(st.Failures[1].Path, "bad.pdf") || !strings.Contains(st.Failures[1].Err, "not a PDF") ||
		!strings.HasSuffix(st.Failures[0].Path, "missing") {
		t.Errorf("failures: %+v", st.Failures)
	}
	ix := open(t, ixPath)
	files, err := ix.Files()
	if err != nil || len(files) != 2 || files[0].Error == "" || files[1].Error != "" || files[1].Clauses != 1 {
		t.Errorf("records: %+v %v", files, err)
	}
	ix.Close()
	// Failed files are tried again on the next build.
	st = build(t, ixPath, src)
	if st.Failed != 1 || st.Unchanged != 1 {
		t.Errorf("second build: %+v", st)
	}
}

func TestSchemaVersion(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "ix")
	w, err := OpenWriter(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	ix := open(t, p)
	ix.Close()
	bi, err := bleve.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := bi.SetInternal([]byte(schemaKey), []byte("999")); err != nil {
		t.Fatal(err)
	}
	bi.Close()
	_, err = Open(p)
	if !errors.Is(err, ErrSchema) || !strings.Contains(err.Error(), "999") {
		t.Errorf("Open of version 999: %v", err)
	}
	if _, err := OpenWriter(p); !errors.Is(err, ErrSchema) {
		t.Errorf("OpenWriter of version 999: %v", err)
	}
	if _, err := Open(filepath.Join(dir, "none")); err == nil {
		t.Errorf("Open of a missing index succeeded")
	}
}

// TestInterrupted: cancelling a build keeps the index consistent (each
// file either fully indexed with its record, or absent) and the next
// build finishes the rest.
func TestInterrupted(t *testing.T) {
	dir := corpusFixture(t)
	src := filepath.Join(dir, "src")
	ixPath := filepath.Join(dir, "ix")
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	st, err := Build(ctx, ixPath, []string{src}, BuildOptions{Workers: 1, BatchOps: 1,
		Extract: func(ctx context.Context, path string) (*extract.Document, error) {
			n++
			if n == 3 {
				cancel()
				return nil, ctx.Err()
			}
			return jsonExtract(ctx, path)
		}})
	if err != nil {
		t.Fatal(err)
	}
	if !st.Interrupted || st.Indexed != 2 || st.Failed != 0 {
		t.Fatalf("interrupted build: %+v", st)
	}
	ix := open(t, ixPath)
	files, err := ix.Files()
	if err != nil {
		t.Fatal(err)
	}
	s, _ := ix.Stats(context.Background())
	sum := 0
	for _, f := range files {
		sum += f.Clauses
	}
	if len(files) != 2 || uint64(sum) != s.Clauses {
		t.Errorf("after interrupt: %d records with %d clauses, index has %d clauses", len(files), sum, s.Clauses)
	}
	ix.Close()
	verify(t, ixPath)
	st = build(t, ixPath, src)
	if st.Indexed != 5 || st.Unchanged != 2 {
		t.Errorf("resumed build: %+v", st)
	}
}

// TestVerifyFindsOrphans: Verify reports clauses without a file record
// and records whose count disagrees with the index.
func TestVerifyFindsOrphans(t *testing.T) {
	p := filepath.Join(t.TempDir(), "ix")
	w, err := OpenWriter(p)
	if err != nil {
		t.Fatal(err)
	}
	doc := &extract.Document{Language: "en", Clauses: []extract.Clause{cl("para_1", "en", "one", 1), cl("para_2", "en", "two", 1)}}
	if err := w.Put(doc, FileRecord{Path: "/x/a.pdf"}); err != nil {
		t.Fatal(err)
	}
	// an orphan clause, and a record claiming a clause it lacks
	w.batch.Index(clauseDocID("/x/b.pdf", 0), map[string]interface{}{"type": typeClause, "id": "para_1", "file": "/x/b.pdf", "text_en": "orphan"})
	w.batch.Delete(clauseDocID("/x/a.pdf", 1))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	ix := open(t, p)
	problems, err := ix.Verify(context.Background())
	if err != nil || len(problems) != 2 {
		t.Errorf("verify: %v %v", problems, err)
	}
}

// Batches are committed without waiting for the disk (unsafe_batch);
// Close must still leave every one of them on disk — also when the last
// batch is empty because the previous commit took everything.
func TestClosePersistsEveryBatch(t *testing.T) {
	src := corpusFixture(t)
	for _, ops := range []int{1, 3, 10000} {
		ixPath := filepath.Join(t.TempDir(), "ix")
		st, err := Build(context.Background(), ixPath, []string{src}, BuildOptions{Workers: 2, BatchOps: ops, Extract: jsonExtract})
		if err != nil {
			t.Fatalf("BatchOps %d: build: %v", ops, err)
		}
		clauses, files := countClauses(t, ixPath)
		if clauses != uint64(st.Clauses) || files != uint64(st.Indexed) || st.Clauses == 0 {
			t.Errorf("BatchOps %d: reopened index has %d clauses, %d files; the build wrote %d, %d",
				ops, clauses, files, st.Clauses, st.Indexed)
		}
		verify(t, ixPath)
	}
}
