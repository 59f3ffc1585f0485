package index

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
)

// guardIndex is an index of 8 documents d0..d7, all with grp:x, in
// Bleve's order of its own choosing (one segment); ids are their internal numbers in
// that order, ext their names. pair:"i-j" is held by di and dj (i < j).
func guardIndex(t *testing.T) (bindex.IndexReader, mapping.IndexMapping, []bindex.IndexInternalID, []string) {
	t.Helper()
	_, r, m, ids, ext := guardBleve(t, "")
	return r, m, ids, ext
}

// guardBleve is guardIndex with the Bleve index itself, scored with
// scoring (Bleve's default, TF-IDF, when "").
func guardBleve(t *testing.T, scoring string) (bleve.Index, bindex.IndexReader, mapping.IndexMapping, []bindex.IndexInternalID, []string) {
	t.Helper()
	m := bleve.NewIndexMapping()
	m.ScoringModel = scoring
	m.DefaultAnalyzer = keyword.Name
	bi, err := bleve.New(filepath.Join(t.TempDir(), "ix"), m)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { bi.Close() })
	// one batch, one segment: no merge changes the statistics (and the
	// scores) between two searches
	b := bi.NewBatch()
	for d := 0; d < 8; d++ {
		var pairs []string
		for e := 0; e < 8; e++ {
			if e != d {
				pairs = append(pairs, fmt.Sprintf("%d-%d", min(d, e), max(d, e)))
			}
		}
		if err := b.Index(fmt.Sprintf("d%d", d), map[string]any{"grp": "x", "pair": pairs}); err != nil {
			t.Fatal(err)
		}
	}
	if err := bi.Batch(b); err != nil {
		t.Fatal(err)
	}
	r, err := snapshotReader(bi)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	var ids []bindex.IndexInternalID
	var ext []string
	s, err := term("grp", "x").Searcher(context.Background(), r, m, bsearch.SearcherOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := &bsearch.SearchContext{DocumentMatchPool: bsearch.NewDocumentMatchPool(10, 0)}
	for d, err := s.Next(ctx); d != nil || err != nil; d, err = s.Next(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		id, err := r.ExternalID(d.IndexInternalID)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, append(bindex.IndexInternalID(nil), d.IndexInternalID...))
		ext = append(ext, id)
	}
	s.Close()
	if len(ids) != 8 {
		t.Fatalf("%d documents", len(ids))
	}
	return bi, r, m, ids, ext
}

// pairTerm is the term held by the documents named a and b.
func pairTerm(a, b string) query.Query {
	i, j := int(a[1]-'0'), int(b[1]-'0')
	return term("pair", fmt.Sprintf("%d-%d", min(i, j), max(i, j)))
}

