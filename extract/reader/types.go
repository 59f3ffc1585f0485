package reader

// Page is one page as its content stream draws it: the glyphs shown, in
// drawing order, in device space, with the page's box and rotation. The
// reader does not assemble glyphs into words and lines: that is the
// layout layer's work (extract/layout).
type Page struct {
	Number int // 1-based
	// Box is the visible area in device space (the crop box intersected
	// with the media box): x0, y0, x1, y1 in points, y up.
	Box [4]float64
	// Rotate is the page's /Rotate (degrees).
	Rotate int
	// Glyphs are the characters shown; see Read for how long they live.
	Glyphs []Glyph
}

// Glyph is one character placed on a page, in device space (y up,
// points): its origin (X0, Y0), origin plus advance (X1, Y1), its font
// size after the text matrix and CTM, whether its font is bold, whether
// it is white space, and its drawing order. OCR (extract/ocr.go) makes
// glyphs of its own for the layout layer.
type Glyph struct {
	Text           string
	X0, Y0, X1, Y1 float64
	Size           float64
	Bold           bool
	Space          bool
	Seq            int
}
