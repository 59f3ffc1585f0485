// Package isolate runs PDF extraction in worker processes, so that no
// file can take down the process that asked for it.
//
// Some failures cannot be recovered inside one Go process: a stack
// overflow or an allocation beyond the machine's memory is fatal, and a
// goroutine stuck in the PDF library cannot be stopped. A Pool starts a
// few workers (child processes running Serve, typically the same binary
// in a hidden mode) and feeds them paths over a pipe, each request tagged
// with an id that its answer carries: a worker reads up to
// Config.PerWorker files at once and answers each when it is done. A
// worker that crashes, grows beyond its memory cap or outlives its time
// is killed and replaced. A file read alone in its worker fails with a
// one-line reason; when several were in flight, each is a suspect and is
// read again alone in a fresh worker, so that only the culprit fails and
// the others are read. The parent never parses PDF bytes.
package isolate

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/docindex/docindex/extract"
)

// DefaultMaxMemory is the memory cap of one worker (resident set size).
const DefaultMaxMemory = 1 << 30

// maxFrame bounds one message on the pipe (a document's JSON).
const maxFrame = 1 << 30

// grace is how long the parent waits beyond Options.Timeout before it
// kills a worker that has not answered (the worker's own timeout answers
// first when the worker is healthy).
var grace = 10 * time.Second

// pollInterval is how often the parent reads the resident set size of
// busy workers.
const pollInterval = 50 * time.Millisecond

// Config describes a Pool.
type Config struct {
	// Command is the worker's argv (Command[0] is the program), a
	// process that calls Serve.
	Command []string
	// Env is the worker's environment (nil: the parent's).
	Env []string
	// Workers is the number of worker processes (default 1).
	Workers int
	// PerWorker is the number of files one worker process reads at once
	// (default 1): Workers × PerWorker files are read in parallel. Each
	// process carries a Go runtime, lingua's trigram models and heap
	// headroom (35-40 MB of anonymous memory), so fewer processes
	// reading more files each take less memory; the price is that a
	// crash, a timeout or the memory cap of one process concerns every
	// file in flight in it: those files are read again, one at a time,
	// each alone in a fresh process (a suspect holds its slot while it
	// waits), and only the one that fails alone fails.
	PerWorker int
	// MaxMemory caps the resident set size of one worker in bytes
	// (default DefaultMaxMemory), whatever its PerWorker.
	MaxMemory int64
	// Options are the extraction options, sent to every worker; all
	// fields travel but Langs, which the worker builds from Setup.
	Options extract.Options
	// Setup is passed as is to the worker's setup function (for
	// instance the --languages setting).
	Setup json.RawMessage
	// PageText keeps the text of pages in the documents returned;
	// without it pages carry only their number, language and NoText
	// (enough to count them), which keeps messages small.
	PageText bool
}

func (c Config) maxMemory() int64 {
	if c.MaxMemory <= 0 {
		return DefaultMaxMemory
	}
	return c.MaxMemory
}

func (c Config) timeout() time.Duration {
	if c.Options.Timeout <= 0 {
		return 2 * time.Minute
	}
	return c.Options.Timeout
}

func (c Config) perWorker() int { return max(c.PerWorker, 1) }

// setup is the first message to a worker.
type setup struct {
	Options   extract.Options `json:"options"`
	Setup     json.RawMessage `json:"setup,omitempty"`
	MaxMemory int64           `json:"max_memory"`
	PageText  bool            `json:"page_text"`
	// PerWorker is how many files the worker reads at once.
	PerWorker int `json:"per_worker,omitempty"`
}

// request asks for one file, or (Cancel) tells the worker that the
// parent no longer waits for request ID. The path is bytes so that
// names that are not UTF-8 travel unchanged.
type request struct {
	ID     uint64 `json:"id"`
	Path   []byte `json:"path,omitempty"`
	Cancel bool   `json:"cancel,omitempty"`
}

