package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"time"
)

// Languages is what extract needs from a language detector; lang.Detector
// implements it. A nil Languages leaves language fields empty.
type Languages interface {
	// Detect returns the ISO 639-1 code of text ("und" when undecidable).
	Detect(text string) string
	// DetectOr returns the language of a short piece of text, falling back
	// to fallback when the text is too short or too mixed to decide.
	DetectOr(text, fallback string) string
	// Normalize returns text in the storage form for language lang.
	Normalize(lang, text string) string
}

// Options control the reading of one document.
type Options struct {
	// Timeout bounds the time spent on one document (default 2 minutes).
	Timeout time.Duration
	// MaxFileSize refuses larger files (default 512 MiB).
	MaxFileSize int64
	// Langs detects and normalizes languages; nil skips detection.
	Langs Languages
	// PagesOnly stops after reading pages (no metadata or clauses).
	PagesOnly bool
	// OCR is OCRAuto, OCRAlways or OCRNever (see ocr.go); empty is
	// never: library callers opt in, the CLI's --ocr defaults to auto.
	OCR string
	// OCRCacheDir holds OCR results by file hash ("" the user cache
	// directory, "-" no cache).
	OCRCacheDir string
}

func (o Options) timeout() time.Duration {
	if o.Timeout <= 0 {
		return 2 * time.Minute
	}
	return o.Timeout
}

func (o Options) maxFileSize() int64 {
	if o.MaxFileSize <= 0 {
		return 512 << 20
	}
	return o.MaxFileSize
}

// ErrNotPDF is returned for files that do not start with a PDF header.
var ErrNotPDF = errors.New("not a PDF file (no %PDF- header)")

// ErrNoTextLayer is returned (wrapped, saying whether the pages are blank
// or images only) when no page of the document has any text, typically an
// image-only scan. The pages are still returned, each with NoText set.
var ErrNoTextLayer = errors.New("no text layer")

// File reads the PDF at path and returns its Document. It never panics:
// any failure is reported in Document.Error (prefixed with nothing; the
// caller names the file) and returned as err.
func File(ctx context.Context, path string, opt Options) (*Document, error) {
	doc := &Document{File: path}
	fi, err := os.Stat(path)
	if err != nil {
		return fail(doc, err)
	}
	if fi.Size() > opt.maxFileSize() {
		return fail(doc, fmt.Errorf("file too large (%d bytes, limit %d)", fi.Size(), opt.maxFileSize()))
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return fail(doc, err)
	}
	err = Bytes(ctx, doc, data, opt)
	return doc, err
}

// Bytes fills doc from the PDF bytes data, bounded in time by
// opt.Timeout and protected against panics in the PDF library.
func Bytes(ctx context.Context, doc *Document, data []byte, opt Options) error {
	if len(data) == 0 {
		_, err := fail(doc, ErrEmptyFile)
		return err
	}
	if !IsPDF(data) {
		_, err := fail(doc, ErrNotPDF)
		return err
	}
	data, err := guardXref(data) // see limits.go
	if err != nil {
		_, err := fail(doc, err)
		return err
	}
	parent := ctx
	ctx, cancel := context.WithTimeout(ctx, opt.timeout())
	defer cancel()
	type result struct {
		pages  []Page
		err    error
		noText error
	}
	done := make(chan result, 1)
	go func() {
		var r result
		defer func() {
			if p := recover(); p != nil {
				r = result{err: fmt.Errorf("malformed PDF: %v", p)}
				if os.Getenv("DOCINDEX_DEBUG") != "" {
					fmt.Fprintf(os.Stderr, "%s: panic: %v\n%s", doc.File, p, debug.Stack())
				}
			}
			done <- r
		}()
		r.pages, r.err = ReadPages(ctx, data)
		if r.err != nil && ctx.Err() == nil {
			r.err = explainOpenError(data, r.err)
		}
		if r.err == nil && !hasText(r.pages) {
			r.noText = noTextError(data, r.pages) // see limits.go
		}
	}()
	var r result
	select {
	case r = <-done:
	case <-ctx.Done():
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			r.err = fmt.Errorf("timed out after %s", opt.timeout())
		} else {
			r.err = ctx.Err()
		}
	}
	if r.err != nil {
		_, err := fail(doc, r.err)
		return err
	}
	doc.Pages = r.pages
	if doc.Pages == nil {
		doc.Pages = []Page{}
	}
	if err := ocrDocument(parent, data, doc, opt, &r.noText); err != nil {
		_, err := fail(doc, err)
		return err
	}
	if r.noText != nil {
		_, err := fail(doc, r.noText)
		return err
	}
	if opt.PagesOnly {
		if opt.Langs != nil {
			detectPages(doc, opt.Langs)
		}
		return nil
	}
	err = analyzeSafe(doc, opt)
	markOCRClauses(doc)
	return err
}

