package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	htmlfmt "github.com/blevesearch/bleve/v2/search/highlight/highlighter/html"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Open opens an existing index for reading and searching. An index
// written with another schema version fails with an error wrapping
// ErrSchema.
func Open(path string) (*Index, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("index %s: %w (create it with docindex build)", path, err)
	}
	bi, err := bleve.OpenUsing(path, openConfig(true))
	if err != nil {
		return nil, lockedErr(path, err)
	}
	if err := checkSchema(path, bi); err != nil {
		bi.Close()
		return nil, err
	}
	return &Index{path: path, bi: bi}, nil
}

// Close releases the index.
func (ix *Index) Close() error {
	if ix == nil || ix.bi == nil {
		return nil
	}
	bi := ix.bi
	ix.bi = nil
	return bi.Close()
}

// Path is the index directory.
func (ix *Index) Path() string { return ix.path }

var hitFields = append([]string{"symbol", "id", "citation", "language", "page", "file", "name",
	"section", "body", "title", "work", "seq", "footnotes", "ocr"}, allTextFields()...)

func term(field, value string) query.Query {
	q := query.NewTermQuery(value)
	q.SetField(field)
	return q
}

func conj(qs ...query.Query) query.Query {
	if len(qs) == 1 {
		return qs[0]
	}
	return query.NewConjunctionQuery(qs)
}

func disj(qs ...query.Query) query.Query {
	if len(qs) == 1 {
		return qs[0]
	}
	return query.NewDisjunctionQuery(qs)
}

// docQuery matches the clauses of the document(s) addressed by s: a
// symbol (any part of a joint symbol, with or without its year), a work
// key, or "file:NAME" (base name with or without extension and language
// suffix).
func docQuery(s string) query.Query {
	s = strings.TrimSpace(s)
	if name, ok := strings.CutPrefix(s, "file:"); ok {
		if filepath.Ext(name) != "" {
			return term("name", name)
		}
		return disj(term("name", name), term("work", s))
	}
	return disj(term("symkey", normSymbol(s)), term("work", s))
}

// filters restricts a search to req's language, document and body.
// textLang is set for a text query on the language's own field, which
// holds only that language: no language filter is needed then.
func (ix *Index) filters(r SearchRequest, textLang bool) []query.Query {
	var fs []query.Query
	if r.Lang != "" && !textLang {
		fs = append(fs, term("language", r.Lang))
	}
	if r.Symbol != "" {
		fs = append(fs, docQuery(r.Symbol))
	}
	if r.Body != "" {
		fs = append(fs, term("body", r.Body))
	}
	return fs
}

// ownField reports whether lang has a text field of its own.
func ownField(lang string) bool { return lang != "" && textField(lang) != "text_xx" }

// setField gives every field-less leaf of a parsed query-string query
// the field f, so that it is analysed by f's analyzer.
func setField(q query.Query, f string) {
	type fielded interface {
		Field() string
		SetField(string)
	}
	switch q := q.(type) {
	case *query.BooleanQuery:
		for _, s := range []query.Query{q.Must, q.Should, q.MustNot, q.Filter} {
			if s != nil {
				setField(s, f)
			}
		}
	case *query.ConjunctionQuery:
		for _, s := range q.Conjuncts {
			setField(s, f)
		}
	case *query.DisjunctionQuery:
		for _, s := range q.Disjuncts {
			setField(s, f)
		}
	case *query.NumericRangeQuery, *query.DateRangeQuery:
		// bare numbers also parse as numeric ranges; they stay on
		// the default field, which matches nothing
	case fielded:
		if q.Field() == "" {
			q.SetField(f)
		}
	}
}

// textQuery is q (Bleve query-string syntax) run against the text field
// of lang, or of every language when lang is "". A query that does not
// parse is searched as plain words.
func textQuery(q, lang string) (query.Query, []string) {
	if _, err := query.NewQueryStringQuery(q).Parse(); err != nil {
		return plainQuery(q, lang)
	}
	fields := textFields(lang)
	subs := make([]query.Query, 0, len(fields))
	for _, f := range fields {
		// Parsed once per field: setField changes the parsed query.
		pq, _ := query.NewQueryStringQuery(q).Parse()
		setField(pq, f)
		subs = append(subs, pq)
	}
	return disj(subs...), fields
}

