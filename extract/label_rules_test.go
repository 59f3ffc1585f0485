package extract

import (
	"fmt"
	"testing"
)

// Unit tests of the label patterns (parseLabel), one table per pattern:
// what it reads, and lines it leaves to others.
func TestLabelPatterns(t *testing.T) {
	type want struct {
		kind       labelKind
		value, raw string
		pos        int
		rest       string
	}
	cases := []struct {
		name string
		rule func(string) (label, bool)
		in   string
		want *want // nil: no match
	}{
		{"roman arabic", labelRomanArabic, "’2‘ نص البند", &want{lkRoman, "ii", "’2‘ ", 0, "نص البند"}},
		{"roman arabic", labelRomanArabic, "2 نص", nil},
		{"roman paren", labelRomanParen, "(iv) the text", &want{lkRoman, "iv", "(iv)", 0, "the text"}},
		{"roman paren", labelRomanParen, "(b) the text", nil},
		{"letter paren", labelLetterParen, "(b) the text", &want{lkLetter, "b", "(b)", 2, "the text"}},
		{"letter paren", labelLetterParen, "(б) текст", &want{lkLetter, "b", "(б)", 2, "текст"}},
		{"letter paren", labelLetterParen, "(ب) النص", &want{lkLetter, "b", "(ب)", 2, "النص"}},
		{"letter paren", labelLetterParen, "(abc) text", nil},
		{"arabic letter", labelArabicLetter, "(هـ) النص", &want{lkLetter, "e", "(هـ)", 5, "النص"}},
		{"arabic letter", labelArabicLetter, ")ب( النص", &want{lkLetter, "b", ")ب(", 2, "النص"}},
		{"roman half", labelRomanHalf, "iv) text", &want{lkRoman, "iv", "iv)", 0, "text"}},
		{"roman half: l) is a letter", labelRomanHalf, "l) text", nil},
		{"letter half", labelLetterHalf, "б) текст", &want{lkLetter, "b", "б)", 2, "текст"}},
		{"letter dot", labelLetterDot, "c. text", &want{lkLetter, "c", "c.", 3, "text"}},
		{"letter dot: i. is roman", labelLetterDot, "i. text", &want{lkRoman, "i", "i.", 0, "text"}},
		{"letter dot: no text", labelLetterDot, "c.", nil},
		{"arabic numbered item", labelArabicNumberedItem, "(3) النص", &want{lkLetter, "c", "(3)", 3, "النص"}},
		{"arabic numbered item: Latin text", labelArabicNumberedItem, "(3) the text", nil},
		{"zh letter", labelZhLetter, "（丑）案文", &want{lkLetter, "b", "（丑）", 2, "案文"}},
		{"zh roman", labelZhRoman, "（三）案文", &want{lkRoman, "iii", "（三）", 0, "案文"}},
		{"zh number", labelZhNumber, "十二、案文", &want{lkNum, "12", "十二、", 0, "案文"}},
		{"number", labelNumber, "12. The Committee", &want{lkNum, "12", "12.", 0, "The Committee"}},
		{"number with bracket", labelNumber, "4) text", &want{lkNum, "4", "4.", 0, "text"}},
		{"number alone", labelNumber, "12.", &want{lkNum, "12", "12.", 0, ""}},
		{"number: a year", labelNumber, "2030. text", nil},
		{"decimal number", labelDecimalNumber, "25.1 The programme", &want{lkNum, "25.1", "25.1", 0, "The programme"}},
		{"decimal number: whole", labelDecimalNumber, "25 programmes", nil},
		{"arabic dash number", labelArabicDashNumber, "-12 النص", &want{lkNum, "12", "-12", 0, "النص"}},
		{"arabic number dash", labelArabicNumberDash, "12- النص", &want{lkNum, "12", "12-", 0, "النص"}},
		{"arabic number dash: Latin line", labelArabicNumberDash, "12- text", nil},
	}
	for _, c := range cases {
		l, ok := c.rule(c.in)
		switch {
		case c.want == nil && ok:
			t.Errorf("%s: %q read as %+v", c.name, c.in, l)
		case c.want != nil && !ok:
			t.Errorf("%s: %q not read", c.name, c.in)
		case c.want != nil:
			got := want{l.kind, l.value, l.raw, l.pos, l.rest}
			if got != *c.want {
				t.Errorf("%s: %q read as %+v, want %+v", c.name, c.in, got, *c.want)
			}
		}
	}
}

// The first pattern that matches decides, after labelCandidate.
func TestParseLabelOrder(t *testing.T) {
	for in, want := range map[string]string{
		"(i) text":    "roman i",  // labelRomanParen before labelLetterParen
		"(c) text":    "letter c", // not roman
		"i) text":     "roman i",  // labelRomanHalf before labelLetterHalf
		"l) text":     "letter l",
		"the text":    "none",     // a small letter without ')' or '.' soon
		"٣. النص":     "num 3",    // figures in ASCII first
		"⒜ text":      "letter a", // spelled out: "(a) text"
		"\u200f5. نص": "num 5",    // bidi marks trimmed
		"":            "none",
	} {
		l := parseLabel(in)
		got := "none"
		switch l.kind {
		case lkRoman:
			got = "roman " + l.value
		case lkLetter:
			got = "letter " + l.value
		case lkNum:
			got = fmt.Sprint("num ", l.value)
		}
		if got != want {
			t.Errorf("parseLabel(%q) = %s (%+v), want %s", in, got, l, want)
		}
	}
}