func analyzeSafe(doc *Document, opt Options) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("segmentation failed: %v", p)
			if os.Getenv("DOCINDEX_DEBUG") != "" {
				fmt.Fprintf(os.Stderr, "%s: panic: %v\n%s", doc.File, p, debug.Stack())
			}
			doc.Error = err.Error()
		}
	}()
	if opt.Langs != nil {
		detectPages(doc, opt.Langs)
	}
	Analyze(doc, opt)
	return nil
}

// detectPages sets the document language and the language of each page
// that differs from it.
func detectPages(doc *Document, l Languages) {
	var all bytes.Buffer
	for _, p := range doc.Pages {
		all.WriteString(p.Text)
		all.WriteByte('\n')
	}
	doc.Language = l.Detect(all.String())
	for i := range doc.Pages {
		pl := l.DetectOr(doc.Pages[i].Text, doc.Language)
		if pl != doc.Language && pl != "und" {
			doc.Pages[i].Language = pl
		}
	}
}

func hasText(pages []Page) bool {
	for _, p := range pages {
		if !p.NoText {
			return true
		}
	}
	return false
}

func fail(doc *Document, err error) (*Document, error) {
	doc.Error = err.Error()
	if doc.Pages == nil {
		doc.Pages = []Page{}
	}
	return doc, err
}

// IsPDF reports whether data looks like a PDF: "%PDF-" within the first
// 1024 bytes (as readers tolerate leading garbage).
func IsPDF(data []byte) bool {
	if len(data) > 1024 {
		data = data[:1024]
	}
	return bytes.Contains(data, []byte("%PDF-"))
}

// IsPDFFile reports whether the file at path starts like a PDF.
func IsPDFFile(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	buf := make([]byte, 1024)
	n, _ := io.ReadFull(f, buf)
	return IsPDF(buf[:n])
}

// FindPDFs expands files and directories (recursively) into the sorted
// list of PDF files they hold, decided by content (the %PDF- header), with
// ".pdf" files that are not PDFs included too so that they get an error.
// Arguments that do not exist are returned as errors.
func FindPDFs(args []string) ([]string, []error) {
	var out []string
	var errs []error
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, a := range args {
		fi, err := os.Stat(a)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if !fi.IsDir() {
			add(a) // named explicitly: always tried, so a bad file gets its error
			continue
		}
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, err)
				return nil
			}
			if d.IsDir() {
				if p != a && len(d.Name()) > 1 && d.Name()[0] == '.' {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.Type().IsRegular() {
				return nil
			}
			if hasPDFExt(p) || IsPDFFile(p) {
				add(p)
			}
			return nil
		})
		if err != nil {
			errs = append(errs, err)
		}
	}
	sort.Strings(out)
	return out, errs
}

func hasPDFExt(p string) bool {
	e := filepath.Ext(p)
	return e == ".pdf" || e == ".PDF" || e == ".Pdf"
}
