package reader

import (
	"bytes"
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/sha256"
	"crypto/sha512"
	"errors"
	"fmt"
	"hash"
	"strconv"
	"strings"

	"github.com/docindex/docindex/extract/textutil"

	"github.com/ledongthuc/pdf"
)

// Reliability: per-document resource limits and specific errors for bad
// input.
//
// The engine bounds the work done on one page (the constants in
// pdf_content.go: decoded content bytes, operators, glyphs, Form XObject
// depth and calls) and Options.Timeout bounds the time spent on one
// document. A document that exceeds a hard limit fails with an error
// wrapping ErrLimit that says which limit. The checks here run before and
// after the engine: a cross-reference chain that loops (which would make
// the PDF library loop forever), and the classification of failures into
// specific messages (empty, truncated, encrypted, no pages, blank or
// image-only pages).

// ErrLimit is wrapped by the errors of documents that exceed a resource
// limit (hostile or broken files: decompression bombs, reference loops,
// absurd nesting).
var ErrLimit = errors.New("resource limit exceeded")

// ErrEmptyFile is returned for a file of zero bytes.
var ErrEmptyFile = errors.New("empty file (0 bytes)")

// ErrNoPages is returned for a PDF whose page tree has no pages.
var ErrNoPages = errors.New("the PDF has no pages")

// ErrEncryptionUnsupported is returned for encrypted PDFs that open
// without a password but cannot be decrypted: other security handlers
// than Standard, or AES-256 files (revisions 5 and 6, which decrypt.go
// decrypts since the PDF library cannot) whose structure it cannot
// rewrite.
var ErrEncryptionUnsupported = errors.New("encrypted PDF: encryption method not supported")

// ErrDamaged is wrapped by the errors of PDFs whose structure (header,
// cross-reference data, trailer, page tree) is broken beyond repair.
var ErrDamaged = errors.New("damaged PDF")

// ErrTruncated is wrapped by the error of a PDF cut short with no
// readable page tree in what is there.
var ErrTruncated = errors.New("truncated PDF")

// errMalformed wraps a panic of the PDF library on malformed syntax;
// errNoPageTree says the catalog has no page tree. explainOpenError turns
// both into ErrDamaged.
var (
	errMalformed  = errors.New("malformed PDF")
	errNoPageTree = errors.New("page tree not found")
)

// limitError returns an error wrapping ErrLimit.
func limitError(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrLimit, fmt.Sprintf(format, args...))
}

// maxXrefSections bounds the /Prev chain of cross-reference sections
// (incremental updates); real files have a handful.
const maxXrefSections = 4096

// maxColumns bounds /Columns in stream parameters: the PDF library and
// the predictor decoder allocate a row of that many bytes before reading
// anything.
const maxColumns = 1 << 20

// maxObjects returns the largest object number accepted in the
// cross-reference data of a file of n bytes: the PDF library allocates
// its object table from the numbers it reads there (/Size, subsection
// starts, /Index), so one absurd number in a tiny file made it die with
// "fatal error: out of memory", a crash that no recover catches.
func maxObjects(n int) int {
	return min(max(n/4, 1<<20), 8<<20)
}

// bigNumber reports whether the decimal s exceeds limit.
func bigNumber(s []byte, limit int) bool {
	n, err := strconv.Atoi(string(s))
	return err != nil || n > limit
}

