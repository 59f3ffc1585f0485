package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bindex "github.com/blevesearch/bleve_index_api"
)

// Open opens an existing index for reading and searching. An index
// written with another schema version fails with an error wrapping
// ErrSchema.
func Open(path string) (*Index, error) { return OpenAll(path) }

// Close releases the index.
func (ix *Index) Close() error {
	if ix == nil || ix.bi == nil {
		return nil
	}
	ix.bi = nil
	var err error
	for _, s := range ix.shards {
		if e := s.Close(); err == nil {
			err = e
		}
	}
	ix.shards = nil
	return err
}

// Path is the index directory.
func (ix *Index) Path() string { return ix.path }

var hitFields = append([]string{"symbol", "id", "citation", "language", "page", "file", "name",
	"section", "body", "title", "work", "seq", "footnotes", "date", "ocr"}, allTextFields()...)

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
	if key, ok := strings.CutPrefix(s, "instrument:"); ok {
		_, titles := instrumentDocQuery(key)
		qs := []query.Query{query.NewMatchNoneQuery()}
		for _, t := range titles {
			qs = append(qs, term("titlekey", t))
		}
		return disj(qs...)
	}
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
		fs = append(fs, term("bodykey", strings.ToLower(r.Body)))
	}
	if r.From != "" || r.To != "" {
		// validated by Search (DateBound)
		from, _ := DateBound(r.From, false)
		to, _ := DateBound(r.To, true)
		t := true
		dq := query.NewDateRangeInclusiveQuery(from, to, &t, &t)
		dq.SetField("date")
		fs = append(fs, &dateRangeQuery{q: dq}) // datefield.go
	}
	return fs
}

var dateBoundRe = regexp.MustCompile(`^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$`)

// DateBound reads a year, year-month or date as the start of that span
// (end false) or its last second (end true); "" is the zero time (no
// bound).
func DateBound(s string, end bool) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	m := dateBoundRe.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, fmt.Errorf("date %q: want a year (2018), a month (2018-06) or a date (2018-06-30)", s)
	}
	layout, v := "2006", m[1]
	switch {
	case m[3] != "":
		layout, v = "2006-01-02", s
	case m[2] != "":
		layout, v = "2006-01", s
	}
	t, err := time.Parse(layout, v)
	if err != nil {
		return time.Time{}, fmt.Errorf("date %q: %v", s, err)
	}
	if end {
		switch layout {
		case "2006":
			t = t.AddDate(1, 0, 0)
		case "2006-01":
			t = t.AddDate(0, 1, 0)
		default:
			t = t.AddDate(0, 0, 1)
		}
		t = t.Add(-time.Second)
	}
	return t, nil
}

