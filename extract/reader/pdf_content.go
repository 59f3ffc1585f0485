package reader

import (
	"context"
	"io"
	"math"
	"regexp"

	"github.com/ledongthuc/pdf"
)

// Limits that bound the work done on one page.
const (
	maxContentBytes = 64 << 20 // decoded content per page (all streams)
	maxOpsPerPage   = 4 << 20
	// A dense real page shows a few thousand glyphs with as many text
	// operators (the corpus: at most about 7,000); a page that shows more
	// than these is a flood whose layout would take minutes and GBs, and
	// fails with ErrLimit.
	maxGlyphs         = 200_000
	maxTextOpsPerPage = 200_000
	maxFormDepth      = 12
	maxFormCalls      = 4096
)

type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns m × n (apply m first, then n).
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2],
		m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2],
		m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4],
		m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func (m matrix) apply(x, y float64) (float64, float64) {
	return m[0]*x + m[2]*y + m[4], m[1]*x + m[3]*y + m[5]
}

type gstate struct {
	ctm      matrix
	tc, tw   float64
	th       float64
	tl       float64
	fontSize float64
	rise     float64
	font     *font
}

type abortError struct{ err error }

// interp runs content streams of one page.
type interp struct {
	ctx    context.Context
	doc    *docState
	glyphs []Glyph
	ops    int
	// textOps counts the text-showing operators (bounded by
	// maxTextOpsPerPage).
	textOps int
	forms   int
	codes   []glyphCode
	// decoded counts the content bytes decoded for this page, forms
	// included (bounded by maxContentBytes; see interp.content).
	decoded int
}

// docState is per-document caching.
type docState struct {
	fonts     map[string]*font
	data      []byte
	encrypted bool
	// decoded counts the content bytes decoded for the whole document
	// (bounded by maxDocContentBytes; see interp.content).
	decoded int
	// cmapOutput counts what the ToUnicode maps of the document's fonts
	// cost (bounded by maxDocCMapOutput).
	cmapOutput int
	// glyphBuf is the glyph buffer of the page read last, reused by the
	// next page (the page's consumer copies what it keeps).
	glyphBuf []Glyph
	// unsupported counts the streams not read for their filter, by filter.
	unsupported map[string]int
}

var refRe = regexp.MustCompile(`/([^\s/<>\[\]()]+) (\d+) (\d+) R`)

// resources is a resource dictionary with the object references of its
// fonts and XObjects, which key the document-wide caches (the library
// exposes no object identity and has no object cache).
type resources struct {
	v        pdf.Value
	fontDict pdf.Value
	fontRefs map[string]string
	xobjDict pdf.Value
	xobjRefs map[string]string
	fonts    map[string]*font
}

func newResources(v pdf.Value) *resources {
	r := &resources{v: v, fonts: map[string]*font{}}
	r.fontDict = v.Key("Font")
	r.fontRefs = refsOf(r.fontDict)
	r.xobjDict = v.Key("XObject")
	return r
}

func refsOf(d pdf.Value) map[string]string {
	m := map[string]string{}
	if d.Kind() != pdf.Dict {
		return m
	}
	for _, sm := range refRe.FindAllStringSubmatch(d.String(), -1) {
		if _, dup := m[sm[1]]; !dup {
			m[sm[1]] = sm[2] + " " + sm[3]
		}
	}
	return m
}

func (in *interp) font(res *resources, name string) *font {
	if f, ok := res.fonts[name]; ok {
		return f
	}
	key := res.fontRefs[name]
	var f *font
	if key != "" {
		f = in.doc.fonts[key]
	}
	if f == nil {
		v := res.fontDict.Key(name)
		if v.Kind() != pdf.Dict {
			f = &font{dw: 1000, missingW: 500}
		} else {
			f = loadFont(v, in.doc)
		}
		if key != "" {
			in.doc.fonts[key] = f
		}
	}
	res.fonts[name] = f
	return f
}

// readContent decodes v (a content stream, an array of them, or a Form
// XObject), each stream followed by a newline, stopping once more than
// budget bytes have been read (so len(out) > budget tells an overflow).
func (d *docState) readContent(v pdf.Value, budget int) []byte {
	var out []byte
	add := func(s pdf.Value) {
		if s.Kind() != pdf.Stream || len(out) >= budget {
			return
		}
		if b := d.readStream(s, budget-len(out)); out == nil {
			out = b // one stream (most pages): no copy
		} else {
			out = append(out, b...)
		}
		out = append(out, '\n')
	}
	if v.Kind() == pdf.Array {
		for i := 0; i < v.Len() && i < 10000; i++ {
			add(v.Index(i))
		}
	} else {
		add(v)
	}
	return out
}

