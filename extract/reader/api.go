// Package reader reads PDF files into pages of positioned words and lines
// in reading order: the lexer, filters, decryption, cross-reference repair,
// fonts and CMaps, content-stream interpretation, resource limits, and the
// assembly of glyphs into words and lines (columns, bidi order).
//
// It knows nothing of UN documents: document analysis (rows, mastheads,
// clauses, citations) lives in package extract, which imports this one;
// this package never imports extract.
package reader

import (
	"context"
	"errors"
)

// Read is ReadPages that also returns warnings: what was repaired to read
// the file. An error that stops the file from being opened is explained
// (encryption, truncation) unless ctx is done.
func Read(ctx context.Context, data []byte) ([]Page, []string, error) {
	pages, warnings, err := readPages(ctx, data)
	if err != nil && ctx.Err() == nil {
		err = explainOpenError(data, err)
	}
	return pages, warnings, err
}

// GuardXref checks the cross-reference chain of data against the
// resource limits before the library reads it; it returns the bytes to
// read (repaired when the chain was broken) and a warning saying so.
func GuardXref(data []byte) ([]byte, string, error) { return guardXref(data) }

// NoTextError says why a document whose pages have no text has none: no
// pages (ErrNoPages), blank pages or pages that are only images
// (ErrNoTextLayer, wrapped).
func NoTextError(data []byte, pages []Page) error { return noTextError(data, pages) }

// Glyph is one character placed on a page by another source than a
// content stream (OCR), in device space (y up, points): its origin
// (X0, Y0), origin plus advance (X1, Y1), its font size, whether it is
// a space, and its drawing order.
type Glyph struct {
	Text           string
	X0, Y0, X1, Y1 float64
	Size           float64
	Space          bool
	Seq            int
}

// LayoutGlyphs assembles glyphs drawn on a page w x h points into words
// and lines in reading order, as the glyphs of a text layer are.
func LayoutGlyphs(gs []Glyph, w, h float64) Page {
	in := make([]glyph, len(gs))
	for i, g := range gs {
		in[i] = glyph{text: g.Text, x0: g.X0, y0: g.Y0, x1: g.X1, y1: g.Y1, size: g.Size, space: g.Space, seq: g.Seq}
	}
	return layoutPage(in, [4]float64{0, 0, w, h}, 0)
}

// VisualRunes splits a word in logical order into its characters in
// visual (left to right) order, as a PDF draws them; rtl is the direction
// of the word's line. Combining marks stay with the letter before them.
func VisualRunes(s string, rtl bool) []string { return visualRunes(s, rtl) }

// StrongDirs counts the strong right-to-left and left-to-right
// characters of s (bidi classes R/AL and L).
func StrongDirs(s string) (rtl, ltr int) {
	for _, c := range s {
		switch bidiClass(c) {
		case bidiR:
			rtl++
		case bidiL:
			ltr++
		}
	}
	return rtl, ltr
}

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
