package reader

import (
	"bytes"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
	"golang.org/x/text/unicode/norm"
)

// The glyph-name and encoding tables (font_tables.go) are the PDF
// library's, copied by a generator:
//
//go:generate go run ./internal/gentables -o font_tables.go

// maxCMapBytes bounds the size of an embedded CMap (ToUnicode or encoding)
// we are willing to parse.
const maxCMapBytes = 8 << 20

// font is everything the engine needs to turn the bytes of a shown string
// into glyphs: code splitting, Unicode text, and advance widths.
type font struct {
	name   string
	bold   bool
	italic bool

	composite bool       // Type0
	vertical  bool       // Identity-V or other vertical CMap
	space     []csRange  // codespace ranges (composite fonts)
	cidOf     *codeToCID // code → CID (nil: identity)

	toUni map[uint32]string // from ToUnicode
	// simple fonts
	enc        [256]string // code → text (from encoding / glyph names)
	firstChar  int
	widths     []float64 // glyph-space widths (1/1000 em, or Type3 units)
	missingW   float64
	cidW       map[uint32]float64
	dw         float64
	type3      bool
	type3Size  float64    // Type3: glyph height per unit font size
	fontMatrix [6]float64 // Type3 only
	// ucs2 means codes are Unicode values (UniGB-UCS2-H and similar).
	ucs2 bool
	// spaceW is the width of the space glyph in text space units per
	// unit font size (0 when unknown).
	spaceW float64
	// gidText and cidToGID give text for CID TrueType fonts without a
	// ToUnicode map, from the embedded font's own cmap table.
	gidText  map[uint16]rune
	cidToGID []uint16
}

type csRange struct {
	n      int // bytes
	lo, hi uint32
}

type cidRange struct {
	lo, hi uint32
	cid    uint32
}

type codeToCID struct {
	single map[uint32]uint32
	ranges []cidRange
}

func (c *codeToCID) lookup(code uint32) uint32 {
	if v, ok := c.single[code]; ok {
		return v
	}
	for _, r := range c.ranges {
		if code >= r.lo && code <= r.hi {
			return r.cid + code - r.lo
		}
	}
	return 0
}

// glyphCode is one character code of a shown string.
type glyphCode struct {
	code uint32
	n    int // byte length
}

// codes splits a shown string into character codes.
func (f *font) codes(s string, out []glyphCode) []glyphCode {
	out = out[:0]
	if !f.composite {
		for i := 0; i < len(s); i++ {
			out = append(out, glyphCode{uint32(s[i]), 1})
		}
		return out
	}
	if len(f.space) == 0 {
		for i := 0; i+1 < len(s); i += 2 {
			out = append(out, glyphCode{uint32(s[i])<<8 | uint32(s[i+1]), 2})
		}
		return out
	}
	for i := 0; i < len(s); {
		var code uint32
		matched := 0
		for n := 1; n <= 4 && i+n <= len(s); n++ {
			code = code<<8 | uint32(s[i+n-1])
			for _, r := range f.space {
				if r.n == n && code >= r.lo && code <= r.hi {
					matched = n
					break
				}
			}
			if matched > 0 {
				break
			}
		}
		if matched == 0 {
			// Not in any codespace: take the shortest range length.
			n := f.space[0].n
			for _, r := range f.space {
				if r.n < n {
					n = r.n
				}
			}
			if i+n > len(s) {
				n = len(s) - i
			}
			code = 0
			for k := 0; k < n; k++ {
				code = code<<8 | uint32(s[i+k])
			}
			matched = n
		}
		out = append(out, glyphCode{code, matched})
		i += matched
	}
	return out
}

// width returns the advance of code in text space per unit font size.
func (f *font) width(c glyphCode) float64 {
	if f.composite {
		cid := c.code
		if f.cidOf != nil {
			cid = f.cidOf.lookup(c.code)
		}
		if w, ok := f.cidW[cid]; ok {
			return w / 1000
		}
		return f.dw / 1000
	}
	w := f.missingW
	i := int(c.code) - f.firstChar
	if i >= 0 && i < len(f.widths) {
		w = f.widths[i]
	}
	if f.type3 {
		return w * f.fontMatrix[0]
	}
	return w / 1000
}

// text returns the Unicode text of code.
func (f *font) text(c glyphCode) string {
	if f.toUni != nil {
		if t, ok := f.toUni[c.code]; ok {
			return t
		}
	}
	if f.composite {
		if f.ucs2 {
			return string(rune(c.code))
		}
		if f.gidText != nil {
			cid := c.code
			if f.cidOf != nil {
				cid = f.cidOf.lookup(c.code)
			}
			gid := cid
			if f.cidToGID != nil {
				gid = 0
				if int(cid) < len(f.cidToGID) {
					gid = uint32(f.cidToGID[cid])
				}
			}
			if r, ok := f.gidText[uint16(gid)]; ok && gid <= 0xFFFF {
				return string(r)
			}
		}
		return ""
	}
	return f.enc[c.code&0xff]
}

// loadFont reads a font dictionary: its metrics and encoding (composite
// Type0 fonts in loadCompositeFont, simple and Type3 fonts in
// loadSimpleFont), its ToUnicode map (loadToUnicode) with the repairs for
// fonts whose map is missing or has its digits out of order, its style
// (fontStyle) and the width of its space glyph (spaceWidth).
func loadFont(v pdf.Value, d *docState) *font {
	f := &font{dw: 1000, fontMatrix: [6]float64{0.001, 0, 0, 0.001, 0, 0}}
	sub := v.Key("Subtype").Name()
	f.name = v.Key("BaseFont").Name()
	desc := v.Key("FontDescriptor")
	if sub == "Type0" {
		desc = f.loadCompositeFont(v, d)
	} else {
		f.loadSimpleFont(v, desc, sub == "Type3")
	}
	f.loadToUnicode(v, d)
	if f.composite && f.toUni == nil && !f.ucs2 {
		f.loadEmbeddedCmap(v.Key("DescendantFonts").Index(0), desc, d)
	} else if f.composite && !f.ucs2 && digitsOutOfOrder(f.toUni) {
		f.fixToUnicodeDigits(v.Key("DescendantFonts").Index(0), desc, d)
	}
	flags := desc.Key("Flags").Int64()
	f.bold, f.italic = fontStyle(f.name, desc.Key("FontWeight").Float64(), flags)
	f.spaceW = f.spaceWidth()
	return f
}

// loadCompositeFont reads what a Type0 font keeps in its descendant
// CIDFont (name when the Type0 has none, default and per-CID widths) and
// its Encoding CMap; it returns the descendant's font descriptor, which
// is the one that describes the glyphs.
func (f *font) loadCompositeFont(v pdf.Value, d *docState) (desc pdf.Value) {
	f.composite = true
	df := v.Key("DescendantFonts").Index(0)
	if f.name == "" {
		f.name = df.Key("BaseFont").Name()
	}
	if dw := df.Key("DW"); dw.Kind() == pdf.Integer || dw.Kind() == pdf.Real {
		f.dw = dw.Float64()
	}
	f.cidW = readCIDWidths(df.Key("W"))
	enc := v.Key("Encoding")
	switch enc.Kind() {
	case pdf.Name:
		f.space = []csRange{{2, 0, 0xffff}}
		f.vertical, f.ucs2 = namedCMap(enc.Name())
	case pdf.Stream:
		cm := parseCMap(d.readStream(enc, maxCMapBytes))
		f.space = cm.space
		if len(f.space) == 0 {
			f.space = []csRange{{2, 0, 0xffff}}
		}
		f.cidOf = cm.cid
		f.vertical = enc.Key("WMode").Int64() == 1
	default:
		f.space = []csRange{{2, 0, 0xffff}}
	}
	return df.Key("FontDescriptor")
}

// namedCMap tells what the name of a predefined CMap (the Encoding of a
// Type0 font, two-byte codes) says: vertical writing for names ending in
// -V (Identity-V, UniGB-UCS2-V), codes that are Unicode values for the
// UCS2 and UTF16 CMaps (UniGB-UCS2-H, UniJIS-UTF16-H).
func namedCMap(name string) (vertical, ucs2 bool) {
	return strings.HasSuffix(name, "-V"), strings.Contains(name, "UCS2") || strings.Contains(name, "UTF16")
}