// run interprets content with resources res under the graphics state g.
func (in *interp) run(content []byte, res *resources, g gstate, depth int, visiting map[string]bool) {
	lx := contentLexer{b: content}
	var stack []gstate
	tp := textPos{tm: identity, tlm: identity}
	var args []operand
	for {
		op, a, ok := lx.next(args)
		args = a
		if !ok {
			return
		}
		if !in.countOp(op) {
			return
		}
		switch op {
		case "q":
			if len(stack) < 256 {
				stack = append(stack, g)
			}
		case "Q":
			if n := len(stack); n > 0 {
				g = stack[n-1]
				stack = stack[:n-1]
			}
		case "cm":
			if len(args) >= 6 {
				g.ctm = matrix{argNum(args, 0), argNum(args, 1), argNum(args, 2), argNum(args, 3), argNum(args, 4), argNum(args, 5)}.mul(g.ctm)
			}
		case "Do":
			if len(args) >= 1 && in.forms < maxFormCalls {
				in.doXObject(res, args[0].str, g, depth, visiting)
			}
		case "Tf":
			if len(args) >= 2 {
				g.font = in.font(res, args[0].str)
				g.fontSize = argNum(args, 1)
			}
		default:
			if !setTextState(op, args, &g) {
				in.textOp(op, args, &g, &tp)
			}
		}
	}
}

// textPos is the text matrix and the text line matrix of a text object.
type textPos struct{ tm, tlm matrix }

// argNum is operand i as a number (0 when missing).
func argNum(args []operand, i int) float64 {
	if i < len(args) {
		return args[i].num
	}
	return 0
}

// setTextState runs a text state operator (Tc, Tw, Tz, TL, Ts) on g; it
// reports false for other operators.
func setTextState(op string, args []operand, g *gstate) bool {
	switch op {
	case "Tc":
		g.tc = argNum(args, 0)
	case "Tw":
		g.tw = argNum(args, 0)
	case "Tz":
		g.th = argNum(args, 0) / 100
	case "TL":
		g.tl = argNum(args, 0)
	case "Ts":
		g.rise = argNum(args, 0)
	default:
		return false
	}
	return true
}

// textOp runs a text object, positioning or showing operator (BT, Td,
// TD, Tm, T*, Tj, ', ", TJ); others are ignored.
func (in *interp) textOp(op string, args []operand, g *gstate, tp *textPos) {
	switch op {
	case "BT":
		tp.tm, tp.tlm = identity, identity
	case "Td":
		tp.tlm = matrix{1, 0, 0, 1, argNum(args, 0), argNum(args, 1)}.mul(tp.tlm)
		tp.tm = tp.tlm
	case "TD":
		g.tl = -argNum(args, 1)
		tp.tlm = matrix{1, 0, 0, 1, argNum(args, 0), argNum(args, 1)}.mul(tp.tlm)
		tp.tm = tp.tlm
	case "Tm":
		if len(args) >= 6 {
			tp.tlm = matrix{argNum(args, 0), argNum(args, 1), argNum(args, 2), argNum(args, 3), argNum(args, 4), argNum(args, 5)}
			tp.tm = tp.tlm
		}
	case "T*":
		tp.tlm = nextLine(tp.tlm, g.tl)
		tp.tm = tp.tlm
	case "Tj":
		if len(args) >= 1 {
			in.show(g, &tp.tm, args[len(args)-1].str)
		}
	case "'":
		tp.tlm = nextLine(tp.tlm, g.tl)
		tp.tm = tp.tlm
		if len(args) >= 1 {
			in.show(g, &tp.tm, args[len(args)-1].str)
		}
	case "\"":
		if len(args) >= 3 {
			g.tw = argNum(args, 0)
			g.tc = argNum(args, 1)
			tp.tlm = nextLine(tp.tlm, g.tl)
			tp.tm = tp.tlm
			in.show(g, &tp.tm, args[2].str)
		}
	case "TJ":
		if len(args) >= 1 && args[len(args)-1].kind == opArray {
			in.showArray(g, &tp.tm, args[len(args)-1].arr)
		}
	}
}

