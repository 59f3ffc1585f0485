package web

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html"
	"html/template"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/docindex/docindex/index"
)

// The testdata documents: A/RES/99/101 in the six languages (fictional
// resolution written for the tests). Operative paragraph 3 is about the
// digitization of documents; in Arabic it reads "رقمنة الوثائق".
const (
	testSymbol = "A/RES/99/101"
	enWord     = "digitization"
	enQuery    = "+digitization +electronic" // para. 3 only, not the report A/99/345
	arWord     = "رقمنة"
	multiQ     = "documents documentos документов 文件 الوثائق"
)

func TestSearchPage(t *testing.T) {
	h := testHandler(t)
	r := get(t, h, "/search?q="+url.QueryEscape(enQuery))
	if r.Code != 200 {
		t.Fatalf("status %d: %s", r.Code, r.Body)
	}
	if ct := r.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	contains(t, "search page", r.Body,
		`<meta name="viewport"`,
		`href="/static/style.css"`,
		testSymbol,
		`<mark>`,
		`class="snippet" lang="en" dir="ltr"`,
		`href="/clause?`,
		`#page=`,
		`href="/pdf/`,
		`<h2>Language</h2>`,
	)
	contains(t, "search page", html.UnescapeString(r.Body), `value="`+enQuery+`"`)
	if !regexp.MustCompile(`(?i)<mark>digiti[sz]ation</mark>`).MatchString(r.Body) {
		t.Errorf("the query word is not highlighted")
	}
	if strings.Contains(r.Body, "<script") {
		t.Errorf("page contains a script element; the page must work without JavaScript")
	}
	if csp := r.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") {
		t.Errorf("CSP %q", csp)
	}
	// Every snippet has a lang attribute.
	snips := regexp.MustCompile(`<p class="snippet"[^>]*>`).FindAllString(r.Body, -1)
	if len(snips) == 0 {
		t.Fatal("no snippets")
	}
	for _, s := range snips {
		if !regexp.MustCompile(`lang="[a-z]{2,3}"`).MatchString(s) {
			t.Errorf("snippet without lang: %s", s)
		}
	}
}

func TestHomePage(t *testing.T) {
	h := testHandler(t)
	r := get(t, h, "/")
	if r.Code != 200 {
		t.Fatalf("status %d", r.Code)
	}
	contains(t, "home", r.Body, `<form class="search" action="/search" method="get"`, `name="q"`, `name="lang"`)
	if strings.Contains(r.Body, `class="hit"`) {
		t.Error("home page shows hits without a query")
	}
	st, err := fixture.ix.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	contains(t, "home", r.Body, fmt.Sprintf("The index holds <strong>%d</strong> clauses from <strong>%d</strong> files:", st.Clauses, st.Files))
	for lg, n := range st.Languages {
		contains(t, "home", r.Body, fmt.Sprintf(`<span lang="%s">%s</span> %d`, lg, langName(lg), n))
	}
}