// xrefChainError checks what the PDF library reads before it can be
// protected by a recover or a timeout: the chain of cross-reference
// sections it follows through /Prev (without a loop check: a section
// that points back makes it loop forever), the object numbers from which
// it sizes its object table, and stream /Columns. It returns nil for
// sound data, or when the chain cannot be followed (the library then
// reports or repairs that).
func xrefChainError(data []byte) error {
	for i := 0; ; {
		k := bytes.Index(data[i:], []byte("/Columns"))
		if k < 0 {
			break
		}
		p := &objParser{b: data, i: i + k}
		i += k + len("/Columns")
		if t := p.next(); t.kind != tkName || t.str != "Columns" {
			continue
		}
		if v := p.next(); v.kind == tkNum && v.num > maxColumns {
			return limitError("a stream declares /Columns %s (more than %d)", data[v.start:v.end], maxColumns)
		}
	}
	if err := objStmLoop(data); err != nil {
		return err
	}
	limit := maxObjects(len(data))
	tail := data
	if len(tail) > 4096 {
		tail = tail[len(tail)-4096:]
	}
	off, ok := startxref(tail)
	if !ok {
		return nil
	}
	seen := map[int]bool{}
	for n := 0; ; n++ {
		if off <= 0 || off >= len(data) {
			return nil
		}
		if seen[off] {
			return limitError("cross-reference sections loop (/Prev %d points back to a section already read)", off)
		}
		if n >= maxXrefSections {
			return limitError("more than %d cross-reference sections", maxXrefSections)
		}
		seen[off] = true
		// The dictionary of this section: for a table, from "trailer" to
		// the next "startxref"; for a stream, up to "stream".
		sec := data[off:]
		var dict pdfObj
		if bytes.HasPrefix(bytes.TrimLeft(sec, " \t\r\n\f\x00"), []byte("xref")) {
			t := bytes.Index(sec, []byte("trailer"))
			if t < 0 {
				return nil
			}
			if a, b, ok := bigSubsection(sec[:t], limit); ok {
				return limitError("cross-reference subsection %s %s: object numbers beyond %d in a file of %d bytes", a, b, limit, len(data))
			}
			dict = parseObject(sec[t+len("trailer") : min(len(sec), t+1<<16)])
		} else {
			dict, _ = indirectObject(sec, 0, 1<<16)
			if dict.kind != objDict {
				return nil
			}
			src := sec
			for _, size := range dict.all("Size") {
				if size.kind == objNum && size.num > float64(limit) {
					return limitError("cross-reference stream /Size %s: more than %d objects in a file of %d bytes", src[size.start:size.end], limit, len(data))
				}
			}
			for _, index := range dict.all("Index") {
				for _, e := range index.arr {
					if e.kind == objNum && e.num > float64(limit) {
						return limitError("cross-reference stream /Index entry %s: more than %d objects in a file of %d bytes", src[e.start:e.end], limit, len(data))
					}
				}
			}
			for _, w := range dict.all("W") {
				for _, e := range w.arr {
					if e.kind != objNum || !e.isInt || e.num > 8 {
						return limitError("cross-reference stream /W entry %s (more than 8 bytes)", src[e.start:e.end])
					}
				}
			}
		}
		prev := dict.key("Prev")
		if prev.kind != objNum {
			return nil
		}
		off = int(min(prev.num, float64(len(data))))
	}
}

// startxref returns the offset of the last "startxref" in tail.
func startxref(tail []byte) (int, bool) {
	for end := len(tail); ; {
		k := bytes.LastIndex(tail[:end], []byte("startxref"))
		if k < 0 {
			return 0, false
		}
		end = k
		p := &objParser{b: tail, i: k}
		if t := p.next(); t.kind != tkKeyword || t.str != "startxref" {
			continue
		}
		if t := p.next(); t.kind == tkNum && t.isInt {
			return int(min(t.num, float64(len(tail)<<40))), true
		}
	}
}

// objStmLoop finds object streams whose /Extends chain loops: the PDF
// library follows it, decoding each stream again, until it finds the
// object it looks for, forever when the object is not there.
func objStmLoop(data []byte) error {
	ext := map[string]string{}
	for i := 0; ; {
		k := bytes.Index(data[i:], []byte("/ObjStm"))
		if k < 0 {
			break
		}
		at := i + k
		i = at + len("/ObjStm")
		from := max(0, at-4096)
		head := lastObjHead(data[from:at])
		if head == nil {
			continue
		}
		end := bytes.Index(data[at:], []byte("stream"))
		if end < 0 || end > 4096 {
			continue
		}
		// the dictionary of the object whose header is head
		hk := bytes.LastIndex(data[from:at], head)
		if hk < 0 {
			continue
		}
		d, _ := indirectObject(data[:at+end], from+hk, 1<<16)
		if e := d.key("Extends"); e.kind == objRef {
			ext[string(head)] = strconv.Itoa(e.ref[0])
		}
	}
	for id := range ext {
		seen := map[string]bool{}
		for cur := id; cur != ""; cur = ext[cur] {
			if seen[cur] {
				return limitError("object streams extend each other in a loop (object %s)", cur)
			}
			seen[cur] = true
		}
	}
	return nil
}

// bigSubsection looks for a subsection header of a cross-reference table
// (a line of two numbers, "first count") with a number beyond limit, and
// returns the two numbers. It reads the table line by line: a regular
// expression over the whole table cost more than reading the PDF.
func bigSubsection(table []byte, limit int) (first, count []byte, ok bool) {
	for len(table) > 0 {
		line := table
		if i := bytes.IndexByte(table, '\n'); i >= 0 {
			line, table = table[:i], table[i+1:]
		} else {
			table = nil
		}
		line = bytes.TrimSuffix(line, []byte("\r"))
		f := bytes.FieldsFunc(line, func(r rune) bool { return r == ' ' || r == '\t' })
		if len(f) != 2 || !allDigits(f[0]) || !allDigits(f[1]) {
			continue
		}
		if bigNumber(f[0], limit) || bigNumber(f[1], limit) {
			return f[0], f[1], true
		}
	}
	return nil, nil, false
}

