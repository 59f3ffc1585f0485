package ocr

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The labels of an Arabic page's paragraphs and list items, as
// Tesseract reads them: "2-", "-4" or "1" and "-" apart; "(ب)". The
// invisible direction marks Tesseract puts around words are ignored.
var (
	arNumberRead = regexp.MustCompile(`^(?:([0-9]{1,3})[-–]|[-–]([0-9]{1,3}))$`)
	arDigitsRead = regexp.MustCompile(`^[0-9]{1,3}$`)
	arLetterRead = regexp.MustCompile(`^\((\p{Arabic}ـ?)\)$`)
)

// abjad is the order of the letters of Arabic lists.
var abjad = []string{"أ", "ب", "ج", "د", "هـ", "و", "ز", "ح", "ط", "ي", "ك", "ل", "م", "ن", "س", "ع", "ف", "ص", "ق", "ر", "ش", "ت", "ث", "خ", "ذ", "ض", "ظ", "غ"}

func abjadPos(s string) int {
	for i, l := range abjad {
		if l == s || strings.TrimSuffix(l, "ـ") == s {
			return i + 1
		}
	}
	return 0
}

func stripMarks(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\u200e' || r == '\u200f' || r >= '\u202a' && r <= '\u202e' {
			return -1
		}
		return r
	}, s)
}

// InferArabicLabels gives the labels of an Arabic page that Tesseract
// misread their number or letter from the labels read before and after
// them on the page, as InferLabels does for left-to-right pages. A line's
// label is its rightmost word (or its rightmost two, "1" and "-"); a
// suspect is a rightmost word of three characters at most, without an
// Arabic letter, read under 90, set apart from the word after it (to its
// left) by more than its own height, or a bracketed non-Arabic
// character ("(I)" for "(أ)"): Tesseract reads the "1 -" of a 200 dpi
// scan as "a" at 23, or "4=". A suspect before the number 2 is 1 ("1-"),
// between N-1 and N+1 it is N; before the letter ب it is أ ("(أ)"),
// between two letters the one between them. Labels are numbered in the
// page's reading order, whatever their column (a label set against its
// text by a tab moves with the line's length). It returns the fixes.
func InferArabicLabels(all []Word) []Fix {
	type label struct {
		i      int  // index of the head word in all
		n      int  // number or letter position; 0 for a suspect
		letter bool // a letter (for a suspect: unknown)
	}
	var ls []label
	for i := range all {
		j, ok := lineFrom(all, i)
		if !ok || j-i < 2 {
			continue
		}
		// the line's words from the right
		idx := make([]int, 0, j-i)
		for k := i; k < j; k++ {
			idx = append(idx, k)
		}
		for a := 1; a < len(idx); a++ {
			for b := a; b > 0 && all[idx[b]].X1 > all[idx[b-1]].X1; b-- {
				idx[b], idx[b-1] = idx[b-1], idx[b]
			}
		}
		head := all[idx[0]]
		t := stripMarks(head.Text)
		second := stripMarks(all[idx[1]].Text)
		if m := arNumberRead.FindStringSubmatch(t); m != nil {
			n, _ := strconv.Atoi(m[1] + m[2])
			ls = append(ls, label{i: idx[0], n: n})
			continue
		}
		if arDigitsRead.MatchString(t) && (second == "-" || second == "–") {
			n, _ := strconv.Atoi(t)
			ls = append(ls, label{i: idx[0], n: n})
			continue
		}
		if m := arLetterRead.FindStringSubmatch(t); m != nil {
			if pos := abjadPos(m[1]); pos > 0 {
				ls = append(ls, label{i: idx[0], n: pos, letter: true})
				continue
			}
		}
		if arabicSuspect(head, all[idx[1]], t) {
			ls = append(ls, label{i: idx[0]})
		}
	}
	var fixes []Fix
	for k, s := range ls {
		if s.n != 0 {
			continue
		}
		var prev, next *label
		if k > 0 {
			prev = &ls[k-1]
		}
		if k+1 < len(ls) {
			next = &ls[k+1]
		}
		text := ""
		switch {
		case next == nil || next.n == 0:
		case next.n == 2 && (prev == nil || prev.letter != next.letter || prev.n != 0):
			// the first of a run (what came before is of another kind
			// or another run)
			ls[k].n, ls[k].letter = 1, next.letter
		case prev != nil && prev.n > 0 && prev.letter == next.letter && prev.n+2 == next.n:
			ls[k].n, ls[k].letter = prev.n+1, prev.letter
		}
		switch {
		case ls[k].n == 0:
		case ls[k].letter:
			text = "(" + abjad[ls[k].n-1] + ")"
		default:
			text = strconv.Itoa(ls[k].n) + "-"
		}
		if text != "" {
			fixes = append(fixes, Fix{Index: s.i, Text: text, Conf: max(all[s.i].Conf, MinWordConf)})
		}
	}
	return fixes
}

// arabicSuspect reports whether head, the rightmost word of a line of an
// Arabic page (t its text without direction marks), may be a misread
// label: a bracketed character that is not an Arabic letter, or a word
// of three characters at most without Arabic letters, read under 90, as
// narrow as two of its heights and set apart from the next word (next,
// to its left) by more than its height.
func arabicSuspect(head, next Word, t string) bool {
	if head.Conf >= 90 || t == "" || hasArabic(t) {
		return false
	}
	if utf8.RuneCountInString(t) == 3 && t[0] == '(' && t[len(t)-1] == ')' {
		return true
	}
	h := head.Y1 - head.Y0
	r := []rune(t)
	if len(r) > 3 || h <= 0 || head.X1-head.X0 > 2*h || head.X0-next.X1 <= h {
		return false
	}
	for _, c := range r {
		if unicode.IsLetter(c) || unicode.IsDigit(c) || unicode.IsPunct(c) || unicode.IsSymbol(c) {
			continue
		}
		return false
	}
	return true
}

// latinGuessConf is the confidence under which a Latin word between two
// Arabic words of an Arabic page is taken for a misread Arabic word.
const latinGuessConf = 50

var latinWordRead = regexp.MustCompile(`^[A-Za-z]{1,6}[!)]?$`)

// DropLatinGuesses drops, on an Arabic page, the words of Latin letters
// only (six at most) read under latinGuessConf between two words of
// Arabic script of their line: Tesseract's ara+eng reads an Arabic word it
// cannot make out as a short Latin one ("sie", "dod", "abs" at 35-50),
// which, next to a paragraph number, also breaks the label ("sie - 1"
// for "1 - يجوز عقد"). Latin text in an Arabic document (a symbol, a
// name) is read with more confidence, or has digits or slashes. It
// returns fixes that set such words' confidence to 0.
func DropLatinGuesses(all []Word) []Fix {
	var fixes []Fix
	for i := 1; i+1 < len(all); i++ {
		w := all[i]
		if w.Conf >= latinGuessConf || !latinWordRead.MatchString(stripMarks(w.Text)) {
			continue
		}
		if sameLine(all[i-1], w) && sameLine(w, all[i+1]) && hasArabic(all[i-1].Text) && hasArabic(all[i+1].Text) {
			fixes = append(fixes, Fix{Index: i, Text: w.Text, Conf: 0})
		}
	}
	return fixes
}