// plainQuery matches the words of q, without query-string syntax, in
// the text field of lang (every language when "").
func plainQuery(q, lang string) (query.Query, []string) {
	fields := textFields(lang)
	subs := make([]query.Query, 0, len(fields))
	for _, f := range fields {
		mq := query.NewMatchQuery(q)
		mq.SetField(f)
		subs = append(subs, mq)
	}
	return disj(subs...), fields
}

// textFields is the text field of lang, or of every language when "".
func textFields(lang string) []string {
	if lang != "" {
		return []string{textField(lang)}
	}
	return allTextFields()
}

// newRequest searches q within filters. Clause documents are the only
// ones with text, symbol and id fields, so only a match-all query needs
// the type filter. The language facet, costly on large result sets, is
// left out when the request is restricted to one language.
func newRequest(q query.Query, filters []query.Query, limit, offset int, langFacet, bodyFacet bool) *bleve.SearchRequest {
	if _, all := q.(*query.MatchAllQuery); all {
		filters = append([]query.Query{term("type", typeClause)}, filters...)
	}
	if len(filters) > 0 {
		bq := query.NewBooleanQuery([]query.Query{q}, nil, nil)
		bq.AddFilter(conj(filters...))
		q = bq
	}
	req := bleve.NewSearchRequestOptions(q, limit, offset, false)
	req.Fields = hitFields
	if langFacet {
		req.AddFacet("languages", bleve.NewFacetRequest("language", 50))
	}
	if bodyFacet {
		req.AddFacet("bodies", bleve.NewFacetRequest("body", 50))
	}
	return req
}

// Search runs req against the index. Symbol-shaped queries (see
// ParseSymbolQuery) look the document and clause up by keyword; when
// that finds nothing the query is searched as text.
func (ix *Index) Search(ctx context.Context, r SearchRequest) (*SearchResult, error) {
	start := time.Now()
	limit := r.Limit
	if limit <= 0 {
		limit = 10
	}
	if limit > 100 {
		limit = 100
	}
	offset := max(r.Offset, 0)
	q := strings.TrimSpace(r.Query)
	if strings.Trim(q, "* ") == "" {
		// "*" alone would be a wildcard over every term of every text
		// field (seconds on a real index); it means "everything".
		q = ""
	}
	langFacet, bodyFacet := r.Lang == "", !r.SkipBodies

	var res *bleve.SearchResult
	if sq, ok := ParseSymbolQuery(q); ok {
		var err error
		res, err = ix.symbolSearch(ctx, sq, ix.filters(r, false), limit, offset, langFacet, bodyFacet)
		if err != nil {
			return nil, err
		}
		if res.Total == 0 {
			// A known document without that clause has no hits; an
			// unknown symbol is searched as text.
			if known, err := ix.hasDoc(ctx, sq); err != nil || known {
				res.Facets = nil
			} else {
				res = nil
			}
		}
	}
	if res == nil {
		// "A/RES/78/265 large language models": words within a document.
		var docFilter []query.Query
		if sym, rest, ok := splitSymbolPrefix(q); ok {
			if known, err := ix.hasDoc(ctx, sym); err == nil && known {
				docFilter = append(docFilter, docQuery(docKey(sym)))
				q = rest
			}
		}
		var req *bleve.SearchRequest
		if q == "" {
			req = newRequest(query.NewMatchAllQuery(), append(ix.filters(r, false), docFilter...), limit, offset, langFacet, bodyFacet)
			req.SortBy([]string{"file", "seq"})
		} else {
			tq, fields := textQuery(q, r.Lang)
			req = newRequest(tq, append(ix.filters(r, ownField(r.Lang)), docFilter...), limit, offset, langFacet, bodyFacet)
			req.Highlight = bleve.NewHighlightWithStyle(htmlfmt.Name)
			req.Highlight.Fields = fields
		}
		var err error
		res, err = ix.bi.SearchInContext(ctx, req)
		if err != nil && q != "" && ctx.Err() == nil {
			// Query-string syntax that parses but cannot run (a bad
			// regexp, a wildcard alone): search the words plainly.
			tq, fields := plainQuery(q, r.Lang)
			req = newRequest(tq, append(ix.filters(r, ownField(r.Lang)), docFilter...), limit, offset, langFacet, bodyFacet)
			req.Highlight = bleve.NewHighlightWithStyle(htmlfmt.Name)
			req.Highlight.Fields = fields
			res, err = ix.bi.SearchInContext(ctx, req)
		}
		if err != nil {
			return nil, fmt.Errorf("search %q: %w", q, err)
		}
	}
	out := &SearchResult{
		Query:     strings.TrimSpace(r.Query),
		Total:     res.Total,
		Hits:      make([]Hit, 0, len(res.Hits)),
		Languages: facetCounts(res.Facets["languages"]),
		Bodies:    facetCounts(res.Facets["bodies"]),
	}
	if !langFacet && res.Total > 0 {
		out.Languages[r.Lang] = int(res.Total)
	}
	for _, h := range res.Hits {
		out.Hits = append(out.Hits, toHit(h))
	}
	if err := ix.addParallels(ctx, out.Hits); err != nil {
		return nil, err
	}
	out.TookMS = float64(time.Since(start).Microseconds()) / 1000
	return out, nil
}