func allDigits(b []byte) bool { return textutil.AllDigits(b) }

// lastObjHead returns the object number of the last object header
// ("12 0 obj") in win, or nil.
func lastObjHead(win []byte) []byte {
	isWord := func(c byte) bool {
		return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
	}
	for end := len(win); ; {
		k := bytes.LastIndex(win[:end], []byte("obj"))
		if k < 0 {
			return nil
		}
		end = k
		if j := k + 3; j < len(win) && isWord(win[j]) {
			continue
		}
		// back over spaces, the generation number, spaces, the object number
		g, ok := backSpacesDigits(win, k, 5)
		if !ok {
			continue
		}
		i, ok := backSpacesDigits(win, g, 10)
		if !ok {
			continue
		}
		o := i
		for o < g && win[o] >= '0' && win[o] <= '9' {
			o++
		}
		return win[i:o]
	}
}

// backSpacesDigits steps back from end over at least one white-space
// byte and then 1 to max digits; it returns where the digits start.
func backSpacesDigits(win []byte, end, max int) (int, bool) {
	i := end
	for i > 0 && isPDFWhite(win[i-1]) {
		i--
	}
	if i == end {
		return 0, false
	}
	d := i
	for i > 0 && d-i < max && win[i-1] >= '0' && win[i-1] <= '9' {
		i--
	}
	return i, i < d
}

// isPDFWhite is what \s matches in a Go regexp.
func isPDFWhite(c byte) bool { return textutil.IsSpace(c) }

// guardXref returns data, or a repaired copy (fresh cross-reference
// table, no /Prev chain) when its cross-reference data is hostile, with a
// warning saying so; err is set when it cannot be repaired.
func guardXref(data []byte) ([]byte, string, error) {
	err := xrefChainError(data)
	if err == nil {
		return data, "", nil
	}
	if fixed := repairPDF(data); fixed != nil && xrefChainError(fixed) == nil {
		return fixed, "repaired: cross-reference table rebuilt (" + strings.TrimPrefix(err.Error(), ErrLimit.Error()+": ") + ")", nil
	}
	return nil, "", fmt.Errorf("%w: %w", ErrDamaged, err)
}

// repairWarning describes the repair of orig into fixed (a rebuilt
// cross-reference table): for a truncated file (no end-of-file marker or
// cross-reference table at its end), how many of the objects it refers
// to are not there.
func repairWarning(orig, fixed []byte) string {
	if !truncated(orig) {
		return "repaired: cross-reference table rebuilt"
	}
	heads := objHeads(fixed)
	defined := map[int]bool{}
	for _, h := range heads {
		defined[h.id] = true
	}
	// the references in the objects there: those to objects not there
	missing := map[int]bool{}
	var walk func(v pdfObj)
	walk = func(v pdfObj) {
		switch v.kind {
		case objRef:
			if id := v.ref[0]; !defined[id] && id != 0 {
				missing[id] = true
			}
		case objArray:
			for _, e := range v.arr {
				walk(e)
			}
		case objDict:
			for _, e := range v.vals {
				walk(e)
			}
		}
	}
	for _, h := range heads {
		v, _ := indirectObject(fixed, h.off, 1<<16)
		walk(v)
	}
	return fmt.Sprintf("repaired: file truncated, %d objects unreadable", len(missing))
}

// truncated reports whether data ends without an end-of-file marker or a
// cross-reference pointer.
func truncated(data []byte) bool {
	tail := data
	if len(tail) > 2048 {
		tail = tail[len(tail)-2048:]
	}
	return !bytes.Contains(tail, []byte("%%EOF")) && !bytes.Contains(tail, []byte("startxref"))
}

