package index

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/docindex/docindex/extract"
)

// langCountFixture writes documents in every kind of language: those
// with a field of their own, several sharing text_xx (de, it, pt) and
// clauses without a language ("und"), with words shared across them, so
// that a search finds hits of many languages in one field and several.
func langCountFixture(t *testing.T) string {
	t.Helper()
	src := filepath.Join(t.TempDir(), "src")
	texts := map[string]string{
		"en": "security council resolution on peace and development",
		"fr": "résolution du conseil de sécurité sur la paix et le développement",
		"es": "resolución del consejo de seguridad sobre la paz y el desarrollo",
		"ru": "резолюция совета безопасности о мире и развитии",
		"ar": "قرار مجلس الأمن بشأن السلام والتنمية",
		"zh": "安全理事会关于和平与发展的决议",
		"de": "Resolution des Sicherheitsrats über Frieden und Entwicklung",
		"it": "risoluzione del consiglio di sicurezza sulla pace e lo sviluppo",
		"pt": "resolução do conselho de segurança sobre a paz e o desenvolvimento",
		"":   "resolution 2024 annex table security",
	}
	n := 0
	for lang, text := range texts {
		for k := 0; k < 3+n%3; k++ {
			doc := extract.Document{Language: lang, Meta: extract.Meta{
				Symbol: fmt.Sprintf("S/RES/%d", 2700+n), Body: []string{"Security Council", "General Assembly"}[n%2],
				Date: fmt.Sprintf("%d-01-15", 2018+n%5)}}
			for c := 0; c < 4; c++ {
				doc.Clauses = append(doc.Clauses, cl(fmt.Sprintf("para_%d", c+1), lang, fmt.Sprintf("%s %d", text, c), c+1))
			}
			name := fmt.Sprintf("S_RES_%d_%s.pdf", 2700+n, lang)
			writeDoc(t, filepath.Join(src, name), doc)
			n++
		}
	}
	return src
}

// langCountIndexes builds langCountFixture as one index and as 3
// shards, in small batches: several segments, so that document numbers
// are spread over segments.
func langCountIndexes(t *testing.T) (one, sh string) {
	t.Helper()
	keepSegments(t)
	src := langCountFixture(t)
	dir := t.TempDir()
	one, sh = filepath.Join(dir, "one"), filepath.Join(dir, "sharded")
	// several segments: scorch's merger may have merged the batches of
	// a build (seen once on a loaded machine); smaller batches then
	for _, ops := range []int{40, 20, 10} {
		if err := os.RemoveAll(one); err != nil {
			t.Fatal(err)
		}
		buildWith(t, one, BuildOptions{BatchOps: ops}, src)
		ix, err := Open(one)
		if err != nil {
			t.Fatal(err)
		}
		n := segmentCount(t, ix)
		ix.Close()
		if n >= 2 {
			break
		}
	}
	buildWith(t, sh, BuildOptions{BatchOps: 40, Shards: 3}, src)
	return one, sh
}

// searchOnOff searches r with *on set (got) and unset (want), without
// the time taken.
func searchOnOff(t *testing.T, ix *Index, r SearchRequest, on *bool) (got, want *SearchResult) {
	t.Helper()
	got = search(t, ix, r)
	*on = false
	defer func() { *on = true }()
	want = search(t, ix, r)
	got.TookMS, want.TookMS = 0, 0
	return got, want
}

// segmentCount is the number of segments of the first shard of ix.
func segmentCount(t *testing.T, ix *Index) int {
	t.Helper()
	r, err := snapshotReader(ix.shards[0])
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	is, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		t.Fatalf("reader %T", r)
	}
	return len(is.Segments())
}