func (ix *Index) symbolSearch(ctx context.Context, sq SymbolQuery, filters []query.Query, limit, offset int, langFacet, bodyFacet bool) (*bleve.SearchResult, error) {
	fs := append(append([]query.Query{}, filters...), docQuery(docKey(sq)))
	if sq.ID == "" {
		req := newRequest(query.NewMatchAllQuery(), fs, limit, offset, langFacet, bodyFacet)
		req.SortBy([]string{"language", "file", "seq"})
		return ix.bi.SearchInContext(ctx, req)
	}
	var idq query.Query = term("id", sq.ID)
	sortBy := []string{"language", "file"}
	if sq.Lang != "" {
		// the version in the language the reference is written in first
		bq := query.NewBooleanQuery([]query.Query{idq}, []query.Query{term("language", sq.Lang)}, nil)
		idq = bq
		sortBy = []string{"-_score", "language", "file"}
	}
	req := newRequest(idq, fs, limit, offset, langFacet, bodyFacet)
	req.SortBy(sortBy)
	res, err := ix.bi.SearchInContext(ctx, req)
	if err != nil || res.Total > 0 {
		return res, err
	}
	// "para 12" also finds "annex_I__para_12" and components'
	// "para_3__cmp_2__para_12"; "art 2" finds the paragraphs of art_2.
	rq := query.NewRegexpQuery("(.+__)?" + regexp.QuoteMeta(sq.ID) + "(__.+)?")
	rq.SetField("id")
	req = newRequest(rq, fs, limit, offset, langFacet, bodyFacet)
	req.SortBy([]string{"language", "file", "seq"})
	return ix.bi.SearchInContext(ctx, req)
}

func docKey(sq SymbolQuery) string {
	if sq.File != "" {
		return "file:" + sq.File
	}
	return sq.Symbol
}

// hasDoc reports whether the document addressed by sq is indexed.
func (ix *Index) hasDoc(ctx context.Context, sq SymbolQuery) (bool, error) {
	req := bleve.NewSearchRequestOptions(docQuery(docKey(sq)), 0, 0, false)
	res, err := ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return false, err
	}
	return res.Total > 0, nil
}

func facetCounts(f *bsearch.FacetResult) map[string]int {
	out := map[string]int{}
	if f == nil || f.Terms == nil {
		return out
	}
	for _, t := range f.Terms.Terms() {
		out[t.Term] = t.Count
	}
	return out
}

func str(m map[string]interface{}, k string) string {
	switch v := m[k].(type) {
	case string:
		return v
	case []interface{}:
		if len(v) > 0 {
			s, _ := v[0].(string)
			return s
		}
	}
	return ""
}

func num(m map[string]interface{}, k string) int {
	if v, ok := m[k].(float64); ok {
		return int(v)
	}
	return 0
}

func docAddress(symbol, file string) string {
	if symbol != "" {
		return symbol
	}
	return "file:" + filepath.Base(file)
}

// snippetLen bounds snippets built without highlighting (in runes).
const snippetLen = 240

func plainSnippet(text string) string {
	if utf8.RuneCountInString(text) <= snippetLen {
		return html.EscapeString(text)
	}
	r := []rune(text)
	return html.EscapeString(string(r[:snippetLen])) + "…"
}