func TestSearchFacetsAndFilters(t *testing.T) {
	h := testHandler(t)
	// "documents" in five languages at once (terms without + or - are
	// alternatives in Bleve's query-string syntax).
	q := multiQ
	env := apiSearch(t, h, url.Values{"q": {q}, "limit": {"100"}})
	if len(env.Facets.Languages) < 3 {
		t.Fatalf("want hits in several languages, facets %v", env.Facets.Languages)
	}
	sum := 0
	for _, n := range env.Facets.Languages {
		sum += n
	}
	if uint64(sum) != env.Total {
		t.Errorf("language facet counts sum to %d, total %d", sum, env.Total)
	}
	if env.Facets.Bodies["General Assembly"] == 0 {
		t.Errorf("no General Assembly in body facet %v", env.Facets.Bodies)
	}
	// The page shows each language facet as a link with its count.
	page := get(t, h, "/search?"+url.Values{"q": {q}}.Encode())
	for lg, n := range env.Facets.Languages {
		link := params{Q: q, Lang: lg, Limit: DefaultLimit, Page: 1}.url(nil)
		re := regexp.MustCompile(`<a href="` + regexp.QuoteMeta(link) + `"><span lang="` + lg + `">[^<]+</span> <span class="n">` + fmt.Sprint(n) + `</span></a>`)
		if !re.MatchString(html.UnescapeString(page.Body)) {
			t.Errorf("no facet link for %s (%d) in page", lg, n)
		}
	}
	contains(t, "body facet", page.Body, `General Assembly <span class="n">`)

	// Following a language facet restricts the hits to that language.
	for lg, n := range env.Facets.Languages {
		f := apiSearch(t, h, url.Values{"q": {q}, "lang": {lg}, "limit": {"100"}})
		if f.Total != uint64(n) {
			t.Errorf("lang=%s: total %d, facet said %d", lg, f.Total, n)
		}
		for _, hit := range f.Hits {
			if hit.Language != lg {
				t.Errorf("lang=%s: hit in %s: %s", lg, hit.Language, hit.Citation)
			}
		}
		p := get(t, h, "/search?"+url.Values{"q": {q}, "lang": {lg}}.Encode())
		if strings.Count(p.Body, `class="snippet" lang="`+lg+`"`) != strings.Count(p.Body, `class="snippet"`) {
			t.Errorf("lang=%s page shows snippets in other languages", lg)
		}
		contains(t, "filtered page", p.Body, `class="sel" aria-current="true"`, `>All languages</a>`)
	}
	// The body filter.
	b := apiSearch(t, h, url.Values{"q": {q}, "body": {"General Assembly"}})
	if b.Total == 0 {
		t.Error("body=General Assembly: no hits")
	}
	for _, hit := range b.Hits {
		if hit.Body != "General Assembly" {
			t.Errorf("body filter: hit of %q", hit.Body)
		}
	}
}

func TestPaging(t *testing.T) {
	h := testHandler(t)
	q := multiQ
	all := apiSearch(t, h, url.Values{"q": {q}, "limit": {"100"}})
	if all.Total < 4 {
		t.Skipf("only %d hits", all.Total)
	}
	p1 := apiSearch(t, h, url.Values{"q": {q}, "limit": {"2"}})
	p2 := apiSearch(t, h, url.Values{"q": {q}, "limit": {"2"}, "page": {"2"}})
	if len(p1.Hits) != 2 || len(p2.Hits) != 2 {
		t.Fatalf("page sizes %d, %d", len(p1.Hits), len(p2.Hits))
	}
	key := func(x index.Hit) string { return x.File + "#" + x.ID }
	if key(p2.Hits[0]) != key(all.Hits[2]) || key(p1.Hits[1]) != key(all.Hits[1]) {
		t.Errorf("page 2 does not continue page 1")
	}
	page := get(t, h, "/search?"+url.Values{"q": {q}, "limit": {"2"}, "page": {"2"}}.Encode())
	contains(t, "pager", page.Body, `rel="prev"`, `rel="next"`, `<ol class="hits" start="3">`)
}

func TestArabicHitIsRTL(t *testing.T) {
	h := testHandler(t)
	hit := firstHit(t, h, arWord, "")
	if hit.Language != "ar" || hit.Symbol != testSymbol {
		t.Fatalf("first hit for %s: %s in %s", arWord, hit.Citation, hit.Language)
	}
	r := get(t, h, "/search?q="+url.QueryEscape(arWord))
	contains(t, "arabic search", r.Body, `class="snippet" lang="ar" dir="rtl"`, `<mark>`)
}

