//go:build !langdev

package lang_test

import (
	"context"
	"testing"
	"time"

	"github.com/docindex/docindex/extract"
	"github.com/docindex/docindex/lang"
)

var errNoText = extract.ErrNoTextLayer

// pages returns the page texts of a corpus PDF through the real pipeline
// (extract.File, pages only, with the detector) and the document language
// it detected; errNoText for a document without a text layer.
func pages(t testing.TB, d *lang.Detector, path string) ([]string, string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	doc, err := extract.File(ctx, path, extract.Options{PagesOnly: true, Langs: d})
	if err != nil {
		return nil, "", err
	}
	ps := make([]string, len(doc.Pages))
	for i, p := range doc.Pages {
		ps[i] = p.Text
	}
	return ps, doc.Language, nil
}