func toHit(h *bsearch.DocumentMatch) Hit {
	c := toClause(h)
	text := c.Text
	tf := textField(c.Language)
	hit := Hit{
		Symbol:    c.Symbol,
		ID:        c.ID,
		Citation:  c.Citation,
		Language:  c.Language,
		Page:      c.Page,
		File:      c.File,
		Section:   c.Section,
		Body:      c.Body,
		Title:     c.Title,
		OCR:       c.OCR,
		Score:     h.Score,
		Text:      text,
		Work:      c.Work,
		Seq:       c.Seq,
		Doc:       c.Doc,
		Parallels: []Parallel{},
	}
	if frags := h.Fragments[tf]; len(frags) > 0 {
		hit.Snippet = strings.Join(frags, " … ")
	} else {
		hit.Snippet = plainSnippet(text)
	}
	if hit.Citation == "" {
		hit.Citation = hit.Doc + ", " + hit.ID
	}
	return hit
}

// addParallels fills the parallels of hits with one query: the clauses
// with the same work key and id (field wid) in other files.
func (ix *Index) addParallels(ctx context.Context, hits []Hit) error {
	var subs []query.Query
	seen := map[string]bool{}
	for _, h := range hits {
		if h.ID == "" || h.Work == "" {
			continue
		}
		k := widKey(h.Work, h.ID)
		if !seen[k] {
			seen[k] = true
			subs = append(subs, term("wid", k))
		}
	}
	if len(subs) == 0 {
		return nil
	}
	// Score order, not a sort: sorting reads doc values, whose chunks
	// are decoded whole, which costs more than loading these few stored
	// documents (profile at 100k clauses).
	req := bleve.NewSearchRequestOptions(disj(subs...), min(len(subs)*20, 2000), 0, false)
	req.Fields = []string{"work", "id", "language", "file", "page"}
	res, err := ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return fmt.Errorf("parallels: %w", err)
	}
	group := map[string][]Parallel{}
	for _, p := range res.Hits {
		k := widKey(str(p.Fields, "work"), str(p.Fields, "id"))
		group[k] = append(group[k], Parallel{
			Language: str(p.Fields, "language"),
			File:     str(p.Fields, "file"),
			Page:     num(p.Fields, "page"),
		})
	}
	for _, g := range group {
		sort.Slice(g, func(i, j int) bool {
			if g[i].Language != g[j].Language {
				return g[i].Language < g[j].Language
			}
			return g[i].File < g[j].File
		})
	}
	for i := range hits {
		for _, p := range group[widKey(hits[i].Work, hits[i].ID)] {
			if p.File != hits[i].File {
				hits[i].Parallels = append(hits[i].Parallels, p)
			}
		}
	}
	return nil
}

func toClause(h *bsearch.DocumentMatch) Clause {
	f := h.Fields
	lang := str(f, "language")
	c := Clause{
		Symbol:   str(f, "symbol"),
		ID:       str(f, "id"),
		Citation: str(f, "citation"),
		Language: lang,
		Page:     num(f, "page"),
		File:     str(f, "file"),
		Section:  str(f, "section"),
		Text:     str(f, textField(lang)),
		Seq:      num(f, "seq"),
		Work:     str(f, "work"),
		Title:    str(f, "title"),
		OCR:      str(f, "ocr") != "",
		Body:     str(f, "body"),
	}
	c.Doc = docAddress(c.Symbol, c.File)
	if fn := str(f, "footnotes"); fn != "" {
		_ = json.Unmarshal([]byte(fn), &c.Footnotes)
	}
	return c
}

// ErrNotFound is returned by ClauseView for an unknown clause.
var ErrNotFound = errors.New("clause not found")

