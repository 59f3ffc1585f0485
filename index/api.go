package index

import (
	"errors"

	"github.com/blevesearch/bleve/v2"
)

// This file is the contract between index and its users (cmd/docindex
// search, index/web). Keep these names; add fields freely.

// SchemaVersion is recorded in every index; opening an index written with
// another version fails with ErrSchema.
const SchemaVersion = 3

// ErrSchema reports an index of another schema version.
var ErrSchema = errors.New("index schema version mismatch")

// Index is an open docindex index (a Bleve index on disk).
type Index struct {
	path string
	bi   bleve.Index
}

// SearchRequest is one search, shared by the CLI, the web page and the
// JSON API.
type SearchRequest struct {
	Query  string // Bleve query-string syntax, or a symbol-shaped query
	Lang   string // restrict to one language (ISO 639-1), "" for all
	Symbol string // restrict to one document symbol
	Body   string // restrict to one body ("General Assembly", …)
	Limit  int    // hits per page (default 10, max 100)
	Offset int    // first hit (for paging)
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
	TookMS    float64        `json:"took_ms"`
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
