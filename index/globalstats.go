package index

import (
	"context"
	"fmt"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
)

// Global BM25 statistics for a search over several shards.
//
// Bleve scores a term in a document with BM25 from three numbers of the
// index it searches: the document count, the number of documents
// holding the term, and the field's average length (its dictionary
// cardinality over the document count, rounded up). Over an IndexAlias
// each shard scores with its own numbers, so the merged order differs
// from one index of the same files. Bleve's own "global scoring"
// (search.GlobalScoring) shares the document count and cardinality but
// not the per-term counts.
//
// globalQuery wraps the query of a search over several shards: each
// shard builds its searcher on a globalReader, which answers those three
// numbers for all shards together (sums over the shards' readers). Every
// other call goes to the shard's own reader, so hits, positions,
// facets and sorting are unchanged. One index is searched without the
// wrapper: its scores are exactly what they were.

// statCache holds the sums asked so far, for the life of an Index: its
// shards are opened read-only, so they do not change.
type statCache struct {
	mu       sync.Mutex
	docs     uint64
	haveDocs bool
	card     map[string]int
	df       map[string]uint64 // field "\x00" term
}

// maxCachedTerms bounds statCache.df (emptied when full).
const maxCachedTerms = 1 << 18

func newStatCache() *statCache {
	return &statCache{card: map[string]int{}, df: map[string]uint64{}}
}

// globalStats answers the statistics for one search: from the cache,
// else from readers of the shards opened on the first miss. The
// shards' searchers are built concurrently.
type globalStats struct {
	shards []bleve.Index
	c      *statCache

	once    sync.Once
	readers []bindex.IndexReader
	err     error
}

func newGlobalStats(shards []bleve.Index, c *statCache) *globalStats {
	return &globalStats{shards: shards, c: c}
}

func (g *globalStats) open() error {
	g.once.Do(func() {
		for _, s := range g.shards {
			r, err := snapshotReader(s)
			if err != nil {
				g.err = err
				return
			}
			g.readers = append(g.readers, r)
		}
	})
	if g.err != nil {
		return fmt.Errorf("global statistics: %w", g.err)
	}
	return nil
}

// close releases the readers (after the search).
func (g *globalStats) close() {
	for _, r := range g.readers {
		r.Close()
	}
	g.readers = nil
}

func (g *globalStats) docCount() (uint64, error) {
	g.c.mu.Lock()
	defer g.c.mu.Unlock()
	if g.c.haveDocs {
		return g.c.docs, nil
	}
	if err := g.open(); err != nil {
		return 0, err
	}
	var sum uint64
	for _, r := range g.readers {
		n, err := r.DocCount()
		if err != nil {
			return 0, err
		}
		sum += n
	}
	g.c.docs, g.c.haveDocs = sum, true
	return sum, nil
}

// fieldCardinality is the sum of the shards' cardinalities of field
// (their dictionaries' sizes, themselves sums over segments): Bleve's
// own GlobalScoring convention. One index's cardinality
// is a sum over its segments too, so it depends on how its segments
// fell and no sum over other shards reproduces it exactly; the exact
// count of distinct terms over all shards (merging the dictionaries)
// was measured: no closer to one index (on the corpus in 4 partitions,
// 40 of 45 gold queries in the same order against 39 with the sum) and
// a merge of whole dictionaries on a first search.
func (g *globalStats) fieldCardinality(field string) (int, error) {
	g.c.mu.Lock()
	defer g.c.mu.Unlock()
	if n, ok := g.c.card[field]; ok {
		return n, nil
	}
	if err := g.open(); err != nil {
		return 0, err
	}
	n := 0
	for _, r := range g.readers {
		br, ok := r.(bindex.BM25Reader)
		if !ok {
			return 0, fmt.Errorf("global statistics: %T has no field cardinality", r)
		}
		c, err := br.FieldCardinality(field)
		if err != nil {
			return 0, err
		}
		n += c
	}
	g.c.card[field] = n
	return n, nil
}

func (g *globalStats) termCount(ctx context.Context, term []byte, field string) (uint64, error) {
	k := field + "\x00" + string(term)
	g.c.mu.Lock()
	defer g.c.mu.Unlock()
	if n, ok := g.c.df[k]; ok {
		return n, nil
	}
	if err := g.open(); err != nil {
		return 0, err
	}
	var n uint64
	for _, r := range g.readers {
		tfr, err := r.TermFieldReader(ctx, term, field, false, false, false)
		if err != nil {
			return 0, err
		}
		n += tfr.Count()
		tfr.Close()
	}
	if len(g.c.df) >= maxCachedTerms {
		g.c.df = map[string]uint64{}
	}
	g.c.df[k] = n
	return n, nil
}