// sortOrder is the Bleve sort of a request's Sort; nil for relevance.
func sortOrder(s string) ([]string, error) {
	switch s {
	case "", "relevance", "score":
		return nil, nil
	case "date":
		return []string{"date", "-_score"}, nil
	case "-date":
		return []string{"-date", "-_score"}, nil
	}
	return nil, fmt.Errorf("sort %q: want relevance, date (oldest first) or -date (newest first)", s)
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

// syntaxQuery is q (Bleve query-string syntax) run against each of
// fields. A query that does not parse is searched as plain words.
func syntaxQuery(q string, fields []string) query.Query {
	if _, err := query.NewQueryStringQuery(q).Parse(); err != nil {
		return perField(q, fields, relaxedQuery)
	}
	subs := make([]query.Query, 0, len(fields))
	for _, f := range fields {
		// Parsed once per field: setField changes the parsed query.
		pq, _ := query.NewQueryStringQuery(q).Parse()
		setField(pq, f)
		subs = append(subs, keywordFields(pq))
	}
	return disj(subs...)
}

// keywordFields rewrites the leaves of a parsed query that name the
// document fields people type: symbol:"A/RES/78/265" (any form of the
// symbol, as docQuery) and body:"general assembly" (any case). Keyword
// fields have no positions, so the phrase query the parser makes of a
// quoted value would match nothing.
func keywordFields(q query.Query) query.Query {
	switch q := q.(type) {
	case *query.BooleanQuery:
		for _, s := range []*query.Query{&q.Must, &q.Should, &q.MustNot} {
			if *s != nil {
				*s = keywordFields(*s)
			}
		}
		return q
	case *query.ConjunctionQuery:
		for i := range q.Conjuncts {
			q.Conjuncts[i] = keywordFields(q.Conjuncts[i])
		}
		return q
	case *query.DisjunctionQuery:
		for i := range q.Disjuncts {
			q.Disjuncts[i] = keywordFields(q.Disjuncts[i])
		}
		return q
	case *query.DateRangeQuery:
		if q.FieldVal == "date" {
			return &dateRangeQuery{q: q} // datefield.go
		}
		return q
	case *query.NumericRangeQuery:
		if exactNumeric[q.FieldVal] {
			return &exactRangeQuery{q: q} // seqfield.go
		}
		return q
	case *query.WildcardQuery:
		if p, ok := strings.CutSuffix(q.Wildcard, "*"); ok && p != "" && q.FieldVal != "" && !strings.ContainsAny(p, "*?\\") {
			return &prefixQuery{prefix: p, field: q.FieldVal, boost: q.BoostVal.Value()}
		}
		return q
	case *query.MatchPhraseQuery:
		return keywordLeaf(q.FieldVal, q.MatchPhrase, q)
	case *query.MatchQuery:
		return keywordLeaf(q.FieldVal, q.Match, q)
	}
	return q
}

// prefixQuery is a wildcard query "word*": the same terms, searched as
// Bleve searches a wildcard, found by a prefix range of the dictionary
// instead of a regexp automaton, which Bleve builds anew for every
// field (a third of the CPU of develop* at 10x). Bleve's own
// PrefixQuery scores differently when one term or none matches.
type prefixQuery struct {
	prefix, field string
	boost         float64
}

func (q *prefixQuery) Searcher(ctx context.Context, i bindex.IndexReader, m mapping.IndexMapping, options bsearch.SearcherOptions) (bsearch.Searcher, error) {
	fd, err := i.FieldDictPrefix(q.field, []byte(q.prefix))
	if err != nil {
		return nil, err
	}
	var terms []string
	e, err := fd.Next()
	for ; err == nil && e != nil; e, err = fd.Next() {
		terms = append(terms, e.Term)
	}
	if cerr := fd.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, err
	}
	return searcher.NewMultiTermSearcher(ctx, i, terms, q.field, q.boost, options, true)
}

func keywordLeaf(field, value string, q query.Query) query.Query {
	switch field {
	case "symbol":
		return docQuery(value)
	case "body":
		return term("bodykey", strings.ToLower(strings.TrimSpace(value)))
	}
	return q
}

// textFields is the text field of lang, or of every language when "".
func textFields(lang string) []string {
	if lang != "" {
		return []string{textField(lang)}
	}
	return allTextFields()
}

// textStage is one attempt at a text query: the query on some fields.
type textStage struct {
	q       query.Query
	fields  []string
	relaxed bool
}

// textStages lists the attempts for text query q (see textquery.go for
// the semantics): the first that finds anything answers. reqLang is the
// language the request is restricted to ("" for none).
func textStages(q, reqLang string) (stages []textStage, qlang string) {
	all := textFields(reqLang)
	if !isPlainQuery(q) {
		return []textStage{{q: syntaxQuery(q, all), fields: all}}, ""
	}
	first := all
	if reqLang == "" {
		if l, ok := queryLanguage(q); ok {
			qlang = l
			first = []string{textField(l)}
		}
	}
	stages = append(stages, textStage{q: perField(q, first, strictQuery), fields: first})
	if len(first) != len(all) {
		stages = append(stages, textStage{q: perField(q, all, strictQuery), fields: all})
	}
	stages = append(stages, textStage{q: perField(q, all, relaxedQuery), fields: all, relaxed: true})
	return stages, qlang
}

// newRequest searches q within filters. Clause documents are the only
// ones with text, symbol and id fields, so only a match-all query needs
// the type filter. The language facet, costly on large result sets, is
// left out when the request is restricted to one language.
func newRequest(q query.Query, filters []query.Query, limit, offset int, langFacet, bodyFacet bool) *bleve.SearchRequest {
	unscored := false
	if _, all := q.(*query.MatchAllQuery); all {
		filters = append([]query.Query{term("type", typeClause)}, filters...)
		// Bleve applies a boolean query's filter to each hit of its
		// must clause: over match-all that visits every document of
		// the index (119 ms per symbol at 100×). The filters alone
		// are the query then; these requests sort by keys, not score.
		// Unscored, as match-all was (constant score, see search).
		q = conj(filters...)
		filters = nil
		unscored = true
	}
	if len(filters) > 0 {
		fq := &filteredQuery{q: q, filter: conj(filters...)} // filtered.go
		q = fq
		if !filterInStep {
			q = fq.boolean()
		}
	}
	req := bleve.NewSearchRequestOptions(q, limit, offset, false)
	if unscored {
		req.Score = bleve.ScoreNone
	}
	req.Fields = hitFields
	if langFacet {
		req.AddFacet(langFacetName, bleve.NewFacetRequest("language", 50))
	}
	if bodyFacet {
		req.AddFacet("bodies", bleve.NewFacetRequest("body", 50))
		req.AddFacet("years", bleve.NewFacetRequest("year", 100))
	}
	return req
}

