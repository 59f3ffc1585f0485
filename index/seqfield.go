package index

import (
	"context"
	"math"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/numeric"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bindex "github.com/blevesearch/bleve_index_api"
)

// The seq field (a clause's position in its document) and the page field
// are indexed under their exact values only. seq sorts a document's
// clauses (doc values) and finds a clause's neighbours by their exact
// position; no query ranges over it (it is not in QueryFields). Bleve
// indexes a numeric field under 16 terms per value (one per 4-bit
// precision step, for range queries); seq alone under its exact value,
// one term per clause instead of 16: on the corpus the build's indexing
// CPU fell by about a fifth and the index by about a tenth (README,
// "Scale"); page the same: 7 % fewer bytes allocated on the index side
// (BenchmarkWriteCorpus -benchmem) and a tenth of the index.
// A query ranging over page ("page:>10", "page:3") reads the exact terms
// in its range from the field's dictionary (exactRangeQuery) instead of
// Bleve's terms of every precision.
//
// An index written before kept its 16 terms per value: the exact term is
// the first of them, so seqIs and exactRangeQuery find clauses in both.

// exactSeq turns the exact indexing on; tests turn it off to compare.
var exactSeq = true

// exactNumeric are the numeric fields indexed by their exact values.
var exactNumeric = map[string]bool{"seq": true, "page": true}

// exactNumericField is a numeric field indexed under its exact value
// only (Bleve's shift-0 term); stored and doc values as a numeric field.
type exactNumericField struct {
	*document.NumericField
	freq bindex.TokenFrequencies
}

func (f *exactNumericField) Analyze() {
	v := f.Value()
	tokens := analysis.TokenStream{{Start: 0, End: len(v), Term: v, Position: 1, Type: analysis.Numeric}}
	f.freq = analysis.TokenFrequency(tokens, f.ArrayPositions(), f.Options())
}

func (f *exactNumericField) AnalyzedLength() int { return 1 }

func (f *exactNumericField) AnalyzedTokenFrequencies() bindex.TokenFrequencies { return f.freq }

// indexClause adds the clause document m with id to batch, its seq and
// page fields indexed by their exact values (exactSeq).
func indexClause(batch *bleve.Batch, mapping interface {
	MapDocument(*document.Document, interface{}) error
}, id string, m map[string]interface{}) error {
	if !exactSeq {
		return batch.Index(id, m)
	}
	doc := document.NewDocument(id)
	if err := mapping.MapDocument(doc, m); err != nil {
		return err
	}
	for i, f := range doc.Fields {
		if nf, ok := f.(*document.NumericField); ok && exactNumeric[nf.Name()] {
			doc.Fields[i] = &exactNumericField{NumericField: nf}
		}
		if df, ok := f.(*document.DateTimeField); ok && coarseDates && df.Name() == "date" {
			doc.Fields[i] = &coarseDateField{DateTimeField: df} // datefield.go
		}
	}
	return batch.IndexAdvanced(doc)
}

// seqIs matches the clauses at position n (an exact numeric term: Bleve's
// prefix coding at shift 0, the term a numeric range over [n, n] reads).
func seqIs(n int) query.Query {
	lo := float64(n)
	incl := true
	q := query.NewNumericRangeInclusiveQuery(&lo, &lo, &incl, &incl)
	q.SetField("seq")
	return q
}

// exactRangeQuery is a numeric range over a field of exactNumeric: the
// field's exact terms (Bleve's prefix coding at shift 0) between its
// bounds, read from the field's dictionary, searched as one
// disjunction. The bounds mean what they mean to Bleve's
// NumericRangeQuery (Min included and Max excluded unless said).
type exactRangeQuery struct {
	q *query.NumericRangeQuery
}

func (e *exactRangeQuery) Searcher(ctx context.Context, i bindex.IndexReader, m mapping.IndexMapping, options bsearch.SearcherOptions) (bsearch.Searcher, error) {
	var min, max *int64
	if e.q.Min != nil {
		v := numeric.Float64ToInt64(*e.q.Min)
		min = &v
	}
	if e.q.Max != nil {
		v := numeric.Float64ToInt64(*e.q.Max)
		max = &v
	}
	lo, hi, ok := rangeSpan(min, e.q.InclusiveMin, max, e.q.InclusiveMax)
	if !ok {
		return matchNothing(ctx, i, e.q.FieldVal, options)
	}
	terms, err := exactTerms(i, e.q.FieldVal, lo, hi, nil)
	if err != nil {
		return nil, err
	}
	return searcher.NewMultiTermSearcherBytes(ctx, i, terms, e.q.FieldVal, e.q.BoostVal.Value(), options, true)
}

// matchNothing is the searcher of an empty range: an empty disjunction,
// as Bleve's numeric ranges return, not a MatchNoneSearcher, which a
// conjunction parsed from query-string syntax drops as if the range
// were not there ("+peace +page:>1000" would find every "peace").
func matchNothing(ctx context.Context, i bindex.IndexReader, field string, options bsearch.SearcherOptions) (bsearch.Searcher, error) {
	return searcher.NewMultiTermSearcherBytes(ctx, i, nil, field, 1, options, true)
}

// rangeSpan is the span [lo, hi], both included, of a numeric range's
// bounds as Bleve reads them: a nil bound is open, the lower one is
// included unless inclMin says not, the upper one excluded unless
// inclMax says it is. ok is false when the span is empty.
func rangeSpan(min *int64, inclMin *bool, max *int64, inclMax *bool) (lo, hi int64, ok bool) {
	lo, hi = math.MinInt64, math.MaxInt64
	if min != nil {
		lo = *min
		if inclMin != nil && !*inclMin {
			if lo == math.MaxInt64 {
				return 0, 0, false
			}
			lo++
		}
	}
	if max != nil {
		hi = *max
		if inclMax == nil || !*inclMax {
			if hi == math.MinInt64 {
				return 0, 0, false
			}
			hi--
		}
	}
	return lo, hi, lo <= hi
}

// exactTerms appends to terms the exact terms (Bleve's prefix coding at
// shift 0) of field for the values lo to hi, both included, that the
// field's dictionary holds.
func exactTerms(i bindex.IndexReader, field string, lo, hi int64, terms [][]byte) ([][]byte, error) {
	from, err := numeric.NewPrefixCodedInt64(lo, 0)
	if err != nil {
		return nil, err
	}
	to, err := numeric.NewPrefixCodedInt64(hi, 0)
	if err != nil {
		return nil, err
	}
	d, err := i.FieldDictRange(field, from, to)
	if err != nil {
		return nil, err
	}
	for t, err := d.Next(); t != nil || err != nil; t, err = d.Next() {
		if err != nil {
			d.Close()
			return nil, err
		}
		terms = append(terms, []byte(t.Term))
	}
	return terms, d.Close()
}

func (e *exactRangeQuery) Validate() error { return e.q.Validate() }
