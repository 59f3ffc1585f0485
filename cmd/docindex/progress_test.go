package main

import (
	"strings"
	"sync"
	"testing"
	"time"
)

// TestBuildProgressCountsPages: pages read by OCR move the progress line
// before any file is indexed (its total not known yet) and after; the
// files' total arrives with the first file indexed. Workers report pages
// from several goroutines at once.
func TestBuildProgressCountsPages(t *testing.T) {
	var out strings.Builder
	var mu sync.Mutex
	bp := &buildProgress{w: writerFunc(func(p []byte) (int, error) {
		mu.Lock()
		defer mu.Unlock()
		return out.Write(p)
	})}
	var wg sync.WaitGroup
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 1; n <= 3; n++ {
				bp.page("scan.pdf", n)
			}
		}()
	}
	wg.Wait()
	if d := bp.description(); d != "indexing (6 OCR pages)" {
		t.Errorf("description %q", d)
	}
	if bp.total != 0 {
		t.Errorf("total %d before the first file, want 0 (unknown)", bp.total)
	}
	bp.file(1, 4, "a.pdf")
	if bp.bar.GetMax() != 4 || bp.bar.State().CurrentNum != 1 {
		t.Errorf("after a file: %d of %d, want 1 of 4", bp.bar.State().CurrentNum, bp.bar.GetMax())
	}
	time.Sleep(150 * time.Millisecond) // the bar's throttle
	bp.page("scan.pdf", 4)
	bp.file(2, 4, "b.pdf")
	mu.Lock()
	s := out.String()
	mu.Unlock()
	if !strings.Contains(s, "OCR pages") || !strings.Contains(s, "/4") {
		t.Errorf("progress line %q: want OCR pages and the files' total", s)
	}
	bp.finish()
	var none *buildProgress
	none.finish() // --quiet: no bar
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }
