package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
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

func runExtract(ctx context.Context, args []string) int {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "one JSON object per file per line (JSON Lines)")
	pagesOnly := fs.Bool("pages", false, "pages only: skip metadata and clauses")
	timeout := fs.Duration("timeout", 0, "time limit per file (default 2m)")
	langs := langFlag(fs)
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
	det, err := langs()
	if err != nil {
		fmt.Fprintf(os.Stderr, "docindex extract: %v\n", err)
		return 2
	}
	mode, err := ocrMode()
	if err != nil {
		fmt.Fprintf(os.Stderr, "docindex extract: %v\n", err)
		return 2
	}
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
	for _, f := range files {
		if ctx.Err() != nil {
			break
		}
		doc, err := extract.File(ctx, f, extract.Options{Timeout: *timeout, Langs: det, PagesOnly: *pagesOnly, OCR: mode})
		if errors.Is(err, extract.ErrNoTextLayer) {
			noText++
		}
		if err != nil {
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
		if err != nil {
			continue
		}
		texts := make([]string, len(doc.Pages))
		for i, p := range doc.Pages {
			texts[i] = p.Text
		}
		out.WriteString(strings.Join(texts, "\f"))
		out.WriteString("\n")
	}
	if ctx.Err() != nil {
		status = 1
	}
	return status
}
