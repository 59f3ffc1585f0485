package index

import (
	"context"
	"encoding/json"
	"maps"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
)

// BM25 statistics that do not depend on how the index is split into
// segments.
//
// Bleve scores a term with BM25 from the number of documents of the
// index, the number of documents holding the term, and an "average
// field length" which it takes as the field's dictionary size (distinct
// terms) divided by the number of documents, rounded up. The first two
// are index-wide counts of live documents; the dictionary size is not:
// scorch adds up the dictionaries of its segments, so a term found in
// three segments counts three times. The average field length, and with
// it every score, then depends on how many segments the batches of the
// build made and on which of them scorch has merged yet: on the corpus
// text_en's was 2 with 4 segments and 1 once merged (the length
// normalisation of every English clause halved), and a build that
// commits smaller batches ranked --show hits differently.
//
// The writer therefore counts, when it closes, each field's terms over
// the whole index as the sum over its dictionary of each term's number
// of documents (the number of distinct terms per document, summed:
// so the "average field length" is the average number of distinct terms
// of a document's field, close to BM25's own average length), and stores
// it with the document count (internal key bm25Key). Unlike a dictionary
// size, both are sums over documents: they do not depend on how batches
// and merges cut segments (deleted documents aside, see termDocPairs),
// and the statistics of shards add up to those
// of one index of the same files exactly (summedBM25). Searches hand
// them to Bleve (search.BM25StatsKey), which uses them instead of its
// per-segment sums. An index whose stored statistics do not match its
// document count (a build killed before its writer closed) is scored as
// Bleve does by itself until the next build stores them again.

// bm25Key is the internal key of the stored statistics.
const bm25Key = "_docindex_bm25.2" // .2: term-document pairs (the first stored distinct terms)

// bm25Stats are the statistics stored under bm25Key.
type bm25Stats struct {
	DocCount uint64         `json:"doc_count"`
	Fields   map[string]int `json:"fields"` // term-document pairs
}

// snapshotReader is a reader of bi's current snapshot (Bleve's index
// reader under the search API); the caller closes it.
func snapshotReader(bi bleve.Index) (bindex.IndexReader, error) {
	adv, err := bi.Advanced()
	if err != nil {
		return nil, err
	}
	return adv.Reader()
}

// countBM25 computes the statistics of the index bi as it is now,
// calling each (when not nil) every few thousand terms.
func countBM25(bi bleve.Index, each func()) (*bm25Stats, error) {
	r, err := snapshotReader(bi)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	n, err := r.DocCount()
	if err != nil {
		return nil, err
	}
	fields, err := r.Fields()
	if err != nil {
		return nil, err
	}
	st := &bm25Stats{DocCount: n, Fields: make(map[string]int, len(fields))}
	for _, f := range fields {
		if f == "_id" {
			continue // searched by DocIDQuery, which does not score
		}
		c, err := termDocPairs(r, f, each)
		if err != nil {
			return nil, err
		}
		st.Fields[f] = c
	}
	return st, nil
}

// termDocPairs counts the pairs (term, document holding it) of field f:
// the sum of the dictionary's document counts. Scorch reads each
// segment's own dictionary, so a deleted document (a file re-indexed by
// an incremental build) still counts until a merge drops it: an updated
// index can score slightly differently from a fresh build of the same
// files until its segments are merged.
func termDocPairs(r bindex.IndexReader, f string, each func()) (int, error) {
	d, err := r.FieldDict(f)
	if err != nil {
		return 0, err
	}
	defer d.Close()
	n, seen := 0, 0
	for {
		e, err := d.Next()
		if err != nil {
			return 0, err
		}
		if e == nil {
			return n, nil
		}
		n += int(e.Count)
		if seen++; seen%4096 == 0 && each != nil {
			each()
		}
	}
}

// loadBM25 reads the statistics stored in bi, nil when there are none
// or they are not those of its documents.
func loadBM25(bi bleve.Index) *bsearch.BM25Stats {
	v, err := bi.GetInternal([]byte(bm25Key))
	if err != nil || v == nil {
		return nil
	}
	var st bm25Stats
	if json.Unmarshal(v, &st) != nil {
		return nil
	}
	n, err := bi.DocCount()
	if err != nil || n != st.DocCount || st.Fields == nil {
		return nil
	}
	st.Fields["*"] = 0 // see withBM25
	return &bsearch.BM25Stats{DocCount: float64(st.DocCount), FieldCardinality: st.Fields}
}

// bm25Missing is the start of Bleve's error for a field without
// statistics.
const bm25Missing = "field stat for bm25 not present"

// withBM25 returns ctx carrying st for req, with an entry for every
// field req's query names: Bleve refuses to score a field without one,
// and a field that no document has (text_xx of an index without such
// clauses, a field typed in a query string, "*" of the disjunctions it
// optimises) has no terms, as Bleve would count.
func withBM25(ctx context.Context, st *bsearch.BM25Stats, m mapping.IndexMapping, req *bleve.SearchRequest) context.Context {
	if _, ok := ctx.Value(bsearch.BM25StatsKey).(*bsearch.BM25Stats); ok {
		return ctx
	}
	fs, err := query.ExtractFields(asBleveQuery(req.Query), m, nil) // facetcount.go
	if err != nil {
		fs = nil
	}
	var add []string
	for f := range fs {
		if _, ok := st.FieldCardinality[f]; !ok {
			add = append(add, f)
		}
	}
	if len(add) > 0 {
		c := maps.Clone(st.FieldCardinality)
		for _, f := range add {
			c[f] = 0
		}
		st = &bsearch.BM25Stats{DocCount: st.DocCount, FieldCardinality: c}
	}
	return context.WithValue(ctx, bsearch.BM25StatsKey, st)
}