// TestLanguageCountSameAsFacet: the languages (and bodies and years) of
// a search, counted from the postings (facetcount.go), are those of
// Bleve's term facets over every hit, for one index of several segments and for 3 shards,
// through Search (text in one field and in all, filters, symbols,
// match-all) and for requests made directly.
func TestLanguageCountSameAsFacet(t *testing.T) {
	one, sh := langCountIndexes(t)
	reqs := []SearchRequest{
		{Query: "resolution"},
		{Query: "security"},
		{Query: "resolution", SkipBodies: true},
		{Query: "peace security development"},
		{Query: "безопасности"},
		{Query: "安全"},
		{Query: "sicurezza"},
		{Query: "resolution", Body: "Security Council"},
		{Query: "resolution", From: "2019", To: "2021"},
		{Query: "resolution", Lang: "de"},
		{Query: "reso*"},
		{Query: `"conseil de sécurité"`},
		{Query: "S/RES/2701"},
		{Query: "S/RES/2703 para 2"},
		{Query: "para 3"},
		{Query: "*", Limit: 100},
		{Query: "*", Symbol: "S/RES/2705"},
		{Query: "nothingmatchesthis"},
	}
	oneLangs := map[string]string{}
	for _, p := range []string{one, sh} {
		ix := open(t, p)
		if ix.Shards() == 1 && segmentCount(t, ix) < 2 {
			t.Fatalf("%s: one segment: the test would not cross segments", p)
		}
		xx := map[string]bool{}
		for _, r := range reqs {
			got, want := searchOnOff(t, ix, r, &tallyFacets)
			if ix.Shards() > 1 {
				// which of equal-scored hits of several shards
				// fill a page changes from run to run (tieOrder):
				// the counts are compared
				got.Hits, want.Hits = nil, nil
			}
			jg, _ := json.Marshal(got)
			jw, _ := json.Marshal(want)
			if string(jg) != string(jw) {
				t.Errorf("%s %+v:\n counted: %s\n facet:   %s", filepath.Base(p), r, jg, jw)
			}
			if p == one {
				oneLangs[fmt.Sprint(r)] = fmt.Sprint(got.Languages)
			} else if l := fmt.Sprint(got.Languages); l != oneLangs[fmt.Sprint(r)] {
				t.Errorf("%+v: sharded %s, one index %s", r, l, oneLangs[fmt.Sprint(r)])
			}
			for _, l := range []string{"de", "it", "pt", "und"} {
				if got.Languages[l] > 0 {
					xx[l] = true
				}
			}
		}
		if len(xx) < 4 {
			t.Errorf("%s: languages of text_xx counted: %v, want de, it, pt and und", filepath.Base(p), xx)
		}

		// requests made directly: every clause, and a text query over
		// every field, compared with Bleve's own facet (Total, Missing
		// and Other too)
		for _, q := range []query.Query{term("type", typeClause), perField("resolution security", allTextFields(), relaxedQuery)} {
			req := newRequest(q, nil, 10, 0, true, true)
			got, err := ix.search(context.Background(), req)
			if err != nil {
				t.Fatal(err)
			}
			if _, ok := req.Facets[langFacetName]; !ok {
				t.Fatal("the request lost its language facet")
			}
			tallyFacets = false
			want, err := ix.search(context.Background(), req)
			tallyFacets = true
			if err != nil {
				t.Fatal(err)
			}
			for _, name := range []string{langFacetName, "bodies", "years"} {
				g, w := got.Facets[name], want.Facets[name]
				jg, _ := json.Marshal(g)
				jw, _ := json.Marshal(w)
				if string(jg) != string(jw) || got.Total != want.Total || w == nil || w.Total == 0 {
					t.Errorf("%s %v facet %s:\n counted: %s (%d hits)\n facet:   %s (%d hits)", filepath.Base(p), q, name, jg, got.Total, jw, want.Total)
				}
			}
		}
	}
}

// TestLanguageFacetSize: the counts keep the facet's size, the most
// frequent terms first, as Bleve's facet does; a facet with a prefix is
// left to Bleve.
func TestLanguageFacetSize(t *testing.T) {
	src := langCountFixture(t)
	p := filepath.Join(t.TempDir(), "ix")
	buildWith(t, p, BuildOptions{BatchOps: 40}, src)
	ix := open(t, p)
	for _, size := range []int{1, 3, 50} {
		req := bleve.NewSearchRequestOptions(term("type", typeClause), 0, 0, false)
		req.AddFacet(langFacetName, bleve.NewFacetRequest("language", size))
		req.AddFacet("bodies", bleve.NewFacetRequest("body", size))
		// a facet not counted here (a prefix) stays Bleve's
		bf := bleve.NewFacetRequest("body", size)
		bf.SetPrefixFilter("Gen")
		req.AddFacet("gen", bf)
		got, err := ix.search(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		tallyFacets = false
		want, err := ix.search(context.Background(), req)
		tallyFacets = true
		if err != nil {
			t.Fatal(err)
		}
		jg, _ := json.Marshal(got.Facets)
		jw, _ := json.Marshal(want.Facets)
		if string(jg) != string(jw) || got.Facets[langFacetName].Terms.Len() != min(size, 10) || got.Facets["gen"].Terms.Len() != 1 {
			t.Errorf("size %d:\n counted: %s\n facets:  %s", size, jg, jw)
		}
	}
}
