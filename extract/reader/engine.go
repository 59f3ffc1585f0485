package reader

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"regexp"
	"runtime/debug"

	"github.com/ledongthuc/pdf"
)

// maxPages bounds the number of pages read from one document; a document
// with more fails with ErrLimit (a var for tests).
var maxPages = 100000

// ErrEncrypted is returned for PDFs that need a user password.
var ErrEncrypted = errors.New("encrypted PDF: a user password is required")

// readPages reads data page by page (see Read); a page whose content
// cannot be interpreted keeps the glyphs read before the failure (or
// none), it never loses the rest of the document. It stops with
// ctx.Err() when ctx is done.
func readPages(ctx context.Context, data []byte, fn func(Page) error) ([]string, error) {
	orig := data
	var warnings []string
	r, data, repaired, err := openPDFBytes(data)
	if err != nil {
		return nil, err
	}
	if repaired {
		warnings = append(warnings, repairWarning(orig, data))
	}
	pages, err := pageList(r)
	if len(pages) == 0 {
		// a page tree whose objects cannot be read (wrong offsets in an
		// otherwise well-formed cross-reference table): rebuild it
		if fixed := repairPDF(data); fixed != nil {
			if r2, err2 := newReader(fixed); err2 == nil && objectStreamError(r2, fixed) == nil && pageTreeOK(r2) {
				if p2, err2 := pageList(r2); err2 == nil && len(p2) > 0 {
					r, data, pages, err = r2, fixed, p2, nil
					if !repaired {
						warnings = append(warnings, repairWarning(orig, fixed))
					}
				}
			}
		}
	}
	if err != nil {
		return nil, err
	}
	doc := &docState{fonts: map[string]*font{}, data: data}
	func() {
		defer func() { recover() }()
		doc.encrypted = r.Trailer().Key("Encrypt").Kind() != pdf.Null
	}()
	for i, pv := range pages {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		gs, err := readPage(ctx, doc, pv)
		if err != nil {
			return nil, err
		}
		err = fn(Page{Number: i + 1, Box: pv.box, Rotate: pv.rotate, Glyphs: gs})
		if cap(gs) <= maxReusedGlyphs {
			doc.glyphBuf = gs[:0]
		}
		if err != nil {
			return nil, err
		}
	}
	return append(warnings, doc.unsupportedWarnings()...), nil
}

// openPDF opens data with the library, repairing it first when needed.
func openPDF(data []byte) (*pdf.Reader, error) {
	r, _, _, err := openPDFBytes(data)
	return r, err
}

// openPDFBytes is openPDF that also returns the bytes the reader reads
// (the repaired ones if repaired, which repaired tells).
func openPDFBytes(data []byte) (r *pdf.Reader, used []byte, repaired bool, err error) {
	// AES-256 (PDF 2.0) encryption, which the library cannot decrypt:
	// a decrypted copy when no user password is needed (decrypt.go; when
	// one is, the library's refusal is explained by explainOpenError)
	if dec, err := decryptAES256(data); err == nil && dec != nil {
		data = dec
	}
	r, err = newReader(data)
	if err == nil {
		// before anything is resolved through the table (see pdf_xref.go)
		err = objectStreamError(r, data)
	}
	if err == nil {
		if ok := pageTreeOK(r); ok {
			return r, data, false, nil
		}
		err = errNoPageTree
	}
	if errors.Is(err, pdf.ErrInvalidPassword) {
		return nil, nil, false, ErrEncrypted
	}
	fixed := repairPDF(data)
	if fixed == nil {
		return nil, nil, false, err
	}
	r2, err2 := newReader(fixed)
	if err2 != nil || objectStreamError(r2, fixed) != nil || !pageTreeOK(r2) {
		return nil, nil, false, err
	}
	return r2, fixed, true, nil
}

func newReader(data []byte) (r *pdf.Reader, err error) {
	defer func() {
		if p := recover(); p != nil {
			r, err = nil, fmt.Errorf("%w: %v", errMalformed, p)
		}
	}()
	r, err = pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		if errors.Is(err, pdf.ErrInvalidPassword) {
			return nil, err
		}
		return nil, err
	}
	return r, nil
}

func pageTreeOK(r *pdf.Reader) (ok bool) {
	defer func() {
		if p := recover(); p != nil {
			ok = false
		}
	}()
	root := r.Trailer().Key("Root").Key("Pages")
	return root.Kind() == pdf.Dict
}

// pageInfo is a page dictionary with its inherited attributes.
type pageInfo struct {
	v         pdf.Value
	resources pdf.Value
	box       [4]float64
	rotate    int
}

