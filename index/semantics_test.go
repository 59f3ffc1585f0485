package index

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/search/highlight"
)

func TestQueryLanguage(t *testing.T) {
	for q, want := range map[string]string{
		"الدفاع عن النفس":               "ar",
		"права человека":                "ru",
		"可持续发展":                         "zh",
		"droits de l'homme":             "",   // "de" is French and Spanish, l' alone says nothing
		"paix et sécurité":              "fr", // "et"
		"los derechos humanos":          "es",
		"the right of self-defence":     "en",
		"durable":                       "",
		"développement durable":         "fr", // lingua, very sure
		"climate change adaptation":     "",   // lingua says French, not sure enough
		"A/RES/78/265 et les":           "fr",
		"señalando":                     "es",
		"self-defence against Charte":   "en",
		"the rights and les droits":     "",
		"Корпорация и the organization": "",
	} {
		got, ok := queryLanguage(q)
		if got != want || ok != (want != "") {
			t.Errorf("%q: %q %v, want %q", q, got, ok, want)
		}
	}
}

func TestIsPlainQuery(t *testing.T) {
	for q, want := range map[string]bool{
		"self-defence armed attack": true, "droits de l'homme": true, "Asia-Pacific": true,
		`"a phrase"`: false, "+must": false, "peace -war": false, "text_fr:paix": false, "secur*": false, "a~": false,
	} {
		if isPlainQuery(q) != want {
			t.Errorf("%q: %v", q, !want)
		}
	}
}

// Snippets start and end on word boundaries, and on whole Chinese
// characters.
func TestWordBounds(t *testing.T) {
	text := []byte("Underlining the importance of international cooperation for sustainable development")
	loc := func(w string) *highlight.TermLocation {
		i := strings.Index(string(text), w)
		return &highlight.TermLocation{Start: i, End: i + len(w)}
	}
	// a cut inside "Underlining" moves to "the"; inside "sustainable" to before it
	s, e := wordBounds(text, 4, strings.Index(string(text), "sustainable")+3, highlight.TermLocations{loc("importance")})
	if got := string(text[s:e]); got != "the importance of international cooperation for" {
		t.Errorf("%q", got)
	}
	// a cut inside a matched word widens to the whole word
	s, e = wordBounds(text, 2, 14, highlight.TermLocations{loc("Underlining")})
	if got := string(text[s:e]); got != "Underlining" {
		t.Errorf("%q", got)
	}
	zh := []byte("联合国之宗旨为维持国际和平及安全")
	s, e = wordBounds(zh, 3, 9, nil)
	if s != 3 || e != 9 {
		t.Errorf("Chinese cut moved: %d %d", s, e)
	}
}

func TestSummarizeIDs(t *testing.T) {
	ids := []string{"preamble__para_1", "preamble__para_2", "para_1", "para_2", "para_2__list_1__point_a", "para_3", "para_5", "annex_I__para_1", "annex_I__para_2"}
	if got := summarizeIDs(ids); got != "preamble, para. 1–2; para. 1–3, 5; annex I, para. 1–2" {
		t.Errorf("%q", got)
	}
}

func TestSearchSemantics(t *testing.T) {
	ix := fixtureIndex(t)

	// every word required
	res := search(t, ix, SearchRequest{Query: "linguistic diversity"})
	if got := strings.Join(hitIDs(res), " "); got != "en:para_6__list_1__point_m" || res.Relaxed {
		t.Errorf("linguistic diversity: %s relaxed=%v", got, res.Relaxed)
	}
	// no clause with both words: some of them, said so
	res = search(t, ix, SearchRequest{Query: "linguistic watermarking"})
	if len(res.Hits) != 2 || !res.Relaxed {
		t.Errorf("linguistic watermarking: %v relaxed=%v", hitIDs(res), res.Relaxed)
	}
	// the query's language first: French words find French clauses only
	res = search(t, ix, SearchRequest{Query: "diversité et langage"})
	if got := strings.Join(hitIDs(res), " "); got != "fr:para_6__list_1__point_m" || res.QueryLang != "fr" {
		t.Errorf("diversité et langage: %s (%s)", got, res.QueryLang)
	}
	// a compound is a phrase
	res = search(t, ix, SearchRequest{Query: "self-defence"})
	if got := strings.Join(hitIDs(res), " "); got != "en:art_51" {
		t.Errorf("self-defence: %s", got)
	}
	res = search(t, ix, SearchRequest{Query: "defence-self"})
	if !res.Relaxed {
		t.Errorf("defence-self matched as a phrase: %v", hitIDs(res))
	}
	// a Chinese run is a phrase of its bigrams
	res = search(t, ix, SearchRequest{Query: "集体自卫"})
	if got := strings.Join(hitIDs(res), " "); got != "zh:art_51" || res.Relaxed {
		t.Errorf("集体自卫: %s", got)
	}
	res = search(t, ix, SearchRequest{Query: "自卫集体"})
	if !res.Relaxed {
		t.Errorf("自卫集体 matched as a phrase: %v", hitIDs(res))
	}
	if h := search(t, ix, SearchRequest{Query: "单独或集体自卫"}).Hits; len(h) == 0 || strings.Contains(h[0].Snippet, "</mark><mark>") {
		t.Errorf("adjacent Chinese marks not joined: %v", h)
	}
	// a word in no clause: the closest word of the dictionary
	res = search(t, ix, SearchRequest{Query: "watermarkng", Lang: "en"})
	if res.Suggestion != "watermarking" {
		t.Errorf("watermarkng: suggestion %q", res.Suggestion)
	}
	// read in my language: the French clause that matched, shown in English
	res = search(t, ix, SearchRequest{Query: "tatouage", Show: "en"})
	if len(res.Hits) != 1 || res.Hits[0].Language != "en" || res.Hits[0].Matched == nil || res.Hits[0].Matched.Language != "fr" ||
		!strings.Contains(res.Hits[0].Text, "watermarking") || !strings.Contains(res.Hits[0].Matched.Snippet, "<mark>tatouage</mark>") {
		t.Errorf("tatouage shown in en: %+v", res.Hits)
	} else if ps := res.Hits[0].Parallels; len(ps) != 1 || ps[0].Language != "fr" {
		t.Errorf("parallels of a shown hit: %+v", ps)
	}
	// a hit with no version in that language comes last, marked
	res = search(t, ix, SearchRequest{Query: "", Symbol: "A/RES/48/246", Show: "fr"})
	for _, h := range res.Hits {
		if !h.NoShowVersion || h.Matched != nil {
			t.Errorf("no French version: %+v", h)
		}
	}
}

