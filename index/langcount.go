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

// Counting hits per language without Bleve's term facet.
//
// Every search that shows languages asks for a term facet on the
// keyword field "language". Bleve counts it by reading each hit's doc
// value: the chunk of doc values holding the hit is decompressed
// (snappy) and searched, and the term copied into a map, for every hit
// of the search, not only the page shown: 30–40% of the CPU of a word
// found in thousands of clauses (profiles at 10× and 100× the corpus).
//
// The same counts come from the postings of the field: the documents of
// language L in a segment are the postings list of term L, a roaring
// bitmap, the same for every search (segments do not change), kept per
// segment by langBitsCache. A search then only notes the number of each
// hit (langPart.add, by segment, in the order the searcher returns them)
// and ends with one intersection per segment and language
// (langPart.count). The counts are those of the facet: a hit counts once
// for each term of its language field (one, as Writer writes it), a hit
// without one as missing; the terms kept are the facet's (most frequent
// first, then by term, at most the facet's size).
//
// Index.search does this for a request with a plain term facet on
// "language" (langFacetRequest): the facet is taken out of the request,
// the query wrapped in a tallyQuery, and the facet result put back from
// the tally, for one index as for shards (every shard's searcher counts
// its own hits: the sums are those of one index).

// tallyLanguages turns the counting on; tests turn it off to compare
// with Bleve's facet.
var tallyLanguages = true

// langFacetName is the name of the language facet in requests and
// results.
const langFacetName = "languages"

// langFacetRequest reports whether f is a facet counted by a langTally:
// terms of "language", without a prefix or pattern.
func langFacetRequest(f *bleve.FacetRequest) bool {
	return f != nil && f.Field == "language" && f.NumericRanges == nil && f.DateTimeRanges == nil &&
		f.TermPrefix == "" && f.TermPattern == ""
}

// segLangs is the language postings of one segment: bits[k] holds the
// documents with term terms[k] (most documents first), all their union.
type segLangs struct {
	terms []string
	bits  []*roaring.Bitmap
	all   *roaring.Bitmap
}

// langBitsCache keeps segLangs per segment for the life of an Index.
type langBitsCache struct {
	mu sync.Mutex
	m  map[segment.Segment]*segLangs
}

// maxCachedSegments bounds langBitsCache (emptied when full).
const maxCachedSegments = 4096

func newLangBitsCache() *langBitsCache {
	return &langBitsCache{m: map[segment.Segment]*segLangs{}}
}

func (c *langBitsCache) get(seg segment.Segment) (*segLangs, error) {
	if c != nil {
		c.mu.Lock()
		sl, ok := c.m[seg]
		c.mu.Unlock()
		if ok {
			return sl, nil
		}
	}
	sl, err := loadSegLangs(seg)
	if err != nil || c == nil {
		return sl, err
	}
	c.mu.Lock()
	if len(c.m) >= maxCachedSegments {
		c.m = map[segment.Segment]*segLangs{}
	}
	c.m[seg] = sl
	c.mu.Unlock()
	return sl, nil
}

// loadSegLangs reads the postings of every term of "language" in seg.
func loadSegLangs(seg segment.Segment) (*segLangs, error) {
	sl := &segLangs{all: roaring.New()}
	dict, err := seg.Dictionary("language")
	if err != nil {
		return nil, err
	}
	if dict == nil {
		return sl, nil
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
		sl.terms = append(sl.terms, t)
		sl.bits = append(sl.bits, bm)
		sl.all.Or(bm)
	}
	return sl, nil
}

// langTally is the language counts of one search: one langPart per
// index searched (per shard).
type langTally struct {
	size  int
	cache *langBitsCache
	mu    sync.Mutex
	parts []*langPart
}

// langPart counts the hits of one shard's searcher.
type langPart struct {
	cache *langBitsCache
	// scorch: the segments of the snapshot searched, the first document
	// number of each, and the hits noted per segment
	segs    []*scorch.SegmentSnapshot
	offsets []uint64
	cur     int
	hits    [][]uint32
	// any other reader: the doc values, read as Bleve's facet does
	dv      bindex.DocValueReader
	counts  map[string]int
	missing int
	err     error
}

