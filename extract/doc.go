// Package extract owns everything between PDF bytes and clauses: the PDF
// text-positioning engine (built on github.com/ledongthuc/pdf's object and
// content-stream API), glyphs → words → lines in reading order, page cleanup
// (running headers/footers, footnotes, hyphenation), document metadata
// (symbol, title, date, body, …) and clause segmentation with stable,
// AKN4UN-style ids.
//
// extract never imports index. Language detection and normalization are
// handed in through Options so that extract does not depend on lang either.
package extract