// loadSimpleFont reads the widths and encoding of a simple font
// (Type1, TrueType, Type3): Widths from FirstChar, MissingWidth from the
// descriptor, the Type3 font matrix and glyph height, the standard 14
// fonts' own widths when the dictionary has none, and a rough default
// width when nothing gives one.
func (f *font) loadSimpleFont(v, desc pdf.Value, type3 bool) {
	f.firstChar = int(v.Key("FirstChar").Int64())
	w := v.Key("Widths")
	if n := w.Len(); n > 0 && n <= 65536 {
		f.widths = make([]float64, n)
		for i := range f.widths {
			f.widths[i] = w.Index(i).Float64()
		}
	}
	f.missingW = desc.Key("MissingWidth").Float64()
	if type3 {
		f.type3 = true
		fm := v.Key("FontMatrix")
		if fm.Len() == 6 {
			for i := 0; i < 6; i++ {
				f.fontMatrix[i] = fm.Index(i).Float64()
			}
		}
		if f.fontMatrix[0] == 0 {
			f.fontMatrix[0] = 0.001
		}
		f.type3Size = 1
		if bb := v.Key("FontBBox"); bb.Len() == 4 {
			f.type3Size = type3GlyphHeight(bb.Index(1).Float64(), bb.Index(3).Float64(), f.fontMatrix[3])
		}
	}
	if f.widths == nil && !f.type3 {
		if w := std14Widths(f.name); w != nil {
			f.widths, f.firstChar = w, 0
		}
	}
	if f.widths == nil && f.missingW == 0 {
		f.missingW = defaultMissingWidth(f.type3, f.fontMatrix[0])
	}
	f.buildSimpleEncoding(v, desc)
}

// type3GlyphHeight is the height of a Type3 font's glyphs in text space
// per unit font size (a Type3 font has no em of its own): the FontBBox
// height (y0 to y1) through the FontMatrix's vertical scale m3, kept
// within 0.25 to 4; 1 when the box has no height.
func type3GlyphHeight(y0, y1, m3 float64) float64 {
	h := math.Abs(y1-y0) * math.Abs(m3)
	if h > 0 {
		return math.Min(math.Max(h, 0.25), 4)
	}
	return 1
}

// defaultMissingWidth is the width of a glyph of a simple font that gives
// no widths at all (a standard 14 font this reader has no table for): a
// rough average of 500/1000 em, half a unit of text space in a Type3
// font whose matrix scales by m0.
func defaultMissingWidth(type3 bool, m0 float64) float64 {
	if type3 {
		return 0.5 / m0
	}
	return 500
}

// loadToUnicode reads the font's ToUnicode CMap, if any, and counts its
// expanded size against the limits of one map and of the document.
func (f *font) loadToUnicode(v pdf.Value, d *docState) {
	tu := v.Key("ToUnicode")
	if tu.Kind() != pdf.Stream {
		return
	}
	cm := parseCMap(d.readStream(tu, maxCMapBytes))
	d.cmapOutput += cm.size
	if cm.over {
		panic(abortError{limitError("a ToUnicode map expands to more than %d MiB", maxCMapOutput>>20)})
	}
	if d.cmapOutput > maxDocCMapOutput {
		panic(abortError{limitError("the fonts' ToUnicode maps expand to more than %d MiB", maxDocCMapOutput>>20)})
	}
	if len(cm.uni) > 0 {
		f.toUni = cm.uni
	}
}

// fontStyle tells bold and italic type from a font's name (Arial-BoldMT,
// Times-Italic, Calibri-Semibold, …), its descriptor's FontWeight (600
// and over is bold) and Flags (bit 19 ForceBold, bit 7 Italic).
func fontStyle(name string, weight float64, flags int64) (bold, italic bool) {
	lname := strings.ToLower(name)
	bold = strings.Contains(lname, "bold") || strings.Contains(lname, "black") ||
		strings.Contains(lname, "heavy") || strings.Contains(lname, "semibold") || strings.Contains(lname, "demi")
	if weight >= 600 {
		bold = true
	}
	if flags&(1<<18) != 0 {
		bold = true
	}
	italic = strings.Contains(lname, "italic") || strings.Contains(lname, "oblique") || flags&(1<<6) != 0
	return bold, italic
}

// spaceWidth is the width of the font's space glyph (0 when the font has
// none): in a composite font a code whose ToUnicode text is " ", in a
// simple font code 32 when it is a space. A composite font with several
// space codes takes the lowest (map order would change it run to run).
func (f *font) spaceWidth() float64 {
	if f.composite {
		best, found := uint32(0), false
		for code, t := range f.toUni {
			if t == " " && (!found || code < best) {
				best, found = code, true
			}
		}
		if !found {
			return 0
		}
		return f.width(glyphCode{best, 2})
	}
	if f.enc[32] == " " || f.toUni[32] == " " {
		return f.width(glyphCode{32, 1})
	}
	return 0
}