// response answers one request (the answer to the setup has ID 0).
type response struct {
	ID  uint64            `json:"id,omitempty"`
	Doc *extract.Document `json:"doc"`
	Err string            `json:"err,omitempty"`
	// Retire asks the parent to give the worker no more files: its
	// extraction timed out and the goroutine may still be running.
	Retire bool `json:"retire,omitempty"`
	// Alive is a sign of life in the middle of document ID (a page read
	// by OCR: a scan takes up to Timeout per page), not an answer; the
	// parent's timer of that document starts again.
	Alive bool `json:"alive,omitempty"`
	// Page is, with Alive, the number of pages of the document read by
	// OCR so far.
	Page int `json:"page,omitempty"`
}

var errClosed = errors.New("pool closed")

// Pool is a set of worker processes. Its methods are safe for
// concurrent use.
//
// A file holds one of Workers × PerWorker slots from the moment Extract
// is called until its answer, including while it waits to be read again
// alone as a suspect: suspects are read one at a time (in a process of
// their own, beside the others), so a crash never needs a slot that
// another suspect holds (no deadlock), and the files that are not
// suspects go on in the other slots. At worst, a batch whose every slot
// holds a suspect waits for them, one timeout each at most.
type Pool struct {
	cfg   Config
	slots chan struct{} // files in flight
	solo  chan struct{} // suspects read alone, one at a time
	mu    sync.Mutex
	procs map[*proc]bool // live worker processes, solo ones included
	// shared counts the processes started or starting that take new
	// files (not solo, not retiring): at most cfg.Workers
	shared int
	wake   chan struct{} // closed and replaced when a process may take a file
	done   chan struct{}
	once   sync.Once
	ids    atomic.Uint64

	onPage atomic.Pointer[func(path string, page int)]
}

// OnPage sets f to be called at each sign of life of a worker: page (the
// number of pages of the document at path read by OCR so far) was read.
// f may be called from several goroutines at once; nil removes it.
func (p *Pool) OnPage(f func(path string, page int)) {
	if f == nil {
		p.onPage.Store(nil)
		return
	}
	p.onPage.Store(&f)
}

// New returns a pool; workers are started on demand.
func New(cfg Config) (*Pool, error) {
	if len(cfg.Command) == 0 {
		return nil, errors.New("isolate: no worker command")
	}
	if cfg.Workers <= 0 {
		cfg.Workers = 1
	}
	cfg.PerWorker = cfg.perWorker()
	p := &Pool{
		cfg:   cfg,
		slots: make(chan struct{}, cfg.Workers*cfg.PerWorker),
		solo:  make(chan struct{}, 1),
		procs: map[*proc]bool{},
		wake:  make(chan struct{}),
		done:  make(chan struct{}),
	}
	go p.watch()
	return p, nil
}

// Close kills every worker. Extract must not be called after Close.
func (p *Pool) Close() {
	p.once.Do(func() { close(p.done) })
	p.signal()
	p.mu.Lock()
	procs := make([]*proc, 0, len(p.procs))
	for w := range p.procs {
		procs = append(procs, w)
	}
	p.mu.Unlock()
	// idle workers exit when their request pipe closes (flushing a CPU
	// profile, say); deaf ones are killed after a moment
	for _, w := range procs {
		w.closeRequests()
	}
	deadline := time.After(time.Second)
	for _, w := range procs {
		select {
		case <-w.dead:
		case <-deadline:
			w.kill("")
			<-w.dead
		}
	}
}

// Start starts one worker now, so that a worker that cannot start (a bad
// setting, a missing program) is reported before any file is read.
func (p *Pool) Start() error {
	p.mu.Lock()
	if p.shared >= p.cfg.Workers {
		p.mu.Unlock()
		return nil
	}
	p.shared++
	p.mu.Unlock()
	if _, err := p.start(p.cfg.PerWorker, false); err != nil {
		p.uncountStarting()
		return err
	}
	return nil
}

// outcome is how a wait for an answer ended.
type outcome int

const (
	answered  outcome = iota
	lost              // the process died with the file in flight
	cancelled         // the caller's context is done
)

