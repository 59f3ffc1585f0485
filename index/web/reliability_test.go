package web

import (
	"context"
	"io"
	"log"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/docindex/docindex/extract"
	"github.com/docindex/docindex/index"
	"github.com/docindex/docindex/lang"
)

// pdfFixture builds an index over a folder made for the /pdf/ rules: a
// PDF, a PDF whose name is not UTF-8, a symlink to a text file named
// x.pdf, a text file named .pdf, and two PDFs that the test changes
// after the build (one replaced by a symlink, one rewritten).
type pdfFixture struct {
	src, secret          string
	good, odd, link, dot string
	replaced, rewritten  string
	h                    *Handler
}

func newPDFFixture(t *testing.T) *pdfFixture {
	t.Helper()
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := os.ReadFile(filepath.Join(root, "testdata", "pdf", "en", "A_RES_99_101_en.pdf"))
	if err != nil {
		t.Skip("no testdata PDF:", err)
	}
	dir := t.TempDir()
	f := &pdfFixture{src: filepath.Join(dir, "src"), secret: filepath.Join(dir, "secret.txt")}
	os.Mkdir(f.src, 0o755)
	if err := os.WriteFile(f.secret, []byte("root:x:0:0:secret-content\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	f.good = filepath.Join(f.src, "good_en.pdf")
	f.odd = filepath.Join(f.src, "r\xe9solution_\xff_en.pdf")
	f.link = filepath.Join(f.src, "x.pdf")
	f.dot = filepath.Join(f.src, ".pdf")
	f.replaced = filepath.Join(f.src, "replaced_en.pdf")
	f.rewritten = filepath.Join(f.src, "rewritten_en.pdf")
	for _, p := range []string{f.good, f.odd, f.replaced, f.rewritten} {
		if err := os.WriteFile(p, pdf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(f.secret, f.link); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(f.dot, []byte("root:x:0:0:secret-content\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	det, err := lang.NewDetector([]string{"en"})
	if err != nil {
		t.Fatal(err)
	}
	ixPath := filepath.Join(dir, "ix")
	if _, err := index.Build(context.Background(), ixPath, []string{f.src}, index.BuildOptions{Workers: 2,
		Extract: func(ctx context.Context, p string) (*extract.Document, error) {
			return extract.File(ctx, p, extract.Options{Langs: det})
		}}); err != nil {
		t.Fatal(err)
	}
	ix, err := index.Open(ixPath)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	// After the build: one indexed PDF becomes a symlink to the secret,
	// another is rewritten (same name, other content).
	os.Remove(f.replaced)
	if err := os.Symlink(f.secret, f.replaced); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(f.rewritten, append(pdf, []byte("\n% appended\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	f.h = New(ix, Options{Log: log.New(io.Discard, "", 0)})
	return f
}

func TestPDFServesOnlyWhatWasIndexed(t *testing.T) {
	f := newPDFFixture(t)
	cases := []struct {
		name string
		path string
		code int
	}{
		{"indexed PDF", f.good, 200},
		{"indexed PDF, name not UTF-8", f.odd, 200},
		{"symlink to a text file named x.pdf", f.link, 404},
		{"text file named .pdf", f.dot, 404},
		{"indexed PDF replaced by a symlink", f.replaced, 404},
		{"indexed PDF rewritten", f.rewritten, 410},
		{"the symlink's target", f.secret, 404},
	}
	want, _ := os.ReadFile(f.good)
	for _, c := range cases {
		u := strings.SplitN(PDFURL(c.path, 1), "#", 2)[0]
		r := get(t, f.h, u)
		if r.Code != c.code {
			t.Errorf("%s: status %d, want %d: %.200s", c.name, r.Code, c.code, r.Body)
		}
		if strings.Contains(r.Body, "secret-content") {
			t.Errorf("%s: served the secret", c.name)
		}
		if c.code == 200 && r.Body != string(want) {
			t.Errorf("%s: served %d bytes, not the PDF", c.name, len(r.Body))
		}
	}
}

// serveOn serves h with Serve on a loopback port; cancel stops it and
// done receives what Serve returned.
func serveOn(t *testing.T, h http.Handler) (net.Listener, context.CancelFunc, chan error) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, ln, h) }()
	return ln, cancel, done
}

// TestHostGuard: a loopback server answers only Host values naming its
// address (DNS rebinding).
func TestHostGuard(t *testing.T) {
	h := testHandler(t)
	ln, cancel, done := serveOn(t, h)
	defer func() { cancel(); <-done }()
	port := ln.Addr().(*net.TCPAddr).Port
	hosts := map[string]int{
		ln.Addr().String():                             200,
		"localhost:" + strconv.Itoa(port):              200,
		"LOCALHOST:" + strconv.Itoa(port):              200,
		"evil.example:" + strconv.Itoa(port):           421,
		"evil.example":                                 421,
		"127.0.0.1.evil.example:" + strconv.Itoa(port): 421,
		"localhost:1":                                  421,
	}
	for host, code := range hosts {
		req, _ := http.NewRequest("GET", "http://"+ln.Addr().String()+"/search?q="+enWord, nil)
		req.Host = host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Errorf("Host %q: %v", host, err)
			continue
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != code {
			t.Errorf("Host %q: status %d, want %d", host, resp.StatusCode, code)
		}
		if code != 200 && strings.Contains(string(b), enWord) {
			t.Errorf("Host %q: answered with results", host)
		}
	}
}

// TestQueryGuardAnswers: internal fields and unbounded terms are 400s
// that say why, on the page and in the API.
func TestQueryGuardAnswers(t *testing.T) {
	h := testHandler(t)
	cases := map[string]string{
		"_id:*":        `field \"_id\" cannot be searched; the fields are: body, date, id, language, name, page, section, symbol, text_ar`,
		"wid:*":        `field \"wid\" cannot be searched`,
		"type:file":    `field \"type\" cannot be searched`,
		"text_en:/.*/": "a regexp must start with at least 3 literal characters",
		"a* b* c* d* e* f* g* h* i* j* k* l* m* n* o* p* q* r* s* t* u* v* w* x* y* z*": "a wildcard term must start with at least 3 literal characters",
	}
	for q, want := range cases {
		r := get(t, h, "/api/search?q="+url.QueryEscape(q))
		if r.Code != 400 || !strings.Contains(r.Body, want) {
			t.Errorf("api %q: %d %s", q, r.Code, r.Body)
		}
		r = get(t, h, "/search?q="+url.QueryEscape(q))
		if r.Code != 400 || !strings.Contains(r.Body, "query refused") {
			t.Errorf("page %q: %d", q, r.Code)
		}
	}
}

// blockingIndex is the fixture index whose Search waits until released
// or until its context ends, recording how it ended.
type blockingIndex struct {
	Index
	release  chan struct{}
	started  chan struct{}
	mu       sync.Mutex
	canceled int
}

func (b *blockingIndex) Search(ctx context.Context, req index.SearchRequest) (*index.SearchResult, error) {
	b.started <- struct{}{}
	select {
	case <-b.release:
		return b.Index.Search(ctx, req)
	case <-ctx.Done():
		b.mu.Lock()
		b.canceled++
		b.mu.Unlock()
		return nil, ctx.Err()
	}
}

// TestSaturatedIs503: when every search slot is taken and the wait is
// over, the answer is 503 with Retry-After.
func TestSaturatedIs503(t *testing.T) {
	testHandler(t)
	bi := &blockingIndex{Index: fixture.ix, release: make(chan struct{}), started: make(chan struct{}, 10)}
	h := New(bi, Options{Log: log.New(io.Discard, "", 0), MaxSearches: 2, QueueWait: 200 * time.Millisecond})
	var wg sync.WaitGroup
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() { defer wg.Done(); get(t, h, "/api/search?q="+enWord) }()
		<-bi.started
	}
	r := get(t, h, "/api/search?q="+enWord)
	if r.Code != 503 || r.Header.Get("Retry-After") == "" || !strings.Contains(r.Body, "too many searches") {
		t.Errorf("third search: %d %q %s", r.Code, r.Header.Get("Retry-After"), r.Body)
	}
	r = get(t, h, "/search?q="+enWord)
	if r.Code != 503 || r.Header.Get("Retry-After") == "" {
		t.Errorf("third search page: %d", r.Code)
	}
	close(bi.release)
	wg.Wait()
	if r := get(t, h, "/api/search?q="+enWord); r.Code != 200 {
		t.Errorf("after the slots are free: %d", r.Code)
	}
}

// TestShutdownCancelsSearches: a search in flight when the server is
// told to stop has its context cancelled, and Serve returns within
// seconds (it waited 10 s before).
func TestShutdownCancelsSearches(t *testing.T) {
	testHandler(t)
	bi := &blockingIndex{Index: fixture.ix, release: make(chan struct{}), started: make(chan struct{}, 10)}
	h := New(bi, Options{Log: log.New(io.Discard, "", 0)})
	ln, cancel, done := serveOn(t, h)
	go http.Get("http://" + ln.Addr().String() + "/api/search?q=" + enWord)
	<-bi.started
	start := time.Now()
	cancel()
	waitServe(t, done, 20*time.Second)
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("Serve took %v to stop", d)
	}
	bi.mu.Lock()
	defer bi.mu.Unlock()
	if bi.canceled != 1 {
		t.Errorf("the search in flight was not cancelled")
	}
}

// TestClientGoneCancelsSearch: a client that hangs up cancels its search.
func TestClientGoneCancelsSearch(t *testing.T) {
	testHandler(t)
	bi := &blockingIndex{Index: fixture.ix, release: make(chan struct{}), started: make(chan struct{}, 10)}
	h := New(bi, Options{Log: log.New(io.Discard, "", 0)})
	ln, cancel, done := serveOn(t, h)
	defer func() { cancel(); <-done }()
	rctx, rcancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(rctx, "GET", "http://"+ln.Addr().String()+"/api/search?q="+enWord, nil)
	go http.DefaultClient.Do(req)
	<-bi.started
	rcancel()
	for i := 0; i < 100; i++ {
		bi.mu.Lock()
		n := bi.canceled
		bi.mu.Unlock()
		if n == 1 {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Error("the search went on after its client left")
}

// TestCostlyQueriesHaveTheirOwnPool: while costly queries (wildcards
// and the like) hold every slot of their pool, another costly query is
// a 503 and a plain one is still answered.
func TestCostlyQueriesHaveTheirOwnPool(t *testing.T) {
	testHandler(t)
	bi := &blockingIndex{Index: fixture.ix, release: make(chan struct{}), started: make(chan struct{}, 64)}
	h := New(bi, Options{Log: log.New(io.Discard, "", 0), MaxSearches: 64, QueueWait: 200 * time.Millisecond})
	n := cap(h.costly.slots)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() { defer wg.Done(); get(t, h, "/api/search?q="+url.QueryEscape("digit*")) }()
		<-bi.started
	}
	if r := get(t, h, "/api/search?q="+url.QueryEscape("elec*")); r.Code != 503 || r.Header.Get("Retry-After") == "" {
		t.Errorf("costly query with its pool full: %d", r.Code)
	}
	plain := make(chan int, 1)
	go func() { plain <- get(t, h, "/api/search?q="+enWord).Code }()
	<-bi.started
	close(bi.release)
	if code := <-plain; code != 200 {
		t.Errorf("plain query while the costly pool is full: %d", code)
	}
	wg.Wait()
}

// damagedIndex answers every search as a damaged index does.
type damagedIndex struct{ Index }

func (damagedIndex) Search(context.Context, index.SearchRequest) (*index.SearchResult, error) {
	return nil, &index.DamagedError{File: "/ix/store/000000000002.zap", Cause: "checksum mismatch"}
}

// TestDamagedIndexIsA500: damage found while serving is a 500 whose
// message says what to do.
func TestDamagedIndexIsA500(t *testing.T) {
	testHandler(t)
	h := New(damagedIndex{fixture.ix}, Options{Log: log.New(io.Discard, "", 0)})
	want := "index damaged (/ix/store/000000000002.zap): rebuild with docindex build --rebuild"
	for _, u := range []string{"/api/search?q=" + enWord, "/search?q=" + enWord} {
		r := get(t, h, u)
		if r.Code != 500 || !strings.Contains(r.Body, want) {
			t.Errorf("%s: %d %.300s", u, r.Code, r.Body)
		}
	}
}
