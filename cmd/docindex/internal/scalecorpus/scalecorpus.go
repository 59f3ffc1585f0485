// Package scalecorpus makes a large corpus out of a small one for the
// scale benchmark (issue #15): copy k of every PDF has its words and its
// document symbols changed, so that the vocabulary and the symbols grow
// with the number of copies instead of the same clauses repeating.
//
// Method. Every source PDF is rewritten once by qpdf into QDF form
// (uncompressed, no object streams, one object per xref entry). For
// copy k > 0 the QDF text is changed in Go and written back as a normal
// compressed PDF (streams deflated, a new xref table):
//
//   - ToUnicode CMaps: the Unicode targets of some letters are permuted
//     among letters of the same script (6 of 10 rarer lowercase Latin
//     consonants, 6 of 14 Cyrillic, 6 of 14 Arabic; Han ideographs by
//     an XOR of their offset in the CJK block). Every extracted word that
//     holds such a letter changes, the same way everywhere in the copy:
//     a cipher, which keeps the word-frequency distribution realistic.
//     Upper case, digits and punctuation are kept, so symbols, numbering
//     and citations still parse.
//   - Files without any ToUnicode map (simple fonts, text in literal
//     strings): the same Latin permutation is applied to the lowercase
//     bytes of the strings shown by Tj, TJ, ' and ".
//   - Symbols: a text-showing operand whose text (decoded with the
//     file's ToUnicode maps, or as bytes) looks like a document symbol
//     (A/RES/78/265, S/2018/693, E/ESCWA/30/18) has its digits permuted
//     by a per-copy digit permutation, so the masthead symbol and the
//     running headers change together and still parse.
//
// Copy 0 is the source corpus itself (files copied unchanged). Glyph
// shapes are not touched for CID fonts: a viewer shows the original
// text, text extraction (docindex, pdftotext for recoll) the changed one.
package scalecorpus

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Cipher is the per-copy substitution.
type Cipher struct {
	runes  map[rune]rune // letter permutation (lower case only)
	bytes  [256]byte     // the Latin part, on WinAnsi bytes
	digits [10]byte      // digit permutation for symbols
	hanXor int
}

// NewCipher returns the substitution of copy k (k ≥ 1); the same k gives
// the same cipher on every run.
func NewCipher(k int) *Cipher {
	rng := rand.New(rand.NewSource(int64(k)*7919 + 17))
	c := &Cipher{runes: map[rune]rune{}}
	for i := range c.bytes {
		c.bytes[i] = byte(i)
	}
	perm := func(set []rune, n int) {
		pick := rng.Perm(len(set))[:n]
		to := append([]int(nil), pick...)
		for same := true; same; {
			rng.Shuffle(len(to), func(i, j int) { to[i], to[j] = to[j], to[i] })
			same = false
			for i := range to {
				if to[i] == pick[i] {
					same = true // want no fixed point
				}
			}
		}
		for i := range pick {
			c.runes[set[pick[i]]] = set[to[i]]
		}
	}
	perm([]rune("bcfgkmpvwy"), 6)
	for r, s := range c.runes {
		c.bytes[byte(r)] = byte(s)
	}
	perm([]rune("бвгжзкмпфхцчшщ"), 6)
	perm([]rune("ثجحخذزشصضطظغفق"), 6)
	c.hanXor = 1 + rng.Intn(255)
	for {
		p := rng.Perm(10)
		ident := true
		for i, d := range p {
			c.digits[i] = byte('0' + d)
			if d != i {
				ident = false
			}
		}
		if !ident {
			break
		}
	}
	return c
}

// Rune maps one character.
func (c *Cipher) Rune(r rune) rune {
	if s, ok := c.runes[r]; ok {
		return s
	}
	if r >= 0x4E00 && r < 0xA000 {
		return 0x4E00 + rune(int(r-0x4E00)^c.hanXor)
	}
	return r
}

// String maps every character of s (letters only; tests and checks).
func (c *Cipher) String(s string) string {
	return strings.Map(c.Rune, s)
}

// Symbol maps the digits of a symbol as the generator does.
func (c *Cipher) Symbol(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return rune(c.digits[r-'0'])
		}
		return r
	}, s)
}

// Stats counts what a rewrite changed.
type Stats struct {
	CMaps, CMapEntries, Strings, Symbols int
}

// Generate fills dst with copies 0 … copies-1 of the PDF files under
// src (dst/c000/…, dst/c001/…), reusing copies already complete (a
// doneMarker) and the QDF forms kept under dst/qdf. It needs qpdf.
func Generate(src, dst string, copies, workers int) error {
	if _, err := exec.LookPath("qpdf"); err != nil {
		return fmt.Errorf("qpdf not installed: %w", err)
	}
	var files []string
	err := filepath.Walk(src, func(p string, fi os.FileInfo, err error) error {
		if err == nil && fi.Mode().IsRegular() && strings.HasSuffix(strings.ToLower(p), ".pdf") {
			rel, _ := filepath.Rel(src, p)
			files = append(files, rel)
		}
		return err
	})
	if err != nil {
		return err
	}
	sort.Strings(files)
	qdfDir := filepath.Join(dst, "qdf")
	for _, rel := range files {
		q := filepath.Join(qdfDir, rel+".qdf")
		if _, err := os.Stat(q); err == nil {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(q), 0o755); err != nil {
			return err
		}
		cmd := exec.Command("qpdf", "--qdf", "--object-streams=disable", "--decode-level=generalized", filepath.Join(src, rel), q+".tmp")
		out, err := cmd.CombinedOutput()
		if ee, ok := err.(*exec.ExitError); err != nil && !(ok && ee.ExitCode() == 3) { // 3: warnings
			// not a PDF qpdf can read (the corpus has broken files on
			// purpose): the copies keep it as it is
			os.Remove(q + ".tmp")
			if err := os.WriteFile(q+".raw", out, 0o644); err != nil {
				return err
			}
			if err := os.WriteFile(q, nil, 0o644); err != nil {
				return err
			}
			continue
		}
		if err := os.Rename(q+".tmp", q); err != nil {
			return err
		}
	}
	jobs := make(chan int)
	errs := make(chan error, copies)
	var wg sync.WaitGroup
	for w := 0; w < max(workers, 1); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range jobs {
				errs <- makeCopy(src, qdfDir, dst, files, k)
			}
		}()
	}
	for k := 0; k < copies; k++ {
		jobs <- k
	}
	close(jobs)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// CopyDir is the directory of copy k under dst.
func CopyDir(dst string, k int) string { return filepath.Join(dst, fmt.Sprintf("c%03d", k)) }

// CopyName is the path, relative to its copy's directory, of file rel
// in copy k: copy 0 keeps the corpus's names, the others prefix each
// file name with the copy ("en/A_RES_78_265_en.pdf" becomes
// "en/c007-A_RES_78_265_en.pdf"). Documents without a symbol are
// grouped with their language versions by file name (index.WorkKey), so
// that copies named alike would all be one work: every clause of every
// copy a "parallel" of the others, which no real collection has.
func CopyName(rel string, k int) string {
	if k == 0 {
		return rel
	}
	return filepath.Join(filepath.Dir(rel), fmt.Sprintf("c%03d-%s", k, filepath.Base(rel)))
}

// doneMarker marks a complete copy; its name changes with the layout of
// a copy, so that copies made by an earlier version are made again.
const doneMarker = ".done2"

func makeCopy(src, qdfDir, dst string, files []string, k int) error {
	dir := CopyDir(dst, k)
	if _, err := os.Stat(filepath.Join(dir, doneMarker)); err == nil {
		return nil
	}
	os.RemoveAll(dir)
	c := NewCipher(k)
	for _, rel := range files {
		out := filepath.Join(dir, CopyName(rel, k))
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		orig, err := os.ReadFile(filepath.Join(src, rel))
		if err != nil {
			return err
		}
		data := orig
		if k > 0 {
			q, err := os.ReadFile(filepath.Join(qdfDir, rel+".qdf"))
			if err != nil {
				return err
			}
			if len(q) > 0 {
				if b, _, err := Rewrite(q, c); err == nil {
					data = b
				} else {
					return fmt.Errorf("%s copy %d: %w", rel, k, err)
				}
			}
		}
		if err := os.WriteFile(out, data, 0o644); err != nil {
			return err
		}
	}
	return os.WriteFile(filepath.Join(dir, doneMarker), nil, 0o644)
}

var (
	reXref     = regexp.MustCompile(`(?m)^xref\r?\n0 (\d+)\r?\n`)
	reLenRef   = regexp.MustCompile(`/Length (\d+) 0 R`)
	reToUni    = regexp.MustCompile(`/ToUnicode (\d+) 0 R`)
	reContents = regexp.MustCompile(`/Contents (?:(\d+) 0 R|\[([^\]]*)\])`)
	reRef      = regexp.MustCompile(`(\d+) 0 R`)
	reNameRef  = regexp.MustCompile(`/([^\s/<>\[\]()]+)\s+(\d+) 0 R`)
	reBfchar   = regexp.MustCompile(`(?s)beginbfchar(.*?)endbfchar`)
	reBfrange  = regexp.MustCompile(`(?s)beginbfrange(.*?)endbfrange`)
	rePair     = regexp.MustCompile(`<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>`)
	reRange    = regexp.MustCompile(`<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(?:<([0-9A-Fa-f]*)>|\[([^\]]*)\])`)
	reHex      = regexp.MustCompile(`<([0-9A-Fa-f]*)>`)
	// a symbol, or its tail when the body letter is shown apart (a
	// large "S", then "/2018/693")
	reSymbol = regexp.MustCompile(`^\s*/[A-Za-z0-9.\-/]*\d|[A-Z][A-Za-z.]*(?:/[A-Za-z0-9.\-]+)*/\d`)
)

type object struct {
	start, end int // the object's bytes in the QDF file
	dict       []byte
	data       []byte // stream data, nil without a stream
}

// Rewrite applies c to a QDF file and returns a compressed PDF.
func Rewrite(qdf []byte, c *Cipher) ([]byte, Stats, error) {
	var st Stats
	f, err := parseQDF(qdf)
	if err != nil {
		return nil, st, err
	}
	if err := f.readStreams(); err != nil {
		return nil, st, err
	}
	cmaps, newData := f.cipherToUnicode(c, &st)
	for i, o := range f.objs {
		if o == nil {
			continue
		}
		streams := f.contentStreams(i)
		if len(streams) == 0 {
			continue
		}
		fonts := f.fontsOf(i, cmaps)
		for _, j := range streams {
			if j >= f.n || f.objs[j] == nil || f.objs[j].data == nil {
				continue
			}
			if _, done := newData[j]; done {
				continue // a stream shared by two pages: once
			}
			nd, ns, nsym := rewriteContent(f.objs[j].data, c, fonts)
			if ns+nsym > 0 {
				newData[j] = nd
				st.Strings += ns
				st.Symbols += nsym
			}
		}
	}
	return f.write(newData), st, nil
}

// qdfFile is a QDF file read by its last cross-reference table: each
// object's span, from its offset to the next object's (or the xref).
type qdfFile struct {
	qdf     []byte
	n       int       // objects in the xref table
	offs    []int     // object number → offset (0: free)
	trailer []byte    // from "trailer" to "startxref"
	order   []int     // object numbers in file order
	objs    []*object // object number → object (nil: free)
}

// parseQDF reads the last xref table and trailer of a QDF file and the
// span of each object.
func parseQDF(qdf []byte) (*qdfFile, error) {
	loc := reXref.FindAllSubmatchIndex(qdf, -1)
	if len(loc) == 0 {
		return nil, fmt.Errorf("no xref table (not QDF)")
	}
	x := loc[len(loc)-1]
	n, _ := strconv.Atoi(string(qdf[x[2]:x[3]]))
	f := &qdfFile{qdf: qdf, n: n, offs: make([]int, n)}
	p := x[1]
	for i := 0; i < n; i++ {
		if p+18 > len(qdf) {
			return nil, fmt.Errorf("short xref table")
		}
		e := qdf[p : p+18]
		if e[17] == 'n' {
			f.offs[i], _ = strconv.Atoi(string(e[:10]))
		}
		p += 20
	}
	tr := bytes.Index(qdf[x[0]:], []byte("trailer"))
	sx := bytes.Index(qdf[x[0]:], []byte("startxref"))
	if tr < 0 || sx < tr {
		return nil, fmt.Errorf("no trailer")
	}
	f.trailer = qdf[x[0]+tr : x[0]+sx]
	f.order = make([]int, 0, n)
	for i, o := range f.offs {
		if o > 0 {
			f.order = append(f.order, i)
		}
	}
	sort.Slice(f.order, func(a, b int) bool { return f.offs[f.order[a]] < f.offs[f.order[b]] })
	f.objs = make([]*object, n)
	for j, i := range f.order {
		end := x[0]
		if j+1 < len(f.order) {
			end = f.offs[f.order[j+1]]
		}
		f.objs[i] = &object{start: f.offs[i], end: end}
	}
	return f, nil
}

// intObj is the value of object i when it is an integer.
func (f *qdfFile) intObj(i int) (int, bool) {
	if i <= 0 || i >= f.n || f.objs[i] == nil {
		return 0, false
	}
	b := f.qdf[f.objs[i].start:f.objs[i].end]
	fs := strings.Fields(string(b))
	if len(fs) >= 4 && fs[2] == "obj" {
		v, err := strconv.Atoi(fs[3])
		return v, err == nil
	}
	return 0, false
}

