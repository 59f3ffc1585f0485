package web

import (
	"net/http"
	"runtime"
	"sync/atomic"
	"time"

	"github.com/docindex/docindex/index"
)

// Searches run at most limiter.slots at a time. A request waits up to
// Options.QueueWait (default 5 s) for a slot, and at most maxWaiting requests wait: beyond
// that the answer is 503 with Retry-After, so a flood of clients costs
// the server a bounded amount of memory and CPU, and the requests that
// are answered are answered in normal time.
const (
	defaultQueueWait = 5 * time.Second
	maxWaiting       = 512
)

type limiter struct {
	slots   chan struct{}
	wait    time.Duration
	waiting atomic.Int64
}

func newLimiter(n int, wait time.Duration) *limiter {
	if n <= 0 {
		n = max(8, 4*runtime.GOMAXPROCS(0))
	}
	if wait <= 0 {
		wait = defaultQueueWait
	}
	return &limiter{slots: make(chan struct{}, n), wait: wait}
}

// acquire takes a slot; false when none came within queueWait, the
// queue is full or the request was cancelled.
func (l *limiter) acquire(r *http.Request) bool {
	select {
	case l.slots <- struct{}{}:
		return true
	default:
	}
	if l.waiting.Add(1) > maxWaiting {
		l.waiting.Add(-1)
		return false
	}
	defer l.waiting.Add(-1)
	t := time.NewTimer(l.wait)
	defer t.Stop()
	select {
	case l.slots <- struct{}{}:
		return true
	case <-t.C:
		return false
	case <-r.Context().Done():
		return false
	}
}

func (l *limiter) release() { <-l.slots }

// limited runs fn under the search limiter; api selects a JSON error.
// Costly queries (index.Costly: wildcards, regexps, fuzzy terms, ranges,
// long queries, everything) take their turn in a pool of their own, of
// half the CPUs, so that however many of them clients send, the other
// searches keep the rest of the machine.
func (h *Handler) limited(fn http.HandlerFunc, api bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if q := r.URL.Query().Get("q"); q != "" && len(q) <= MaxQueryBytes && index.Refused(q) {
			// refused by the query guard: answered at once, not queued
			// behind the searches that run
			fn(w, r)
			return
		}
		l := h.limit
		if q := r.URL.Query().Get("q"); q != "" && len(q) <= MaxQueryBytes && index.Costly(q) {
			l = h.costly
		}
		if !l.acquire(r) {
			w.Header().Set("Retry-After", "1")
			const msg = "the server is busy: too many searches at once; retry in a second"
			if api {
				writeJSONError(w, http.StatusServiceUnavailable, msg)
			} else {
				h.errorPage(w, r, http.StatusServiceUnavailable, msg)
			}
			return
		}
		defer l.release()
		fn(w, r)
	}
}
