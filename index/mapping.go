package index

import (
	"fmt"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/standard"
	"github.com/blevesearch/bleve/v2/analysis/lang/ar"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/es"
	"github.com/blevesearch/bleve/v2/analysis/lang/fr"
	"github.com/blevesearch/bleve/v2/analysis/lang/ru"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
)

// The index holds two kinds of Bleve documents, told apart by the keyword
// field "type":
//
//   - one per clause (type "clause"), id "c\x00<path>\x00<seq>": keyword
//     fields symbol, symkey (lower-cased symbol variants, for lookups),
//     work (the key grouping language versions), id, wid (work and id,
//     to find a clause's language versions with one term), titlekey
//     (title in lookup form, see instruments.go), bodykey (body in lower
//     case), language, body,
//     file (absolute path), name (base name), section, year (of the
//     date, for facets); date (datetime),
//     page and seq (numeric); title (standard analyzer, stored); citation
//     and footnotes stored only;
//     the clause text in text_<lang> (see textField), stored with term
//     vectors for highlighting.
//   - one per file (type "file"), id "f\x00<path>": keyword path and a
//     stored-only JSON "record" (FileRecord) used by incremental builds.
//
// A file's clause documents and its record are always written in the
// same batch, so after a crash the record exists only with its clauses.

const (
	typeClause = "clause"
	typeFile   = "file"

	// internal key holding the schema version
	schemaKey = "docindex_schema"
)

// Languages with their own text field and analyzer; every other language
// goes to text_xx (standard analyzer).
var textLangs = []string{"ar", "en", "es", "fr", "ru", "zh"}

var baseAnalyzer = map[string]string{
	"ar": ar.AnalyzerName,
	"en": en.AnalyzerName,
	"es": es.AnalyzerName,
	"fr": fr.AnalyzerName,
	"ru": ru.AnalyzerName,
	"zh": cjk.AnalyzerName,
	"xx": standard.Name,
}

// textField returns the text field for a clause in language lang.
func textField(lang string) string {
	for _, l := range textLangs {
		if l == lang {
			return "text_" + l
		}
	}
	return "text_xx"
}

// allTextFields lists every text field, in a fixed order.
func allTextFields() []string {
	out := make([]string, 0, len(textLangs)+1)
	for _, l := range textLangs {
		out = append(out, "text_"+l)
	}
	return append(out, "text_xx")
}

func analyzerName(lang string) string { return "docindex_" + lang }

// FoldToken, when set, folds one token of language lang (ligatures,
// presentation forms, tatweel, harakat, typographic apostrophes) before
// the language's own filters run. It only rewrites the token's bytes, so
// highlight offsets stay on the stored original text. It is set from the
// lang package (see fold.go).
var FoldToken func(lang, token string) string

// foldFilter is a Bleve token filter calling FoldToken.
type foldFilter struct{ lang string }

func (f foldFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	if FoldToken == nil {
		return input
	}
	out := input[:0]
	for _, t := range input {
		s := FoldToken(f.lang, string(t.Term))
		if s == "" {
			continue
		}
		if s != string(t.Term) {
			t.Term = []byte(s)
		}
		out = append(out, t)
	}
	return out
}

func init() {
	for lang, base := range baseAnalyzer {
		lang, base := lang, base
		err := registry.RegisterAnalyzer(analyzerName(lang), func(config map[string]interface{}, cache *registry.Cache) (analysis.Analyzer, error) {
			a, err := cache.AnalyzerNamed(base)
			if err != nil {
				return nil, err
			}
			da, ok := a.(*analysis.DefaultAnalyzer)
			if !ok {
				return nil, fmt.Errorf("analyzer %s: unexpected type %T", base, a)
			}
			filters := append([]analysis.TokenFilter{foldFilter{lang}}, da.TokenFilters...)
			return &analysis.DefaultAnalyzer{
				CharFilters:  da.CharFilters,
				Tokenizer:    da.Tokenizer,
				TokenFilters: filters,
			}, nil
		})
		if err != nil {
			panic(err)
		}
	}
}

