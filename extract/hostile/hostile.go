// Package hostile writes hostile and broken PDF files for tests: each
// function builds the bytes of one class of attack on a PDF reader
// (issue #11 and the limits of extract), and Corpus writes a folder of
// them with what a build must say about each. Only tests use it.
package hostile

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"strings"
)

// Builder writes a PDF whose objects are numbered from 1 in the order
// they are added; object 1 must be the catalog.
type Builder struct {
	Objs [][]byte
}

// Add appends an object and returns its number.
func (b *Builder) Add(body string) int {
	b.Objs = append(b.Objs, []byte(body))
	return len(b.Objs)
}

// Set replaces object n (1-based), growing the list with nulls.
func (b *Builder) Set(n int, body string) {
	for len(b.Objs) < n {
		b.Objs = append(b.Objs, []byte("null"))
	}
	b.Objs[n-1] = []byte(body)
}

// Stream returns the body of a stream object with dictionary entries
// extra.
func Stream(extra string, data []byte) string {
	return fmt.Sprintf("<< /Length %d %s >>\nstream\n%s\nendstream", len(data), extra, data)
}

// Flate compresses data with zlib.
func Flate(data []byte) []byte {
	var buf bytes.Buffer
	w := newZ(&buf)
	w.Write(data)
	w.Close()
	return buf.Bytes()
}

func newZ(buf *bytes.Buffer) *zlib.Writer {
	w, _ := zlib.NewWriterLevel(buf, zlib.BestCompression)
	return w
}

