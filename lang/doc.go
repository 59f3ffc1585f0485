// Package lang owns language identification and text normalization:
// Unicode script detection (which alone decides Arabic, Russian and
// Chinese), lingua-go for Latin-script text, ISO 639-1 codes, and
// per-language normalization for storage and for indexing built on
// golang.org/x/text. It imports neither extract nor index.
//
// Detector (detect.go) answers Detect for documents and DetectOr for
// pages and clauses with the document's language as fallback; script.go
// counts letters per script, leaving URLs and document symbols out;
// prefilter.go settles text that is plainly in one language by its
// function words before lingua is asked (lingua costs about a millisecond
// per call). lingua's trigram models (~8 MB for six Latin-script
// languages) are loaded at start; its full 1- to 5-gram models (~100 MB)
// only for pairs of languages that a short text without a prior
// hesitates between (see Detector.identify).
// Normalize gives the storage form of text, Fold and FoldToken the index
// form (normalize.go).
package lang
