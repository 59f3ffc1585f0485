package layout

import (
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/docindex/docindex/extract/reader"
	"golang.org/x/text/unicode/norm"
)

// Layout tuning, as fractions of the font size.
const (
	wordGap      = 0.12 // a gap wider than this starts a new word
	cjkWordGap   = 0.6  // between two CJK characters
	baselineTol  = 0.25 // fragments closer than this share a baseline
	segmentGap   = 5.0  // a gap wider than this splits a line into two
	fragBackstep = 0.3
)

// fglyph is a glyph in the page frame of its text direction: u runs
// along the text, v is the baseline measured downwards from the top.
type fglyph struct {
	text   string
	u0, u1 float64
	v      float64
	size   float64
	bold   bool
	space  bool
	seq    int
}

// frame maps device coordinates to a frame for rotation class rot
// (0: left-to-right, 1: bottom-to-top, 2: upside down, 3: top-to-bottom).
func frame(rot int, box [4]float64, x, y float64) (u, v float64) {
	switch rot {
	case 1:
		return y - box[1], x - box[0]
	case 2:
		return box[2] - x, y - box[1]
	case 3:
		return box[3] - y, box[2] - x
	}
	return x - box[0], box[3] - y
}

func rotClass(dx, dy float64) int {
	if math.Abs(dx) >= math.Abs(dy) {
		if dx >= 0 {
			return 0
		}
		return 2
	}
	if dy > 0 {
		return 1
	}
	return 3
}

// maxReusedGlyphs bounds the glyph buffers kept for the next page (5 MB).
const maxReusedGlyphs = 1 << 16

// fglyphPool holds layoutPage's glyph buffers.
var fglyphPool = sync.Pool{New: func() any { return new([]fglyph) }}

// layoutPage turns glyphs into a page of lines in reading order: the
// glyphs of the page's main direction (mainRotation) first, then those
// of the other directions, then diagonal text (watermarks, stamps), each
// group made into lines by buildLines in its own frame.
func layoutPage(gs []reader.Glyph, box [4]float64, rotate int) Page {
	var p Page
	p.Width, p.Height = box[2]-box[0], box[3]-box[1]
	byRot := [4][]fglyph{}
	// the upright glyphs in a buffer from the pool: a Page keeps no
	// fglyph, so the buffer goes back when the page is laid out
	buf := fglyphPool.Get().(*[]fglyph)
	if cap(*buf) >= len(gs) {
		byRot[0] = (*buf)[:0]
	} else {
		byRot[0] = make([]fglyph, 0, len(gs))
	}
	defer func() {
		if cap(byRot[0]) <= maxReusedGlyphs {
			*buf = byRot[0][:0]
		}
		fglyphPool.Put(buf)
	}()
	var counts [4]int
	var diag diagonalText
	last, lastAngle := 0, -1
	for _, g := range gs {
		rot, angle := glyphDirection(g.X1-g.X0, g.Y1-g.Y0, last, lastAngle)
		last, lastAngle = rot, angle
		t := cleanGlyphText(g.Text)
		if t == "" {
			continue
		}
		if angle >= 0 {
			diag.add(angle, diagonalGlyph(g, t, angle))
			continue
		}
		byRot[rot] = append(byRot[rot], uprightGlyph(g, t, rot, box))
		if !g.Space {
			counts[rot]++
		}
	}
	main := mainRotation(counts)
	if main == 1 || main == 3 {
		p.Width, p.Height = p.Height, p.Width
	}
	if counts[0]+counts[1]+counts[2]+counts[3]+diag.letters() == 0 {
		p.NoText = true
		p.Lines = []Line{}
		return p
	}
	p.Lines = buildLines(byRot[main], p.Width)
	for r := 0; r < 4; r++ {
		if r != main && counts[r] > 0 {
			p.Lines = append(p.Lines, buildLines(byRot[r], 0)...)
		}
	}
	for _, a := range diag.angles {
		p.Lines = append(p.Lines, buildLines(diag.byAngle[a], 0)...)
	}
	p.Text = linesText(p.Lines)
	return p
}

// glyphDirection classifies a glyph by its advance (dx, dy): its
// rotation class (rotClass) and, for text more than 10 degrees off the
// axes, its angle in whole degrees (0 to 359; -1 on an axis). A glyph
// without advance takes the direction of the glyph before it (last,
// lastAngle).
func glyphDirection(dx, dy float64, last, lastAngle int) (rot, angle int) {
	if dx == 0 && dy == 0 {
		return last, lastAngle
	}
	rot, angle = rotClass(dx, dy), -1
	deg := math.Atan2(dy, dx) * 180 / math.Pi
	if off := math.Abs(deg - 90*math.Round(deg/90)); off > 10 {
		angle = int(math.Round(deg))
		if angle < 0 {
			angle += 360
		}
	}
	return rot, angle
}

// diagonalText is the diagonal text of a page, one group per angle, in
// the order the angles first come.
type diagonalText struct {
	byAngle map[int][]fglyph
	angles  []int
}

func (d *diagonalText) add(angle int, g fglyph) {
	if d.byAngle == nil {
		d.byAngle = map[int][]fglyph{}
	}
	if _, ok := d.byAngle[angle]; !ok {
		d.angles = append(d.angles, angle)
	}
	d.byAngle[angle] = append(d.byAngle[angle], g)
}

// letters counts the glyphs of the diagonal text that are not spaces.
func (d *diagonalText) letters() int {
	n := 0
	for _, a := range d.angles {
		for _, g := range d.byAngle[a] {
			if !g.space {
				n++
			}
		}
	}
	return n
}

