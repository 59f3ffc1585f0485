package ocr

import (
	"bytes"
	"context"
	"image"
	"regexp"
	"strconv"
	"unicode"
)

// latinWord is a word of Latin letters only, two or more.
var latinWord = regexp.MustCompile(`^[A-Za-z]{2,}$`)

// latinOnHan gives the words of a Chinese page (read with chi_sim+eng)
// that are Latin letters read with too little confidence to be kept: with
// the English pack beside the Chinese one, Tesseract now and then takes a
// line of Chinese for Latin (the heading 第八十七条 read "RIVER" at 18).
func latinOnHan(all []Word) []int {
	var idx []int
	for i, w := range all {
		if w.Conf < MinWordConf && latinWord.MatchString(w.Text) && w.X1 > w.X0 && w.Y1 > w.Y0 {
			idx = append(idx, i)
		}
	}
	return idx
}

// hanRead is the text of words read again in Chinese when they are all
// Han characters or digits, read with confidence (60 on average).
func hanRead(words []Word) (string, float64, bool) {
	text, conf, n := "", 0.0, 0
	for _, w := range words {
		for _, r := range w.Text {
			if !unicode.Is(unicode.Han, r) && !unicode.IsDigit(r) {
				return "", 0, false
			}
			n++
		}
		text += w.Text
		conf += w.Conf * float64(len([]rune(w.Text)))
	}
	if n == 0 || conf/float64(n) < 60 {
		return "", 0, false
	}
	return text, conf / float64(n), true
}

// rereadHan reads the words latinOnHan gives again, each cropped from
// the image, in Chinese only, as one line; the fix keeps what hanRead
// accepts.
func (r *Reader) rereadHan(ctx context.Context, img []byte, p *Page, dpi int) []Fix {
	idx := latinOnHan(p.raw)
	if len(idx) == 0 {
		return nil
	}
	src, _, err := image.Decode(bytes.NewReader(img))
	if err != nil {
		return nil
	}
	var fixes []Fix
	for _, i := range idx {
		w := p.raw[i]
		pad := max(2, (w.Y1-w.Y0)/4)
		crop, ok := cropPNG(src, image.Rect(w.X0-pad, w.Y0-pad, w.X1+pad, w.Y1+pad).Intersect(src.Bounds()), 1, 10)
		if !ok || ctx.Err() != nil {
			continue
		}
		args := []string{"-l", "chi_sim", "--psm", "7"}
		if dpi > 0 {
			args = append(args, "--dpi", strconv.Itoa(dpi))
		}
		r.Runs++
		out, err := run(ctx, crop, append(args, "tsv")...)
		if err != nil {
			continue
		}
		words, _, _, err := ParseTSV(out)
		if err != nil {
			continue
		}
		if text, conf, ok := hanRead(words); ok {
			fixes = append(fixes, Fix{Index: i, Text: text, Conf: conf})
		}
	}
	return fixes
}
