package ocr

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Fix replaces the text of word Index (in the page's words before
// confidence filtering) by Text, read again with confidence Conf.
type Fix struct {
	Index int     `json:"i"`
	Text  string  `json:"t"`
	Conf  float64 `json:"c"`
}

// relabelVersion changes when the re-reading of labels does.
const relabelVersion = 3

// labelRead is what a paragraph number or item letter reads as: "1.",
// "c.", "(c)".
var labelRead = regexp.MustCompile(`^(?:[0-9]{1,3}\.|[a-z]\.|\([a-z]\))$`)

// suspectLabel reports whether word i opens a line as a paragraph
// number or item letter might, read as something else: a short word
// (three characters at most) of low confidence or not a label, at the
// left end of its line, followed by a word after a gap. Tesseract reads
// the "1." of a 200 dpi scan as "ie", "ne" or "aby", a "c." as "G".
func suspectLabel(all []Word, i int) bool {
	w := all[i]
	if i+1 >= len(all) || i > 0 && sameLine(all[i-1], w) || !sameLine(w, all[i+1]) {
		return false
	}
	if utf8.RuneCountInString(w.Text) > 3 || labelRead.MatchString(w.Text) || w.Conf >= 90 {
		return false
	}
	next := all[i+1]
	h := next.Y1 - next.Y0
	r, _ := utf8.DecodeRuneInString(next.Text)
	return unicode.IsLetter(r) && next.X0-w.X1 > h && w.X1-w.X0 < 2*h
}

func firstRune(s string) rune { r, _ := utf8.DecodeRuneInString(s); return r }

func sameLine(a, b Word) bool { return a.Block == b.Block && a.Par == b.Par && a.Line == b.Line }

// relabel reads suspect paragraph numbers again, each cropped from the
// image with digits and the full stop as the only characters allowed.
// Only left-to-right pages (Latin, Cyrillic) number paragraphs so.
func (r *Reader) relabel(ctx context.Context, img []byte, p *Page, dpi int) []Fix {
	if p.Script == "Arabic" || p.Packs == "chi_sim" || p.Rotate != 0 || len(p.raw) == 0 {
		return nil
	}
	var src image.Image
	var fixes []Fix
	for i := range p.raw {
		if !suspectLabel(p.raw, i) || ctx.Err() != nil {
			continue
		}
		if src == nil {
			var err error
			if src, _, err = image.Decode(bytes.NewReader(img)); err != nil {
				return nil
			}
		}
		w, next := p.raw[i], p.raw[i+1]
		// the label's columns, the next word's rows (Tesseract's box of
		// a misread label often takes in a bit of the line below)
		pad := max(2, (next.Y1-next.Y0)/8)
		rect := image.Rect(w.X0-pad, next.Y0-pad, w.X1+pad, next.Y1+pad).Intersect(src.Bounds())
		if rect.Empty() {
			continue
		}
		// Tesseract reads a lone "1." best enlarged, on a white margin;
		// which enlargement works varies: try three
		for _, scale := range []int{3, 2, 4} {
			f, ok := r.readLabel(ctx, src, rect, scale, dpi, unicode.IsUpper(firstRune(next.Text)))
			if ok {
				f.Index = i
				fixes = append(fixes, f)
				break
			}
		}
	}
	return fixes
}

// applyFixes puts the words read again in place and filters the page's
// words again.
func applyFixes(p *Page, fixes []Fix) {
	if len(fixes) == 0 {
		return
	}
	for _, f := range fixes {
		if f.Index >= 0 && f.Index < len(p.raw) {
			p.raw[f.Index].Text = f.Text
			p.raw[f.Index].Conf = f.Conf
		}
	}
	p.MeanConf = MeanConfidence(p.raw)
	if p.MeanConf >= MinPageConf {
		p.Words = KeepConfident(p.raw, MinWordConf)
	}
}

// readLabel reads the part rect of src, enlarged scale times on a white
// margin, as one line of digits and full stops.
// A number ("1.") is read before a capitalised word, an item letter
// ("c.", "(c)") before a lower-case one.
func (r *Reader) readLabel(ctx context.Context, src image.Image, rect image.Rectangle, scale, dpi int, number bool) (Fix, bool) {
	const margin = 20
	w, h := rect.Dx()*scale, rect.Dy()*scale
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
		return Fix{}, false
	}
	allowed := "0123456789."
	if !number {
		allowed = "abcdefghijklmnopqrstuvwxyz.()"
	}
	args := []string{"-l", "eng", "--psm", "7", "-c", "tessedit_char_whitelist=" + allowed}
	if dpi > 0 {
		args = append(args, "--dpi", strconv.Itoa(dpi))
	}
	r.Runs++
	out, err := run(ctx, buf.Bytes(), append(args, "tsv")...)
	if err != nil {
		return Fix{}, false
	}
	words, _, _, err := ParseTSV(out)
	if err != nil || len(words) != 1 {
		return Fix{}, false
	}
	t := words[0].Text
	if number && !strings.HasSuffix(t, ".") {
		t += "."
	}
	if !labelRead.MatchString(t) || words[0].Conf < 60 {
		return Fix{}, false
	}
	return Fix{Text: t, Conf: words[0].Conf}, true
}