// Extract reads the PDF at path in a worker. Failures come back as for
// extract.File: a Document with Error set, and the error.
func (p *Pool) Extract(ctx context.Context, path string) (*extract.Document, error) {
	select {
	case p.slots <- struct{}{}:
	case <-ctx.Done():
		return failed(path, ctx.Err())
	}
	defer func() { <-p.slots }()
	for attempt := 0; ; attempt++ {
		w, c, err := p.assign(ctx, path)
		if err != nil {
			if ctx.Err() != nil {
				return failed(path, ctx.Err())
			}
			return failed(path, fmt.Errorf("extractor could not start: %v", err))
		}
		if err := w.send(request{ID: c.id, Path: []byte(path)}); err != nil {
			// a worker that died meanwhile, before it had the file:
			// once more with another one
			w.drop(c)
			w.kill("")
			<-w.dead
			if attempt == 0 {
				continue
			}
			return failed(path, fmt.Errorf("extractor crashed: %s", w.reason()))
		}
		r, how := p.wait(ctx, w, c)
		switch {
		case how == cancelled:
			return failed(path, ctx.Err())
		case how == answered && !c.suspect:
			return answer(path, r)
		case how == lost && w.capacity == 1:
			// alone in its process: the file is the culprit
			return failed(path, w.failure())
		}
		// the process died with other files in flight, or after a file of
		// it timed out (whose goroutine may still run), or the file timed
		// out beside such a goroutine: a suspect, not blamed before it is
		// read alone
		return p.alone(ctx, path)
	}
}

// alone reads a suspect alone in a fresh process.
func (p *Pool) alone(ctx context.Context, path string) (*extract.Document, error) {
	select {
	case p.solo <- struct{}{}:
	case <-ctx.Done():
		return failed(path, ctx.Err())
	case <-p.done:
		return failed(path, fmt.Errorf("extractor could not start: %v", errClosed))
	}
	defer func() { <-p.solo }()
	w, err := p.start(1, true)
	if err != nil {
		return failed(path, fmt.Errorf("extractor could not start: %v", err))
	}
	defer w.kill("") // one file, and done
	c := newCall(p.ids.Add(1), path)
	w.mu.Lock()
	w.calls[c.id] = c
	w.mu.Unlock()
	if err := w.send(request{ID: c.id, Path: []byte(path)}); err != nil {
		w.kill("")
		<-w.dead
		return failed(path, fmt.Errorf("extractor crashed: %s", w.reason()))
	}
	r, how := p.wait(ctx, w, c)
	switch how {
	case answered:
		return answer(path, r)
	case cancelled:
		return failed(path, ctx.Err())
	}
	return failed(path, w.failure())
}

// assign finds a process with room for one more file (starting one when
// fewer than Workers take files) and registers the file in it; it waits
// for room while honouring ctx.
func (p *Pool) assign(ctx context.Context, path string) (*proc, *call, error) {
	c := newCall(p.ids.Add(1), path)
	for {
		p.mu.Lock()
		select {
		case <-p.done:
			p.mu.Unlock()
			return nil, nil, errClosed
		default:
		}
		// the least busy process: a crash concerns fewer files
		var best *proc
		bestN := 0
		for w := range p.procs {
			if !w.counted || w.gone() {
				continue
			}
			w.mu.Lock()
			n := len(w.calls)
			if !w.retiring && n < w.capacity && (best == nil || n < bestN) {
				best, bestN = w, n
			}
			w.mu.Unlock()
		}
		if best != nil {
			best.mu.Lock()
			best.calls[c.id] = c
			best.mu.Unlock()
			p.mu.Unlock()
			return best, c, nil
		}
		if p.shared < p.cfg.Workers {
			p.shared++
			p.mu.Unlock()
			// the start goes on if the caller gives up: the process is
			// there for the next file
			started := make(chan error, 1)
			go func() {
				_, err := p.start(p.cfg.PerWorker, false)
				if err != nil {
					p.uncountStarting()
				}
				started <- err
			}()
			select {
			case err := <-started:
				if err != nil {
					return nil, nil, err
				}
			case <-ctx.Done():
				return nil, nil, ctx.Err()
			}
			continue
		}
		wake := p.wake
		p.mu.Unlock()
		select {
		case <-wake:
		case <-ctx.Done():
			return nil, nil, ctx.Err()
		case <-p.done:
			return nil, nil, errClosed
		}
	}
}

