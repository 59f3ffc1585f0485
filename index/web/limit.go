package web

import (
	"net/http"
	"runtime"
	"sync/atomic"
	"time"
)

// Searches run at most limiter.slots at a time. A request waits up to
// queueWait for a slot, and at most maxWaiting requests wait: beyond
// that the answer is 503 with Retry-After, so a flood of clients costs
// the server a bounded amount of memory and CPU, and the requests that
// are answered are answered in normal time.
const (
	queueWait  = 2 * time.Second
	maxWaiting = 256
)

type limiter struct {
	slots   chan struct{}
	waiting atomic.Int64
}

func newLimiter(n int) *limiter {
	if n <= 0 {
		n = max(4, 2*runtime.GOMAXPROCS(0))
	}
	return &limiter{slots: make(chan struct{}, n)}
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
	t := time.NewTimer(queueWait)
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
func (h *Handler) limited(fn http.HandlerFunc, api bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !h.limit.acquire(r) {
			w.Header().Set("Retry-After", "1")
			const msg = "the server is busy: too many searches at once; retry in a second"
			if api {
				writeJSONError(w, http.StatusServiceUnavailable, msg)
			} else {
				h.errorPage(w, r, http.StatusServiceUnavailable, msg)
			}
			return
		}
		defer h.limit.release()
		fn(w, r)
	}
}