// readStreams finds the dictionary and data of every stream object; QDF
// gives each stream an indirect /Length.
func (f *qdfFile) readStreams() error {
	for _, o := range f.objs {
		if o == nil {
			continue
		}
		b := f.qdf[o.start:o.end]
		s := bytes.Index(b, []byte("\nstream\n"))
		eo := bytes.Index(b, []byte("endobj"))
		if s < 0 || (eo >= 0 && eo < s) {
			continue
		}
		o.dict = b[:s+1]
		m := reLenRef.FindSubmatch(o.dict)
		if m == nil {
			return fmt.Errorf("object at %d: stream without an indirect /Length", o.start)
		}
		li, _ := strconv.Atoi(string(m[1]))
		l, ok := f.intObj(li)
		if !ok || s+8+l > len(b) {
			return fmt.Errorf("object at %d: bad stream length", o.start)
		}
		o.data = b[s+8 : s+8+l]
	}
	return nil
}

// text is the text of object i: a stream's dictionary, or the whole
// object; nil for a free or out-of-range number.
func (f *qdfFile) text(i int) []byte {
	if i <= 0 || i >= f.n || f.objs[i] == nil {
		return nil
	}
	if f.objs[i].dict != nil {
		return f.objs[i].dict
	}
	return f.qdf[f.objs[i].start:f.objs[i].end]
}

// cipherToUnicode ciphers the ToUnicode maps the objects name (each
// once): it returns the original maps, which decode the strings of the
// content, and the new data of the maps that changed.
func (f *qdfFile) cipherToUnicode(c *Cipher, st *Stats) (map[int]*cmap, map[int][]byte) {
	cmaps := map[int]*cmap{}
	newData := map[int][]byte{}
	for i, o := range f.objs {
		if o == nil {
			continue
		}
		for _, m := range reToUni.FindAllSubmatch(f.text(i), -1) {
			j, _ := strconv.Atoi(string(m[1]))
			if _, done := cmaps[j]; done || j >= f.n || f.objs[j] == nil || f.objs[j].data == nil {
				continue
			}
			cmaps[j] = parseCMap(f.objs[j].data)
			nd, changed := cipherCMap(f.objs[j].data, c)
			if changed > 0 {
				newData[j] = nd
				st.CMaps++
				st.CMapEntries += changed
			}
		}
	}
	return cmaps, newData
}

// contentStreams are the content streams of object i: itself for a form
// XObject, the /Contents of a page (one reference or an array), none
// for other objects.
func (f *qdfFile) contentStreams(i int) []int {
	t := f.text(i)
	if f.objs[i].dict != nil && bytes.Contains(t, []byte("/Subtype /Form")) {
		return []int{i}
	}
	m := reContents.FindSubmatch(t)
	if m == nil || !bytes.Contains(t, []byte("/Type /Page")) {
		return nil
	}
	refs := m[1]
	if refs == nil {
		refs = m[2]
	} else {
		refs = append(append([]byte(nil), refs...), " 0 R"...)
	}
	var streams []int
	for _, r := range reRef.FindAllSubmatch(refs, -1) {
		j, _ := strconv.Atoi(string(r[1]))
		streams = append(streams, j)
	}
	return streams
}

// fontsOf gives the fonts of a page or form (its own resources or those
// it inherits from its parents): resource name → font, with its
// ToUnicode map from cmaps.
func (f *qdfFile) fontsOf(i int, cmaps map[int]*cmap) map[string]*font {
	res := dictEntry(f.text, f.text(i), "Resources")
	for depth := 0; res == nil && depth < 32; depth++ { // inherited
		p := refEntry(f.text(i), "Parent")
		if p == 0 {
			break
		}
		i = p
		res = dictEntry(f.text, f.text(i), "Resources")
	}
	fd := dictEntry(f.text, res, "Font")
	out := map[string]*font{}
	for _, m := range reNameRef.FindAllSubmatch(fd, -1) {
		j, _ := strconv.Atoi(string(m[2]))
		ft := f.text(j)
		fo := &font{cid: bytes.Contains(ft, []byte("/Type0"))}
		if t := refEntry(ft, "ToUnicode"); t > 0 {
			fo.cmap = cmaps[t]
			fo.toUni = true
		}
		out[string(m[1])] = fo
	}
	return out
}

