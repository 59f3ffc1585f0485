package extract

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/docindex/docindex/extract/unsymbol"
)

// Metadata rules for first pages read by OCR only (a text layer's
// masthead is read as it is).

var (
	// reOCRDotSpace: a space OCR puts after the full stop inside a
	// symbol component ("C. 1/19" for "C.1/19")
	reOCRDotSpace = regexp.MustCompile(`([A-Z]\.) ([0-9])`)
	// reOCRDayDot: a stray full stop after the day number ("1. April
	// 1997")
	reOCRDayDot = regexp.MustCompile(`(^|[^\d])(\d{1,2})\. +(\p{L})`)
)

// repairOCRSymbol mends the symbol that a masthead row read by OCR opens
// with: the row is cut before its first word in a non-Latin script
// (Arabic, Cyrillic or Chinese noise read from a stamp beside the
// symbol), a space after a full stop before a digit goes ("C. 1"), and a
// letter I or l read for the slash between two components becomes a
// slash when that makes the symbol belong to a longer series of the UN
// scheme ("E/ESCWAIC.1/19/4" → "E/ESCWA/C.1/19/4"). A row without a
// symbol is returned unchanged.
func repairOCRSymbol(t string) string {
	fs := strings.Fields(t)
	for i, f := range fs {
		if nonLatinLetter(f) {
			fs = fs[:i]
			break
		}
	}
	s := reOCRDotSpace.ReplaceAllString(strings.Join(fs, " "), "$1$2")
	syms := findSymbols(s)
	if len(syms) == 0 {
		return t
	}
	sym := syms[0]
	pre := unsymbol.SeriesPrefix(sym)
	for i := 1; i+1 < len(sym); i++ {
		if sym[i] != 'I' && sym[i] != 'l' || !isUpperASCII(sym[i-1]) || !isUpperASCII(sym[i+1]) {
			continue
		}
		cand := sym[:i] + "/" + sym[i+1:]
		if p := unsymbol.SeriesPrefix(cand); len(p) > len(pre) && len(p) == i+1 {
			return strings.Replace(s, sym, cand, 1)
		}
	}
	return s
}

func isUpperASCII(b byte) bool { return b >= 'A' && b <= 'Z' }

// nonLatinLetter reports whether s holds a letter of a script other than
// Latin.
func nonLatinLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
			return true
		}
	}
	return false
}

// parseOCRDate reads the date of a masthead row read by OCR: the date
// must be most of the row (a date quoted in running text, "the note
// verbale dated 24 February 2022", is not the document's date), and a
// stray full stop after the day number is passed over.
func parseOCRDate(t string) string {
	t = strings.TrimSpace(t)
	if len([]rune(t)) >= 40 {
		return ""
	}
	return parseDate(reOCRDayDot.ReplaceAllString(t, "$1$2 $3"))
}
