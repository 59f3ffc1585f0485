package index

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
)

// The seq field (a clause's position in its document) is internal: it
// sorts a document's clauses (doc values) and finds a clause's
// neighbours by their exact position; no query ranges over it (it is not
// in QueryFields). Bleve indexes a numeric field under 16 terms per value
// (one per 4-bit precision step, for range queries); seq is indexed under
// its exact value only, one term per clause instead of 16: on the corpus
// the build's indexing CPU falls by about a fifth and the index by about
// a tenth (README, "Scale").
//
// An index written before kept its 16 terms per value: the exact term is
// the first of them, so seqIs finds clauses in both.

// exactSeq turns the exact indexing on; tests turn it off to compare.
var exactSeq = true

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

// indexClause adds the clause document m with id to batch, its seq field
// indexed by its exact value (exactSeq).
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
		if nf, ok := f.(*document.NumericField); ok && nf.Name() == "seq" {
			doc.Fields[i] = &exactNumericField{NumericField: nf}
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
