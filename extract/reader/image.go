package reader

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/ledongthuc/pdf"
)

// ocrDPI is the resolution pages are rasterized at when they are not one
// image taken as is; ocrMaxPixels bounds the longer side of the raster.
const (
	ocrDPI       = 300
	ocrMaxPixels = 4200
)

// pageImage returns the resolution of the image page num is read from
// (0 when unknown) and a function that makes the image: the page's one
// image as stored (JPEG) when the page is that image, else the page
// rasterized by pdftoppm (PNG, grey). The image is only made when the
// page is not in the OCR cache.
func pageImage(ctx context.Context, ds *docState, data []byte, pi pageInfo, num int, tmp *string) (func() ([]byte, error), int) {
	if img, dpi, ok := directImage(data, pi); ok {
		return func() ([]byte, error) { return img, nil }, dpi
	}
	if x, iw, _, ok := pageScan(pi); ok && decodable(x) && !RasterOnly {
		// decoded in Go when the page is not in the OCR cache (pdftoppm
		// if its data turn out short or broken)
		dpi := scanDPI(pi, iw)
		return func() ([]byte, error) {
			if img, ok := decodedImage(ds, x); ok {
				return img, nil
			}
			return rasterize(ctx, data, num, cmp.Or(dpi, ocrDPI), tmp)
		}, dpi
	}
	dpi := rasterDPI(pi)
	return func() ([]byte, error) { return rasterize(ctx, data, num, dpi, tmp) }, dpi
}

// RasterOnly makes pdftoppm rasterize the pages that decodedImage would
// decode in Go (to measure what decoding saves: BenchmarkOCRPage with
// DOCINDEX_OCR_RASTER=1).
var RasterOnly = false

// rasterDPI is the resolution page pi is rasterized at for OCR.
func rasterDPI(pi pageInfo) int {
	wIn, hIn := (pi.box[2]-pi.box[0])/72, (pi.box[3]-pi.box[1])/72
	dpi := ocrDPI
	if _, iw, _, ok := pageScan(pi); ok {
		// a scan stored otherwise (CCITT, JBIG2, JPX): rendered at its
		// own resolution (200-300 dpi: finer scans are read at 300)
		if d := scanDPI(pi, iw); d > 0 {
			dpi = min(max(d, 200), ocrDPI)
		}
	}
	if long := math.Max(wIn, hIn); long*float64(dpi) > ocrMaxPixels && long > 0 {
		dpi = int(ocrMaxPixels / long)
	}
	return max(dpi, 50)
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
			return nil, ErrNoRasterizer
		}
		return nil, fmt.Errorf("pdftoppm: %v %s", err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}

// ErrNoRasterizer is returned for a page that must be rasterized (for
// OCR) when pdftoppm is not installed.
var ErrNoRasterizer = errors.New("pdftoppm (poppler-utils) is needed to rasterize this page")

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
