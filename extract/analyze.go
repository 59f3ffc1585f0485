package extract

// Analyze fills doc.Meta and doc.Clauses from doc.Pages: page cleanup,
// metadata, clause segmentation and per-clause language.
//
// TODO(issue 4): metadata and clause segmentation.
func Analyze(doc *Document, opt Options) {}