// Search runs req against the index. Symbol-shaped queries (see
// ParseSymbolQuery) look the document and clause up by keyword; when
// that finds nothing the query is searched as text. The stages:
// searchBySymbol, searchBareClause, searchText, then searchResult.
func (ix *Index) Search(ctx context.Context, r SearchRequest) (*SearchResult, error) {
	start := time.Now()
	for _, d := range []string{r.From, r.To} {
		if _, err := DateBound(d, false); err != nil {
			return nil, err
		}
	}
	order, err := sortOrder(r.Sort)
	if err != nil {
		return nil, err
	}
	a := searchArgs{r: r, order: order, langFacet: r.Lang == "", bodyFacet: !r.SkipBodies}
	a.limit, a.offset, a.pageLimit, a.pageOffset = searchWindow(r)
	q := searchedText(r.Query)

	var ans searchAnswer
	if sq, ok := ParseSymbolQuery(q); ok {
		if ans, err = ix.searchBySymbol(ctx, sq, a); err != nil {
			return nil, err
		}
	} else if id, lang, ok := bareClauseRef(q); ok && r.Symbol == "" {
		if ans, err = ix.searchBareClause(ctx, id, lang, q, a); err != nil {
			return nil, err
		}
	}
	if ans.res == nil {
		var early *SearchResult
		if ans, early, err = ix.searchText(ctx, q, a); err != nil || early != nil {
			return early, err
		}
	}
	out, err := ix.searchResult(ctx, a, ans)
	if err != nil {
		return nil, err
	}
	out.TookMS = float64(time.Since(start).Microseconds()) / 1000
	return out, nil
}

// searchArgs are what every stage of Search uses of a request.
type searchArgs struct {
	r                     SearchRequest
	order                 []string // sort fields (nil: by relevance)
	limit, offset         int      // the hits asked of Bleve
	pageLimit, pageOffset int      // the page asked for (documents when grouped)
	langFacet, bodyFacet  bool
}

// searchAnswer is what a stage of Search found.
type searchAnswer struct {
	res                       *bleve.SearchResult
	relaxed                   bool
	qlang, notice, suggestion string
}

// searchWindow is the window of hits a request asks for: limit 10 by
// default, at most 100, offset at least 0. Grouped by document, the
// first GroupWindow hits are grouped and the page (pageLimit,
// pageOffset) counts documents.
func searchWindow(r SearchRequest) (limit, offset, pageLimit, pageOffset int) {
	limit = r.Limit
	if limit <= 0 {
		limit = 10
	}
	if limit > 100 {
		limit = 100
	}
	offset = max(r.Offset, 0)
	pageLimit, pageOffset = limit, offset
	if r.ByDocument {
		limit, offset = GroupWindow, 0
	}
	return limit, offset, pageLimit, pageOffset
}

// searchedText is the query as searched: trimmed, and "" (everything)
// for "*" alone, which would be a wildcard over every term of every text
// field (seconds on a real index).
func searchedText(query string) string {
	q := strings.TrimSpace(query)
	if strings.Trim(q, "* ") == "" {
		return ""
	}
	return q
}

// searchBySymbol looks a document (and clause) up by its symbol. When
// nothing is found the answer is a notice: which clauses a known
// document has, or that the document is not in this index.
func (ix *Index) searchBySymbol(ctx context.Context, sq SymbolQuery, a searchArgs) (searchAnswer, error) {
	res, err := ix.symbolSearch(ctx, sq, ix.filters(a.r, false), a.limit, a.offset, a.langFacet, a.bodyFacet)
	if err != nil {
		return searchAnswer{}, err
	}
	ans := searchAnswer{res: res}
	if res.Total == 0 {
		// A known document without that clause: say which it has.
		// An unknown document: say so, and nothing else.
		res.Facets = nil
		known, err := ix.hasDoc(ctx, sq)
		if err != nil {
			return searchAnswer{}, err
		}
		if known {
			if ans.notice, err = ix.missingClauseNotice(ctx, sq); err != nil {
				return searchAnswer{}, err
			}
		} else {
			ans.notice = docLabel(sq) + " is not in this index"
		}
	}
	return ans, nil
}