// globalQuery is q searched with the statistics of g.
type globalQuery struct {
	q query.Query
	g *globalStats
}

func (q *globalQuery) Searcher(ctx context.Context, i bindex.IndexReader, m mapping.IndexMapping, options bsearch.SearcherOptions) (bsearch.Searcher, error) {
	return q.q.Searcher(ctx, &globalReader{IndexReader: i, g: q.g}, m, options)
}

func (q *globalQuery) Validate() error { return validate(q.q) }

// validate validates q when Bleve can (for the queries that wrap one).
func validate(q query.Query) error {
	if v, ok := q.(query.ValidatableQuery); ok {
		return v.Validate()
	}
	return nil
}

// globalReader is a shard's reader that answers the BM25 statistics for
// all shards. It forwards the optional interfaces Bleve's searchers use
// (regexp, fuzzy, contains); the others (vectors, geo plugins) are not
// used by docindex.
type globalReader struct {
	bindex.IndexReader
	g *globalStats
}

func (r *globalReader) DocCount() (uint64, error) { return r.g.docCount() }

func (r *globalReader) FieldCardinality(field string) (int, error) {
	return r.g.fieldCardinality(field)
}

func (r *globalReader) TermFieldReader(ctx context.Context, term []byte, field string, includeFreq, includeNorm, includeTermVectors bool) (bindex.TermFieldReader, error) {
	tfr, err := r.IndexReader.TermFieldReader(ctx, term, field, includeFreq, includeNorm, includeTermVectors)
	if err != nil || (!includeFreq && !includeNorm) {
		// unscored (filters): the shard's own reader, which Bleve
		// may optimize
		return tfr, err
	}
	n, err := r.g.termCount(ctx, term, field)
	if err != nil {
		tfr.Close()
		return nil, err
	}
	return &globalTermReader{TermFieldReader: tfr, count: n}, nil
}

func (r *globalReader) FieldDictRegexp(field, regex string) (bindex.FieldDict, error) {
	ir, ok := r.IndexReader.(bindex.IndexReaderRegexp)
	if !ok {
		return nil, fmt.Errorf("regexp not supported by %T", r.IndexReader)
	}
	return ir.FieldDictRegexp(field, regex)
}

func (r *globalReader) FieldDictRegexpAutomaton(field, regex string) (bindex.FieldDict, bindex.RegexAutomaton, error) {
	ir, ok := r.IndexReader.(bindex.IndexReaderRegexp)
	if !ok {
		return nil, nil, fmt.Errorf("regexp not supported by %T", r.IndexReader)
	}
	return ir.FieldDictRegexpAutomaton(field, regex)
}

func (r *globalReader) FieldDictFuzzy(field, term string, fuzziness int, prefix string) (bindex.FieldDict, error) {
	ir, ok := r.IndexReader.(bindex.IndexReaderFuzzy)
	if !ok {
		return nil, fmt.Errorf("fuzzy not supported by %T", r.IndexReader)
	}
	return ir.FieldDictFuzzy(field, term, fuzziness, prefix)
}

func (r *globalReader) FieldDictFuzzyAutomaton(field, term string, fuzziness int, prefix string) (bindex.FieldDict, bindex.FuzzyAutomaton, error) {
	ir, ok := r.IndexReader.(bindex.IndexReaderFuzzy)
	if !ok {
		return nil, nil, fmt.Errorf("fuzzy not supported by %T", r.IndexReader)
	}
	return ir.FieldDictFuzzyAutomaton(field, term, fuzziness, prefix)
}

func (r *globalReader) FieldDictContains(field string) (bindex.FieldDictContains, error) {
	ir, ok := r.IndexReader.(bindex.IndexReaderContains)
	if !ok {
		return nil, fmt.Errorf("contains not supported by %T", r.IndexReader)
	}
	return ir.FieldDictContains(field)
}

// globalTermReader is a shard's postings of a term with the number of
// documents holding it in all shards.
type globalTermReader struct {
	bindex.TermFieldReader
	count uint64
}

func (t *globalTermReader) Count() uint64 { return t.count }

var (
	_ bindex.BM25Reader          = (*globalReader)(nil)
	_ bindex.IndexReaderRegexp   = (*globalReader)(nil)
	_ bindex.IndexReaderFuzzy    = (*globalReader)(nil)
	_ bindex.IndexReaderContains = (*globalReader)(nil)
)
