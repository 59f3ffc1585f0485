// Package web is the search page of docindex: an http.Handler over an open
// index (the same index.Search and index.ClauseView as the CLI, no second
// search implementation), serving an HTML search page with language and
// body facets, a clause view with the same clause in every indexed language
// side by side, a JSON API, and the indexed PDF files themselves (only
// those recorded in the index). Templates and CSS are embedded; the pages
// work without JavaScript. The handler is read-only.
package web

import (
	"context"
	"embed"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"log"
	"math"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/docindex/docindex/index"
)

// Index is what the handler needs from an open index; *index.Index
// satisfies it.
type Index interface {
	Search(ctx context.Context, req index.SearchRequest) (*index.SearchResult, error)
	ClauseView(ctx context.Context, symbol, id, lang string) (*index.ClauseView, error)
	// Record returns the file record of an indexed path.
	Record(path string) (index.FileRecord, bool)
}

var _ Index = (*index.Index)(nil)

// Limits on user input. Longer or out-of-range values are answered with
// 400 and a message saying what is allowed.
const (
	MaxQueryBytes  = 500  // q
	MaxFieldBytes  = 200  // body, symbol, id
	MaxLimit       = 100  // limit (hits per page)
	DefaultLimit   = 10   // hits per page when limit is absent
	MaxPage        = 1000 // page
	requestTimeout = 15 * time.Second
)

// Options configure a Handler.
type Options struct {
	// Log receives one access log line per request; nil means stderr.
	Log *log.Logger
	// MaxSearches is the number of searches run at once (default
	// 4×GOMAXPROCS, at least 8); see limit.go.
	MaxSearches int
	// QueueWait is how long a search waits for its turn before the
	// answer is 503 (default 5 s).
	QueueWait time.Duration
}

//go:embed templates/*.html static/*
var assets embed.FS

var (
	searchTmpl = template.Must(template.New("").Funcs(funcs).ParseFS(assets, "templates/layout.html", "templates/search.html"))
	clauseTmpl = template.Must(template.New("").Funcs(funcs).ParseFS(assets, "templates/layout.html", "templates/clause.html"))
	errorTmpl  = template.Must(template.New("").Funcs(funcs).ParseFS(assets, "templates/layout.html", "templates/error.html"))
)

var funcs = template.FuncMap{
	"langName": langName,
	"dir":      dir,
}

// Handler serves the search page, the clause view, the JSON API and the
// indexed PDFs.
type Handler struct {
	ix     Index
	log    *log.Logger
	mux    *http.ServeMux
	limit  *limiter
	costly *limiter
}

// costlyWait is how long a costly query waits for its turn: 1 s, or
// less when the queue wait is shorter.
func costlyWait(wait time.Duration) time.Duration {
	if wait > 0 && wait < time.Second {
		return wait
	}
	return time.Second
}

// New returns a Handler over ix.
func New(ix Index, opt Options) *Handler {
	h := &Handler{ix: ix, log: opt.Log, mux: http.NewServeMux(), limit: newLimiter(opt.MaxSearches, opt.QueueWait),
		costly: newLimiter(max(1, runtime.GOMAXPROCS(0)/2), costlyWait(opt.QueueWait))}
	if h.log == nil {
		h.log = log.New(os.Stderr, "", log.LstdFlags)
	}
	static, err := fs.Sub(assets, "static")
	if err != nil {
		panic(err) // embedded at build time
	}
	fileServer := http.StripPrefix("/static/", http.FileServerFS(static))
	h.mux.Handle("GET /static/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		fileServer.ServeHTTP(w, r)
	}))
	h.mux.HandleFunc("GET /{$}", h.limited(h.search, false))
	h.mux.HandleFunc("GET /search", h.limited(h.search, false))
	h.mux.HandleFunc("GET /clause", h.limited(h.clause, false))
	h.mux.HandleFunc("GET /api/search", h.limited(h.apiSearch, true))
	h.mux.HandleFunc("GET /api/clause", h.limited(h.apiClause, true))
	h.mux.HandleFunc("GET /pdf/{token}/{name}", h.pdf)
	h.mux.HandleFunc("GET /favicon.ico", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=86400")
		w.WriteHeader(http.StatusNoContent)
	})
	h.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		h.errorPage(w, r, http.StatusNotFound, "no such page: "+truncate(r.URL.Path, 200))
	})
	return h
}

