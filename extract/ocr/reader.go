package ocr

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	_ "image/jpeg" // page images as PDFs store them
	"image/png"
	"os"
	"sort"
	"strings"
)

// Thresholds of confidence (Tesseract's 0-100 word scores).
const (
	// MinWordConf drops words scored below it: specks, photos, maps.
	MinWordConf = 35
	// MinPageConf: a page whose words score below it on average (by
	// characters) is not read as text at all.
	MinPageConf = 50
	// recheckConf: a page (after the first) read below it gets its own
	// orientation and script detection and is read again if they differ.
	recheckConf = 70
	// minScriptConf: a first page read below retryConf whose script
	// was detected with less confidence is read in the other scripts too
	// (a 200 dpi Chinese page reads at 70, the same page taken for Latin
	// at 25).
	minScriptConf = 2
	retryConf     = 60
)

// Page is the OCR of one page image.
type Page struct {
	Words    []Word // confident words, Tesseract's reading order
	All      int    // words before confidence filtering
	Width    int    // image size in pixels, after rotation
	Height   int
	Rotate   int // degrees the image was turned clockwise to read it
	Script   string
	Packs    string
	Lang     string  // ISO 639-1 language of the packs used
	MeanConf float64 // mean confidence of all words (by characters)
	Cached   bool

	raw []Word // all words, before confidence filtering
}

// Reader reads the page images of one document. It remembers the script
// and language decided on the first page, so that later pages need no
// orientation and script detection and no second pass unless their
// result says otherwise. A Reader is not safe for concurrent use.
type Reader struct {
	Cache *Cache
	// Detect returns the ISO 639-1 language of a text ("und" when
	// undecided); nil reads Latin script as English.
	Detect func(text string) string
	// Runs counts the tesseract processes started (tests, stats).
	Runs int

	osd   *OSD   // of the last page detected
	packs string // decided for the document's script
}

// Read reads one page image (JPEG, PNG, PNM or TIFF bytes, made by
// image only when the page is not in the cache); key is its cache key
// ("" for none), dpi its resolution (0 unknown).
func (r *Reader) Read(ctx context.Context, image func() ([]byte, error), key string, dpi int) (*Page, error) {
	var img []byte
	load := func() error {
		if img != nil {
			return nil
		}
		var err error
		img, err = image()
		return err
	}
	if e, ok := r.Cache.Get(key); ok {
		p, err := fromTSV([]byte(e.TSV))
		if err == nil {
			p.Rotate, p.Script, p.Packs, p.Lang, p.Cached = e.Rotate, e.Script, e.Packs, e.Lang, true
			r.osd = &OSD{Rotate: e.Rotate, Script: e.Script}
			r.packs = e.Packs
			if e.Relabeled != relabelVersion {
				// cached before labels were re-read: re-read them now
				if err := load(); err != nil {
					return nil, err
				}
				e.Fixes = r.relabel(ctx, img, p, dpi)
				e.Relabeled = relabelVersion
				r.Cache.Put(key, e)
			}
			applyFixes(p, e.Fixes)
			return p, nil
		}
	}
	if err := load(); err != nil {
		return nil, err
	}
	first := r.osd == nil
	if first {
		if err := r.detect(ctx, img, dpi); err != nil {
			return nil, err
		}
	}
	p, tsv, err := r.readAs(ctx, img, dpi)
	if err != nil {
		return nil, err
	}
	if first && p.MeanConf < retryConf && r.osd.ScriptConf < minScriptConf {
		// an unsure script that reads badly: the other scripts, upright
		detected := *r.osd
		for _, sc := range scripts {
			if sc == detected.Script {
				continue
			}
			r.osd, r.packs = &OSD{Script: sc}, ""
			p2, tsv2, err := r.readAs(ctx, img, dpi)
			if err != nil {
				return nil, err
			}
			if p2.MeanConf > p.MeanConf {
				p, tsv, detected = p2, tsv2, *r.osd
			}
		}
		r.osd, r.packs = &detected, p.Packs
	}
	if !first && p.MeanConf < recheckConf {
		prev := *r.osd
		if err := r.detect(ctx, img, dpi); err == nil && (r.osd.Rotate != prev.Rotate || r.osd.Script != prev.Script) {
			r.packs = ""
			p2, tsv2, err := r.readAs(ctx, img, dpi)
			if err == nil && p2.MeanConf > p.MeanConf {
				p, tsv = p2, tsv2
			}
		}
	}
	fixes := r.relabel(ctx, img, p, dpi)
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	r.Cache.Put(key, &Entry{Rotate: p.Rotate, Script: p.Script, Packs: p.Packs, Lang: p.Lang, DPI: dpi, TSV: string(tsv), Fixes: fixes, Relabeled: relabelVersion})
	applyFixes(p, fixes)
	return p, nil
}

// detect runs orientation and script detection; a page with too little
// text for it keeps the previous page's answer (Latin, upright, on the
// first page).
func (r *Reader) detect(ctx context.Context, img []byte, dpi int) error {
	r.Runs++
	o, err := DetectOSD(ctx, img, dpi)
	if err != nil {
		if ctx.Err() != nil || err == ErrNotInstalled {
			return err
		}
		if r.osd == nil {
			r.osd = &OSD{Script: "Latin"}
		}
		return nil
	}
	if o.OrientConf < minOrientConf {
		o.Rotate = 0 // a guess: read the page as it is
	}
	if r.osd == nil || r.osd.Script != o.Script {
		r.packs = ""
	}
	r.osd = &o
	return nil
}

