package reader

import (
	"bytes"
	"strconv"
)

// The object tokenizer: PDF object syntax (numbers, strings, names,
// arrays, dictionaries, references, keywords) read from raw file bytes
// with the primitives of the content-stream tokenizer (pdf_lexer.go:
// literalString, decodeHex, parseDecimal). Decryption (decrypt.go),
// repair (repair.go) and the checks made before the PDF library reads a
// file (limits.go, pdf_xref.go) read dictionaries with it, so that a key
// inside a string, a comment, a nested dictionary or a name written with
// #xx escapes is seen as a PDF reader sees it. Parsing is bounded (depth,
// number of values) and never panics: malformed input ends the value
// being read.

type objKind uint8

const (
	objNone objKind = iota // missing or malformed
	objNull
	objBool
	objNum
	objStr
	objName
	objArray
	objDict
	objRef
	objKeyword
)

// pdfObj is one parsed value. start and end are its span in the bytes
// parsed (for a reference, from the object number to "R").
type pdfObj struct {
	kind  objKind
	num   float64
	isInt bool
	str   string // string bytes, name (escapes decoded), keyword
	ref   [2]int // object and generation numbers
	arr   []pdfObj
	keys  []string // dictionary keys in source order
	vals  []pdfObj
	start int
	end   int
}

// key returns the value of entry k of a dictionary (objNone when o is
// not a dictionary or has no such entry): the last one when the key is
// repeated, as the PDF library reads it.
func (o pdfObj) key(k string) pdfObj {
	for i := len(o.keys) - 1; i >= 0; i-- {
		if o.keys[i] == k {
			return o.vals[i]
		}
	}
	return pdfObj{}
}

// all returns the values of every entry k of a dictionary, for checks
// that must hold whichever one a reader takes.
func (o pdfObj) all(k string) []pdfObj {
	var out []pdfObj
	for i, s := range o.keys {
		if s == k {
			out = append(out, o.vals[i])
		}
	}
	return out
}

// intValue returns the value of an integer.
func (o pdfObj) intValue() (int, bool) {
	if o.kind != objNum || !o.isInt {
		return 0, false
	}
	return int(o.num), true
}

// name returns the name o is, or "".
func (o pdfObj) name() string {
	if o.kind != objName {
		return ""
	}
	return o.str
}

// names returns a name, or the names of an array, as a /Filter holds.
func (o pdfObj) names() []string {
	switch o.kind {
	case objName:
		return []string{o.str}
	case objArray:
		var out []string
		for _, e := range o.arr {
			out = append(out, e.name())
		}
		return out
	}
	return nil
}

// maxObjValues bounds the values one parse reads (a hostile array of
// millions of elements) and maxObjDepth the nesting of arrays and
// dictionaries.
const (
	maxObjValues = 1 << 16
	maxObjDepth  = 32
)

type tkKind uint8

const (
	tkEOF tkKind = iota
	tkNum
	tkStr
	tkName
	tkDictOpen
	tkDictClose
	tkArrOpen
	tkArrClose
	tkKeyword
	tkStray // a delimiter out of place: ) > { }
)

// objParser reads PDF objects from b starting at i.
type objParser struct {
	b      []byte
	i      int
	values int
}

type token struct {
	kind       tkKind
	start, end int
	num        float64
	isInt      bool
	str        string
}