func readCIDWidths(w pdf.Value) map[uint32]float64 {
	m := map[uint32]float64{}
	n := w.Len()
	for i := 0; i < n; {
		first := w.Index(i)
		if first.Kind() != pdf.Integer {
			break
		}
		c := uint32(first.Int64())
		if i+1 >= n {
			break
		}
		second := w.Index(i + 1)
		if second.Kind() == pdf.Array {
			for j := 0; j < second.Len() && j < 65536; j++ {
				m[c+uint32(j)] = second.Index(j).Float64()
			}
			i += 2
			continue
		}
		if i+2 >= n {
			break
		}
		last := uint32(second.Int64())
		wd := w.Index(i + 2).Float64()
		if last >= c && last-c < 65536 {
			for k := c; k <= last; k++ {
				m[k] = wd
			}
		}
		i += 3
	}
	return m
}

// standardEncoding is Adobe StandardEncoding where it differs from ASCII.
var standardEncodingHigh = map[byte]string{
	0x27: "quoteright", 0x60: "quoteleft",
	0xA1: "exclamdown", 0xA2: "cent", 0xA3: "sterling", 0xA4: "fraction", 0xA5: "yen", 0xA6: "florin",
	0xA7: "section", 0xA8: "currency", 0xA9: "quotesingle", 0xAA: "quotedblleft", 0xAB: "guillemotleft",
	0xAC: "guilsinglleft", 0xAD: "guilsinglright", 0xAE: "fi", 0xAF: "fl", 0xB1: "endash", 0xB2: "dagger",
	0xB3: "daggerdbl", 0xB4: "periodcentered", 0xB6: "paragraph", 0xB7: "bullet", 0xB8: "quotesinglbase",
	0xB9: "quotedblbase", 0xBA: "quotedblright", 0xBB: "guillemotright", 0xBC: "ellipsis", 0xBD: "perthousand",
	0xBF: "questiondown", 0xC1: "grave", 0xC2: "acute", 0xC3: "circumflex", 0xC4: "tilde", 0xC5: "macron",
	0xC6: "breve", 0xC7: "dotaccent", 0xC8: "dieresis", 0xCA: "ring", 0xCB: "cedilla", 0xCD: "hungarumlaut",
	0xCE: "ogonek", 0xCF: "caron", 0xD0: "emdash", 0xE1: "AE", 0xE3: "ordfeminine", 0xE8: "Lslash",
	0xE9: "Oslash", 0xEA: "OE", 0xEB: "ordmasculine", 0xF1: "ae", 0xF5: "dotlessi", 0xF8: "lslash",
	0xF9: "oslash", 0xFA: "oe", 0xFB: "germandbls",
}

func (f *font) buildSimpleEncoding(v, desc pdf.Value) {
	enc := v.Key("Encoding")
	base := ""
	var diffs pdf.Value
	switch enc.Kind() {
	case pdf.Name:
		base = enc.Name()
	case pdf.Dict:
		base = enc.Key("BaseEncoding").Name()
		diffs = enc.Key("Differences")
	}
	symbolic := desc.Key("Flags").Int64()&4 != 0
	sub := v.Key("Subtype").Name()
	if base == "" {
		switch {
		case sub == "TrueType" && symbolic && enc.IsNull():
			base = "identity"
		case sub == "Type1" && !symbolic, sub == "MMType1" && !symbolic:
			base = "StandardEncoding"
		case sub == "Type1" && strings.Contains(f.name, "Symbol"):
			base = "identity"
		default:
			base = "WinAnsiEncoding"
		}
	}
	for i := 0; i < 256; i++ {
		var r rune
		switch base {
		case "MacRomanEncoding":
			r = macRomanEncoding[i]
		case "StandardEncoding":
			if n, ok := standardEncodingHigh[byte(i)]; ok {
				f.enc[i] = glyphText(n)
				continue
			}
			if i >= 0x80 {
				continue
			}
			r = rune(i)
		case "identity":
			r = rune(i)
			if i < 32 {
				r = 0
			}
		default:
			r = winAnsiEncoding[i]
		}
		if r == noRune || r == 0 || r < 32 && r != 9 {
			continue
		}
		f.enc[i] = string(r)
	}
	if diffs.Kind() == pdf.Array {
		code := 0
		for i := 0; i < diffs.Len(); i++ {
			d := diffs.Index(i)
			switch d.Kind() {
			case pdf.Integer:
				code = int(d.Int64())
			case pdf.Name:
				if code >= 0 && code < 256 {
					f.enc[code] = glyphText(d.Name())
				}
				code++
			}
		}
	}
}