// minOrientConf is the orientation confidence below which a page is read
// as it is (upright pages of Han text get 180 degrees at 0.8-2; turned
// pages of text score 15-20).
const minOrientConf = 5

// scripts are those of the six languages, the order they are tried in
// when the detected one reads badly.
var scripts = []string{"Latin", "Han", "Cyrillic", "Arabic"}

// readAs reads the image in the current script's packs, turned upright.
// Latin script is read in English first, the text's language detected,
// and read again in French or Spanish when it is one of those.
func (r *Reader) readAs(ctx context.Context, img []byte, dpi int) (*Page, []byte, error) {
	if r.osd.Rotate != 0 {
		rot, err := Rotate(img, r.osd.Rotate)
		if err != nil {
			return nil, nil, err
		}
		img = rot
	}
	packs, lang := Packs(r.osd.Script)
	if r.packs != "" {
		packs = r.packs
		lang = langOfPacks(packs)
	}
	read := func(packs string) (*Page, []byte, error) {
		r.Runs++
		tsv, err := Recognize(ctx, img, packs, dpi)
		if err != nil {
			return nil, nil, err
		}
		p, err := fromTSV(tsv)
		if err != nil {
			return nil, nil, err
		}
		p.Packs, p.Script, p.Rotate = packs, r.osd.Script, r.osd.Rotate
		return p, tsv, nil
	}
	p, tsv, err := read(packs)
	if err != nil {
		return nil, nil, err
	}
	if os.Getenv("DOCINDEX_DEBUG") != "" {
		fmt.Fprintf(os.Stderr, "ocr: script %s rotate %d packs %s: %d words, confidence %.1f\n", r.osd.Script, r.osd.Rotate, packs, p.All, p.MeanConf)
	}
	p.Lang = lang
	if isLatinPack(packs) && r.Detect != nil && p.MeanConf >= MinPageConf {
		got := r.Detect(Text(p.Words))
		if pk := PackOf(got); pk != "" && pk != packs && isLatinPack(pk) {
			p2, tsv2, err := read(pk)
			if err != nil {
				return nil, nil, err
			}
			p2.Lang = got
			if p2.MeanConf >= p.MeanConf-5 {
				p, tsv = p2, tsv2
				packs = pk
			}
		} else if pk == packs {
			p.Lang = got
		}
	}
	r.packs = packs
	return p, tsv, nil
}

func isLatinPack(p string) bool { return p == "eng" || p == "fra" || p == "spa" }

func langOfPacks(p string) string {
	for _, l := range []string{"ar", "zh", "en", "fr", "ru", "es"} {
		if PackOf(l) == p {
			return l
		}
	}
	return ""
}

func fromTSV(tsv []byte) (*Page, error) {
	words, w, h, err := ParseTSV(tsv)
	if err != nil {
		return nil, err
	}
	p := &Page{All: len(words), Width: w, Height: h, MeanConf: MeanConfidence(words), raw: words}
	if p.MeanConf >= MinPageConf {
		p.Words = KeepConfident(words, MinWordConf)
	}
	return p, nil
}

// Text is the words' text, one Tesseract line a line.
func Text(words []Word) string {
	var b strings.Builder
	for i, w := range words {
		if i > 0 {
			p := words[i-1]
			if p.Block != w.Block || p.Par != w.Par || p.Line != w.Line {
				b.WriteByte('\n')
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString(w.Text)
	}
	return b.String()
}

// Lines groups words into Tesseract's lines, each left to right.
func Lines(words []Word) [][]Word {
	var out [][]Word
	for i, w := range words {
		if i == 0 || w.Block != words[i-1].Block || w.Par != words[i-1].Par || w.Line != words[i-1].Line {
			out = append(out, nil)
		}
		out[len(out)-1] = append(out[len(out)-1], w)
	}
	for _, l := range out {
		sort.SliceStable(l, func(i, j int) bool { return l[i].X0 < l[j].X0 })
	}
	return out
}

// Rotate turns an image clockwise by deg (90, 180 or 270) and returns it
// as a grey PNG.
func Rotate(img []byte, deg int) ([]byte, error) {
	src, _, err := image.Decode(bytes.NewReader(img))
	if err != nil {
		return nil, fmt.Errorf("page image: %v", err)
	}
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	var dst *image.Gray
	if deg == 180 {
		dst = image.NewGray(image.Rect(0, 0, w, h))
	} else {
		dst = image.NewGray(image.Rect(0, 0, h, w))
	}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.GrayModel.Convert(src.At(b.Min.X+x, b.Min.Y+y)).(color.Gray)
			switch deg {
			case 90:
				dst.SetGray(h-1-y, x, c)
			case 180:
				dst.SetGray(w-1-x, h-1-y, c)
			case 270:
				dst.SetGray(y, w-1-x, c)
			default:
				dst.SetGray(x, y, c)
			}
		}
	}
	var out bytes.Buffer
	if err := png.Encode(&out, dst); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