// ServeHTTP adds security headers and writes an access log line.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	rec := &recorder{ResponseWriter: w, status: http.StatusOK}
	hd := w.Header()
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Referrer-Policy", "no-referrer")
	if !strings.HasPrefix(r.URL.Path, "/pdf/") {
		hd.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
	}
	defer func() {
		// A panic below (in the index, say) is one failed request, logged
		// with the rest, not a dead connection without an answer.
		if p := recover(); p != nil {
			if p == http.ErrAbortHandler {
				panic(p)
			}
			h.log.Printf("panic serving %s: %v", r.URL.RequestURI(), p)
			if !rec.wrote {
				h.errorPage(rec, r, http.StatusInternalServerError, "internal error")
			}
		}
		h.log.Printf("%s %s %q %d %dB %.1fms", remoteHost(r), r.Method, r.URL.RequestURI(), rec.status, rec.bytes, float64(time.Since(start).Microseconds())/1000)
	}()
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		// Read-only: the same answer for every path.
		hd.Set("Allow", "GET, HEAD")
		h.errorPage(rec, r, http.StatusMethodNotAllowed, "this server is read-only: only GET and HEAD are allowed")
		return
	}
	h.mux.ServeHTTP(rec, r)
}

type recorder struct {
	http.ResponseWriter
	status int
	bytes  int64
	wrote  bool
}

