package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"github.com/docindex/docindex/index"
)

func init() {
	register(&command{
		name:    "check",
		summary: "verify an index: segments readable, file records match clauses",
		run:     runCheck,
	})
}

// runCheck exits 0 when the index is sound, 1 when it is damaged (each
// problem on a line) and 2 when it cannot be examined.
func runCheck(ctx context.Context, args []string) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	indexPath := indexPathFlag(fs)
	asJSON := fs.Bool("json", false, "print the report as one JSON object")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: docindex check [--index PATH] [--json]\n\n"+
			"Verifies the index: it opens, every segment's checksum and stored\n"+
			"documents are readable, and every file record matches its clauses.\n"+
			"Exit status 0: sound; 1: damaged (rebuild with docindex build --rebuild).\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 0 {
		fs.Usage()
		return 2
	}
	rep, err := index.Check(ctx, *indexPath)
	if err != nil {
		fmt.Fprintf(os.Stderr, "docindex check: %v\n", err)
		return 2
	}
	if *asJSON {
		json.NewEncoder(os.Stdout).Encode(rep)
	} else {
		fmt.Printf("index %s: %d segments, %d documents, %d files, %d clauses\n", *indexPath, rep.Segments, rep.Docs, rep.Files, rep.Clauses)
		for _, p := range rep.Problems {
			fmt.Printf("damaged: %s\n", p)
		}
	}
	if len(rep.Problems) > 0 {
		fmt.Fprintf(os.Stderr, "docindex check: index %s is damaged (%d problems): rebuild with docindex build --rebuild\n", *indexPath, len(rep.Problems))
		return 1
	}
	fmt.Println("ok")
	return 0
}