// glyphText maps a glyph name to its Unicode text (AGL rules: uniXXXX,
// uXXXX[XX], ligature names joined by "_", suffixes after ".").
func glyphText(name string) string {
	if r, ok := glyphNames[name]; ok {
		return string(r)
	}
	if i := strings.IndexByte(name, '.'); i > 0 {
		name = name[:i]
		if r, ok := glyphNames[name]; ok {
			return string(r)
		}
	}
	if strings.Contains(name, "_") {
		var b strings.Builder
		for _, p := range strings.Split(name, "_") {
			b.WriteString(glyphText(p))
		}
		return b.String()
	}
	if strings.HasPrefix(name, "uni") && len(name) >= 7 && (len(name)-3)%4 == 0 {
		var b strings.Builder
		for i := 3; i+4 <= len(name); i += 4 {
			v, err := strconv.ParseUint(name[i:i+4], 16, 32)
			if err != nil {
				return ""
			}
			b.WriteRune(rune(v))
		}
		return b.String()
	}
	if strings.HasPrefix(name, "u") && len(name) >= 5 && len(name) <= 7 {
		if v, err := strconv.ParseUint(name[1:], 16, 32); err == nil && v <= 0x10FFFF {
			return string(rune(v))
		}
	}
	return ""
}

// cmapData is the part of a CMap we use.
type cmapData struct {
	space []csRange
	uni   map[uint32]string
	cid   *codeToCID
	// size is what the Unicode map costs (text bytes plus a per-entry
	// overhead); over is set when parsing stopped at maxCMapOutput.
	size int
	over bool
}

// The expansion budget of ToUnicode maps, counted in output bytes (text
// plus cmapEntryCost per entry): a bfrange <0000> <FFFF> with a long
// destination string expands a few bytes of CMap into 65,536 copies of
// it (GBs), and a hundred fonts may share one such CMap. A full 16-bit
// map of short strings costs about 2.6 MB; real CJK maps a fraction.
const (
	maxCMapOutput    = 4 << 20  // one CMap
	maxDocCMapOutput = 64 << 20 // all the fonts of a document
	cmapEntryCost    = 36
)

// parseCMap parses a CMap program (ToUnicode or CID encoding). It is a
// small tokenizer of its own: the library's CMap reader mishandles
// bfrange arrays and multi-byte code spaces.
func parseCMap(b []byte) cmapData {
	var cm cmapData
	lx := cmapLexer{b: b}
	var operands []cmapTok
	for !cm.over {
		t, ok := lx.next()
		if !ok {
			break
		}
		if t.kind != tokKeyword {
			if len(operands) < 1<<16 {
				operands = append(operands, t)
			}
			continue
		}
		switch t.s {
		case "begincodespacerange", "beginbfchar", "beginbfrange", "begincidchar", "begincidrange":
			operands = operands[:0]
			continue
		case "endcodespacerange":
			cm.addCodespaceRanges(operands)
		case "endbfchar":
			cm.addBFChars(operands)
		case "endbfrange":
			cm.addBFRanges(operands)
		case "endcidchar":
			cm.addCIDChars(operands)
		case "endcidrange":
			cm.addCIDRanges(operands)
		}
		operands = operands[:0]
	}
	return cm
}

// put maps code c to text, counting the map's expanded size; past
// maxCMapOutput the map is over and takes nothing more.
func (cm *cmapData) put(c uint32, text string) {
	cm.size += len(text) + cmapEntryCost
	if cm.size > maxCMapOutput {
		cm.over = true
		return
	}
	cm.uni[c] = text
}

// addCodespaceRanges reads the pairs of a codespacerange section
// (<lo> <hi>, codes of 1 to 4 bytes).
func (cm *cmapData) addCodespaceRanges(ops []cmapTok) {
	for i := 0; i+1 < len(ops); i += 2 {
		lo, hi := ops[i], ops[i+1]
		if lo.kind == tokHex && hi.kind == tokHex && len(lo.s) > 0 && len(lo.s) <= 4 {
			cm.space = append(cm.space, csRange{len(lo.s), beUint(lo.s), beUint(hi.s)})
		}
	}
}

