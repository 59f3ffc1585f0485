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
	"strings"
	"syscall"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/docindex/docindex/extract/reader"
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
	// Langs detects and normalizes languages; nil skips detection. It
	// is the one field that does not travel to a worker process (the
	// worker builds its own); every other field must be serialisable.
	Langs Languages `json:"-"`
	// PagesOnly stops after reading pages (no metadata or clauses).
	PagesOnly bool
	// OCR is OCRAuto, OCRAlways or OCRNever (see ocr.go); empty is
	// never: library callers opt in, the CLI's --ocr defaults to auto.
	OCR string
	// OCRCacheDir holds OCR results by file hash ("" the user cache
	// directory, "-" no cache).
	OCRCacheDir string
	// Progress, when set, is called after each page read by OCR: a sign
	// of life for a caller that bounds a whole document's time (a
	// worker's parent), since a scan may take Timeout for each page.
	Progress func() `json:"-"`
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
var ErrNoTextLayer = reader.ErrNoTextLayer

// File reads the PDF at path and returns its Document. It never panics:
// any failure is reported in Document.Error (prefixed with nothing; the
// caller names the file) and returned as err.
func File(ctx context.Context, path string, opt Options) (*Document, error) {
	doc := &Document{File: path}
	data, err := readRegular(path, opt.maxFileSize())
	if err != nil {
		return fail(doc, err)
	}
	err = Bytes(ctx, doc, data, opt)
	return doc, err
}

// readRegular reads a regular file (following symbolic links) of at most
// limit bytes. Anything else (a named pipe, a socket, a device) is
// refused without being opened, and the open itself does not block
// should the file be replaced meanwhile.
// readSized reads r to its end, or to most bytes, into a buffer of size
// bytes first (the file's size), grown only if r holds more: io.ReadAll
// starts at 512 bytes and copies as it grows (1-2 % of a worker's CPU).
// A read error is returned, without the bytes.
func readSized(r io.Reader, size, most int64) ([]byte, error) {
	b, err := reader.ReadUpTo(r, int(max(size, 0)), int(most))
	if err != nil {
		return nil, err
	}
	return b, nil
}

func readRegular(path string, limit int64) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if err := CheckRegular(fi); err != nil {
		return nil, err
	}
	if fi.Size() > limit {
		return nil, fmt.Errorf("file too large (%d bytes, limit %d)", fi.Size(), limit)
	}
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err = f.Stat()
	if err != nil {
		return nil, err
	}
	if err := CheckRegular(fi); err != nil {
		return nil, err
	}
	data, err := readSized(f, fi.Size(), limit+1)
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("file too large (over %d bytes)", limit)
	}
	return data, nil
}

// CheckRegular returns an error naming the kind of file when fi is not a
// regular file (nor a directory, which callers walk).
func CheckRegular(fi fs.FileInfo) error {
	m := fi.Mode()
	if m.IsRegular() || m.IsDir() {
		return nil
	}
	kind := "special file"
	switch {
	case m&fs.ModeNamedPipe != 0:
		kind = "named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		kind = "socket"
	case m&fs.ModeCharDevice != 0:
		kind = "character device"
	case m&fs.ModeDevice != 0:
		kind = "block device"
	case m&fs.ModeSymlink != 0:
		kind = "symbolic link"
	case m&fs.ModeIrregular != 0:
		kind = "file of unknown type"
	}
	return fmt.Errorf("not a regular file: %s, not opened", kind)
}

// maxMessage bounds the length of a failure reason.
const maxMessage = 200

// Message is the one-line reason given for a failed file: err's text
// with anything that is not a printable character (raw bytes of the file,
// control characters, invalid UTF-8) replaced, white space collapsed and
// at most about 200 characters. Every failure reason goes through it.
func Message(err error) string {
	if err == nil {
		return ""
	}
	return cleanMessage(err.Error())
}

func cleanMessage(s string) string {
	var b strings.Builder
	n := 0
	space := false
	for _, r := range s {
		if n >= maxMessage {
			b.WriteString("…")
			break
		}
		switch {
		case r == utf8.RuneError:
			r = '?'
		case unicode.IsSpace(r):
			space = true
			continue
		case !unicode.IsPrint(r):
			r = '?'
		}
		if space && n > 0 {
			b.WriteByte(' ')
			n++
		}
		space = false
		b.WriteRune(r)
		n++
	}
	return b.String()
}

