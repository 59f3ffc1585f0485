package index

import (
	"context"

	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bindex "github.com/blevesearch/bleve_index_api"
)

// Bleve's BooleanSearcher.Advance(id) moves its should searcher to id
// whenever its must clause is behind id, even when the should searcher
// already stands on id or past it (its must-not searcher is checked
// first, the should one is not). The should clauses of a BooleanQuery
// are a DisjunctionSearcher, which has read past the match it stands on:
// asked again for that match it returns the next one. The document at id
// then loses its should bonus: "S/RES/2712 para 4", searched in step
// with its document (filtered.go), scored 0.47 instead of 1.61 without
// the boost of the reference's language, and a phrase boost is lost the
// same way. Bleve's own searchers reach a BooleanSearcher's Advance only
// through a query nested in another; filteredQuery advances its query
// at every document of the filter.
//
// guardShoulds returns q with the should clauses of every BooleanQuery
// in it (through conjunctions, disjunctions, filteredQuery and
// phraseRankedQuery) wrapped in a shouldGuard, whose searcher answers
// an Advance to its last match, or before it, with that match again.
// It copies what it changes; q is left as it was. It is applied where a
// searcher is built (guardedQuery, filteredQuery.Searcher), not to the
// request's query, which Bleve's query functions (ExtractFields) walk.
func guardShoulds(q query.Query) query.Query {
	switch q := q.(type) {
	case *query.BooleanQuery:
		c := *q
		c.Must, c.MustNot, c.Filter = guardShoulds(c.Must), guardShoulds(c.MustNot), guardShoulds(c.Filter)
		if _, done := c.Should.(*shouldGuard); c.Should != nil && !done {
			c.Should = &shouldGuard{q: guardShoulds(c.Should)}
		}
		return &c
	case *guardedQuery:
		return q.q // guarded where its searcher is built
	case *query.ConjunctionQuery:
		c := *q
		c.Conjuncts = guardAll(q.Conjuncts)
		return &c
	case *query.DisjunctionQuery:
		c := *q
		c.Disjuncts = guardAll(q.Disjuncts)
		return &c
	case *filteredQuery:
		return &filteredQuery{q: guardShoulds(q.q), filter: guardShoulds(q.filter)}
	case *phraseRankedQuery:
		c := *q
		c.guarded = true // its fallback, Bleve's BooleanQuery, guarded when searched
		return &c
	}
	return q
}

func guardAll(qs []query.Query) []query.Query {
	out := make([]query.Query, len(qs))
	for i, s := range qs {
		out[i] = guardShoulds(s)
	}
	return out
}

// guardedQuery is the query of a search request (Index.search), its
// should clauses guarded where its searcher is built: a BooleanQuery
// nested in a conjunction or in another's must clause (query-string
// "+(+a b) +c") is advanced by Bleve's own searchers. Bleve's query
// functions see the query unwrapped (asBleveQuery).
type guardedQuery struct {
	q query.Query
}

func (g *guardedQuery) Searcher(ctx context.Context, i bindex.IndexReader, m mapping.IndexMapping, options bsearch.SearcherOptions) (bsearch.Searcher, error) {
	return guardTop(g.q).Searcher(ctx, i, m, options)
}

// guardTop is guardShoulds for the query a collector drives: the
// collector only calls Next, as a disjunction does on its parts, so the
// should clause of the top BooleanQuery (or of a top disjunction's
// parts) is never advanced and is left as it is (guarding copies every
// match); what lies below is guarded. A phraseRankedQuery at the top is
// left as it is for the same reason.
func guardTop(q query.Query) query.Query {
	switch q := q.(type) {
	case *query.BooleanQuery:
		c := *q
		c.Must, c.MustNot, c.Filter = guardShoulds(c.Must), guardShoulds(c.MustNot), guardShoulds(c.Filter)
		c.Should = guardShoulds(c.Should) // its parts are advanced by the boolean
		return &c
	case *query.DisjunctionQuery:
		c := *q
		c.Disjuncts = make([]query.Query, len(q.Disjuncts))
		for i, d := range q.Disjuncts {
			c.Disjuncts[i] = guardTop(d)
		}
		return &c
	case *phraseRankedQuery:
		return q
	}
	return guardShoulds(q)
}