// diagonalGlyph is glyph g (text t) of diagonal text in the frame of its
// angle: device space rotated by -angle, u along the text, v down.
func diagonalGlyph(g reader.Glyph, t string, angle int) fglyph {
	sin, cos := math.Sincos(float64(angle) * math.Pi / 180)
	u0 := g.X0*cos + g.Y0*sin
	u1 := g.X1*cos + g.Y1*sin
	v := -(-g.X0*sin + g.Y0*cos)
	return fglyph{text: t, u0: u0, u1: math.Max(u0, u1), v: v, size: math.Max(g.Size, 0.5), space: g.Space, seq: g.Seq}
}

// uprightGlyph is glyph g (text t) in the frame of rotation class rot,
// its size at least 0.5.
func uprightGlyph(g reader.Glyph, t string, rot int, box [4]float64) fglyph {
	u0, v := frame(rot, box, g.X0, g.Y0)
	u1, _ := frame(rot, box, g.X1, g.Y1)
	if u1 < u0 {
		u1 = u0
	}
	fg := fglyph{text: t, u0: u0, u1: u1, v: v, size: g.Size, bold: g.Bold, space: g.Space, seq: g.Seq}
	if fg.size < 0.5 {
		fg.size = 0.5
	}
	return fg
}

// mainRotation is the rotation class with most letters (the first on a
// tie): the direction of the page's text.
func mainRotation(counts [4]int) int {
	main := 0
	for r := 1; r < 4; r++ {
		if counts[r] > counts[main] {
			main = r
		}
	}
	return main
}

// linesText is the text of a page: its lines, one a line.
func linesText(lines []Line) string {
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(l.Text)
	}
	return b.String()
}