// addBFChars reads the pairs of a bfchar section: <code> and its text,
// as UTF-16BE <hex> or a glyph /name.
func (cm *cmapData) addBFChars(ops []cmapTok) {
	if cm.uni == nil {
		cm.uni = map[uint32]string{}
	}
	for i := 0; i+1 < len(ops); i += 2 {
		src, dst := ops[i], ops[i+1]
		if src.kind != tokHex {
			continue
		}
		switch dst.kind {
		case tokHex:
			cm.put(beUint(src.s), utf16BE(dst.s))
		case tokName:
			cm.put(beUint(src.s), glyphText(dst.s))
		}
	}
}

// addBFRanges reads the entries of a bfrange section (addBFRange); an
// entry that does not start with two codes is skipped a token at a time.
func (cm *cmapData) addBFRanges(ops []cmapTok) {
	if cm.uni == nil {
		cm.uni = map[uint32]string{}
	}
	for i := 0; i+2 < len(ops); {
		if ops[i].kind != tokHex || ops[i+1].kind != tokHex {
			i++
			continue
		}
		i = cm.addBFRange(ops, i)
	}
}

// addBFRange reads the bfrange entry at ops[i] (<lo> <hi> then a
// destination) and returns the index after it. A destination <hex> maps
// lo to its text and each next code to the text with its last byte
// counted up; an array [<t1> <t2> …] gives each code its own text. A
// range of more than 65,536 codes (or upside down) is skipped with its
// array.
func (cm *cmapData) addBFRange(ops []cmapTok, i int) int {
	lo, hi, dst := ops[i], ops[i+1], ops[i+2]
	l, h := beUint(lo.s), beUint(hi.s)
	if h < l || h-l > 65535 {
		i += 3
		if dst.kind == tokArrayStart {
			for i < len(ops) && ops[i-1].kind != tokArrayEnd {
				i++
			}
		}
		return i
	}
	switch dst.kind {
	case tokHex:
		base := []byte(dst.s)
		for c := l; c <= h && !cm.over; c++ {
			cm.put(c, utf16BE(string(base)))
			incLast(base)
		}
	case tokArrayStart:
		j := i + 3
		c := l
		for j < len(ops) && ops[j].kind != tokArrayEnd {
			if ops[j].kind == tokHex && c <= h {
				cm.put(c, utf16BE(ops[j].s))
			}
			c++
			j++
		}
		return j + 1
	}
	return i + 3
}

// addCIDChars reads the pairs of a cidchar section: <code> and its CID.
func (cm *cmapData) addCIDChars(ops []cmapTok) {
	if cm.cid == nil {
		cm.cid = &codeToCID{single: map[uint32]uint32{}}
	}
	for i := 0; i+1 < len(ops); i += 2 {
		if ops[i].kind == tokHex && ops[i+1].kind == tokNum {
			cm.cid.single[beUint(ops[i].s)] = uint32(ops[i+1].n)
		}
	}
}

// addCIDRanges reads the triples of a cidrange section: <lo> <hi> and
// the CID of lo.
func (cm *cmapData) addCIDRanges(ops []cmapTok) {
	if cm.cid == nil {
		cm.cid = &codeToCID{single: map[uint32]uint32{}}
	}
	for i := 0; i+2 < len(ops); i += 3 {
		if ops[i].kind == tokHex && ops[i+1].kind == tokHex && ops[i+2].kind == tokNum {
			cm.cid.ranges = append(cm.cid.ranges, cidRange{beUint(ops[i].s), beUint(ops[i+1].s), uint32(ops[i+2].n)})
		}
	}
}

func incLast(b []byte) {
	for i := len(b) - 1; i >= 0; i-- {
		b[i]++
		if b[i] != 0 {
			return
		}
	}
}

func beUint(s string) uint32 {
	var v uint32
	for i := 0; i < len(s) && i < 4; i++ {
		v = v<<8 | uint32(s[i])
	}
	return v
}