// write writes the file again: header, objects in file order (streams
// with their new data, deflated when they had no filter and are over 64
// bytes, lengths direct), a new xref table and the trailer.
func (f *qdfFile) write(newData map[int][]byte) []byte {
	var out bytes.Buffer
	out.Write(f.qdf[:f.offs[f.order[0]]])
	newOffs := make([]int, f.n)
	for _, i := range f.order {
		o := f.objs[i]
		newOffs[i] = out.Len()
		if o.data == nil {
			out.Write(f.qdf[o.start:o.end])
			continue
		}
		data := o.data
		if nd, ok := newData[i]; ok {
			data = nd
		}
		dict := o.dict
		if !bytes.Contains(dict, []byte("/Filter")) && len(data) > 64 {
			var z bytes.Buffer
			zw, _ := zlib.NewWriterLevel(&z, zlib.BestSpeed)
			zw.Write(data)
			zw.Close()
			data = z.Bytes()
			dict = bytes.Replace(dict, []byte("/Length"), []byte("/Filter /FlateDecode\n  /Length"), 1)
		}
		dict = reLenRef.ReplaceAll(dict, []byte("/Length "+strconv.Itoa(len(data))))
		out.Write(dict)
		out.WriteString("stream\n")
		out.Write(data)
		out.WriteString("\nendstream\nendobj\n\n")
	}
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n", f.n)
	for i := 0; i < f.n; i++ {
		if f.objs[i] == nil {
			out.WriteString("0000000000 65535 f \n")
		} else {
			fmt.Fprintf(&out, "%010d 00000 n \n", newOffs[i])
		}
	}
	out.Write(f.trailer)
	fmt.Fprintf(&out, "startxref\n%d\n%%%%EOF\n", xref)
	return out.Bytes()
}

// utf16Hex decodes a ToUnicode destination; ok is false when it is not
// whole UTF-16 units.
func utf16Hex(h string) ([]uint16, bool) {
	if len(h) == 0 || len(h)%4 != 0 {
		return nil, false
	}
	u := make([]uint16, len(h)/4)
	for i := range u {
		v, err := strconv.ParseUint(h[4*i:4*i+4], 16, 16)
		if err != nil {
			return nil, false
		}
		u[i] = uint16(v)
	}
	return u, true
}

func hexUnits(u []uint16) string {
	var b strings.Builder
	for _, x := range u {
		fmt.Fprintf(&b, "%04X", x)
	}
	return b.String()
}

// mapUnits applies c to BMP letters; it reports whether one changed.
func (c *Cipher) mapUnits(u []uint16) ([]uint16, bool) {
	out := make([]uint16, len(u))
	changed := false
	for i, x := range u {
		out[i] = x
		if x >= 0xD800 && x < 0xE000 {
			continue
		}
		if r := c.Rune(rune(x)); r != rune(x) && r < 0x10000 {
			out[i] = uint16(r)
			changed = true
		}
	}
	return out, changed
}

// cipherCMap permutes the letter targets of a ToUnicode map; bfranges
// that hold a changed letter are written as arrays.
func cipherCMap(data []byte, c *Cipher) ([]byte, int) {
	changed := 0
	data = reBfchar.ReplaceAllFunc(data, func(blk []byte) []byte {
		return rePair.ReplaceAllFunc(blk, func(pair []byte) []byte {
			m := rePair.FindSubmatch(pair)
			u, ok := utf16Hex(string(m[2]))
			if !ok {
				return pair
			}
			if v, ch := c.mapUnits(u); ch {
				changed++
				return []byte("<" + string(m[1]) + "> <" + hexUnits(v) + ">")
			}
			return pair
		})
	})
	data = reBfrange.ReplaceAllFunc(data, func(blk []byte) []byte {
		return reRange.ReplaceAllFunc(blk, func(rg []byte) []byte {
			m := reRange.FindSubmatch(rg)
			lo, err1 := strconv.ParseUint(string(m[1]), 16, 32)
			hi, err2 := strconv.ParseUint(string(m[2]), 16, 32)
			if err1 != nil || err2 != nil || hi < lo || hi-lo > 255 {
				return rg
			}
			var dsts [][]uint16
			if m[4] != nil || m[3] == nil {
				for _, h := range reHex.FindAllSubmatch(m[4], -1) {
					u, ok := utf16Hex(string(h[1]))
					if !ok {
						return rg
					}
					dsts = append(dsts, u)
				}
			} else {
				u, ok := utf16Hex(string(m[3]))
				if !ok {
					return rg
				}
				for i := uint64(0); i <= hi-lo; i++ {
					v := append([]uint16(nil), u...)
					v[len(v)-1] += uint16(i)
					dsts = append(dsts, v)
				}
			}
			any := false
			for i, d := range dsts {
				if v, ch := c.mapUnits(d); ch {
					dsts[i] = v
					any = true
					changed++
				}
			}
			if !any {
				return rg
			}
			var b strings.Builder
			fmt.Fprintf(&b, "<%s> <%s> [", m[1], m[2])
			for i, d := range dsts {
				if i > 0 {
					b.WriteByte(' ')
				}
				b.WriteString("<" + hexUnits(d) + ">")
			}
			b.WriteString("]")
			return []byte(b.String())
		})
	})
	return data, changed
}