// explainOpenError turns an error from reading a PDF into a specific
// message: encryption (password required, or a method not supported) and
// truncation are told apart from other damage.
func explainOpenError(data []byte, err error) error {
	if err == nil || errors.Is(err, ErrLimit) {
		return err
	}
	if enc := encryptDict(data); enc != nil {
		return encryptionError(enc, err)
	}
	if truncated(data) {
		return fmt.Errorf("%w: the file ends without a cross-reference table or %%%%EOF marker and no readable page tree was found in what is there (%d bytes)", ErrTruncated, len(data))
	}
	// The library calls a file it cannot open "not a PDF file: …" even
	// when it starts like one (the header was checked before).
	msg := err.Error()
	for _, p := range []string{"not a PDF file: ", errMalformed.Error() + ": "} {
		if strings.HasPrefix(msg, p) {
			return fmt.Errorf("%w: no usable cross-reference table, trailer or page tree, and it could not be repaired (%s)", ErrDamaged, strings.TrimPrefix(msg, p))
		}
	}
	if errors.Is(err, errNoPageTree) {
		return fmt.Errorf("%w: no page tree found (it could not be repaired)", ErrDamaged)
	}
	for _, typed := range []error{ErrDamaged, ErrEncrypted, ErrEncryptionUnsupported, ErrNoPages, ErrEmptyFile, context.Canceled, context.DeadlineExceeded} {
		if errors.Is(err, typed) {
			return err
		}
	}
	return damagedError{err}
}

// damagedError is an error of the PDF library on a file it cannot read,
// typed as ErrDamaged with the library's message.
type damagedError struct{ err error }

func (e damagedError) Error() string   { return e.err.Error() }
func (e damagedError) Unwrap() []error { return []error{ErrDamaged, e.err} }

// encInfo is what explainOpenError needs from an encryption dictionary.
type encInfo struct {
	filter    string
	v, r, len int
	u         []byte
}

// encryptDict finds the encryption dictionary referenced by the last
// /Encrypt entry of the file, or nil.
func encryptDict(data []byte) *encInfo {
	_, dict, named := encryptObject(data)
	if !named {
		return nil
	}
	return encInfoOf(dict)
}

// encInfoOf reads an encryption dictionary.
func encInfoOf(dict pdfObj) *encInfo {
	info := &encInfo{filter: dict.key("Filter").name()}
	info.v, _ = dict.key("V").intValue()
	info.r, _ = dict.key("R").intValue()
	info.len, _ = dict.key("Length").intValue()
	if u := dict.key("U"); u.kind == objStr {
		info.u = []byte(u.str)
	}
	return info
}

func encryptionError(enc *encInfo, err error) error {
	if errors.Is(err, ErrEncrypted) || errors.Is(err, pdf.ErrInvalidPassword) {
		return ErrEncrypted
	}
	method := "unknown method"
	switch {
	case enc.filter != "" && enc.filter != "Standard":
		method = "security handler " + enc.filter
	case enc.r >= 5:
		method = fmt.Sprintf("AES-256, revision %d", enc.r)
	case enc.v == 4:
		method = "AES-128 or RC4-128"
	case enc.v > 0:
		method = fmt.Sprintf("RC4, revision %d", enc.r)
	}
	if enc.filter == "Standard" && (enc.r == 5 || enc.r == 6) && len(enc.u) >= 48 {
		if !emptyUserPassword(enc.r, enc.u) {
			return fmt.Errorf("%w (%s)", ErrEncrypted, method)
		}
		return fmt.Errorf("%w (%s): it opens without a password, but the PDF library cannot decrypt it; decrypt it first (qpdf --decrypt in.pdf out.pdf)", ErrEncryptionUnsupported, method)
	}
	return fmt.Errorf("%w (%s): %v", ErrEncryptionUnsupported, method, err)
}

// emptyUserPassword reports whether the empty user password opens an
// AES-256 encrypted PDF (PDF 2.0 Algorithms 2.A/2.B: the first 32 bytes
// of U are the hash of the password with the validation salt U[32:40]).
func emptyUserPassword(r int, u []byte) bool {
	var h []byte
	if r == 5 {
		s := sha256.Sum256(u[32:40])
		h = s[:]
	} else {
		h = hash2B(nil, u[32:40], nil)
	}
	return bytes.Equal(h, u[:32])
}

// hash2B is Algorithm 2.B of ISO 32000-2 (revision 6 password hash).
func hash2B(pw, salt, udata []byte) []byte {
	h := sha256.New()
	h.Write(pw)
	h.Write(salt)
	h.Write(udata)
	k := h.Sum(nil)
	for round := 0; ; round++ {
		seq := make([]byte, 0, len(pw)+len(k)+len(udata))
		seq = append(append(append(seq, pw...), k...), udata...)
		k1 := bytes.Repeat(seq, 64)
		block, err := aes.NewCipher(k[:16])
		if err != nil {
			return nil
		}
		e := make([]byte, len(k1))
		cipher.NewCBCEncrypter(block, k[16:32]).CryptBlocks(e, k1)
		sum := 0
		for _, c := range e[:16] {
			sum += int(c)
		}
		var hf hash.Hash
		switch sum % 3 {
		case 0:
			hf = sha256.New()
		case 1:
			hf = sha512.New384()
		default:
			hf = sha512.New()
		}
		hf.Write(e)
		k = hf.Sum(nil)
		if round >= 63 && int(e[len(e)-1]) <= round-31 {
			break
		}
	}
	return k[:32]
}