// searchBareClause answers a clause named without its document
// ("Article 51"): that clause of every document that has one, with a
// notice; no answer (res nil) when none has it, and the text search
// goes on.
func (ix *Index) searchBareClause(ctx context.Context, id, lang, q string, a searchArgs) (searchAnswer, error) {
	res, err := ix.symbolSearch(ctx, SymbolQuery{ID: id, Lang: lang}, ix.filters(a.r, false), a.limit, a.offset, a.langFacet, a.bodyFacet)
	if err != nil || res.Total == 0 {
		return searchAnswer{}, err
	}
	return searchAnswer{res: res, notice: fmt.Sprintf("%s of every document that has one; name the document before it to choose one (e.g. Charter %s)", ReadableID(id), q)}, nil
}

// searchText searches q as text, within a document when q starts with
// its symbol ("A/RES/78/265 large language models"); an unknown
// document gives an early, empty result with a notice. A query without
// words lists the clauses (in document order, or the order asked for).
// When nothing or only some words are found, a plain query gets a
// spelling suggestion.
func (ix *Index) searchText(ctx context.Context, q string, a searchArgs) (ans searchAnswer, early *SearchResult, err error) {
	r := a.r
	var docFilter []query.Query
	if sym, rest, ok := splitSymbolPrefix(q); ok {
		known, err := ix.hasDoc(ctx, sym)
		if err != nil {
			return ans, nil, err
		}
		if !known {
			return ans, &SearchResult{Query: strings.TrimSpace(r.Query), Hits: []Hit{}, Languages: map[string]int{}, Bodies: map[string]int{},
				Notice: docKey(sym) + " is not in this index"}, nil
		}
		docFilter = append(docFilter, docQuery(docKey(sym)))
		q = rest
	}
	if q == "" {
		req := newRequest(query.NewMatchAllQuery(), append(ix.filters(r, false), docFilter...), a.limit, a.offset, a.langFacet, a.bodyFacet)
		req.SortBy([]string{"file", "seq"})
		if a.order != nil {
			req.SortBy(append(a.order, "file", "seq"))
		}
		ans.res, err = ix.search(ctx, req)
	} else {
		if err := CheckQuery(q); err != nil { // guard.go
			return ans, nil, err
		}
		ans.res, ans.relaxed, ans.qlang, err = ix.textSearch(ctx, q, r, docFilter, a.limit, a.offset, a.langFacet, a.bodyFacet, a.order)
	}
	if err != nil {
		return ans, nil, fmt.Errorf("search %q: %w", q, err)
	}
	if (ans.res.Total == 0 || ans.relaxed) && q != "" && isPlainQuery(q) {
		if ans.suggestion, err = ix.suggest(ctx, q, r.Lang); err != nil {
			return ans, nil, err
		}
	}
	return ans, nil, nil
}

// searchResult makes the answer of Search from what a stage found:
// hits with their parallel versions (in the language to show, if one is
// asked for), facet counts (all hits in the one language searched when
// the language facet is off), and the page of documents when grouped.
func (ix *Index) searchResult(ctx context.Context, a searchArgs, ans searchAnswer) (*SearchResult, error) {
	res, r := ans.res, a.r
	out := &SearchResult{
		Query:      strings.TrimSpace(r.Query),
		Total:      res.Total,
		Hits:       make([]Hit, 0, len(res.Hits)),
		Languages:  facetCounts(res.Facets["languages"]),
		Bodies:     facetCounts(res.Facets["bodies"]),
		Years:      facetCounts(res.Facets["years"]),
		Relaxed:    ans.relaxed,
		QueryLang:  ans.qlang,
		Notice:     ans.notice,
		Suggestion: ans.suggestion,
	}
	if !a.langFacet && res.Total > 0 {
		out.Languages[r.Lang] = int(res.Total)
	}
	for _, h := range res.Hits {
		out.Hits = append(out.Hits, toHit(h))
	}
	if err := ix.addParallels(ctx, out.Hits); err != nil {
		return nil, err
	}
	if r.Show != "" {
		hits, err := ix.showIn(ctx, out.Hits, r.Show)
		if err != nil {
			return nil, err
		}
		out.Hits = hits
	}
	if r.ByDocument {
		out.Documents, out.Hits = groupByDocument(out.Hits, a.pageLimit, a.pageOffset)
	}
	return out, nil
}

