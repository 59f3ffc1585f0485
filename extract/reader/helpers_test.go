package reader

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/docindex/docindex/extract/internal/sharedtest"
)

// textPage is a page the reader read, its glyphs copied, with the text
// they show in drawing order (the reader does no layout: its tests look
// for what a content stream shows; extract/layout tests lines).
type textPage struct {
	Page
	Text   string
	NoText bool
}

// readText reads every page of data.
func readText(ctx context.Context, data []byte) ([]textPage, []string, error) {
	var pages []textPage
	warnings, err := Read(ctx, data, func(p Page) error {
		var sb strings.Builder
		noText := true
		for _, g := range p.Glyphs {
			sb.WriteString(g.Text)
			noText = noText && g.Space
		}
		p.Glyphs = slices.Clone(p.Glyphs)
		pages = append(pages, textPage{Page: p, Text: sb.String(), NoText: noText})
		return nil
	})
	return pages, warnings, err
}

// pagesText is the text of pages, each followed by a newline.
func pagesText(pages []textPage) string {
	var sb strings.Builder
	for _, p := range pages {
		sb.WriteString(p.Text)
		sb.WriteString("\n")
	}
	return sb.String()
}

// relSharedDir is ../shared next to the repository root, "" when absent.
func relSharedDir() string {
	return sharedtest.Dir()
}

// corpusDir is ../shared/corpus next to the repository root; the test is
// skipped without it.
func corpusDir(t testing.TB) string {
	s := relSharedDir()
	if s == "" {
		t.Skip("corpus not found (../shared/corpus next to the repository)")
	}
	c := filepath.Join(s, "corpus")
	if fi, err := os.Stat(c); err != nil || !fi.IsDir() {
		t.Skip("corpus not found (../shared/corpus next to the repository)")
	}
	return c
}

// allCorpusPDFs lists every PDF under corpus, sorted.
func allCorpusPDFs(t testing.TB, corpus string) []string {
	return sharedtest.PDFs(corpus)
}

// hostileDoc is what readHostile read.
type hostileDoc struct{ Pages []textPage }

// readHostile reads data as extract does (cross-reference guard, then
// the pages) with a deadline well above what the file needs, and fails
// the test if it hangs.
func readHostile(t *testing.T, name string, data []byte) (*hostileDoc, error) {
	t.Helper()
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	doc := &hostileDoc{}
	data, _, err := GuardXref(data)
	if err == nil {
		doc.Pages, _, err = readText(ctx, data)
	}
	if err == nil && !slices.ContainsFunc(doc.Pages, func(p textPage) bool { return !p.NoText }) {
		err = NoTextError(data, len(doc.Pages))
	}
	if ctx.Err() != nil {
		t.Fatalf("%s: hang: %v", name, err)
	}
	t.Logf("%s: %d bytes, %v, err=%v, %d pages", name, len(data), time.Since(start).Round(time.Millisecond), err, len(doc.Pages))
	return doc, err
}

func relHeapInUse() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}
