// Package isolate runs PDF extraction in worker processes, so that no
// file can take down the process that asked for it.
//
// Some failures cannot be recovered inside one Go process: a stack
// overflow or an allocation beyond the machine's memory is fatal, and a
// goroutine stuck in the PDF library cannot be stopped. A Pool starts a
// few workers (child processes running Serve, typically the same binary
// in a hidden mode) and feeds them one path at a time over a pipe. A
// worker that crashes, grows beyond its memory cap or outlives its time
// is killed and replaced: that file fails with a one-line reason, the
// next one gets a fresh worker. The parent never parses PDF bytes.
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
	// MaxMemory caps the resident set size of one worker in bytes
	// (default DefaultMaxMemory).
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

// setup is the first message to a worker.
type setup struct {
	Options   extract.Options `json:"options"`
	Setup     json.RawMessage `json:"setup,omitempty"`
	MaxMemory int64           `json:"max_memory"`
	PageText  bool            `json:"page_text"`
}

// request asks for one file; the path is bytes so that names that are
// not UTF-8 travel unchanged.
type request struct {
	Path []byte `json:"path"`
}

// response answers one request.
type response struct {
	Doc *extract.Document `json:"doc"`
	Err string            `json:"err,omitempty"`
	// Retire asks the parent to replace the worker: its extraction timed
	// out and the goroutine may still be running.
	Retire bool `json:"retire,omitempty"`
	// Alive is a sign of life in the middle of a document (a page read
	// by OCR: a scan takes up to Timeout per page), not an answer; the
	// parent's timer starts again.
	Alive bool `json:"alive,omitempty"`
	// Page is, with Alive, the number of pages of the document read by
	// OCR so far.
	Page int `json:"page,omitempty"`
}

// Pool is a set of worker processes. Its methods are safe for
// concurrent use.
type Pool struct {
	cfg  Config
	sem  chan struct{}
	mu   sync.Mutex
	idle []*proc
	all  map[*proc]bool
	done chan struct{}
	once sync.Once

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
	p := &Pool{cfg: cfg, sem: make(chan struct{}, cfg.Workers), all: map[*proc]bool{}, done: make(chan struct{})}
	go p.watchMemory()
	return p, nil
}