// cmap is a decoded ToUnicode map for finding symbols.
type cmap struct {
	width int // code bytes
	dec   map[uint32]rune
	enc   map[rune]uint32 // digits only
}

func parseCMap(data []byte) *cmap {
	cm := &cmap{dec: map[uint32]rune{}, enc: map[rune]uint32{}}
	add := func(code uint64, w int, u []uint16) {
		cm.width = w
		if len(u) != 1 {
			return
		}
		r := rune(u[0])
		cm.dec[uint32(code)] = r
		if r >= '0' && r <= '9' {
			if _, ok := cm.enc[r]; !ok {
				cm.enc[r] = uint32(code)
			}
		}
	}
	for _, blk := range reBfchar.FindAll(data, -1) {
		for _, m := range rePair.FindAllSubmatch(blk, -1) {
			code, err := strconv.ParseUint(string(m[1]), 16, 32)
			u, ok := utf16Hex(string(m[2]))
			if err == nil && ok {
				add(code, len(m[1])/2, u)
			}
		}
	}
	for _, blk := range reBfrange.FindAll(data, -1) {
		for _, m := range reRange.FindAllSubmatch(blk, -1) {
			lo, err1 := strconv.ParseUint(string(m[1]), 16, 32)
			hi, err2 := strconv.ParseUint(string(m[2]), 16, 32)
			if err1 != nil || err2 != nil || hi < lo || hi-lo > 255 {
				continue
			}
			if m[3] != nil {
				u, ok := utf16Hex(string(m[3]))
				if !ok {
					continue
				}
				for i := uint64(0); i <= hi-lo; i++ {
					v := append([]uint16(nil), u...)
					v[len(v)-1] += uint16(i)
					add(lo+i, len(m[1])/2, v)
				}
			} else {
				for i, h := range reHex.FindAllSubmatch(m[4], -1) {
					if u, ok := utf16Hex(string(h[1])); ok {
						add(lo+uint64(i), len(m[1])/2, u)
					}
				}
			}
		}
	}
	if cm.width < 1 || cm.width > 2 || len(cm.dec) == 0 {
		return nil
	}
	return cm
}

// str is a string operand of a content stream.
type str struct {
	start, end int    // bytes in the stream, delimiters included
	raw        []byte // its bytes, escapes resolved
	hex        bool
}

// rewriteContent changes the strings shown by text operators: lowercase
// bytes of literal strings by c (when literal), and the digits of
// symbol-like operands.
func rewriteContent(data []byte, c *Cipher, fonts map[string]*font) ([]byte, int, int) {
	w := contentRewriter{c: c, fonts: fonts}
	i := 0
	for i < len(data) {
		ch := data[i]
		switch {
		case ch == '%':
			for i < len(data) && data[i] != '\n' && data[i] != '\r' {
				i++
			}
		case ch == '(':
			s, next := readLiteral(data, i)
			w.operands = append(w.operands, s)
			i = next
		case ch == '<' && i+1 < len(data) && data[i+1] == '<':
			i += 2
		case ch == '>' && i+1 < len(data) && data[i+1] == '>':
			i += 2
		case ch == '<':
			s, next, ok := readHexString(data, i)
			if !ok {
				return data, 0, 0
			}
			w.operands = append(w.operands, s)
			i = next
		case ch == '[' || ch == ']' || ch == '{' || ch == '}' || ch == '/' || isSpace(ch) || ch == ')' || ch == '>':
			if ch == '/' {
				i++
				j := i
				for i < len(data) && !isDelim(data[i]) {
					i++
				}
				w.name = string(data[j:i])
				continue
			}
			i++
		default:
			j := i
			for j < len(data) && !isDelim(data[j]) {
				j++
			}
			if j == i {
				j++
			}
			tok := string(data[i:j])
			i = j
			if tok == "ID" { // inline image: skip its data to EI
				next, ok := skipInlineImage(data, i)
				if !ok {
					return data, 0, 0
				}
				i = next
				w.operands = w.operands[:0]
				continue
			}
			if isOperandToken(tok) {
				continue
			}
			w.operator(tok)
		}
	}
	if len(w.repls) == 0 {
		return data, 0, 0
	}
	return applyReplacements(data, w.repls), w.nStr, w.nSym
}

// contentRewriter is the state of rewriteContent: the operands read, the
// current font (saved and restored by q and Q), and the replacements of
// the strings shown.
type contentRewriter struct {
	c          *Cipher
	fonts      map[string]*font
	operands   []str
	name       string // the last name read
	cur        *font
	stack      []*font
	repls      []replacement
	nStr, nSym int
}

// replacement is a string of a content stream and what replaces it.
type replacement struct {
	start, end int
	with       []byte
}