// wait waits for the answer of call c in process w.
func (p *Pool) wait(ctx context.Context, w *proc, c *call) (response, outcome) {
	timer := time.NewTimer(p.cfg.timeout() + grace)
	defer timer.Stop()
	for {
		select {
		case r := <-c.answer:
			return r, answered
		case <-c.alive:
			// a page of a scan read: its time starts again
			timer.Reset(p.cfg.timeout() + grace)
		case <-w.eof:
			// the reader delivers every answer before it closes eof
			select {
			case r := <-c.answer:
				return r, answered
			default:
			}
			<-w.dead
			return response{}, lost
		case <-timer.C:
			// the worker's own timer did not answer: the process is stuck
			w.kill(fmt.Sprintf("timed out after %s", p.cfg.timeout()))
		case <-ctx.Done():
			p.abandon(w, c)
			return response{}, cancelled
		}
	}
}

// abandon gives up call c (its caller's context is done): the process is
// killed if no other file waits for it, else the worker is told to stop
// that file, whose answer will be dropped.
func (p *Pool) abandon(w *proc, c *call) {
	w.mu.Lock()
	if _, ok := w.calls[c.id]; !ok {
		w.mu.Unlock()
		return // answered meanwhile
	}
	c.abandoned = true
	c.deadline = time.Now().Add(p.cfg.timeout() + grace)
	live := w.live()
	w.mu.Unlock()
	if live == 0 {
		w.kill("")
		return
	}
	w.send(request{ID: c.id, Cancel: true})
}

// deliver hands response r of process w to its call.
func (p *Pool) deliver(w *proc, r response) {
	w.mu.Lock()
	c := w.calls[r.ID]
	if c == nil {
		w.mu.Unlock()
		return // a late sign of life
	}
	if r.Alive {
		abandoned := c.abandoned
		w.mu.Unlock()
		if !abandoned {
			if f := p.onPage.Load(); f != nil {
				(*f)(c.path, r.Page)
			}
			select {
			case c.alive <- struct{}{}:
			default:
			}
		}
		return
	}
	delete(w.calls, r.ID)
	retired := r.Retire && !w.retiring
	if r.Retire && !retired {
		// timed out in a process that already holds the stray goroutine
		// of another timeout, which may have starved it: a suspect
		c.suspect = true
	}
	if r.Retire {
		w.retiring = true
	}
	finished := w.retiring && w.live() == 0
	abandoned := c.abandoned
	w.mu.Unlock()
	if !abandoned {
		c.answer <- r
	}
	if retired {
		p.uncount(w)
	}
	if finished {
		// a retired process with no file left: its stray goroutine goes
		// with it
		w.kill("")
	}
	p.signal()
}

// answer makes the Document of an answer about path.
func answer(path string, r response) (*extract.Document, error) {
	doc := r.Doc
	if doc == nil {
		doc = &extract.Document{}
	}
	doc.File = path
	if doc.Pages == nil {
		doc.Pages = []extract.Page{}
	}
	if r.Err != "" {
		doc.Error = r.Err
		return doc, errors.New(r.Err)
	}
	return doc, nil
}

func failed(path string, err error) (*extract.Document, error) {
	return extract.Failed(path, err)
}

// signal wakes the files waiting for room in a process.
func (p *Pool) signal() {
	p.mu.Lock()
	close(p.wake)
	p.wake = make(chan struct{})
	p.mu.Unlock()
}

// uncount takes w out of the processes that take new files.
func (p *Pool) uncount(w *proc) {
	p.mu.Lock()
	if w.counted {
		w.counted = false
		p.shared--
	}
	p.mu.Unlock()
	p.signal()
}

