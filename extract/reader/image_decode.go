package reader

import (
	"bytes"
	"image"
	"image/png"

	"github.com/ledongthuc/pdf"
)

// maxDecodedPixels bounds a page image decoded in Go (a 600 dpi A3 scan
// is 70 million pixels; more is not a page to read).
const maxDecodedPixels = 80 << 20

// decodable reports whether the page's one image x is stored with
// general filters (Flate, LZW, none: not an image codec) as 8-bit grey or
// RGB samples, which decodedImage reads. Other images (JPEG is taken as
// is by directImage; CCITT, JBIG2, JPX, indexed colours, 16-bit samples)
// are left to pdftoppm, and so are 1-bit ones: decoded as they are, their
// hard edges read worse than pdftoppm's smoothed raster (the test scan
// A_RES_99_101_en: 17 of 20 clause ids against 19), and smoothed in Go
// (3x3 mean) better for clause ids (20) but worse for dates (2026 read
// 2028).
func decodable(x pdf.Value) bool {
	_, _, _, _, ok := imageLayout(x)
	return ok && generalFilters(x.Key("Filter"))
}

// imageLayout is the size, bits per sample and samples per pixel of an
// image decodedImage reads.
func imageLayout(x pdf.Value) (w, h, bpc, comps int, ok bool) {
	iw, ih := x.Key("Width").Float64(), x.Key("Height").Float64()
	w, h = int(iw), int(ih)
	if w <= 0 || h <= 0 || float64(w) != iw || float64(h) != ih || w*h > maxDecodedPixels {
		return 0, 0, 0, 0, false
	}
	bpc = int(x.Key("BitsPerComponent").Int64())
	if !x.Key("ImageMask").Bool() {
		switch x.Key("ColorSpace").Name() {
		case "DeviceGray", "CalGray", "G":
			comps = 1
		case "DeviceRGB", "CalRGB", "RGB":
			comps = 3
		}
	}
	if comps == 0 || bpc != 8 {
		return 0, 0, 0, 0, false
	}
	return w, h, bpc, comps, true
}

// decodedImage decodes image x (see decodable) into a grey PNG.
func decodedImage(ds *docState, x pdf.Value) ([]byte, bool) {
	w, h, bpc, comps, ok := imageLayout(x)
	if !ok {
		return nil, false
	}
	row := (w*comps*bpc + 7) / 8
	data := ds.readStream(x, row*h)
	if len(data) < row*h {
		return nil, false
	}
	g := image.NewGray(image.Rect(0, 0, w, h))
	switch {
	case comps == 1:
		for y := 0; y < h; y++ {
			copy(g.Pix[y*g.Stride:y*g.Stride+w], data[y*row:])
		}
	default:
		for y := 0; y < h; y++ {
			src, dst := data[y*row:], g.Pix[y*g.Stride:]
			for i := 0; i < w; i++ {
				r, gr, b := int(src[3*i]), int(src[3*i+1]), int(src[3*i+2])
				dst[i] = byte((299*r + 587*gr + 114*b) / 1000)
			}
		}
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if enc.Encode(&buf, g) != nil {
		return nil, false
	}
	return buf.Bytes(), true
}

// generalFilters reports whether a stream's filters are general ones,
// no image codec among them.
func generalFilters(f pdf.Value) bool {
	ok := func(n string) bool {
		switch n {
		case "FlateDecode", "Fl", "LZWDecode", "LZW", "ASCIIHexDecode", "AHx", "ASCII85Decode", "A85", "RunLengthDecode", "RL":
			return true
		}
		return false
	}
	switch f.Kind() {
	case pdf.Null:
		return true
	case pdf.Name:
		return ok(f.Name())
	case pdf.Array:
		for i := 0; i < f.Len(); i++ {
			if !ok(f.Index(i).Name()) {
				return false
			}
		}
		return true
	}
	return false
}
