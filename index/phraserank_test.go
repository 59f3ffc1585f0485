package index

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/docindex/docindex/extract"
)

// phraseFixture writes documents of several languages whose clauses hold
// the words of the test queries adjacent, apart, in reverse order,
// repeated, alone, and as compounds, in documents of two bodies and
// several years.
func phraseFixture(t *testing.T) string {
	t.Helper()
	src := filepath.Join(t.TempDir(), "src")
	texts := map[string][]string{
		"en": {
			"human rights and fundamental freedoms",
			"the rights of the human person are universal",
			"rights human rights human rights council",
			"human dignity and the rights of peoples to self-determination",
			"the human rights council adopted the resolution on human rights defenders",
			"the right to development is a human right",
			"human rights human rights human rights",
			"self-defence under article 51 and the rights of States",
			"the rights of the child and the human rights of women",
			"council human",
			"rights",
			"human rights council",
			"the Human Rights Council, recalling human rights law, human rights and rights human",
		},
		"fr": {
			"les droits de l'homme et les libertés fondamentales",
			"l'homme a des droits, les droits de l'homme sont universels",
			"le Conseil des droits de l'homme",
			"droits droits homme",
		},
		"es": {
			"los derechos humanos y las libertades fundamentales",
			"derechos de los pueblos y derechos humanos de las mujeres",
		},
		"ru": {
			"права человека и основные свободы",
			"человека права",
			"Совет по правам человека и права человека",
			"права коренных народов и права человека права",
		},
		"zh": {
			"联合国人权理事会",
			"人权理事会的决议",
			"联合国大会和联合国安全理事会",
			"理事会 人权",
			"人权和基本自由",
		},
		"ar": {
			"الأمم المتحدة وحقوق الإنسان",
			"المتحدة الأمم",
			"ميثاق الأمم المتحدة",
		},
		"de": {
			"Menschenrechte und Grundfreiheiten, human rights",
			"die Rechte des Menschen",
		},
	}
	langs := make([]string, 0, len(texts))
	for l := range texts {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	n := 0
	for _, lang := range langs {
		for k := 0; k < 4; k++ {
			doc := extract.Document{Language: lang, Meta: extract.Meta{
				Symbol: fmt.Sprintf("A/HRC/RES/%d", 50+n), Body: []string{"Human Rights Council", "General Assembly"}[n%2],
				Date: fmt.Sprintf("%d-06-15", 2018+n%4)}}
			for c, text := range texts[lang] {
				// the clauses in a different order per document, some
				// twice: term frequencies and lengths vary
				text = texts[lang][(c+k)%len(texts[lang])]
				if (c+k)%3 == 0 {
					text += " " + texts[lang][(c+2*k+1)%len(texts[lang])]
				}
				doc.Clauses = append(doc.Clauses, cl(fmt.Sprintf("para_%d", c+1), lang, text, c+1))
			}
			writeDoc(t, filepath.Join(src, fmt.Sprintf("A_HRC_RES_%d_%s.pdf", 50+n, lang)), doc)
			n++
		}
	}
	return src
}

// phraseQueries are the queries compared: two to four words, stop words
// inside and around the phrase, repeated words, compounds, Chinese runs,
// Cyrillic and Arabic, and queries searched by Bleve itself.
var phraseQueries = []string{
	"human rights",
	"rights human",
	"human rights council",
	"the human rights council adopted",
	"rights of the human person",
	"the rights",
	"right to development",
	"rights rights",
	"human rights human",
	"self-defence rights",
	"council, human rights!",
	"droits de l'homme",
	"les droits de l'homme",
	"derechos humanos",
	"права человека",
	"человека права",
	"联合国",
	"人权理事会",
	"人权 理事会",
	"联合国 人权理事会",
	"الأمم المتحدة",
	"the of",
	"nothingmatches rights",
	"human nothingmatches",
}

// TestPhraseRankedSameAsBoolean: text queries searched in one pass
// (phraseRankedQuery) find the same hits in the same order with the same
// scores (==: the JSON of a float64 is exact), snippets, totals and
// facets as Bleve's BooleanQuery, on one index of several segments and
// on 3 shards, with filters (language, symbol, body, dates), paging and
// facets; and the term locations Bleve collects, with and without term
// vectors asked for.
func TestPhraseRankedSameAsBoolean(t *testing.T) {
	keepSegments(t)
	src := phraseFixture(t)
	dir := t.TempDir()
	sh := filepath.Join(dir, "sharded")
	buildWith(t, sh, BuildOptions{BatchOps: 30, Shards: 3}, src)
	// one index of several segments: scorch merges the batches' segments
	// in the background, sometimes into one before the build closes;
	// then smaller batches
	var one string
	for k, ops := range []int{30, 10, 5, 3} {
		one = filepath.Join(dir, fmt.Sprintf("one-%d", k))
		buildWith(t, one, BuildOptions{BatchOps: ops}, src)
		ix := open(t, one)
		n := segmentCount(t, ix)
		ix.Close()
		if n >= 2 {
			break
		}
	}

	var reqs []SearchRequest
	for _, q := range phraseQueries {
		reqs = append(reqs, SearchRequest{Query: q, Limit: 100})
	}
	reqs = append(reqs,
		SearchRequest{Query: "human rights", Lang: "en", Limit: 100},
		SearchRequest{Query: "human rights", Lang: "de", Limit: 100},
		SearchRequest{Query: "human rights", Symbol: "A/HRC/RES/51", Limit: 100},
		SearchRequest{Query: "human rights", Body: "General Assembly", Limit: 100},
		SearchRequest{Query: "human rights council", From: "2019", To: "2020", Limit: 100},
		SearchRequest{Query: "human rights", Limit: 5, Offset: 3},
		SearchRequest{Query: "human rights", Limit: 5, Offset: 3, SkipBodies: true},
		SearchRequest{Query: "human rights", Limit: 10, Offset: 10, Lang: "en"},
		SearchRequest{Query: "human rights", Sort: "-date", Limit: 100},
		SearchRequest{Query: "human rights", ByDocument: true, Limit: 3},
		SearchRequest{Query: "human rights", Show: "fr", Limit: 100},
		SearchRequest{Query: "A/HRC/RES/52 human rights", Limit: 100},
		SearchRequest{Query: "права человека", Lang: "ru", Limit: 100},
		SearchRequest{Query: "人权 理事会", Body: "Human Rights Council", Limit: 100},
	)
	for _, p := range []string{one, sh} {
		ix := open(t, p)
		if ix.Shards() == 1 && segmentCount(t, ix) < 2 {
			t.Fatalf("%s: one segment: the test would not cross segments", p)
		}
		for _, r := range reqs {
			got, want := searchOnOff(t, ix, r, &phraseInStep) // facetcount_test.go
			if ix.Shards() > 1 && r.Sort == "" && !r.ByDocument && r.Offset == 0 {
				// ties of several shards are ordered by tieOrder
				// within a page: compared in file and clause order
				sortByFileSeq(got, want)
			}
			jg, _ := json.Marshal(got)
			jw, _ := json.Marshal(want)
			if string(jg) != string(jw) {
				t.Errorf("%s %+v:\n one pass: %s\n Bleve:    %s", filepath.Base(p), r, jg, jw)
			}
		}
		// Bleve's own hits: scores and term locations, with term
		// vectors asked for and not
		for _, q := range phraseQueries {
			for _, fields := range [][]string{allTextFields(), {"text_en"}, {"text_ru"}, {"text_zh"}, {"text_ar"}, {"text_fr"}} {
				for _, locs := range []bool{false, true} {
					got, want := rawOnOff(t, ix, q, fields, locs)
					if got != want {
						t.Errorf("%s %q %v locations %v:\n one pass: %s\n Bleve:    %s", filepath.Base(p), q, fields, locs, got, want)
					}
				}
			}
		}
	}

	// the queries are searched in one pass, except those of stop words
	// alone in a field
	m := newMapping()
	for _, c := range []struct {
		q, field string
		onePass  bool
	}{
		{"human rights", "text_en", true},
		{"rights of the human person", "text_en", true},
		{"self-defence rights", "text_en", true},
		{"права человека", "text_ru", true},
		{"联合国", "text_zh", true},
		{"人权 理事会", "text_zh", true},
		{"الأمم المتحدة", "text_ar", true},
		{"the of", "text_en", false},
	} {
		pq, ok := strictQuery(c.q, c.field).(*phraseRankedQuery)
		if !ok {
			t.Errorf("%q in %s: not a phraseRankedQuery", c.q, c.field)
			continue
		}
		_, onePass := pq.plan(context.Background(), m, bsearch.SearcherOptions{})
		if onePass != c.onePass {
			t.Errorf("%q in %s: one pass %v, want %v", c.q, c.field, onePass, c.onePass)
		}
	}
	if _, ok := strictQuery("development", "text_en").(*phraseRankedQuery); ok {
		t.Error("a word alone is a phraseRankedQuery")
	}
}

// rawOnOff searches q (strictQuery over fields) directly, one pass and
// Bleve, and returns each one's hits (ids, scores, locations) as JSON.
func rawOnOff(t *testing.T, ix *Index, q string, fields []string, locs bool) (got, want string) {
	t.Helper()
	var out [2]string
	for k, on := range []bool{true, false} {
		phraseInStep = on
		req := bleve.NewSearchRequestOptions(perField(q, fields, strictQuery), 100, 0, false)
		req.IncludeLocations = locs
		res, err := ix.search(context.Background(), req)
		phraseInStep = true
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		type hit struct {
			ID    string
			Score float64
			Locs  bsearch.FieldTermLocationMap
		}
		hits := make([]hit, 0, len(res.Hits))
		for _, h := range res.Hits {
			hits = append(hits, hit{h.ID, h.Score, h.Locations})
		}
		if ix.Shards() > 1 {
			sort.SliceStable(hits, func(i, j int) bool { return hits[i].ID < hits[j].ID })
		}
		js, _ := json.Marshal(struct {
			Total uint64
			Max   float64
			Hits  []hit
		}{res.Total, res.MaxScore, hits})
		out[k] = string(js)
	}
	return out[0], out[1]
}

// TestPhraseRankedCorpus: the gold queries on the corpus index, in every
// language and in their own, find the same results in one pass as with
// Bleve's BooleanQuery.
func TestPhraseRankedCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the corpus index")
	}
	p, _ := corpus(t)
	ix := open(t, p)
	comparePhraseRanked(t, ix, readGoldQueries(t))
}

