package layout

import (
	"strings"

	"golang.org/x/text/unicode/bidi"
)

// A small bidi resolver for text that a PDF stores in visual order
// (glyphs placed left to right, as Word and LibreOffice write Arabic):
// it turns a visual sequence back into logical order. Right-to-left runs
// are reversed, digit and Latin runs inside them keep left-to-right
// order, neutrals take the direction of their neighbours when both agree
// and the line direction otherwise, and mirrored brackets are swapped in
// reversed runs. This covers what UN documents contain (Arabic with
// embedded numbers, symbols and Latin words); it is not the full UBA.
// makeLine resolves each word's glyphs and then the line's words; in a
// right-to-left line, the neutrals at the edges of a left-to-right word
// are ordered as items of their own (orderRTLPieces), as the bracket in
// "(open data)" must be.

type bidiCls uint8

const (
	bidiN bidiCls = iota
	bidiL
	bidiR
	bidiEN
)

// bidiClass is r's Unicode bidi class (golang.org/x/text/unicode/bidi)
// reduced to what the resolver tells apart: strong right-to-left (R, AL),
// strong left-to-right (L), numbers (EN, AN: Arabic-Indic digits stay
// left to right inside a right-to-left run), and neutrals (the rest).
// One exception: the punctuation and marks of the right-to-left blocks
// (Hebrew, Arabic, Syriac, Thaana, NKo, the Arabic presentation forms:
// the Arabic comma U+060C is CS, harakat NSM) are right-to-left, as they
// only ever stand among right-to-left letters; resolved as neutrals,
// "(1 ، 3)" in an Arabic line drawn in visual order comes back as
// "3) ، (1".
func bidiClass(r rune) bidiCls {
	if r < 0x80 { // ASCII, most of the text: letters L, digits EN, the rest neutral
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
			return bidiL
		case r >= '0' && r <= '9':
			return bidiEN
		}
		return bidiN
	}
	p, _ := bidi.LookupRune(r)
	switch c := p.Class(); c {
	case bidi.R, bidi.AL:
		return bidiR
	case bidi.L:
		return bidiL
	case bidi.EN, bidi.AN:
		return bidiEN
	default:
		if rtlBlock(r) {
			return bidiR
		}
	}
	return bidiN
}

// rtlBlock reports whether r is in a Unicode block of right-to-left
// scripts.
func rtlBlock(r rune) bool {
	return r >= 0x0590 && r <= 0x08FF || r >= 0xFB1D && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFE || r >= 0x10800 && r <= 0x10FFF
}

func itemClass(s string) bidiCls {
	c := bidiN
	for _, r := range s {
		switch bidiClass(r) {
		case bidiR:
			return bidiR
		case bidiL:
			c = bidiL
		case bidiEN:
			if c == bidiN {
				c = bidiEN
			}
		}
	}
	return c
}

// visualOrder returns the logical order of items given in visual
// (left-to-right) order, for a line of base direction rtl.
func visualOrder(items []string, rtl bool) []int {
	o, _ := visualOrderRes(items, rtl)
	return o
}

// visualOrderRes is visualOrder that also returns the resolved direction
// of each item (bidiR for items in right-to-left runs).
func visualOrderRes(items []string, rtl bool) ([]int, []bidiCls) {
	n := len(items)
	cls, anyR := itemClasses(items)
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	if !anyR && !rtl {
		return order, cls
	}
	base := bidiL
	if rtl {
		base = bidiR
	}
	res := resolveNeutrals(cls, base)
	if rtl {
		// reverse everything, then restore left-to-right runs
		for i := 0; i < n; i++ {
			order[i] = n - 1 - i
		}
		reverseRuns(order, func(i int) bool { return res[order[i]] == bidiL })
		return order, res
	}
	reverseRuns(order, func(i int) bool { return res[i] == bidiR })
	return order, res
}

// itemClasses is the bidi class of each item (itemClass), numbers taken
// as left-to-right (they display left to right); anyR reports a
// right-to-left item.
func itemClasses(items []string) (cls []bidiCls, anyR bool) {
	cls = make([]bidiCls, len(items))
	for i, s := range items {
		c := itemClass(s)
		if c == bidiEN {
			c = bidiL
		}
		cls[i] = c
		if c == bidiR {
			anyR = true
		}
	}
	return cls, anyR
}

// resolveNeutrals gives each neutral item the direction of the strong
// items on both sides of it when they agree, else the base direction
// (the line's ends count as base); strong items keep theirs.
func resolveNeutrals(cls []bidiCls, base bidiCls) []bidiCls {
	n := len(cls)
	res := make([]bidiCls, n)
	for i := 0; i < n; i++ {
		if cls[i] != bidiN {
			res[i] = cls[i]
			continue
		}
		var l, r bidiCls = base, base
		for j := i - 1; j >= 0; j-- {
			if cls[j] != bidiN {
				l = cls[j]
				break
			}
		}
		for j := i + 1; j < n; j++ {
			if cls[j] != bidiN {
				r = cls[j]
				break
			}
		}
		if l == r {
			res[i] = l
		} else {
			res[i] = base
		}
	}
	return res
}

// reverseRuns reverses each maximal run of positions of order for which
// in(i) holds.
func reverseRuns(order []int, in func(i int) bool) {
	n := len(order)
	for i := 0; i < n; {
		if !in(i) {
			i++
			continue
		}
		j := i
		for j < n && in(j) {
			j++
		}
		reverseInts(order[i:j])
		i = j
	}
}

func reverseInts(a []int) {
	for i, j := 0, len(a)-1; i < j; i, j = i+1, j-1 {
		a[i], a[j] = a[j], a[i]
	}
}

var mirrorPairs = map[string]string{
	"(": ")", ")": "(", "[": "]", "]": "[", "{": "}", "}": "{",
	"<": ">", ">": "<", "«": "»", "»": "«", "‹": "›", "›": "‹",
}

// visualToLogical joins glyph texts given in visual order into a string
// in logical order.
func visualToLogical(items []string, rtl bool, mirror bool) string {
	if !rtl {
		plain := true
		for _, s := range items {
			if itemClass(s) == bidiR {
				plain = false
				break
			}
		}
		if plain {
			return strings.Join(items, "")
		}
	}
	order, res := visualOrderRes(items, rtl)
	var b strings.Builder
	for _, k := range order {
		s := items[k]
		if mirror && res[k] != bidiL {
			if m, ok := mirrorPairs[s]; ok {
				s = m
			}
		}
		b.WriteString(s)
	}
	return b.String()
}