// uncountStarting gives back the count of a process that did not start.
func (p *Pool) uncountStarting() {
	p.mu.Lock()
	p.shared--
	p.mu.Unlock()
	p.signal()
}

func (p *Pool) forget(w *proc) {
	p.mu.Lock()
	delete(p.procs, w)
	if w.counted {
		w.counted = false
		p.shared--
	}
	p.mu.Unlock()
	p.signal()
}

// watch kills busy workers whose resident set exceeds the cap, and those
// that do not answer a file their caller gave up in time.
func (p *Pool) watch() {
	t := time.NewTicker(pollInterval)
	defer t.Stop()
	limit := p.cfg.maxMemory()
	for {
		select {
		case <-p.done:
			return
		case <-t.C:
		}
		p.mu.Lock()
		procs := make([]*proc, 0, len(p.procs))
		for w := range p.procs {
			procs = append(procs, w)
		}
		p.mu.Unlock()
		now := time.Now()
		for _, w := range procs {
			w.mu.Lock()
			busy, overdue := len(w.calls) > 0, false
			for _, c := range w.calls {
				overdue = overdue || (c.abandoned && now.After(c.deadline))
			}
			w.mu.Unlock()
			if overdue {
				w.kill("")
				continue
			}
			if !busy {
				continue
			}
			if rss := ResidentBytes(w.cmd.Process.Pid); rss > limit {
				w.kill(fmt.Sprintf("resource limit exceeded: memory (worker over %s)", sizeString(limit)))
			}
		}
	}
}

// ResidentBytes returns the resident set size (VmRSS) of process pid in
// bytes, 0 when unknown (not Linux, no such process).
func ResidentBytes(pid int) int64 {
	rss, _, _ := ResidentParts(pid)
	return rss
}

// ResidentParts returns the resident set size of process pid and its
// anonymous (RssAnon: heap, stacks) and file-backed (RssFile: the
// executable, mapped files such as Bleve's segments, which the kernel
// can take back) parts, in bytes, from one read of /proc/PID/status; 0s
// when unknown.
func ResidentParts(pid int) (rss, anon, file int64) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0, 0, 0
	}
	return statusKB(b, "VmRSS:") << 10, statusKB(b, "RssAnon:") << 10, statusKB(b, "RssFile:") << 10
}

// ProportionalBytes returns the proportional set size (Pss of
// /proc/PID/smaps_rollup) of process pid in bytes: its resident pages,
// each shared page counted as a share of the processes that map it (the
// executable's pages shared by a build and its workers count once over
// them, not once per process); 0 when unknown.
func ProportionalBytes(pid int) int64 {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/smaps_rollup")
	if err != nil {
		return 0
	}
	return statusKB(b, "\nPss:") << 10
}

// statusKB reads a "Key:   N kB" line of /proc/PID/status.
func statusKB(status []byte, key string) int64 {
	i := bytes.Index(status, []byte(key))
	if i < 0 {
		return 0
	}
	f := strings.Fields(string(status[i+len(key):]))
	if len(f) == 0 {
		return 0
	}
	n, _ := strconv.ParseInt(f[0], 10, 64)
	return n
}

func sizeString(n int64) string {
	if n >= 1<<30 && n%(1<<30) == 0 {
		return fmt.Sprintf("%d GiB", n>>30)
	}
	return fmt.Sprintf("%d MiB", n>>20)
}

// proc is one worker process.
type proc struct {
	cmd      *exec.Cmd
	in       *os.File // requests
	enc      *bufio.Writer
	ready    chan response // the answer to the setup
	eof      chan struct{} // closed when no more answers can come
	dead     chan struct{} // closed when the process has exited
	stderr   *tailBuffer
	capacity int  // files at once
	counted  bool // takes new files (in Pool.shared; under Pool.mu)

	wmu sync.Mutex // requests

	mu         sync.Mutex
	calls      map[uint64]*call // in flight
	retiring   bool             // a file timed out: no new file
	killReason string
	waitErr    error
}

