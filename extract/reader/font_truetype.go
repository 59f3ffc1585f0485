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
	if len(b) < 12 {
		return nil
	}
	n := int(binary.BigEndian.Uint16(b[4:]))
	var cmap []byte
	for i := 0; i < n; i++ {
		rec := 12 + 16*i
		if rec+16 > len(b) {
			return nil
		}
		if string(b[rec:rec+4]) == "cmap" {
			off := int(binary.BigEndian.Uint32(b[rec+8:]))
			ln := int(binary.BigEndian.Uint32(b[rec+12:]))
			if off < 0 || off >= len(b) {
				return nil
			}
			cmap = b[off:min(len(b), off+ln)]
		}
	}
	if len(cmap) < 4 {
		return nil
	}
	nt := int(binary.BigEndian.Uint16(cmap[2:]))
	best, bestScore := -1, 0
	for i := 0; i < nt; i++ {
		rec := 4 + 8*i
		if rec+8 > len(cmap) {
			break
		}
		pid, eid := binary.BigEndian.Uint16(cmap[rec:]), binary.BigEndian.Uint16(cmap[rec+2:])
		score := 0
		switch {
		case pid == 3 && eid == 10:
			score = 4
		case pid == 0 && (eid == 4 || eid == 6):
			score = 3
		case pid == 3 && eid == 1:
			score = 2
		case pid == 0:
			score = 1
		}
		if score > bestScore {
			best, bestScore = int(binary.BigEndian.Uint32(cmap[rec+4:])), score
		}
	}
	if best < 0 || best+4 > len(cmap) {
		return nil
	}
	sub := cmap[best:]
	out := map[uint16]rune{}
	add := func(r rune, gid uint16) {
		if gid == 0 || r < 0x20 || r == 0xFFFF {
			return
		}
		if old, ok := out[gid]; !ok || r < old {
			out[gid] = r
		}
	}
	switch binary.BigEndian.Uint16(sub) {
	case 4:
		if len(sub) < 14 {
			return nil
		}
		segs := int(binary.BigEndian.Uint16(sub[6:])) / 2
		ends, starts := 14, 14+2*segs+2
		deltas, ranges := starts+2*segs, starts+4*segs
		if ranges+2*segs > len(sub) {
			return nil
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
	case 12:
		if len(sub) < 16 {
			return nil
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
	default:
		return nil
	}
	if len(out) == 0 {
		return nil
	}
	return out
}