// next reads one token.
func (p *objParser) next() token {
	p.i = skipSpace(p.b, p.i)
	b := p.b
	t := token{start: p.i}
	if p.i >= len(b) {
		t.kind = tkEOF
		t.end = p.i
		return t
	}
	c := b[p.i]
	switch {
	case c == '(':
		s, n, _ := literalString(b[p.i:])
		p.i += n
		t.kind, t.str = tkStr, string(s)
	case c == '<' && p.i+1 < len(b) && b[p.i+1] == '<':
		p.i += 2
		t.kind = tkDictOpen
	case c == '>' && p.i+1 < len(b) && b[p.i+1] == '>':
		p.i += 2
		t.kind = tkDictClose
	case c == '<':
		s, n := decodeHex(b[p.i+1:])
		p.i = min(len(b), p.i+n+2)
		t.kind, t.str = tkStr, string(s)
	case c == '[':
		p.i++
		t.kind = tkArrOpen
	case c == ']':
		p.i++
		t.kind = tkArrClose
	case c == '/':
		p.i++
		s := p.i
		for p.i < len(b) && !isPDFSpaceOrDelim(b[p.i]) {
			p.i++
		}
		t.kind, t.str = tkName, decodeName(b[s:p.i])
	case c == ')' || c == '>' || c == '{' || c == '}':
		p.i++
		t.kind = tkStray
	default:
		s := p.i
		for p.i < len(b) && !isPDFSpaceOrDelim(b[p.i]) {
			p.i++
		}
		w := b[s:p.i]
		if len(w) == 0 { // a delimiter isPDFSpaceOrDelim knows and the cases above do not
			p.i++
			t.kind = tkStray
			break
		}
		if w[0] >= '0' && w[0] <= '9' || w[0] == '-' || w[0] == '+' || w[0] == '.' {
			t.kind = tkNum
			t.num = parseNumber(w)
			t.isInt = bytes.IndexByte(w, '.') < 0 && allDigits(bytes.TrimLeft(w, "+-"))
			break
		}
		t.kind, t.str = tkKeyword, string(w)
	}
	t.end = p.i
	return t
}

// decodeName decodes the #xx escapes of a name.
func decodeName(b []byte) string {
	if bytes.IndexByte(b, '#') < 0 {
		return string(b)
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] == '#' && i+2 < len(b) && isHex(b[i+1]) && isHex(b[i+2]) {
			v, _ := strconv.ParseUint(string(b[i+1:i+3]), 16, 8)
			out = append(out, byte(v))
			i += 2
			continue
		}
		out = append(out, b[i])
	}
	return string(out)
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// value reads one value. A keyword other than true, false and null is
// returned as objKeyword (the caller decides: "stream", "endobj"…); a
// closing delimiter or the end of input gives objNone without consuming
// it.
func (p *objParser) value(depth int) pdfObj {
	if p.values >= maxObjValues || depth > maxObjDepth {
		return pdfObj{start: p.i, end: p.i}
	}
	p.values++
	save := p.i
	t := p.next()
	for t.kind == tkStray {
		t = p.next() // a stray delimiter: ignored, as content streams do
	}
	o := pdfObj{start: t.start, end: t.end}
	switch t.kind {
	case tkNum:
		o.kind, o.num, o.isInt = objNum, t.num, t.isInt
		if t.isInt && t.num >= 0 {
			// "N G R"
			after := p.i
			g := p.next()
			if g.kind == tkNum && g.isInt && g.num >= 0 {
				if r := p.next(); r.kind == tkKeyword && r.str == "R" {
					o.kind, o.ref, o.end = objRef, [2]int{int(t.num), int(g.num)}, r.end
					return o
				}
			}
			p.i = after
		}
	case tkStr:
		o.kind, o.str = objStr, t.str
	case tkName:
		o.kind, o.str = objName, t.str
	case tkKeyword:
		switch t.str {
		case "true":
			o.kind, o.num = objBool, 1
		case "false":
			o.kind = objBool
		case "null":
			o.kind = objNull
		default:
			o.kind, o.str = objKeyword, t.str
		}
	case tkArrOpen:
		o.kind = objArray
		for {
			e := p.value(depth + 1)
			if e.kind == objKeyword {
				p.i = e.start // an operator inside an array: malformed, end it here
				break
			}
			if e.kind == objNone {
				if t := p.next(); t.kind != tkArrClose {
					p.i = t.start // ">>" or the end
				}
				break
			}
			o.arr = append(o.arr, e)
		}
		o.end = p.i
	case tkDictOpen:
		o.kind = objDict
		for {
			k := p.next()
			if k.kind == tkDictClose {
				break
			}
			if k.kind == tkEOF || k.kind == tkKeyword || k.kind == tkArrClose {
				p.i = k.start // "stream", "endobj" or the end: the dictionary ends
				break
			}
			if k.kind != tkName {
				continue // a value without a key: skipped
			}
			v := p.value(depth + 1)
			if v.kind == objKeyword {
				p.i = v.start
				break
			}
			if v.kind == objNone {
				continue // a key without a value (">>" follows): dropped
			}
			o.keys = append(o.keys, k.str)
			o.vals = append(o.vals, v)
		}
		o.end = p.i
	default:
		p.i = save
		return pdfObj{start: save, end: save}
	}
	return o
}

