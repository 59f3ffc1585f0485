package main

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
)

// buildProgress is the build's progress line: files indexed out of the
// total, and the pages read by OCR so far, which move while a scan is
// read (a file of scans takes seconds a page). Its methods are safe for
// concurrent use: files are counted by the index writer, pages by the
// extraction workers.
type buildProgress struct {
	w     io.Writer
	mu    sync.Mutex
	bar   *progressbar.ProgressBar
	total int // files, 0 while not known
	pages int
}

// file records done files indexed out of total.
func (b *buildProgress) file(done, total int, path string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.ensure(total)
	b.bar.Set(done)
}

// page records a page read by OCR.
func (b *buildProgress) page(path string, n int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.pages++
	b.ensure(-1)
	b.bar.Describe(b.description())
}

func (b *buildProgress) description() string {
	if b.pages == 0 {
		return "indexing"
	}
	s := "s"
	if b.pages == 1 {
		s = ""
	}
	return fmt.Sprintf("indexing (%d OCR page%s)", b.pages, s)
}

// ensure makes the bar, of total files (-1 not known yet: a page was
// read before the first file was indexed), or sets its total.
func (b *buildProgress) ensure(total int) {
	if b.bar == nil {
		b.total = max(total, 0)
		b.bar = progressbar.NewOptions(total,
			progressbar.OptionSetWriter(b.w),
			progressbar.OptionSetDescription(b.description()),
			progressbar.OptionShowCount(),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
		return
	}
	if total > 0 && b.total != total {
		b.total = total
		b.bar.ChangeMax(total)
	}
}

// finish ends the bar, if any (b may be nil).
func (b *buildProgress) finish() {
	if b == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.bar != nil {
		b.bar.Finish()
	}
}
