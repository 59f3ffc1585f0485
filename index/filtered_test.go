package index

import (
	"context"
	"encoding/json"
	"path/filepath"
	"sort"
	"testing"

	"github.com/blevesearch/bleve/v2/search/query"
)

// TestFilteredSameAsBoolean: requests with filters (a document, a body,
// dates, a language without a field of its own, clause references) find
// the same hits with the same scores, totals and facets searched in step
// (filteredQuery) as through Bleve's BooleanQuery with a filter, on one
// index and on 3 shards; a query of stop words alone keeps Bleve's
// meaning there (every clause the filter holds).
func TestFilteredSameAsBoolean(t *testing.T) {
	one, sh := langCountIndexes(t) // facetcount_test.go
	if _, ok := newRequest(query.NewMatchAllQuery(), nil, 10, 0, false, false).Query.(*filteredQuery); ok {
		t.Fatal("a request without filters is filtered")
	}
	if _, ok := newRequest(term("id", "para_1"), []query.Query{term("language", "de")}, 10, 0, false, false).Query.(*filteredQuery); !ok {
		t.Fatal("a request with a filter is not searched in step")
	}
	reqs := []SearchRequest{
		{Query: "resolution", Body: "Security Council"},
		{Query: "resolution security", From: "2019", To: "2021"},
		{Query: "resolution", Lang: "de"},
		{Query: "resolution", Lang: "pt", Body: "General Assembly"},
		{Query: "S/RES/2703 para 2"},
		{Query: "S/RES/2712 para 4"},
		{Query: "para 3"},
		{Query: "para 3", Lang: "fr"},
		{Query: "*", Symbol: "S/RES/2705"},
		{Query: "S/RES/2701 resolution"},
		{Query: "the", Body: "Security Council"},
		{Query: "reso*", Body: "General Assembly", Sort: "-date"},
		{Query: "nothingmatchesthis", Body: "Security Council"},
	}
	for _, p := range []string{one, sh} {
		ix := open(t, p)
		for _, r := range reqs {
			r.Limit = 100                                     // every hit on the page: shards' ties do not move hits across it
			got, want := searchOnOff(t, ix, r, &filterInStep) // facetcount_test.go
			if ix.Shards() > 1 {
				sortByFileSeq(got, want)
			}
			jg, _ := json.Marshal(got)
			jw, _ := json.Marshal(want)
			if string(jg) != string(jw) {
				t.Errorf("%s %+v:\n in step: %s\n Bleve:   %s", filepath.Base(p), r, jg, jw)
			}
			if r.Query == "S/RES/2703 para 2" && got.Total == 0 {
				t.Errorf("%+v: no hit, the test shows nothing", r)
			}
		}
	}
	// a query that matches nothing under a filter: Bleve's meaning kept
	// (its BooleanQuery searches every document of the filter when its
	// must clause is no searcher at all)
	ix := open(t, one)
	for _, q := range []query.Query{query.NewMatchNoneQuery(), query.NewMatchQuery("the")} {
		var totals []uint64
		for _, inStep := range []bool{true, false} {
			filterInStep = inStep
			res, err := ix.search(context.Background(), newRequest(q, []query.Query{term("bodykey", "security council")}, 10, 0, false, false))
			filterInStep = true
			if err != nil {
				t.Fatal(err)
			}
			totals = append(totals, res.Total)
		}
		if totals[0] != totals[1] {
			t.Errorf("%T under a filter: %d hits in step, %d by Bleve", q, totals[0], totals[1])
		}
	}
	// a filter that holds nothing
	req := newRequest(term("id", "para_1"), []query.Query{term("language", "xx-none")}, 10, 0, true, false)
	res, err := ix.search(context.Background(), req)
	if err != nil || res.Total != 0 {
		t.Errorf("empty filter: %v hits, %v", res.Total, err)
	}
}

// sortByFileSeq puts the hits of each result in file and clause order
// (ties of several shards are ordered by tieOrder within a page only).
func sortByFileSeq(rs ...*SearchResult) {
	for _, res := range rs {
		sort.SliceStable(res.Hits, func(i, j int) bool {
			if res.Hits[i].File != res.Hits[j].File {
				return res.Hits[i].File < res.Hits[j].File
			}
			return res.Hits[i].Seq < res.Hits[j].Seq
		})
	}
}