func TestDocumentsAndDates(t *testing.T) {
	ix := fixtureIndex(t)

	// dates: a year, a month, a day; A/RES/78/265 is dated 2024-03-21
	for _, c := range []struct {
		from, to string
		want     uint64
	}{{"2024", "", 6}, {"", "2024", 6}, {"2024-03", "2024-03", 6}, {"2024-03-22", "", 0}, {"2025", "", 0}, {"", "2023", 0}} {
		res := search(t, ix, SearchRequest{From: c.from, To: c.to})
		if res.Total != c.want {
			t.Errorf("from %q to %q: %d hits, want %d", c.from, c.to, res.Total, c.want)
		}
	}
	if _, err := ix.Search(t.Context(), SearchRequest{Query: "peace", From: "20x4"}); err == nil {
		t.Errorf("bad date accepted")
	}
	if _, err := ix.Search(t.Context(), SearchRequest{Query: "peace", Sort: "size"}); err == nil {
		t.Errorf("bad sort accepted")
	}
	// newest first: dated documents before undated ones
	res := search(t, ix, SearchRequest{Sort: "-date", Limit: 100})
	if len(res.Hits) == 0 || res.Hits[0].Date != "2024-03-21" {
		t.Errorf("sort -date: first %+v", res.Hits[0])
	}
	// year facet, body in any case
	res = search(t, ix, SearchRequest{Symbol: "A/RES/78/265"})
	if res.Years["2024"] != 6 {
		t.Errorf("years %v", res.Years)
	}
	if res = search(t, ix, SearchRequest{Body: "general ASSEMBLY"}); res.Total != 8 {
		t.Errorf("body in another case: %d hits, want 8", res.Total)
	}
	// field queries
	for q, want := range map[string]uint64{
		`+symbol:"a/res/78/265" +text_en:watermarking`: 1,
		`+body:"general assembly" +text_es:misión`:     1,
		`+date:>="2024-01-01" +text_fr:diversité`:      1,
		`+date:<"2024-01-01" +text_fr:diversité`:       0,
	} {
		if res := search(t, ix, SearchRequest{Query: q}); res.Total != want {
			t.Errorf("%s: %d hits, want %d", q, res.Total, want)
		}
	}
	// by document: one row per document, at most ClausesPerDocument
	// clauses each, paged by document
	res = search(t, ix, SearchRequest{ByDocument: true, Limit: 100})
	works := map[string]bool{}
	for _, d := range res.Documents {
		if works[d.Work] || len(d.Hits) == 0 || len(d.Hits) > ClausesPerDocument || d.Matches < len(d.Hits) {
			t.Errorf("document %+v", d)
		}
		works[d.Work] = true
	}
	if len(res.Documents) != 4 { // A/RES/78/265, the Charter, A/HRC/WG.6/34/ITA/3, A/RES/48/246
		t.Errorf("%d documents", len(res.Documents))
	}
	page2 := search(t, ix, SearchRequest{ByDocument: true, Limit: 2, Offset: 2})
	if len(page2.Documents) != 2 || page2.Documents[0].Work != res.Documents[2].Work {
		t.Errorf("page 2 of documents: %+v", page2.Documents)
	}
}

// fixtureIndex builds and opens an index of corpusFixture.
func fixtureIndex(t *testing.T) *Index {
	dir := corpusFixture(t)
	ixPath := filepath.Join(dir, "ix")
	build(t, ixPath, filepath.Join(dir, "src"))
	return open(t, ixPath)
}