// pageList walks the page tree (with loop and size bounds), resolving
// inherited Resources, MediaBox/CropBox and Rotate.
func pageList(r *pdf.Reader) (pages []pageInfo, err error) {
	defer func() {
		if p := recover(); p != nil {
			if len(pages) == 0 {
				err = fmt.Errorf("%w page tree: %v", errMalformed, p)
			}
		}
	}()
	root := r.Trailer().Key("Root").Key("Pages")
	seen := map[string]bool{}
	tooMany := false
	var walk func(node pdf.Value, inh pageInfo, depth int)
	walk = func(node pdf.Value, inh pageInfo, depth int) {
		if depth > 64 || len(pages) >= maxPages {
			tooMany = tooMany || len(pages) >= maxPages
			return
		}
		if res := node.Key("Resources"); res.Kind() == pdf.Dict {
			inh.resources = res
		}
		if b, ok := boxOf(node.Key("MediaBox")); ok {
			inh.box = b
		}
		if rot := node.Key("Rotate"); rot.Kind() == pdf.Integer {
			inh.rotate = int(rot.Int64())
		}
		kids := node.Key("Kids")
		typ := node.Key("Type").Name()
		if typ == "Page" || (typ == "" && kids.Kind() != pdf.Array) {
			if b, ok := boxOf(node.Key("CropBox")); ok {
				// intersect crop with media
				inh.box = intersect(inh.box, b)
			}
			inh.v = node
			pages = append(pages, inh)
			return
		}
		refs := arrayRefs(kids)
		for i := 0; i < kids.Len(); i++ {
			if i < len(refs) && refs[i] != "" {
				if seen[refs[i]] {
					continue
				}
				seen[refs[i]] = true
			}
			func() {
				defer func() {
					if p := recover(); p != nil && os.Getenv("DOCINDEX_DEBUG") != "" {
						fmt.Fprintf(os.Stderr, "page tree node: %v\n", p)
					}
				}()
				walk(kids.Index(i), inh, depth+1)
			}()
		}
	}
	walk(root, pageInfo{box: [4]float64{0, 0, 612, 792}}, 0)
	if tooMany {
		return nil, limitError("more than %d pages", maxPages)
	}
	return pages, nil
}

func intersect(a, b [4]float64) [4]float64 {
	r := [4]float64{max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])}
	if r[2]-r[0] < 1 || r[3]-r[1] < 1 {
		return a
	}
	return r
}

func boxOf(v pdf.Value) ([4]float64, bool) {
	var b [4]float64
	if v.Kind() != pdf.Array || v.Len() != 4 {
		return b, false
	}
	for i := range b {
		b[i] = v.Index(i).Float64()
	}
	if b[0] > b[2] {
		b[0], b[2] = b[2], b[0]
	}
	if b[1] > b[3] {
		b[1], b[3] = b[3], b[1]
	}
	if b[2]-b[0] < 1 || b[3]-b[1] < 1 {
		return b, false
	}
	return b, true
}

// arrayRefs returns the "N G" references of the elements of an array
// ("" for direct elements).
func arrayRefs(a pdf.Value) []string {
	if a.Kind() != pdf.Array {
		return nil
	}
	s := a.String()
	var out []string
	for _, m := range arrayRefRe.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1]+" "+m[2])
	}
	if len(out) != a.Len() {
		return nil
	}
	return out
}

// maxReusedGlyphs bounds the glyph buffer a document keeps from one page
// to the next (5 MB).
const maxReusedGlyphs = 1 << 16

var arrayRefRe = regexp.MustCompile(`(\d+) (\d+) R`)

// readPage interprets one page into its glyphs. Panics inside the
// library or the engine are contained here: the page keeps the glyphs
// read so far.
func readPage(ctx context.Context, doc *docState, pi pageInfo) (gs []Glyph, err error) {
	in := &interp{ctx: ctx, doc: doc}
	func() {
		defer func() {
			if x := recover(); x != nil {
				if a, ok := x.(abortError); ok {
					err = a.err
					return
				}
				if os.Getenv("DOCINDEX_DEBUG") != "" {
					fmt.Fprintf(os.Stderr, "page panic: %v\n%s", x, debug.Stack())
				}
			}
		}()
		res := newResources(pi.resources)
		content := in.content(pi.v.Key("Contents"))
		// a first guess; appends grow it. The previous page's buffer
		// when large enough.
		if guess := min(len(content)/16, 1<<14); cap(doc.glyphBuf) >= guess {
			in.glyphs = doc.glyphBuf[:0]
		} else {
			in.glyphs = make([]Glyph, 0, guess)
		}
		g := gstate{ctm: identity, th: 1}
		in.run(content, res, g, 0, map[string]bool{})
	}()
	if err != nil {
		return nil, err
	}
	if os.Getenv("DOCINDEX_DEBUG") != "" {
		fmt.Fprintf(os.Stderr, "page: %d ops, %d glyphs, %d forms\n", in.ops, len(in.glyphs), in.forms)
	}
	return in.glyphs, nil
}
