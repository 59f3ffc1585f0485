package extract

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/docindex/docindex/extract/ocr"
	"github.com/ledongthuc/pdf"
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

// ocrDPI is the resolution pages are rasterized at when they are not one
// image taken as is; ocrMaxPixels bounds the longer side of the raster.
const (
	ocrDPI       = 300
	ocrMaxPixels = 4200
)

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
	r, data, _, err := openPDFBytes(data)
	if err != nil {
		return err
	}
	infos, err := pageList(r)
	if err != nil {
		return err
	}
	var sum *[32]byte // hashed for the first page read
	ds := &docState{fonts: map[string]*font{}, data: data}
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
	for _, i := range idx {
		if err := ctx.Err(); err != nil {
			return err
		}
		if i >= len(infos) {
			break
		}
		p := &pages[i]
		if opt.OCR != OCRAlways && !drawsImage(ds, infos[i]) {
			continue // blank: nothing to read
		}
		pctx, cancel := context.WithTimeout(ctx, opt.timeout())
		res, err := func() (res *ocr.Page, err error) {
			defer func() {
				if x := recover(); x != nil {
					err = fmt.Errorf("page image: %v", x)
				}
			}()
			img, dpi := pageImage(pctx, data, infos[i], i+1, &tmp)
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
		applyOCR(p, res)
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
func applyOCR(p *Page, res *ocr.Page) {
	num := p.Number
	w, h := p.Width, p.Height
	if w <= 0 || h <= 0 {
		w, h = float64(res.Width), float64(res.Height)
	}
	// the page frame is the image's: turned pages swap their sides
	if (res.Width > res.Height) != (w > h) {
		w, h = h, w
	}
	np := layoutPage(ocrGlyphs(res, w, h), [4]float64{0, 0, w, h}, 0)
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

// ocrGlyphs turns OCR words into glyphs in device space of a page w x h
// points: one glyph per character, spread over the word's box, in visual
// order (a right-to-left word's letters from its left edge), with a
// space between words. Words of one Tesseract line share a baseline
// (the median of their bottoms: scans are skewed, and the line is one
// line); the font size is the line's height. The skew of the page,
// measured on its lines, is taken out of the coordinates.
func ocrGlyphs(res *ocr.Page, w, h float64) []glyph {
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
	var gs []glyph
	seq := 0
	body := ocrBodySize(lines)
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
				gs = append(gs, glyph{text: " ", x0: x0 - 0.01, y0: y, x1: x0, y1: y, size: size, space: true, seq: seq})
				seq++
			}
			chars := visualRunes(wd.Text, rtl)
			step := (x1 - x0) / float64(max(len(chars), 1))
			for c, ch := range chars {
				gx := x0 + float64(c)*step
				gs = append(gs, glyph{text: ch, x0: gx, y0: y, x1: gx + step, y1: y, size: size, seq: seq})
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
		for _, c := range w.Text {
			switch bidiClass(c) {
			case bidiR:
				r++
			case bidiL:
				l++
			}
		}
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

// visualRunes splits a word in logical order into its characters in
// visual (left to right) order, as a PDF draws them, so that makeLine's
// bidi resolution reads them back in logical order; rtl is the direction
// of the word's line (a bracket of "(2025)" in an Arabic line is drawn
// mirrored). Combining marks stay with the letter before them.
func visualRunes(s string, rtl bool) []string {
	var items []string
	for _, r := range s {
		if len(items) > 0 && isMarkText(string(r)) {
			items[len(items)-1] += string(r)
			continue
		}
		items = append(items, string(r))
	}
	if !rtl {
		plain := true
		for _, it := range items {
			if itemClass(it) == bidiR {
				plain = false
				break
			}
		}
		if plain {
			return items
		}
	}
	order := visualOrder(items, rtl)
	out := make([]string, len(order))
	for i, k := range order {
		out[i] = items[k]
	}
	return out
}

// pageImage returns the resolution of the image page num is read from
// (0 when unknown) and a function that makes the image: the page's one
// image as stored (JPEG) when the page is that image, else the page
// rasterized by pdftoppm (PNG, grey). The image is only made when the
// page is not in the OCR cache.
func pageImage(ctx context.Context, data []byte, pi pageInfo, num int, tmp *string) (func() ([]byte, error), int) {
	if img, dpi, ok := directImage(data, pi); ok {
		return func() ([]byte, error) { return img, nil }, dpi
	}
	wIn, hIn := (pi.box[2]-pi.box[0])/72, (pi.box[3]-pi.box[1])/72
	dpi := ocrDPI
	if _, iw, _, ok := pageScan(pi); ok {
		// a scan stored otherwise (Flate, CCITT): rendered at its own
		// resolution (200-300 dpi: finer scans are read at 300)
		if d := scanDPI(pi, iw); d > 0 {
			dpi = min(max(d, 200), ocrDPI)
		}
	}
	if long := math.Max(wIn, hIn); long*float64(dpi) > ocrMaxPixels && long > 0 {
		dpi = int(ocrMaxPixels / long)
	}
	dpi = max(dpi, 50)
	return func() ([]byte, error) { return rasterize(ctx, data, num, dpi, tmp) }, dpi
}

// rasterize renders page num at dpi with pdftoppm (grey PNG), from the
// document written once to a temporary file (*tmp).
func rasterize(ctx context.Context, data []byte, num, dpi int, tmp *string) ([]byte, error) {
	if *tmp == "" {
		dir, err := os.MkdirTemp("", "docindex-ocr-")
		if err != nil {
			return nil, err
		}
		f := filepath.Join(dir, "doc.pdf")
		if err := os.WriteFile(f, data, 0o600); err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
		*tmp = f
	}
	n := strconv.Itoa(num)
	cmd := exec.CommandContext(ctx, "pdftoppm", "-f", n, "-l", n, "-r", strconv.Itoa(dpi), "-gray", "-png", "-singlefile", *tmp)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return nil, errors.New("pdftoppm (poppler-utils) is needed to rasterize this page")
		}
		return nil, fmt.Errorf("pdftoppm: %v %s", err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}

// pageScan is the one image a scanned page draws: an image XObject of
// the page's proportions, alone in the page's resources.
func pageScan(pi pageInfo) (x pdf.Value, w, h float64, ok bool) {
	xo := pi.resources.Key("XObject")
	if xo.Kind() != pdf.Dict || len(xo.Keys()) != 1 {
		return x, 0, 0, false
	}
	x = xo.Key(xo.Keys()[0])
	if x.Key("Subtype").Name() != "Image" {
		return x, 0, 0, false
	}
	w, h = x.Key("Width").Float64(), x.Key("Height").Float64()
	pw, ph := pi.box[2]-pi.box[0], pi.box[3]-pi.box[1]
	if w <= 0 || h <= 0 || pw <= 0 || ph <= 0 || math.Abs(w/h-pw/ph) > 0.03*pw/ph {
		return x, 0, 0, false
	}
	return x, w, h, true
}

// scanDPI is the resolution of a page's scan: its pixels over the page's
// width, 0 when implausible (outside 100-1200 dpi).
func scanDPI(pi pageInfo, w float64) int {
	d := int(math.Round(w / ((pi.box[2] - pi.box[0]) / 72)))
	if d < 100 || d > 1200 {
		return 0
	}
	return d
}

// directImage returns the page's image when the page is one JPEG
// (DCTDecode) image: its bytes as stored, and its resolution.
func directImage(data []byte, pi pageInfo) (img []byte, dpi int, ok bool) {
	x, iw, _, ok := pageScan(pi)
	if !ok || x.Key("Filter").Name() != "DCTDecode" {
		return nil, 0, false
	}
	m := streamOffRe.FindStringSubmatch(x.String())
	if m == nil {
		return nil, 0, false
	}
	off, err := strconv.Atoi(m[1])
	n := int(x.Key("Length").Int64())
	if err != nil || off < 0 || n <= 0 || off+n > len(data) {
		return nil, 0, false
	}
	raw := data[off : off+n]
	if len(raw) < 4 || raw[0] != 0xFF || raw[1] != 0xD8 {
		return nil, 0, false
	}
	return raw, scanDPI(pi, iw), true
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