// utf16BE decodes a ToUnicode destination (UTF-16BE).
func utf16BE(s string) string {
	if len(s) == 1 {
		return string(rune(s[0]))
	}
	u := make([]uint16, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
	}
	rs := utf16.Decode(u)
	var b strings.Builder
	for _, r := range rs {
		if r == 0 || r == utf8.RuneError {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

type cmapTokKind int

const (
	tokKeyword cmapTokKind = iota
	tokHex
	tokName
	tokNum
	tokString
	tokArrayStart
	tokArrayEnd
	tokOther
)

type cmapTok struct {
	kind cmapTokKind
	s    string
	n    float64
}

type cmapLexer struct {
	b []byte
	i int
}

func (l *cmapLexer) next() (cmapTok, bool) {
	b := l.b
	for l.i < len(b) {
		c := b[l.i]
		switch {
		case c == '%':
			for l.i < len(b) && b[l.i] != '\n' && b[l.i] != '\r' {
				l.i++
			}
		case c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0:
			l.i++
		default:
			goto tok
		}
	}
	return cmapTok{}, false
tok:
	c := b[l.i]
	switch {
	case c == '<' && l.i+1 < len(b) && b[l.i+1] == '<':
		l.i += 2
		return cmapTok{kind: tokOther, s: "<<"}, true
	case c == '>' && l.i+1 < len(b) && b[l.i+1] == '>':
		l.i += 2
		return cmapTok{kind: tokOther, s: ">>"}, true
	case c == '<':
		out, n := decodeHex(b[l.i+1:])
		l.i += 1 + n + 1
		return cmapTok{kind: tokHex, s: string(out)}, true
	case c == '[':
		l.i++
		return cmapTok{kind: tokArrayStart}, true
	case c == ']':
		l.i++
		return cmapTok{kind: tokArrayEnd}, true
	case c == '(':
		depth := 0
		start := l.i
		for l.i < len(b) {
			ch := b[l.i]
			l.i++
			if ch == '\\' {
				l.i++
				continue
			}
			if ch == '(' {
				depth++
			} else if ch == ')' {
				depth--
				if depth == 0 {
					break
				}
			}
		}
		end := l.i
		if end > len(b) {
			end = len(b)
		}
		return cmapTok{kind: tokString, s: string(b[start:end])}, true
	case c == '/':
		l.i++
		start := l.i
		for l.i < len(b) && !isPDFSpaceOrDelim(b[l.i]) {
			l.i++
		}
		return cmapTok{kind: tokName, s: string(b[start:l.i])}, true
	case c == '{' || c == '}' || c == ')' || c == '>':
		l.i++
		return cmapTok{kind: tokOther, s: string(c)}, true
	}
	start := l.i
	for l.i < len(b) && !isPDFSpaceOrDelim(b[l.i]) {
		l.i++
	}
	if l.i == start {
		l.i++
		return cmapTok{kind: tokOther}, true
	}
	s := string(b[start:l.i])
	if (s[0] >= '0' && s[0] <= '9') || s[0] == '-' || s[0] == '.' || s[0] == '+' {
		if v, err := strconv.ParseFloat(s, 64); err == nil {
			return cmapTok{kind: tokNum, n: v}, true
		}
	}
	return cmapTok{kind: tokKeyword, s: s}, true
}

// decodeHex decodes the PDF hex digits of b up to its first '>' (or its
// end), skipping white space and any other byte that is not a hex digit;
// an odd final digit is read as if followed by 0 (PDF 32000-1, 7.3.4.3).
// It returns the bytes and the index of the '>' (len(b) when there is none).
func decodeHex(b []byte) ([]byte, int) {
	// sized by the string, not by b: a content lexer passes the rest of
	// its stream (half of it per hex string made reading quadratic)
	end := bytes.IndexByte(b, '>')
	if end < 0 {
		end = len(b)
	}
	out := make([]byte, 0, end/2+1)
	hi := -1
	i := 0
	for ; i < len(b) && b[i] != '>'; i++ {
		v := unhexByte(b[i])
		if v < 0 {
			continue
		}
		if hi < 0 {
			hi = v
		} else {
			out = append(out, byte(hi<<4|v))
			hi = -1
		}
	}
	if hi >= 0 {
		out = append(out, byte(hi<<4))
	}
	return out, i
}

func unhexByte(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

func isPDFSpaceOrDelim(c byte) bool {
	switch c {
	case ' ', '\n', '\r', '\t', '\f', 0, '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

// loadEmbeddedCmap reads the text of the glyphs of a CID TrueType font
// without ToUnicode from its embedded font program.
func (f *font) loadEmbeddedCmap(df, desc pdf.Value, d *docState) {
	if df.Key("Subtype").Name() != "CIDFontType2" {
		return
	}
	ff := desc.Key("FontFile2")
	if ff.Kind() != pdf.Stream {
		return
	}
	f.gidText = trueTypeGlyphText(d.readStream(ff, 32<<20))
	if m := df.Key("CIDToGIDMap"); m.Kind() == pdf.Stream {
		b := d.readStream(m, 1<<18)
		f.cidToGID = make([]uint16, len(b)/2)
		for i := range f.cidToGID {
			f.cidToGID[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		}
	}
}

// digitValue returns the value of an ASCII, Arabic-Indic or extended
// Arabic-Indic digit, its family (0, 1, 2), and whether s is one.
func digitValue(s string) (val, family int, ok bool) {
	r, n := utf8.DecodeRuneInString(s)
	if n != len(s) || n == 0 {
		return 0, 0, false
	}
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0'), 0, true
	case r >= 0x0660 && r <= 0x0669:
		return int(r - 0x0660), 1, true
	case r >= 0x06F0 && r <= 0x06F9:
		return int(r - 0x06F0), 2, true
	}
	return 0, 0, false
}

// digitsOutOfOrder reports whether a ToUnicode map gives the digits of one
// family to codes out of their order (a higher code for a lower digit).
// Font programs number the glyphs of 0…9 in ascending order, and so do
// ToUnicode maps that are right; a map that is out of order is worth a
// check against the font's own cmap (fixToUnicodeDigits). The test keeps
// that check, which decodes the font program, off the common case.
func digitsOutOfOrder(toUni map[uint32]string) bool {
	type cd struct {
		code     uint32
		val, fam int
	}
	var ds []cd
	for code, t := range toUni {
		if v, fam, ok := digitValue(t); ok {
			ds = append(ds, cd{code, v, fam})
		}
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i].code < ds[j].code })
	maxVal := [3]int{-1, -1, -1}
	for _, x := range ds {
		if x.val < maxVal[x.fam] {
			return true
		}
		maxVal[x.fam] = x.val
	}
	return false
}

// fixToUnicodeDigits corrects the digits of a ToUnicode map from the
// embedded TrueType font program's own cmap. Word writes the runs of
// right-to-left paragraphs inside marked content
// "/TagSuspect <</TagSuspect /Ordering>>" and builds the ToUnicode map of
// the font from the characters of those runs in their reversed order, so
// a digit glyph can be mapped to the digit of another glyph of the same
// number: in ar/E_ESCWA_30_3_ar.pdf the glyph drawn "0" is mapped to "3"
// and the glyph drawn "3" to "0", so "E/ESCWA/30/3" read "E/ESCWA/03/3"
// and "2018" read "8102" (pdftotext shows the same). The font's cmap
// (Unicode → glyph) is what draws the page, so where it gives a glyph a
// different digit, that digit wins, written in the ToUnicode map's digit
// family. Only digits change, and only when the font's cmap agrees with
// the ToUnicode map on at least four fifths of the other glyphs both
// name, so a font with a made-up cmap is left alone.
func (f *font) fixToUnicodeDigits(df, desc pdf.Value, d *docState) {
	f.loadEmbeddedCmap(df, desc, d)
	gidText, cidToGID := f.gidText, f.cidToGID
	f.gidText, f.cidToGID = nil, nil
	if gidText == nil {
		return
	}
	glyph := func(code uint32) (rune, bool) {
		cid := code
		if f.cidOf != nil {
			cid = f.cidOf.lookup(code)
		}
		gid := cid
		if cidToGID != nil {
			gid = 0
			if int(cid) < len(cidToGID) {
				gid = uint32(cidToGID[cid])
			}
		}
		if gid > 0xFFFF {
			return 0, false
		}
		r, ok := gidText[uint16(gid)]
		return r, ok
	}
	fix := map[uint32]string{}
	agree, compared := 0, 0
	for code, t := range f.toUni {
		r, ok := glyph(code)
		if !ok {
			continue
		}
		if _, fam, ok := digitValue(t); ok {
			if gv, _, ok := digitValue(string(r)); ok {
				if want := string(rune([]int{'0', 0x0660, 0x06F0}[fam] + gv)); want != t {
					fix[code] = want
				}
			}
			continue
		}
		compared++
		if norm.NFKC.String(string(r)) == norm.NFKC.String(t) {
			agree++
		}
	}
	if len(fix) == 0 || agree*5 < compared*4 {
		return
	}
	for code, t := range fix {
		f.toUni[code] = t
	}
}