// ClauseView returns the clause id of document symbol in language lang (any
// language when lang is ""), with its parallels and neighbours. Documents
// without a symbol are addressed as "file:<base name>".
func (ix *Index) ClauseView(ctx context.Context, symbol, id, lang string) (*ClauseView, error) {
	fs := []query.Query{docQuery(symbol)}
	if lang != "" {
		fs = append(fs, term("language", lang))
	}
	bq := query.NewBooleanQuery([]query.Query{term("id", id)}, nil, nil)
	bq.AddFilter(conj(fs...))
	req := bleve.NewSearchRequestOptions(bq, 1, 0, false)
	req.Fields = hitFields
	req.SortBy([]string{"language", "file"})
	res, err := ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return nil, err
	}
	if len(res.Hits) == 0 {
		return nil, fmt.Errorf("%s %s (%s): %w", symbol, id, lang, ErrNotFound)
	}
	v := &ClauseView{Clause: toClause(res.Hits[0]), Parallels: []Clause{}}

	req = bleve.NewSearchRequestOptions(term("wid", widKey(v.Clause.Work, v.Clause.ID)), 100, 0, false)
	req.Fields = hitFields
	req.SortBy([]string{"language", "file"})
	res, err = ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return nil, err
	}
	for _, h := range res.Hits {
		c := toClause(h)
		if c.File != v.Clause.File {
			v.Parallels = append(v.Parallels, c)
		}
	}

	lo, hi := float64(v.Clause.Seq-1), float64(v.Clause.Seq+1)
	incl := true
	nq := query.NewNumericRangeInclusiveQuery(&lo, &hi, &incl, &incl)
	nq.SetField("seq")
	sq := query.NewBooleanQuery([]query.Query{nq}, nil, nil)
	sq.AddFilter(term("file", v.Clause.File))
	req = bleve.NewSearchRequestOptions(sq, 3, 0, false)
	req.Fields = []string{"id", "seq"}
	res, err = ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return nil, err
	}
	for _, h := range res.Hits {
		switch num(h.Fields, "seq") {
		case v.Clause.Seq - 1:
			v.PrevID = str(h.Fields, "id")
		case v.Clause.Seq + 1:
			v.NextID = str(h.Fields, "id")
		}
	}
	return v, nil
}

// HasFile reports whether path is a file recorded in the index (the web
// server serves only those).
func (ix *Index) HasFile(path string) bool {
	if a, err := filepath.Abs(path); err == nil {
		path = a
	}
	req := bleve.NewSearchRequestOptions(conj(term("type", typeFile), term("path", path)), 0, 0, false)
	res, err := ix.bi.Search(req)
	return err == nil && res.Total > 0
}

// Files returns the file records of the index, sorted by path.
func (ix *Index) Files() ([]FileRecord, error) {
	m, err := loadRecords(ix.bi)
	if err != nil {
		return nil, err
	}
	out := make([]FileRecord, 0, len(m))
	for _, r := range m {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}

// Stats counts what the index holds.
type Stats struct {
	Files     uint64         `json:"files"`
	Clauses   uint64         `json:"clauses"`
	Languages map[string]int `json:"languages"` // clauses per language
}

// Stats counts the files and clauses of the index.
func (ix *Index) Stats(ctx context.Context) (*Stats, error) {
	req := bleve.NewSearchRequestOptions(term("type", typeClause), 0, 0, false)
	req.AddFacet("languages", bleve.NewFacetRequest("language", 50))
	res, err := ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return nil, err
	}
	st := &Stats{Clauses: res.Total, Languages: facetCounts(res.Facets["languages"])}
	res, err = ix.bi.SearchInContext(ctx, bleve.NewSearchRequestOptions(term("type", typeFile), 0, 0, false))
	if err != nil {
		return nil, err
	}
	st.Files = res.Total
	return st, nil
}

// Verify checks that the index is consistent: every file record's clause
// count matches the clause documents of that file, and no clause belongs
// to a file without a record. It returns one error per problem found.
func (ix *Index) Verify(ctx context.Context) ([]error, error) {
	files, err := ix.Files()
	if err != nil {
		return nil, err
	}
	var problems []error
	var sum uint64
	for _, f := range files {
		res, err := ix.bi.SearchInContext(ctx, bleve.NewSearchRequestOptions(term("file", f.Path), 0, 0, false))
		if err != nil {
			return nil, err
		}
		if res.Total != uint64(f.Clauses) {
			problems = append(problems, fmt.Errorf("%s: record says %d clauses, index holds %d", f.Path, f.Clauses, res.Total))
		}
		sum += res.Total
	}
	st, err := ix.Stats(ctx)
	if err != nil {
		return nil, err
	}
	if st.Clauses != sum {
		problems = append(problems, fmt.Errorf("%d clauses belong to no recorded file", st.Clauses-sum))
	}
	return problems, nil
}
