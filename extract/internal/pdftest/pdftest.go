// Package pdftest writes small PDF files for the tests of extract/reader
// and extract/layout: objects with a correct cross-reference table.
package pdftest

import (
	"bytes"
	"fmt"
)

// Build writes a PDF whose objects 1..n are objs (object 1 must be the
// catalog), with a correct xref table.
func Build(objs ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, x)
	return b.Bytes()
}

// Stream is a stream object with dictionary entries dict and data.
func Stream(dict, data string) string {
	return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data)
}

// Widths500 is a simple TrueType font whose glyphs are all 0.5 em wide.
const Widths500 = "<< /Type /Font /Subtype /TrueType /BaseFont /Test /FirstChar 32 /LastChar 126 /Encoding /WinAnsiEncoding /Widths [" +
	"500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 " +
	"500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 " +
	"500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500] >>"

// OnePage is a PDF of one 600 x 800 page drawing content, with fonts
// /F1 (Widths500, object 5), /F3 (a Type3 font whose A, B and C are 0.5
// em wide, object 6) and /F0 (a Type0 Identity-H font with a ToUnicode
// bfrange array, objects 7 to 9) in its resources, extraRes added to
// them, and extraObjs as objects 10 and on.
func OnePage(content string, extraRes string, extraObjs ...string) []byte {
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Resources << /Font << /F1 5 0 R /F3 6 0 R /F0 7 0 R >> " + extraRes + " >> /Contents 4 0 R >>",
		Stream("", content),
		Widths500,
		// Type3: glyph space 1/100 em, A B C 50 units wide (0.5 em)
		"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 100 100] /FontMatrix [0.01 0 0 0.01 0 0] /FirstChar 65 /LastChar 67 /Widths [50 50 50] " +
			"/Encoding << /Type /Encoding /Differences [65 /A /uni0042 /C] >> /CharProcs << >> /Resources << >> >>",
		// Type0, Identity-H, W and DW, ToUnicode with a bfrange array
		"<< /Type /Font /Subtype /Type0 /BaseFont /CIDTest /Encoding /Identity-H /DescendantFonts [8 0 R] /ToUnicode 9 0 R >>",
		"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /CIDTest /DW 1000 /W [1 [250 500] 3 4 600] >>",
		Stream("", "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n"+
			"1 beginbfrange <0001> <0003> [<0048> <0069> <FB01>] endbfrange\n1 beginbfchar <0004> <0021> endbfchar\nendcmap end end"),
	}
	objs = append(objs, extraObjs...)
	return Build(objs...)
}