// countOp counts one operator against the limits of a page: it checks
// for cancellation every 1024 operators, aborts the document past
// maxTextOpsPerPage text-showing operators, and reports false (stop
// reading the page) past maxOpsPerPage operators.
func (in *interp) countOp(op string) bool {
	in.ops++
	if in.ops&1023 == 0 {
		if err := in.ctx.Err(); err != nil {
			panic(abortError{err})
		}
	}
	if in.ops > maxOpsPerPage {
		return false
	}
	switch op {
	case "Tj", "TJ", "'", "\"":
		in.textOps++
		if in.textOps > maxTextOpsPerPage {
			panic(abortError{limitError("more than %d text operators on one page", maxTextOpsPerPage)})
		}
	}
	return true
}

// nextLine is the text line matrix of the next line (T*, ' and "):
// leading tl below the line matrix tlm.
func nextLine(tlm matrix, tl float64) matrix {
	return matrix{1, 0, 0, 1, 0, -tl}.mul(tlm)
}

// showArray shows the array of a TJ operator: strings are shown, numbers
// move the text position back by thousandths of the font size (along
// the line, scaled horizontally; down in a vertical font).
func (in *interp) showArray(g *gstate, tm *matrix, arr []operand) {
	for _, e := range arr {
		switch e.kind {
		case opStr:
			in.show(g, tm, e.str)
		case opNum:
			adj := -e.num / 1000 * g.fontSize * g.th
			if g.font != nil && g.font.vertical {
				*tm = matrix{1, 0, 0, 1, 0, -e.num / 1000 * g.fontSize}.mul(*tm)
			} else {
				*tm = matrix{1, 0, 0, 1, adj, 0}.mul(*tm)
			}
		}
	}
}

func (in *interp) doXObject(res *resources, name string, g gstate, depth int, visiting map[string]bool) {
	if res.xobjRefs == nil {
		res.xobjRefs = refsOf(res.xobjDict)
	}
	key := res.xobjRefs[name]
	if key != "" && visiting[key] {
		return // reference loop
	}
	x := res.xobjDict.Key(name)
	if x.Kind() != pdf.Stream || x.Key("Subtype").Name() != "Form" {
		return
	}
	if depth >= maxFormDepth {
		panic(abortError{limitError("Form XObjects nested more than %d deep", maxFormDepth)})
	}
	in.forms++
	m := x.Key("Matrix")
	if m.Len() == 6 {
		var fm matrix
		for i := range fm {
			fm[i] = m.Index(i).Float64()
		}
		g.ctm = fm.mul(g.ctm)
	}
	sub := res
	if r := x.Key("Resources"); r.Kind() == pdf.Dict {
		sub = newResources(r)
	}
	if key != "" {
		visiting[key] = true
		defer delete(visiting, key)
	}
	content := in.content(x)
	in.run(content, sub, g, depth+1, visiting)
}

// show emits the glyphs of one shown string and advances tm.
func (in *interp) show(g *gstate, tm *matrix, s string) {
	f := g.font
	if f == nil {
		f = &font{dw: 1000, missingW: 500}
		g.font = f
	}
	in.codes = f.codes(s, in.codes)
	fs := g.fontSize
	th := g.th
	for _, c := range in.codes {
		w := f.width(c)
		text := f.text(c)
		trm := tm.mul(g.ctm)
		var tx, ty float64
		var gx, gy float64 // glyph extent in text space
		if f.vertical {
			ty = -(w*0 + 1) * fs
			ty -= g.tc
			gx, gy = 0, -fs
		} else {
			tx = (w*fs + g.tc) * th
			if c.n == 1 && c.code == 32 {
				tx += g.tw * th
			}
			gx = w * fs * th
		}
		x0, y0 := trm.apply(0, g.rise)
		x1, y1 := trm.apply(gx, g.rise+gy)
		size := fs * math.Hypot(trm[2], trm[3])
		if f.type3 && f.type3Size > 0 {
			size *= f.type3Size
		}
		if text != "" {
			if len(in.glyphs) >= maxGlyphs {
				panic(abortError{limitError("more than %d glyphs on one page", maxGlyphs)})
			}
			sp := isBlank(text)
			in.glyphs = append(in.glyphs, Glyph{
				Text: text, X0: x0, Y0: y0, X1: x1, Y1: y1,
				Size: size, Bold: f.bold, Space: sp, Seq: len(in.glyphs),
			})
		}
		*tm = matrix{1, 0, 0, 1, tx, ty}.mul(*tm)
	}
}

func isBlank(s string) bool {
	for _, r := range s {
		switch r {
		case ' ', '\t', '\n', '\r', 0xA0, 0x2002, 0x2003, 0x2009, 0x200A, 0x202F, 0x3000, 0x2007, 0x2008, 0x2004, 0x2005, 0x2006:
		default:
			return false
		}
	}
	return true
}

var _ = io.EOF
