package extract

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"

	"github.com/docindex/docindex/extract/layout"
	"github.com/docindex/docindex/extract/ocr"
	"github.com/docindex/docindex/extract/reader"
)

// OCR modes (Options.OCR).
const (
	OCRAuto   = "auto"   // pages without text, when tesseract is installed
	OCRAlways = "always" // every page, text layer or not; tesseract required
	OCRNever  = "never"
)

// ParseOCRMode checks an --ocr value ("" is auto, the CLI's default).
func ParseOCRMode(s string) (string, error) {
	switch s {
	case "", OCRAuto:
		return OCRAuto, nil
	case OCRAlways, OCRNever:
		return s, nil
	}
	return "", fmt.Errorf("--ocr %q: want auto, always or never", s)
}

// ErrOCRUnavailable is returned with --ocr always when tesseract is not
// installed.
var ErrOCRUnavailable = errors.New("OCR needs tesseract: " + ocr.HowToInstall)

// ocrWanted returns the pages (indexes) to read by OCR.
func ocrWanted(pages []Page, opt Options) []int {
	var idx []int
	for i, p := range pages {
		if opt.OCR == OCRAlways || p.NoText {
			idx = append(idx, i)
		}
	}
	return idx
}

// ocrPages reads pages[idx] by OCR and replaces them by what was read.
// Each page gets its own time limit (opt.timeout()); a page that fails
// keeps NoText and its reason in OCRNote. It returns the first error
// that stops the whole document (cancellation).
func ocrPages(ctx context.Context, data []byte, pages []Page, idx []int, opt Options) error {
	if len(idx) == 0 {
		return nil
	}
	rdoc, err := reader.Open(data)
	if err != nil {
		return err
	}
	data = rdoc.Data()
	var sum *[32]byte // hashed for the first page read
	rd := &ocr.Reader{Cache: opt.ocrCache()}
	if opt.Langs != nil {
		rd.Detect = opt.Langs.Detect
	}
	var tmp string // the PDF on disk for pdftoppm, written once if needed
	defer func() {
		if tmp != "" {
			os.RemoveAll(filepath.Dir(tmp))
		}
	}()
	// pages are laid out once all are read: their lines' sizes are
	// snapped to the document's body size (ocrDocBodySize)
	type read struct {
		p   *Page
		res *ocr.Page
	}
	var reads []read
	defer func() {
		var body []float64
		for _, r := range reads {
			_, h := ocrFrame(r.p, r.res)
			body = append(body, ocrLineSizes(r.res, h)...)
		}
		docBody := median(body)
		for _, r := range reads {
			applyOCRBody(r.p, r.res, docBody)
		}
	}()
	for _, i := range idx {
		if err := ctx.Err(); err != nil {
			return err
		}
		if i >= rdoc.NumPages() {
			break
		}
		p := &pages[i]
		if opt.OCR != OCRAlways && !rdoc.DrawsImage(i) {
			continue // blank: nothing to read
		}
		pctx, cancel := context.WithTimeout(ctx, opt.timeout())
		res, err := func() (res *ocr.Page, err error) {
			defer func() {
				if x := recover(); x != nil {
					err = fmt.Errorf("page image: %v", x)
				}
			}()
			img, dpi := rdoc.PageImage(pctx, i, &tmp)
			if sum == nil {
				h := sha256.Sum256(data)
				sum = &h
			}
			return rd.Read(pctx, img, ocr.Key(*sum, i+1, dpi), dpi)
		}()
		cancel()
		if opt.Progress != nil {
			opt.Progress()
		}
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if errors.Is(pctx.Err(), context.DeadlineExceeded) {
				err = fmt.Errorf("timed out after %s", opt.timeout())
			}
			p.OCRNote = "OCR failed: " + err.Error()
			continue
		}
		reads = append(reads, read{p, res})
	}
	return nil
}

func (o Options) ocrCache() *ocr.Cache {
	switch o.OCRCacheDir {
	case "-":
		return nil
	case "":
		if d := ocr.DefaultCacheDir(); d != "" {
			return &ocr.Cache{Dir: d}
		}
		return nil
	}
	return &ocr.Cache{Dir: o.OCRCacheDir}
}

// applyOCR makes p the page read by OCR: its words laid out by the same
// engine as a text layer's glyphs (lines, words, right-to-left order).
func applyOCR(p *Page, res *ocr.Page) { applyOCRBody(p, res, 0) }