// newMapping returns the index mapping of schema SchemaVersion.
func newMapping() mapping.IndexMapping {
	clause, file := clauseMapping(), fileMapping()
	// No "_all" composite field: every query names its fields (the
	// language text fields or the keyword fields), and Bleve would
	// otherwise build and index an empty composite for every document.
	clause.AddSubDocumentMapping("_all", mapping.NewDocumentDisabledMapping())
	file.AddSubDocumentMapping("_all", mapping.NewDocumentDisabledMapping())

	im := mapping.NewIndexMapping()
	im.TypeField = "type"
	im.DefaultType = typeClause
	im.DefaultAnalyzer = keyword.Name
	im.DefaultMapping = mapping.NewDocumentDisabledMapping()
	im.AddDocumentMapping(typeClause, clause)
	im.AddDocumentMapping(typeFile, file)
	im.IndexDynamic = false
	im.StoreDynamic = false
	im.DocValuesDynamic = false
	im.ScoringModel = "bm25"
	return im
}

// keywordField is a keyword field, stored when store is set, without
// doc values.
func keywordField(store bool) *mapping.FieldMapping {
	f := mapping.NewKeywordFieldMapping()
	f.Store = store
	f.IncludeInAll = false
	f.IncludeTermVectors = false
	f.DocValues = false
	return f
}

// keywordDocValuesField is a keyword field with doc values: only where
// search sorts or counts facets.
func keywordDocValuesField(store bool) *mapping.FieldMapping {
	f := keywordField(store)
	f.DocValues = true
	return f
}

// storedOnlyField is stored and not indexed.
func storedOnlyField() *mapping.FieldMapping {
	f := mapping.NewTextFieldMapping()
	f.Index = false
	f.Store = true
	f.IncludeInAll = false
	f.IncludeTermVectors = false
	f.DocValues = false
	return f
}

// numericField is a stored number with doc values (sorting).
func numericField() *mapping.FieldMapping {
	f := mapping.NewNumericFieldMapping()
	f.Store = true
	f.IncludeInAll = false
	f.DocValues = true
	return f
}

// clauseMapping is the mapping of a clause document: keywords of the
// document and clause, stored-only display fields, the title as words,
// date, page and order, and the text in one field per language
// (text_xx for languages without an analyzer).
func clauseMapping() *mapping.DocumentMapping {
	clause := mapping.NewDocumentStaticMapping()
	for _, name := range []string{"type", "symbol", "work", "id", "name", "section"} {
		clause.AddFieldMappingsAt(name, keywordField(true))
	}
	for _, name := range []string{"language", "body", "file"} {
		clause.AddFieldMappingsAt(name, keywordDocValuesField(true))
	}
	clause.AddFieldMappingsAt("symkey", keywordField(false))
	// titlekey: the title in lookup form (titleKey), to find known
	// instruments by title; bodykey: the body in lower case, for the
	// case-insensitive body filter
	clause.AddFieldMappingsAt("titlekey", keywordField(false))
	clause.AddFieldMappingsAt("bodykey", keywordField(false))
	clause.AddFieldMappingsAt("wid", keywordDocValuesField(false))
	for _, name := range []string{"citation", "footnotes", "ocr"} {
		clause.AddFieldMappingsAt(name, storedOnlyField())
	}
	// title: stored, and searchable as words (title:charter) with the
	// standard analyzer (titles of every language)
	title := mapping.NewTextFieldMapping()
	title.Analyzer = standard.Name
	title.Store = true
	title.IncludeInAll = false
	title.IncludeTermVectors = false
	title.DocValues = false
	clause.AddFieldMappingsAt("title", title)
	// year of the document's date, for the year facet
	clause.AddFieldMappingsAt("year", keywordDocValuesField(false))
	date := mapping.NewDateTimeFieldMapping()
	date.Store = true
	date.IncludeInAll = false
	clause.AddFieldMappingsAt("date", date)
	clause.AddFieldMappingsAt("page", numericField())
	clause.AddFieldMappingsAt("seq", numericField())
	for _, l := range append(append([]string{}, textLangs...), "xx") {
		f := mapping.NewTextFieldMapping()
		f.Analyzer = analyzerName(l)
		f.Store = true
		f.IncludeTermVectors = true
		f.IncludeInAll = false
		f.DocValues = false
		clause.AddFieldMappingsAt("text_"+l, f)
	}
	return clause
}

// fileMapping is the mapping of a file's record: its path and the
// record, stored.
func fileMapping() *mapping.DocumentMapping {
	file := mapping.NewDocumentStaticMapping()
	file.AddFieldMappingsAt("type", keywordField(true))
	file.AddFieldMappingsAt("path", keywordField(true))
	file.AddFieldMappingsAt("record", storedOnlyField())
	return file
}
