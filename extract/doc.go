// Package extract owns everything between PDF bytes and clauses. The PDF
// reader (text-positioning engine on github.com/ledongthuc/pdf's object
// and content-stream API, glyphs → words → lines in reading order) is the
// sub-package extract/reader, which never imports extract; on top of it
// this package does page cleanup (running headers/footers, footnotes,
// hyphenation, tables), document metadata (symbol, title, date, body, …)
// and clause segmentation with stable, AKN4UN-style ids.
//
// extract never imports index. Language detection and normalization are
// handed in through Options so that extract does not depend on lang either.
package extract