// applyOCRBody is applyOCR with the document's body size in points
// (0: the page's own, ocrBodySize).
func applyOCRBody(p *Page, res *ocr.Page, bodyPt float64) {
	num := p.Number
	w, h := ocrFrame(p, res)
	np := pageOf(layout.Lay(ocrGlyphs(res, w, h, bodyPt), [4]float64{0, 0, w, h}, 0))
	np.Number = num
	np.OCR = true
	np.OCRConfidence = math.Round(res.MeanConf*10) / 10
	switch {
	case res.All > 0 && res.MeanConf < ocr.MinPageConf:
		np.OCRNote = fmt.Sprintf("OCR confidence too low (%.0f): not read as text", res.MeanConf)
	case np.NoText && res.All > 0:
		np.OCRNote = "OCR: no confident words"
	}
	*p = np
}

// ocrFrame is the page frame of p read by OCR as res, in points: the
// page's, or the image's size without one; turned pages swap their
// sides.
func ocrFrame(p *Page, res *ocr.Page) (w, h float64) {
	w, h = p.Width, p.Height
	if w <= 0 || h <= 0 {
		w, h = float64(res.Width), float64(res.Height)
	}
	if (res.Width > res.Height) != (w > h) {
		w, h = h, w
	}
	return w, h
}

// ocrLineSizes are the heights (ocr.LineSize) in points, on a page h
// points high, of a page's lines of three words or more.
func ocrLineSizes(res *ocr.Page, h float64) []float64 {
	if res.Height <= 0 {
		return nil
	}
	var hs []float64
	for _, ln := range ocr.Lines(res.Words) {
		if len(ln) >= 3 {
			hs = append(hs, ocr.LineSize(ln)*h/float64(res.Height))
		}
	}
	return hs
}

// median of xs (0 for none); xs is sorted.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	sort.Float64s(xs)
	return xs[len(xs)/2]
}

// ocrGlyphs turns OCR words into glyphs in device space of a page w x h
// points: one glyph per character, spread over the word's box, in visual
// order (a right-to-left word's letters from its left edge), with a
// space between words. Words of one Tesseract line share a baseline
// (the median of their bottoms: scans are skewed, and the line is one
// line); the font size is the line's height. The skew of the page,
// measured on its lines, is taken out of the coordinates.
func ocrGlyphs(res *ocr.Page, w, h, bodyPt float64) []reader.Glyph {
	if res.Width <= 0 || res.Height <= 0 {
		return nil
	}
	sx, sy := w/float64(res.Width), h/float64(res.Height)
	lines := ocr.Lines(res.Words)
	slope := 0.0
	if ocrDeskew {
		slope = ocrSkew(lines)
	}
	cx, cy := float64(res.Width)/2, float64(res.Height)/2
	// deskew: rotate by -atan(slope) around the image centre
	cos, sin := math.Cos(math.Atan(slope)), math.Sin(math.Atan(slope))
	straight := func(x, y float64) (float64, float64) {
		dx, dy := x-cx, y-cy
		return cx + dx*cos + dy*sin, cy - dx*sin + dy*cos
	}
	var gs []reader.Glyph
	seq := 0
	body := ocrBodySize(lines)
	if bodyPt > 0 {
		// the document's: a page's own median varies with its letters
		// (Arabic boxes take in marks: 25 pixels on one page, 21 on the
		// next), and a page whose body reads larger is taken for titles
		body = bodyPt / sy
	}
	for _, ln := range lines {
		ocr.FixLabels(ln)
		var bottoms []float64
		for _, wd := range ln {
			_, b := straight(float64(wd.X0+wd.X1)/2, float64(wd.Y1))
			bottoms = append(bottoms, b)
		}
		sort.Float64s(bottoms)
		base := bottoms[len(bottoms)/2]
		// ascender to descender is about 1.15 times the font size
		size := snapSize(ocr.LineSize(ln), body, len(ln)) / 1.15 * sy
		if size < 1 {
			size = 1
		}
		y := h - base*sy
		rtl := lineRTL(ln)
		for k, wd := range ln {
			right := wd.X1
			if k+1 < len(ln) && ln[k+1].X0 > wd.X0 && ln[k+1].X0 < right {
				// a box overlapping the next word's (Tesseract boxes
				// the "第" of "第二十一条" over the whole heading) ends
				// where the next word starts, or the engine takes the
				// two for separate lines
				right = ln[k+1].X0
			}
			x0, _ := straight(float64(wd.X0), float64(wd.Y1))
			x1, _ := straight(float64(right), float64(wd.Y1))
			x0, x1 = x0*sx, x1*sx
			if k > 0 {
				gs = append(gs, reader.Glyph{Text: " ", X0: x0 - 0.01, Y0: y, X1: x0, Y1: y, Size: size, Space: true, Seq: seq})
				seq++
			}
			chars := layout.VisualRunes(wd.Text, rtl)
			step := (x1 - x0) / float64(max(len(chars), 1))
			for c, ch := range chars {
				gx := x0 + float64(c)*step
				gs = append(gs, reader.Glyph{Text: ch, X0: gx, Y0: y, X1: gx + step, Y1: y, Size: size, Seq: seq})
				seq++
			}
		}
	}
	return gs
}