// call is one file in flight in a process.
type call struct {
	id     uint64
	path   string
	answer chan response
	alive  chan struct{}
	// under proc.mu: the caller gave up waiting; its answer is dropped,
	// and the process is killed if none comes by deadline
	abandoned bool
	deadline  time.Time
	// set before the answer is delivered: the answer (a timeout) came
	// from a retiring process, whose stray goroutine may be to blame
	suspect bool
}

func newCall(id uint64, path string) *call {
	return &call{id: id, path: path, answer: make(chan response, 1), alive: make(chan struct{}, 1)}
}

// live counts the calls of w that a caller waits for (w.mu held).
func (w *proc) live() int {
	n := 0
	for _, c := range w.calls {
		if !c.abandoned {
			n++
		}
	}
	return n
}

// drop forgets call c (never sent).
func (w *proc) drop(c *call) {
	w.mu.Lock()
	delete(w.calls, c.id)
	w.mu.Unlock()
}

// gone reports whether w can answer no more.
func (w *proc) gone() bool {
	select {
	case <-w.eof:
		return true
	case <-w.dead:
		return true
	default:
		return false
	}
}

// start starts a worker reading capacity files at once and registers it
// (solo: for one suspect, never given another file).
func (p *Pool) start(capacity int, solo bool) (*proc, error) {
	select {
	case <-p.done:
		return nil, errClosed
	default:
	}
	cfg := p.cfg
	reqR, reqW, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	respR, respW, err := os.Pipe()
	if err != nil {
		reqR.Close()
		reqW.Close()
		return nil, err
	}
	cmd := exec.Command(cfg.Command[0], cfg.Command[1:]...)
	cmd.Env = cfg.Env
	cmd.ExtraFiles = []*os.File{reqR, respW} // fd 3 and 4 in the worker
	w := &proc{
		cmd: cmd, in: reqW, enc: bufio.NewWriter(reqW),
		ready: make(chan response, 1), eof: make(chan struct{}), dead: make(chan struct{}),
		stderr: &tailBuffer{max: 4096}, capacity: capacity, calls: map[uint64]*call{},
	}
	cmd.Stderr = w.stderr
	if os.Getenv("DOCINDEX_DEBUG") != "" {
		cmd.Stderr = io.MultiWriter(w.stderr, os.Stderr)
	}
	cmd.SysProcAttr = procAttr()
	cmd.WaitDelay = 2 * time.Second
	err = cmd.Start()
	reqR.Close()
	respW.Close()
	if err != nil {
		reqW.Close()
		respR.Close()
		return nil, err
	}
	go func() {
		defer close(w.eof)
		defer respR.Close()
		br := bufio.NewReaderSize(respR, 1<<16)
		first := true
		for {
			var r response
			if err := readFrame(br, &r); err != nil {
				return
			}
			if first {
				first = false
				w.ready <- r
				continue
			}
			p.deliver(w, r)
		}
	}()
	go func() {
		err := cmd.Wait()
		w.mu.Lock()
		w.waitErr = err
		w.mu.Unlock()
		w.closeRequests()
		close(w.dead)
		p.forget(w)
	}()
	s := setup{Options: cfg.Options, Setup: cfg.Setup, MaxMemory: cfg.maxMemory(), PageText: cfg.PageText, PerWorker: capacity}
	s.Options.Langs = nil
	if err := w.send(s); err != nil {
		w.kill("")
		<-w.dead
		return nil, fmt.Errorf("%v (%s)", err, w.reason())
	}
	// the worker answers its setup with an empty response, or the reason
	// it cannot work (an unknown language code)
	select {
	case r := <-w.ready:
		if r.Err != "" {
			w.kill("")
			<-w.dead
			return nil, errors.New(r.Err)
		}
	case <-w.eof:
		<-w.dead
		return nil, errors.New(w.reason())
	case <-time.After(time.Minute):
		w.kill("")
		<-w.dead
		return nil, errors.New("no answer to its setup")
	}
	p.mu.Lock()
	select {
	case <-p.done:
		err = errClosed
	case <-w.dead:
		err = errors.New(w.reason())
	default:
		p.procs[w] = true
		w.counted = !solo
	}
	p.mu.Unlock()
	if err != nil {
		w.kill("")
		return nil, err
	}
	p.signal()
	return w, nil
}