// operator runs operator tok on the operands read: Tf sets the font, q
// and Q save and restore it, text-showing operators in a known font
// have their strings ciphered (showOp).
func (w *contentRewriter) operator(tok string) {
	switch tok {
	case "Tf":
		w.cur = w.fonts[w.name]
	case "q":
		w.stack = append(w.stack, w.cur)
	case "Q":
		if len(w.stack) > 0 {
			w.cur = w.stack[len(w.stack)-1]
			w.stack = w.stack[:len(w.stack)-1]
		}
	}
	if (tok == "Tj" || tok == "TJ" || tok == "'" || tok == "\"") && w.cur != nil {
		out, sym := w.c.showOp(w.operands, w.cur)
		if sym {
			w.nSym++
		}
		for k, s := range out {
			if s != nil {
				w.nStr++
				w.repls = append(w.repls, replacement{w.operands[k].start, w.operands[k].end, s})
			}
		}
	}
	w.operands = w.operands[:0]
}

// isOperandToken reports a number, boolean or null token (an operand,
// not an operator).
func isOperandToken(tok string) bool {
	return (tok[0] >= '0' && tok[0] <= '9') || tok[0] == '-' || tok[0] == '+' || tok[0] == '.' || tok == "true" || tok == "false" || tok == "null"
}

// readHexString reads the hex string at data[i] ('<'): its bytes (other
// characters than hex digits ignored, an odd last digit followed by 0)
// and the index after it; ok is false when it is not closed.
func readHexString(data []byte, i int) (s str, next int, ok bool) {
	j := bytes.IndexByte(data[i:], '>')
	if j < 0 {
		return str{}, 0, false
	}
	h := bytes.Map(func(r rune) rune {
		if strings.ContainsRune("0123456789abcdefABCDEF", r) {
			return r
		}
		return -1
	}, data[i+1:i+j])
	if len(h)%2 == 1 {
		h = append(h, '0')
	}
	raw := make([]byte, len(h)/2)
	for k := range raw {
		v, _ := strconv.ParseUint(string(h[2*k:2*k+2]), 16, 8)
		raw[k] = byte(v)
	}
	return str{start: i, end: i + j + 1, raw: raw, hex: true}, i + j + 1, true
}

// skipInlineImage skips the data of an inline image that starts at
// data[i] (after ID): to after the first EI with white space before it
// and a delimiter (or the end) after it; ok is false without one.
func skipInlineImage(data []byte, i int) (next int, ok bool) {
	k := bytes.Index(data[i:], []byte("EI"))
	for k >= 0 && !(isSpace(data[i+k-1]) && (i+k+2 >= len(data) || isDelim(data[i+k+2]))) {
		k2 := bytes.Index(data[i+k+2:], []byte("EI"))
		if k2 < 0 {
			k = -1
			break
		}
		k += 2 + k2
	}
	if k < 0 {
		return 0, false
	}
	return i + k + 2, true
}

// applyReplacements writes data with the replacements (in order, not
// overlapping) made.
func applyReplacements(data []byte, repls []replacement) []byte {
	var b bytes.Buffer
	last := 0
	for _, r := range repls {
		b.Write(data[last:r.start])
		b.Write(r.with)
		last = r.end
	}
	b.Write(data[last:])
	return b.Bytes()
}

// font is what a content stream's font resource tells.
type font struct {
	cid   bool  // Type0: multi-byte codes
	toUni bool  // has a ToUnicode map
	cmap  *cmap // that map, parsed (nil when unreadable)
}

// showOp returns the new form of each string operand of a text-showing
// operator in font f (nil: unchanged) and whether the operand was a
// symbol. With a ToUnicode map only symbol digits change (the map
// ciphers the words); a simple font without one has its lowercase bytes
// ciphered; a Type0 font without one is left alone.
func (c *Cipher) showOp(ops []str, f *font) ([][]byte, bool) {
	out := make([][]byte, len(ops))
	if f.toUni && f.cmap == nil || !f.toUni && f.cid {
		return out, false
	}
	var text strings.Builder
	for _, s := range ops {
		if f.cmap != nil {
			t, _ := f.cmap.decode(s.raw)
			text.WriteString(t)
		} else {
			for _, b := range s.raw {
				text.WriteRune(rune(b))
			}
		}
	}
	isSym := reSymbol.MatchString(text.String())
	for k, s := range ops {
		raw := s.raw
		changed := false
		if f.cmap == nil {
			nb := make([]byte, len(raw))
			for j, b := range raw {
				nb[j] = c.bytes[b]
				if isSym && b >= '0' && b <= '9' {
					nb[j] = c.digits[b-'0']
				}
				changed = changed || nb[j] != b
			}
			raw = nb
		} else if isSym {
			raw, changed = f.cmap.shiftDigits(raw, c)
		}
		if changed {
			out[k] = []byte("<" + fmt.Sprintf("%X", raw) + ">")
		}
	}
	return out, isSym
}

