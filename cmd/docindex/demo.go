package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/docindex/docindex/extract"
	"github.com/docindex/docindex/index"
	"github.com/docindex/docindex/lang"
)

func init() {
	register(&command{
		name:    "demo",
		summary: "index the bundled sample (testdata/pdf) and show one paragraph in six languages",
		run:     runDemo,
	})
}

// runDemo is the quick start: from a fresh clone, `go run ./cmd/docindex
// demo` builds an index of the project's sample documents in a temporary
// directory, prints one paragraph cited in six languages and one topic
// search read in another language, and removes the index (unless --keep).
func runDemo(ctx context.Context, args []string) int {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	dir := fs.String("dir", filepath.Join("testdata", "pdf"), "sample documents")
	keep := fs.String("keep", "", "build the index here and keep it (default: a temporary directory, removed)")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: docindex demo [--dir DIR] [--keep PATH]\n\nRun from the repository root.\n\n")
		fs.PrintDefaults()
	}
	if _, err := parseInterleaved(fs, args); err == flag.ErrHelp {
		return 0
	} else if err != nil {
		return 2
	}
	if fi, err := os.Stat(*dir); err != nil || !fi.IsDir() {
		fmt.Fprintf(os.Stderr, "docindex demo: %s not found: run it from the repository root, or give --dir\n", *dir)
		return 2
	}
	ixPath := *keep
	if ixPath == "" {
		tmp, err := os.MkdirTemp("", "docindex-demo-")
		if err != nil {
			fmt.Fprintf(os.Stderr, "docindex demo: %v\n", err)
			return 1
		}
		defer os.RemoveAll(tmp)
		ixPath = filepath.Join(tmp, "ix")
	}
	det, err := lang.NewDetector(nil)
	if err != nil {
		fmt.Fprintf(os.Stderr, "docindex demo: %v\n", err)
		return 1
	}
	st, err := index.Build(ctx, ixPath, []string{*dir}, index.BuildOptions{
		Extract: func(ctx context.Context, p string) (*extract.Document, error) {
			return extract.File(ctx, p, extract.Options{Langs: det})
		},
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "docindex demo: %v\n", err)
		return 1
	}
	fmt.Printf("indexed %d files of %s: %d clauses\n\n", st.Indexed, *dir, st.Clauses)
	ix, err := index.Open(ixPath)
	if err != nil {
		fmt.Fprintf(os.Stderr, "docindex demo: %v\n", err)
		return 1
	}
	defer ix.Close()
	for _, d := range []struct{ title, q, show string }{
		{"A citation finds its paragraph in every language", "A/RES/99/101 para 3", ""},
		{"Words in one language, read in another (--show fr)", "digitization", "fr"},
	} {
		res, err := ix.Search(ctx, index.SearchRequest{Query: d.q, Show: d.show, Limit: 6, SkipBodies: true})
		if err != nil {
			fmt.Fprintf(os.Stderr, "docindex demo: %v\n", err)
			return 1
		}
		fmt.Printf("== %s: docindex search %q\n\n", d.title, d.q)
		for _, h := range res.Hits {
			fmt.Printf("%s\n   %s\n", h.Citation, snippetText(h.Snippet, false))
			if m := h.Matched; m != nil {
				fmt.Printf("   matched (%s): %s\n", m.Language, snippetText(m.Snippet, false))
			}
		}
		fmt.Println()
	}
	fmt.Printf("Next: docindex build %s && docindex serve   (search page on http://127.0.0.1:8080/)\n", *dir)
	return 0
}
