package extract

import (
	"context"
	"os"
	"os/exec"
	"runtime"
	"testing"
	"time"

	"github.com/docindex/docindex/extract/internal/sharedtest"
)

// allCorpusPDFs lists every PDF of the corpus, odd/ included.
func allCorpusPDFs(t testing.TB, corpus string) []string {
	return sharedtest.PDFs(corpus)
}

// BenchmarkExtractCorpus reads every corpus PDF with the engine and with
// pdftotext (as a subprocess, one file after the other), both on one
// core, and reports pages per second for each:
//
//	go test -run '^$' -bench ExtractCorpus -benchtime 3x ./extract
func BenchmarkExtractCorpus(b *testing.B) {
	corpus := corpusDir(b)
	files := textPDFs(b, corpus)
	type doc struct {
		path  string
		data  []byte
		pages int
	}
	var docs []doc
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		pages, err := ReadPages(context.Background(), data)
		if err != nil {
			continue
		}
		docs = append(docs, doc{f, data, len(pages)})
	}
	total := 0
	for _, d := range docs {
		total += d.pages
	}
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)

	b.Run("docindex", func(b *testing.B) {
		start := time.Now()
		for i := 0; i < b.N; i++ {
			for _, d := range docs {
				if _, err := ReadPages(context.Background(), d.data); err != nil {
					b.Fatal(d.path, err)
				}
			}
		}
		b.ReportMetric(float64(total*b.N)/time.Since(start).Seconds(), "pages/s")
		b.ReportMetric(float64(total), "pages")
	})
	b.Run("pdftotext", func(b *testing.B) {
		if _, err := exec.LookPath("pdftotext"); err != nil {
			b.Skip("pdftotext not installed")
		}
		start := time.Now()
		for i := 0; i < b.N; i++ {
			for _, d := range docs {
				cmd := exec.Command("pdftotext", "-enc", "UTF-8", d.path, "-")
				if err := cmd.Run(); err != nil {
					b.Fatal(d.path, err)
				}
			}
		}
		b.ReportMetric(float64(total*b.N)/time.Since(start).Seconds(), "pages/s")
		b.ReportMetric(float64(total), "pages")
	})
}
