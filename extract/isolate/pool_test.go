package isolate

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/ledongthuc/pdf"

	"github.com/docindex/docindex/extract"
	"github.com/docindex/docindex/extract/hostile"
)

// The test binary is its own worker: with ISOLATE_TEST_WORKER set it
// serves requests, and files named after a failure fail that way for
// real (a stack overflow, memory growth, a hang, an exit), so that the
// pool is tested against real process deaths.
func TestMain(m *testing.M) {
	if os.Getenv("ISOLATE_TEST_WORKER") == "1" {
		if os.Getenv("ISOLATE_TEST_SLOWSTART") == "1" {
			time.Sleep(3 * time.Second) // a worker slow to start
		}
		extractFile = testExtract
		os.Exit(Serve(nil))
	}
	os.Exit(m.Run())
}

var sink [][]byte

// stray is set in a worker that holds the stray goroutine of leak.pdf.
var stray atomic.Bool

func recurse(n int) int {
	var pad [1024]byte
	pad[n%1024] = byte(n)
	return recurse(n+1) + int(pad[0])
}

func testExtract(ctx context.Context, path string, opt extract.Options) (*extract.Document, error) {
	if strings.HasPrefix(filepath.Base(path), "gate_") {
		// a good file that answers when the test says so (it creates
		// path+".open"), whatever the machine's speed
		for end := time.Now().Add(time.Minute); time.Now().Before(end); time.Sleep(10 * time.Millisecond) {
			if _, err := os.Stat(path + ".open"); err == nil {
				break
			}
		}
	}
	if strings.HasPrefix(filepath.Base(path), "slow_") {
		// a good file that takes a while: others come and go meanwhile
		time.Sleep(1500 * time.Millisecond)
	}
	if strings.HasPrefix(filepath.Base(path), "pid_") || strings.HasPrefix(filepath.Base(path), "slow_") {
		// says which process read it
		doc, err := extract.File(ctx, path, opt)
		if doc != nil {
			doc.Warnings = append(doc.Warnings, fmt.Sprintf("pid %d", os.Getpid()))
		}
		return doc, err
	}
	switch filepath.Base(path) {
	case "stack.pdf", "library_stack.pdf":
		// a smaller stack than WorkerMaxStack, for -race on a busy
		// machine: the death is the same, sooner
		debug.SetMaxStack(16 << 20)
	}
	switch filepath.Base(path) {
	case "stack.pdf":
		recurse(0)
	case "library_stack.pdf":
		// the real PDF library on the object stream placed in itself,
		// without extract's guard: its resolve recurses until the runtime
		// dies
		data, _ := os.ReadFile(path)
		r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
		if err == nil {
			r.Trailer().Key("Root").Key("Pages").Key("Kids").Index(0).Key("Resources").Key("Font")
		}
	case "memory.pdf":
		// without the collector: under the worker's soft memory limit
		// each step would cost a collection, and with -race on a loaded
		// machine the growth (40 MB/s) could take longer than the timeout
		debug.SetGCPercent(-1)
		debug.SetMemoryLimit(math.MaxInt64)
		for {
			b := make([]byte, 16<<20)
			for i := 0; i < len(b); i += 4096 {
				b[i] = 1 // resident
			}
			sink = append(sink, b)
			time.Sleep(5 * time.Millisecond)
		}
	case "hang.pdf":
		time.Sleep(time.Hour) // deaf to its context, as a goroutine stuck in the library
	case "exit.pdf":
		os.Exit(3)
	case "slowscan.pdf":
		// a scan: each page takes most of the time limit, the whole
		// document several times it; each page read is a sign of life
		for i := 0; i < 5; i++ {
			time.Sleep(opt.Timeout * 7 / 10)
			if opt.Progress != nil {
				opt.Progress()
			}
		}
	case "leak.pdf":
		// what extract.File does when its time is up: it answers, and
		// the goroutine stuck in the library goes on
		stray.Store(true)
		go func() {
			for {
				sink = sink[:0]
			}
		}()
		return extract.Failed(path, fmt.Errorf("timed out after %s", opt.Timeout))
	case "starved.pdf":
		// a good file that times out only beside a stray goroutine
		time.Sleep(time.Second)
		if stray.Load() {
			return extract.Failed(path, fmt.Errorf("timed out after %s", opt.Timeout))
		}
	case "leakcrash.pdf":
		// a timed-out extraction whose stray goroutine takes the process
		// down a moment after the answer
		go func() {
			time.Sleep(500 * time.Millisecond)
			os.Exit(4)
		}()
		return extract.Failed(path, fmt.Errorf("timed out after %s", opt.Timeout))
	}
	return extract.File(ctx, path, opt)
}