// pdfString decodes the PDF string (literal or hex) at the start of b.
func pdfString(b []byte) ([]byte, bool) {
	if len(b) == 0 {
		return nil, false
	}
	if b[0] == '<' {
		out, end := decodeHex(b[1:])
		return out, end < len(b)-1
	}
	if b[0] != '(' {
		return nil, false
	}
	out, _, closed := literalString(b)
	return out, closed
}

// ErrNoTextLayer is returned (wrapped, saying whether the pages are blank
// or images only) when no page of the document has any text.
var ErrNoTextLayer = errors.New("no text layer")

// noTextError says why a document without any text has none: no pages,
// blank pages, or pages that are only images (scans).
func noTextError(data []byte, n int) error {
	if n == 0 {
		return ErrNoPages
	}
	img := imagePages(data, n)
	if img == 0 {
		return fmt.Errorf("%w: all %d pages are blank", ErrNoTextLayer, n)
	}
	return fmt.Errorf("%w: %d of %d pages are images only (scanned? the text needs OCR)", ErrNoTextLayer, img, n)
}

// imagePages counts the pages (of the first n) that draw an image: an
// image XObject in their resources (or in those of a form they use) or an
// inline image in their content. It never panics.
func imagePages(data []byte, n int) (count int) {
	defer func() {
		if recover() != nil {
			count = 0
		}
	}()
	r, err := openPDF(data)
	if err != nil {
		return 0
	}
	pages, err := pageList(r)
	if err != nil {
		return 0
	}
	doc := &docState{fonts: map[string]*font{}, data: data}
	for i, pi := range pages {
		if i >= n {
			break
		}
		if drawsImage(doc, pi) {
			count++
		}
	}
	return count
}

// drawsImage reports whether a page draws an image: an image XObject in
// its resources (or in those of a form it uses) or an inline image.
func drawsImage(doc *docState, pi pageInfo) (found bool) {
	if hasImage(pi.resources, 0) {
		return true
	}
	defer func() { recover() }()
	c := doc.readContent(pi.v.Key("Contents"), maxContentBytes)
	return hasInlineImage(c)
}

// hasInlineImage reports whether content has an inline image (BI … ID …
// EI), read with the content tokenizer (so "BI" in a string is not one).
func hasInlineImage(content []byte) bool {
	l := &contentLexer{b: content}
	for {
		t, kw, ok := l.token(0)
		if !ok {
			return false
		}
		if kw == "BI" {
			return true
		}
		if t.kind == opArray {
			l.pool = l.pool[:0]
		}
	}
}

func hasImage(res pdf.Value, depth int) (found bool) {
	defer func() {
		if recover() != nil {
			found = false
		}
	}()
	xo := res.Key("XObject")
	if xo.Kind() != pdf.Dict || depth > 4 {
		return false
	}
	for i, k := range xo.Keys() {
		if i > 256 {
			break
		}
		x := xo.Key(k)
		switch x.Key("Subtype").Name() {
		case "Image":
			return true
		case "Form":
			if r := x.Key("Resources"); r.Kind() == pdf.Dict && hasImage(r, depth+1) {
				return true
			}
		}
	}
	return false
}

// maxDocContentBytes bounds the content bytes decoded for a whole
// document (pages and forms; a real 1,000-page document decodes about
// 100 MiB): a small file whose pages each decode to the page limit, or
// share one bomb, would otherwise take minutes.
const maxDocContentBytes = 1 << 30

// content returns the decoded content of v (a content stream, an array of
// them, or a Form XObject) within the page's budget of maxContentBytes
// decoded bytes, shared by the page and all the forms it draws: a page
// whose content decodes to more (a decompression bomb, or forms nested to
// multiply one) fails with an error wrapping ErrLimit.
func (in *interp) content(v pdf.Value) []byte {
	budget := maxContentBytes - in.decoded
	if budget <= 0 {
		panic(abortError{limitError("page content decodes to more than %d MiB (decompression bomb?)", maxContentBytes>>20)})
	}
	out := in.doc.readContent(v, budget)
	in.decoded += len(out)
	in.doc.decoded += len(out)
	if in.doc.decoded > maxDocContentBytes {
		panic(abortError{limitError("document content decodes to more than %d MiB", maxDocContentBytes>>20)})
	}
	if len(out) > budget {
		panic(abortError{limitError("page content decodes to more than %d MiB (decompression bomb?)", maxContentBytes>>20)})
	}
	return out
}
