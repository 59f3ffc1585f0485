package reader

import (
	"bytes"
	"strings"
	"testing"
)

func TestParseCMap(t *testing.T) {
	cm := parseCMap([]byte(`/CIDInit /ProcSet findresource begin
12 dict begin begincmap
2 begincodespacerange
<00> <80>
<8140> <FFFF>
endcodespacerange
3 beginbfchar
<01> <0041>
<8141> <D835DC00>
<0003> /space
endbfchar
2 beginbfrange
<10> <12> <0061>
<20> <22> [<0066006C> <0627> <FB01>]
endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end`))
	if len(cm.space) != 2 || cm.space[0].n != 1 || cm.space[1].n != 2 {
		t.Fatalf("codespace %+v", cm.space)
	}
	want := map[uint32]string{
		0x01: "A", 0x8141: "\U0001D400", 0x03: " ",
		0x10: "a", 0x11: "b", 0x12: "c",
		0x20: "fl", 0x21: "ا", 0x22: "\uFB01",
	}
	for code, w := range want {
		if got := cm.uni[code]; got != w {
			t.Errorf("code %#x: got %q, want %q", code, got, w)
		}
	}
	f := &font{composite: true, space: cm.space}
	codes := f.codes("\x01\x81\x41\x12", nil)
	if len(codes) != 3 || codes[0].code != 1 || codes[1].code != 0x8141 || codes[2].code != 0x12 {
		t.Errorf("codes %+v", codes)
	}
}

func TestGlyphText(t *testing.T) {
	for name, want := range map[string]string{
		"A": "A", "eacute": "é", "uni0627": "ا", "uni00660066": "ff", "u1D400": "\U0001D400",
		"f_f_i": "ffi", "fi": "\uFB01", "a.sc": "a", "quoteright": "’", "g123": "",
	} {
		if got := glyphText(name); got != want {
			t.Errorf("glyphText(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestContentLexerSkipsInlineImages(t *testing.T) {
	content := []byte("BT /F1 12 Tf (a) Tj ET\nBI /W 2 /H 2 /BPC 1 ID \x00)>(]\xff EI\nBT [(b) -250 (c)] TJ ET")
	lx := contentLexer{b: content}
	var ops []string
	var args []operand
	for {
		op, a, ok := lx.next(args)
		args = a
		if !ok {
			break
		}
		ops = append(ops, op)
		if op == "TJ" && (len(args) != 1 || len(args[0].arr) != 3 || args[0].arr[1].num != -250) {
			t.Errorf("TJ args %+v", args)
		}
	}
	if got := strings.Join(ops, " "); got != "BT Tf Tj ET BT TJ ET" {
		t.Errorf("ops %q", got)
	}
}

func TestLZWDecode(t *testing.T) {
	// "-----A---B" encoded with early change (PDF reference, 7.4.4.2)
	enc := []byte{0x80, 0x0B, 0x60, 0x50, 0x22, 0x0C, 0x0C, 0x85, 0x01}
	if got := lzwDecode(enc, 1, 1<<20); !bytes.Equal(got, []byte("-----A---B")) {
		t.Errorf("lzwDecode = %q", got)
	}
}
