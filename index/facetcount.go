package index

import (
	"context"
	"encoding/binary"
	"fmt"
	"sort"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// Counting term facets without Bleve's doc values.
//
// Every search that shows languages asks for a term facet on the
// keyword field "language", and the web page also for "body" and
// "year". Bleve counts a term facet by reading each hit's doc value: the
// chunk of doc values holding the hit is decompressed (snappy) and
// searched, and the term copied into a map, for every hit of the search,
// not only the page shown: 30–40% of the CPU of a word found in
// thousands of clauses (profiles at 10× and 100× the corpus).
//
// The same counts come from the postings of the field: the documents
// with term T in a segment are the postings list of T, a roaring bitmap,
// the same for every search (segments do not change), kept per segment
// and field by termBitsCache. A search then only notes the number of
// each hit (facetPart.add, by segment, in the order the searcher returns
// them) and ends with one intersection per segment and term
// (facetPart.count). The counts are those of the facet: a hit counts
// once for each term of the field (language, body and year have one,
// as Writer writes them), a hit without one as missing; the terms kept
// are the facet's (most frequent first, then by term, at most the
// facet's size).
//
// Index.search does this for the plain term facets of a request on the
// keyword fields of countedFields: the facets are taken out of the
// request, the query wrapped in a tallyQuery, and the facet results put
// back from the tally, for one index as for shards (every shard's
// searcher counts its own hits: the sums are those of one index).

// tallyFacets turns the counting on; tests turn it off to compare with
// Bleve's facets.
var tallyFacets = true

// langFacetName is the name of the language facet in requests and
// results.
const langFacetName = "languages"

// countedFields are the keyword fields (one term per value: their
// postings are their doc values) whose facets are counted here.
var countedFields = map[string]bool{"language": true, "body": true, "year": true}

// countedFacet reports whether f is a facet counted by a facetTally:
// terms of a field of countedFields, without a prefix or pattern.
func countedFacet(f *bleve.FacetRequest) bool {
	return f != nil && countedFields[f.Field] && f.NumericRanges == nil && f.DateTimeRanges == nil &&
		f.TermPrefix == "" && f.TermPattern == ""
}

// segTerms is the postings of one field in one segment: bits[k] holds
// the documents with term terms[k], all their union.
type segTerms struct {
	terms []string
	bits  []*roaring.Bitmap
	all   *roaring.Bitmap
}

type segField struct {
	seg   segment.Segment
	field string
}

// termBitsCache keeps segTerms per segment and field for the life of an
// Index.
type termBitsCache struct {
	mu sync.Mutex
	m  map[segField]*segTerms
}

// maxCachedSegments bounds termBitsCache (emptied when full).
const maxCachedSegments = 4096

func newTermBitsCache() *termBitsCache {
	return &termBitsCache{m: map[segField]*segTerms{}}
}

func (c *termBitsCache) get(seg segment.Segment, field string) (*segTerms, error) {
	k := segField{seg, field}
	if c != nil {
		c.mu.Lock()
		st, ok := c.m[k]
		c.mu.Unlock()
		if ok {
			return st, nil
		}
	}
	st, err := loadSegTerms(seg, field)
	if err != nil || c == nil {
		return st, err
	}
	c.mu.Lock()
	if len(c.m) >= maxCachedSegments {
		c.m = map[segField]*segTerms{}
	}
	c.m[k] = st
	c.mu.Unlock()
	return st, nil
}

// loadSegTerms reads the postings of every term of field in seg.
func loadSegTerms(seg segment.Segment, field string) (*segTerms, error) {
	st := &segTerms{all: roaring.New()}
	dict, err := seg.Dictionary(field)
	if err != nil {
		return nil, err
	}
	if dict == nil {
		return st, nil
	}
	it := dict.AutomatonIterator(nil, nil, nil)
	var terms []string
	for {
		e, err := it.Next()
		if err != nil {
			return nil, err
		}
		if e == nil {
			break
		}
		terms = append(terms, e.Term)
	}
	for _, t := range terms {
		pl, err := dict.PostingsList([]byte(t), nil, nil)
		if err != nil {
			return nil, err
		}
		bm := roaring.New()
		if o, ok := pl.(interface{ OrInto(*roaring.Bitmap) }); ok {
			o.OrInto(bm)
			// zap's postings point into the mapped segment file:
			// the cache keeps copies
			bm.CloneCopyOnWriteContainers()
		} else {
			pi := pl.Iterator(false, false, false, nil)
			for {
				p, err := pi.Next()
				if err != nil {
					return nil, err
				}
				if p == nil {
					break
				}
				bm.Add(uint32(p.Number()))
			}
		}
		st.terms = append(st.terms, t)
		st.bits = append(st.bits, bm)
		st.all.Or(bm)
	}
	return st, nil
}

// tallied is one facet counted by a facetTally.
type tallied struct {
	name, field string
	size        int
}

// facetTally is the facet counts of one search: one facetPart per index
// searched (per shard).
type facetTally struct {
	facets []tallied
	cache  *termBitsCache
	mu     sync.Mutex
	parts  []*facetPart
}

// facetPart counts the hits of one shard's searcher.
type facetPart struct {
	t *facetTally
	// scorch: the segments of the snapshot searched, the first document
	// number of each, and the hits noted per segment
	segs    []*scorch.SegmentSnapshot
	offsets []uint64
	cur     int
	hits    [][]uint32
	// any other reader: the doc values, read as Bleve's facets do
	dv bindex.DocValueReader
	// per facet
	counts  []map[string]int
	missing []int
	err     error
}

func (t *facetTally) part(r bindex.IndexReader) (*facetPart, error) {
	p := &facetPart{t: t, counts: make([]map[string]int, len(t.facets)), missing: make([]int, len(t.facets))}
	for i := range p.counts {
		p.counts[i] = map[string]int{}
	}
	if gr, ok := r.(*globalReader); ok {
		r = gr.IndexReader
	}
	if is, ok := r.(*scorch.IndexSnapshot); ok {
		p.segs = is.Segments()
		p.offsets = segmentOffsets(p.segs)
		p.hits = make([][]uint32, len(p.segs))
	} else {
		fields := make([]string, len(t.facets))
		for i, f := range t.facets {
			fields[i] = f.field
		}
		dv, err := r.DocValueReader(fields)
		if err != nil {
			return nil, err
		}
		p.dv = dv
	}
	return p, nil
}

// commit adds p, whose searcher has returned every hit, to the tally.
// A search that fails and is tried again (safeIndex) counts only the
// hits of the attempt that ends.
func (t *facetTally) commit(p *facetPart) {
	t.mu.Lock()
	t.parts = append(t.parts, p)
	t.mu.Unlock()
}

// segmentOffsets is the number of the first document of each segment
// in a scorch snapshot: a document's number is its segment's offset
// plus its number within the segment.
func segmentOffsets(segs []*scorch.SegmentSnapshot) []uint64 {
	offsets := make([]uint64, 0, len(segs))
	var run uint64
	for _, seg := range segs {
		offsets = append(offsets, run)
		run += uint64(seg.FullSize())
	}
	return offsets
}

// segmentOf is the segment holding document number n, -1 for none.
func segmentOf(offsets []uint64, n uint64) int {
	return sort.Search(len(offsets), func(x int) bool { return offsets[x] > n }) - 1
}

// add notes a hit.
func (p *facetPart) add(id bindex.IndexInternalID) {
	if p.err != nil {
		return
	}
	if p.segs != nil && len(id) == 8 {
		n := binary.BigEndian.Uint64(id)
		// hits come in document order: mostly the segment of the last
		i := p.cur
		if n < p.offsets[i] || i+1 < len(p.offsets) && n >= p.offsets[i+1] {
			if i = segmentOf(p.offsets, n); i < 0 {
				p.err = fmt.Errorf("facet count: hit %x is no document of the snapshot", []byte(id))
				return
			}
			p.cur = i
		}
		p.hits[i] = append(p.hits[i], uint32(n-p.offsets[i]))
		return
	}
	if p.dv == nil {
		p.err = fmt.Errorf("facet count: hit %x is no document of the snapshot", []byte(id))
		return
	}
	seen := make([]bool, len(p.t.facets))
	p.err = p.dv.VisitDocValues(id, func(field string, term []byte) {
		for i, f := range p.t.facets {
			if f.field == field {
				p.counts[i][string(term)]++
				seen[i] = true
			}
		}
	})
	for i, ok := range seen {
		if !ok {
			p.missing[i]++
		}
	}
}

// count adds the hits noted per segment to counts.
func (p *facetPart) count() error {
	if p.err != nil {
		return p.err
	}
	for i, h := range p.hits {
		if len(h) == 0 {
			continue
		}
		hb := roaring.New()
		hb.AddMany(h)
		lo, hi := hb.Minimum(), hb.Maximum()
		for k, f := range p.t.facets {
			st, err := p.t.cache.get(p.segs[i].Segment(), f.field)
			if err != nil {
				return err
			}
			for j, bm := range st.bits {
				if bm.IsEmpty() || bm.Maximum() < lo || bm.Minimum() > hi {
					continue
				}
				if c := hb.AndCardinality(bm); c > 0 {
					p.counts[k][st.terms[j]] += int(c)
				}
			}
			p.missing[k] += int(hb.GetCardinality() - hb.AndCardinality(st.all))
		}
	}
	p.hits = nil
	return nil
}

// result is the facets of the hits counted, as Bleve's term facet
// builder makes them (TermsFacetBuilder.Result).
func (t *facetTally) result() (bsearch.FacetResults, error) {
	for _, p := range t.parts {
		if err := p.count(); err != nil {
			return nil, err
		}
	}
	out := bsearch.FacetResults{}
	for i, f := range t.facets {
		fr := &bsearch.FacetResult{Field: f.field, Terms: &bsearch.TermFacets{}}
		counts := map[string]int{}
		for _, p := range t.parts {
			for k, v := range p.counts[i] {
				counts[k] += v
			}
			fr.Missing += p.missing[i]
		}
		for term, n := range counts {
			fr.Total += n
			fr.Terms.Add(&bsearch.TermFacet{Term: term, Count: n})
		}
		sort.Sort(fr.Terms)
		fr.Terms.TrimToTopN(min(f.size, fr.Terms.Len()))
		kept := 0
		for _, tf := range fr.Terms.Terms() {
			kept += tf.Count
		}
		fr.Other = fr.Total - kept
		out[f.name] = fr
	}
	return out, nil
}

// tallyQuery is q, its hits counted in t.
type tallyQuery struct {
	q query.Query
	t *facetTally
}

func (q *tallyQuery) Searcher(ctx context.Context, i bindex.IndexReader, m mapping.IndexMapping, options bsearch.SearcherOptions) (bsearch.Searcher, error) {
	s, err := q.q.Searcher(ctx, i, m, options)
	if err != nil {
		return nil, err
	}
	p, err := q.t.part(i)
	if err != nil {
		s.Close()
		return nil, err
	}
	return &tallySearcher{Searcher: s, p: p, t: q.t}, nil
}

// asBleveQuery is q as Bleve's query functions (ExtractFields) know it:
// without a tallyQuery or guardedQuery around it, a filteredQuery as its
// BooleanQuery.
func asBleveQuery(q query.Query) query.Query {
	if t, ok := q.(*tallyQuery); ok {
		q = t.q
	}
	if g, ok := q.(*guardedQuery); ok {
		q = g.q
	}
	if f, ok := q.(*filteredQuery); ok {
		return f.boolean()
	}
	return q
}

func (q *tallyQuery) Validate() error { return validate(q.q) } // globalstats.go

// tallySearcher notes every hit its searcher returns: each is a hit of
// the search (Bleve's collector counts them all, as its facets do,
// until the searcher has no more).
type tallySearcher struct {
	bsearch.Searcher
	p    *facetPart
	t    *facetTally
	done bool
}

func (s *tallySearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	d, err := s.Searcher.Next(ctx)
	if err == nil && d != nil {
		s.p.add(d.IndexInternalID)
	}
	if err == nil && d == nil && !s.done {
		s.done = true
		s.t.commit(s.p)
	}
	return d, err
}

func (s *tallySearcher) Advance(ctx *bsearch.SearchContext, id bindex.IndexInternalID) (*bsearch.DocumentMatch, error) {
	d, err := s.Searcher.Advance(ctx, id)
	if err == nil && d != nil {
		s.p.add(d.IndexInternalID)
	}
	return d, err
}

// countFacets prepares req, when it asks for facets of countedFields,
// to count them with a facetTally: the facets are taken out of req and
// its query wrapped. done restores req; it is nil when req is unchanged.
func (ix *Index) countFacets(req *bleve.SearchRequest) (t *facetTally, done func()) {
	if !tallyFacets || req.Query == nil || len(req.Facets) == 0 {
		return nil, nil
	}
	facets, q := req.Facets, req.Query
	rest := bleve.FacetsRequest{}
	var counted []tallied
	for name, f := range facets {
		if countedFacet(f) {
			counted = append(counted, tallied{name: name, field: f.Field, size: f.Size})
		} else {
			rest[name] = f
		}
	}
	if len(counted) == 0 {
		return nil, nil
	}
	sort.Slice(counted, func(i, j int) bool { return counted[i].name < counted[j].name })
	req.Facets = nil
	if len(rest) > 0 {
		req.Facets = rest
	}
	t = &facetTally{facets: counted, cache: ix.termBits}
	req.Query = &tallyQuery{q: q, t: t}
	return t, func() { req.Facets, req.Query = facets, q }
}