func (t *langTally) part(r bindex.IndexReader) (*langPart, error) {
	p := &langPart{cache: t.cache, counts: map[string]int{}}
	if gr, ok := r.(*globalReader); ok {
		r = gr.IndexReader
	}
	if is, ok := r.(*scorch.IndexSnapshot); ok {
		p.segs = is.Segments()
		p.offsets = segmentOffsets(p.segs)
		p.hits = make([][]uint32, len(p.segs))
	} else {
		dv, err := r.DocValueReader([]string{"language"})
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
func (t *langTally) commit(p *langPart) {
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
func (p *langPart) add(id bindex.IndexInternalID) {
	if p.err != nil {
		return
	}
	if p.segs != nil && len(id) == 8 {
		n := binary.BigEndian.Uint64(id)
		// hits come in document order: mostly the segment of the last
		i := p.cur
		if n < p.offsets[i] || i+1 < len(p.offsets) && n >= p.offsets[i+1] {
			if i = segmentOf(p.offsets, n); i < 0 {
				p.err = fmt.Errorf("language count: hit %x is no document of the snapshot", []byte(id))
				return
			}
			p.cur = i
		}
		p.hits[i] = append(p.hits[i], uint32(n-p.offsets[i]))
		return
	}
	if p.dv == nil {
		p.err = fmt.Errorf("language count: hit %x is no document of the snapshot", []byte(id))
		return
	}
	seen := false
	p.err = p.dv.VisitDocValues(id, func(field string, term []byte) {
		if field == "language" {
			p.counts[string(term)]++
			seen = true
		}
	})
	if !seen {
		p.missing++
	}
}

// count adds the hits noted per segment to counts.
func (p *langPart) count() error {
	if p.err != nil {
		return p.err
	}
	for i, h := range p.hits {
		if len(h) == 0 {
			continue
		}
		sl, err := p.cache.get(p.segs[i].Segment())
		if err != nil {
			return err
		}
		hb := roaring.New()
		hb.AddMany(h)
		for k, bm := range sl.bits {
			if c := hb.AndCardinality(bm); c > 0 {
				p.counts[sl.terms[k]] += int(c)
			}
		}
		p.missing += int(hb.GetCardinality() - hb.AndCardinality(sl.all))
	}
	p.hits = nil
	return nil
}

// result is the facet of the hits counted, as Bleve's term facet
// builder makes it (TermsFacetBuilder.Result).
func (t *langTally) result() (*bsearch.FacetResult, error) {
	counts := map[string]int{}
	missing := 0
	for _, p := range t.parts {
		if err := p.count(); err != nil {
			return nil, err
		}
		for k, v := range p.counts {
			counts[k] += v
		}
		missing += p.missing
	}
	fr := &bsearch.FacetResult{Field: "language", Missing: missing, Terms: &bsearch.TermFacets{}}
	for term, n := range counts {
		fr.Total += n
		fr.Terms.Add(&bsearch.TermFacet{Term: term, Count: n})
	}
	sort.Sort(fr.Terms)
	fr.Terms.TrimToTopN(min(t.size, fr.Terms.Len()))
	kept := 0
	for _, tf := range fr.Terms.Terms() {
		kept += tf.Count
	}
	fr.Other = fr.Total - kept
	return fr, nil
}

// tallyQuery is q, its hits counted by language in t.
type tallyQuery struct {
	q query.Query
	t *langTally
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
// without a tallyQuery around it, a filteredQuery as its BooleanQuery.
func asBleveQuery(q query.Query) query.Query {
	if t, ok := q.(*tallyQuery); ok {
		q = t.q
	}
	if f, ok := q.(*filteredQuery); ok {
		return f.boolean()
	}
	return q
}

func (q *tallyQuery) Validate() error {
	if v, ok := q.q.(query.ValidatableQuery); ok {
		return v.Validate()
	}
	return nil
}

// tallySearcher notes every hit its searcher returns: each is a hit of
// the search (Bleve's collector counts them all, as the facet does,
// until the searcher has no more).
type tallySearcher struct {
	bsearch.Searcher
	p    *langPart
	t    *langTally
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

// countLanguages prepares req, when it asks for the language facet, to
// count it with a langTally: the facet is taken out of req and its
// query wrapped. done restores req; it is nil when req is unchanged.
func (ix *Index) countLanguages(req *bleve.SearchRequest) (t *langTally, done func()) {
	f := req.Facets[langFacetName]
	if !tallyLanguages || !langFacetRequest(f) || req.Query == nil {
		return nil, nil
	}
	facets, q := req.Facets, req.Query
	rest := bleve.FacetsRequest{}
	for k, v := range facets {
		if k != langFacetName {
			rest[k] = v
		}
	}
	req.Facets = nil
	if len(rest) > 0 {
		req.Facets = rest
	}
	t = &langTally{size: f.Size, cache: ix.langBits}
	req.Query = &tallyQuery{q: q, t: t}
	return t, func() { req.Facets, req.Query = facets, q }
}
