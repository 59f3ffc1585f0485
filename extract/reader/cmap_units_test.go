package reader

import "testing"

func hexTok(b ...byte) cmapTok { return cmapTok{kind: tokHex, s: string(b)} }

func TestAddBFRange(t *testing.T) {
	arr, end := cmapTok{kind: tokArrayStart}, cmapTok{kind: tokArrayEnd}
	// an upside-down range is skipped with its array; the next entry is read
	ops := []cmapTok{hexTok(0x12), hexTok(0x10), arr, hexTok(0, 'x'), end, hexTok(0x20), hexTok(0x21), hexTok(0, 'a')}
	cm := cmapData{uni: map[uint32]string{}}
	if next := cm.addBFRange(ops, 0); next != 5 {
		t.Errorf("skipped range: next %d, want 5", next)
	}
	if len(cm.uni) != 0 {
		t.Errorf("skipped range mapped %v", cm.uni)
	}
	if next := cm.addBFRange(ops, 5); next != 8 || cm.uni[0x20] != "a" || cm.uni[0x21] != "b" {
		t.Errorf("hex destination: next %d map %v", next, cm.uni)
	}
	// an array gives each code its own text; texts past the range are
	// left out
	ops = []cmapTok{hexTok(0x30), hexTok(0x31), arr, hexTok(0, 'p'), hexTok(0, 'q'), hexTok(0, 'r'), end}
	cm = cmapData{uni: map[uint32]string{}}
	if next := cm.addBFRange(ops, 0); next != 7 || len(cm.uni) != 2 || cm.uni[0x30] != "p" || cm.uni[0x31] != "q" {
		t.Errorf("array destination: next %d map %v", next, cm.uni)
	}
	// a range of more than 65,536 codes is skipped
	ops = []cmapTok{hexTok(0, 0, 0), hexTok(2, 0, 0), hexTok(0, 'a')}
	cm = cmapData{uni: map[uint32]string{}}
	if next := cm.addBFRange(ops, 0); next != 3 || len(cm.uni) != 0 {
		t.Errorf("huge range: next %d, %d codes", next, len(cm.uni))
	}
}

func TestCMapPutLimit(t *testing.T) {
	cm := cmapData{uni: map[uint32]string{}, size: maxCMapOutput - cmapEntryCost - 1}
	cm.put(1, "a")
	if cm.over || cm.uni[1] != "a" {
		t.Fatalf("within the limit: over %v", cm.over)
	}
	cm.put(2, "b")
	if !cm.over || cm.uni[2] != "" {
		t.Errorf("past the limit: over %v, mapped %q", cm.over, cm.uni[2])
	}
}

func TestAddCIDChars(t *testing.T) {
	var cm cmapData
	cm.addCIDChars([]cmapTok{hexTok(0, 5), {kind: tokNum, n: 17}, {kind: tokName, s: "x"}, {kind: tokNum, n: 3}})
	cm.addCIDRanges([]cmapTok{hexTok(1, 0), hexTok(1, 0xff), {kind: tokNum, n: 100}})
	if len(cm.cid.single) != 1 || cm.cid.single[5] != 17 {
		t.Errorf("cidchar %v", cm.cid.single)
	}
	if len(cm.cid.ranges) != 1 || cm.cid.ranges[0] != (cidRange{0x100, 0x1ff, 100}) {
		t.Errorf("cidrange %v", cm.cid.ranges)
	}
}