// textSearch runs the stages of text query q (textStages) until one
// finds a clause.
func (ix *Index) textSearch(ctx context.Context, q string, r SearchRequest, docFilter []query.Query, limit, offset int, langFacet, bodyFacet bool, order []string) (*bleve.SearchResult, bool, string, error) {
	stages, qlang := textStages(q, r.Lang)
	filters := append(ix.filters(r, ownField(r.Lang)), docFilter...)
	// A stage on one language's own field finds clauses of that
	// language only: its language facet is the total, not a visit of
	// every hit's language (a third of the CPU of a word found in
	// thousands of clauses).
	oneLang := func(fields []string) string {
		if len(fields) == 1 && fields[0] != textField("xx") {
			return strings.TrimPrefix(fields[0], "text_")
		}
		return ""
	}
	request := func(tq query.Query, fields []string) *bleve.SearchRequest {
		req := newRequest(tq, filters, limit, offset, langFacet && oneLang(fields) == "", bodyFacet)
		req.Highlight = bleve.NewHighlightWithStyle(snippetHighlighterName)
		req.Highlight.Fields = fields
		if order != nil {
			req.SortBy(order)
		}
		return req
	}
	var res *bleve.SearchResult
	for _, st := range stages {
		res0, err := ix.search(ctx, request(st.q, st.fields))
		if err != nil && ctx.Err() == nil {
			// Query-string syntax that parses but cannot run (a bad
			// regexp, a wildcard alone): search the words plainly.
			res0, err = ix.search(ctx, request(perField(q, st.fields, relaxedQuery), st.fields))
		}
		if err != nil {
			return nil, false, qlang, err
		}
		res = res0
		if l := oneLang(st.fields); langFacet && l != "" && res.Total > 0 {
			if res.Facets == nil {
				res.Facets = bsearch.FacetResults{}
			}
			tf := &bsearch.TermFacets{}
			tf.Add(&bsearch.TermFacet{Term: l, Count: int(res.Total)})
			res.Facets["languages"] = &bsearch.FacetResult{Field: "language", Total: int(res.Total), Terms: tf}
		}
		if res.Total > 0 {
			return res, st.relaxed, qlang, nil
		}
	}
	return res, false, qlang, nil
}

// groupByDocument groups hits by document in the order of their best
// hit, and returns the documents of one page (limit, offset count
// documents) with their hits, flattened.
func groupByDocument(hits []Hit, limit, offset int) ([]DocumentHits, []Hit) {
	var docs []DocumentHits
	at := map[string]int{}
	for _, h := range hits {
		k := h.Work
		if k == "" {
			k = h.Doc
		}
		i, ok := at[k]
		if !ok {
			i = len(docs)
			at[k] = i
			docs = append(docs, DocumentHits{Doc: h.Doc, Work: h.Work, Symbol: h.Symbol, Title: h.Title, Body: h.Body, Date: h.Date})
		}
		d := &docs[i]
		d.Matches++
		if len(d.Hits) < ClausesPerDocument {
			d.Hits = append(d.Hits, h)
		}
	}
	if offset >= len(docs) {
		return []DocumentHits{}, []Hit{}
	}
	docs = docs[offset:min(offset+limit, len(docs))]
	flat := []Hit{}
	for _, d := range docs {
		flat = append(flat, d.Hits...)
	}
	return docs, flat
}

