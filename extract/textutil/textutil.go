// Package textutil holds the small text helpers shared by the PDF reader
// (extract/reader), the layout layer (extract/layout) and document
// analysis (extract): the bottom layer, importing nothing of the project.
package textutil

import "unicode"

// IsSpace reports whether c is ASCII white space as PDF and Go regexps'
// \s know it: space, tab, line feed, carriage return, form feed.
func IsSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

// AllDigits reports whether b is non-empty and only ASCII digits.
func AllDigits(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// IsCJK reports a Han, Hiragana or Katakana character, CJK punctuation
// (U+3000–U+303F) or a full-width form (U+FF00–U+FFEF): text written
// without spaces between words.
func IsCJK(r rune) bool {
	if r < 0x2e80 {
		return false // no Han, Hiragana or Katakana below U+2E80
	}
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) ||
		(r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xffef)
}

// CollapseSpaces replaces each run of ASCII white space (what \s matches
// in a Go regexp) with one space.
func CollapseSpaces(s string) string {
	isSp := IsSpace
	clean := true
	for i := 0; i < len(s); i++ {
		if isSp(s[i]) && (s[i] != ' ' || i+1 < len(s) && isSp(s[i+1])) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if !isSp(s[i]) {
			b = append(b, s[i])
			continue
		}
		b = append(b, ' ')
		for i+1 < len(s) && isSp(s[i+1]) {
			i++
		}
	}
	return string(b)
}

// HasArabic reports whether s has a character of the Arabic script.
func HasArabic(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Arabic, r) {
			return true
		}
	}
	return false
}