func TestClauseView(t *testing.T) {
	h := testHandler(t)
	hit := firstHit(t, h, enQuery, "en")
	if hit.Symbol != testSymbol || hit.ID != "para_3" {
		t.Errorf("first hit for %q: %s %s (want %s para_3)", enQuery, hit.Symbol, hit.ID, testSymbol)
	}
	if len(hit.Parallels) < 5 {
		t.Errorf("hit has %d parallels, want the 5 other languages: %+v", len(hit.Parallels), hit.Parallels)
	}
	// The search page links to the clause view of the hit.
	link := ClauseURL(docOf(hit.Doc, hit.Symbol), hit.ID, "en")
	page := get(t, h, "/search?lang=en&q="+url.QueryEscape(enQuery))
	hasLink(t, "search page", page.Body, link)

	r := get(t, h, link)
	if r.Code != 200 {
		t.Fatalf("%s: status %d: %s", link, r.Code, r.Body)
	}
	contains(t, "clause view", r.Body,
		hit.Citation,
		`<article class="version main" lang="en" dir="ltr">`,
		`<article class="version" lang="ar" dir="rtl">`,
		`<article class="version" lang="fr" dir="ltr">`,
		`<article class="version" lang="zh" dir="ltr">`,
		`rel="prev"`, `rel="next"`,
		"digitization", "رقمنة",
	)
	// Each version links to its own PDF at its page.
	var cv index.ClauseView
	api := get(t, h, "/api/clause?"+url.Values{"symbol": {docOf(hit.Doc, hit.Symbol)}, "id": {hit.ID}, "lang": {"en"}}.Encode())
	if api.Code != 200 {
		t.Fatalf("/api/clause: %d %s", api.Code, api.Body)
	}
	if err := json.Unmarshal([]byte(api.Body), &cv); err != nil {
		t.Fatal(err)
	}
	if cv.Clause.Language != "en" || cv.Clause.ID != hit.ID {
		t.Errorf("api clause %s %s", cv.Clause.Language, cv.Clause.ID)
	}
	langs := map[string]bool{}
	for _, p := range cv.Parallels {
		langs[p.Language] = true
		if p.ID != hit.ID {
			t.Errorf("parallel %s has id %s", p.Language, p.ID)
		}
		hasLink(t, "clause view", r.Body, PDFURL(p.File, p.Page))
	}
	for _, lg := range []string{"ar", "es", "fr", "ru", "zh"} {
		if !langs[lg] {
			t.Errorf("clause view lacks the %s version", lg)
		}
	}
	if cv.PrevID == "" || cv.NextID == "" {
		t.Fatalf("para 3 should have neighbours: prev %q next %q", cv.PrevID, cv.NextID)
	}
	// Previous/next navigation leads to the neighbouring clauses.
	next := get(t, h, ClauseURL(docOf(hit.Doc, hit.Symbol), cv.NextID, "en"))
	if next.Code != 200 {
		t.Fatalf("next clause: %d", next.Code)
	}
	hasLink(t, "next clause", next.Body, ClauseURL(docOf(hit.Doc, hit.Symbol), hit.ID, "en"))

	// Opening the Arabic version makes it the main one, right to left.
	ar := get(t, h, ClauseURL(docOf(hit.Doc, hit.Symbol), hit.ID, "ar"))
	contains(t, "arabic clause view", ar.Body, `<article class="version main" lang="ar" dir="rtl">`, `<article class="version" lang="en" dir="ltr">`)
}

func TestAPISearchShape(t *testing.T) {
	h := testHandler(t)
	r := get(t, h, "/api/search?q="+enWord)
	if r.Code != 200 {
		t.Fatalf("status %d", r.Code)
	}
	if ct := r.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(r.Body), &raw); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"query", "page", "limit", "total", "took_ms", "facets", "hits"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("envelope lacks %q", k)
		}
	}
	var facets map[string]map[string]int
	if err := json.Unmarshal(raw["facets"], &facets); err != nil || facets["languages"] == nil || facets["bodies"] == nil {
		t.Errorf("facets %s: %v", raw["facets"], err)
	}
	var hits []map[string]json.RawMessage
	if err := json.Unmarshal(raw["hits"], &hits); err != nil || len(hits) == 0 {
		t.Fatalf("hits %v", err)
	}
	for _, k := range []string{"symbol", "id", "language", "page", "file", "score", "snippet", "citation", "parallels"} {
		if _, ok := hits[0][k]; !ok {
			t.Errorf("hit lacks %q", k)
		}
	}
	// Same objects as index.Search (and so as `docindex search --json`),
	// with the file's base name instead of its path on the server and the
	// URL serving it.
	res, err := fixture.ix.Search(context.Background(), index.SearchRequest{Query: enWord, Limit: DefaultLimit})
	if err != nil {
		t.Fatal(err)
	}
	env := apiSearch(t, h, url.Values{"q": {enWord}})
	if len(env.Hits) != len(res.Hits) || env.Total != res.Total {
		t.Fatalf("api %d/%d hits, index %d/%d", len(env.Hits), env.Total, len(res.Hits), res.Total)
	}
	for i := range res.Hits {
		want := res.Hits[i]
		want.PDFURL, want.File = PDFURL(want.File, want.Page), filepath.Base(want.File)
		for j := range want.Parallels {
			p := &want.Parallels[j]
			p.PDFURL, p.File = PDFURL(p.File, p.Page), filepath.Base(p.File)
		}
		if strings.Contains(string(raw["hits"]), `"file":"/`) || want.PDFURL == "" {
			t.Errorf("API hits hold server paths or no PDF URL: %.300s", raw["hits"])
		}
		a, _ := json.Marshal(env.Hits[i])
		b, _ := json.Marshal(want)
		if string(a) != string(b) {
			t.Errorf("hit %d differs:\napi   %s\nindex %s", i, a, b)
		}
	}
	// An empty result is an empty list, not null.
	none := get(t, h, "/api/search?q=zzzqqqxxyy")
	if !strings.Contains(none.Body, `"hits":[]`) {
		t.Errorf("no-hit envelope: %s", none.Body)
	}
}

