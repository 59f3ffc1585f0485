package index

import (
	"context"

	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bindex "github.com/blevesearch/bleve_index_api"
)

// filteredQuery is q restricted to the documents of filter: Bleve's
// BooleanQuery with q as its only must clause and filter as its filter,
// with the same searchers and scores, but the two searched in step.
//
// Bleve's filter visits every hit of q and moves the filter's searcher
// to it: a clause reference ("A/RES/78/265 para 6") went through every
// clause numbered para_6 of the index, and the language boost of each
// (27% of the CPU of the citation query on 610,000 clauses), to keep the
// few of one document. Here whichever of the two is behind is advanced
// to the other (as Bleve's conjunction does): the filter leads when it
// holds fewer documents, q when it does.
type filteredQuery struct {
	q, filter query.Query
}

// filterInStep turns filteredQuery on; tests turn it off to compare
// with Bleve's BooleanQuery.
var filterInStep = true

// boolean is the Bleve query fq searches as.
func (fq *filteredQuery) boolean() *query.BooleanQuery {
	bq := query.NewBooleanQuery([]query.Query{fq.q}, nil, nil)
	bq.AddFilter(fq.filter)
	return bq
}

func (fq *filteredQuery) Searcher(ctx context.Context, i bindex.IndexReader, m mapping.IndexMapping, options bsearch.SearcherOptions) (bsearch.Searcher, error) {
	// as BooleanQuery.Searcher: the must clause (a conjunction of q),
	// in a BooleanSearcher; none (q matches nothing) is every document.
	// q is advanced from one document of the filter to the next: the
	// should clauses in it guarded (shouldguard.go)
	bq := (&filteredQuery{q: guardShoulds(fq.q), filter: fq.filter}).boolean()
	must, err := bq.Must.Searcher(ctx, i, m, options)
	if err != nil {
		return nil, err
	}
	if _, none := must.(*searcher.MatchNoneSearcher); none {
		must.Close()
		if must, err = searcher.NewMatchAllSearcher(ctx, i, 1.0, options); err != nil {
			return nil, err
		}
	} else {
		bs, err := searcher.NewBooleanSearcher(ctx, i, must, nil, nil, options)
		if err != nil {
			must.Close()
			return nil, err
		}
		must = bs
	}
	// the filter unscored, as Bleve searches it
	f, err := fq.filter.Searcher(ctx, i, m, bsearch.SearcherOptions{Score: "none"})
	if err != nil {
		must.Close()
		return nil, err
	}
	return &filteredSearcher{must: must, filter: f}, nil
}

func (fq *filteredQuery) Validate() error { return fq.boolean().Validate() }

// filteredSearcher returns the documents of must that filter holds,
// with must's scores.
type filteredSearcher struct {
	must, filter bsearch.Searcher
	cur, fcur    *bsearch.DocumentMatch
	started      bool
	done         bool
}

func (s *filteredSearcher) start(ctx *bsearch.SearchContext) error {
	if s.started {
		return nil
	}
	s.started = true
	var err error
	if s.cur, err = s.must.Next(ctx); err != nil {
		return err
	}
	s.fcur, err = s.filter.Next(ctx)
	return err
}

// align moves the one behind until both are on one document, which it
// returns; nil when either has no more.
func (s *filteredSearcher) align(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	var err error
	for s.cur != nil && s.fcur != nil {
		c := s.cur.IndexInternalID.Compare(s.fcur.IndexInternalID)
		switch {
		case c == 0:
			rv := s.cur
			s.cur = nil // the caller's now
			return rv, nil
		case c < 0:
			ctx.DocumentMatchPool.Put(s.cur)
			if s.cur, err = s.must.Advance(ctx, s.fcur.IndexInternalID); err != nil {
				return nil, err
			}
		default:
			if s.fcur, err = s.filter.Advance(ctx, s.cur.IndexInternalID); err != nil {
				return nil, err
			}
		}
	}
	s.done = true
	return nil, nil
}

func (s *filteredSearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	if s.done {
		return nil, nil
	}
	if !s.started {
		if err := s.start(ctx); err != nil {
			return nil, err
		}
	} else if s.cur == nil {
		var err error
		if s.cur, err = s.must.Next(ctx); err != nil {
			return nil, err
		}
	}
	return s.align(ctx)
}

func (s *filteredSearcher) Advance(ctx *bsearch.SearchContext, id bindex.IndexInternalID) (*bsearch.DocumentMatch, error) {
	if s.done {
		return nil, nil
	}
	if err := s.start(ctx); err != nil {
		return nil, err
	}
	var err error
	if s.cur == nil || s.cur.IndexInternalID.Compare(id) < 0 {
		if s.cur != nil {
			ctx.DocumentMatchPool.Put(s.cur)
		}
		if s.cur, err = s.must.Advance(ctx, id); err != nil {
			return nil, err
		}
	}
	if s.fcur != nil && s.fcur.IndexInternalID.Compare(id) < 0 {
		if s.fcur, err = s.filter.Advance(ctx, id); err != nil {
			return nil, err
		}
	}
	return s.align(ctx)
}

func (s *filteredSearcher) Close() error {
	err := s.must.Close()
	if ferr := s.filter.Close(); err == nil {
		err = ferr
	}
	return err
}

func (s *filteredSearcher) Weight() float64            { return s.must.Weight() }
func (s *filteredSearcher) SetQueryNorm(qnorm float64) { s.must.SetQueryNorm(qnorm) }
func (s *filteredSearcher) Count() uint64              { return s.must.Count() }
func (s *filteredSearcher) Min() int                   { return 0 }
func (s *filteredSearcher) Size() int                  { return s.must.Size() + s.filter.Size() }
func (s *filteredSearcher) DocumentMatchPoolSize() int {
	return s.must.DocumentMatchPoolSize() + s.filter.DocumentMatchPoolSize()
}
