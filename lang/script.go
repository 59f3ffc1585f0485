package lang

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Script is a writing system as far as language identification cares.
type Script uint8

// Scripts told apart by Detect. Kana covers Hiragana and Katakana (their
// presence next to Han means Japanese).
const (
	Other Script = iota
	Latin
	Arabic
	Cyrillic
	Han
	Kana
	Hangul
	Greek
	Hebrew
	Devanagari
	Armenian
	Georgian
	Bengali
	Gujarati
	Gurmukhi
	Tamil
	Telugu
	Thai
	numScripts
)

var scriptNames = [numScripts]string{"Other", "Latin", "Arabic", "Cyrillic", "Han", "Kana", "Hangul",
	"Greek", "Hebrew", "Devanagari", "Armenian", "Georgian", "Bengali", "Gujarati", "Gurmukhi",
	"Tamil", "Telugu", "Thai"}

func (s Script) String() string {
	if s < numScripts {
		return scriptNames[s]
	}
	return "Script(?)"
}

// scriptTables maps the Unicode script tables to our scripts, most
// frequent first (after Latin, which has an ASCII fast path).
var scriptTables = []struct {
	s Script
	t *unicode.RangeTable
}{
	{Latin, unicode.Latin},
	{Arabic, unicode.Arabic},
	{Cyrillic, unicode.Cyrillic},
	{Han, unicode.Han},
	{Kana, unicode.Hiragana},
	{Kana, unicode.Katakana},
	{Hangul, unicode.Hangul},
	{Greek, unicode.Greek},
	{Hebrew, unicode.Hebrew},
	{Devanagari, unicode.Devanagari},
	{Armenian, unicode.Armenian},
	{Georgian, unicode.Georgian},
	{Bengali, unicode.Bengali},
	{Gujarati, unicode.Gujarati},
	{Gurmukhi, unicode.Gurmukhi},
	{Tamil, unicode.Tamil},
	{Telugu, unicode.Telugu},
	{Thai, unicode.Thai},
}

// ScriptOf returns the script of letter r (Other for non-letters and
// scripts not listed).
func ScriptOf(r rune) Script {
	if r < utf8.RuneSelf {
		if (r|0x20) >= 'a' && (r|0x20) <= 'z' {
			return Latin
		}
		return Other
	}
	if !unicode.IsLetter(r) {
		return Other
	}
	for _, st := range scriptTables {
		if unicode.Is(st.t, r) {
			return st.s
		}
	}
	return Other
}

// ScriptCounts counts letters per script.
type ScriptCounts [numScripts]int

// CountScripts counts the letters of text per script. Latin letters of
// tokens that are not words — URLs, paths, document symbols and e-mail
// addresses ("https://…", "A/RES/78/265", "x@y.org"), recognized by a '/',
// '\\', '@', '_' or '=' or a "www." start — are not counted: they say
// nothing about the language around them.
func CountScripts(text string) ScriptCounts {
	var c ScriptCounts
	forTokens(text, func(tok string, junk bool) bool {
		for i := 0; i < len(tok); {
			b := tok[i]
			if b < utf8.RuneSelf {
				if !junk && (b|0x20) >= 'a' && (b|0x20) <= 'z' {
					c[Latin]++
				}
				i++
				continue
			}
			r, n := utf8.DecodeRuneInString(tok[i:])
			i += n
			if s := ScriptOf(r); s != Latin || !junk {
				c[s]++
			}
		}
		return true
	})
	return c
}

// forTokens calls f with each whitespace-separated token of text and
// whether it is junk (not a word: URL, path, symbol, address), until f
// returns false.
func forTokens(text string, f func(tok string, junk bool) bool) {
	start := -1
	junk := false
	for i := 0; i < len(text); {
		b := text[i]
		var sp bool
		n := 1
		if b < utf8.RuneSelf {
			sp = b == ' ' || b == '\n' || b == '\t' || b == '\r' || b == '\f' || b == '\v'
		} else {
			var r rune
			r, n = utf8.DecodeRuneInString(text[i:])
			sp = unicode.IsSpace(r)
		}
		if sp {
			if start >= 0 {
				if !f(text[start:i], junk) {
					return
				}
				start = -1
			}
		} else {
			if start < 0 {
				start = i
				junk = strings.HasPrefix(text[i:], "www.")
			}
			switch b {
			case '/', '\\', '@', '_', '=':
				junk = true
			}
		}
		i += n
	}
	if start >= 0 {
		f(text[start:], junk)
	}
}

// Letters returns the number of letters counted in a script we know.
func (c *ScriptCounts) Letters() int {
	n := 0
	for s := Latin; s < numScripts; s++ {
		n += c[s]
	}
	return n
}

// weight says how much text one letter of a script stands for, in Latin
// letters: a Han or Hangul character is roughly a word (Chinese prose is
// about three times shorter in characters than its English translation),
// Arabic script leaves short vowels unwritten.
func weight(s Script) float64 {
	switch s {
	case Han, Kana, Hangul:
		return 3
	case Arabic, Hebrew:
		return 1.2
	}
	return 1
}

// weighted returns the weighted letter count of each script and their sum.
func (c *ScriptCounts) weighted() (w [numScripts]float64, total float64) {
	for s := Latin; s < numScripts; s++ {
		w[s] = float64(c[s]) * weight(s)
		total += w[s]
	}
	return w, total
}

// Dominant returns the script with the most (weighted) letters and its share
// of all weighted letters (0 when there are none). Han and Kana are merged
// into Han here (Japanese is told from Chinese afterwards by the Kana share).
func (c *ScriptCounts) Dominant() (Script, float64) {
	w, total := c.weighted()
	if total == 0 {
		return Other, 0
	}
	w[Han] += w[Kana]
	w[Kana] = 0
	best := Latin
	for s := Latin; s < numScripts; s++ {
		if w[s] > w[best] {
			best = s
		}
	}
	return best, w[best] / total
}
