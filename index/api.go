package index

import (
	"errors"

	"github.com/blevesearch/bleve/v2"
)

// This file is the contract between index and its users (cmd/docindex
// search, index/web). Keep these names; add fields freely.

// SchemaVersion is recorded in every index; opening an index written with
// another version fails with ErrSchema. Version 4 added the keyword
// fields titlekey, bodykey and year (known instruments by title, bodies
// in any case, year facet) and made title searchable (title:word).
const SchemaVersion = 4

// ErrSchema reports an index of another schema version.
var ErrSchema = errors.New("index schema version mismatch")

// Index is an open docindex index (a Bleve index on disk).
type Index struct {
	path string
	bi   bleve.Index // the one shard, or an alias over all of them
	// shards are the Bleve indexes searched (one for today's layout),
	// opened from leafPaths
	shards    []bleve.Index
	leafPaths []string
	// stats caches the BM25 statistics of all shards (globalstats.go)
	stats *statCache
	// termBits caches the facet fields' postings of segments
	// (facetcount.go)
	termBits *termBitsCache
}

// SearchRequest is one search, shared by the CLI, the web page and the
// JSON API.
type SearchRequest struct {
	Query  string // Bleve query-string syntax, or a symbol-shaped query
	Lang   string // restrict to one language (ISO 639-1), "" for all
	Symbol string // restrict to one document symbol
	Body   string // restrict to one body ("General Assembly", …), in any case
	// From and To restrict to documents dated in that span: a year
	// ("2018") or a date ("2018-06-30"), both ends included; "" for none.
	From, To string
	// Sort orders the hits: "" (relevance), "date" (oldest first) or
	// "-date" (newest first; undated documents last either way).
	Sort string
	// ByDocument groups the hits by document (SearchResult.Documents):
	// one row per document with its best clauses, among the first
	// GroupWindow clauses; Limit and Offset then count documents.
	ByDocument bool
	// Show, when set, shows each hit in this language (ISO 639-1): the
	// clause's version in it, with the version that matched in
	// Hit.Matched; hits without such a version come last.
	Show   string
	Limit  int // hits per page (default 10, max 100)
	Offset int // first hit (for paging)
	// SkipBodies leaves SearchResult.Bodies empty: counting hits per body
	// visits every matching clause, the largest cost of a search with
	// many matches. (Languages are always counted.)
	SkipBodies bool
}

// Parallel is the same clause id in another language version of the same
// document.
type Parallel struct {
	Language string `json:"language"`
	File     string `json:"file"`
	Page     int    `json:"page"`
	// PDFURL is set by the web API (the link serving the file).
	PDFURL string `json:"pdf_url,omitempty"`
}

// Hit is one clause found by a search. It is the object printed by
// `docindex search --json` and returned by the web JSON API.
type Hit struct {
	Symbol   string  `json:"symbol"`
	ID       string  `json:"id"`
	Citation string  `json:"citation"`
	Language string  `json:"language"`
	Page     int     `json:"page"`
	File     string  `json:"file"`
	Section  string  `json:"section,omitempty"`
	Body     string  `json:"body,omitempty"`
	Title    string  `json:"title,omitempty"`
	Score    float64 `json:"score"`
	// Snippet is HTML: the matching text, escaped, with <mark> around
	// the matched terms.
	Snippet   string     `json:"snippet"`
	Text      string     `json:"text,omitempty"`
	Parallels []Parallel `json:"parallels"`
	// Doc addresses the document for ClauseView: its symbol, or
	// "file:<base name>" when it prints none.
	Doc string `json:"doc"`
	// Work groups the language versions of a document (see WorkKey).
	Work string `json:"work"`
	Seq  int    `json:"seq"`
	Date string `json:"date,omitempty"` // the document's date (YYYY-MM-DD)
	// Matched is the version that matched the query, when the hit is
	// shown in another language (SearchRequest.Show).
	Matched *Matched `json:"matched,omitempty"`
	// PDFURL is set by the web API (the link serving the file at the
	// page); the CLI prints the file path instead.
	PDFURL string `json:"pdf_url,omitempty"`
	// NoShowVersion marks a hit that has no version in the language
	// asked for by SearchRequest.Show (it is shown as it matched).
	NoShowVersion bool `json:"no_show_version,omitempty"`
	// OCR is set when the clause was read by OCR from a scanned page.
	OCR bool `json:"ocr,omitempty"`
}

// SearchResult is a page of hits with facet counts.
type SearchResult struct {
	Query     string         `json:"query"`
	Total     uint64         `json:"total"`
	Hits      []Hit          `json:"hits"`
	Languages map[string]int `json:"languages"` // hits per language
	Bodies    map[string]int `json:"bodies"`    // hits per body
	Years     map[string]int `json:"years"`     // hits per year of the document's date
	// Documents are the hits grouped by document (SearchRequest.ByDocument).
	Documents []DocumentHits `json:"documents,omitempty"`
	TookMS    float64        `json:"took_ms"`
	// Relaxed is set when no clause holds every word of the query: the
	// hits hold some of them.
	Relaxed bool `json:"relaxed,omitempty"`
	// QueryLang is the language the query was recognised in ("" when it
	// was searched in every language from the start).
	QueryLang string `json:"query_lang,omitempty"`
	// Notice explains an empty or unusual answer ("A/RES/99/999 is not
	// in this index").
	Notice string `json:"notice,omitempty"`
	// Suggestion is a query with the words of the term dictionary closest
	// to those that found nothing ("inteligence" → "intelligence").
	Suggestion string `json:"suggestion,omitempty"`
}

// Clause is one clause as stored, for the clause view.
type Clause struct {
	Symbol    string   `json:"symbol"`
	ID        string   `json:"id"`
	Citation  string   `json:"citation"`
	Language  string   `json:"language"`
	Page      int      `json:"page"`
	File      string   `json:"file"`
	Section   string   `json:"section,omitempty"`
	Text      string   `json:"text"`
	Footnotes []string `json:"footnotes,omitempty"`
	Seq       int      `json:"seq"` // position of the clause in its document
	Doc       string   `json:"doc"` // symbol, or "file:<base name>"
	Work      string   `json:"work"`
	Title     string   `json:"title,omitempty"`
	Body      string   `json:"body,omitempty"`
	Date      string   `json:"date,omitempty"`
	OCR       bool     `json:"ocr,omitempty"` // read by OCR from a scanned page
}

// ClauseView is a clause with its versions in the other languages and its
// neighbours in document order.
type ClauseView struct {
	Clause    Clause   `json:"clause"`
	Parallels []Clause `json:"parallels"`
	PrevID    string   `json:"prev_id,omitempty"`
	NextID    string   `json:"next_id,omitempty"`
}

// Open, Close, Search, ClauseView and HasFile are in search.go.

// DocumentHits is one document of a search grouped by document: its best
// clauses, and how many of the clauses looked at it holds.
type DocumentHits struct {
	Doc     string `json:"doc"`
	Work    string `json:"work"`
	Symbol  string `json:"symbol,omitempty"`
	Title   string `json:"title,omitempty"`
	Body    string `json:"body,omitempty"`
	Date    string `json:"date,omitempty"`
	Matches int    `json:"matches"` // clauses among the first GroupWindow hits
	Hits    []Hit  `json:"hits"`    // the best ones, at most ClausesPerDocument
}

// GroupWindow is the number of best clauses a grouped search looks at;
// ClausesPerDocument the clauses shown per document.
const (
	GroupWindow        = 200
	ClausesPerDocument = 3
)