// decode returns the text of raw and whether the map knew every code.
func (cm *cmap) decode(raw []byte) (string, bool) {
	var b strings.Builder
	all := len(raw)%cm.width == 0
	for i := 0; i+cm.width <= len(raw); i += cm.width {
		code := uint32(raw[i])
		if cm.width == 2 {
			code = code<<8 | uint32(raw[i+1])
		}
		if r, ok := cm.dec[code]; ok {
			b.WriteRune(r)
		} else {
			all = false
		}
	}
	return b.String(), all
}

func (cm *cmap) shiftDigits(raw []byte, c *Cipher) ([]byte, bool) {
	out := append([]byte(nil), raw...)
	changed := false
	for i := 0; i+cm.width <= len(out); i += cm.width {
		code := uint32(out[i])
		if cm.width == 2 {
			code = code<<8 | uint32(out[i+1])
		}
		r, ok := cm.dec[code]
		if !ok || r < '0' || r > '9' {
			continue
		}
		to, ok := cm.enc[rune(c.digits[r-'0'])]
		if !ok || to == code {
			continue
		}
		if cm.width == 2 {
			out[i], out[i+1] = byte(to>>8), byte(to)
		} else {
			out[i] = byte(to)
		}
		changed = true
	}
	return out, changed
}

// refEntry is N of "/key N 0 R" in a dictionary's text, or 0.
func refEntry(dict []byte, key string) int {
	m := regexp.MustCompile(`/` + key + `\s+(\d+) 0 R`).FindSubmatch(dict)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// dictEntry is the dictionary value of key in dict: inline (<< … >>,
// balanced) or the text of the object it refers to; nil when absent.
func dictEntry(text func(int) []byte, dict []byte, key string) []byte {
	if dict == nil {
		return nil
	}
	if n := refEntry(dict, key); n > 0 {
		return text(n)
	}
	i := bytes.Index(dict, []byte("/"+key))
	for i >= 0 {
		j := i + 1 + len(key)
		if j < len(dict) && isDelim(dict[j]) {
			break
		}
		k := bytes.Index(dict[j:], []byte("/"+key))
		if k < 0 {
			return nil
		}
		i = j + k
	}
	if i < 0 {
		return nil
	}
	j := i + 1 + len(key)
	for j < len(dict) && isSpace(dict[j]) {
		j++
	}
	if !bytes.HasPrefix(dict[j:], []byte("<<")) {
		return nil
	}
	depth := 0
	for k := j; k+1 < len(dict); k++ {
		switch {
		case dict[k] == '<' && dict[k+1] == '<':
			depth++
			k++
		case dict[k] == '>' && dict[k+1] == '>':
			depth--
			k++
			if depth == 0 {
				return dict[j : k+1]
			}
		}
	}
	return nil
}

func isSpace(b byte) bool {
	return b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == '\f' || b == 0
}

func isDelim(b byte) bool {
	return isSpace(b) || strings.IndexByte("()<>[]{}/%", b) >= 0
}

// readLiteral reads the literal string at data[i] == '('.
func readLiteral(data []byte, i int) (str, int) {
	s := str{start: i}
	depth := 0
	j := i
	for j < len(data) {
		b := data[j]
		switch {
		case b == '\\' && j+1 < len(data):
			j++
			e := data[j]
			switch e {
			case 'n':
				s.raw = append(s.raw, '\n')
			case 'r':
				s.raw = append(s.raw, '\r')
			case 't':
				s.raw = append(s.raw, '\t')
			case 'b':
				s.raw = append(s.raw, '\b')
			case 'f':
				s.raw = append(s.raw, '\f')
			case '\r', '\n':
				if e == '\r' && j+1 < len(data) && data[j+1] == '\n' {
					j++
				}
			default:
				if e >= '0' && e <= '7' {
					v := 0
					k := 0
					for k < 3 && j < len(data) && data[j] >= '0' && data[j] <= '7' {
						v = v*8 + int(data[j]-'0')
						j++
						k++
					}
					j--
					s.raw = append(s.raw, byte(v))
				} else {
					s.raw = append(s.raw, e)
				}
			}
		case b == '(':
			if depth > 0 {
				s.raw = append(s.raw, b)
			}
			depth++
		case b == ')':
			depth--
			if depth == 0 {
				s.end = j + 1
				return s, j + 1
			}
			s.raw = append(s.raw, b)
		default:
			s.raw = append(s.raw, b)
		}
		j++
	}
	s.end = len(data)
	return s, len(data)
}
