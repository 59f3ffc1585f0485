//go:build ignore

// wrap writes an image-only PDF: one page per image, each page the size
// of its image at the given resolution, drawing that one image. Images
// are binary PBM (P4, stored 1-bit with FlateDecode) or JPEG (stored as
// is, DCTDecode). Used by make.sh: go run wrap.go OUT.pdf DPI IMAGE...
package main

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"image/jpeg"
	"os"
	"strconv"
	"strings"
)

func main() {
	if len(os.Args) < 4 {
		fmt.Fprintln(os.Stderr, "usage: go run wrap.go OUT.pdf DPI IMAGE...")
		os.Exit(2)
	}
	dpi, err := strconv.ParseFloat(os.Args[2], 64)
	check(err)
	var objs [][]byte // object i+1
	add := func(b []byte) int { objs = append(objs, b); return len(objs) }
	pagesID := add(nil) // filled in last
	var kids []string
	for _, f := range os.Args[3:] {
		data, err := os.ReadFile(f)
		check(err)
		var w, h int
		var dict string
		var stream []byte
		if bytes.HasPrefix(data, []byte("P4")) {
			var rest []byte
			w, h, rest = pbmHeader(data)
			var z bytes.Buffer
			zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
			zw.Write(rest[:(w+7)/8*h])
			zw.Close()
			stream = z.Bytes()
			dict = fmt.Sprintf("/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 1 /Decode [1 0] /Filter /FlateDecode", w, h)
		} else {
			cfg, err := jpeg.DecodeConfig(bytes.NewReader(data))
			check(err)
			w, h = cfg.Width, cfg.Height
			stream = data
			dict = fmt.Sprintf("/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode", w, h)
		}
		img := add([]byte(fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(stream), stream)))
		pw, ph := float64(w)*72/dpi, float64(h)*72/dpi
		content := fmt.Sprintf("q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q", pw, ph)
		cs := add([]byte(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content)))
		page := add([]byte(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>", pagesID, pw, ph, img, cs)))
		kids = append(kids, fmt.Sprintf("%d 0 R", page))
	}
	objs[pagesID-1] = []byte(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(kids)))
	catalog := add([]byte(fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pagesID)))
	var out bytes.Buffer
	out.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = out.Len()
		fmt.Fprintf(&out, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&out, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&out, "trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, catalog, xref)
	check(os.WriteFile(os.Args[1], out.Bytes(), 0o644))
}

// pbmHeader parses "P4 W H\n" (with comments) and returns the raster.
func pbmHeader(b []byte) (w, h int, rest []byte) {
	fields := []int{}
	i := 2
	for len(fields) < 2 {
		for i < len(b) && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t') {
			i++
		}
		if b[i] == '#' {
			for b[i] != '\n' {
				i++
			}
			continue
		}
		j := i
		for j < len(b) && b[j] >= '0' && b[j] <= '9' {
			j++
		}
		n, err := strconv.Atoi(string(b[i:j]))
		check(err)
		fields = append(fields, n)
		i = j
	}
	return fields[0], fields[1], b[i+1:]
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
