// Package extract owns everything between PDF bytes and clauses, in
// three layers that import only downwards: the PDF reader (extract/reader:
// a text-positioning engine on github.com/ledongthuc/pdf's object and
// content-stream API, whose API is pages of positioned glyphs), the layout
// layer (extract/layout: glyphs → words → lines in reading order, for the
// reader's pages and OCR's alike), and document analysis, this package:
// page cleanup (running headers/footers, footnotes, hyphenation, tables),
// document metadata (symbol, title, date, body, …) and clause
// segmentation with stable, AKN4UN-style ids.
//
// extract never imports index. Language detection and normalization are
// handed in through Options so that extract does not depend on lang either.
package extract