func (r *recorder) WriteHeader(code int) {
	if !r.wrote {
		r.status = code
		r.wrote = true
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(p []byte) (int, error) {
	r.wrote = true
	n, err := r.ResponseWriter.Write(p)
	r.bytes += int64(n)
	return n, err
}

// ReadFrom keeps http.ServeContent's sendfile path.
func (r *recorder) ReadFrom(src io.Reader) (int64, error) {
	r.wrote = true
	n, err := io.Copy(r.ResponseWriter, src)
	r.bytes += n
	return n, err
}

func remoteHost(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// badRequest is a user error: answered with 400 and its message.
type badRequest struct{ msg string }

func (e badRequest) Error() string { return e.msg }

func badf(format string, a ...any) error { return badRequest{fmt.Sprintf(format, a...)} }

// params are the validated query parameters of a search.
type params struct {
	Q, Lang, Show, Body, Symbol string
	From, To, Sort              string
	ByDoc                       bool
	Page, Limit                 int
}

var langRe = regexp.MustCompile(`^[a-z]{2,3}$`)

// first returns the first value of a query parameter and checks that it is
// valid UTF-8 and at most max bytes.
func first(v url.Values, name string, max int) (string, error) {
	s := strings.TrimSpace(v.Get(name))
	if len(s) > max {
		return "", badf("%s is too long: %d bytes, at most %d allowed", name, len(s), max)
	}
	if !utf8.ValidString(s) {
		return "", badf("%s is not valid UTF-8", name)
	}
	if strings.ContainsRune(s, 0) {
		return "", badf("%s contains a NUL character", name)
	}
	return s, nil
}

func parseLang(v url.Values) (string, error) { return parseLangParam(v, "lang") }

// parseLangParam reads a language code parameter (any case).
func parseLangParam(v url.Values, name string) (string, error) {
	lang, err := first(v, name, 16)
	if err != nil {
		return "", err
	}
	lang = strings.ToLower(lang)
	if lang != "" && !langRe.MatchString(lang) {
		return "", badf("%s %q is not a language code: use a two- or three-letter ISO 639 code such as en, fr, ar, zh", name, lang)
	}
	return lang, nil
}

func parseInt(v url.Values, name string, def, min, max int) (int, error) {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < min || n > max {
		if len(s) > 20 {
			s = s[:20] + "…"
		}
		return 0, badf("%s %q is not a whole number from %d to %d", name, s, min, max)
	}
	return n, nil
}

func parseSearch(r *http.Request) (params, error) {
	v := r.URL.Query()
	var p params
	var err error
	if p.Q, err = first(v, "q", MaxQueryBytes); err != nil {
		return p, err
	}
	if p.Lang, err = parseLang(v); err != nil {
		return p, err
	}
	if p.Show, err = parseLangParam(v, "show"); err != nil {
		return p, err
	}
	if p.Body, err = first(v, "body", MaxFieldBytes); err != nil {
		return p, err
	}
	if p.Symbol, err = first(v, "symbol", MaxFieldBytes); err != nil {
		return p, err
	}
	for _, d := range []struct {
		name string
		val  *string
	}{{"from", &p.From}, {"to", &p.To}} {
		if *d.val, err = first(v, d.name, 10); err != nil {
			return p, err
		}
		if _, err := index.DateBound(*d.val, false); err != nil {
			return p, badf("%s: %v", d.name, err)
		}
	}
	if p.Sort, err = first(v, "sort", 10); err != nil {
		return p, err
	}
	switch p.Sort {
	case "", "relevance", "date", "-date":
	default:
		return p, badf("sort %q: use relevance, date (oldest first) or -date (newest first)", p.Sort)
	}
	switch b, _ := first(v, "group", 10); b {
	case "", "clause":
	case "document":
		p.ByDoc = true
	default:
		return p, badf("group %q: use clause or document", b)
	}
	if p.Page, err = parseInt(v, "page", 1, 1, MaxPage); err != nil {
		return p, err
	}
	if p.Limit, err = parseInt(v, "limit", DefaultLimit, 1, MaxLimit); err != nil {
		return p, err
	}
	return p, nil
}

func (p params) request() index.SearchRequest {
	return index.SearchRequest{
		Query:  p.Q,
		Lang:   p.Lang,
		Show:   p.Show,
		Symbol: p.Symbol,
		From:   p.From, To: p.To, Sort: p.Sort, ByDocument: p.ByDoc,
		Body:   p.Body,
		Limit:  p.Limit,
		Offset: (p.Page - 1) * p.Limit,
	}
}

// url returns the /search URL of p with changes applied.
func (p params) url(change func(*params)) string {
	q := p
	if change != nil {
		change(&q)
	}
	v := url.Values{}
	v.Set("q", q.Q)
	for _, kv := range [][2]string{{"lang", q.Lang}, {"show", q.Show}, {"body", q.Body}, {"from", q.From}, {"to", q.To}, {"sort", q.Sort}} {
		if kv[1] != "" {
			v.Set(kv[0], kv[1])
		}
	}
	if q.ByDoc {
		v.Set("group", "document")
	}
	if q.Symbol != "" {
		v.Set("symbol", q.Symbol)
	}
	if q.Limit != DefaultLimit {
		v.Set("limit", strconv.Itoa(q.Limit))
	}
	if q.Page > 1 {
		v.Set("page", strconv.Itoa(q.Page))
	}
	return "/search?" + v.Encode()
}

// searchError maps an error from index.Search to a status and a message.
func searchError(err error) (int, string) {
	var br badRequest
	switch {
	case errors.As(err, &br):
		return http.StatusBadRequest, br.msg
	case errors.Is(err, index.ErrQueryRefused):
		return http.StatusBadRequest, err.Error()
	case errors.Is(err, index.ErrDamaged):
		return http.StatusInternalServerError, err.Error()
	case errors.Is(err, context.DeadlineExceeded):
		return http.StatusServiceUnavailable, "the search took too long; try a narrower query"
	case errors.Is(err, context.Canceled):
		return http.StatusServiceUnavailable, "the search was cancelled"
	case isQueryError(err):
		return http.StatusBadRequest, "cannot read the query: " + err.Error()
	}
	return http.StatusInternalServerError, "search failed: " + err.Error()
}

// isQueryError reports whether err is about the query text (a syntax error
// in Bleve's query-string language) rather than about the index.
func isQueryError(err error) bool {
	var qe interface{ QueryError() bool }
	if errors.As(err, &qe) && qe.QueryError() {
		return true
	}
	msg := err.Error()
	return strings.Contains(msg, "syntax error") || strings.Contains(msg, "parse error") ||
		strings.Contains(msg, "error parsing")
}

// isNotFound reports whether err from ClauseView says the clause does not
// exist.
func isNotFound(err error) bool {
	if errors.Is(err, index.ErrNotFound) {
		return true
	}
	var nf interface{ NotFound() bool }
	if errors.As(err, &nf) && nf.NotFound() {
		return true
	}
	if errors.Is(err, fs.ErrNotExist) {
		return true
	}
	msg := strings.ToLower(err.Error())
	return strings.Contains(msg, "not found") || strings.Contains(msg, "no such") || strings.Contains(msg, "unknown clause")
}

// Envelope is the JSON answer of /api/search: the hits are the objects
// printed by `docindex search --json`, wrapped with the request, the
// counts and the notices; their file paths are the files' base names and
// pdf_url (on every hit, parallel and matched version) the link that
// serves the file.
type Envelope struct {
	Query      string      `json:"query"`
	Lang       string      `json:"lang,omitempty"`
	Show       string      `json:"show,omitempty"`
	Relaxed    bool        `json:"relaxed,omitempty"`
	QueryLang  string      `json:"query_lang,omitempty"`
	Notice     string      `json:"notice,omitempty"`
	Suggestion string      `json:"suggestion,omitempty"`
	Body       string      `json:"body,omitempty"`
	Symbol     string      `json:"symbol,omitempty"`
	Page       int         `json:"page"`
	Limit      int         `json:"limit"`
	Total      uint64      `json:"total"`
	TookMS     float64     `json:"took_ms"`
	Facets     Facets      `json:"facets"`
	Hits       []index.Hit `json:"hits"`
	// Documents are the hits grouped by document (group=document).
	Documents []index.DocumentHits `json:"documents,omitempty"`
}

// Facets are hit counts per language and per body.
type Facets struct {
	Languages map[string]int `json:"languages"`
	Bodies    map[string]int `json:"bodies"`
	Years     map[string]int `json:"years"`
}

func (h *Handler) apiSearch(w http.ResponseWriter, r *http.Request) {
	p, err := parseSearch(r)
	if err != nil {
		writeJSONError(w, http.StatusBadRequest, err.Error())
		return
	}
	if p.Q == "" && p.Symbol == "" {
		writeJSONError(w, http.StatusBadRequest, "missing q: give a query, e.g. /api/search?q=linguistic+diversity")
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), requestTimeout)
	defer cancel()
	res, err := h.ix.Search(ctx, p.request())
	if err != nil {
		code, msg := searchError(err)
		writeJSONError(w, code, msg)
		return
	}
	env := Envelope{
		Query: p.Q, Lang: p.Lang, Show: p.Show, Body: p.Body, Symbol: p.Symbol,
		Relaxed: res.Relaxed, QueryLang: res.QueryLang, Notice: res.Notice, Suggestion: res.Suggestion,
		Page: p.Page, Limit: p.Limit,
		Total: res.Total, TookMS: res.TookMS,
		Facets:    Facets{Languages: res.Languages, Bodies: res.Bodies, Years: res.Years},
		Hits:      res.Hits,
		Documents: res.Documents,
	}
	if env.Hits == nil {
		env.Hits = []index.Hit{}
	}
	for i := range env.Hits {
		h := &env.Hits[i]
		if h.Parallels == nil {
			h.Parallels = []index.Parallel{}
		}
		// no server paths: the base name, and the URL that serves the file
		h.PDFURL, h.File = PDFURL(h.File, h.Page), filepath.Base(h.File)
		for j := range h.Parallels {
			p := &h.Parallels[j]
			p.PDFURL, p.File = PDFURL(p.File, p.Page), filepath.Base(p.File)
		}
		if m := h.Matched; m != nil {
			m.PDFURL, m.File = PDFURL(m.File, m.Page), filepath.Base(m.File)
		}
	}
	if env.Facets.Languages == nil {
		env.Facets.Languages = map[string]int{}
	}
	if env.Facets.Bodies == nil {
		env.Facets.Bodies = map[string]int{}
	}
	if env.Facets.Years == nil {
		env.Facets.Years = map[string]int{}
	}
	writeJSON(w, http.StatusOK, env)
}

type clauseParams struct{ Symbol, ID, Lang string }

func parseClause(r *http.Request) (clauseParams, error) {
	v := r.URL.Query()
	var p clauseParams
	var err error
	if p.Symbol, err = first(v, "symbol", MaxFieldBytes); err != nil {
		return p, err
	}
	if p.ID, err = first(v, "id", MaxFieldBytes); err != nil {
		return p, err
	}
	if p.Lang, err = parseLang(v); err != nil {
		return p, err
	}
	switch {
	case p.Symbol == "" && p.ID == "":
		return p, badf("missing symbol and id: a clause is addressed as /clause?symbol=A/RES/78/265&id=para_6")
	case p.Symbol == "":
		return p, badf("missing symbol (the document symbol, e.g. A/RES/78/265, or file:<name> for a document without one)")
	case p.ID == "":
		return p, badf("missing id (the clause id, e.g. para_6__list_1__point_m)")
	}
	return p, nil
}

func (h *Handler) clauseView(r *http.Request) (*index.ClauseView, clauseParams, int, error) {
	p, err := parseClause(r)
	if err != nil {
		return nil, p, http.StatusBadRequest, err
	}
	ctx, cancel := context.WithTimeout(r.Context(), requestTimeout)
	defer cancel()
	cv, err := h.ix.ClauseView(ctx, p.Symbol, p.ID, p.Lang)
	if err == nil && cv == nil {
		err = fmt.Errorf("clause not found")
	}
	if err != nil {
		if isNotFound(err) {
			where := ""
			if p.Lang != "" {
				where = " in language " + p.Lang
			}
			return nil, p, http.StatusNotFound, fmt.Errorf("no clause %s of %s%s in the index", p.ID, p.Symbol, where)
		}
		code, msg := searchError(err)
		return nil, p, code, errors.New(msg)
	}
	return cv, p, http.StatusOK, nil
}

func (h *Handler) apiClause(w http.ResponseWriter, r *http.Request) {
	cv, _, code, err := h.clauseView(r)
	if err != nil {
		writeJSONError(w, code, err.Error())
		return
	}
	if cv.Parallels == nil {
		cv.Parallels = []index.Clause{}
	}
	writeJSON(w, http.StatusOK, cv)
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	_ = enc.Encode(v)
}

func writeJSONError(w http.ResponseWriter, code int, msg string) {
	writeJSON(w, code, map[string]any{"error": msg, "status": code})
}

// ---- HTML pages ----

// base is what the layout needs.
type base struct {
	Title         string
	Q             string
	Lang          string
	Languages     []langOption
	ShowLanguages []langOption
}

type langOption struct {
	Code, Name string
	Selected   bool
}

func newBase(title, q, lang string) base {
	b := base{Title: title, Q: q, Lang: lang, ShowLanguages: showOptions("")}
	seen := false
	for _, c := range officialLangs {
		b.Languages = append(b.Languages, langOption{Code: c, Name: langName(c), Selected: c == lang})
		seen = seen || c == lang
	}
	if lang != "" && !seen {
		b.Languages = append(b.Languages, langOption{Code: lang, Name: langName(lang), Selected: true})
	}
	return b
}

type searchPage struct {
	base
	Show       string
	Notice     string
	Relaxed    bool
	Suggestion string
	SuggestURL string
	ByDoc      bool
	Docs       []docView
	From, To   string
	Sort       string
	GroupURL   string // the same search grouped by document, or by clause when grouped
	YearFacets []facet
	AllYearURL string
	PastEnd    bool   // the page asked for is past the last one
	LastURL    string // the last page, when PastEnd
	Error      string
	Searched   bool
	Total      uint64
	TookMS     string
	Page       int
	Pages      int
	Start      int
	Hits       []hitView
	LangFacets []facet
	BodyFacets []facet
	AllLangURL string
	AllBodyURL string
	PrevURL    string
	NextURL    string
	Body       string
	Stats      *index.Stats // on the home page, when the index gives them
	StatLangs  []facet
}

// statser is the optional part of Index that counts what is indexed.
type statser interface {
	Stats(ctx context.Context) (*index.Stats, error)
}

type facet struct {
	Value, Label string
	Lang         string // lang attribute for the label, if any
	Count        int
	URL          string
	Selected     bool
}

type hitView struct {
	Matched   *matchedView
	NoShow    bool // no version in the language asked for
	Citation  string
	Language  string
	Dir       string
	Snippet   template.HTML
	Page      int
	PDFURL    string
	ClauseURL string
	Title     string
	Section   string
	Body      string
	OCR       bool
	Parallels []parallelView
}

// docView is one document of a search grouped by document.
type docView struct {
	Doc, Title, Body, Date string
	SearchURL              string // the search within this document
	Matches                int
	Hits                   []hitView
}

// matchedView is the version that matched, under a hit shown in another
// language.
type matchedView struct {
	Citation, Language, Dir string
	Snippet                 template.HTML
	ClauseURL               string
}

type parallelView struct {
	Language  string
	ClauseURL string
	PDFURL    string
	Page      int
}

// search answers the search page: the home page (what the index holds)
// without a query, else one page of hits or documents with its pager
// and facets.
func (h *Handler) search(w http.ResponseWriter, r *http.Request) {
	p, err := parseSearch(r)
	if err != nil {
		h.render(w, http.StatusBadRequest, searchTmpl, badSearchPage(r, err))
		return
	}
	title := "docindex"
	if p.Q != "" {
		title = p.Q + " – docindex"
	}
	data := searchPage{base: newBase(title, p.Q, p.Lang), Page: p.Page, Body: p.Body, Show: p.Show, ByDoc: p.ByDoc, From: p.From, To: p.To, Sort: p.Sort}
	data.ShowLanguages = showOptions(p.Show)
	ctx, cancel := context.WithTimeout(r.Context(), requestTimeout)
	defer cancel()
	if p.Q == "" && p.Symbol == "" {
		h.addStats(ctx, &data)
		h.render(w, http.StatusOK, searchTmpl, data)
		return
	}
	res, err := h.ix.Search(ctx, p.request())
	if err != nil {
		code, msg := searchError(err)
		data.Error = msg
		h.render(w, code, searchTmpl, data)
		return
	}
	data.Searched = true
	data.Notice, data.Relaxed, data.Suggestion = res.Notice, res.Relaxed, res.Suggestion
	if res.Suggestion != "" {
		data.SuggestURL = p.url(func(q *params) { q.Q = res.Suggestion; q.Page = 1 })
	}
	data.Total = res.Total
	data.TookMS = strconv.FormatFloat(res.TookMS, 'f', 1, 64)
	data.setPager(p, res)
	data.setResults(p, res)
	data.setFacets(p, res)
	h.render(w, http.StatusOK, searchTmpl, data)
}

// badSearchPage is the page of a request whose parameters are wrong: the
// reason, and the query back in the search box unless it is too long or
// not UTF-8.
func badSearchPage(r *http.Request, err error) searchPage {
	data := searchPage{base: newBase("Bad request", r.URL.Query().Get("q"), ""), Error: err.Error()}
	if len(data.Q) > MaxQueryBytes || !utf8.ValidString(data.Q) {
		data.Q = ""
	}
	return data
}

// addStats puts on the home page (no query) what the index holds, when
// the index counts it.
func (h *Handler) addStats(ctx context.Context, data *searchPage) {
	if s, ok := h.ix.(statser); ok {
		if st, err := s.Stats(ctx); err == nil {
			data.Stats = st
			data.StatLangs = facets(st.Languages, "", true, func(string) string { return "" })
		}
	}
}

// setPager sets the page links of a result: pages of p.Limit hits (at
// most MaxPage); a page past the last one says so and links to the last
// one instead of a pager. Grouped by document, pages count documents (of
// the first index.GroupWindow hits), and a page with fewer documents
// than p.Limit is the last one.
func (data *searchPage) setPager(p params, res *index.SearchResult) {
	data.Start = (p.Page-1)*p.Limit + 1
	data.Pages = int(math.Ceil(float64(res.Total) / float64(p.Limit)))
	if data.Pages > MaxPage {
		data.Pages = MaxPage
	}
	if p.Page > 1 && p.Page > data.Pages && data.Pages > 0 {
		// past the last page: say so and link to it, no pager
		data.PastEnd = true
		data.LastURL = p.url(func(q *params) { q.Page = data.Pages })
	} else if p.Page > 1 {
		data.PrevURL = p.url(func(q *params) { q.Page-- })
	}
	if p.Page < data.Pages {
		data.NextURL = p.url(func(q *params) { q.Page++ })
	}
	data.GroupURL = p.url(func(q *params) { q.ByDoc = !q.ByDoc; q.Page = 1 })
	if p.ByDoc {
		data.Pages = int(math.Ceil(float64(min(res.Total, index.GroupWindow)) / float64(p.Limit)))
		if len(res.Documents) < p.Limit {
			data.Pages = p.Page
		}
		data.NextURL = ""
		if p.Page < data.Pages {
			data.NextURL = p.url(func(q *params) { q.Page++ })
		}
	}
}

// setResults sets the hits of a result, or its documents (each with its
// hits and a link to the search within it) when grouped by document.
func (data *searchPage) setResults(p params, res *index.SearchResult) {
	if !p.ByDoc {
		for _, hit := range res.Hits {
			data.Hits = append(data.Hits, newHitView(hit))
		}
		return
	}
	for _, d := range res.Documents {
		dv := docView{Doc: d.Doc, Title: d.Title, Body: d.Body, Date: d.Date, Matches: d.Matches,
			SearchURL: p.url(func(q *params) { q.Symbol = d.Doc; q.ByDoc = false; q.Page = 1 })}
		for _, hit := range d.Hits {
			dv.Hits = append(dv.Hits, newHitView(hit))
		}
		data.Docs = append(data.Docs, dv)
	}
}

// setFacets sets the facets of a result (years, newest first; languages;
// bodies), each value a link to the search narrowed to it, and the links
// that take a chosen year, language or body away.
func (data *searchPage) setFacets(p params, res *index.SearchResult) {
	data.YearFacets = facets(res.Years, yearSelected(p), false, func(v string) string {
		return p.url(func(q *params) { q.From, q.To = v, v; q.Page = 1 })
	})
	sort.Slice(data.YearFacets, func(i, j int) bool { return data.YearFacets[i].Value > data.YearFacets[j].Value })
	if p.From != "" || p.To != "" {
		data.AllYearURL = p.url(func(q *params) { q.From, q.To = "", ""; q.Page = 1 })
	}
	data.LangFacets = facets(res.Languages, p.Lang, true, func(v string) string {
		return p.url(func(q *params) { q.Lang = v; q.Page = 1 })
	})
	data.BodyFacets = facets(res.Bodies, p.Body, false, func(v string) string {
		return p.url(func(q *params) { q.Body = v; q.Page = 1 })
	})
	if p.Lang != "" {
		data.AllLangURL = p.url(func(q *params) { q.Lang = ""; q.Page = 1 })
	}
	if p.Body != "" {
		data.AllBodyURL = p.url(func(q *params) { q.Body = ""; q.Page = 1 })
	}
}

func facets(counts map[string]int, selected string, isLang bool, link func(string) string) []facet {
	var out []facet
	for v, n := range counts {
		if v == "" {
			continue
		}
		f := facet{Value: v, Label: v, Count: n, URL: link(v), Selected: v == selected}
		if isLang {
			f.Label = langName(v)
			f.Lang = v
		}
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Value < out[j].Value
	})
	return out
}

func newHitView(h index.Hit) hitView {
	v := hitView{
		NoShow:    h.NoShowVersion,
		Citation:  h.Citation,
		Language:  h.Language,
		Dir:       dir(h.Language),
		Snippet:   SafeSnippet(h.Snippet),
		Page:      h.Page,
		PDFURL:    PDFURL(h.File, h.Page),
		ClauseURL: ClauseURL(docOf(h.Doc, h.Symbol), h.ID, h.Language),
		Title:     h.Title,
		Section:   h.Section,
		Body:      h.Body,
		OCR:       h.OCR,
	}
	if v.Citation == "" {
		v.Citation = h.Symbol + " " + h.ID
	}
	if v.Snippet == "" {
		v.Snippet = template.HTML(template.HTMLEscapeString(truncate(h.Text, 400)))
	}
	for _, p := range h.Parallels {
		v.Parallels = append(v.Parallels, parallelView{
			Language:  p.Language,
			ClauseURL: ClauseURL(docOf(h.Doc, h.Symbol), h.ID, p.Language),
			PDFURL:    PDFURL(p.File, p.Page),
			Page:      p.Page,
		})
	}
	sort.Slice(v.Parallels, func(i, j int) bool { return v.Parallels[i].Language < v.Parallels[j].Language })
	if m := h.Matched; m != nil {
		v.Matched = &matchedView{
			Citation: m.Citation, Language: m.Language, Dir: dir(m.Language),
			Snippet:   SafeSnippet(m.Snippet),
			ClauseURL: ClauseURL(docOf(h.Doc, h.Symbol), h.ID, m.Language),
		}
	}
	return v
}

// yearSelected is the year that from and to both name, if they do.
func yearSelected(p params) string {
	if p.From == p.To && len(p.From) == 4 {
		return p.From
	}
	return ""
}

// showOptions are the choices of the "show in" menu.
func showOptions(show string) []langOption {
	var out []langOption
	for _, c := range officialLangs {
		out = append(out, langOption{Code: c, Name: langName(c), Selected: c == show})
	}
	return out
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

type clausePage struct {
	base
	Citation  string
	Symbol    string
	Section   string
	Main      versionView
	Parallels []versionView
	PrevURL   string
	NextURL   string
	PrevID    string
	NextID    string
	SearchURL string
}

type versionView struct {
	Language  string
	Dir       string
	Text      string
	Footnotes []string
	Page      int
	PDFURL    string
	ClauseURL string
	Citation  string
	Main      bool
}

func newVersion(c index.Clause) versionView {
	return versionView{
		Language:  c.Language,
		Dir:       dir(c.Language),
		Text:      c.Text,
		Footnotes: c.Footnotes,
		Page:      c.Page,
		PDFURL:    PDFURL(c.File, c.Page),
		ClauseURL: ClauseURL(docOf(c.Doc, c.Symbol), c.ID, c.Language),
		Citation:  c.Citation,
	}
}

// docOf is the address of a document for ClauseView: Doc when the index
// gives it (the symbol, or "file:<name>" for a document without one), else
// the symbol.
func docOf(doc, symbol string) string {
	if doc != "" {
		return doc
	}
	return symbol
}

func (h *Handler) clause(w http.ResponseWriter, r *http.Request) {
	cv, p, code, err := h.clauseView(r)
	if err != nil {
		h.errorPage(w, r, code, err.Error())
		return
	}
	c := cv.Clause
	data := clausePage{
		base:     newBase(c.Citation+" – docindex", "", ""),
		Citation: c.Citation,
		Symbol:   c.Symbol,
		Section:  c.Section,
		Main:     newVersion(c),
		PrevID:   index.ReadableID(cv.PrevID),
		NextID:   index.ReadableID(cv.NextID),
	}
	if data.Citation == "" {
		data.Citation = c.Symbol + " " + c.ID
	}
	data.Main.Main = true
	doc := docOf(c.Doc, c.Symbol)
	if doc == "" {
		doc = p.Symbol
	}
	for _, pc := range cv.Parallels {
		data.Parallels = append(data.Parallels, newVersion(pc))
	}
	sort.Slice(data.Parallels, func(i, j int) bool {
		return langOrder(data.Parallels[i].Language) < langOrder(data.Parallels[j].Language)
	})
	if cv.PrevID != "" {
		data.PrevURL = ClauseURL(doc, cv.PrevID, c.Language)
	}
	if cv.NextID != "" {
		data.NextURL = ClauseURL(doc, cv.NextID, c.Language)
	}
	if c.Symbol != "" && !strings.HasPrefix(doc, "file:") {
		data.SearchURL = params{Q: c.Symbol, Limit: DefaultLimit, Page: 1}.url(nil)
	}
	if data.Symbol == "" {
		data.Symbol = doc
	}
	h.render(w, http.StatusOK, clauseTmpl, data)
}

type errorPage struct {
	base
	Status  int
	Text    string
	Message string
}

func (h *Handler) errorPage(w http.ResponseWriter, r *http.Request, code int, msg string) {
	h.render(w, code, errorTmpl, errorPage{
		base:    newBase(http.StatusText(code)+" – docindex", "", ""),
		Status:  code,
		Text:    http.StatusText(code),
		Message: msg,
	})
}

func (h *Handler) render(w http.ResponseWriter, code int, t *template.Template, data any) {
	var b strings.Builder
	if err := t.ExecuteTemplate(&b, "layout", data); err != nil {
		h.log.Printf("template: %v", err)
		http.Error(w, "internal error rendering the page", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	io.WriteString(w, b.String())
}

// ---- PDFs ----

// PDFURL is the address of the indexed file path opened at page (1-based;
// 0 for none). The path travels as an opaque token and is served only if
// the index records it.
func PDFURL(path string, page int) string {
	if path == "" {
		return ""
	}
	name := filepath.Base(path)
	if !strings.HasSuffix(strings.ToLower(name), ".pdf") {
		name += ".pdf"
	}
	u := "/pdf/" + base64.RawURLEncoding.EncodeToString([]byte(path)) + "/" + url.PathEscape(name)
	if page > 0 {
		u += "#page=" + strconv.Itoa(page)
	}
	return u
}

// ClauseURL is the address of the clause view.
func ClauseURL(symbol, id, lang string) string {
	v := url.Values{}
	v.Set("symbol", symbol)
	v.Set("id", id)
	if lang != "" {
		v.Set("lang", lang)
	}
	return "/clause?" + v.Encode()
}

// ---- languages ----

var officialLangs = []string{"ar", "zh", "en", "fr", "ru", "es"}

var langNames = map[string]string{
	"ar": "العربية", "zh": "中文", "en": "English", "fr": "Français",
	"ru": "Русский", "es": "Español", "de": "Deutsch", "pt": "Português",
	"fa": "فارسی", "he": "עברית", "ur": "اردو",
}

func langName(code string) string {
	if n, ok := langNames[code]; ok {
		return n
	}
	return code
}

func langOrder(code string) int {
	for i, c := range officialLangs {
		if c == code {
			return i
		}
	}
	return len(officialLangs)
}

var rtlLangs = map[string]bool{
	"ar": true, "he": true, "fa": true, "ur": true, "yi": true, "ps": true,
	"sd": true, "ug": true, "dv": true, "ckb": true, "syr": true,
}

// dir is the text direction of a language: "rtl" or "ltr".
func dir(lang string) string {
	if rtlLangs[lang] {
		return "rtl"
	}
	return "ltr"
}
