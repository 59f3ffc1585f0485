package main

import (
	"flag"

	"github.com/docindex/docindex/extract"
)

// langFlag adds --languages to fs and returns a function that builds the
// shared detector once flags are parsed.
//
// TODO(issue 3): wire lang.Detector.
func langFlag(fs *flag.FlagSet) func() (extract.Languages, error) {
	list := fs.String("languages", "", "candidate languages, comma-separated ISO 639-1 codes (default: ar,en,es,fr,ru,zh,pt,de,it)")
	return func() (extract.Languages, error) {
		_ = list
		return nil, nil
	}
}