// Bytes fills doc from the PDF bytes data, bounded in time by
// opt.Timeout and protected against panics in the PDF library.
func Bytes(ctx context.Context, doc *Document, data []byte, opt Options) error {
	data, err := guardBytes(doc, data)
	if err != nil {
		_, err := fail(doc, err)
		return err
	}
	r := readPagesBounded(ctx, doc.File, data, opt.timeout())
	if r.err != nil {
		_, err := fail(doc, r.err)
		return err
	}
	doc.Pages = r.pages
	for _, w := range r.warnings {
		doc.Warnings = append(doc.Warnings, cleanMessage(w))
	}
	if doc.Pages == nil {
		doc.Pages = []Page{}
	}
	if err := ocrDocument(ctx, data, doc, opt, &r.noText); err != nil {
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

// guardBytes refuses an empty file and one that is not a PDF, and gives
// the data to read after reader.GuardXref (its warning, a repair, goes
// to doc.Warnings).
func guardBytes(doc *Document, data []byte) ([]byte, error) {
	if len(data) == 0 {
		return nil, ErrEmptyFile
	}
	if !IsPDF(data) {
		return nil, ErrNotPDF
	}
	data, warning, err := reader.GuardXref(data)
	if err != nil {
		return nil, err
	}
	if warning != "" {
		doc.Warnings = append(doc.Warnings, cleanMessage(warning))
	}
	return data, nil
}

// pagesRead is what readPagesBounded read: pages and warnings, or the
// error that stopped it; noText is set when no page has text.
type pagesRead struct {
	pages    []Page
	warnings []string
	err      error
	noText   error
}

// readPagesBounded reads the pages of data within timeout, a panic of
// the reader turned into an error ("malformed PDF"; its stack printed
// for file when DOCINDEX_DEBUG is set).
func readPagesBounded(parent context.Context, file string, data []byte, timeout time.Duration) pagesRead {
	ctx, cancel := context.WithTimeout(parent, timeout)
	defer cancel()
	done := make(chan pagesRead, 1)
	go func() {
		var r pagesRead
		defer func() {
			if p := recover(); p != nil {
				r = pagesRead{err: fmt.Errorf("malformed PDF: %v", p)}
				if os.Getenv("DOCINDEX_DEBUG") != "" {
					fmt.Fprintf(os.Stderr, "%s: panic: %v\n%s", file, p, debug.Stack())
				}
			}
			done <- r
		}()
		r.pages, r.warnings, r.err = readPages(ctx, data)
		if r.err == nil && !hasText(r.pages) {
			r.noText = reader.NoTextError(data, len(r.pages))
		}
	}()
	select {
	case r := <-done:
		return r
	case <-ctx.Done():
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return pagesRead{err: fmt.Errorf("timed out after %s", timeout)}
		}
		return pagesRead{err: ctx.Err()}
	}
}

func analyzeSafe(doc *Document, opt Options) (err error) {
	defer func() {
		if p := recover(); p != nil {
			if os.Getenv("DOCINDEX_DEBUG") != "" {
				fmt.Fprintf(os.Stderr, "%s: panic: %v\n%s", doc.File, p, debug.Stack())
			}
			_, err = fail(doc, fmt.Errorf("segmentation failed: %v", p))
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

// Failed returns the Document and error of a file that failed with err
// before or outside extraction (for instance in a worker process).
func Failed(path string, err error) (*Document, error) {
	return fail(&Document{File: path}, err)
}

// fail records err as the document's failure; the error returned says the
// same capped Message (and still matches the sentinel errors it wraps).
func fail(doc *Document, err error) (*Document, error) {
	doc.Error = Message(err)
	if doc.Pages == nil {
		doc.Pages = []Page{}
	}
	if doc.Error != err.Error() {
		err = &reasonError{msg: doc.Error, err: err}
	}
	return doc, err
}

// reasonError is an error shown by its capped message.
type reasonError struct {
	msg string
	err error
}

func (e *reasonError) Error() string { return e.msg }
func (e *reasonError) Unwrap() error { return e.err }

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
// Arguments that do not exist are returned as errors, and so are files
// that cannot be read as files, without being opened: special files (a
// named pipe, a socket, a device) named as arguments or found with a .pdf
// name, and symbolic links that loop or point nowhere. Symbolic links to
// files are followed, links to directories are not.
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
	bad := func(p string, err error) {
		errs = append(errs, &fs.PathError{Op: "open", Path: p, Err: err})
	}
	for _, a := range args {
		fi, err := os.Stat(a)
		if err != nil {
			errs = append(errs, linkError(a, err))
			continue
		}
		if !fi.IsDir() {
			if err := CheckRegular(fi); err != nil {
				bad(a, err)
				continue
			}
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
			t := d.Type()
			if t&fs.ModeSymlink != 0 {
				fi, err := os.Stat(p)
				switch {
				case err != nil:
					errs = append(errs, linkError(p, err))
					return nil
				case fi.IsDir():
					return nil // not followed: walks stay inside their roots
				}
				t = fi.Mode().Type()
			}
			if !t.IsRegular() {
				if hasPDFExt(p) {
					if fi, err := os.Stat(p); err == nil {
						bad(p, CheckRegular(fi))
					}
				}
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

// linkError words the error of a path that does not resolve: a symbolic
// link that loops or points nowhere is said to be one.
func linkError(p string, err error) error {
	li, lerr := os.Lstat(p)
	if lerr != nil || li.Mode()&fs.ModeSymlink == 0 {
		return err
	}
	switch {
	case errors.Is(err, syscall.ELOOP):
		err = errors.New("symbolic link loop")
	case errors.Is(err, fs.ErrNotExist):
		if target, e := os.Readlink(p); e == nil {
			err = fmt.Errorf("dangling symbolic link (to %s, which does not exist)", target)
		} else {
			err = errors.New("dangling symbolic link")
		}
	default:
		return err
	}
	return &fs.PathError{Op: "open", Path: p, Err: err}
}

func hasPDFExt(p string) bool {
	e := filepath.Ext(p)
	return e == ".pdf" || e == ".PDF" || e == ".Pdf"
}
