package lang

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Two forms of text:
//
//   - storage form (Normalize): what is kept and shown — Unicode NFC,
//     invisible extraction debris removed, odd spaces made plain, but
//     every letter and mark as printed (Russian ё, Arabic harakat and
//     tatweel, Chinese full-width punctuation all kept);
//   - index form (Fold, FoldToken): what is searched — NFKC-equivalent
//     (ligatures, presentation forms and full-width forms folded),
//     typographic apostrophes unified, Arabic tatweel and harakat removed.
//     Alef/yeh variants and case are left to the Bleve analyzers.
//
// Superscript and subscript digits: NFKC would turn "Assembly²" into
// "Assembly2", gluing a footnote marker (or the "2" of "km²") to the word
// and making both unfindable. Fold keeps the digits (they carry meaning in
// "km²" or "CO₂") but as a separate token: "Assembly²" → "Assembly 2",
// "CO₂" → "CO 2" (a query folded the same way matches as a phrase).
// FoldToken, which must return one term, drops them from a term that has
// other characters ("Assembly²" → "Assembly") and folds a term made only of
// them ("²" → "2").

// Normalize returns text in storage form for language lang (ISO 639-1;
// it matters for French and Italian spacing fixes and for the zero-width
// joiners of scripts that need them):
//   - Unicode NFC;
//   - no-break, narrow no-break, figure, ideographic and other Zs spaces
//     become ' ' (French spacing before ; : ! ? » stays a space, one);
//     line and paragraph separators become '\n';
//   - soft hyphens, zero-width spaces, word joiners, BOMs and bidi controls
//     (U+200E/F, U+061C, U+202A–E, U+2066–9) are removed, and ZWJ/ZWNJ too
//     except in languages whose spelling uses them (Persian, Urdu, Indic);
//   - PDF glyph artifacts are resolved: Latin ligatures (U+FB00–FB06) and
//     Arabic presentation forms (U+FB50–FDFF, U+FE70–FEFF) become the
//     letters they draw (their NFKC mapping), since no author types them;
//   - French/Italian elisions split by extraction are joined: "l ’homme" →
//     "l’homme", "dell’ Assemblea" → "dell’Assemblea".
func Normalize(lang, text string) string {
	s := strings.Map(cleaner(lang), text)
	s = foldGlyphs(s)
	s = norm.NFC.String(s)
	return fixSpacing(lang, s)
}

// Fold returns text in index form for language lang: the storage
// cleaning, typographic apostrophes (’ ‘ ‛ ʼ ′ ` ´) as ', NFKC (which
// includes everything width.Fold does: TestNFKCSubsumesWidthFold), Arabic
// tatweel and harakat (U+064B–065F, U+0670, Quranic marks U+06D6–06ED)
// removed after composition, superscript/subscript digits split off as a
// separate token (see above).
func Fold(lang, text string) string {
	s := splitScripts(text)
	s = strings.Map(cleaner(lang), s)
	s = strings.Map(apostrophe, s)
	s = norm.NFKC.String(s)
	s = strings.Map(dropArabicMarks, s)
	return fixSpacing(lang, s)
}

// FoldToken folds one token (as Bleve hands it to a token filter) to index
// form: like Fold, but superscript/subscript digits inside a longer token
// are dropped (a term cannot hold a space), spaces are dropped, and nothing
// is done about spacing. A token already in index form is returned as it
// is, without allocating.
func FoldToken(lang, term string) string {
	if tokenFolded(term) {
		return term
	}
	return foldToken(lang, term)
}

func foldToken(lang, term string) string {
	s := term
	if hasScriptDigit(s) && !onlyScriptDigits(s) {
		s = strings.Map(dropScriptDigit, s)
	}
	s = strings.Map(cleaner(lang), s)
	s = strings.Map(apostropheNoSpace, s)
	s = norm.NFKC.String(s)
	return strings.Map(dropArabicMarks, s)
}