func TestBadRequests(t *testing.T) {
	h := testHandler(t)
	long := strings.Repeat("a", MaxQueryBytes+1)
	cases := []struct {
		target string
		code   int
		msg    string
	}{
		{"/search?q=" + long, 400, "q is too long: 501 bytes, at most 500"},
		{"/api/search?q=" + long, 400, "q is too long"},
		{"/search?q=x&page=0", 400, "page &#34;0&#34; is not a whole number from 1 to 1000"},
		{"/search?q=x&page=abc", 400, "page &#34;abc&#34; is not a whole number"},
		{"/search?q=x&page=1001", 400, "from 1 to 1000"},
		{"/search?q=x&page=-3", 400, "page"},
		{"/api/search?q=x&page=2.5", 400, `page \"2.5\" is not a whole number`},
		{"/api/search?q=x&limit=0", 400, "limit"},
		{"/api/search?q=x&limit=101", 400, "from 1 to 100"},
		{"/search?q=x&lang=english", 400, "is not a language code"},
		{"/search?q=x&show=english", 400, "is not a language code"},
		{"/api/search?q=x&lang=e1", 400, "is not a language code"},
		{"/api/search?q=x&body=" + strings.Repeat("b", 201), 400, "body is too long"},
		{"/search?q=%ff%fe", 400, "not valid UTF-8"},
		{"/api/search", 400, "missing q"},
		{"/clause", 400, "missing symbol and id"},
		{"/clause?symbol=" + url.QueryEscape(testSymbol), 400, "missing id"},
		{"/clause?id=para_3", 400, "missing symbol"},
		{"/api/clause?id=para_3", 400, "missing symbol"},
		{"/clause?symbol=A/RES/99/101&id=para_3&lang=xx1", 400, "is not a language code"},
		{"/clause?symbol=A/RES/99/101&id=para_999", 404, "no clause para_999 of A/RES/99/101"},
		{"/api/clause?symbol=A/RES/12/345&id=para_1", 404, "no clause para_1 of A/RES/12/345"},
		{"/nothing/here", 404, "no such page"},
	}
	for _, c := range cases {
		r := get(t, h, c.target)
		if r.Code != c.code {
			t.Errorf("%.80s: status %d, want %d: %.300s", c.target, r.Code, c.code, r.Body)
			continue
		}
		if !strings.Contains(r.Body, c.msg) {
			t.Errorf("%.80s: body lacks %q: %.400s", c.target, c.msg, r.Body)
		}
		if strings.HasPrefix(c.target, "/api/") {
			var e struct {
				Error  string `json:"error"`
				Status int    `json:"status"`
			}
			if err := json.Unmarshal([]byte(r.Body), &e); err != nil || e.Error == "" || e.Status != c.code {
				t.Errorf("%s: API error is not JSON {error,status}: %s", c.target, r.Body)
			}
		}
	}
	// Read-only: no other methods.
	for _, m := range []string{"POST", "PUT", "DELETE"} {
		r := do(t, h, m, "/search?q=x")
		if r.Code != http.StatusMethodNotAllowed || !strings.Contains(r.Body, "read-only") {
			t.Errorf("%s: %d %q", m, r.Code, r.Body)
		}
	}
	if r := do(t, h, "HEAD", "/search?q="+enWord); r.Code != 200 {
		t.Errorf("HEAD: %d", r.Code)
	}
}

