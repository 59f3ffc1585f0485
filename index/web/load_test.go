package web

import (
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
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
	ln, cancel, done := serveOn(t, h)
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

// TestAbusiveClients starts the real `docindex serve` on an index of
// ../shared/corpus (built with the binary; DOCINDEX_LOADTEST_INDEX names
// an existing one) and runs 200 clients for 20 s
// (DOCINDEX_LOADTEST_SECONDS): 180 send abusive queries (regexps and
// wildcards over whole dictionaries, internal fields, 26 one-letter
// wildcards, and heavy queries the guard allows), 20 send normal
// queries. It reports the server's peak RSS, the answers by status,
// errors (transport errors, 5xx other than 503), p50/p99 of the normal
// queries meanwhile, and the time serve takes to exit after SIGTERM:
//
//	DOCINDEX_LOADTEST=1 go test -run TestAbusiveClients -v -timeout 10m ./index/web/
func TestAbusiveClients(t *testing.T) {
	if os.Getenv("DOCINDEX_LOADTEST") != "1" {
		t.Skip("set DOCINDEX_LOADTEST=1 to run the load test")
	}
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "docindex")
	if out, err := exec.Command("go", "build", "-o", bin, filepath.Join(root, "cmd", "docindex")).CombinedOutput(); err != nil {
		t.Fatalf("go build: %v %s", err, out)
	}
	ix := os.Getenv("DOCINDEX_LOADTEST_INDEX")
	if ix == "" {
		corpus := filepath.Join(root, "..", "shared", "corpus")
		if _, err := os.Stat(corpus); err != nil {
			t.Skip("no corpus at " + corpus)
		}
		ix = filepath.Join(dir, "corpus.bleve")
		out, _ := exec.Command(bin, "build", "--quiet", "--index", ix, corpus).CombinedOutput()
		if _, err := os.Stat(ix); err != nil {
			t.Fatalf("build: %s", out)
		}
	}
	dur := 20 * time.Second
	if s := os.Getenv("DOCINDEX_LOADTEST_SECONDS"); s != "" {
		d, err := time.ParseDuration(s + "s")
		if err != nil {
			t.Fatal(err)
		}
		dur = d
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	srv := exec.Command(bin, "serve", "--index", ix, "--addr", addr)
	srv.Stderr = io.Discard
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	defer srv.Process.Kill()
	for i := 0; ; i++ {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			break
		}
		if i > 200 {
			t.Fatal("serve did not start")
		}
		time.Sleep(50 * time.Millisecond)
	}
	rss0 := procRSS(srv.Process.Pid)
	var peak atomic.Int64
	stopSampling := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		for {
			if r := procRSS(srv.Process.Pid); r > peak.Load() {
				peak.Store(r)
			}
			select {
			case <-stopSampling:
				return
			case <-time.After(50 * time.Millisecond):
			}
		}
	}()

	var letters []string
	for c := 'a'; c <= 'z'; c++ {
		letters = append(letters, string(c)+"*")
	}
	abusive := []string{
		"text_en:/.*/", "_id:*", "wid:*", strings.Join(letters, " "), "type:file", "/.*/",
		"text_zh:/.{0,3}/", "text_ar:/.+/", "*", "?*", "a*", "abc~2", "work:*", "file:/.*/",
		strings.Repeat("x* ", 160), `"` + strings.Repeat("the ", 120) + `"`,
		"con* pro* int* dev*", "/con.*/ /pro.*/ /int.*/ /dev.*/", "internat~2 developm~2 organiz~2 resolut~2",
		"page:>0", "seq:>=0",
	}
	normal := []string{"linguistic diversity", "multilingualism", "Secretary-General", "\"official languages\"",
		"langues officielles", "documentos", "文件", "A/RES/78/265 para 6", "peace and security", "الأمم المتحدة"}
	client := &http.Client{
		Timeout:   60 * time.Second,
		Transport: &http.Transport{MaxIdleConns: 400, MaxIdleConnsPerHost: 400},
	}
	var (
		mu       sync.Mutex
		lat      []time.Duration
		status   = map[int]int{}
		errCount atomic.Int64
		firstErr atomic.Value
		wg       sync.WaitGroup
	)
	const clients, normalClients = 200, 20
	deadline := time.Now().Add(dur)
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			isNormal := c < normalClients
			var mine []time.Duration
			counts := map[int]int{}
			for i := c; time.Now().Before(deadline); i++ {
				var u string
				if isNormal {
					u = "http://" + addr + "/api/search?q=" + url.QueryEscape(normal[i%len(normal)])
				} else {
					path := "/api/search"
					if i%2 == 0 {
						path = "/search"
					}
					u = "http://" + addr + path + "?q=" + url.QueryEscape(abusive[i%len(abusive)])
				}
				t0 := time.Now()
				resp, err := client.Get(u)
				if err == nil {
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
				if err != nil {
					errCount.Add(1)
					firstErr.CompareAndSwap(nil, err.Error())
					continue
				}
				counts[resp.StatusCode]++
				if resp.StatusCode >= 500 && resp.StatusCode != 503 {
					errCount.Add(1)
					firstErr.CompareAndSwap(nil, fmt.Sprintf("%s: %d", u, resp.StatusCode))
				}
				if isNormal && resp.StatusCode == 200 {
					mine = append(mine, time.Since(t0))
				}
			}
			mu.Lock()
			lat = append(lat, mine...)
			for k, v := range counts {
				status[k] += v
			}
			mu.Unlock()
		}(c)
	}
	wg.Wait()
	start := time.Now()
	srv.Process.Signal(syscall.SIGTERM)
	exited := make(chan error, 1)
	go func() { exited <- srv.Wait() }()
	var exitTime time.Duration
	select {
	case <-exited:
		exitTime = time.Since(start)
	case <-time.After(60 * time.Second):
		exitTime = time.Since(start)
		t.Errorf("serve still running 60 s after SIGTERM")
	}
	close(stopSampling)
	<-sampled
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(p float64) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		return lat[min(len(lat)-1, int(p*float64(len(lat))))].Round(time.Millisecond)
	}
	t.Logf("abusive: %d clients (%d normal) for %v against serve of %s", clients, normalClients, dur, ix)
	t.Logf("abusive: server RSS %d MB at start, peak %d MB", rss0>>20, peak.Load()>>20)
	t.Logf("abusive: answers by status %v; errors (transport, 5xx other than 503): %d", status, errCount.Load())
	t.Logf("abusive: normal queries: %d answered 200, p50 %v, p99 %v, max %v", len(lat), pct(0.5), pct(0.99), pct(1))
	t.Logf("abusive: serve exited %v after SIGTERM", exitTime.Round(time.Millisecond))
	if peak.Load() > 1<<30 {
		t.Errorf("peak RSS %d MB over 1 GB", peak.Load()>>20)
	}
	if exitTime > 5*time.Second {
		t.Errorf("exit after SIGTERM took %v", exitTime)
	}
	if n := errCount.Load(); n > 0 {
		t.Errorf("%d errors, first: %v", n, firstErr.Load())
	}
	if len(lat) == 0 {
		t.Error("no normal query answered")
	}
}

// procRSS is the resident set size of process pid in bytes (Linux).
func procRSS(pid int) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb << 10
		}
	}
	return 0
}
