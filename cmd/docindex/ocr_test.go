package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/docindex/docindex/extract"
	"github.com/docindex/docindex/index"
)

// TestOCRMarkInSearchOutput: a hit read by OCR is marked [OCR] after its
// citation; the build summary counts OCR pages.
func TestOCRMarkInSearchOutput(t *testing.T) {
	var b bytes.Buffer
	printHits(&b, &index.SearchResult{Total: 2, Hits: []index.Hit{
		{Citation: "A/RES/26/2758, para. 1", Language: "ru", OCR: true},
		{Citation: "A/RES/99/101, para. 2", Language: "en"},
	}}, 0, false)
	out := b.String()
	if !strings.Contains(out, "1. A/RES/26/2758, para. 1 [OCR]\n") || strings.Count(out, "[OCR]") != 1 {
		t.Errorf("output:\n%s", out)
	}
	b.Reset()
	printBuildSummary(&b, "ix", &index.BuildStats{Pages: 12, NoTextPages: 1, OCRPages: 11})
	if !strings.Contains(b.String(), "pages read: 12 (1 without text, 11 read by OCR)") {
		t.Errorf("summary:\n%s", b.String())
	}
	if h := ocrHint(extract.OCRNever, 3); h != "" {
		t.Errorf("hint with --ocr never: %q", h)
	}
	if h := ocrHint(extract.OCRAuto, 0); h != "" {
		t.Errorf("hint without scans: %q", h)
	}
}