func TestXSSProbe(t *testing.T) {
	h := testHandler(t)
	probes := []string{
		`<script>alert(1)</script>`,
		`"><img src=x onerror=alert(1)>`,
		`'><svg onload=alert(1)>`,
		`javascript:alert(1)`,
	}
	// A tag of the probe, or any tag with an event-handler attribute.
	quotedAttr := regexp.MustCompile(`="[^"]*"`)
	tag := regexp.MustCompile(`(?i)<(script|img|svg)\b|<[a-z][^>]*\son[a-z]+\s*=`)
	for _, p := range probes {
		for _, target := range []string{
			"/search?q=" + url.QueryEscape(p),
			"/search?q=" + url.QueryEscape(enWord+" "+p),
			"/search?q=x&lang=" + url.QueryEscape(p),
			"/search?q=x&body=" + url.QueryEscape(p),
			"/search?q=x&page=" + url.QueryEscape(p),
			"/clause?symbol=" + url.QueryEscape(p) + "&id=" + url.QueryEscape(p),
			"/api/search?q=" + url.QueryEscape(p),
			"/api/clause?symbol=" + url.QueryEscape(p) + "&id=x",
			"/" + url.PathEscape(p),
		} {
			r := get(t, h, target)
			if r.Code >= 500 {
				t.Errorf("%s: status %d", target, r.Code)
			}
			// Attribute values are always double-quoted by html/template,
			// with " inside escaped; drop them so that escaped text inside
			// a value (value="&#34;&gt;&lt;img onerror=…") is not taken
			// for markup, then look for tags and handlers.
			body := quotedAttr.ReplaceAllString(r.Body, `=""`)
			if loc := tag.FindStringIndex(body); loc != nil {
				t.Errorf("%s: unescaped markup in the body: …%s…", target, body[max(0, loc[0]-60):min(len(body), loc[1]+60)])
			}
		}
		// The query box shows the probe back as text.
		r := get(t, h, "/search?q="+url.QueryEscape(p))
		if r.Code == 200 {
			contains(t, "probe echo", r.Body, `value="`+template.HTMLEscapeString(p)+`"`)
		}
	}
}

