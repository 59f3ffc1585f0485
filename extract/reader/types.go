package reader

// Page is one page of text in reading order.
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