func testPool(t *testing.T, workers int) *Pool {
	return testPoolPer(t, workers, 1)
}

// testPoolPer is testPool with perWorker files read at once by a process.
func testPoolPer(t *testing.T, workers, perWorker int) *Pool {
	t.Helper()
	grace = time.Second
	p, err := New(Config{
		Command:   []string{os.Args[0]},
		Env:       append(os.Environ(), "ISOLATE_TEST_WORKER=1"),
		Workers:   workers,
		PerWorker: perWorker,
		MaxMemory: 300 << 20,
		Options:   extract.Options{Timeout: 6 * time.Second},
	})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// Each failure fails its file alone with its reason, whether a process
// reads one file at a time (2 × 1) or several (1 × 4: files in flight
// with a culprit are read again alone, and only the culprit fails).
func TestPoolFailuresAreIsolated(t *testing.T) {
	for _, c := range []struct{ workers, per int }{{2, 1}, {1, 4}} {
		t.Run(fmt.Sprintf("%dx%d", c.workers, c.per), func(t *testing.T) {
			testFailuresAreIsolated(t, c.workers, c.per)
		})
	}
}

func testFailuresAreIsolated(t *testing.T, workers, per int) {
	dir := t.TempDir()
	good := hostile.OnePage([]byte(hostile.TextOp(700, "Hello isolated world")), "").Bytes("")
	files := map[string][]byte{
		"stack.pdf":         good,
		"library_stack.pdf": hostile.ObjStmSelfReference(6),
		"memory.pdf":        good,
		"hang.pdf":          good,
		"exit.pdf":          good,
		"notpdf.pdf":        []byte("hello"),
	}
	want := map[string]string{
		"stack.pdf":         "extractor crashed: stack overflow",
		"library_stack.pdf": "extractor crashed: stack overflow",
		"memory.pdf":        "resource limit exceeded: memory",
		"hang.pdf":          "timed out after 6s",
		"exit.pdf":          "extractor crashed: exit status 3",
		"notpdf.pdf":        "not a PDF file",
	}
	var order []string
	for name, data := range files {
		os.WriteFile(filepath.Join(dir, name), data, 0o644)
		order = append(order, name)
		g := "good" + name
		os.WriteFile(filepath.Join(dir, g), good, 0o644)
		order = append(order, g)
	}
	p := testPoolPer(t, workers, per)
	defer p.Close()
	start := time.Now()
	var wg sync.WaitGroup
	var mu sync.Mutex
	pids := map[int]bool{}
	for _, name := range order {
		wg.Add(1)
		go func() {
			defer wg.Done()
			doc, err := p.Extract(context.Background(), filepath.Join(dir, name))
			mu.Lock()
			p.mu.Lock()
			for w := range p.procs {
				pids[w.cmd.Process.Pid] = true
			}
			p.mu.Unlock()
			mu.Unlock()
			if w, bad := want[name]; bad {
				if err == nil || !strings.HasPrefix(err.Error(), w) || doc.Error != err.Error() {
					t.Errorf("%s: error %v, want %q (after %v)", name, err, w, time.Since(start))
				}
				if strings.Contains(err.Error(), "\n") || len(err.Error()) > 210 {
					t.Errorf("%s: reason not one short line: %q", name, err)
				}
				return
			}
			if err != nil || len(doc.Pages) != 1 {
				t.Errorf("%s: %v", name, err)
			}
		}()
	}
	wg.Wait()
	t.Logf("%d files in %v, %d worker processes", len(order), time.Since(start), len(pids))
	p.Close()
	for pid := range pids {
		if err := syscall.Kill(pid, 0); err == nil {
			t.Errorf("worker %d still alive after Close", pid)
		}
	}
}

// A worker is reused across files: the second file costs no new process.
func TestPoolReusesWorkers(t *testing.T) {
	dir := t.TempDir()
	good := hostile.OnePage([]byte(hostile.TextOp(700, "reuse")), "").Bytes("")
	p := testPool(t, 1)
	defer p.Close()
	var first *proc
	for i := 0; i < 3; i++ {
		f := filepath.Join(dir, "f"+string(rune('0'+i))+".pdf")
		os.WriteFile(f, good, 0o644)
		if _, err := p.Extract(context.Background(), f); err != nil {
			t.Fatal(err)
		}
		p.mu.Lock()
		if len(p.procs) != 1 {
			t.Fatalf("%d workers", len(p.procs))
		}
		for w := range p.procs {
			if first == nil {
				first = w
			} else if w != first {
				t.Errorf("file %d: a new worker", i)
			}
		}
		p.mu.Unlock()
	}
}

// Cancelling the caller's context stops the file in hand at once: its
// worker is killed.
func TestPoolCancel(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "hang.pdf")
	os.WriteFile(f, []byte("%PDF-1.7\n"), 0o644)
	p := testPool(t, 1)
	defer p.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := p.Extract(ctx, f)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error %v", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("cancel took %v", d)
	}
}

