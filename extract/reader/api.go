// Package reader reads PDF files into pages of positioned glyphs: the
// lexer and object tokenizer, filters, decryption, cross-reference
// repair, fonts and CMaps, content-stream interpretation, and resource
// limits. Its errors are typed (ErrEncrypted, ErrDamaged, ErrLimit…).
//
// It knows nothing of lines or of UN documents: extract/layout assembles
// glyphs into words and lines (columns, bidi order) and extract analyses
// documents (rows, mastheads, clauses, citations). This package imports
// neither.
package reader

import (
	"context"
	"errors"
)

// Read reads data page by page: fn is called with each page in order.
// A page's Glyphs live only until fn returns (the buffer is reused for
// the next page): fn copies what it keeps. Read returns warnings (what
// was repaired to read the file). An error that stops the file from
// being opened is explained and typed (ErrEncrypted, ErrTruncated,
// ErrDamaged…) unless ctx is done; an error fn returns stops Read and is
// returned as it is.
func Read(ctx context.Context, data []byte, fn func(Page) error) ([]string, error) {
	var fnErr error
	warnings, err := readPages(ctx, data, func(p Page) error {
		fnErr = fn(p)
		return fnErr
	})
	if err != nil && fnErr == nil && ctx.Err() == nil {
		err = explainOpenError(data, err)
	}
	return warnings, err
}

// GuardXref checks the cross-reference chain of data against the
// resource limits before the library reads it; it returns the bytes to
// read (repaired when the chain was broken) and a warning saying so.
func GuardXref(data []byte) ([]byte, string, error) { return guardXref(data) }

// NoTextError says why a document of n pages none of which has text has
// none: no pages (ErrNoPages), blank pages or pages that are only images
// (ErrNoTextLayer, wrapped).
func NoTextError(data []byte, n int) error { return noTextError(data, n) }

// Doc is an opened PDF whose pages can be tested for images and
// rasterized (for OCR).
type Doc struct {
	data  []byte // the bytes read (repaired when they needed it)
	pages []pageInfo
	ds    *docState
}

// Open opens data (repairing it when needed) and lists its pages.
func Open(data []byte) (*Doc, error) {
	r, data, _, err := openPDFBytes(data)
	if err != nil {
		return nil, err
	}
	infos, err := pageList(r)
	if err != nil {
		return nil, err
	}
	return &Doc{data: data, pages: infos, ds: &docState{fonts: map[string]*font{}, data: data}}, nil
}

// Data is the bytes the document is read from.
func (d *Doc) Data() []byte { return d.data }

// NumPages is the number of pages of the document.
func (d *Doc) NumPages() int { return len(d.pages) }

// DrawsImage reports whether page i (0-based) draws an image.
func (d *Doc) DrawsImage(i int) bool {
	if i < 0 || i >= len(d.pages) {
		return false
	}
	return drawsImage(d.ds, d.pages[i])
}

// errPageRange is returned for a page index outside the document.
var errPageRange = errors.New("page out of range")

// PageImage returns the resolution of the image page i (0-based) is read
// from and a function that makes the image: the page's one image as
// stored (JPEG) when the page is that image, else the page rasterized by
// pdftoppm (PNG, grey; the document is written once to the temporary file
// *tmp, which the caller removes with its directory).
func (d *Doc) PageImage(ctx context.Context, i int, tmp *string) (func() ([]byte, error), int) {
	if i < 0 || i >= len(d.pages) {
		return func() ([]byte, error) { return nil, errPageRange }, 0
	}
	return pageImage(ctx, d.ds, d.data, d.pages[i], i+1, tmp)
}