// TestPhraseRankedScaleIndex compares the two on the index (or indexes,
// separated as PATH lists are) named by DOCINDEX_SCALE_INDEX, e.g. the
// 10× index of BenchmarkScale.
func TestPhraseRankedScaleIndex(t *testing.T) {
	env := os.Getenv("DOCINDEX_SCALE_INDEX")
	if env == "" {
		t.Skip("DOCINDEX_SCALE_INDEX not set")
	}
	ix, err := OpenAll(filepath.SplitList(env)...)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	qs := []goldQuery{{query: "human rights"}, {query: "sustainable development"}, {query: "права человека"},
		{query: "联合国"}, {query: "الأمم المتحدة"}, {query: "international peace and security"},
		{query: "right to development", lang: "en"}, {query: "droits de l'homme", lang: "fr"}}
	if sharedDir() != "" {
		qs = append(qs, readGoldQueries(t)...)
	}
	comparePhraseRanked(t, ix, qs)
}

func comparePhraseRanked(t *testing.T, ix *Index, qs []goldQuery) {
	t.Helper()
	n := 0
	for _, g := range qs {
		reqs := []SearchRequest{{Query: g.query, Limit: 100}}
		if g.lang != "" {
			reqs = append(reqs, SearchRequest{Query: g.query, Lang: g.lang, Limit: 100})
		}
		for _, r := range reqs {
			got, want := searchOnOff(t, ix, r, &phraseInStep)
			if ix.Shards() > 1 {
				got.Hits, want.Hits = sortedHits(got.Hits), sortedHits(want.Hits)
			}
			jg, _ := json.Marshal(got)
			jw, _ := json.Marshal(want)
			if string(jg) != string(jw) {
				t.Errorf("%+v:\n one pass: %.2000s\n Bleve:    %.2000s", r, jg, jw)
			}
			if got.Total > 0 {
				n++
			}
		}
	}
	if n == 0 {
		t.Error("no query found anything: the test shows nothing")
	}
}

func sortedHits(h []Hit) []Hit {
	h = append([]Hit(nil), h...)
	sort.SliceStable(h, func(i, j int) bool {
		if h[i].File != h[j].File {
			return h[i].File < h[j].File
		}
		return h[i].Seq < h[j].Seq
	})
	return h
}

var _ query.FieldableQuery = (*phraseRankedQuery)(nil)