func (w *proc) send(v any) error {
	w.wmu.Lock()
	defer w.wmu.Unlock()
	if err := writeFrame(w.enc, v); err != nil {
		return err
	}
	return w.enc.Flush()
}

// closeRequests closes the request pipe: an idle worker exits.
func (w *proc) closeRequests() {
	w.in.Close() // a send blocked on a deaf worker fails
}

// kill ends the worker and its process group; reason, when set, is the
// failure given for the file in hand (the first reason wins).
func (w *proc) kill(reason string) {
	w.mu.Lock()
	if w.killReason == "" {
		w.killReason = reason
	}
	w.mu.Unlock()
	select {
	case <-w.dead:
		return
	default:
	}
	killGroup(w.cmd.Process.Pid)
	w.cmd.Process.Kill()
}

// failure is the error of a file whose worker died.
func (w *proc) failure() error {
	w.mu.Lock()
	kr := w.killReason
	w.mu.Unlock()
	if kr != "" {
		if strings.HasPrefix(kr, "resource limit exceeded") {
			return fmt.Errorf("%w%s", extract.ErrLimit, strings.TrimPrefix(kr, "resource limit exceeded"))
		}
		return errors.New(kr)
	}
	tail := w.stderr.String()
	switch {
	case strings.Contains(tail, "out of memory") || strings.Contains(tail, "cannot allocate memory"):
		return fmt.Errorf("%w: memory", extract.ErrLimit)
	case strings.Contains(tail, "stack overflow") || strings.Contains(tail, "stack exceeds"):
		return errors.New("extractor crashed: stack overflow")
	}
	return fmt.Errorf("extractor crashed: %s", w.reason())
}

// reason describes how the worker ended: the first line of a Go fatal
// error or panic in its stderr, or its exit status.
func (w *proc) reason() string {
	tail := w.stderr.String()
	for _, line := range strings.Split(tail, "\n") {
		for _, p := range []string{"fatal error: ", "panic: "} {
			if strings.HasPrefix(line, p) {
				return strings.TrimSpace(line)
			}
		}
	}
	w.mu.Lock()
	err := w.waitErr
	w.mu.Unlock()
	if err == nil {
		select {
		case <-w.dead:
			return "exited"
		default:
			return "pipe closed"
		}
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL {
			// killed from outside (the kernel's OOM killer, or a user)
			return "killed (SIGKILL; out of memory?)"
		}
	}
	return err.Error()
}

// tailBuffer keeps the first and the last max bytes written to it: a
// Go fatal error starts with its reason and goes on with stack traces.
type tailBuffer struct {
	mu   sync.Mutex
	max  int
	head []byte
	b    []byte
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	n := len(p)
	if room := t.max - len(t.head); room > 0 {
		k := min(room, len(p))
		t.head = append(t.head, p[:k]...)
		p = p[k:]
	}
	t.b = append(t.b, p...)
	if len(t.b) > 2*t.max {
		t.b = append(t.b[:0], t.b[len(t.b)-t.max:]...)
	}
	return n, nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	b := t.b
	if len(b) > t.max {
		b = b[len(b)-t.max:]
	}
	return string(t.head) + "\n" + string(b)
}

// writeFrame writes v as JSON after its length (4 bytes, big-endian).
func writeFrame(w io.Writer, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if len(b) > maxFrame {
		return fmt.Errorf("message of %d bytes (limit %d)", len(b), maxFrame)
	}
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(b)))
	if _, err := w.Write(n[:]); err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

func readFrame(r io.Reader, v any) error {
	var n [4]byte
	if _, err := io.ReadFull(r, n[:]); err != nil {
		return err
	}
	size := binary.BigEndian.Uint32(n[:])
	if size > maxFrame {
		return fmt.Errorf("message of %d bytes (limit %d)", size, maxFrame)
	}
	b := make([]byte, size)
	if _, err := io.ReadFull(r, b); err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}