func (g *guardedQuery) Validate() error { return validate(g.q) } // globalstats.go

// shouldGuard is a BooleanQuery's should clause searched by a
// guardedSearcher.
type shouldGuard struct {
	q query.Query
}

func (g *shouldGuard) Searcher(ctx context.Context, i bindex.IndexReader, m mapping.IndexMapping, options bsearch.SearcherOptions) (bsearch.Searcher, error) {
	s, err := g.q.Searcher(ctx, i, m, options)
	if err != nil {
		return nil, err
	}
	if _, none := s.(*searcher.MatchNoneSearcher); none {
		return s, nil // BooleanQuery drops a should clause that matches nothing
	}
	return &guardedSearcher{Searcher: s}, nil
}

func (g *shouldGuard) Validate() error { return validate(g.q) } // globalstats.go

// guardedSearcher is a searcher whose Advance to its last match, or to
// a document before it, returns that match again (a copy: the caller
// has put the one it had back in the pool) instead of moving on. Its
// callers only move forward, so nothing lies between the document asked
// for and the last match.
type guardedSearcher struct {
	bsearch.Searcher
	last  bsearch.DocumentMatch // a copy of the last match returned
	held  bool                  // last is a match
	ended bool                  // the searcher has no more
}

func (s *guardedSearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	if s.ended {
		return nil, nil
	}
	d, err := s.Searcher.Next(ctx)
	s.keep(d, err)
	return d, err
}

func (s *guardedSearcher) Advance(ctx *bsearch.SearchContext, id bindex.IndexInternalID) (*bsearch.DocumentMatch, error) {
	if s.ended {
		return nil, nil
	}
	if s.held && s.last.IndexInternalID.Compare(id) >= 0 {
		d := ctx.DocumentMatchPool.Get()
		copyMatch(d, &s.last)
		return d, nil
	}
	d, err := s.Searcher.Advance(ctx, id)
	s.keep(d, err)
	return d, err
}

// keep notes what Next or Advance returned.
func (s *guardedSearcher) keep(d *bsearch.DocumentMatch, err error) {
	switch {
	case err != nil:
		s.held = false
	case d == nil:
		s.held, s.ended = false, true
	default:
		copyMatch(&s.last, d)
		s.held = true
	}
}

func (s *guardedSearcher) DocumentMatchPoolSize() int { return s.Searcher.DocumentMatchPoolSize() + 1 }

// copyMatch makes dst a copy of what a searcher sets in src: the
// document, its score and explanation, the term locations (for
// highlighting) and the score breakdown, in dst's own memory where dst
// has some (a pooled match, or the guard's copy).
func copyMatch(dst, src *bsearch.DocumentMatch) {
	dst.IndexInternalID = append(dst.IndexInternalID[:0], src.IndexInternalID...)
	dst.ID = src.ID
	dst.Index = src.Index
	dst.Score = src.Score
	dst.Expl = src.Expl // a new tree per match, never reused
	dst.HitNumber = src.HitNumber
	dst.Locations = src.Locations
	ftls := dst.FieldTermLocations[:0]
	for _, l := range src.FieldTermLocations {
		l.Location.ArrayPositions = append([]uint64(nil), l.Location.ArrayPositions...)
		ftls = append(ftls, l)
	}
	dst.FieldTermLocations = ftls
	if len(src.ScoreBreakdown) > 0 || dst.ScoreBreakdown != nil {
		if dst.ScoreBreakdown == nil {
			dst.ScoreBreakdown = make(map[int]float64, len(src.ScoreBreakdown))
		}
		clear(dst.ScoreBreakdown)
		for k, v := range src.ScoreBreakdown {
			dst.ScoreBreakdown[k] = v
		}
	}
}
