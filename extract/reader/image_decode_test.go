package reader

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/docindex/docindex/extract/hostile"
)

// scanPDF is a one-page PDF (612 x 792 points) drawing one image of
// 306 x 396 pixels (36 dpi) with the given dictionary entries and
// samples, Flate-compressed when flate is set.
func scanPDF(dict string, samples []byte, flate bool) []byte {
	filter := ""
	if flate {
		samples, filter = hostile.Flate(samples), "/Filter /FlateDecode"
	}
	b := hostile.OnePage([]byte("q 612 0 0 792 0 0 cm /Im1 Do Q"), "/Im1 6 0 R")
	b.Add(hostile.Stream("/Type /XObject /Subtype /Image /Width 306 /Height 396 "+dict+" "+filter, samples))
	return b.Bytes("")
}

// TestDecodedPageImage: a page that is one Flate image of 8-bit grey or
// RGB samples is decoded in
// Go into a grey PNG of the image's own pixels, black where the image is
// black; other images are not (pdftoppm rasterizes them).
func TestDecodedPageImage(t *testing.T) {
	const w, h = 306, 396
	black := func(x, y int) bool { return x >= 100 && x < 200 && y >= 50 && y < 60 } // a "line of text"
	gray, rgb := make([]byte, w*h), make([]byte, 3*w*h)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			v := byte(0xff)
			if black(x, y) {
				v = 0
			}
			gray[y*w+x] = v
			rgb[3*(y*w+x)], rgb[3*(y*w+x)+1], rgb[3*(y*w+x)+2] = v, v, v
		}
	}
	for _, c := range []struct {
		name, dict string
		samples    []byte
		flate      bool
	}{
		{"grey", "/ColorSpace /DeviceGray /BitsPerComponent 8", gray, true},
		{"grey, no filter", "/ColorSpace /DeviceGray /BitsPerComponent 8", gray, false},
		{"rgb", "/ColorSpace /DeviceRGB /BitsPerComponent 8", rgb, true},
	} {
		doc, err := Open(scanPDF(c.dict, c.samples, c.flate))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		x, _, _, ok := pageScan(doc.pages[0])
		if !ok || !decodable(x) {
			t.Errorf("%s: not decodable", c.name)
			continue
		}
		var tmp string
		mk, dpi := doc.PageImage(context.Background(), 0, &tmp)
		if dpi != 0 {
			t.Errorf("%s: dpi %d, want 0 (36 dpi is not a scan's)", c.name, dpi)
		}
		data, err := mk()
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		g, ok := img.(*image.Gray)
		if !ok || g.Bounds().Dx() != w || g.Bounds().Dy() != h {
			t.Fatalf("%s: %T %v, want a grey image %dx%d", c.name, img, img.Bounds(), w, h)
		}
		bad := 0
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				if (g.GrayAt(x, y).Y < 128) != black(x, y) {
					bad++
				}
			}
		}
		if bad > 0 {
			t.Errorf("%s: %d pixels wrong", c.name, bad)
		}
		if tmp != "" {
			t.Errorf("%s: the document was written for pdftoppm", c.name)
			os.RemoveAll(filepath.Dir(tmp))
		}
	}
	for _, dict := range []string{
		"/ColorSpace /DeviceGray /BitsPerComponent 4",
		"/ColorSpace /DeviceGray /BitsPerComponent 1", // pdftoppm reads 1-bit scans better
		"/ImageMask true",
		"/ColorSpace /DeviceCMYK /BitsPerComponent 8",
		"/ColorSpace [/Indexed /DeviceRGB 1 <000000ffffff>] /BitsPerComponent 8",
		"/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /CCITTFaxDecode",
	} {
		doc, err := Open(scanPDF(dict, gray, false))
		if err != nil {
			t.Fatal(err)
		}
		if x, _, _, _ := pageScan(doc.pages[0]); decodable(x) {
			t.Errorf("%s: decodable", dict)
		}
	}
	// samples cut short: not decoded
	doc, _ := Open(scanPDF("/ColorSpace /DeviceGray /BitsPerComponent 8", gray[:len(gray)/2], true))
	x, _, _, _ := pageScan(doc.pages[0])
	if _, ok := decodedImage(doc.ds, x); ok {
		t.Error("short samples decoded")
	}
}
