package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime"
	"strings"

	"github.com/docindex/docindex/extract"
)

func init() {
	register(&command{
		name:    "extract",
		summary: "print the text, metadata and clauses of PDF files",
		run:     runExtract,
	})
}

// runExtract runs "docindex extract": files extracted in parallel by
// worker processes (extractInOrder) and printed in order, as JSON Lines
// or as the text of their pages (writePagesText).
func runExtract(ctx context.Context, args []string) int {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "one JSON object per file per line (JSON Lines)")
	pagesOnly := fs.Bool("pages", false, "pages only: skip metadata and clauses")
	timeout := fs.Duration("timeout", 0, "time limit per file (default 2m)")
	workers := fs.Int("workers", runtime.NumCPU(), "files extracted in parallel (worker processes)")
	langFlag(fs) // read by the workers
	startPool := isolationFlags(fs)
	ocrMode := ocrFlag(fs)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: docindex extract [--json] [--pages] FILE|DIR...\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	files, errs := extract.FindPDFs(fs.Args())
	status := 0
	for _, err := range errs {
		fmt.Fprintf(os.Stderr, "docindex extract: %v\n", err)
		status = 1
	}
	mode, err := ocrMode()
	if err != nil {
		fmt.Fprintf(os.Stderr, "docindex extract: %v\n", err)
		return 2
	}
	pool, err := startPool(extract.Options{Timeout: *timeout, PagesOnly: *pagesOnly, OCR: mode}, max(*workers, 1), max(*workers, 1), true)
	if err != nil {
		fmt.Fprintf(os.Stderr, "docindex extract: %v\n", err)
		return 2
	}
	defer pool.Close()
	noText := 0
	defer func() {
		if h := ocrHint(mode, noText); h != "" {
			fmt.Fprintln(os.Stderr, h)
		}
	}()
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	next := extractInOrder(ctx, pool.Extract, files, max(*workers, 1))
	for _, f := range files {
		if ctx.Err() != nil {
			break
		}
		doc, err := next()
		if err != nil {
			if isNoTextError(err) {
				noText++
			}
			fmt.Fprintf(os.Stderr, "docindex extract: %s: %v\n", f, err)
			status = 1
		}
		if *asJSON {
			if err := enc.Encode(doc); err != nil {
				fmt.Fprintf(os.Stderr, "docindex extract: %v\n", err)
				return 1
			}
			continue
		}
		if err == nil {
			writePagesText(out, doc)
		}
	}
	if ctx.Err() != nil {
		status = 1
	}
	return status
}

// extractInOrder extracts files in parallel (at most workers at a time)
// and returns a function that gives their results one by one, in the
// order of files; each call frees a place for the next file.
func extractInOrder(ctx context.Context, ex func(context.Context, string) (*extract.Document, error), files []string, workers int) func() (*extract.Document, error) {
	type result struct {
		doc *extract.Document
		err error
	}
	results := make([]chan result, len(files))
	for i := range files {
		results[i] = make(chan result, 1)
	}
	sem := make(chan struct{}, workers)
	go func() {
		for i, f := range files {
			sem <- struct{}{}
			go func() {
				doc, err := ex(ctx, f)
				results[i] <- result{doc, err}
			}()
		}
	}()
	i := 0
	return func() (*extract.Document, error) {
		r := <-results[i]
		<-sem
		i++
		return r.doc, r.err
	}
}

// isNoTextError reports a file without a text layer (scanned): the
// error crossed a process boundary as text, so its message is compared.
func isNoTextError(err error) bool {
	return strings.Contains(err.Error(), extract.ErrNoTextLayer.Error())
}

// writePagesText writes the text of a document's pages, separated by
// form feeds (as pdftotext does), and a newline.
func writePagesText(out *bufio.Writer, doc *extract.Document) {
	texts := make([]string, len(doc.Pages))
	for i, p := range doc.Pages {
		texts[i] = p.Text
	}
	out.WriteString(strings.Join(texts, "\f"))
	out.WriteString("\n")
}
