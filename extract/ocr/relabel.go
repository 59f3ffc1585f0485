package ocr

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"os"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Fix replaces the text of word Index (in the page's words before
// confidence filtering) by Text, read again with confidence Conf.
type Fix struct {
	Index int     `json:"i"`
	Text  string  `json:"t"`
	Conf  float64 `json:"c"`
	// Box, when set, makes the fix a word added before word Index, in
	// its line, with this box (x0, y0, x1, y1): a label Tesseract left
	// out (marginSpots).
	Box *[4]int `json:"box,omitempty"`
}

// relabelVersion changes when the re-reading of labels does.
const relabelVersion = 8

// labelRead is what a paragraph number or item letter reads as: "1.",
// "c.", "(c)".
var labelRead = regexp.MustCompile(`^(?:[0-9]{1,3}\.|[a-z]\.|\([a-z]\))$`)

// suspectLabel reports whether word i opens a line as a paragraph
// number or item letter might, read as something else: a short word
// (three characters at most) of low confidence or not a label, at the
// left end of its line, followed by a word after a gap. Tesseract reads
// the "1." of a 200 dpi scan as "ie", "ne" or "aby", a "c." as "G".
func suspectLabel(all []Word, i int) bool {
	w := all[i]
	if i+1 >= len(all) || i > 0 && sameLine(all[i-1], w) || !sameLine(w, all[i+1]) {
		return false
	}
	if utf8.RuneCountInString(w.Text) > 3 || labelRead.MatchString(w.Text) || w.Conf >= 90 {
		return false
	}
	next := all[i+1]
	h := next.Y1 - next.Y0
	r, _ := utf8.DecodeRuneInString(next.Text)
	return unicode.IsLetter(r) && next.X0-w.X1 > h && w.X1-w.X0 < 2*h
}

func firstRune(s string) rune { r, _ := utf8.DecodeRuneInString(s); return r }

func sameLine(a, b Word) bool { return a.Block == b.Block && a.Par == b.Par && a.Line == b.Line }

// relabel reads suspect paragraph numbers again, each cropped from the
// image with digits and the full stop as the only characters allowed.
// Only left-to-right pages (Latin, Cyrillic) number paragraphs so.
func (r *Reader) relabel(ctx context.Context, img []byte, p *Page, dpi int) []Fix {
	if p.Rotate != 0 || len(p.raw) == 0 {
		return nil
	}
	if strings.Contains(p.Packs, "chi_sim") {
		return r.rereadHan(ctx, img, p, dpi)
	}
	if p.Script == "Arabic" {
		return nil
	}
	var src image.Image
	var fixes []Fix
	decode := func() bool {
		if src == nil {
			var err error
			if src, _, err = image.Decode(bytes.NewReader(img)); err != nil {
				return false
			}
		}
		return true
	}
	for i := range p.raw {
		if !suspectLabel(p.raw, i) || ctx.Err() != nil {
			continue
		}
		if !decode() {
			return nil
		}
		w, next := p.raw[i], p.raw[i+1]
		// the label's columns, the next word's rows (Tesseract's box of
		// a misread label often takes in a bit of the line below)
		pad := max(2, (next.Y1-next.Y0)/8)
		rect := image.Rect(w.X0-pad, next.Y0-pad, w.X1+pad, next.Y1+pad).Intersect(src.Bounds())
		if rect.Empty() {
			continue
		}
		// Tesseract reads a lone "1." best enlarged, on a white margin
		// (what it still cannot read, InferLabels may number)
		if f, ok := r.readLabel(ctx, src, rect, 3, dpi, unicode.IsUpper(firstRune(next.Text))); ok {
			f.Index = i
			fixes = append(fixes, f)
		}
	}
	if !decode() {
		return fixes
	}
	for _, s := range marginSpots(src, p.raw) {
		if ctx.Err() != nil {
			break
		}
		f := r.readMargin(ctx, src, s, p.raw[s.Index], p.Packs, dpi)
		if os.Getenv("DOCINDEX_DEBUG") != "" {
			fmt.Fprintf(os.Stderr, "ocr: margin %v before %q: %q %.0f\n", s.Rect, p.raw[s.Index].Text, f.Text, f.Conf)
		}
		f.Index = s.Index
		f.Box = &[4]int{s.Rect.Min.X, s.Rect.Min.Y, s.Rect.Max.X, s.Rect.Max.Y}
		fixes = append(fixes, f)
	}
	return fixes
}

// applyFixes puts the words read again in place, infers the numbers
// still unread (InferLabels) and filters the page's words again.
func applyFixes(p *Page, fixes []Fix) {
	set := func(fixes []Fix) {
		for _, f := range fixes {
			if f.Box == nil && f.Index >= 0 && f.Index < len(p.raw) {
				p.raw[f.Index].Text = f.Text
				p.raw[f.Index].Conf = f.Conf
			}
		}
	}
	set(fixes)
	p.raw = insertWords(p.raw, fixes)
	p.All = len(p.raw)
	if p.Script != "Arabic" && p.Packs != "chi_sim+eng" {
		set(InferLabels(p.raw))
	}
	if p.Script == "Arabic" {
		set(DropLatinGuesses(p.raw))
		set(InferArabicLabels(p.raw))
	}
	if strings.Contains(p.Packs, "chi_sim") {
		set(InferBranchLabels(p.raw))
	}
	p.MeanConf = MeanConfidence(p.raw)
	if p.MeanConf >= MinPageConf {
		p.Words = KeepConfident(p.raw, MinWordConf)
	}
}

// readLabel reads the part rect of src, enlarged scale times on a white
// margin, as one line of digits and full stops.
// A number ("1.") is read before a capitalised word, an item letter
// ("c.", "(c)") before a lower-case one.
func (r *Reader) readLabel(ctx context.Context, src image.Image, rect image.Rectangle, scale, dpi int, number bool) (Fix, bool) {
	img, ok := cropPNG(src, rect, scale, 20)
	if !ok {
		return Fix{}, false
	}
	allowed := "0123456789."
	if !number {
		allowed = "abcdefghijklmnopqrstuvwxyz.()"
	}
	args := []string{"-l", "eng", "--psm", "7", "-c", "tessedit_char_whitelist=" + allowed}
	if dpi > 0 {
		args = append(args, "--dpi", strconv.Itoa(dpi))
	}
	r.Runs++
	out, err := run(ctx, img, append(args, "tsv")...)
	if err != nil {
		return Fix{}, false
	}
	words, _, _, err := ParseTSV(out)
	if err != nil || len(words) != 1 {
		return Fix{}, false
	}
	t := words[0].Text
	if number && !strings.HasSuffix(t, ".") {
		t += "."
	}
	if !labelRead.MatchString(t) || words[0].Conf < 60 {
		return Fix{}, false
	}
	return Fix{Text: t, Conf: words[0].Conf}, true
}

var (
	numberRead = regexp.MustCompile(`^([0-9]{1,3})[.,:;]?$`)
	letterRead = regexp.MustCompile(`^\(?([a-zа-я])[.)]$`)
)

// itemLetters are the alphabets of item letters: Latin, and Russian
// without й, ъ, ы, ь (а) б) в)…).
var itemLetters = [][]rune{[]rune("abcdefghijklmnopqrstuvwxyz"), []rune("абвгдежзиклмнопрстуфхцчшщэюя")}

func letterPos(r rune) (alpha, pos int) {
	for a, letters := range itemLetters {
		for i, l := range letters {
			if l == r {
				return a, i + 1
			}
		}
	}
	return 0, 0
}

// InferLabels gives a label to the suspect labels (see suspectLabel)
// that reading again did not resolve, from the labels read in the same
// column below and above on the page. A suspect before a capitalised
// word is a paragraph number: before a "2." it is "1." (the first
// paragraph of an article or resolution), between "N." and "N+2." it is
// "N+1.". A suspect before a lower-case word is an item letter: between
// "b." and "d." it is "c." (in the form of the letter above: "c." or
// "(c)"). It returns the fixes.
func InferLabels(all []Word) []Fix {
	type label struct {
		i, n, x, h int  // index in all, number or letter position (0: suspect), left edge, height
		letter     bool // an item letter (or a suspect before a lower-case word)
		form       string
		alpha      int    // index in itemLetters
		read       string // what a suspect was read as
	}
	var ls []label
	for i, w := range all {
		if i > 0 && sameLine(all[i-1], w) {
			continue // not the first word of its line
		}
		if i+1 >= len(all) || !sameLine(w, all[i+1]) {
			continue
		}
		next := all[i+1]
		h := next.Y1 - next.Y0
		if next.X0-w.X1 <= h {
			continue // no label gap
		}
		weak := w.Conf < MinWordConf && w.X1-w.X0 < 2*h
		if weak && (numberRead.MatchString(w.Text) || letterRead.MatchString(w.Text) || suspectLabel(all, i)) {
			// a label read with too little confidence to be kept (the
			// "1." of a 200 dpi scan read "1,", "15" or "d."): a
			// suspect, numbered from its neighbours
			ls = append(ls, label{i: i, x: w.X0, h: h, letter: !unicode.IsUpper(firstRune(next.Text)), read: w.Text})
		} else if m := numberRead.FindStringSubmatch(w.Text); m != nil {
			n, _ := strconv.Atoi(m[1])
			ls = append(ls, label{i: i, n: n, x: w.X0, h: h})
		} else if m := letterRead.FindStringSubmatch(w.Text); m != nil {
			a, pos := letterPos([]rune(m[1])[0])
			ls = append(ls, label{i: i, n: pos, x: w.X0, h: h, letter: true, form: strings.Replace(w.Text, m[1], "%c", 1), alpha: a})
		} else if w.Text == "6)" {
			// Tesseract reads the Russian item б) as 6): a letter
			// between а) and в)
			ls = append(ls, label{i: i, x: w.X0, h: h, letter: true})
		} else if suspectLabel(all, i) {
			ls = append(ls, label{i: i, x: w.X0, h: h, letter: !unicode.IsUpper(firstRune(next.Text)), read: w.Text})
		}
	}
	sameCol := func(a, b label) bool { return a.letter == b.letter && abs(a.x-b.x) <= 2*max(a.h, b.h) }
	var fixes []Fix
	for k, s := range ls {
		if s.n != 0 && !s.letter && k > 0 && k+1 < len(ls) {
			// a number read that breaks its column's sequence: "35"
			// between "2." and "4." is "3."
			prev, next := ls[k-1], ls[k+1]
			if sameCol(prev, s) && sameCol(next, s) && prev.n > 0 && next.n == prev.n+2 && s.n != prev.n+1 && all[s.i].Conf < 90 {
				ls[k].n = prev.n + 1
				fixes = append(fixes, Fix{Index: s.i, Text: strconv.Itoa(prev.n+1) + ".", Conf: max(all[s.i].Conf, MinWordConf)})
			}
		}
		if s.n != 0 && !s.letter && k > 0 && ls[k].n == s.n {
			// a number read that does not follow its column's last
			// and is what would with one digit more ("25" after "1."
			// for "2.": the full stop read as a digit), unless the
			// numbers after it follow it
			prev := ls[k-1]
			want := prev.n + 1
			follows := k+1 < len(ls) && sameCol(ls[k+1], s) && ls[k+1].n == s.n+1
			if sameCol(prev, s) && prev.n > 0 && s.n != want && !follows && all[s.i].Conf < 90 &&
				len(strconv.Itoa(s.n)) == len(strconv.Itoa(want))+1 && strings.HasPrefix(strconv.Itoa(s.n), strconv.Itoa(want)) && !headingBetween(all, prev.i, s.i, s.x, s.h) {
				ls[k].n = want
				fixes = append(fixes, Fix{Index: s.i, Text: strconv.Itoa(want) + ".", Conf: max(all[s.i].Conf, MinWordConf)})
			}
		}
		if s.n != 0 {
			continue
		}
		if s.n != 0 {
			continue
		}
		var next, prev *label
		for j := k + 1; j < len(ls); j++ {
			if sameCol(ls[j], s) {
				next = &ls[j]
				break
			}
		}
		for j := k - 1; j >= 0; j-- {
			if sameCol(ls[j], s) {
				prev = &ls[j]
				break
			}
		}
		text := ""
		switch {
		case next == nil || next.n == 0:
		case !s.letter && next.n == 2:
			text, ls[k].n = "1.", 1
		case prev != nil && prev.n > 0 && prev.n+2 == next.n:
			ls[k].n = prev.n + 1
			if s.letter {
				text = fmt.Sprintf(prev.form, itemLetters[prev.alpha][prev.n])
			} else {
				text = strconv.Itoa(prev.n+1) + "."
			}
		}
		if text == "" && !s.letter && afterHeading(all, s.i, s.x, s.h) {
			// the first paragraph number under a heading is 1 (its
			// "2." may be on the next page)
			text, ls[k].n = "1.", 1
		}
		last := next == nil || headingBetween(all, s.i, next.i, s.x, s.h)
		if text == "" && last && prev != nil && prev.n > 0 && !headingBetween(all, prev.i, s.i, s.x, s.h) {
			// the last item letter of its column on the page, after N:
			// N+1 (the last item of a list read "C." or "(eo"; a
			// paragraph number is not guessed so: the paragraph may
			// have none)
			if s.letter && prev.form != "" && prev.n < len(itemLetters[prev.alpha]) {
				text, ls[k].n = fmt.Sprintf(prev.form, itemLetters[prev.alpha][prev.n]), prev.n+1
			}
		}
		if text != "" {
			fixes = append(fixes, Fix{Index: s.i, Text: text, Conf: MinWordConf})
		}
	}
	return fixes
}

// afterHeading reports whether the line before word i (the first word
// of its line, at x, of line height h) is a heading: a short line (three
// words at most) that starts far to the right of x, as a centred
// "Article 12" does.
func afterHeading(all []Word, i, x, h int) bool {
	if i == 0 {
		return false
	}
	j := i - 1
	for j > 0 && sameLine(all[j-1], all[i-1]) {
		j--
	}
	return i-j <= 3 && all[j].X0-x > 8*h
}

// headingBetween reports whether a line after word i's, up to the line
// before word j's, is a heading (see afterHeading).
func headingBetween(all []Word, i, j, x, h int) bool {
	for k := i + 1; k <= j; k++ {
		if !sameLine(all[k-1], all[k]) && afterHeading(all, k, x, h) {
			return true
		}
	}
	return false
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// zhBranches are the labels of Chinese list items: （子）（丑）（寅）…
var zhBranches = []rune("子丑寅卯辰巳午未申酉戌亥")

// reZhPara is a line that opens a numbered paragraph ("二、") or is an
// article or chapter heading ("第十三条"): it ends a list.
var reZhPara = regexp.MustCompile(`^(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十百零〇]+[条章])`)

// InferBranchLabels gives the item labels of a Chinese page their
// branch: Tesseract reads "（子）" as "〈 子 )", "(丑)" as "CH)", "(寅)" as
// "(F)". An item head is a line's first words, up to one that ends with
// ")" or "）", of five characters at most, opening with a bracket or a C
// (the bracket read as a letter) and no wider than three line heights.
// The items of a list follow a line that ends with a colon; they are
// numbered in order in their column, from the branch read where one is
// (an anchor), until a paragraph number or heading ends the list. Items
// whose list began on an earlier page are left as read unless one has a
// branch. The fixes put "（X）" in the head's first word and drop its
// other words.
func InferBranchLabels(all []Word) []Fix {
	var fixes []Fix
	colon := false     // the line before the next item head ends a list intro
	runX, pos := -1, 0 // the list's column, the branch of its last item
	for i := 0; i < len(all); i++ {
		j, ok := lineFrom(all, i)
		if !ok {
			continue
		}
		ln := all[i:j]
		text := ""
		for _, w := range ln {
			text += w.Text
		}
		if reZhPara.MatchString(text) {
			runX = -1
		}
		head := -1 // index in ln of the head's last word
		n := 0
		for k, w := range ln {
			n += utf8.RuneCountInString(w.Text)
			if n > 5 || k > 3 {
				break
			}
			if strings.HasSuffix(w.Text, ")") || strings.HasSuffix(w.Text, "）") {
				head = k
				break
			}
		}
		h := 0 // the height of the text after the head
		if head >= 0 && head+1 < len(ln) {
			h = ln[head+1].Y1 - ln[head+1].Y0
		}
		if h > 0 && strings.ContainsRune("(（〈《<{[CG", firstRune(ln[0].Text)) && ln[head].X1-ln[0].X0 <= 3*h {
			inner := ""
			for _, w := range ln[:head+1] {
				inner += w.Text
			}
			anchor := -1
			for _, r := range inner {
				if k := strings.IndexRune(string(zhBranches), r); k >= 0 {
					anchor = utf8.RuneCountInString(string(zhBranches)[:k])
				}
			}
			x := ln[0].X0
			switch {
			case anchor >= 0:
				runX, pos = x, anchor
			case colon:
				runX, pos = x, 0
			case runX >= 0 && abs(x-runX) <= h:
				pos++
			default:
				runX = -1
			}
			if runX >= 0 && pos < len(zhBranches) {
				want := "（" + string(zhBranches[pos]) + "）"
				if inner != want {
					fixes = append(fixes, Fix{Index: i, Text: want, Conf: max(ln[0].Conf, MinWordConf)})
					for k := 1; k <= head; k++ {
						fixes = append(fixes, Fix{Index: i + k, Text: ln[k].Text, Conf: 0})
					}
				}
			}
		}
		colon = strings.HasSuffix(text, ":") || strings.HasSuffix(text, "：")
	}
	return fixes
}
