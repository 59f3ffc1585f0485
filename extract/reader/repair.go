package reader

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strconv"

	"github.com/ledongthuc/pdf"
)

// repairPDF rebuilds the byte stream of a PDF whose header, end marker or
// cross-reference data the library rejects: it drops bytes before the
// %PDF- header, normalizes the header line, and appends a fresh
// cross-reference section found by scanning for "N G obj" (the last
// definition of each object wins, as in an incremental update) and by
// reading the headers of object streams, with a trailer pointing at the
// catalog. When objects live in object streams the new section is an
// uncompressed cross-reference stream (the only form that can point into
// object streams), otherwise a classic table. It returns nil when
// nothing can be done.
func repairPDF(data []byte) []byte {
	i := bytes.Index(data, []byte("%PDF-"))
	if i < 0 {
		return nil
	}
	d := append([]byte(nil), data[i:]...)
	// the library wants "%PDF-1.x" followed by an end of line
	if len(d) < 9 {
		return nil
	}
	if !(d[5] == '1' && d[6] == '.' && d[7] >= '0' && d[7] <= '7') {
		copy(d[5:8], "1.7")
	}
	if d[8] != '\r' && d[8] != '\n' {
		d[8] = '\n'
	}
	offsets := map[int]int{}
	gens := map[int]int{}
	maxID := 0
	for _, h := range objHeads(d) {
		if h.id <= 0 || h.id > 10_000_000 {
			continue
		}
		offsets[h.id] = h.off
		gens[h.id] = h.gen
		maxID = max(maxID, h.id)
	}
	if len(offsets) == 0 {
		return nil
	}
	extra := ""
	encrypted := false
	if k := bytes.LastIndex(d, []byte("trailer")); k >= 0 {
		// the entries of the last trailer that the new one keeps
		src := d[k+len("trailer"):]
		t := parseObject(src)
		for _, key := range []string{"Encrypt", "ID", "Info"} {
			if v := t.key(key); v.kind == objRef || v.kind == objArray || v.kind == objDict {
				extra += " /" + key + " " + string(src[v.start:v.end])
				encrypted = encrypted || key == "Encrypt"
			}
		}
	}
	root, rootID := "", 0
	setRoot := func(id, gen int) {
		if root == "" || id > rootID {
			root, rootID = fmt.Sprintf("%d %d R", id, gen), id
		}
	}
	// the catalog: the last object whose dictionary has /Type /Catalog
	compressed := map[int]inStm{}
	for id, off := range offsets {
		dict := objectDict(d, off)
		if dict.key("Type").name() == "Catalog" {
			setRoot(id, gens[id])
		}
		if encrypted || dict.key("Type").name() != "ObjStm" {
			continue
		}
		// an object stream: list its objects (and look for the catalog)
		objs, texts := readObjStm(d, off, offsets)
		for k, oid := range objs {
			if oid <= 0 || oid > 10_000_000 {
				continue
			}
			if _, direct := offsets[oid]; !direct {
				if _, dup := compressed[oid]; !dup || id > compressed[oid].stm {
					compressed[oid] = inStm{id, k}
				}
				if oid > maxID {
					maxID = oid
				}
			}
			if parseObject(texts[k]).key("Type").name() == "Catalog" {
				setRoot(oid, 0)
			}
		}
	}
	if root == "" {
		return nil
	}
	var b bytes.Buffer
	b.Write(d)
	b.WriteString("\n")
	appendXref(&b, offsets, gens, compressed, maxID, " /Root "+root+extra)
	return b.Bytes()
}

// inStm is where an object lives in an object stream: the stream's
// object number and the object's index in it.
type inStm struct{ stm, idx int }

