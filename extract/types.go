package extract

import (
	"context"

	"github.com/docindex/docindex/extract/layout"
)

// Document is everything extract knows about one PDF file. It is the
// object printed by `docindex extract --json`; fields are only ever added.
type Document struct {
	File  string `json:"file"`
	Pages []Page `json:"pages"`
	// Error is the reason the file could not be read (empty on success).
	Error string `json:"error,omitempty"`
	// Warnings say what was wrong with a file that was read anyway (a
	// truncated file, a rebuilt cross-reference table), one line each.
	Warnings []string `json:"warnings,omitempty"`

	// Language is the document's language (ISO 639-1, "und" if unknown).
	Language string `json:"language,omitempty"`

	Meta
	Clauses []Clause `json:"clauses,omitempty"`
}

// Meta is document metadata read from the text of the first page(s),
// never from the file name. Missing fields are empty, never guessed.
type Meta struct {
	// Symbol is the document's symbol, the one citations use.
	Symbol string `json:"symbol"`
	// Symbols is every symbol printed on the masthead, Symbol first, when
	// there is more than one (a report issued in two series:
	// "E/ESCWA/30/18/Report", "E/2018/41"); empty otherwise.
	Symbols      []string `json:"symbols,omitempty"`
	Title        string   `json:"title"`
	Date         string   `json:"date"` // ISO 8601 (YYYY-MM-DD)
	Body         string   `json:"body"`
	Session      string   `json:"session"`
	Agenda       string   `json:"agenda"`
	Job          string   `json:"job"`
	Distribution string   `json:"distribution"`
}

// Page is one page of a document: its text in reading order (from the
// layout layer, extract/layout) and what analysis adds to it (language,
// OCR).
type Page struct {
	Number int `json:"number"` // 1-based
	// Text is the page's text in reading order, lines separated by "\n".
	Text string `json:"text"`
	// Language of the page where it differs from the document's.
	Language string `json:"language,omitempty"`
	// NoText is set for pages that have no text layer (e.g. scanned images).
	NoText bool `json:"no_text,omitempty"`
	// OCR is set for pages read by OCR (Tesseract), with the mean
	// confidence (0-100) of their words; OCRNote says why an OCR page
	// gave no text (confidence too low, OCR failed).
	OCR           bool    `json:"ocr,omitempty"`
	OCRConfidence float64 `json:"ocr_confidence,omitempty"`
	OCRNote       string  `json:"ocr_note,omitempty"`

	Width  float64 `json:"-"`
	Height float64 `json:"-"`
	Lines  []Line  `json:"-"`
}

// Line and Word are the layout layer's (extract/layout): positioned
// lines and words in reading order.
type (
	Line = layout.Line
	Word = layout.Word
)

// pageOf is the page the layout layer laid out.
func pageOf(p layout.Page) Page {
	return Page{Number: p.Number, Text: p.Text, NoText: p.NoText, Width: p.Width, Height: p.Height, Lines: p.Lines}
}

// readPages reads data with the reader and lays its pages out.
func readPages(ctx context.Context, data []byte) ([]Page, []string, error) {
	lps, warnings, err := layout.Read(ctx, data)
	if err != nil {
		return nil, nil, err
	}
	pages := make([]Page, len(lps))
	for i, p := range lps {
		pages[i] = pageOf(p)
	}
	return pages, warnings, nil
}

// Clause is one citable unit of a document: a preambular paragraph, an
// operative or report paragraph, a sub-paragraph, an article.
type Clause struct {
	ID        string   `json:"id"`       // e.g. para_6__list_1__point_m
	Citation  string   `json:"citation"` // e.g. A/RES/78/265, para. 6 (m)
	Page      int      `json:"page"`
	Section   string   `json:"section"`
	Language  string   `json:"language"`
	Text      string   `json:"text"`
	Footnotes []string `json:"footnotes"`
	// Label is the clause's number or letter as printed ("6.", "(m)",
	// "一、"), empty for unnumbered paragraphs.
	Label string `json:"label,omitempty"`
	// Numbered is false for documents without printed paragraph numbers
	// (letters, verbatim records) whose paragraphs are numbered in order.
	Numbered bool `json:"numbered"`
	// OCR is set when the clause starts on a page read by OCR.
	OCR bool `json:"ocr,omitempty"`
}
