package index

import (
	"context"
	"fmt"
	"math"

	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/numeric"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bindex "github.com/blevesearch/bleve_index_api"
)

// The date field of a clause (its document's date) is indexed under 5
// terms instead of Bleve's 16. Bleve writes a date (nanoseconds since
// 1970) under one term per 4-bit precision step, shifts 0 to 60, for
// range queries. A document's date is a day: dates one day apart differ
// from bit 46 up, so the terms of shifts 4 to 44 are each held by one
// date only, as the exact term (shift 0) is. They made the date field a
// sixth of the postings of the corpus index, more than any text field
// except the English one. Kept: the exact term and shifts 48, 52, 56 and 60
// (blocks of 3.3 days, 52 days, 2.3 years and 36.6 years).
//
// A date range (the From/To filter, "date:>2020-01-01" in a query) is
// searched by dateRangeQuery: the blocks of those shifts that lie in the
// range, and at its two ends, where no block fits, the exact dates the
// field's dictionary holds there (within 3.3 days of each end). At most
// about a hundred terms, as with Bleve's numeric ranges. An index written
// before holds these terms among its 16, so the same query finds its
// clauses.

// coarseDates turns the 5-term indexing on; tests turn it off to compare.
var coarseDates = true

// dateShifts are the precision shifts under which a date is indexed.
var dateShifts = [...]uint{0, 48, 52, 56, 60}

// dateFine is the finest block shift; below it, exact dates.
const dateFine = 48

func keptDateShift(shift uint) bool {
	for _, s := range dateShifts {
		if s == shift {
			return true
		}
	}
	return false
}

// coarseDateField is a date field indexed under the terms of dateShifts
// only; stored and doc values as Bleve's (sorting reads the exact term).
type coarseDateField struct {
	*document.DateTimeField
	freq bindex.TokenFrequencies
	n    int
}

func (f *coarseDateField) Analyze() {
	f.DateTimeField.Analyze()
	all := f.DateTimeField.AnalyzedTokenFrequencies()
	f.freq = make(bindex.TokenFrequencies, len(dateShifts))
	for term, tf := range all {
		if ok, shift := numeric.ValidPrefixCodedTerm(term); ok && shift >= 0 && keptDateShift(uint(shift)) {
			f.freq[term] = tf
		}
	}
	f.n = len(f.freq)
}

func (f *coarseDateField) AnalyzedLength() int { return f.n }

func (f *coarseDateField) AnalyzedTokenFrequencies() bindex.TokenFrequencies { return f.freq }

// dateRangeQuery is a range over the date field: Bleve's DateRangeQuery
// (its bounds and their defaults: start included, end excluded) searched
// through the terms of dateShifts.
type dateRangeQuery struct {
	q *query.DateRangeQuery
}

// sortable is Bleve's order-preserving unsigned form of v (the bits its
// prefix coding shifts).
func sortable(v int64) uint64 { return uint64(v) ^ (1 << 63) }

func (d *dateRangeQuery) Searcher(ctx context.Context, i bindex.IndexReader, m mapping.IndexMapping, options bsearch.SearcherOptions) (bsearch.Searcher, error) {
	field := d.q.FieldVal
	if field == "" {
		field = m.DefaultSearchField()
	}
	start, end, empty := d.bounds()
	if empty {
		return matchNothing(ctx, i, field, options) // seqfield.go
	}
	lo, hi, ok := rangeSpan(start, d.q.InclusiveStart, end, d.q.InclusiveEnd) // seqfield.go
	if !ok {
		return matchNothing(ctx, i, field, options) // seqfield.go
	}
	var terms [][]byte
	var err error
	exact := func(a, b uint64) {
		if err == nil {
			terms, err = exactTerms(i, field, int64(a^(1<<63)), int64(b^(1<<63)), terms)
		}
	}
	var blocks [][]byte
	block := func(shift uint, p uint64) {
		if err != nil {
			return
		}
		var t numeric.PrefixCoded
		if t, err = numeric.NewPrefixCodedInt64(int64((p<<shift)^(1<<63)), shift); err == nil {
			blocks = append(blocks, t)
		}
	}
	coverDates(sortable(lo), sortable(hi), exact, block)
	if err != nil {
		return nil, err
	}
	// the blocks the field holds
	if len(blocks) > 0 {
		if irr, ok := i.(bindex.IndexReaderContains); ok {
			fd, err := irr.FieldDictContains(field)
			if err != nil {
				return nil, err
			}
			for _, b := range blocks {
				if found, err := fd.Contains(b); err == nil && found {
					terms = append(terms, b)
				}
			}
			if c, ok := fd.(interface{ Close() error }); ok {
				c.Close()
			}
		} else {
			terms = append(terms, blocks...)
		}
	}
	return searcher.NewMultiTermSearcherBytes(ctx, i, terms, field, d.q.BoostVal.Value(), options, true)
}