// tokenFolded reports whether FoldToken would leave term unchanged.
func tokenFolded(term string) bool {
	for i := 0; i < len(term); i++ {
		c := term[i]
		if c == '`' || c == ' ' || c == '\n' {
			return false
		}
		if c >= utf8.RuneSelf {
			inert := true // every rune stable under NFKC on its own
			for j, r := range term[i:] {
				if r < utf8.RuneSelf {
					if r == '`' || r == ' ' || r == '\n' {
						return false
					}
					continue
				}
				if cleanRune(r, false) != r || apostrophe(r) != r || isArabicMark(r) || r == '\u0640' || isScriptDigit(r) {
					return false
				}
				if inert {
					p := norm.NFKC.PropertiesString(term[i+j:])
					inert = p.BoundaryBefore() && p.Decomposition() == nil
				}
			}
			return inert || norm.NFKC.IsNormalString(term)
		}
	}
	return true
}

func cleaner(lang string) func(rune) rune {
	if keepsJoiners(lang) {
		return cleanKeepJoiners
	}
	return cleanDropJoiners
}

func cleanKeepJoiners(r rune) rune { return cleanRune(r, true) }
func cleanDropJoiners(r rune) rune { return cleanRune(r, false) }

func dropScriptDigit(r rune) rune {
	if isScriptDigit(r) {
		return -1
	}
	return r
}

func apostropheNoSpace(r rune) rune {
	if r == ' ' || r == '\n' {
		return -1
	}
	return apostrophe(r)
}

// cleanRune is the storage mapping of one rune: -1 drops it.
func cleanRune(r rune, keepJoiners bool) rune {
	if r < 0x80 {
		return r
	}
	switch r {
	case '\u00AD', // soft hyphen
		'\u200B', '\u2060', '\uFEFF', '\u180E', // zero-width space, word joiner, BOM, Mongolian vowel separator
		'\u2061', '\u2062', '\u2063', '\u2064', // invisible math operators
		'\u200E', '\u200F', '\u061C': // LRM, RLM, ALM
		return -1
	case '\u200C', '\u200D': // ZWNJ, ZWJ
		if keepJoiners {
			return r
		}
		return -1
	case '\u2028', '\u2029':
		return '\n'
	}
	if r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 { // bidi embeddings, overrides, isolates
		return -1
	}
	if unicode.Is(unicode.Zs, r) {
		return ' '
	}
	return r
}

// keepsJoiners reports whether the spelling of lang uses ZWNJ/ZWJ.
func keepsJoiners(lang string) bool {
	switch lang {
	case "fa", "ur", "ps", "ku", "hi", "mr", "ne", "bn", "si", "ml", "ta", "te", "kn", "gu", "pa", "or":
		return true
	}
	return false
}

// isGlyphForm reports Latin ligatures and Arabic presentation forms.
func isGlyphForm(r rune) bool {
	return r >= 0xFB00 && r <= 0xFB06 || r >= 0xFB50 && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFF
}

