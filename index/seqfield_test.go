package index

import (
	"context"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/numeric"
)

// seqTerms returns the terms of the seq field in every shard of ix.
func seqTerms(t *testing.T, ix *Index) [][]byte { return fieldTerms(t, ix, "seq") }

// fieldTerms returns the terms of field in every shard of ix.
func fieldTerms(t *testing.T, ix *Index, field string) [][]byte {
	t.Helper()
	var out [][]byte
	for _, sh := range ix.shards {
		r, err := snapshotReader(sh)
		if err != nil {
			t.Fatal(err)
		}
		d, err := r.FieldDict(field)
		if err != nil {
			t.Fatal(err)
		}
		for e, err := d.Next(); e != nil && err == nil; e, err = d.Next() {
			out = append(out, []byte(e.Term))
		}
		d.Close()
		r.Close()
	}
	return out
}

// TestSeqIndexedExactly: the seq field holds one term per position (its
// exact value), not Bleve's 16 per value; sorting by it, the clause
// view's neighbours and searches are the same as with Bleve's numeric
// indexing, and an index written with Bleve's (before) still finds its
// neighbours.
func TestSeqIndexedExactly(t *testing.T) {
	dir := corpusFixture(t)
	exactPath, bleveSeqPath := filepath.Join(dir, "exact"), filepath.Join(dir, "bleve")
	build(t, exactPath, filepath.Join(dir, "src"))
	exactSeq = false
	build(t, bleveSeqPath, filepath.Join(dir, "src"))
	exactSeq = true
	exact, old := open(t, exactPath), open(t, bleveSeqPath)

	terms := seqTerms(t, exact)
	maxSeq := -1
	for _, tm := range terms {
		pc := numeric.PrefixCoded(tm)
		shift, err := pc.Shift()
		if err != nil || shift != 0 {
			t.Fatalf("seq term %x: shift %d, %v", tm, shift, err)
		}
		n, _ := pc.Int64()
		maxSeq = max(maxSeq, int(numeric.Int64ToFloat64(n)))
	}
	// every document of the fixture has at least 2 clauses: seq 0..max
	if maxSeq < 1 || len(terms) != maxSeq+1 {
		t.Fatalf("exact: %d seq terms for positions 0..%d", len(terms), maxSeq)
	}
	if n := len(seqTerms(t, old)); n <= len(terms) {
		t.Fatalf("Bleve's numeric indexing: %d seq terms, exact %d: the test compares nothing", n, len(terms))
	}

	// page: its exact values only, and a range over it finds what it
	// finds among Bleve's terms of every precision
	for _, tm := range fieldTerms(t, exact, "page") {
		if shift, err := numeric.PrefixCoded(tm).Shift(); err != nil || shift != 0 {
			t.Fatalf("page term %x: shift %d, %v", tm, shift, err)
		}
	}
	if a, b := len(fieldTerms(t, exact, "page")), len(fieldTerms(t, old, "page")); a < 2 || b <= a {
		t.Fatalf("page terms: exact %d, Bleve's %d", a, b)
	}
	for _, q := range []string{"page:>1", "page:2", "page:>=2 page:<3", "+page:>=2 +page:<=3 peace", "+peace -page:1", "page:>1000", "page:<1", "+page:>3 +page:<2", "+peace +page:>1000", "+peace +page:>=1e300"} {
		r := SearchRequest{Query: q, Limit: 100}
		a, b := search(t, exact, r), search(t, old, r)
		ga, gb := hitIDs(a), hitIDs(b)
		slices.Sort(ga)
		slices.Sort(gb)
		if a.Total != b.Total || strings.Join(ga, " ") != strings.Join(gb, " ") {
			t.Errorf("%q: exact %d hits %v, Bleve's %d hits %v", q, a.Total, ga, b.Total, gb)
		}
		t.Logf("%q: %d hits", q, a.Total)
	}

	for _, q := range []string{"A/RES/78/265", "A/RES/78/265 para 6", "file:UN_Charter", "peace security", "A/HRC/WG.6/34/ITA/3"} {
		a, b := search(t, exact, SearchRequest{Query: q}), search(t, old, SearchRequest{Query: q})
		if len(a.Hits) == 0 {
			t.Errorf("%q: no hits", q)
		}
		if ga, gb := strings.Join(hitIDs(a), " "), strings.Join(hitIDs(b), " "); ga != gb {
			t.Errorf("%q: exact %s, Bleve's %s", q, ga, gb)
		}
		for i := range min(len(a.Hits), len(b.Hits)) {
			if a.Hits[i].Score != b.Hits[i].Score {
				t.Errorf("%q hit %d: score %v vs %v", q, i, a.Hits[i].Score, b.Hits[i].Score)
			}
		}
	}

	views := 0
	for _, c := range []struct{ doc, id, lang string }{
		{"A/RES/78/265", "preamble__para_1", "en"}, {"A/RES/78/265", "para_6__list_1__point_g", "fr"},
		{"A/RES/78/265", "para_6__list_1__point_m", "en"}, {"file:UN_Charter_ar.pdf", "art_1", ""},
		{"file:UN_Charter_ar.pdf", "art_51", ""}, {"A/RES/48/246", "para_12", "es"},
	} {
		a, err := exact.ClauseView(context.Background(), c.doc, c.id, c.lang)
		if err != nil {
			t.Fatalf("%v: %v", c, err)
		}
		b, err := old.ClauseView(context.Background(), c.doc, c.id, c.lang)
		if err != nil {
			t.Fatalf("%v (Bleve's seq): %v", c, err)
		}
		if a.PrevID == "" && a.NextID == "" {
			t.Errorf("%v: no neighbours", c)
		}
		if a.PrevID != b.PrevID || a.NextID != b.NextID || !reflect.DeepEqual(a.Clause, b.Clause) {
			t.Errorf("%v: exact prev %q next %q, Bleve's prev %q next %q", c, a.PrevID, a.NextID, b.PrevID, b.NextID)
		}
		views++
	}
	if views == 0 {
		t.Fatal("no clause view compared")
	}
}
