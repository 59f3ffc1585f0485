package reader

import "encoding/binary"

// Text for CID TrueType fonts that come without a ToUnicode CMap: the
// embedded font program's own 'cmap' table maps Unicode to glyph ids, and
// inverting it gives the text of each glyph (CID → GID through
// CIDToGIDMap, then GID → Unicode). pdftotext does the same.

// trueTypeGlyphText parses the 'cmap' table of a TrueType font program
// and returns glyph id → character (the smallest code point of each
// glyph). It returns nil for anything it cannot read.
func trueTypeGlyphText(b []byte) map[uint16]rune {
	cmap, ok := sfntTable(b, "cmap")
	if !ok || len(cmap) < 4 {
		return nil
	}
	sub, ok := bestCmapSubtable(cmap)
	if !ok {
		return nil
	}
	out := gidRunes{}
	switch binary.BigEndian.Uint16(sub) {
	case 4:
		ok = readCmapFormat4(sub, out.add)
	case 12:
		ok = readCmapFormat12(sub, out.add)
	default:
		ok = false
	}
	if !ok || len(out) == 0 {
		return nil
	}
	return out
}

// sfntTable finds the table tagged tag in the table directory of a
// TrueType font program (the last record when there are several),
// clipped to the program; nil when there is none. ok is false when the
// directory cannot be read.
func sfntTable(b []byte, tag string) (table []byte, ok bool) {
	if len(b) < 12 {
		return nil, false
	}
	n := int(binary.BigEndian.Uint16(b[4:]))
	for i := 0; i < n; i++ {
		rec := 12 + 16*i
		if rec+16 > len(b) {
			return nil, false
		}
		if string(b[rec:rec+4]) == tag {
			off := int(binary.BigEndian.Uint32(b[rec+8:]))
			ln := int(binary.BigEndian.Uint32(b[rec+12:]))
			if off < 0 || off >= len(b) {
				return nil, false
			}
			table = b[off:min(len(b), off+ln)]
		}
	}
	return table, true
}

// bestCmapSubtable picks the Unicode subtable of a 'cmap' table that
// cmapScore prefers (the first of the best); ok is false when there is
// none or it lies outside the table.
func bestCmapSubtable(cmap []byte) (sub []byte, ok bool) {
	nt := int(binary.BigEndian.Uint16(cmap[2:]))
	best, bestScore := -1, 0
	for i := 0; i < nt; i++ {
		rec := 4 + 8*i
		if rec+8 > len(cmap) {
			break
		}
		score := cmapScore(binary.BigEndian.Uint16(cmap[rec:]), binary.BigEndian.Uint16(cmap[rec+2:]))
		if score > bestScore {
			best, bestScore = int(binary.BigEndian.Uint32(cmap[rec+4:])), score
		}
	}
	if best < 0 || best+4 > len(cmap) {
		return nil, false
	}
	return cmap[best:], true
}

// cmapScore ranks a 'cmap' subtable by its platform and encoding ids:
// Windows full Unicode (3, 10) first, then Unicode full repertoire (0, 4
// or 6), Windows BMP (3, 1), other Unicode platform subtables; 0 for the
// others (Macintosh, symbol), which are not Unicode.
func cmapScore(pid, eid uint16) int {
	switch {
	case pid == 3 && eid == 10:
		return 4
	case pid == 0 && (eid == 4 || eid == 6):
		return 3
	case pid == 3 && eid == 1:
		return 2
	case pid == 0:
		return 1
	}
	return 0
}

// gidRunes maps glyph ids to the characters a 'cmap' subtable gives
// them.
type gidRunes map[uint16]rune

// add records that code point r maps to glyph gid; a glyph mapped from
// several code points keeps the smallest. The missing glyph (0), control
// characters and U+FFFF are left out.
func (m gidRunes) add(r rune, gid uint16) {
	if gid == 0 || r < 0x20 || r == 0xFFFF {
		return
	}
	if old, ok := m[gid]; !ok || r < old {
		m[gid] = r
	}
}

// readCmapFormat4 reads a format 4 subtable (segments of BMP code
// points, glyph ids by delta or through the glyph id array) into add; it
// reports false when the subtable is cut short.
func readCmapFormat4(sub []byte, add func(rune, uint16)) bool {
	if len(sub) < 14 {
		return false
	}
	segs := int(binary.BigEndian.Uint16(sub[6:])) / 2
	ends, starts := 14, 14+2*segs+2
	deltas, ranges := starts+2*segs, starts+4*segs
	if ranges+2*segs > len(sub) {
		return false
	}
	for s := 0; s < segs; s++ {
		end := int(binary.BigEndian.Uint16(sub[ends+2*s:]))
		start := int(binary.BigEndian.Uint16(sub[starts+2*s:]))
		delta := binary.BigEndian.Uint16(sub[deltas+2*s:])
		ro := int(binary.BigEndian.Uint16(sub[ranges+2*s:]))
		if end < start || end-start > 0xFFFF {
			continue
		}
		for c := start; c <= end && c < 0xFFFF; c++ {
			var gid uint16
			if ro == 0 {
				gid = uint16(c) + delta
			} else {
				p := ranges + 2*s + ro + 2*(c-start)
				if p+2 > len(sub) {
					break
				}
				gid = binary.BigEndian.Uint16(sub[p:])
				if gid != 0 {
					gid += delta
				}
			}
			add(rune(c), gid)
		}
	}
	return true
}

// readCmapFormat12 reads a format 12 subtable (groups of consecutive
// code points mapped to consecutive glyph ids) into add; it reports
// false when the subtable has no header.
func readCmapFormat12(sub []byte, add func(rune, uint16)) bool {
	if len(sub) < 16 {
		return false
	}
	groups := int(binary.BigEndian.Uint32(sub[12:]))
	for g := 0; g < groups && 16+12*g+12 <= len(sub); g++ {
		p := 16 + 12*g
		start, end := binary.BigEndian.Uint32(sub[p:]), binary.BigEndian.Uint32(sub[p+4:])
		gid := binary.BigEndian.Uint32(sub[p+8:])
		if end < start || end-start > 0x10FFFF {
			continue
		}
		for c := start; c <= end; c++ {
			if gid+(c-start) > 0xFFFF {
				break
			}
			add(rune(c), uint16(gid+(c-start)))
		}
	}
	return true
}
