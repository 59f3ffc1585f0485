// Package lang owns language identification and text normalization:
// Unicode script detection (which alone decides Arabic, Russian and
// Chinese), lingua-go for Latin-script text, ISO 639-1 codes, and
// per-language normalization for storage and for indexing built on
// golang.org/x/text. It imports neither extract nor index.
package lang