// ocrBodySize is the median height (ocr.LineSize) of a page's lines of
// three words or more: the size of its body text; 0 without any.
func ocrBodySize(lines [][]ocr.Word) float64 {
	var hs []float64
	for _, ln := range lines {
		if len(ln) >= 3 {
			hs = append(hs, ocr.LineSize(ln))
		}
	}
	if len(hs) == 0 {
		return 0
	}
	sort.Float64s(hs)
	return hs[len(hs)/2]
}

// snapSize gives a line whose OCR height is within half of the page's
// body size, or within three quarters for a line of eight words or more
// (a heading is short), that size: word boxes of one type size vary with
// the letters (Tesseract's boxes of an Arabic line take in marks and the
// tails of the line above, 58 pixels for a body of 40), and a body line
// must not be taken for a heading in larger type.
func snapSize(size, body float64, words int) float64 {
	if body > 0 && (math.Abs(size-body) <= body/2 || words >= 8 && math.Abs(size-body) <= body*3/4) {
		return body
	}
	return size
}

// lineRTL reports whether a line's words have more right-to-left letters
// than left-to-right ones.
func lineRTL(ln []ocr.Word) bool {
	r, l := 0, 0
	for _, w := range ln {
		wr, wl := layout.StrongDirs(w.Text)
		r, l = r+wr, l+wl
	}
	return r > l
}

// ocrDeskew takes the page's skew out of OCR word boxes (off only to
// measure what it does: TestOCRScannedCharters with DOCINDEX_OCR_NODESKEW).
var ocrDeskew = true

// ocrSkew is the median slope (dy/dx in image pixels) of the lines'
// word bottoms, over lines of three words or more; 0 without any.
func ocrSkew(lines [][]ocr.Word) float64 {
	var slopes []float64
	for _, ln := range lines {
		if len(ln) < 3 {
			continue
		}
		a, b := ln[0], ln[len(ln)-1]
		dx := float64(b.X1+b.X0-a.X1-a.X0) / 2
		if dx < 100 {
			continue
		}
		// bottoms of the two end words (descenders are noise; medians
		// over many lines smooth them out)
		slopes = append(slopes, float64(b.Y1-a.Y1)/dx)
	}
	if len(slopes) < 3 {
		return 0
	}
	sort.Float64s(slopes)
	s := slopes[len(slopes)/2]
	if math.Abs(s) > 0.1 { // more than ~6 degrees: not a skew
		return 0
	}
	return s
}

// ocrDocument reads doc's pages without text (every page with --ocr
// always) by OCR, as opt.OCR says; noText is the document's "no text
// layer" error, cleared when OCR found text and completed with what OCR
// found otherwise. Pages are only rasterized when they draw an image
// (blank pages are not read); a document with a text layer on every page
// costs one loop over its pages.
func ocrDocument(ctx context.Context, data []byte, doc *Document, opt Options, noText *error) error {
	if opt.OCR != OCRAuto && opt.OCR != OCRAlways {
		return nil // OCRNever or unset
	}
	idx := ocrWanted(doc.Pages, opt)
	if len(idx) == 0 {
		return nil
	}
	if !ocr.Available() {
		if opt.OCR == OCRAlways {
			return ErrOCRUnavailable
		}
		return nil
	}
	if err := ocrPages(ctx, data, doc.Pages, idx, opt); err != nil {
		return err
	}
	repairArticleSequence(doc.Pages)
	if *noText != nil {
		if hasText(doc.Pages) {
			*noText = nil
		} else {
			notes := ""
			for _, p := range doc.Pages {
				if p.OCRNote != "" {
					notes = "; " + p.OCRNote
					break
				}
			}
			*noText = fmt.Errorf("%w%s", *noText, notes)
		}
	}
	return nil
}

// markOCRClauses marks the clauses that start on a page read by OCR.
func markOCRClauses(doc *Document) {
	var ocrPage map[int]bool
	for _, p := range doc.Pages {
		if p.OCR {
			if ocrPage == nil {
				ocrPage = map[int]bool{}
			}
			ocrPage[p.Number] = true
		}
	}
	for i := range doc.Clauses {
		doc.Clauses[i].OCR = ocrPage[doc.Clauses[i].Page]
	}
}
