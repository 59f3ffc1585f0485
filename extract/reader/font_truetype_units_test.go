package reader

import (
	"encoding/binary"
	"testing"
)

// sfnt is a font program with one table per tag, as a table directory
// and the tables after it.
func sfnt(tables map[string][]byte, order ...string) []byte {
	b := make([]byte, 12+16*len(order))
	binary.BigEndian.PutUint16(b[4:], uint16(len(order)))
	for i, tag := range order {
		rec := 12 + 16*i
		copy(b[rec:], tag)
		binary.BigEndian.PutUint32(b[rec+8:], uint32(len(b)))
		binary.BigEndian.PutUint32(b[rec+12:], uint32(len(tables[tag])))
		b = append(b, tables[tag]...)
	}
	return b
}

func u16(vs ...int) []byte {
	var b []byte
	for _, v := range vs {
		b = binary.BigEndian.AppendUint16(b, uint16(v))
	}
	return b
}

// cmapTable is a 'cmap' table with subtables for (platform, encoding)
// pairs, in order.
func cmapTable(ids [][2]int, subs [][]byte) []byte {
	b := u16(0, len(ids))
	off := 4 + 8*len(ids)
	for i, id := range ids {
		b = append(b, u16(id[0], id[1])...)
		b = binary.BigEndian.AppendUint32(b, uint32(off))
		off += len(subs[i])
	}
	for _, s := range subs {
		b = append(b, s...)
	}
	return b
}

// format4 is a format 4 subtable of segments {start, end, delta} (glyph
// ids by delta), plus the closing 0xFFFF segment.
func format4(segs ...[3]int) []byte {
	segs = append(segs, [3]int{0xFFFF, 0xFFFF, 1})
	n := len(segs)
	b := u16(4, 0, 0, 2*n, 0, 0, 0)
	for _, s := range segs {
		b = append(b, u16(s[1])...)
	}
	b = append(b, u16(0)...) // reserved pad
	for _, s := range segs {
		b = append(b, u16(s[0])...)
	}
	for _, s := range segs {
		b = append(b, u16(s[2])...)
	}
	for range segs {
		b = append(b, u16(0)...)
	}
	return b
}

// format12 is a format 12 subtable of groups {start, end, first gid}.
func format12(groups ...[3]uint32) []byte {
	b := u16(12, 0)
	b = binary.BigEndian.AppendUint32(b, uint32(16+12*len(groups)))
	b = binary.BigEndian.AppendUint32(b, 0)
	b = binary.BigEndian.AppendUint32(b, uint32(len(groups)))
	for _, g := range groups {
		for _, v := range g {
			b = binary.BigEndian.AppendUint32(b, v)
		}
	}
	return b
}

func TestCmapScore(t *testing.T) {
	order := [][2]uint16{{3, 10}, {0, 4}, {0, 6}, {3, 1}, {0, 3}, {1, 0}, {3, 0}}
	want := []int{4, 3, 3, 2, 1, 0, 0}
	for i, id := range order {
		if got := cmapScore(id[0], id[1]); got != want[i] {
			t.Errorf("cmapScore(%d, %d) = %d, want %d", id[0], id[1], got, want[i])
		}
	}
}

func TestGidRunesAdd(t *testing.T) {
	m := gidRunes{}
	m.add('b', 5)
	m.add('a', 5)    // the smaller code point wins
	m.add('c', 5)    // not replaced by a larger one
	m.add('x', 0)    // the missing glyph
	m.add(0x09, 7)   // a control character
	m.add(0xFFFF, 8) // not a character
	if len(m) != 1 || m[5] != 'a' {
		t.Errorf("map %v", m)
	}
}

func TestSfntTable(t *testing.T) {
	b := sfnt(map[string][]byte{"head": {1, 2}, "cmap": {3, 4, 5}}, "head", "cmap")
	if tab, ok := sfntTable(b, "cmap"); !ok || string(tab) != "\x03\x04\x05" {
		t.Errorf("cmap %v %v", tab, ok)
	}
	if tab, ok := sfntTable(b, "glyf"); !ok || tab != nil {
		t.Errorf("absent table %v %v", tab, ok)
	}
	if _, ok := sfntTable(b[:20], "cmap"); ok {
		t.Error("cut directory read")
	}
	if _, ok := sfntTable(b[:5], "cmap"); ok {
		t.Error("no directory read")
	}
}

func TestTrueTypeGlyphText(t *testing.T) {
	// a Macintosh subtable first (not Unicode), then a Windows BMP one
	// mapping A-C to glyphs 36-38 and space to 3
	win := format4([3]int{0x20, 0x20, 3 - 0x20}, [3]int{'A', 'C', 36 - 'A'})
	mac := format4([3]int{'A', 'C', 100 - 'A'})
	b := sfnt(map[string][]byte{"cmap": cmapTable([][2]int{{1, 0}, {3, 1}}, [][]byte{mac, win})}, "cmap")
	got := trueTypeGlyphText(b)
	if len(got) != 4 || got[36] != 'A' || got[38] != 'C' || got[3] != ' ' {
		t.Errorf("format 4: %v", got)
	}
	// a full-repertoire subtable (3, 10) is preferred, format 12
	full := format12([3]uint32{0x1F600, 0x1F601, 50}, [3]uint32{'A', 'A', 36})
	b = sfnt(map[string][]byte{"cmap": cmapTable([][2]int{{3, 1}, {3, 10}}, [][]byte{win, full})}, "cmap")
	got = trueTypeGlyphText(b)
	if len(got) != 3 || got[50] != 0x1F600 || got[51] != 0x1F601 || got[36] != 'A' {
		t.Errorf("format 12: %v", got)
	}
	// nothing readable: nil
	for name, b := range map[string][]byte{
		"no cmap":        sfnt(map[string][]byte{"head": {0, 0, 0, 0}}, "head"),
		"only Macintosh": sfnt(map[string][]byte{"cmap": cmapTable([][2]int{{1, 0}}, [][]byte{mac})}, "cmap"),
		"unknown format": sfnt(map[string][]byte{"cmap": cmapTable([][2]int{{3, 1}}, [][]byte{u16(6, 0, 0, 0, 0)})}, "cmap"),
		"cut format 4":   sfnt(map[string][]byte{"cmap": cmapTable([][2]int{{3, 1}}, [][]byte{win[:20]})}, "cmap"),
		"not a font":     []byte("%PDF"),
	} {
		if got := trueTypeGlyphText(b); got != nil {
			t.Errorf("%s: %v, want nil", name, got)
		}
	}
}
