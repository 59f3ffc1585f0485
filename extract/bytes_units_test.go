package extract

import (
	"context"
	"errors"
	"testing"

	"github.com/docindex/docindex/extract/internal/pdftest"
)

func TestGuardBytes(t *testing.T) {
	var doc Document
	if _, err := guardBytes(&doc, nil); !errors.Is(err, ErrEmptyFile) {
		t.Errorf("empty: %v", err)
	}
	if _, err := guardBytes(&doc, []byte("<html>")); !errors.Is(err, ErrNotPDF) {
		t.Errorf("not a PDF: %v", err)
	}
	pdf := pdftest.OnePage("BT /F1 10 Tf 100 700 Td (ab) Tj ET", "")
	if data, err := guardBytes(&doc, pdf); err != nil || len(data) == 0 || len(doc.Warnings) != 0 {
		t.Errorf("a good PDF: %d bytes, %v, warnings %v", len(data), err, doc.Warnings)
	}
}

func TestReadPagesBounded(t *testing.T) {
	pdf := pdftest.OnePage("BT /F1 10 Tf 100 700 Td (ab) Tj ET", "")
	r := readPagesBounded(context.Background(), "x.pdf", pdf, Options{}.timeout())
	if r.err != nil || len(r.pages) != 1 || r.noText != nil {
		t.Fatalf("read: %d pages, err %v, no text %v", len(r.pages), r.err, r.noText)
	}
	// a page without text
	r = readPagesBounded(context.Background(), "x.pdf", pdftest.OnePage("0 0 m 10 10 l S", ""), Options{}.timeout())
	if r.err != nil || r.noText == nil {
		t.Errorf("no text: err %v, no text %v", r.err, r.noText)
	}
}
