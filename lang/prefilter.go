package lang

import (
	"unicode"
	"unicode/utf8"
)

// A cheap first look for DetectOr, before lingua: most pages and clauses
// are in their document's language, and saying so from function words
// costs microseconds where lingua costs about a millisecond per call (it
// dominated extraction time when asked about every clause).
//
// Only words that are frequent function words of exactly one candidate
// language count (a word listed for two candidates, such as "de" or "la",
// counts for none: that is computed, not hand-curated). The fallback is
// accepted only when it has at least prefilterMin such words and every
// other candidate together has at most a twentieth of that; anything else
// — names, titles, mixed or foreign text — goes to lingua. A list that
// lacks a frequent word of its language makes the filter decline more
// often, never accept wrongly, as long as each language's own most frequent
// words are listed. Roman-numeral-like "i" is left out, and only words in
// lower case count: capitalized and upper-case words are names and
// acronyms ("El Salvador", "AU", "AI") as often as function words.
var functionWords = map[string][]string{
	"en": {"the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "as", "with", "was", "on",
		"by", "be", "at", "this", "are", "which", "from", "or", "have", "an", "has", "its", "not", "were",
		"been", "their", "will", "shall", "these", "such", "would", "should", "also", "other", "any",
		"all", "into", "than", "who", "more", "may", "there", "they", "we", "our", "between", "within",
		"under", "upon", "so", "per", "no", "do", "come", "ad", "am", "plus", "ed"},
	"fr": {"de", "la", "le", "et", "les", "des", "en", "du", "un", "une", "à", "au", "aux", "est", "que",
		"qui", "dans", "pour", "par", "sur", "pas", "ne", "plus", "ce", "cette", "ces", "il", "elle", "se",
		"sont", "ont", "été", "avec", "leur", "leurs", "son", "sa", "ses", "entre", "sous", "lors",
		"ainsi", "aussi", "mais", "ou", "comme", "dont", "être", "tous", "toutes", "nos", "on", "non",
		"y", "si", "er", "foi", "ed", "nous", "vous", "était", "sera", "seront", "avait", "peut", "doit",
		"sans", "très", "depuis", "lequel", "laquelle", "cet", "celle", "celui", "ceux", "aucun", "chaque",
		"afin", "notamment", "également", "selon", "tout", "toute"},
	"es": {"de", "la", "que", "el", "en", "y", "a", "los", "del", "se", "las", "por", "un", "una", "para",
		"con", "no", "es", "al", "lo", "como", "más", "o", "su", "sus", "este", "esta", "entre", "sobre",
		"ha", "han", "sido", "ser", "son", "también", "sin", "ya", "muy", "todos", "cual", "donde",
		"nos", "si", "dos", "bajo", "hasta", "otros", "otras", "estos", "fue", "puede", "así",
		"cuando", "según", "dicho", "haya", "hayan", "deberá", "ello", "cuyo", "cuya", "ese", "esa"},
	"pt": {"de", "a", "o", "que", "e", "do", "da", "em", "um", "uma", "para", "com", "não", "os", "as",
		"no", "na", "dos", "das", "por", "ao", "aos", "se", "mais", "como", "pelo", "pela", "seu", "sua",
		"são", "ser", "foi", "está", "ou", "nos", "nas", "entre", "sobre", "também", "à", "às", "já",
		"este", "esta", "tem", "muito", "lhe"},
	"de": {"der", "die", "und", "in", "den", "von", "zu", "das", "mit", "sich", "des", "auf", "für", "ist",
		"im", "dem", "nicht", "ein", "eine", "als", "auch", "es", "an", "werden", "aus", "er", "hat",
		"dass", "sie", "nach", "wird", "bei", "einer", "um", "am", "sind", "noch", "wie", "einem", "über",
		"einen", "so", "zum", "zur", "oder", "sowie", "durch"},
	"it": {"di", "e", "il", "la", "che", "a", "per", "in", "un", "è", "del", "della", "le", "non", "con",
		"una", "si", "da", "sono", "gli", "al", "alla", "dei", "delle", "nel", "nella", "più", "come",
		"anche", "ha", "lo", "questo", "questa", "degli", "sul", "sulla", "dal", "dalla", "tra", "fra",
		"essere", "stato", "ai", "alle", "nei", "o", "se", "ad", "ed"},
}

const (
	prefilterMin   = 2
	prefilterRatio = 20
	maxWordLen     = 16 // bytes; function words are short
)

// prefilter maps each function word distinctive of one candidate to that
// candidate's index in group.
type prefilter struct {
	group []string
	words map[string]int
}

// newPrefilter returns nil unless every candidate in group has a list.
func newPrefilter(group []string) *prefilter {
	if len(group) < 2 {
		return nil
	}
	owners := map[string]int{}
	for i, code := range group {
		ws, ok := functionWords[code]
		if !ok {
			return nil
		}
		for _, w := range ws {
			if j, seen := owners[w]; seen && j != i {
				owners[w] = -1 // shared: not distinctive
			} else if !seen {
				owners[w] = i
			}
		}
	}
	p := &prefilter{group: group, words: map[string]int{}}
	for w, i := range owners {
		if i >= 0 {
			p.words[w] = i
		}
	}
	return p
}

// accepts reports whether text is plainly in fallback by its function
// words.
func (p *prefilter) accepts(text, fallback string) bool {
	fb := -1
	for i, c := range p.group {
		if c == fallback {
			fb = i
		}
	}
	if fb < 0 {
		return false
	}
	var hits [8]int
	all := p.count(text, hits[:0])
	return plainly(all[fb], sum(all)-all[fb], prefilterMin)
}

// best returns the candidate whose function words plainly dominate text
// (at least min of them, the others together at most a twentieth), or "".
func (p *prefilter) best(text string, min int) string {
	var hits [8]int
	all := p.count(text, hits[:0])
	b := 0
	for i := range all {
		if all[i] > all[b] {
			b = i
		}
	}
	if plainly(all[b], sum(all)-all[b], min) {
		return p.group[b]
	}
	return ""
}

func plainly(own, other, min int) bool {
	return own >= min && other*prefilterRatio <= own
}

func sum(xs []int) int {
	n := 0
	for _, x := range xs {
		n += x
	}
	return n
}

// count counts the distinctive function words of each candidate in text,
// into buf (grown to len(p.group)).
func (p *prefilter) count(text string, buf []int) []int {
	hits := buf[:0]
	for range p.group {
		hits = append(hits, 0)
	}
	var word [maxWordLen]byte
	// skip: the word is not a candidate (too long, capitalized, or joined
	// by a hyphen as in "Port-au-Prince", "el-Hamra")
	n, skip := 0, false
	flush := func(next rune) {
		if n > 0 && !skip && next != '-' {
			if i, ok := p.words[string(word[:n])]; ok {
				hits[i]++
			}
		}
		n, skip = 0, false
	}
	prev := ' '
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		i += size
		if !unicode.IsLetter(r) {
			flush(r)
			prev = r
			continue
		}
		if n == 0 && !skip && prev == '-' {
			skip = true
		}
		prev = r
		if skip {
			continue
		}
		if unicode.IsUpper(r) || n+utf8.RuneLen(r) > maxWordLen {
			skip = true
			continue
		}
		n += utf8.EncodeRune(word[n:], r)
	}
	flush(0)
	return hits
}