func (b *Builder) body(out *bytes.Buffer) []int {
	out.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	offs := make([]int, len(b.Objs))
	for i, o := range b.Objs {
		offs[i] = out.Len()
		fmt.Fprintf(out, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	return offs
}

// Bytes returns the file with a cross-reference table; trailer holds
// extra trailer entries.
func (b *Builder) Bytes(trailer string) []byte {
	var out bytes.Buffer
	offs := b.body(&out)
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", len(b.Objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&out, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&out, "trailer\n<< /Size %d /Root 1 0 R %s >>\nstartxref\n%d\n%%%%EOF\n", len(b.Objs)+1, trailer, xref)
	return out.Bytes()
}

// XrefEntry is a row of a cross-reference stream: Type 1 (Field is the
// offset) or 2 (Field is the object stream's number, Index the index in
// it).
type XrefEntry struct {
	Type, Field, Index int
}

// BytesXrefStream returns the file with a cross-reference stream: the
// objects added (type 1 entries) followed by extra entries (numbered
// after them), then the stream itself. dict adds dictionary entries.
func (b *Builder) BytesXrefStream(dict string, extra ...XrefEntry) []byte {
	var out bytes.Buffer
	offs := b.body(&out)
	xref := out.Len()
	var rows bytes.Buffer
	row := func(t, f, i int) {
		rows.Write([]byte{byte(t), byte(f >> 24), byte(f >> 16), byte(f >> 8), byte(f), byte(i >> 8), byte(i)})
	}
	row(0, 0, 0xffff)
	for _, o := range offs {
		row(1, o, 0)
	}
	for _, e := range extra {
		row(e.Type, e.Field, e.Index)
	}
	self := len(offs) + len(extra) + 1
	row(1, xref, 0)
	fmt.Fprintf(&out, "%d 0 obj\n<< /Type /XRef /Root 1 0 R /W [1 4 2] /Size %d /Length %d %s >>\nstream\n", self, self+1, rows.Len(), dict)
	out.Write(rows.Bytes())
	fmt.Fprintf(&out, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", xref)
	return out.Bytes()
}

// OnePage returns a builder with catalog (1), pages (2), page (3), font
// (4) and content stream (5); xobjects is the body of the page's
// XObject resource dictionary.
func OnePage(content []byte, xobjects string) *Builder {
	b := &Builder{}
	b.Add("<< /Type /Catalog /Pages 2 0 R >>")
	b.Add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	b.Add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> /XObject << " + xobjects + " >> >> /Contents 5 0 R >>")
	b.Add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	b.Add(Stream("", content))
	return b
}

// TextOp shows s at height y with font F1.
func TextOp(y int, s string) string {
	return fmt.Sprintf("BT /F1 12 Tf 72 %d Td (%s) Tj ET\n", y, s)
}

// ObjStmSelfReference is a page whose /Resources is object 6, which the
// cross-reference stream says lives in object stream 6, itself: the PDF
// library's resolve recurses until the Go runtime dies of a stack
// overflow. streamOf chooses the stream (6 for itself; 7 makes 6 and 7
// point at each other).
func ObjStmSelfReference(streamOf int) []byte {
	b := indirectResources(6, "self reference")
	extra := []XrefEntry{{2, streamOf, 0}}
	if streamOf == 7 {
		extra = append(extra, XrefEntry{2, 6, 0})
	}
	return b.BytesXrefStream("", extra...)
}

// CMapBomb is a page whose font has a ToUnicode CMap with a bfrange
// <0000> <FFFF> to a destination of destLen bytes (UTF-16BE), shared by
// fonts fonts all used on the page.
func CMapBomb(destLen, fonts int) []byte {
	dst := strings.Repeat("0041", destLen/2)
	cmap := "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n" +
		"1 beginbfrange\n<0000> <FFFF> <" + dst + ">\nendbfrange\nendcmap CMapName currentdict /CMap defineresource pop end end\n"
	b := &Builder{}
	b.Add("<< /Type /Catalog /Pages 2 0 R >>")
	b.Add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	var res, content strings.Builder
	for i := 0; i < fonts; i++ {
		fmt.Fprintf(&res, "/F%d %d 0 R ", i, 6+i)
		fmt.Fprintf(&content, "BT /F%d 12 Tf 72 %d Td <00410042> Tj ET\n", i, 700-i%60*10)
	}
	b.Add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << " + res.String() + ">> >> /Contents 5 0 R >>")
	b.Add(Stream("/Filter /FlateDecode", Flate([]byte(cmap))))
	b.Add(Stream("", []byte(content.String())))
	for i := 0; i < fonts; i++ {
		b.Add("<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /ToUnicode 4 0 R /DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>] >>")
	}
	return b.Bytes("")
}

// OperatorFlood is a page of n tiny text operators, compressed; with
// move set each shows its glyph at a new place (a grid of tiny
// letters).
func OperatorFlood(n int, move bool) []byte {
	var c bytes.Buffer
	c.WriteString("BT /F1 1 Tf ")
	for i := 0; i < n; i++ {
		if move {
			if i%500 == 0 {
				c.WriteString("-250 -1 Td ")
			} else {
				c.WriteString("0.5 0 Td ")
			}
		}
		c.WriteString("(a) Tj ")
	}
	c.WriteString("ET\n")
	b := OnePage(nil, "")
	b.Set(5, Stream("/Filter /FlateDecode", Flate(c.Bytes())))
	return b.Bytes("")
}

// ExtendsLoop is an object stream that /Extends itself, holding object 8,
// while the cross-reference stream says object 7 (the page's resources)
// is in it: the PDF library looks for 7 along the /Extends chain
// forever. key is how /Extends is written ("/Extends", "/Ext#65nds"),
// and sep what separates it from the reference (" ", " % comment\n").
func ExtendsLoop(key, sep string) []byte {
	b := indirectResources(7, "extends")
	objs := "8 0 << /Font << /F1 4 0 R >> >>"
	b.Add(Stream("/Type /ObjStm /N 1 /First 4 "+key+sep+"6 0 R", []byte(objs)))
	return b.BytesXrefStream("", XrefEntry{2, 6, 0}, XrefEntry{2, 6, 0})
}

// indirectResources is a page whose resources are object res (not
// written), with font 4 and content 5 showing text.
func indirectResources(res int, text string) *Builder {
	b := &Builder{}
	b.Add("<< /Type /Catalog /Pages 2 0 R >>")
	b.Add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	b.Add(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources %d 0 R /Contents 5 0 R >>", res))
	b.Add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	b.Add(Stream("", []byte(TextOp(700, text))))
	return b
}
