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
const workerSoftMemory = 64 << 20

// workerGCPercent is a worker's GOGC. The Go default (100) lets the heap
// grow to twice what is live before a collection: a worker of the corpus
// build peaks at 55 MB of RSS with it, at 90 to 120 MB with 400, for the
// same CPU time within the noise of a shared machine (README, Memory).
const workerGCPercent = 100

// modelReleaser is a language detector that can drop models it loaded
// for rare texts (lang.Detector: lingua's full models, ~40 MB a pair);
// ReleaseUnused reports whether it dropped any.
type modelReleaser interface{ ReleaseUnused() bool }

// releaseModels lets langs drop the models that the last documents did
// not need, after each document, and gives their memory back to the
// system at once: a worker that read one short doubtful document does not
// keep tens of MB for the rest of the build.
func releaseModels(langs extract.Languages) {
	if r, ok := langs.(modelReleaser); ok && r.ReleaseUnused() {
		debug.FreeOSMemory()
	}
}

// Serve is the worker's main loop: it reads its setup and then one path
// at a time from file descriptor 3 and answers each with a Document on
// file descriptor 4, until descriptor 3 is closed. langs builds the
// language detector from Config.Setup (nil for none). It returns the
// process exit status.
func Serve(langs func(setup json.RawMessage) (extract.Languages, error)) int {
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
		// the parent's RSS check is the hard cap
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
	// Signs of life (a page of a scan read) are written by the
	// extraction while the loop below waits for it; a timed-out
	// extraction may still write some after its answer.
	var wmu sync.Mutex
	pages := 0 // read by OCR in the current document (under wmu)
	opt.Progress = func() {
		wmu.Lock()
		defer wmu.Unlock()
		pages++
		if writeFrame(w, response{Alive: true, Page: pages}) == nil {
			w.Flush()
		}
	}
	for {
		var req request
		if err := readFrame(in, &req); err != nil {
			return 0 // the parent closed the pipe (or died)
		}
		path := string(req.Path)
		wmu.Lock()
		pages = 0
		wmu.Unlock()
		doc, err := extractFile(context.Background(), path, opt)
		var r response
		if doc != nil && !s.PageText {
			for i := range doc.Pages {
				doc.Pages[i].Text = ""
			}
		}
		r.Doc = doc
		releaseModels(opt.Langs)
		if err != nil {
			r.Err = extract.Message(err)
			// a timed-out extraction leaves its goroutine running
			r.Retire = strings.HasPrefix(r.Err, "timed out") || errors.Is(err, context.DeadlineExceeded)
		}
		wmu.Lock()
		werr, ferr := writeFrame(w, r), w.Flush()
		wmu.Unlock()
		if werr != nil {
			fmt.Fprintf(os.Stderr, "docindex worker: %v\n", werr)
			return 2
		}
		if ferr != nil {
			return 0 // the parent closed the pipe (or died)
		}
	}
}
