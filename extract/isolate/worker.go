package isolate

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"strings"
	"sync"

	"github.com/docindex/docindex/extract"
)

// WorkerMaxStack is the largest goroutine stack of a worker: a runaway
// recursion dies in a fraction of a second instead of growing towards
// the runtime's default of 1 GB.
const WorkerMaxStack = 64 << 20

// extractFile reads one file in a worker (replaced by tests that need a
// worker to crash on demand).
var extractFile = extract.File

// workerSoftMemory is a worker's soft memory limit (GOMEMLIMIT): a real
// document's live heap is 10 to 20 MB (lingua's trigram models 5 MB of
// it), and a worker's anonymous memory peaks at 36 MB on the corpus,
// under the limit, which then costs nothing. It binds when a short
// doubtful text loads a pair of lingua's full models (~40 MB live, see
// lang.LimitFullModels): on the 10x scale corpus a worker peaked at 89 MB
// anonymous with 128 MB, at 65 MB with 64 MB, the collector running more
// often until the models are dropped. A document whose live heap nears
// the limit is collected more often (the runtime caps that at about half
// the CPU); the parent's RSS check (--max-memory) is the hard cap.
//
// It does not grow with the files a worker reads at once (PerWorker):
// lingua's models are shared by them, and two real documents at once
// still fit (a worker reading 2 peaked at 47 MB anonymous on the corpus).
// On the 10x scale corpus, one worker reading 2 peaked at 66 MB anonymous
// for 81 CPU-s with 64 MB, at 100 MB for 72 CPU-s with 128 MB (tree 162
// against 200 MB of RSS, 2026-12-05, load 1-4): the flat limit is what
// keeps the build's tree under 150 MB of PSS, for about 12 % more CPU on
// a corpus of short doubtful texts (the collector works while a pair of
// full models and two documents are live), none on the real corpus.
const workerSoftMemory = 64 << 20

// workerGCPercent is a worker's GOGC. The Go default (100) lets the heap
// grow to twice what is live before a collection: a worker of the corpus
// build peaks at 55 MB of RSS with it, at 90 to 120 MB with 400, for the
// same CPU time within the noise of a shared machine (README, Memory).
const workerGCPercent = 100

// modelReleaser is a language detector that can drop models it loaded
// for rare texts (lang.Detector: lingua's full models, ~40 MB a pair).
// The models are per process, shared by the documents a worker reads at
// once: FullModelUses counts the texts that used them so far, and
// ReleaseUnusedSince drops them unless one did since the count given,
// reporting whether it dropped any.
type modelReleaser interface {
	FullModelUses() uint64
	ReleaseUnusedSince(uses uint64) bool
}

// releaser lets the language detector drop the models that the documents
// in flight did not need, after each document, and gives their memory
// back to the system at once: a worker that read one short doubtful
// document does not keep tens of MB for the rest of the build. With
// several documents at once, a document that ends drops them only if no
// text used them since the oldest document in flight began: a document
// still in flight that needed them keeps them (it would reload them, 0.3
// to 0.5 CPU-s a language, at its next doubtful text).
type releaser struct {
	r      modelReleaser // nil: nothing to release
	mu     sync.Mutex
	starts map[uint64]uint64 // document in flight → FullModelUses at its start
}

func newReleaser(langs extract.Languages) *releaser {
	r, _ := langs.(modelReleaser)
	return &releaser{r: r, starts: map[uint64]uint64{}}
}

// begin records the start of document id.
func (rl *releaser) begin(id uint64) {
	if rl.r == nil {
		return
	}
	rl.mu.Lock()
	rl.starts[id] = rl.r.FullModelUses()
	rl.mu.Unlock()
}

// end releases the models unless a document in flight since the oldest
// start (id's included) used them.
func (rl *releaser) end(id uint64) {
	if rl.r == nil {
		return
	}
	rl.mu.Lock()
	since, ok := rl.starts[id]
	delete(rl.starts, id)
	for _, s := range rl.starts {
		since = min(since, s)
	}
	dropped := ok && rl.r.ReleaseUnusedSince(since)
	rl.mu.Unlock()
	if dropped {
		debug.FreeOSMemory()
	}
}

// Serve is the worker's main loop: it reads its setup and then requests
// (a path to read, or the cancellation of one) from file descriptor 3,
// reads up to Config.PerWorker files at once, and answers each with a
// Document on file descriptor 4, tagged with the request's id (answers
// come in the order the files are done), until descriptor 3 is closed.
// langs builds the language detector from Config.Setup (nil for none).
// It returns the process exit status.
func Serve(langs func(setup json.RawMessage) (extract.Languages, error)) int {
	return ServeWith(langs, nil)
}