// Close kills every worker. Extract must not be called after Close.
func (p *Pool) Close() {
	p.once.Do(func() { close(p.done) })
	p.mu.Lock()
	procs := make([]*proc, 0, len(p.all))
	for w := range p.all {
		procs = append(procs, w)
	}
	p.idle = nil
	p.mu.Unlock()
	// idle workers exit when their request pipe closes (flushing a CPU
	// profile, say); busy or deaf ones are killed after a moment
	for _, w := range procs {
		w.in.Close()
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

// Extract reads the PDF at path in a worker. Failures come back as for
// extract.File: a Document with Error set, and the error.
func (p *Pool) Extract(ctx context.Context, path string) (*extract.Document, error) {
	select {
	case p.sem <- struct{}{}:
	case <-ctx.Done():
		return failed(path, ctx.Err())
	}
	defer func() { <-p.sem }()
	for attempt := 0; ; attempt++ {
		w, err := p.get()
		if err != nil {
			return failed(path, fmt.Errorf("extractor could not start: %v", err))
		}
		if err := w.send(request{Path: []byte(path)}); err != nil {
			// an idle worker that died meanwhile: once more with a new one
			w.kill("")
			<-w.dead
			p.forget(w)
			if attempt == 0 {
				continue
			}
			return failed(path, fmt.Errorf("extractor crashed: %s", w.reason()))
		}
		return p.wait(ctx, w, path)
	}
}

func (p *Pool) wait(ctx context.Context, w *proc, path string) (*extract.Document, error) {
	w.setBusy(true)
	timer := time.NewTimer(p.cfg.timeout() + grace)
	defer timer.Stop()
	for {
		select {
		case r, ok := <-w.resp:
			if ok && r.Alive {
				// a page of a scan read: its time starts again
				timer.Reset(p.cfg.timeout() + grace)
				if f := p.onPage.Load(); f != nil {
					(*f)(path, r.Page)
				}
				continue
			}
			return p.answer(w, path, r, ok)
		case <-timer.C:
			w.kill(fmt.Sprintf("timed out after %s", p.cfg.timeout()))
		case <-ctx.Done():
			w.kill("")
			<-w.dead
			p.forget(w)
			return failed(path, ctx.Err())
		}
		<-w.dead
		p.forget(w)
		return failed(path, w.failure())
	}
}

// answer handles a worker's answer about path (ok false: the worker
// closed its pipe, it died).
func (p *Pool) answer(w *proc, path string, r response, ok bool) (*extract.Document, error) {
	w.setBusy(false)
	if !ok {
		<-w.dead
		p.forget(w)
		return failed(path, w.failure())
	}
	if r.Retire {
		w.kill("")
		<-w.dead
		p.forget(w)
	} else {
		p.put(w)
	}
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

func (p *Pool) get() (*proc, error) {
	p.mu.Lock()
	if n := len(p.idle); n > 0 {
		w := p.idle[n-1]
		p.idle = p.idle[:n-1]
		p.mu.Unlock()
		return w, nil
	}
	p.mu.Unlock()
	select {
	case <-p.done:
		return nil, errors.New("pool closed")
	default:
	}
	w, err := start(p.cfg)
	if err != nil {
		return nil, err
	}
	p.mu.Lock()
	p.all[w] = true
	p.mu.Unlock()
	return w, nil
}

func (p *Pool) put(w *proc) {
	p.mu.Lock()
	defer p.mu.Unlock()
	select {
	case <-p.done:
		go w.kill("")
		return
	default:
	}
	p.idle = append(p.idle, w)
}

func (p *Pool) forget(w *proc) {
	p.mu.Lock()
	delete(p.all, w)
	p.mu.Unlock()
}

// watchMemory kills busy workers whose resident set exceeds the cap.
func (p *Pool) watchMemory() {
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
		procs := make([]*proc, 0, len(p.all))
		for w := range p.all {
			procs = append(procs, w)
		}
		p.mu.Unlock()
		for _, w := range procs {
			if !w.isBusy() {
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
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0
	}
	return statusKB(b, "VmRSS:") << 10
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

// ResidentParts returns the anonymous (RssAnon: heap, stacks) and
// file-backed (RssFile: mapped files, such as Bleve's segments, which the
// kernel can take back) parts of the resident set of process pid, in
// bytes; 0, 0 when unknown.
func ResidentParts(pid int) (anon, file int64) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0, 0
	}
	return statusKB(b, "RssAnon:") << 10, statusKB(b, "RssFile:") << 10
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
	cmd    *exec.Cmd
	in     *os.File // requests
	enc    *bufio.Writer
	resp   chan response
	dead   chan struct{} // closed when the process has exited
	stderr *tailBuffer

	mu         sync.Mutex
	busy       bool
	killReason string
	waitErr    error
}

func start(cfg Config) (*proc, error) {
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
	w := &proc{cmd: cmd, in: reqW, enc: bufio.NewWriter(reqW), resp: make(chan response, 1), dead: make(chan struct{}), stderr: &tailBuffer{max: 4096}}
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
		defer close(w.resp)
		defer respR.Close()
		br := bufio.NewReaderSize(respR, 1<<16)
		for {
			var r response
			if err := readFrame(br, &r); err != nil {
				return
			}
			w.resp <- r
		}
	}()
	go func() {
		err := cmd.Wait()
		w.mu.Lock()
		w.waitErr = err
		w.mu.Unlock()
		reqW.Close()
		close(w.dead)
	}()
	s := setup{Options: cfg.Options, Setup: cfg.Setup, MaxMemory: cfg.maxMemory(), PageText: cfg.PageText}
	s.Options.Langs = nil
	if err := w.send(s); err != nil {
		w.kill("")
		<-w.dead
		return nil, fmt.Errorf("%v (%s)", err, w.reason())
	}
	// the worker answers its setup with an empty response, or the reason
	// it cannot work (an unknown language code)
	select {
	case r, ok := <-w.resp:
		if ok && r.Err == "" {
			return w, nil
		}
		w.kill("")
		<-w.dead
		if ok {
			return nil, errors.New(r.Err)
		}
		return nil, errors.New(w.reason())
	case <-time.After(time.Minute):
		w.kill("")
		<-w.dead
		return nil, errors.New("no answer to its setup")
	}
}

// Start starts one worker now, so that a worker that cannot start (a bad
// setting, a missing program) is reported before any file is read.
func (p *Pool) Start() error {
	w, err := p.get()
	if err != nil {
		return err
	}
	p.put(w)
	return nil
}

func (w *proc) send(v any) error {
	if err := writeFrame(w.enc, v); err != nil {
		return err
	}
	return w.enc.Flush()
}

func (w *proc) setBusy(b bool) {
	w.mu.Lock()
	w.busy = b
	w.mu.Unlock()
}

func (w *proc) isBusy() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.busy
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