// A caller whose context ends while its worker is still starting gets its
// context's error at once; the worker, once up, reads the next file.
func TestPoolCancelWhileStarting(t *testing.T) {
	grace = time.Second
	p, err := New(Config{
		Command: []string{os.Args[0]},
		Env:     append(os.Environ(), "ISOLATE_TEST_WORKER=1", "ISOLATE_TEST_SLOWSTART=1"),
		Options: extract.Options{Timeout: 6 * time.Second},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	f := writeGood(t, t.TempDir(), "good.pdf", "started")
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	if _, err := p.Extract(ctx, f); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error %v", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("cancel while starting took %v", d)
	}
	if _, err := p.Extract(context.Background(), f); err != nil {
		t.Errorf("next file: %v", err)
	}
	p.mu.Lock()
	n := len(p.procs)
	p.mu.Unlock()
	if n != 1 {
		t.Errorf("%d workers, want the one started", n)
	}
}

func TestByteSizeOfStatus(t *testing.T) {
	st := []byte("Name:\tx\nVmHWM:\t  2048 kB\nVmRSS:\t  1024 kB\n")
	if n := statusKB(st, "VmRSS:"); n != 1024 {
		t.Errorf("VmRSS %d", n)
	}
}

// A worker whose extraction timed out is replaced: its stuck goroutine
// would slow down every file after it.
// A document read by OCR may take the time limit for each page: the
// worker's signs of life after each page keep the parent from killing
// it, while a worker that says nothing is still killed on time.
func TestPoolSignsOfLife(t *testing.T) {
	grace = time.Second
	p, err := New(Config{
		Command: []string{os.Args[0]},
		Env:     append(os.Environ(), "ISOLATE_TEST_WORKER=1"),
		Workers: 1,
		Options: extract.Options{Timeout: time.Second},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	dir := t.TempDir()
	good := hostile.OnePage([]byte(hostile.TextOp(700, "scanned")), "").Bytes("")
	slow, hang := filepath.Join(dir, "slowscan.pdf"), filepath.Join(dir, "hang.pdf")
	os.WriteFile(slow, good, 0o644)
	os.WriteFile(hang, good, 0o644)
	var mu sync.Mutex
	var got []string
	p.OnPage(func(path string, page int) {
		mu.Lock()
		got = append(got, fmt.Sprintf("%s:%d", filepath.Base(path), page))
		mu.Unlock()
	})
	start := time.Now()
	if _, err := p.Extract(context.Background(), slow); err != nil {
		t.Errorf("a document that signals each page: %v after %s", err, time.Since(start))
	}
	// each sign of life carries the pages read so far in its document
	mu.Lock()
	if s := strings.Join(got, " "); s != "slowscan.pdf:1 slowscan.pdf:2 slowscan.pdf:3 slowscan.pdf:4 slowscan.pdf:5" {
		t.Errorf("pages reported: %s", s)
	}
	got = nil
	mu.Unlock()
	// the next document counts from 1 again
	if _, err := p.Extract(context.Background(), slow); err != nil {
		t.Error(err)
	}
	mu.Lock()
	if len(got) != 5 || got[0] != "slowscan.pdf:1" {
		t.Errorf("second document: pages reported %v", got)
	}
	mu.Unlock()
	p.OnPage(nil)
	if _, err := p.Extract(context.Background(), hang); err == nil || !strings.Contains(err.Error(), "timed out") {
		t.Errorf("a silent worker: %v", err)
	}
}

// Two scans read at once by one process: each sign of life goes to its
// document (its pages counted apart) and keeps its timer going.
func TestPoolSignsOfLifeShared(t *testing.T) {
	grace = time.Second
	p, err := New(Config{
		Command:   []string{os.Args[0]},
		Env:       append(os.Environ(), "ISOLATE_TEST_WORKER=1"),
		Workers:   1,
		PerWorker: 2,
		Options:   extract.Options{Timeout: time.Second},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	dir := t.TempDir()
	var mu sync.Mutex
	got := map[string][]int{}
	p.OnPage(func(path string, page int) {
		mu.Lock()
		got[filepath.Base(filepath.Dir(path))] = append(got[filepath.Base(filepath.Dir(path))], page)
		mu.Unlock()
	})
	var chs []chan result
	for _, d := range []string{"a", "b"} {
		os.Mkdir(filepath.Join(dir, d), 0o755)
		chs = append(chs, extractAsync(context.Background(), p, writeGood(t, filepath.Join(dir, d), "slowscan.pdf", "scan")))
	}
	for _, ch := range chs {
		if r := <-ch; r.err != nil {
			t.Errorf("a scan beside another: %v", r.err)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	for _, d := range []string{"a", "b"} {
		if fmt.Sprint(got[d]) != "[1 2 3 4 5]" {
			t.Errorf("%s: pages reported %v", d, got[d])
		}
	}
}

func TestPoolRetiresTimedOutWorker(t *testing.T) {
	dir := t.TempDir()
	good := hostile.OnePage([]byte(hostile.TextOp(700, "after")), "").Bytes("")
	leak, after := filepath.Join(dir, "leak.pdf"), filepath.Join(dir, "after.pdf")
	os.WriteFile(leak, good, 0o644)
	os.WriteFile(after, good, 0o644)
	p := testPool(t, 1)
	defer p.Close()
	_, err := p.Extract(context.Background(), leak)
	if err == nil || !strings.HasPrefix(err.Error(), "timed out after 6s") {
		t.Fatalf("error %v", err)
	}
	// the retired worker is killed as its answer arrives
	n := -1
	for i := 0; i < 100 && n != 0; i++ {
		p.mu.Lock()
		n = len(p.procs)
		p.mu.Unlock()
		time.Sleep(20 * time.Millisecond)
	}
	if n != 0 {
		t.Errorf("%d workers kept after a timeout", n)
	}
	if _, err := p.Extract(context.Background(), after); err != nil {
		t.Errorf("next file: %v", err)
	}
}

// writeGood writes a good one-page PDF saying text at dir/name.
func writeGood(t *testing.T, dir, name, text string) string {
	t.Helper()
	f := filepath.Join(dir, name)
	if err := os.WriteFile(f, hostile.OnePage([]byte(hostile.TextOp(700, text)), "").Bytes(""), 0o644); err != nil {
		t.Fatal(err)
	}
	return f
}

type result struct {
	doc *extract.Document
	err error
}

// extractAsync starts Extract of path and returns where its result comes.
func extractAsync(ctx context.Context, p *Pool, path string) chan result {
	ch := make(chan result, 1)
	go func() {
		doc, err := p.Extract(ctx, path)
		ch <- result{doc, err}
	}()
	return ch
}

// inFlight is the number of files in the hands of p's processes.
func inFlight(p *Pool) int {
	n := 0
	p.mu.Lock()
	defer p.mu.Unlock()
	for w := range p.procs {
		w.mu.Lock()
		n += len(w.calls)
		w.mu.Unlock()
	}
	return n
}

// pidOf is the worker process that read doc (test files named slow_ or
// pid_ say it in a warning).
func pidOf(doc *extract.Document) string {
	for _, w := range doc.Warnings {
		if strings.HasPrefix(w, "pid ") {
			return w
		}
	}
	return ""
}

// One process reads three files; one of them crashes it while the other
// two are in flight: they are read again alone and indexed, only the
// culprit fails, with its reason.
func TestPoolSharedCrash(t *testing.T) {
	dir := t.TempDir()
	a, b := writeGood(t, dir, "slow_a.pdf", "alpha"), writeGood(t, dir, "slow_b.pdf", "bravo")
	crash := writeGood(t, dir, "exit.pdf", "crash")
	p := testPoolPer(t, 1, 3)
	defer p.Close()
	ctx := context.Background()
	ra, rb := extractAsync(ctx, p, a), extractAsync(ctx, p, b)
	time.Sleep(500 * time.Millisecond) // a and b in flight
	_, err := p.Extract(ctx, crash)
	if err == nil || err.Error() != "extractor crashed: exit status 3" {
		t.Errorf("the culprit: %v", err)
	}
	for name, ch := range map[string]chan result{"a": ra, "b": rb} {
		r := <-ch
		if r.err != nil || len(r.doc.Pages) != 1 {
			t.Errorf("%s, in flight with the culprit: %v", name, r.err)
		}
	}
}

// A file that times out in a process with others in flight fails alone;
// the others are answered (by that process, or read again alone if its
// stray goroutine takes it down), and the process takes no new file.
func TestPoolSharedTimeout(t *testing.T) {
	for _, culprit := range []string{"leak.pdf", "leakcrash.pdf"} {
		t.Run(culprit, func(t *testing.T) {
			dir := t.TempDir()
			a, b := writeGood(t, dir, "slow_a.pdf", "alpha"), writeGood(t, dir, "slow_b.pdf", "bravo")
			bad := writeGood(t, dir, culprit, "late")
			p := testPoolPer(t, 1, 3)
			defer p.Close()
			ctx := context.Background()
			first, err := p.Extract(ctx, writeGood(t, dir, "pid_0.pdf", "first"))
			if err != nil {
				t.Fatal(err)
			}
			ra, rb := extractAsync(ctx, p, a), extractAsync(ctx, p, b)
			time.Sleep(300 * time.Millisecond)
			if _, err := p.Extract(ctx, bad); err == nil || !strings.HasPrefix(err.Error(), "timed out after 6s") {
				t.Errorf("the culprit: %v", err)
			}
			// the retired process takes no new file
			after, err := p.Extract(ctx, writeGood(t, dir, "pid_1.pdf", "after"))
			if err != nil {
				t.Fatal(err)
			}
			if pidOf(after) == "" || pidOf(after) == pidOf(first) {
				t.Errorf("a file after the timeout read by %q, the retired process was %q", pidOf(after), pidOf(first))
			}
			for name, ch := range map[string]chan result{"a": ra, "b": rb} {
				r := <-ch
				if r.err != nil || len(r.doc.Pages) != 1 {
					t.Errorf("%s, in flight with the culprit: %v", name, r.err)
				}
			}
		})
	}
}

// A file that times out in a process already retiring (beside the stray
// goroutine of another timeout, which may have starved it) is a suspect:
// read again alone, it is indexed.
func TestPoolTimeoutBesideStray(t *testing.T) {
	dir := t.TempDir()
	starved := writeGood(t, dir, "starved.pdf", "innocent")
	leak := writeGood(t, dir, "leak.pdf", "stray")
	p := testPoolPer(t, 1, 2)
	defer p.Close()
	ctx := context.Background()
	rs := extractAsync(ctx, p, starved)
	time.Sleep(300 * time.Millisecond)
	if _, err := p.Extract(ctx, leak); err == nil || !strings.HasPrefix(err.Error(), "timed out after 6s") {
		t.Errorf("the culprit: %v", err)
	}
	if r := <-rs; r.err != nil || len(r.doc.Pages) != 1 {
		t.Errorf("a file timed out beside a stray goroutine: %v", r.err)
	}
}

// Answers come in the order files are done, each matched to its file by
// its request id.
func TestPoolOutOfOrder(t *testing.T) {
	grace = time.Second
	p, err := New(Config{
		Command:   []string{os.Args[0]},
		Env:       append(os.Environ(), "ISOLATE_TEST_WORKER=1"),
		Workers:   1,
		PerWorker: 2,
		PageText:  true,
		Options:   extract.Options{Timeout: 6 * time.Second},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	dir := t.TempDir()
	slow, fast := writeGood(t, dir, "slow_a.pdf", "alpha slow"), writeGood(t, dir, "pid_b.pdf", "bravo fast")
	ctx := context.Background()
	rs := extractAsync(ctx, p, slow)
	time.Sleep(200 * time.Millisecond)
	rf := extractAsync(ctx, p, fast)
	var order []string
	for range 2 {
		var r result
		select {
		case r = <-rs:
			order = append(order, "slow")
			if r.err != nil || len(r.doc.Pages) != 1 || !strings.Contains(r.doc.Pages[0].Text, "alpha slow") || r.doc.File != slow {
				t.Errorf("slow file: %v %+v", r.err, r.doc)
			}
		case r = <-rf:
			order = append(order, "fast")
			if r.err != nil || len(r.doc.Pages) != 1 || !strings.Contains(r.doc.Pages[0].Text, "bravo fast") || r.doc.File != fast {
				t.Errorf("fast file: %v %+v", r.err, r.doc)
			}
		}
	}
	if strings.Join(order, " ") != "fast slow" {
		t.Errorf("answers in the order %v, want the fast file first", order)
	}
}

// A caller whose context ends while its file waits for room in a process
// (the room held by a file given up, still read by a deaf worker) gets its
// context's error at once; the file in flight beside them is answered,
// and the deaf process is killed once the file given up is overdue.
func TestPoolCancelWhileWaiting(t *testing.T) {
	dir := t.TempDir()
	hang := writeGood(t, dir, "hang.pdf", "deaf")
	b := writeGood(t, dir, "gate_b.pdf", "bravo")
	p := testPoolPer(t, 1, 2)
	defer p.Close()
	// the process up first (under -race on a busy machine it takes
	// seconds to start): the file given up below is then in its hands
	if _, err := p.Extract(context.Background(), writeGood(t, dir, "warm.pdf", "warm")); err != nil {
		t.Fatal(err)
	}
	// b is read until the test opens its gate, after the wait for room
	rb := extractAsync(context.Background(), p, b)
	for inFlight(p) == 0 {
		time.Sleep(5 * time.Millisecond)
	}
	ctxA, cancelA := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancelA()
	start := time.Now()
	if _, err := p.Extract(ctxA, hang); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("file given up: %v", err)
	}
	// a slot is free, the process is full (b, and the deaf file given up)
	ctxC, cancelC := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancelC()
	t0 := time.Now()
	if _, err := p.Extract(ctxC, writeGood(t, dir, "c.pdf", "charlie")); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("waiting for room: %v", err)
	}
	if d := time.Since(t0); d > 2*time.Second {
		t.Errorf("cancel while waiting for room took %v", d)
	}
	if err := os.WriteFile(b+".open", nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if r := <-rb; r.err != nil || len(r.doc.Pages) != 1 {
		t.Errorf("file beside the one given up: %v", r.err)
	}
	// room again beside the deaf file
	if _, err := p.Extract(context.Background(), writeGood(t, dir, "d.pdf", "delta")); err != nil {
		t.Errorf("after: %v", err)
	}
	// the deaf process is killed once the file given up is overdue
	// (timeout and grace: 7 s)
	for inFlight(p) > 0 {
		if d := time.Since(start); d > 15*time.Second {
			t.Fatalf("a deaf worker still there after %v", d)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if d := time.Since(start); d < 6*time.Second {
		t.Errorf("the deaf worker killed after %v, before its file was overdue", d)
	}
}