func (ix *Index) symbolSearch(ctx context.Context, sq SymbolQuery, filters []query.Query, limit, offset int, langFacet, bodyFacet bool) (*bleve.SearchResult, error) {
	fs := append([]query.Query{}, filters...)
	if sq.Symbol != "" || sq.File != "" || sq.Instrument != "" {
		fs = append(fs, docQuery(docKey(sq)))
	} else {
		// a bare clause reference: the exact id in every document
		var idq query.Query = term("id", sq.ID)
		sortBy := []string{"language", "file"}
		if sq.Lang != "" {
			idq = query.NewBooleanQuery([]query.Query{idq}, []query.Query{term("language", sq.Lang)}, nil)
			sortBy = []string{"-_score", "language", "file"}
		}
		req := newRequest(idq, fs, limit, offset, langFacet, bodyFacet)
		req.SortBy(sortBy)
		return ix.search(ctx, req)
	}
	if sq.ID == "" {
		req := newRequest(query.NewMatchAllQuery(), fs, limit, offset, langFacet, bodyFacet)
		req.SortBy([]string{"language", "file", "seq"})
		return ix.search(ctx, req)
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
	res, err := ix.search(ctx, req)
	if err != nil || res.Total > 0 {
		return res, err
	}
	// "para 12" also finds "annex_I__para_12" and components'
	// "para_3__cmp_2__para_12"; "art 2" finds the paragraphs of art_2.
	rq := query.NewRegexpQuery("(.+__)?" + regexp.QuoteMeta(sq.ID) + "(__.+)?")
	rq.SetField("id")
	req = newRequest(rq, fs, limit, offset, langFacet, bodyFacet)
	req.SortBy([]string{"language", "file", "seq"})
	return ix.search(ctx, req)
}

func docKey(sq SymbolQuery) string {
	if sq.Instrument != "" {
		return "instrument:" + sq.Instrument
	}
	if sq.File != "" {
		return "file:" + sq.File
	}
	return sq.Symbol
}

// docLabel names the document of sq for people: its symbol, file name
// or title.
func docLabel(sq SymbolQuery) string {
	if sq.Instrument != "" {
		if t, _ := instrumentDocQuery(sq.Instrument); t != "" {
			return "The " + t
		}
	}
	return docKey(sq)
}

// hasDoc reports whether the document addressed by sq is indexed.
func (ix *Index) hasDoc(ctx context.Context, sq SymbolQuery) (bool, error) {
	req := bleve.NewSearchRequestOptions(docQuery(docKey(sq)), 0, 0, false)
	res, err := ix.search(ctx, req)
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
		Date:      c.Date,
		Parallels: []Parallel{},
	}
	if frags := h.Fragments[tf]; len(frags) > 0 {
		// adjacent matches (Chinese bigrams) are one mark
		hit.Snippet = strings.ReplaceAll(strings.Join(frags, " … "), "</mark><mark>", "")
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
	res, err := ix.search(ctx, req)
	if err == nil {
		err = ix.loadFields(res.Hits, []string{"work", "id", "language", "file", "page"})
	}
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
	if d := str(f, "date"); len(d) >= 10 {
		c.Date = d[:10]
	}
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
	res, err := ix.search(ctx, req)
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
	res, err = ix.search(ctx, req)
	if err != nil {
		return nil, err
	}
	for _, h := range res.Hits {
		c := toClause(h)
		if c.File != v.Clause.File {
			v.Parallels = append(v.Parallels, c)
		}
	}

	// the neighbours by their exact positions (seq is indexed exactly,
	// seqfield.go)
	sq := query.NewBooleanQuery([]query.Query{disj(seqIs(v.Clause.Seq-1), seqIs(v.Clause.Seq+1))}, nil, nil)
	sq.AddFilter(term("file", v.Clause.File))
	req = bleve.NewSearchRequestOptions(sq, 3, 0, false)
	req.Fields = []string{"id", "seq"}
	res, err = ix.search(ctx, req)
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
	res, err := ix.search(context.Background(), req)
	return err == nil && res.Total > 0
}

// Files returns the file records of the index, sorted by path.
func (ix *Index) Files() ([]FileRecord, error) {
	m, err := loadRecords(ix.shards, ix.leafPaths...)
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
	Files     uint64         `json:"files"`  // files indexed
	Failed    uint64         `json:"failed"` // files that failed, retried by the next build
	Clauses   uint64         `json:"clauses"`
	Languages map[string]int `json:"languages"` // clauses per language
}

// Stats counts the files and clauses of the index.
func (ix *Index) Stats(ctx context.Context) (*Stats, error) {
	req := bleve.NewSearchRequestOptions(term("type", typeClause), 0, 0, false)
	req.AddFacet("languages", bleve.NewFacetRequest("language", 50))
	res, err := ix.search(ctx, req)
	if err != nil {
		return nil, err
	}
	st := &Stats{Clauses: res.Total, Languages: facetCounts(res.Facets["languages"])}
	// files indexed: records of files that failed (kept to be retried)
	// do not count
	files, err := ix.Files()
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		if f.Error == "" {
			st.Files++
		} else {
			st.Failed++
		}
	}
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
		res, err := ix.search(ctx, bleve.NewSearchRequestOptions(term("file", f.Path), 0, 0, false))
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
