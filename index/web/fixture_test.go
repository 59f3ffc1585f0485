package web

import (
	"bytes"
	"context"
	"encoding/json"
	"html"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/docindex/docindex/extract"
	"github.com/docindex/docindex/index"
	"github.com/docindex/docindex/lang"
)

// The fixture is one real index built from the project's testdata PDFs
// (testdata/pdf/<lang>/), shared by all tests of the package.
var fixture struct {
	once    sync.Once
	dir     string // temp dir holding the index
	pdfDir  string
	ix      *index.Index
	skip    string
	err     error
	logMu   sync.Mutex
	logBuf  bytes.Buffer
	handler *Handler
}

// syncWriter serialises writes to the shared access log buffer.
type syncWriter struct{}

func (syncWriter) Write(p []byte) (int, error) {
	fixture.logMu.Lock()
	defer fixture.logMu.Unlock()
	return fixture.logBuf.Write(p)
}

func accessLog() string {
	fixture.logMu.Lock()
	defer fixture.logMu.Unlock()
	return fixture.logBuf.String()
}

// repoRoot walks up from the package directory to the directory with go.mod.
func repoRoot() (string, error) {
	d, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d, nil
		}
		p := filepath.Dir(d)
		if p == d {
			return "", os.ErrNotExist
		}
		d = p
	}
}

func TestMain(m *testing.M) {
	code := m.Run()
	if fixture.ix != nil {
		fixture.ix.Close()
	}
	if fixture.dir != "" {
		os.RemoveAll(fixture.dir)
	}
	os.Exit(code)
}

func setupFixture() {
	root, err := repoRoot()
	if err != nil {
		fixture.err = err
		return
	}
	fixture.pdfDir = filepath.Join(root, "testdata", "pdf")
	if st, err := os.Stat(fixture.pdfDir); err != nil || !st.IsDir() {
		fixture.skip = "no testdata PDFs at " + fixture.pdfDir
		return
	}
	fixture.dir, err = os.MkdirTemp("", "docindex-web-test-")
	if err != nil {
		fixture.err = err
		return
	}
	det, err := lang.NewDetector([]string{"ar", "en", "es", "fr", "ru", "zh"})
	if err != nil {
		fixture.err = err
		return
	}
	path := filepath.Join(fixture.dir, "test.bleve")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	st, err := index.Build(ctx, path, []string{fixture.pdfDir}, index.BuildOptions{
		Workers: 2,
		Extract: func(ctx context.Context, p string) (*extract.Document, error) {
			return extract.File(ctx, p, extract.Options{Langs: det})
		},
	})
	if err != nil {
		fixture.err = err
		return
	}
	if st.Indexed == 0 || st.Clauses == 0 {
		fixture.err = &buildErr{st}
		return
	}
	fixture.ix, err = index.Open(path)
	if err != nil {
		fixture.err = err
		return
	}
	fixture.handler = New(fixture.ix, Options{Log: log.New(syncWriter{}, "", 0)})
}

type buildErr struct{ st *index.BuildStats }

func (e *buildErr) Error() string {
	b, _ := json.Marshal(e.st)
	return "test index is empty: " + string(b)
}

// testHandler returns the handler over the shared testdata index.
func testHandler(t testing.TB) *Handler {
	t.Helper()
	fixture.once.Do(setupFixture)
	if fixture.err != nil {
		t.Fatalf("building the testdata index: %v", fixture.err)
	}
	if fixture.skip != "" {
		t.Skip(fixture.skip)
	}
	return fixture.handler
}

type response struct {
	Code   int
	Header http.Header
	Body   string
}

// get runs one GET request through the handler.
func get(t testing.TB, h http.Handler, target string) response {
	t.Helper()
	return do(t, h, http.MethodGet, target)
}

func do(t testing.TB, h http.Handler, method, target string) response {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	req.RemoteAddr = "127.0.0.1:12345"
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	b, _ := io.ReadAll(rec.Result().Body)
	return response{Code: rec.Code, Header: rec.Result().Header, Body: string(b)}
}

// apiSearch runs /api/search and decodes the envelope.
func apiSearch(t testing.TB, h http.Handler, v url.Values) Envelope {
	t.Helper()
	r := get(t, h, "/api/search?"+v.Encode())
	if r.Code != http.StatusOK {
		t.Fatalf("/api/search?%s: status %d: %s", v.Encode(), r.Code, r.Body)
	}
	var env Envelope
	if err := json.Unmarshal([]byte(r.Body), &env); err != nil {
		t.Fatalf("/api/search?%s: %v\n%s", v.Encode(), err, r.Body)
	}
	return env
}

// firstHit searches q (in language lg when not empty) and returns the first
// hit, failing the test when there is none.
// firstHit is the first hit of q in language lg, from the index (the
// API gives file base names; tests need the file's path).
func firstHit(t testing.TB, h http.Handler, q, lg string) index.Hit {
	t.Helper()
	v := url.Values{"q": {q}}
	if lg != "" {
		v.Set("lang", lg)
	}
	if env := apiSearch(t, h, v); len(env.Hits) == 0 {
		t.Fatalf("search %q lang %q: no hits", q, lg)
	}
	res, err := fixture.ix.Search(context.Background(), index.SearchRequest{Query: q, Lang: lg, Limit: 1})
	if err != nil || len(res.Hits) == 0 {
		t.Fatalf("search %q lang %q: %v", q, lg, err)
	}
	return res.Hits[0]
}

func contains(t testing.TB, what, body string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(body, w) {
			t.Errorf("%s: missing %q", what, w)
		}
	}
}

// hasLink checks that body (HTML) has a link to target.
func hasLink(t testing.TB, what, body, target string) {
	t.Helper()
	if !strings.Contains(html.UnescapeString(body), `href="`+target+`"`) {
		t.Errorf("%s: no link to %s", what, target)
	}
}