// foldGlyphs replaces ligatures and presentation forms by their NFKC
// mapping, leaving everything else as it is.
func foldGlyphs(s string) string {
	i := strings.IndexFunc(s, isGlyphForm)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	var buf [4]byte
	for _, r := range s[i:] {
		if isGlyphForm(r) {
			n := utf8.EncodeRune(buf[:], r)
			b.Write(norm.NFKC.Bytes(buf[:n]))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// isScriptDigit reports superscript and subscript digits and signs.
func isScriptDigit(r rune) bool {
	switch {
	case r == '\u00B2', r == '\u00B3', r == '\u00B9', r == '\u2070':
		return true
	case r >= 0x2074 && r <= 0x207E, r >= 0x2080 && r <= 0x208E:
		return true
	}
	return false
}

func hasScriptDigit(s string) bool { return strings.IndexFunc(s, isScriptDigit) >= 0 }

func onlyScriptDigits(s string) bool {
	for _, r := range s {
		if !isScriptDigit(r) {
			return false
		}
	}
	return true
}

// splitScripts sets runs of superscript/subscript digits apart from the
// letters or digits around them with spaces, so that NFKC does not glue
// them to the word ("Assembly²" → "Assembly ²", folded later to "2").
func splitScripts(s string) string {
	if !hasScriptDigit(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	prevScript := false
	var prev rune = ' '
	for _, r := range s {
		is := isScriptDigit(r)
		if is && !prevScript && isWordRune(prev) {
			b.WriteByte(' ')
		}
		if !is && prevScript && isWordRune(r) {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
		prevScript = is
		prev = r
	}
	return b.String()
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// apostrophe maps typographic apostrophes and look-alikes to '. It runs
// before NFKC, which would turn ´ into a space and a combining accent.
func apostrophe(r rune) rune {
	switch r {
	case '`', '\u2019', '\u2018', '\u201B', '\u02BC', '\u2032', '\u00B4', '\u02B9', '\uFF07':
		return '\''
	}
	return r
}

// dropArabicMarks removes Arabic tatweel and harakat. It runs after NFKC
// so that hamza and madda marks first compose with their letters (أ آ ؤ).
func dropArabicMarks(r rune) rune {
	if r == '\u0640' || isArabicMark(r) {
		return -1
	}
	return r
}

// isArabicMark reports Arabic harakat (tanwin, fatha, damma, kasra, shadda,
// sukun, maddah and hamza marks, U+064B–065F), the superscript alef U+0670
// and Quranic annotation marks (U+06D6–06ED, except the letters in that
// range).
func isArabicMark(r rune) bool {
	switch {
	case r >= 0x064B && r <= 0x065F, r == 0x0670:
		return true
	case r >= 0x06D6 && r <= 0x06ED:
		return r != 0x06DD && r != 0x06DE && r != 0x06E5 && r != 0x06E6 && r != 0x06E9
	}
	return false
}

// Elided words (French, Italian) whose apostrophe extraction tends to set
// apart: "l ’homme", "l’ homme", "dell ’Assemblea".
var (
	elisionFR = regexp.MustCompile(`(?i)(^|[^\p{L}])(l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu|presqu|quelqu)(?: +([’'])|([’']) +)(\p{L})`)
	elisionIT = regexp.MustCompile(`(?i)(^|[^\p{L}])(l|d|c|n|s|un|dell|all|dall|nell|sull|coll|quest|quell|bell|sant|tutt|nessun|anch|dov|com)(?: +([’'])|([’']) +)(\p{L})`)
	// spaces (after Zs folding) before French high punctuation and inside guillemets
	frHighPunct = regexp.MustCompile(` {2,}([;:!?»])|(«) {2,}`)
)

// fixSpacing repairs extraction spacing for French and Italian.
func fixSpacing(lang, s string) string {
	var re *regexp.Regexp
	switch lang {
	case "fr":
		re = elisionFR
	case "it":
		re = elisionIT
	default:
		return s
	}
	if hasSpacedApostrophe(s) {
		s = re.ReplaceAllString(s, "$1$2$3$4$5")
	}
	if lang == "fr" && hasSpacedHighPunct(s) {
		s = frHighPunct.ReplaceAllString(s, "$2 $1")
	}
	return s
}

// hasSpacedApostrophe reports an apostrophe with a space on either side
// (the regular expressions only run then: they are slow).
func hasSpacedApostrophe(s string) bool {
	for i := 0; i < len(s); i++ {
		n := 0
		switch {
		case s[i] == '\'':
			n = 1
		case s[i] == 0xE2 && strings.HasPrefix(s[i:], "’"):
			n = len("’")
		default:
			continue
		}
		if i > 0 && s[i-1] == ' ' || i+n < len(s) && s[i+n] == ' ' {
			return true
		}
	}
	return false
}

// hasSpacedHighPunct reports two spaces before ; : ! ? » or after «.
func hasSpacedHighPunct(s string) bool {
	for i := strings.Index(s, "  "); i >= 0; {
		j := i + 2
		for j < len(s) && s[j] == ' ' {
			j++
		}
		if j < len(s) && strings.IndexByte(";:!?", s[j]) >= 0 || strings.HasPrefix(s[j:], "»") || strings.HasSuffix(s[:i], "«") {
			return true
		}
		k := strings.Index(s[j:], "  ")
		if k < 0 {
			break
		}
		i = j + k
	}
	return false
}