// bounds returns the bounds of d in the date field's nanoseconds, nil
// when open. The field holds the years 1678 to 2262: a start before them
// or an end after them leaves that side open ("--from 1500" is every
// date), a start after them or an end before them makes the range
// empty. (Bleve refused such a range with an error, which a search
// reported as a damaged index.)
func (d *dateRangeQuery) bounds() (start, end *int64, empty bool) {
	min, max := query.MinRFC3339CompatibleTime, query.MaxRFC3339CompatibleTime
	if t := d.q.Start.Time; !t.IsZero() {
		if t.After(max) {
			return nil, nil, true
		}
		if !t.Before(min) {
			v := t.UnixNano()
			start = &v
		}
	}
	if t := d.q.End.Time; !t.IsZero() {
		if t.Before(min) {
			return nil, nil, true
		}
		if !t.After(max) {
			v := t.UnixNano()
			end = &v
		}
	}
	return start, end, false
}

func (d *dateRangeQuery) Validate() error {
	if d.q.Start.IsZero() && d.q.End.IsZero() {
		return fmt.Errorf("date range: no start and no end")
	}
	return nil
}

// coverDates covers [lo, hi] (sortable values, both included) with the
// blocks of dateShifts: block(shift, p) is the block of values whose bits
// above shift are p; exact(a, b) is a span at an end of the range too
// short for a block of dateFine, searched by its exact terms.
func coverDates(lo, hi uint64, exact func(a, b uint64), block func(shift uint, p uint64)) {
	if lo > hi {
		return
	}
	const mask = 1<<dateFine - 1
	// the blocks of dateFine wholly in the range: first, last
	first := lo >> dateFine
	if lo&mask != 0 {
		if first == math.MaxUint64>>dateFine {
			exact(lo, hi)
			return
		}
		first++
	}
	last := hi >> dateFine
	if hi&mask != mask {
		if last == 0 {
			exact(lo, hi)
			return
		}
		last--
	}
	if first > last {
		exact(lo, hi)
		return
	}
	if lo < first<<dateFine {
		exact(lo, first<<dateFine-1)
	}
	if end := last<<dateFine | mask; hi > end {
		exact(end+1, hi)
	}
	coverBlocks(dateFine, first, last, block)
}

// coverBlocks covers the blocks a to b (both included) of shift with
// blocks of shift and of the coarser shifts of dateShifts, the coarsest
// that fit.
func coverBlocks(shift uint, a, b uint64, block func(shift uint, p uint64)) {
	const step = 4 // dateShifts from dateFine are 4 bits apart
	if shift+step > dateShifts[len(dateShifts)-1] {
		for p := a; ; p++ {
			block(shift, p)
			if p == b {
				return
			}
		}
	}
	// the coarser blocks wholly in [a, b]: A to B-1
	A := a >> step
	if a&(1<<step-1) != 0 {
		A++
	}
	B := (b >> step) // blocks before B are whole if b ends one
	if b&(1<<step-1) == 1<<step-1 {
		B++
	}
	if A >= B {
		for p := a; ; p++ {
			block(shift, p)
			if p == b {
				return
			}
		}
	}
	for p := a; p < A<<step; p++ {
		block(shift, p)
	}
	for p := B << step; p <= b; p++ {
		block(shift, p)
	}
	coverBlocks(shift+step, A, B-1, block)
}
