package ocr

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"sort"
	"strconv"
	"unicode"
)

// marginSpot is ink in the margin left of a line that Tesseract gave no
// word: a paragraph number of a hanging indent left out of its output
// (with --psm 4 a whole page's "1.", "2." far left of their paragraphs
// can be missing, not misread).
type marginSpot struct {
	Index  int             // the line's first word (in the page's words)
	Rect   image.Rectangle // the ink, padded
	Number bool            // before a capitalised word: a number, else an item letter
}

// darkLevel is the grey level below which a pixel is ink.
const darkLevel = 110

// marginSpots finds, for each line of three words or more, ink in the
// strip left of its first word (from eight line heights to half a line
// height before it, over the line's height) that no word of the page
// covers: enough dark pixels (a line height's worth) spanning at least
// a third of the line's height, as a digit and its full stop do and
// specks of a noisy scan do not. A line's height is the tallest of its
// first three words.
func marginSpots(src image.Image, all []Word) []marginSpot {
	var spots []marginSpot
	b := src.Bounds()
	for i := 0; i < len(all); i++ {
		j, ok := lineFrom(all, i)
		if !ok || j-i < 3 {
			continue
		}
		first := all[i]
		r := firstRune(first.Text)
		if !unicode.IsLetter(r) {
			continue // the line opens with a label already (or a mark)
		}
		top, bot, h := first.Y0, first.Y1, 0
		for _, w := range all[i:min(j, i+3)] {
			top, bot, h = min(top, w.Y0), max(bot, w.Y1), max(h, w.Y1-w.Y0)
		}
		if h <= 0 {
			continue
		}
		strip := image.Rect(first.X0-8*h, top, first.X0-h/2, bot).Intersect(b)
		if strip.Dx() < h || covered(all, strip) {
			continue
		}
		ink, n := inkBox(src, strip)
		if n < h || ink.Dy() < h/3 || ink.Dx() > 3*h {
			continue
		}
		pad := max(2, h/8)
		spots = append(spots, marginSpot{Index: i, Rect: ink.Inset(-pad).Intersect(b), Number: unicode.IsUpper(r)})
	}
	return spots
}

// lineFrom reports whether word i opens its line, and the index after
// the line's last word.
func lineFrom(all []Word, i int) (end int, ok bool) {
	if i > 0 && sameLine(all[i-1], all[i]) {
		return 0, false
	}
	j := i
	for j < len(all) && sameLine(all[i], all[j]) {
		j++
	}
	return j, true
}

// covered reports whether a word's box meets r.
func covered(all []Word, r image.Rectangle) bool {
	for _, w := range all {
		if image.Rect(w.X0, w.Y0, w.X1, w.Y1).Overlaps(r) {
			return true
		}
	}
	return false
}

// inkBox is the bounding box of the dark pixels of r and their number.
func inkBox(src image.Image, r image.Rectangle) (image.Rectangle, int) {
	var box image.Rectangle
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if color.GrayModel.Convert(src.At(x, y)).(color.Gray).Y < darkLevel {
				box = box.Union(image.Rect(x, y, x+1, y+1))
				n++
			}
		}
	}
	return box, n
}

// insertWords puts the words of fixes that add a word (Fix.Box set)
// before the line's first word they name, in the line, and returns the
// words. Fixes are applied from the last index down so that indexes stay
// those of the words before insertion.
func insertWords(all []Word, fixes []Fix) []Word {
	var adds []Fix
	for _, f := range fixes {
		if f.Box != nil && f.Index >= 0 && f.Index < len(all) {
			adds = append(adds, f)
		}
	}
	if len(adds) == 0 {
		return all
	}
	sort.SliceStable(adds, func(a, b int) bool { return adds[a].Index > adds[b].Index })
	out := append([]Word(nil), all...)
	for _, f := range adds {
		at := out[f.Index]
		w := Word{Text: f.Text, X0: f.Box[0], Y0: f.Box[1], X1: f.Box[2], Y1: f.Box[3], Conf: f.Conf, Block: at.Block, Par: at.Par, Line: at.Line}
		out = append(out[:f.Index], append([]Word{w}, out[f.Index:]...)...)
	}
	return out
}

// cropPNG is the part rect of src in grey, enlarged scale times, on a
// white margin, as PNG.
func cropPNG(src image.Image, rect image.Rectangle, scale, margin int) ([]byte, bool) {
	w, h := rect.Dx()*scale, rect.Dy()*scale
	if w <= 0 || h <= 0 {
		return nil, false
	}
	dst := image.NewGray(image.Rect(0, 0, w+2*margin, h+2*margin))
	for i := range dst.Pix {
		dst.Pix[i] = 0xff
	}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.GrayModel.Convert(src.At(rect.Min.X+x/scale, rect.Min.Y+y/scale)).(color.Gray)
			dst.SetGray(margin+x, margin+y, c)
		}
	}
	var buf bytes.Buffer
	if png.Encode(&buf, dst) != nil {
		return nil, false
	}
	return buf.Bytes(), true
}

// readMargin reads a margin spot with the start of its line (up to the
// end of the line's first word), as one line in the page's packs: a lone
// "1." cropped alone reads as nothing or anything, the same "1." before
// a word of its line reads as a label more often. The fix's text is the
// label when the line's first word read is one, over the spot (a number
// "N", "N:", "N," is "N."), with its confidence; else what was read with
// confidence 0, a suspect that InferLabels may number from its
// neighbours, or that is dropped.
func (r *Reader) readMargin(ctx context.Context, src image.Image, s marginSpot, first Word, packs string, dpi int) Fix {
	const margin = 10
	rect := image.Rect(s.Rect.Min.X, min(s.Rect.Min.Y, first.Y0), first.X1+(first.Y1-first.Y0), max(s.Rect.Max.Y, first.Y1)).Intersect(src.Bounds())
	img, ok := cropPNG(src, rect, 1, margin)
	if !ok {
		return Fix{}
	}
	args := []string{"-l", packs, "--psm", "7"}
	if dpi > 0 {
		args = append(args, "--dpi", strconv.Itoa(dpi))
	}
	r.Runs++
	out, err := run(ctx, img, append(args, "tsv")...)
	if err != nil {
		return Fix{}
	}
	words, _, _, err := ParseTSV(out)
	if err != nil || len(words) < 2 || words[0].X1-margin > s.Rect.Dx()+(first.Y1-first.Y0)/2 {
		return Fix{}
	}
	w := words[0]
	t := w.Text
	if m := numberRead.FindStringSubmatch(t); m != nil && s.Number {
		t = m[1] + "."
	}
	if labelRead.MatchString(t) && w.Conf >= 50 && (s.Number == (t[0] >= '0' && t[0] <= '9')) {
		return Fix{Text: t, Conf: w.Conf}
	}
	return Fix{Text: w.Text}
}