func TestSafeSnippet(t *testing.T) {
	cases := []struct{ in, want string }{
		{"plain text", "plain text"},
		{"the <mark>digitization</mark> of documents", "the <mark>digitization</mark> of documents"},
		{"a &lt;b&gt; &amp; c &#34;q&#34; <mark>x</mark>", "a &lt;b&gt; &amp; c &#34;q&#34; <mark>x</mark>"},
		{"&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;script&gt;alert(1)&lt;/script&gt;"},
		{"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
		{`"><img src=x onerror=alert(1)>`, "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;"},
		{"<mark onclick=x>a</mark>", "&lt;mark onclick=x&gt;a"},
		{"<mark>open", "<mark>open</mark>"},
		{"stray</mark> <mark><mark>double</mark></mark>", "stray <mark>double</mark>"},
		{"&lt;mark&gt;not a tag&lt;/mark&gt;", "&lt;mark&gt;not a tag&lt;/mark&gt;"},
		{"<MARK>x</MARK>", "&lt;MARK&gt;x&lt;/MARK&gt;"},
		{"a < b", "a &lt; b"},
		{"إتاحة <mark>الوثائق</mark> العامة", "إتاحة <mark>الوثائق</mark> العامة"},
	}
	for _, c := range cases {
		if got := string(SafeSnippet(c.in)); got != c.want {
			t.Errorf("SafeSnippet(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}

func TestPDF(t *testing.T) {
	h := testHandler(t)
	hit := firstHit(t, h, enQuery, "en")
	u := PDFURL(hit.File, hit.Page)
	if !strings.HasSuffix(u, fmt.Sprintf("#page=%d", hit.Page)) || hit.Page < 1 {
		t.Errorf("PDF URL %s for page %d", u, hit.Page)
	}
	path := strings.SplitN(u, "#", 2)[0]
	r := get(t, h, path)
	if r.Code != 200 {
		t.Fatalf("%s: %d %s", path, r.Code, r.Body)
	}
	if r.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(r.Body, "%PDF-") {
		t.Errorf("not a PDF: %q %.20q", r.Header.Get("Content-Type"), r.Body)
	}
	want, err := os.ReadFile(hit.File)
	if err != nil {
		t.Fatal(err)
	}
	if r.Body != string(want) {
		t.Errorf("served %d bytes, file has %d", len(r.Body), len(want))
	}
	// Range requests work (PDF viewers use them).
	req, _ := http.NewRequest("GET", path, nil)
	req.Header.Set("Range", "bytes=0-4")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusPartialContent || rec.Body.String() != "%PDF-" {
		t.Errorf("range: %d %q", rec.Code, rec.Body.String())
	}

	tok := func(p string) string { return "/pdf/" + base64.RawURLEncoding.EncodeToString([]byte(p)) + "/x.pdf" }
	root, _ := repoRoot()
	refused := []string{
		tok("/etc/passwd"),
		tok("../../../../../../etc/passwd"),
		tok(filepath.Dir(hit.File) + "/../" + filepath.Base(filepath.Dir(hit.File)) + "/" + filepath.Base(hit.File)),
		tok(filepath.Dir(hit.File) + "//" + filepath.Base(hit.File)),
		tok(filepath.Dir(hit.File) + "/./" + filepath.Base(hit.File)),
		tok(hit.File + "/../" + filepath.Base(hit.File)),
		tok(filepath.Join(root, "go.mod")),
		tok(filepath.Dir(hit.File)),
		tok(hit.File + "\x00"),
		"/pdf/../../../../etc/passwd",
		"/pdf/" + url.PathEscape("../../../../etc/passwd") + "/x.pdf",
		"/pdf/%2e%2e%2f%2e%2e%2fetc%2fpasswd/x.pdf",
		"/pdf/not*base64/x.pdf",
		"/pdf/",
	}
	for _, target := range refused {
		r := get(t, h, target)
		if r.Code == 200 || strings.Contains(r.Body, "root:") || strings.Contains(r.Body, "module github.com") {
			t.Errorf("%s: served (%d)", target, r.Code)
		}
	}
}

func TestStaticAndLog(t *testing.T) {
	h := testHandler(t)
	r := get(t, h, "/static/style.css")
	if r.Code != 200 || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/css") || !strings.Contains(r.Body, "mark{") {
		t.Errorf("style.css: %d %q", r.Code, r.Header.Get("Content-Type"))
	}
	get(t, h, "/search?q=logprobe123")
	if !regexp.MustCompile(`127\.0\.0\.1 GET "/search\?q=logprobe123" 200 \d+B [0-9.]+ms`).MatchString(accessLog()) {
		t.Errorf("no access log line for the request in:\n%s", accessLog())
	}
}

func TestServeShutdown(t *testing.T) {
	h := testHandler(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, ln, h) }()
	resp, err := http.Get("http://" + ln.Addr().String() + "/search?q=" + enWord)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("status %d", resp.StatusCode)
	}
	cancel()
	waitServe(t, done, 15*time.Second)
	if _, err := http.Get("http://" + ln.Addr().String() + "/"); err == nil {
		t.Error("server still answers after shutdown")
	}
}

// panicky is the real index with a Search that panics, as a bug in the
// index would.
type panicky struct{ Index }

func (panicky) Search(context.Context, index.SearchRequest) (*index.SearchResult, error) {
	panic("boom")
}

func TestPanicIsA500(t *testing.T) {
	testHandler(t)
	var logBuf strings.Builder
	h := New(panicky{fixture.ix}, Options{Log: log.New(&logBuf, "", 0)})
	r := get(t, h, "/search?q="+enWord)
	if r.Code != 500 || !strings.Contains(r.Body, "internal error") {
		t.Errorf("status %d: %.200s", r.Code, r.Body)
	}
	if !strings.Contains(logBuf.String(), "panic serving /search?q="+enWord+": boom") || !strings.Contains(logBuf.String(), `" 500 `) {
		t.Errorf("log:\n%s", logBuf.String())
	}
	// The other pages still work.
	if r := get(t, h, ClauseURL(testSymbol, "para_3", "en")); r.Code != 200 {
		t.Errorf("clause view after a panic: %d", r.Code)
	}
}

// waitServe waits for Serve to return (its error on done) after its
// context was cancelled, failing the test when it returns an error or
// does not return within limit.
func waitServe(t *testing.T, done <-chan error, limit time.Duration) {
	t.Helper()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve: %v", err)
		}
	case <-time.After(limit):
		t.Fatalf("Serve did not return within %v of cancel", limit)
	}
}
