// Package layout turns the glyphs of a page (extract/reader, or OCR)
// into lines of words in reading order: glyphs grouped into words and
// lines by their geometry, text directions (rotated pages, vertical and
// diagonal text), columns, and right-to-left lines put back in logical
// order (bidi.go).
//
// It imports the reader and knows nothing of UN documents: rows,
// running heads, mastheads and clauses are extract's (document
// analysis), which imports this package. Neither the reader nor this
// package imports extract.
package layout

import (
	"context"

	"github.com/docindex/docindex/extract/reader"
)

// Page is one page of text in reading order.
type Page struct {
	Number int // 1-based
	// Text is the page's text in reading order, lines separated by "\n".
	Text string
	// NoText is set for pages that show no text (e.g. scanned images).
	NoText bool
	// Width and Height are the page's size in points, in the frame of its
	// main text direction (a page whose text runs up the page is read
	// turned).
	Width, Height float64
	Lines         []Line
}

// Line is one line of text on a page, in logical (reading) order.
// Coordinates are in PDF points with the origin at the top-left corner of
// the page (y grows downwards), so sorting by Y gives top-to-bottom order.
type Line struct {
	Text string
	X0   float64 // left edge
	X1   float64 // right edge
	Y    float64 // baseline, from the top of the page
	Size float64 // dominant font size in points (after text matrix and CTM)
	Bold bool    // dominant font is bold
	// RTL is set when the line's dominant direction is right-to-left.
	RTL bool
	// Words are the line's words in logical order with their boxes.
	Words []Word
}

// Word is a run of glyphs with no gap wider than a space between them.
type Word struct {
	Text string
	X0   float64
	X1   float64
	Y    float64
	Size float64
	// Rise is the text rise (Ts) or baseline offset relative to the line,
	// positive for superscripts (footnote markers).
	Rise float64
}

// Lay assembles the glyphs of a page (device space, y up) whose visible
// area is box and whose /Rotate is rotate into lines in reading order.
func Lay(gs []reader.Glyph, box [4]float64, rotate int) Page {
	return layoutPage(gs, box, rotate)
}

// LayPage lays out a page the reader read.
func LayPage(p reader.Page) Page {
	lp := layoutPage(p.Glyphs, p.Box, p.Rotate)
	lp.Number = p.Number
	return lp
}

// Read reads data with the reader and lays out each page as it is read
// (the reader's glyph buffer is reused from page to page); warnings say
// what was repaired to read the file, errors are the reader's.
func Read(ctx context.Context, data []byte) ([]Page, []string, error) {
	var pages []Page
	warnings, err := reader.Read(ctx, data, func(p reader.Page) error {
		pages = append(pages, LayPage(p))
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return pages, warnings, nil
}

// ReadPages is Read without the warnings.
func ReadPages(ctx context.Context, data []byte) ([]Page, error) {
	pages, _, err := Read(ctx, data)
	return pages, err
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
