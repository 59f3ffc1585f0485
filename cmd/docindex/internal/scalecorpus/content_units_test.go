package scalecorpus

import "testing"

func TestReadHexString(t *testing.T) {
	data := []byte("x <48 65\n6c6>y")
	s, next, ok := readHexString(data, 2)
	if !ok || string(s.raw) != "Hel`" || s.start != 2 || s.end != 13 || next != 13 || !s.hex {
		t.Errorf("hex string %q %d-%d next %d ok %v", s.raw, s.start, s.end, next, ok)
	}
	if _, _, ok := readHexString([]byte("<4865"), 0); ok {
		t.Error("an unclosed hex string read")
	}
}

func TestSkipInlineImage(t *testing.T) {
	// "EI" inside the image data (no white space before it) is data
	data := []byte(" \x00EIx\xff EI Q")
	if next, ok := skipInlineImage(data, 0); !ok || string(data[next:]) != " Q" {
		t.Errorf("next %d ok %v", next, ok)
	}
	if _, ok := skipInlineImage([]byte(" abc"), 0); ok {
		t.Error("image without EI skipped")
	}
}

func TestIsOperandToken(t *testing.T) {
	for tok, want := range map[string]bool{"12": true, "-3.5": true, ".5": true, "+1": true, "true": true, "null": true, "Tj": false, "BT": false, "'": false} {
		if got := isOperandToken(tok); got != want {
			t.Errorf("isOperandToken(%q) = %v", tok, got)
		}
	}
}

func TestApplyReplacements(t *testing.T) {
	data := []byte("BT (ab) Tj (cd) Tj ET")
	got := applyReplacements(data, []replacement{{3, 7, []byte("(xy)")}, {11, 15, []byte("<0102>")}})
	if string(got) != "BT (xy) Tj <0102> Tj ET" {
		t.Errorf("%q", got)
	}
}
