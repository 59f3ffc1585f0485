package web

import (
	"context"
	"io"
	"log"
	"net"
	"net/http"
	"net/url"
	"os"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/docindex/docindex/index"
)

// TestLoad runs 200 concurrent clients against /search on loopback for
// 10 s (DOCINDEX_LOADTEST_SECONDS to change) and reports requests/s, p50
// and p99 latency and errors. It runs only with DOCINDEX_LOADTEST=1:
//
//	DOCINDEX_LOADTEST=1 go test -run TestLoad -v ./index/web/
//	DOCINDEX_LOADTEST=1 DOCINDEX_LOADTEST_INDEX=corpus.bleve go test -run TestLoad -v ./index/web/
func TestLoad(t *testing.T) {
	if os.Getenv("DOCINDEX_LOADTEST") != "1" {
		t.Skip("set DOCINDEX_LOADTEST=1 to run the load test")
	}
	// DOCINDEX_LOADTEST_INDEX names an existing index (e.g. one built from
	// ../shared/corpus) to load instead of the testdata one.
	var ix Index
	if p := os.Getenv("DOCINDEX_LOADTEST_INDEX"); p != "" {
		oix, err := index.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		defer oix.Close()
		ix = oix
	} else {
		testHandler(t)
		ix = fixture.ix
	}
	const clients = 200
	dur := 10 * time.Second
	if s := os.Getenv("DOCINDEX_LOADTEST_SECONDS"); s != "" {
		d, err := time.ParseDuration(s + "s")
		if err != nil {
			t.Fatal(err)
		}
		dur = d
	}
	h := New(ix, Options{Log: log.New(io.Discard, "", log.LstdFlags)})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, ln, h) }()
	defer func() { cancel(); <-done }()

	queries := []string{enWord, arWord, multiQ, "multilingual", "terminology", "Secretary-General", "\"official languages\"", "langues officielles", "documentos", "文件", "linguistic diversity", "A/RES/99/101 para 3"}
	base := "http://" + ln.Addr().String() + "/search?q="
	client := &http.Client{
		Timeout:   30 * time.Second,
		Transport: &http.Transport{MaxIdleConns: clients, MaxIdleConnsPerHost: clients},
	}
	var (
		mu       sync.Mutex
		lat      []time.Duration
		errCount atomic.Int64
		firstErr atomic.Value
		wg       sync.WaitGroup
	)
	cpu0 := processCPU()
	start := time.Now()
	deadline := start.Add(dur)
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			var mine []time.Duration
			for i := c; time.Now().Before(deadline); i++ {
				q := queries[i%len(queries)]
				t0 := time.Now()
				resp, err := client.Get(base + url.QueryEscape(q))
				if err == nil {
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if err == nil && resp.StatusCode != 200 {
						err = &statusErr{resp.StatusCode}
					}
				}
				if err != nil {
					errCount.Add(1)
					firstErr.CompareAndSwap(nil, err.Error())
					continue
				}
				mine = append(mine, time.Since(t0))
			}
			mu.Lock()
			lat = append(lat, mine...)
			mu.Unlock()
		}(c)
	}
	wg.Wait()
	elapsed := time.Since(start)
	cpu := processCPU() - cpu0
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(p float64) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		return lat[min(len(lat)-1, int(p*float64(len(lat))))]
	}
	t.Logf("load: %d clients, %.1f s, %d ok, %d errors, %.0f req/s, p50 %v, p90 %v, p99 %v, max %v",
		clients, elapsed.Seconds(), len(lat), errCount.Load(), float64(len(lat))/elapsed.Seconds(),
		pct(0.50).Round(10*time.Microsecond), pct(0.90).Round(10*time.Microsecond),
		pct(0.99).Round(10*time.Microsecond), pct(1).Round(10*time.Microsecond))
	// On a shared machine the numbers above depend on the CPU this process
	// got; CPU per request is the steadier figure (server and clients).
	if cpu > 0 && len(lat) > 0 {
		t.Logf("load: process CPU %.1f s (%.2f cores on average), %.2f ms CPU per request", cpu.Seconds(), cpu.Seconds()/elapsed.Seconds(), cpu.Seconds()*1000/float64(len(lat)))
	}
	if n := errCount.Load(); n > 0 {
		t.Errorf("%d errors, first: %v", n, firstErr.Load())
	}
	if len(lat) == 0 {
		t.Fatal("no successful requests")
	}
}

type statusErr struct{ code int }

func (e *statusErr) Error() string { return "status " + http.StatusText(e.code) }