// appendXref appends to b a cross-reference section for objects 0 to
// maxID (at offsets, with generations gens, or compressed in object
// streams) followed by startxref: a classic table and a trailer holding
// the entries extra, or, when objects live in object streams, an
// uncompressed cross-reference stream (entries of 1 + 4 + 2 bytes; the
// stream itself is object maxID+1) holding them.
func appendXref(b *bytes.Buffer, offsets, gens map[int]int, compressed map[int]inStm, maxID int, extra string) {
	xrefAt := b.Len()
	if len(compressed) == 0 {
		fmt.Fprintf(b, "xref\n0 %d\n0000000000 65535 f \n", maxID+1)
		for id := 1; id <= maxID; id++ {
			if off, ok := offsets[id]; ok {
				fmt.Fprintf(b, "%010d %05d n \n", off, gens[id])
			} else {
				b.WriteString("0000000000 65535 f \n")
			}
		}
		fmt.Fprintf(b, "trailer\n<< /Size %d%s >>\nstartxref\n%d\n%%%%EOF\n", maxID+1, extra, xrefAt)
		return
	}
	self := maxID + 1
	rows := make([]byte, 0, 7*(self+1))
	row := func(t byte, f2 uint32, f3 uint16) {
		var e [7]byte
		e[0] = t
		binary.BigEndian.PutUint32(e[1:], f2)
		binary.BigEndian.PutUint16(e[5:], f3)
		rows = append(rows, e[:]...)
	}
	for id := 0; id <= self; id++ {
		switch {
		case id == self:
			row(1, uint32(xrefAt), 0)
		case offsets[id] > 0:
			row(1, uint32(offsets[id]), uint16(gens[id]))
		case compressed[id].stm > 0:
			row(2, uint32(compressed[id].stm), uint16(compressed[id].idx))
		default:
			row(0, 0, 65535)
		}
	}
	fmt.Fprintf(b, "%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2]%s /Length %d >>\nstream\n", self, self+1, extra, len(rows))
	b.Write(rows)
	fmt.Fprintf(b, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", xrefAt)
}

// streamLength returns the /Length of a stream dictionary, following an
// indirect length to the object defined at offsets[id] in d; -1 when
// there is none.
func streamLength(d []byte, dict pdfObj, offsets map[int]int) int {
	l := dict.key("Length")
	if l.kind == objRef {
		off, ok := offsets[l.ref[0]]
		if !ok {
			return -1
		}
		l, _ = indirectObject(d, off, 64)
	}
	if n, ok := l.intValue(); ok && n >= 0 {
		return n
	}
	return -1
}

// streamStart returns the offset of the data of the stream whose
// dictionary ends at end (before the "stream" keyword), or -1.
func streamStart(d []byte, end int) int {
	p := &objParser{b: d, i: end}
	if t := p.next(); t.kind != tkKeyword || t.str != "stream" {
		return -1
	}
	start := p.i
	if start < len(d) && d[start] == '\r' {
		start++
	}
	if start < len(d) && d[start] == '\n' {
		start++
	}
	return start
}

// readObjStm decodes the object stream defined at off and returns the
// numbers of the objects it holds and the text of each.
func readObjStm(d []byte, off int, offsets map[int]int) ([]int, [][]byte) {
	dict, end := indirectObject(d, off, 1<<16)
	if dict.kind != objDict {
		return nil, nil
	}
	start := streamStart(d, end)
	if start < 0 {
		return nil, nil
	}
	n := streamLength(d, dict, offsets)
	if n < 0 || start+n > len(d) {
		e := bytes.Index(d[start:], []byte("endstream"))
		if e < 0 {
			return nil, nil
		}
		n = e
	}
	raw := d[start : start+n]
	for _, f := range dict.key("Filter").names() {
		var err error
		if raw, err = decodeFilter(f, pdf.Value{}, raw, 64<<20); err != nil || raw == nil {
			return nil, nil // filters with parameters (predictors) are not followed here
		}
	}
	first, _ := dict.key("First").intValue()
	count, _ := dict.key("N").intValue()
	if first <= 0 || first > len(raw) || count <= 0 {
		return nil, nil
	}
	fields := bytes.Fields(raw[:first])
	var ids, offs []int
	for i := 0; i+1 < len(fields) && len(ids) < count; i += 2 {
		ids = append(ids, v2i(fields[i]))
		offs = append(offs, v2i(fields[i+1]))
	}
	texts := make([][]byte, len(ids))
	for i := range ids {
		s := first + offs[i]
		e := len(raw)
		if i+1 < len(offs) {
			e = first + offs[i+1]
		}
		if s >= 0 && s <= e && e <= len(raw) {
			texts[i] = raw[s:min(e, s+4096)]
		}
	}
	return ids, texts
}

func v2i(b []byte) int {
	n, err := strconv.Atoi(string(b))
	if err != nil {
		return -1
	}
	return n
}