// cleanGlyphText decodes presentation forms and ligatures (NFKC on the
// compatibility blocks only) and drops control and zero-width characters.
func cleanGlyphText(s string) string {
	clean := true
	for _, r := range s {
		if r < 0x20 || (r >= 0xFB00 && r <= 0xFDFF) || (r >= 0xFE70 && r <= 0xFEFF) ||
			(r >= 0x200B && r <= 0x200F) || (r >= 0x202A && r <= 0x202E) || r == 0xFFFD || r == 0x00AD && false {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			b.WriteByte(' ')
		case r < 0x20, r == 0xFEFF, r == 0xFFFD, r >= 0x200B && r <= 0x200F, r >= 0x202A && r <= 0x202E:
		case (r >= 0xFB00 && r <= 0xFDFF) || (r >= 0xFE70 && r <= 0xFEFE):
			b.WriteString(norm.NFKC.String(string(r)))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

type fragment struct {
	gs     []fglyph
	v      float64 // baseline (of the first glyph)
	size   float64
	u0, u1 float64
	chars  int
	dup    bool // same text as a fragment already in the line
}

type lineAcc struct {
	frags  []*fragment
	v      float64
	size   float64
	u0, u1 float64
}

// buildLines groups glyphs of one text direction into lines: glyphs into
// fragments (makeFragments), fragments into lines (assignLines), each
// line cut at wide gaps and at the column gutter into the Lines of the
// page (cutLine), in reading order.
func buildLines(gs []fglyph, width float64) []Line {
	if len(gs) == 0 {
		return nil
	}
	lines := assignLines(makeFragments(gs))
	gutter := findGutter(lines, width)
	var out []Line
	var scratch []fglyph
	if p, _ := scratchPool.Get().(*[]fglyph); p != nil {
		scratch = (*p)[:0]
	}
	for _, l := range lines {
		out, scratch = cutLine(out, l, gutter, scratch, len(gs))
	}
	if cap(scratch) <= maxPooledScratch {
		scratchPool.Put(&scratch)
	}
	sortReading(out, gutter)
	return out
}

// scratchPool keeps cutLine's scratch glyphs from page to page (it was
// a tenth of what reading a page allocated); one of more than
// maxPooledScratch glyphs (a page of tens of thousands) is left to the
// collector.
var scratchPool sync.Pool

const maxPooledScratch = 1 << 14

// makeFragments cuts glyphs (content order) into fragments: runs of
// glyphs on one baseline (continuesFragment). Fragments made only of
// spaces are dropped.
func makeFragments(gs []fglyph) []*fragment {
	var frags []*fragment
	var cur *fragment
	start := 0
	for i, g := range gs {
		if cur != nil && continuesFragment(cur, gs[i-1], g) {
			cur.gs = gs[start : i+1 : i+1]
			cur.u1 = math.Max(cur.u1, g.u1)
			cur.u0 = math.Min(cur.u0, g.u0)
			if !g.space {
				cur.chars++
			}
			continue
		}
		start = i
		cur = &fragment{gs: gs[i : i+1 : i+1], v: g.v, size: g.size, u0: g.u0, u1: g.u1}
		if !g.space {
			cur.chars = 1
		}
		frags = append(frags, cur)
	}
	k := 0
	for _, f := range frags {
		if f.chars > 0 {
			frags[k] = f
			k++
		}
	}
	return frags[:k]
}

// continuesFragment reports whether glyph g, drawn after glyph lg, goes
// on fragment cur: on the same baseline (within 0.1 of the larger size)
// in about the same size (0.15), starting after lg's end (a backstep of
// fragBackstep sizes allowed, for estimated widths) and at most 1.5 sizes
// after it; or a combining mark drawn over the fragment's letters.
func continuesFragment(cur *fragment, lg, g fglyph) bool {
	sz := math.Max(g.size, lg.size)
	sameRun := math.Abs(g.v-lg.v) <= 0.1*sz && math.Abs(g.size-lg.size) <= 0.15*sz &&
		g.u0 >= lg.u1-fragBackstep*sz && g.u0 <= lg.u1+1.5*sz
	// a combining mark stays with the letters it is drawn over
	mark := isMarkText(g.text) && math.Abs(g.v-lg.v) <= 0.6*sz &&
		g.u0 >= cur.u0-0.5*sz && g.u0 <= cur.u1+0.5*sz
	return sameRun || mark
}

// assignLines assigns fragments, biggest first (then top to bottom), to
// the nearest line they fit (fitsLine), or makes them a line of their
// own; a fragment that repeats text already in its line (faked bold) is
// dropped. Lines are returned top to bottom. Lines are found through
// buckets of their baseline, and at most maxLineCheck candidates are
// compared, so that hostile pages (every glyph on its own line, or all
// at one spot) stay near linear.
func assignLines(frags []*fragment) []*lineAcc {
	order := make([]*fragment, len(frags))
	copy(order, frags)
	sort.SliceStable(order, func(i, j int) bool {
		if math.Abs(order[i].size-order[j].size) > 0.05 {
			return order[i].size > order[j].size
		}
		return order[i].v < order[j].v
	})
	const bucketH = 4.0
	const maxLineCheck = 256
	var lines []*lineAcc
	buckets := map[int][]*lineAcc{}
	for _, f := range order {
		var best *lineAcc
		bestD := math.MaxFloat64
		reach := math.Min(2*f.size+20, 800)
		lo, hi := int(math.Floor((f.v-reach)/bucketH)), int(math.Floor((f.v+reach)/bucketH))
		checked := 0
		for b := lo; b <= hi && checked < maxLineCheck; b++ {
			for _, l := range buckets[b] {
				checked++
				if d := math.Abs(f.v - l.v); fitsLine(l, f) && d < bestD {
					best, bestD = l, d
				}
			}
		}
		if best == nil {
			nl := &lineAcc{frags: []*fragment{f}, v: f.v, size: f.size, u0: f.u0, u1: f.u1}
			lines = append(lines, nl)
			k := int(math.Floor(f.v / bucketH))
			buckets[k] = append(buckets[k], nl)
			continue
		}
		if f.dup {
			continue
		}
		best.frags = append(best.frags, f)
		best.u0 = math.Min(best.u0, f.u0)
		best.u1 = math.Max(best.u1, f.u1)
	}
	sort.SliceStable(lines, func(i, j int) bool { return lines[i].v < lines[j].v })
	return lines
}

// fitsLine reports whether fragment f belongs on line l: on its
// baseline (within baselineTol of the smaller size) in at least 0.7 of
// its size, not overlapping its text (by 0.6); or, smaller than 0.9 of
// the line's size and between 0.65 of a size above and 0.35 below its
// baseline, a superscript or subscript next to the line's text (within
// 1.2 sizes, overlapping by less than 0.3). overlapsFrags marks f as a
// duplicate when it repeats text of the line at the same place.
func fitsLine(l *lineAcc, f *fragment) bool {
	d := math.Abs(f.v - l.v)
	sz := math.Min(f.size, l.size)
	if d <= baselineTol*sz && f.size >= 0.7*l.size {
		return !overlapsFrags(l, f, 0.6)
	}
	if f.size < 0.9*l.size && f.v > l.v-0.65*l.size && f.v < l.v+0.35*l.size {
		// superscript / subscript: must sit next to the line's text
		return near(l, f, 1.2*l.size) && !overlapsFrags(l, f, 0.3)
	}
	return false
}

// cutLine appends to out the Lines of line l: its fragments left to
// right, each in content order (glyph widths may be estimates, so glyphs
// are not interleaved across fragments), glyphs drawn twice dropped
// (dedupe), cut where segmentBreak says. scratch is reused across lines
// (makeLine keeps nothing of it); nglyphs sizes it.
func cutLine(out []Line, l *lineAcc, gutter float64, scratch []fglyph, nglyphs int) ([]Line, []fglyph) {
	sort.SliceStable(l.frags, func(i, j int) bool { return l.frags[i].u0 < l.frags[j].u0 })
	n := 0
	for _, f := range l.frags {
		n += len(f.gs)
	}
	if cap(scratch) < n {
		scratch = make([]fglyph, 0, max(n, nglyphs/4))
	}
	all := scratch[:0]
	for _, f := range l.frags {
		all = append(all, f.gs...)
	}
	all = dedupe(all)
	start := 0
	lastEnd := math.Inf(-1)
	lastSize := 0.0
	for i, g := range all {
		if g.space {
			continue
		}
		if i > start && segmentBreak(g, lastEnd, lastSize, gutter) {
			if ln, ok := makeLine(all[start:i], l.v, l.size); ok {
				out = append(out, ln)
			}
			start = i
		}
		lastEnd = math.Max(lastEnd, g.u1)
		if i == start {
			lastEnd = g.u1
		}
		lastSize = g.size
	}
	if ln, ok := makeLine(all[start:], l.v, l.size); ok {
		out = append(out, ln)
	}
	return out, scratch
}

// segmentBreak reports whether letter g starts a new Line of its
// baseline: it starts more than segmentGap sizes (of it or the letter
// before) after the end of the letters before (lastEnd), or the column
// gutter lies between them.
func segmentBreak(g fglyph, lastEnd, lastSize, gutter float64) bool {
	return g.u0-lastEnd > segmentGap*math.Max(g.size, lastSize) ||
		gutter > 0 && lastEnd <= gutter && g.u0 >= gutter
}

// maxFragCheck bounds the fragments of a line compared with a new one, so
// that a page drawn glyph by glyph on one baseline stays linear.
const maxFragCheck = 256

func lastFrags(l *lineAcc) []*fragment {
	if len(l.frags) > maxFragCheck {
		return l.frags[len(l.frags)-maxFragCheck:]
	}
	return l.frags
}

func overlapsFrags(l *lineAcc, f *fragment, frac float64) bool {
	w := f.u1 - f.u0
	if w <= 0 {
		return false
	}
	for _, o := range lastFrags(l) {
		ov := math.Min(o.u1, f.u1) - math.Max(o.u0, f.u0)
		if ov > frac*w && ov > frac*(o.u1-o.u0) {
			// identical duplicate text drawn twice is merged later
			if math.Abs(o.v-f.v) < 0.05*f.size && fragText(o) == fragText(f) {
				f.dup = true
				return false
			}
			return true
		}
	}
	return false
}

func fragText(f *fragment) string {
	var b strings.Builder
	for _, g := range f.gs {
		b.WriteString(g.text)
	}
	return b.String()
}

func near(l *lineAcc, f *fragment, dist float64) bool {
	if f.u0 <= l.u1+dist && f.u1 >= l.u0-dist && len(l.frags) > maxFragCheck {
		return true
	}
	for _, o := range lastFrags(l) {
		if f.u0 <= o.u1+dist && f.u1 >= o.u0-dist {
			return true
		}
	}
	return false
}

// dedupe drops glyphs drawn twice at (almost) the same place, a common
// way of faking bold type.
func dedupe(gs []fglyph) []fglyph {
	out := gs[:0]
	for i := range gs {
		g := &gs[i]
		dup := false
		for k := len(out) - 1; k >= 0 && k >= len(out)-4; k-- {
			o := &out[k]
			if !g.space && math.Abs(o.u0-g.u0) < 0.06*g.size && math.Abs(o.u1-g.u1) < 0.06*g.size && math.Abs(o.v-g.v) < 0.1*g.size && o.text == g.text {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, *g)
		}
	}
	return out
}

func isCJKRune(r rune) bool {
	return r >= 0x2E80 && r <= 0x9FFF || r >= 0xAC00 && r <= 0xD7AF || r >= 0xF900 && r <= 0xFAFF || r >= 0xFF00 && r <= 0xFFEF || r >= 0x20000 && r <= 0x2FFFF
}

func firstRuneOf(s string) rune { r, _ := utf8.DecodeRuneInString(s); return r }
func lastRuneOf(s string) rune  { r, _ := utf8.DecodeLastRuneInString(s); return r }

type wordAcc struct {
	gs []fglyph
}

// makeLine makes a Line from glyphs sorted left to right (visual order):
// the glyphs are cut into words (splitWords), the line takes the size,
// baseline, weight and direction most of its characters have (tallyLine,
// dominantSize, medianBaseline), and its words are put in logical order
// (orderRTLPieces on right-to-left lines, else orderWords).
func makeLine(gs []fglyph, lineV, lineSize float64) (Line, bool) {
	words := splitWords(gs)
	if len(words) == 0 {
		return Line{}, false
	}
	var scBuf [8]sizeCount
	t := tallyLine(words, scBuf[:0])
	domSize := dominantSize(t.sizes, lineSize)
	var vbuf [128]float64 // medians on the stack for most lines
	y := medianBaseline(words, domSize, lineV, vbuf[:0])
	ln := Line{Size: domSize, Y: y, Bold: t.bold*2 > t.chars, RTL: t.rtl > t.ltr}
	ln.X0, ln.X1 = math.Inf(1), math.Inf(-1)
	out := make([]Word, 0, len(words))
	for _, w := range words {
		wd := wordBox(y, domSize, w.gs)
		// no bracket mirroring: the ToUnicode maps of Word, LibreOffice
		// and the other producers in the corpus give the logical
		// character of a mirrored glyph already
		wd.Text = wordText(w.gs, ln.RTL)
		ln.X0 = math.Min(ln.X0, wd.X0)
		ln.X1 = math.Max(ln.X1, wd.X1)
		out = append(out, wd)
	}
	if ln.RTL {
		if ws, ok := orderRTLPieces(words, out, y, domSize); ok {
			ln.Words = ws
			ln.Text = joinWords(ws, ln.RTL, domSize)
			return ln, true
		}
	}
	ln.Words = orderWords(out, ln.RTL)
	ln.Text = joinWords(ln.Words, ln.RTL, domSize)
	return ln, true
}

// splitWords cuts a line's glyphs (visual order) into words, sub-slices
// of gs. A space glyph ends a word unless it is drawn under the next
// letter (spaceOverlapsNext); such a space stays inside its word and is
// skipped when the word is read. Between two letters, isWordBreak
// decides; combining marks never break a word and are not the "previous
// glyph" of the next letter (they sit over their base letter).
func splitWords(gs []fglyph) []wordAcc {
	words := make([]wordAcc, 0, len(gs)/4+1)
	ws := 0
	end := 0 // end of the current word in gs
	endWord := func() {
		if end > ws {
			words = append(words, wordAcc{gs[ws:end:end]})
		}
	}
	var prev *fglyph
	for i := range gs {
		g := &gs[i]
		if g.space {
			if spaceOverlapsNext(gs, i) {
				continue // a space drawn under a letter is not a word break
			}
			endWord()
			ws, end = i+1, i+1
			prev = nil
			continue
		}
		if prev != nil && end > ws && !isMarkText(g.text) && isWordBreak(prev, g) {
			endWord()
			ws = i
		}
		if end == ws {
			ws = i // first glyph of a word
		}
		end = i + 1
		if !isMarkText(g.text) || prev == nil {
			prev = g
		}
	}
	endWord()
	return words
}

// isWordBreak reports whether letter g, drawn right after letter prev on
// the same line, starts a new word although no space glyph is drawn
// between them: the gap is wider than wordGap of the smaller size
// (cjkWordGap between two CJK characters, which are set without spaces),
// the baseline jumps by more than 0.3 of the larger size (a superscript
// or a neighbouring line caught in the band), or the direction changes
// between right-to-left letters and digits or left-to-right letters
// (dirBreak; pdftotext has them as separate words too).
func isWordBreak(prev, g *fglyph) bool {
	gap := g.u0 - prev.u1
	sz := math.Max(math.Min(g.size, prev.size), 0.5)
	th := wordGap * sz
	if isCJKRune(lastRuneOf(prev.text)) && isCJKRune(firstRuneOf(g.text)) {
		th = cjkWordGap * sz
	}
	return gap > th || math.Abs(g.v-prev.v) > 0.3*math.Max(g.size, prev.size) || dirBreak(prev.text, g.text)
}

// sizeCount is the number of characters a line has in one size (rounded
// to half a point).
type sizeCount struct {
	size float64
	n    int
}

// lineTally counts a line's characters (spaces left out): per size, in
// bold, and by bidi class (strong right-to-left, strong left-to-right).
type lineTally struct {
	sizes       []sizeCount
	chars, bold int
	rtl, ltr    int
}

// tallyLine counts the characters of words into a lineTally; sizes are
// appended to buf (a line has few sizes, so a small array on the caller's
// stack holds them).
func tallyLine(words []wordAcc, buf []sizeCount) lineTally {
	t := lineTally{sizes: buf}
	for _, w := range words {
		for _, g := range w.gs {
			if g.space {
				continue
			}
			n := utf8.RuneCountInString(g.text)
			sz := math.Round(g.size*2) / 2
			k := 0
			for k < len(t.sizes) && t.sizes[k].size != sz {
				k++
			}
			if k == len(t.sizes) {
				t.sizes = append(t.sizes, sizeCount{size: sz})
			}
			t.sizes[k].n += n
			t.chars += n
			if g.bold {
				t.bold += n
			}
			for _, r := range g.text {
				switch bidiClass(r) {
				case bidiR:
					t.rtl++
				case bidiL:
					t.ltr++
				}
			}
		}
	}
	return t
}

// dominantSize is the size most characters of a line have (the larger
// size on a tie), or lineSize when the line has no characters: the body
// size of a line with a superscript or a bigger initial.
func dominantSize(sizes []sizeCount, lineSize float64) float64 {
	domSize, best := lineSize, -1
	for _, sc := range sizes {
		if sc.n > best || sc.n == best && sc.size > domSize {
			domSize, best = sc.size, sc.n
		}
	}
	return domSize
}

// medianBaseline is the median baseline of the glyphs in the dominant
// size (so superscripts and subscripts do not move the line), or lineV
// when there are none. buf is scratch space for the baselines.
func medianBaseline(words []wordAcc, domSize, lineV float64, buf []float64) float64 {
	vs := buf
	for _, w := range words {
		for _, g := range w.gs {
			if !g.space && math.Abs(math.Round(g.size*2)/2-domSize) < 0.01 {
				vs = append(vs, g.v)
			}
		}
	}
	slices.Sort(vs)
	if len(vs) == 0 {
		return lineV
	}
	return vs[len(vs)/2]
}

// orderWords puts a line's words (visual order, left to right) in logical
// order by the bidi algorithm at word level (visualOrder); most lines are
// in order already and are returned as they are.
func orderWords(out []Word, rtl bool) []Word {
	texts := make([]string, len(out))
	for i, w := range out {
		texts[i] = w.Text
	}
	order := visualOrder(texts, rtl)
	inOrder := len(order) == len(out) // most lines: no copy
	for i, k := range order {
		if k != i {
			inOrder = false
			break
		}
	}
	if inOrder {
		return out
	}
	ordered := make([]Word, len(out))
	for i, k := range order {
		ordered[i] = out[k]
	}
	return ordered
}

// joinWords joins a line's words, in logical order, into its text.
func joinWords(ws []Word, rtl bool, domSize float64) string {
	var b strings.Builder
	for i, w := range ws {
		if i > 0 {
			prev := ws[i-1]
			switch {
			case isCJKRune(lastRuneOf(prev.Text)) && isCJKRune(firstRuneOf(w.Text)):
				// no space between CJK words (they only split on wide gaps)
			case !rtl && w.Rise > 0.15*domSize && w.Size < 0.9*domSize && w.X0-prev.X1 < wordGap*domSize:
				// a superscript (footnote marker) touching its word
			default:
				b.WriteByte(' ')
			}
		}
		b.WriteString(w.Text)
	}
	return b.String()
}

// wordBox is the box of a word made of the glyphs of parts (spaces left
// out): its extent, largest size, median baseline and its rise above the
// line's baseline y (none under 5 % of the line's size).
func wordBox(y, domSize float64, parts ...[]fglyph) Word {
	wd := Word{X0: math.Inf(1), X1: math.Inf(-1)}
	var vbuf [32]float64
	vs := vbuf[:0]
	for _, gs := range parts {
		for _, g := range gs {
			if g.space {
				continue
			}
			wd.X0 = math.Min(wd.X0, g.u0)
			wd.X1 = math.Max(wd.X1, g.u1)
			wd.Size = math.Max(wd.Size, g.size)
			vs = append(vs, g.v)
		}
	}
	slices.Sort(vs)
	wd.Y = vs[len(vs)/2]
	wd.Rise = y - wd.Y
	if math.Abs(wd.Rise) < 0.05*domSize {
		wd.Rise = 0
	}
	return wd
}

// orderRTLPieces orders the words of a right-to-left line when a
// left-to-right word carries neutral glyphs at its edges: "(open" and
// "data)." in "المفتوحة (open data).". Read per word, such neutrals stay
// glued to their word and move with it when the left-to-right run is put
// back in order ("open(. )data"); in the bidi algorithm they belong
// between the run and the right-to-left text around it. Each such word
// is split into its leading neutrals, its strong core and its trailing
// neutrals; the pieces and the spaces between the words of the page are
// resolved and ordered together (visualOrderRes), and the logical words
// are what lies between two spaces: a bracket or a full stop joins the
// word it is next to in logical order (")open data(."), which the clean
// up reads as "(open data)." An edge bracket paired with one inside a
// left-to-right word stays in its word (keepPairedBrackets). Words made
// of the pieces of several words of the page take the extent of their
// glyphs. It reports false, and changes nothing, when no word needs
// splitting.
func orderRTLPieces(words []wordAcc, out []Word, y, domSize float64) ([]Word, bool) {
	wgs := make([][]fglyph, len(words))
	leads, trails := make([]int, len(words)), make([]int, len(words))
	split := false
	for wi, w := range words {
		wgs[wi] = nonSpaceGlyphs(w.gs)
		leads[wi], trails[wi] = neutralEdges(wgs[wi])
		split = split || leads[wi] > 0 || trails[wi] > 0
	}
	if !split {
		return nil, false
	}
	edged := make([]bool, len(words))
	for wi := range words {
		edged[wi] = leads[wi] > 0 || trails[wi] > 0
	}
	keepPairedBrackets(wgs, leads, trails)
	pieces := splitPieces(wgs, leads, trails, edged)
	texts := make([]string, len(pieces))
	for i, p := range pieces {
		if p.word < 0 {
			texts[i] = " "
		} else {
			texts[i] = joinGlyphs(p.gs)
		}
	}
	order, res := visualOrderRes(texts, true)
	ws := make([]Word, 0, len(words))
	var cur []int // pieces of the current logical word
	flush := func() {
		if len(cur) == 0 {
			return
		}
		wd := piecesBox(pieces, cur, wgs, out, y, domSize)
		wd.Text = piecesText(pieces, cur, texts, res, out)
		ws = append(ws, wd)
		cur = cur[:0]
	}
	for _, k := range order {
		if pieces[k].word < 0 {
			flush()
			continue
		}
		cur = append(cur, k)
	}
	flush()
	return ws, true
}

// rtlPiece is a piece of a word of a right-to-left line: its leading
// neutrals, its strong core, its trailing neutrals, or the whole word.
type rtlPiece struct {
	word  int      // index in words and out; -1 for a space
	gs    []fglyph // the piece's glyphs, visual order, no spaces
	whole bool     // the whole word (out[word].Text is its text)
}

// nonSpaceGlyphs is a copy of gs without its space glyphs.
func nonSpaceGlyphs(gs []fglyph) []fglyph {
	out := make([]fglyph, 0, len(gs))
	for _, g := range gs {
		if !g.space {
			out = append(out, g)
		}
	}
	return out
}

// neutralEdges counts the neutral glyphs (brackets, punctuation) at the
// visual left (lead) and right (trail) of a left-to-right word (its
// text as a whole is left-to-right); other words have none.
func neutralEdges(gs []fglyph) (lead, trail int) {
	if itemClass(joinGlyphs(gs)) != bidiL {
		return 0, 0
	}
	for lead < len(gs) && itemClass(gs[lead].text) == bidiN {
		lead++
	}
	for trail < len(gs)-lead && itemClass(gs[len(gs)-1-trail].text) == bidiN {
		trail++
	}
	return lead, trail
}

// splitPieces makes the pieces of a line's words: between two words a
// space piece; a word with neutral edges (edged) in up to three pieces
// (leading neutrals, core, trailing neutrals, as keepPairedBrackets left
// them), other words whole.
func splitPieces(wgs [][]fglyph, leads, trails []int, edged []bool) []rtlPiece {
	pieces := make([]rtlPiece, 0, 2*len(wgs)+4)
	for wi := range wgs {
		if wi > 0 {
			pieces = append(pieces, rtlPiece{word: -1})
		}
		gs, lead, trail := wgs[wi], leads[wi], trails[wi]
		if !edged[wi] {
			pieces = append(pieces, rtlPiece{word: wi, gs: gs, whole: true})
			continue
		}
		if lead > 0 {
			pieces = append(pieces, rtlPiece{word: wi, gs: gs[:lead]})
		}
		pieces = append(pieces, rtlPiece{word: wi, gs: gs[lead : len(gs)-trail]})
		if trail > 0 {
			pieces = append(pieces, rtlPiece{word: wi, gs: gs[len(gs)-trail:]})
		}
	}
	return pieces
}

// piecesText is the logical text of the pieces cur (logical order) that
// make one word: a whole word as read before; neutrals in the direction
// resolved for their piece (res), right-to-left ones read from the
// right; a left-to-right core (strong at both ends, no right-to-left
// letter) as drawn.
func piecesText(pieces []rtlPiece, cur []int, texts []string, res []bidiCls, out []Word) string {
	var b strings.Builder
	for _, k := range cur {
		p := pieces[k]
		switch {
		case p.whole:
			b.WriteString(out[p.word].Text)
		case itemClass(texts[k]) == bidiN:
			if res[k] == bidiL {
				b.WriteString(texts[k])
			} else {
				for j := len(p.gs) - 1; j >= 0; j-- {
					b.WriteString(p.gs[j].text)
				}
			}
		default:
			b.WriteString(texts[k])
		}
	}
	return b.String()
}

// piecesBox is the box of the word made of pieces cur: the box of the
// page's word when they are all of it, else the extent of their glyphs.
func piecesBox(pieces []rtlPiece, cur []int, wgs [][]fglyph, out []Word, y, domSize float64) Word {
	first := pieces[cur[0]].word
	same := true
	n := 0
	for _, k := range cur {
		if pieces[k].word != first {
			same = false
		}
		n += len(pieces[k].gs)
	}
	if same && n == len(wgs[first]) {
		return out[first]
	}
	parts := make([][]fglyph, len(cur))
	for i, k := range cur {
		parts[i] = pieces[k].gs
	}
	return wordBox(y, domSize, parts...)
}

// keepPairedBrackets keeps in its word's core an edge bracket whose
// partner lies inside the core of a left-to-right word: in
// "E/ESCWA/2017/EC.4/4(Part III)" the closing bracket of "III)" pairs
// with one between letters and belongs to the left-to-right run, as the
// bidi algorithm resolves bracket pairs (rule N0). Brackets are paired
// by their shapes in visual order; leads and trails are the numbers of
// edge neutrals of each word, shortened in place.
func keepPairedBrackets(wgs [][]fglyph, leads, trails []int) {
	type pos struct{ w, i int }
	var stack []pos
	edge := func(p pos) bool {
		return p.i < leads[p.w] || p.i >= len(wgs[p.w])-trails[p.w]
	}
	core := func(p pos) bool {
		return !edge(p) && itemClass(joinGlyphs(wgs[p.w])) == bidiL
	}
	keep := func(p pos) {
		if p.i < leads[p.w] {
			leads[p.w] = p.i
		} else if n := len(wgs[p.w]); p.i >= n-trails[p.w] {
			trails[p.w] = n - 1 - p.i
		}
	}
	for w, gs := range wgs {
		for i, g := range gs {
			switch g.text {
			case "(", "[":
				stack = append(stack, pos{w, i})
			case ")", "]":
				if len(stack) == 0 {
					continue
				}
				o := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				if (wgs[o.w][o.i].text == "(") != (g.text == ")") {
					stack = stack[:0] // mismatched: give up on the pairs so far
					continue
				}
				c := pos{w, i}
				switch {
				case edge(c) && core(o):
					keep(c)
				case edge(o) && core(c):
					keep(o)
				}
			}
		}
	}
}

func joinGlyphs(gs []fglyph) string {
	var b strings.Builder
	for _, g := range gs {
		b.WriteString(g.text)
	}
	return b.String()
}

// wordText is visualToLogical(glyphTexts(gs), rtl, false), built
// without the slice of texts for a left-to-right line whose glyphs hold
// no right-to-left text (most words).
func wordText(gs []fglyph, rtl bool) string {
	if rtl {
		return visualToLogical(glyphTexts(gs), rtl, false)
	}
	n := 0
	for i := range gs {
		if gs[i].space {
			continue
		}
		if itemClass(gs[i].text) == bidiR {
			return visualToLogical(glyphTexts(gs), rtl, false)
		}
		n += len(gs[i].text)
	}
	var b strings.Builder
	b.Grow(n)
	for i := range gs {
		if !gs[i].space {
			b.WriteString(gs[i].text)
		}
	}
	return b.String()
}

func glyphTexts(gs []fglyph) []string {
	out := make([]string, 0, len(gs))
	for _, g := range gs {
		if !g.space {
			out = append(out, g.text)
		}
	}
	return out
}

var _ = unicode.IsLetter

// isMarkText reports whether s is only combining marks (Arabic harakat,
// shadda, tanwin), which are drawn over their base letter.
func isMarkText(s string) bool {
	for _, r := range s {
		if !unicode.Is(unicode.Mn, r) {
			return false
		}
	}
	return s != ""
}

func spaceOverlapsNext(gs []fglyph, i int) bool {
	sp := gs[i]
	for j := i + 1; j < len(gs); j++ {
		if gs[j].space {
			continue
		}
		return gs[j].u0 < sp.u0+0.5*(sp.u1-sp.u0)
	}
	return false
}

// dirBreak reports a change between right-to-left letters and digits or
// left-to-right letters, which are separate words (as pdftotext has them).
func dirBreak(a, b string) bool {
	ca, cb := bidiClass(lastRuneOf(a)), bidiClass(firstRuneOf(b))
	return ca == bidiR && (cb == bidiL || cb == bidiEN) || cb == bidiR && (ca == bidiL || ca == bidiEN)
}

// sortReading puts lines in reading order: top to bottom; on a page with a
// column gutter, the lines between two full-width lines are read left
// column first, then right column (the other way round on right-to-left
// pages).
func sortReading(out []Line, gutter float64) {
	sort.SliceStable(out, func(i, j int) bool { return readsBefore(out[i], out[j]) })
	if gutter <= 0 {
		return
	}
	first, second := 0, 2 // right-to-left pages read the right column first
	if mostlyRTL(out) {
		first, second = 2, 0
	}
	sortColumnRuns(out, columnRanks(out, gutter, first, second))
}

// readsBefore orders lines top to bottom; lines on one row (baselines
// within 0.3 of the smaller size) left to right, or right to left when
// both are right-to-left.
func readsBefore(a, b Line) bool {
	if math.Abs(a.Y-b.Y) > 0.3*math.Min(a.Size, b.Size) {
		return a.Y < b.Y
	}
	if a.RTL && b.RTL {
		return a.X1 > b.X1
	}
	return a.X0 < b.X0
}

// mostlyRTL reports whether more than half the lines are right-to-left.
func mostlyRTL(lines []Line) bool {
	rtl := 0
	for _, l := range lines {
		if l.RTL {
			rtl++
		}
	}
	return rtl*2 > len(lines)
}

// columnSide tells on which side of the gutter a line lies: 0 left, 2
// right, 1 across it (a point of tolerance).
func columnSide(l Line, gutter float64) int {
	switch {
	case l.X1 <= gutter+1:
		return 0
	case l.X0 >= gutter-1:
		return 2
	}
	return 1
}

// columnRanks gives each line (in top-to-bottom order) its rank in a
// run of column text: first or second for the column read first or
// second, 1 for a line read in place. A line is column text only if the
// other column has text within 3 of its sizes above or below; a lone
// line on one side (running head, page number, a heading above both
// columns) is read in place, like a full-width line.
func columnRanks(out []Line, gutter float64, first, second int) []int {
	cols := make([]int, len(out))
	for i, l := range out {
		s := columnSide(l, gutter)
		cols[i] = 1
		if s == 1 {
			continue
		}
		reach := 3 * l.Size
		for j := i - 1; j >= 0 && out[j].Y >= l.Y-reach; j-- {
			if o := columnSide(out[j], gutter); o != 1 && o != s {
				cols[i] = s
				break
			}
		}
		for j := i + 1; cols[i] == 1 && j < len(out) && out[j].Y <= l.Y+reach; j++ {
			if o := columnSide(out[j], gutter); o != 1 && o != s {
				cols[i] = s
			}
		}
		if cols[i] == 0 {
			cols[i] = first
		} else if cols[i] == 2 {
			cols[i] = second
		}
	}
	return cols
}

// sortColumnRuns reorders each run of column text (lines between two
// lines read in place, rank 1) by rank, then in reading order: the
// column read first, then the other.
func sortColumnRuns(out []Line, cols []int) {
	type item struct {
		l Line
		c int
	}
	items := make([]item, len(out))
	for i := range out {
		items[i] = item{out[i], cols[i]}
	}
	for i := 0; i < len(items); {
		if items[i].c == 1 {
			i++
			continue
		}
		j := i
		for j < len(items) && items[j].c != 1 {
			j++
		}
		sec := items[i:j]
		sort.SliceStable(sec, func(a, b int) bool {
			if sec[a].c != sec[b].c {
				return sec[a].c < sec[b].c
			}
			return readsBefore(sec[a].l, sec[b].l)
		})
		i = j
	}
	for i := range items {
		out[i] = items[i].l
	}
}

// findGutter looks for a two-column layout: a vertical strip in the
// middle of the page that almost no line crosses while many lines have
// text on both sides of it. It returns the strip's centre, or 0.
func findGutter(lines []*lineAcc, width float64) float64 {
	if width <= 0 || len(lines) < 8 {
		return 0
	}
	const bin = 2.0
	cover, n := lineCoverage(lines, width, bin)
	if n < 8 {
		return 0
	}
	lo, hi := int(0.3*width/bin), int(0.7*width/bin)
	bestStart, bestLen := widestClearRun(cover, lo, hi, max(1, n/25))
	if bestLen*bin < 6 {
		return 0
	}
	gc := (float64(bestStart) + float64(bestLen)/2) * bin
	if !textBothSides(lines, gc, n) || !runningTextColumns(lines, gc) {
		return 0
	}
	return gc
}

// lineCoverage counts, for each bin of the page's width, the lines that
// have text in it; only lines of 3 characters or more count, and n is
// their number.
func lineCoverage(lines []*lineAcc, width, bin float64) (cover []int, n int) {
	nb := int(width/bin) + 1
	cover = make([]int, nb)
	stamp := make([]int, nb) // line number + 1 that last covered a bin
	for li, l := range lines {
		chars := 0
		for _, f := range l.frags {
			chars += f.chars
		}
		if chars < 3 {
			continue
		}
		n++
		for _, f := range l.frags {
			for b := max(0, int(f.u0/bin)); b <= int(f.u1/bin) && b < nb; b++ {
				if stamp[b] != li+1 {
					stamp[b] = li + 1
					cover[b]++
				}
			}
		}
	}
	return cover, n
}

// widestClearRun is the longest run of bins from lo to hi that at most
// limit lines cross (the first of the longest); length 0 when none.
func widestClearRun(cover []int, lo, hi, limit int) (start, length int) {
	start = -1
	nb := len(cover)
	for b := lo; b <= hi && b < nb; {
		if cover[b] > limit {
			b++
			continue
		}
		e := b
		for e < nb && e <= hi && cover[e] <= limit {
			e++
		}
		if e-b > length {
			start, length = b, e-b
		}
		b = e
	}
	return start, length
}

// textBothSides reports whether the strip at gc separates two columns:
// at least 4 lines have text on both sides of it, and each side has text
// in at least a quarter of the n lines counted.
func textBothSides(lines []*lineAcc, gc float64, n int) bool {
	both, left, right := 0, 0, 0
	for _, l := range lines {
		hasL, hasR := false, false
		for _, f := range l.frags {
			if f.u1 <= gc {
				hasL = true
			} else if f.u0 >= gc {
				hasR = true
			}
		}
		switch {
		case hasL && hasR:
			both++
		case hasL:
			left++
		case hasR:
			right++
		}
	}
	return both >= 4 && left+both >= n/4 && right+both >= n/4
}

// runningTextColumns reports whether both sides of gc are columns of
// running text: their lines fill most of the column's width (at least
// half the distance from the column's usual outer edge to the gutter, in
// the median), and the columns are of comparable widths (at most 1.6 to
// 1). A column of labels or numbers next to text, or a wide text column
// beside a narrow one of figures, is a table, read row by row.
func runningTextColumns(lines []*lineAcc, gc float64) bool {
	var lw, rw, l0s, r1s []float64
	for _, l := range lines {
		l0, l1, r0, r1 := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
		for _, f := range l.frags {
			if f.u1 <= gc {
				l0, l1 = math.Min(l0, f.u0), math.Max(l1, f.u1)
			} else if f.u0 >= gc {
				r0, r1 = math.Min(r0, f.u0), math.Max(r1, f.u1)
			}
		}
		if l1 > l0 {
			lw = append(lw, l1-l0)
			l0s = append(l0s, l0)
		}
		if r1 > r0 {
			rw = append(rw, r1-r0)
			r1s = append(r1s, r1)
		}
	}
	if len(lw) == 0 || len(rw) == 0 {
		return false
	}
	median := func(a []float64) float64 {
		sort.Float64s(a)
		return a[len(a)/2]
	}
	// column extents: the usual left edge and right edge of their lines
	lMin, rMax := median(l0s), median(r1s)
	if median(lw) < 0.5*(gc-lMin) || median(rw) < 0.5*(rMax-gc) {
		return false
	}
	ls, rs := gc-lMin, rMax-gc
	return math.Max(ls, rs) <= 1.6*math.Min(ls, rs)
}