// parseObject parses the value at the start of b.
func parseObject(b []byte) pdfObj {
	p := &objParser{b: b}
	return p.value(0)
}

// parseDictAfter parses the value that follows the first occurrence of
// keyword (as in "trailer <<…>>") in b; objNone when there is none.
func parseDictAfter(b []byte, keyword string) pdfObj {
	k := bytes.Index(b, []byte(keyword))
	if k < 0 {
		return pdfObj{}
	}
	return parseObject(b[k+len(keyword):])
}

// indirectObject parses the indirect object whose header ("N G obj")
// starts at off in data: its value, and the offset just after the value
// (where "stream" or "endobj" follows). The value is read from a window
// of at most maxWindow bytes.
func indirectObject(data []byte, off, maxWindow int) (v pdfObj, end int) {
	if off < 0 || off >= len(data) {
		return pdfObj{}, off
	}
	win := data[off:min(len(data), off+maxWindow)]
	at := afterObjHeader(win)
	if at < 0 {
		return pdfObj{}, off
	}
	p := &objParser{b: win, i: at}
	v = p.value(0)
	return v, off + p.i
}

// afterObjHeader returns the offset just after the object header
// "N G obj" that b starts with (after white space), or -1.
func afterObjHeader(b []byte) int {
	p := &objParser{b: b}
	for range 2 {
		if t := p.next(); t.kind != tkNum || !t.isInt {
			return -1
		}
	}
	if t := p.next(); t.kind != tkKeyword || t.str != "obj" {
		return -1
	}
	return p.i
}

// objectDict returns the dictionary of the indirect object at off (that
// of its stream when it is one), read from at most 64 KiB.
func objectDict(data []byte, off int) pdfObj {
	v, _ := indirectObject(data, off, 1<<16)
	if v.kind != objDict {
		return pdfObj{}
	}
	return v
}

// objHead is an object header "N G obj" found in raw bytes: the object
// and generation numbers, the offset of the object number and the offset
// just after "obj".
type objHead struct {
	id, gen   int
	off, body int
}

// objHeads finds the object headers of data: "N G obj" with N of 1 to 10
// digits preceded by white space or the start of data, G of 1 to 5
// digits, and "obj" not followed by a letter, digit or '_'. Repair scans
// for headers rather than tokenizing the file from its start: in damaged
// bytes an unbalanced '(' would make a tokenizer swallow the objects that
// follow it.
func objHeads(data []byte) []objHead {
	var out []objHead
	for pos := 0; ; {
		k := bytes.Index(data[pos:], []byte("obj"))
		if k < 0 {
			return out
		}
		at := pos + k
		pos = at + 3
		if h, ok := objHeadBefore(data, at); ok {
			out = append(out, h)
		}
	}
}

// objHeadBefore reads the header whose "obj" keyword is at at.
func objHeadBefore(data []byte, at int) (objHead, bool) {
	if j := at + 3; j < len(data) && isWordByte(data[j]) {
		return objHead{}, false
	}
	digitsBack := func(end int) int {
		i := end
		for i > 0 && data[i-1] >= '0' && data[i-1] <= '9' {
			i--
		}
		return i
	}
	spacesBack := func(end int) int {
		i := end
		for i > 0 && isPDFWhite(data[i-1]) {
			i--
		}
		return i
	}
	ge := spacesBack(at)
	if ge == at {
		return objHead{}, false
	}
	gs := digitsBack(ge)
	if gs == ge || ge-gs > 5 {
		return objHead{}, false
	}
	ie := spacesBack(gs)
	if ie == gs {
		return objHead{}, false
	}
	is := digitsBack(ie)
	if is == ie || ie-is > 10 || (is > 0 && !isPDFWhite(data[is-1])) {
		return objHead{}, false
	}
	id, _ := strconv.Atoi(string(data[is:ie]))
	gen, _ := strconv.Atoi(string(data[gs:ge]))
	return objHead{id: id, gen: gen, off: is, body: at + 3}, true
}

func isWordByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}
