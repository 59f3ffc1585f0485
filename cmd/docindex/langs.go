package main

import (
	"flag"
	"fmt"
	"strings"

	"github.com/docindex/docindex/extract"
	"github.com/docindex/docindex/extract/ocr"
	"github.com/docindex/docindex/lang"
)

// lang.Detector is what extract expects of a language detector.
var _ extract.Languages = (*lang.Detector)(nil)

// langFlag adds --languages to fs and returns a function that builds the
// shared detector once flags are parsed (loading lingua's models takes
// about a second, so it is built once per run).
func langFlag(fs *flag.FlagSet) func() (extract.Languages, error) {
	list := fs.String("languages", "", "candidate languages, comma-separated ISO 639-1 codes (default: "+strings.Join(lang.DefaultLanguages, ",")+")")
	return func() (extract.Languages, error) {
		var codes []string
		if *list != "" {
			codes = strings.Split(*list, ",")
		}
		d, err := lang.NewDetector(codes)
		if err != nil {
			return nil, fmt.Errorf("--languages: %w", err)
		}
		return d, nil
	}
}

// ocrFlag adds --ocr to fs; the returned function checks its value.
func ocrFlag(fs *flag.FlagSet) func() (string, error) {
	v := fs.String("ocr", "auto", "read pages without text by OCR: auto (when tesseract is installed), always (every page), never")
	return func() (string, error) { return extract.ParseOCRMode(*v) }
}

// ocrHint is the one line said after a report of files that need OCR
// when it is off or tesseract is missing ("" when nothing to say).
func ocrHint(mode string, noTextFiles int) string {
	if noTextFiles == 0 || mode == extract.OCRNever {
		return ""
	}
	if !ocr.Available() {
		return "hint: " + ocr.HowToInstall
	}
	return ""
}