// TestGuardedShouldAdvance: a BooleanQuery whose should clause matches
// the 4th and 6th documents (in index order), advanced to the 4th after
// two Next calls, scores it with the should bonus once its should
// clauses are guarded: the score of the 4th found by Next alone. (Bleve
// 2.5's BooleanSearcher loses that bonus: its should disjunction, asked
// for the 4th again, returns the 6th.)
func TestGuardedShouldAdvance(t *testing.T) {
	r, m, ids, ext := guardIndex(t)
	bq := query.NewBooleanQuery([]query.Query{term("grp", "x")},
		[]query.Query{pairTerm(ext[3], ext[5])}, nil)
	bg := context.Background()
	newCtx := func() *bsearch.SearchContext {
		return &bsearch.SearchContext{DocumentMatchPool: bsearch.NewDocumentMatchPool(20, 0)}
	}
	// by Next alone
	s, err := bq.Searcher(bg, r, m, bsearch.SearcherOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := newCtx()
	var want, plain float64
	for d, _ := s.Next(ctx); d != nil; d, _ = s.Next(ctx) {
		switch {
		case d.IndexInternalID.Equals(ids[3]):
			want = d.Score
		case d.IndexInternalID.Equals(ids[2]):
			plain = d.Score
		}
	}
	s.Close()
	if !(want > plain && plain > 0) {
		t.Fatalf("4th %v, 3rd %v: the should clause gives no bonus, the test shows nothing", want, plain)
	}
	advanced := func(q query.Query) float64 {
		s, err := q.Searcher(bg, r, m, bsearch.SearcherOptions{})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		ctx := newCtx()
		for k := 0; k < 2; k++ {
			if d, err := s.Next(ctx); err != nil || d == nil || !d.IndexInternalID.Equals(ids[k]) {
				t.Fatalf("Next %d: %v %v", k, d, err)
			}
		}
		d, err := s.Advance(ctx, ids[3])
		if err != nil || d == nil || !d.IndexInternalID.Equals(ids[3]) {
			t.Fatalf("Advance to the 4th: %v %v", d, err)
		}
		return d.Score
	}
	t.Logf("Bleve's BooleanSearcher advanced: %v (by Next %v, without the bonus %v)", advanced(bq), want, plain)
	if got := advanced(guardShoulds(bq)); got != want {
		t.Errorf("guarded, advanced to the 4th: score %v, by Next %v", got, want)
	}
	// the query it was given is unchanged
	if _, ok := bq.Should.(*query.DisjunctionQuery); !ok {
		t.Errorf("guardShoulds changed its query: should is %T", bq.Should)
	}
}

// TestGuardedSearcher: Advance to the last match, or before it, returns
// that match again (same document, score and term locations); past it,
// the searcher moves on; at the end it stays at the end.
func TestGuardedSearcher(t *testing.T) {
	r, m, ids, ext := guardIndex(t)
	dq := disj(pairTerm(ext[3], ext[5]))
	inner, err := dq.Searcher(context.Background(), r, m, bsearch.SearcherOptions{IncludeTermVectors: true})
	if err != nil {
		t.Fatal(err)
	}
	g := &guardedSearcher{Searcher: inner}
	defer g.Close()
	ctx := &bsearch.SearchContext{DocumentMatchPool: bsearch.NewDocumentMatchPool(g.DocumentMatchPoolSize(), 0)}
	first, err := g.Next(ctx)
	if err != nil || first == nil || !first.IndexInternalID.Equals(ids[3]) {
		t.Fatalf("Next: %v %v", first, err)
	}
	score, locs := first.Score, len(first.FieldTermLocations)
	ctx.DocumentMatchPool.Put(first) // as BooleanSearcher does before it advances
	for _, to := range []int{3, 1} {
		d, err := g.Advance(ctx, ids[to])
		if err != nil || d == nil || !d.IndexInternalID.Equals(ids[3]) || d.Score != score || len(d.FieldTermLocations) != locs {
			t.Fatalf("Advance to %d: %v %v; want the 4th again, score %v, %d locations", to, d, err, score, locs)
		}
		ctx.DocumentMatchPool.Put(d)
	}
	d, err := g.Advance(ctx, ids[4])
	if err != nil || d == nil || !d.IndexInternalID.Equals(ids[5]) {
		t.Fatalf("Advance to the 5th: %v %v; want the 6th", d, err)
	}
	if d, err := g.Advance(ctx, ids[6]); d != nil || err != nil {
		t.Fatalf("Advance past the last: %v %v", d, err)
	}
	if d, err := g.Advance(ctx, ids[0]); d != nil || err != nil {
		t.Fatalf("Advance after the end: %v %v", d, err)
	}
}

// TestSearchGuardsNestedShould: a BooleanQuery inside a conjunction
// (query-string "+(+a b) +c") is advanced by Bleve's ConjunctionSearcher
// to the 4th document while its should clause already stands there;
// Index.search guards it, so the 4th scores what the same terms score
// as one top-level BooleanQuery, "+a +c b", which nothing advances
// (Bleve normalises a term's weight over the whole query: the parts
// searched alone would not add up).
func TestSearchGuardsNestedShould(t *testing.T) {
	bi, _, _, _, ext := guardBleve(t, "bm25")
	bq := query.NewBooleanQuery([]query.Query{term("grp", "x")},
		[]query.Query{pairTerm(ext[3], ext[5])}, nil)
	c := pairTerm(ext[0], ext[3])
	scoreOf := func(res *bleve.SearchResult, id string) float64 {
		for _, h := range res.Hits {
			if h.ID == id {
				return h.Score
			}
		}
		t.Fatalf("%s not found", id)
		return 0
	}
	search := func(q query.Query, guarded bool) *bleve.SearchResult {
		req := bleve.NewSearchRequestOptions(q, 10, 0, false)
		var res *bleve.SearchResult
		var err error
		if guarded {
			ix := &Index{path: "guard", bi: bi, shards: []bleve.Index{bi}, stats: newStatCache(), termBits: newTermBitsCache()}
			res, err = ix.search(context.Background(), req)
		} else {
			res, err = bi.SearchInContext(context.Background(), req)
		}
		if err != nil {
			t.Fatal(err)
		}
		if req.Query != q {
			t.Fatalf("the request's query is %T after the search", req.Query)
		}
		return res
	}
	flat := query.NewBooleanQuery([]query.Query{query.NewConjunctionQuery([]query.Query{term("grp", "x"), c})},
		[]query.Query{pairTerm(ext[3], ext[5])}, nil)
	want := scoreOf(search(flat, false), ext[3])
	nested := query.NewConjunctionQuery([]query.Query{bq, c})
	bleveScore := scoreOf(search(nested, false), ext[3])
	if bleveScore == want {
		t.Fatalf("Bleve's own searcher scores the 4th %v as the parts do: the test shows nothing", bleveScore)
	}
	got := scoreOf(search(nested, true), ext[3])
	t.Logf("4th: top-level %v, Bleve %v, Index.search %v", want, bleveScore, got)
	if math.Abs(got-want) > 1e-9 {
		t.Errorf("Index.search scores the 4th %v, the top-level query %v", got, want)
	}
}

// TestGuardTop: the should clause of a top BooleanQuery (and of a top
// disjunction's booleans) is left unwrapped, those below are guarded,
// inside must, should and conjunctions alike.
func TestGuardTop(t *testing.T) {
	inner := func() *query.BooleanQuery {
		return query.NewBooleanQuery([]query.Query{term("a", "1")}, []query.Query{term("b", "1")}, nil)
	}
	top := query.NewBooleanQuery([]query.Query{inner()}, []query.Query{inner(), term("c", "1")}, nil)
	g := guardTop(top).(*query.BooleanQuery)
	if _, wrapped := g.Should.(*shouldGuard); wrapped {
		t.Fatal("the top boolean's should clause is wrapped")
	}
	nested := func(q query.Query) bool {
		for _, s := range q.(*query.ConjunctionQuery).Conjuncts {
			if b, ok := s.(*query.BooleanQuery); ok {
				_, w := b.Should.(*shouldGuard)
				return w
			}
		}
		return false
	}
	if !nested(g.Must) {
		t.Error("a boolean in the top's must clause is not guarded")
	}
	if b := g.Should.(*query.DisjunctionQuery).Disjuncts[0].(*query.BooleanQuery); !func() bool { _, w := b.Should.(*shouldGuard); return w }() {
		t.Error("a boolean in the top's should clause is not guarded")
	}
	d := guardTop(disj(inner(), query.NewConjunctionQuery([]query.Query{inner(), term("c", "1")}))).(*query.DisjunctionQuery)
	if _, w := d.Disjuncts[0].(*query.BooleanQuery).Should.(*shouldGuard); w {
		t.Error("a top disjunction's boolean is wrapped")
	}
	if !nested(d.Disjuncts[1]) {
		t.Error("a boolean in a top disjunction's conjunction is not guarded")
	}
	if nested(top.Must) {
		t.Error("guardTop changed its query")
	}
}
