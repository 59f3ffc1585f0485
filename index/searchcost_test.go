package index

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// TestPrefixQuerySameAsWildcard: "word*" searched through prefixQuery
// finds the clauses Bleve's wildcard query finds, with the same scores,
// in every text field (some with several matching terms, some with one,
// some with none).
func TestPrefixQuerySameAsWildcard(t *testing.T) {
	ix := fixtureIndex(t)
	key := func(q query.Query) string {
		req := bleve.NewSearchRequestOptions(q, 100, 0, false)
		res, err := ix.search(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, h := range res.Hits {
			fmt.Fprintf(&b, "%s %.12g\n", h.ID, h.Score)
		}
		return fmt.Sprintf("%d\n%s", res.Total, b.String())
	}
	found := 0
	for _, w := range []string{"languag*", "lingu*", "multi*", "a*", "zzz*", "ядер*", "intellig*"} {
		var wild, pre []query.Query
		for _, f := range allTextFields() {
			wq := query.NewWildcardQuery(w)
			wq.SetField(f)
			wild = append(wild, wq)
			pq := keywordFields(query.Query(wq))
			if _, ok := pq.(*prefixQuery); !ok {
				t.Fatalf("%s: %T, not a prefixQuery", w, pq)
			}
			pre = append(pre, pq)
		}
		a, b := key(query.NewDisjunctionQuery(wild)), key(query.NewDisjunctionQuery(pre))
		if a != b {
			t.Errorf("%s: wildcard\n%s\nprefix\n%s", w, a, b)
		}
		if !strings.HasPrefix(a, "0\n") {
			found++
		}
	}
	if found < 3 {
		t.Fatalf("only %d patterns found anything: nothing compared", found)
	}
	// other wildcards stay Bleve's
	for _, w := range []string{"lan*age", "langu?ge", "*", "a*b*"} {
		wq := query.NewWildcardQuery(w)
		wq.SetField("text_en")
		if _, ok := keywordFields(wq).(*query.WildcardQuery); !ok {
			t.Errorf("%s rewritten", w)
		}
	}
}

// TestLanguageFacetOneField: a query searched on one language's own
// field (its script tells the language) reports its total as that
// language's count, which is what Bleve's facet over the hits says.
func TestLanguageFacetOneField(t *testing.T) {
	ix := fixtureIndex(t)
	for _, q := range []string{"ядерного", "联合国", "linguistique et culturelle"} {
		res, err := ix.Search(context.Background(), SearchRequest{Query: q})
		if err != nil {
			t.Fatal(err)
		}
		stages, _ := textStages(q, "")
		if len(stages[0].fields) != 1 || res.Total == 0 {
			t.Fatalf("%q: first stage on %v, %d hits: not a one-field search", q, stages[0].fields, res.Total)
		}
		req := newRequest(stages[0].q, nil, 10, 0, true, false)
		br, err := ix.search(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		want := facetCounts(br.Facets["languages"])
		if fmt.Sprint(want) != fmt.Sprint(res.Languages) || br.Total != res.Total {
			t.Errorf("%q: languages %v (total %d), Bleve's facet %v (total %d)", q, res.Languages, res.Total, want, br.Total)
		}
	}
}