// ServeWith is Serve reading each file with read instead of extract.File
// (nil: extract.File), for the tests of a program whose workers must fail
// on demand.
func ServeWith(langs func(setup json.RawMessage) (extract.Languages, error), read func(ctx context.Context, path string, opt extract.Options) (*extract.Document, error)) int {
	if read != nil {
		extractFile = read
	}
	in := os.NewFile(3, "requests")
	out := os.NewFile(4, "responses")
	if in == nil || out == nil {
		fmt.Fprintln(os.Stderr, "docindex worker: run by docindex, not by hand")
		return 2
	}
	return serve(bufio.NewReaderSize(in, 1<<12), out, langs)
}

func serve(in *bufio.Reader, out *os.File, langs func(json.RawMessage) (extract.Languages, error)) int {
	var s setup
	if err := readFrame(in, &s); err != nil {
		fmt.Fprintf(os.Stderr, "docindex worker: setup: %v\n", err)
		return 2
	}
	debug.SetMaxStack(WorkerMaxStack)
	if os.Getenv("GOMEMLIMIT") == "" && s.MaxMemory > 0 {
		// soft: the collector works harder near it, so that the garbage
		// of a large document does not add up to GBs over a few workers;
		// the parent's RSS check is the hard cap. It does not grow with
		// PerWorker (see workerSoftMemory).
		debug.SetMemoryLimit(min(s.MaxMemory/4*3, workerSoftMemory))
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(workerGCPercent)
	}
	opt := s.Options
	w := bufio.NewWriterSize(out, 1<<16)
	var ready response
	if langs != nil {
		l, err := langs(s.Setup)
		if err != nil {
			ready.Err = err.Error()
		}
		opt.Langs = l
	}
	if err := writeFrame(w, ready); err != nil || w.Flush() != nil || ready.Err != "" {
		return 2
	}
	// Answers and signs of life (a page of a scan read) are written by
	// the extractions, one frame at a time under wmu; a timed-out
	// extraction may still write signs of life after its answer.
	var wmu sync.Mutex
	write := func(r response) {
		wmu.Lock()
		defer wmu.Unlock()
		if err := writeFrame(w, r); err != nil {
			// too large a document: an answer about it instead
			fmt.Fprintf(os.Stderr, "docindex worker: %v\n", err)
			if writeFrame(w, response{ID: r.ID, Err: "extractor: " + err.Error()}) != nil {
				os.Exit(2)
			}
		}
		if w.Flush() != nil {
			os.Exit(0) // the parent closed the pipe (or died)
		}
	}
	per := max(s.PerWorker, 1)
	slots := make(chan struct{}, per) // the parent sends no more, but a guard costs nothing
	rel := newReleaser(opt.Langs)
	var mu sync.Mutex
	cancels := map[uint64]context.CancelFunc{}
	for {
		var req request
		if err := readFrame(in, &req); err != nil {
			return 0 // the parent closed the pipe (or died)
		}
		if req.Cancel {
			// the parent no longer waits for this file
			mu.Lock()
			if c := cancels[req.ID]; c != nil {
				c()
			}
			mu.Unlock()
			continue
		}
		ctx, cancel := context.WithCancel(context.Background())
		mu.Lock()
		cancels[req.ID] = cancel
		mu.Unlock()
		go func() {
			slots <- struct{}{}
			defer func() { <-slots }()
			r := extractOne(ctx, req, opt, s.PageText, rel, func(page int) {
				write(response{ID: req.ID, Alive: true, Page: page})
			})
			mu.Lock()
			delete(cancels, req.ID)
			mu.Unlock()
			cancel()
			write(r)
		}()
	}
}

// extractOne reads the file of req and returns its answer; alive is
// called after each page read by OCR with the count so far.
func extractOne(ctx context.Context, req request, opt extract.Options, pageText bool, rel *releaser, alive func(page int)) response {
	path := string(req.Path)
	var pmu sync.Mutex
	pages := 0 // read by OCR in this document
	opt.Progress = func() {
		pmu.Lock()
		defer pmu.Unlock()
		pages++
		alive(pages)
	}
	rel.begin(req.ID)
	doc, err := extractFile(ctx, path, opt)
	r := response{ID: req.ID}
	if doc != nil && !pageText {
		for i := range doc.Pages {
			doc.Pages[i].Text = ""
		}
	}
	r.Doc = doc
	rel.end(req.ID)
	if err != nil {
		r.Err = extract.Message(err)
		// a timed-out (or cancelled) extraction leaves its goroutine
		// running
		r.Retire = strings.HasPrefix(r.Err, "timed out") || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled)
	}
	return r
}
