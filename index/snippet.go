package index

import (
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/registry"
	"github.com/blevesearch/bleve/v2/search/highlight"
	htmlFormatter "github.com/blevesearch/bleve/v2/search/highlight/format/html"
	simpleFragmenter "github.com/blevesearch/bleve/v2/search/highlight/fragmenter/simple"
	simpleHighlighter "github.com/blevesearch/bleve/v2/search/highlight/highlighter/simple"
)

// Snippets: Bleve's simple fragmenter cuts a fixed number of characters
// around the matches, often inside a word ("…ulignant l'importance").
// wordFragmenter moves each cut to a word boundary; a Chinese, Japanese
// or Korean character is a word of its own, so such text is cut between
// whole characters.

const snippetHighlighterName = "docindex_html"

// snippetFragmentSize is the length of a snippet in characters (Bleve's
// default).
const snippetFragmentSize = 200

// maxWordReach bounds how far a cut moves to reach a word boundary.
const maxWordReach = 40

func init() {
	err := registry.RegisterHighlighter(snippetHighlighterName, func(config map[string]interface{}, cache *registry.Cache) (highlight.Highlighter, error) {
		return simpleHighlighter.NewHighlighter(
			wordFragmenter{simpleFragmenter.NewFragmenter(snippetFragmentSize)},
			htmlFormatter.NewFragmentFormatter("<mark>", "</mark>"),
			simpleHighlighter.DefaultSeparator), nil
	})
	if err != nil {
		panic(err)
	}
}

type wordFragmenter struct{ inner highlight.Fragmenter }

func (w wordFragmenter) Fragment(orig []byte, ot highlight.TermLocations) []*highlight.Fragment {
	frags := w.inner.Fragment(orig, ot)
	for _, f := range frags {
		f.Start, f.End = wordBounds(orig, f.Start, f.End, ot)
	}
	return frags
}

// inWord reports whether the byte offset i of text falls between two
// letters or digits of one word (never between two CJK characters).
func inWord(text []byte, i int) bool {
	if i <= 0 || i >= len(text) {
		return false
	}
	before, _ := utf8.DecodeLastRune(text[:i])
	after, _ := utf8.DecodeRune(text[i:])
	return wordChar(before) && wordChar(after)
}

func wordChar(r rune) bool {
	if r == utf8.RuneError || isIdeograph(r) {
		return false
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || r == '\'' || r == '’'
}

func isIdeograph(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r)
}

// wordBounds moves start and end of a fragment of text out of the middle
// of a word: start forward past the cut word (backward to its beginning
// when a match begins within it), end back before the cut word (forward
// to its end when a match ends within it). Offsets stay on rune
// boundaries.
func wordBounds(text []byte, start, end int, ot highlight.TermLocations) (int, int) {
	firstTerm, lastTerm := len(text), 0
	for _, t := range ot {
		if t.End > start && t.Start < end {
			firstTerm = min(firstTerm, t.Start)
			lastTerm = max(lastTerm, t.End)
		}
	}
	if inWord(text, start) {
		s := start
		for n := 0; s < end && inWord(text, s) && n < maxWordReach; n++ {
			_, size := utf8.DecodeRune(text[s:])
			s += size
		}
		if !inWord(text, s) && s <= firstTerm {
			// skip the spaces after the cut word
			for s < end {
				r, size := utf8.DecodeRune(text[s:])
				if !unicode.IsSpace(r) {
					break
				}
				s += size
			}
			start = s
		} else {
			for n := 0; start > 0 && inWord(text, start) && n < maxWordReach; n++ {
				_, size := utf8.DecodeLastRune(text[:start])
				start -= size
			}
		}
	}
	if inWord(text, end) {
		e := end
		for n := 0; e > start && inWord(text, e) && n < maxWordReach; n++ {
			_, size := utf8.DecodeLastRune(text[:e])
			e -= size
		}
		if !inWord(text, e) && e >= lastTerm && e > start {
			for e > start {
				r, size := utf8.DecodeLastRune(text[:e])
				if !unicode.IsSpace(r) {
					break
				}
				e -= size
			}
			end = e
		} else {
			for n := 0; end < len(text) && inWord(text, end) && n < maxWordReach; n++ {
				_, size := utf8.DecodeRune(text[end:])
				end += size
			}
		}
	}
	for start < end {
		r, size := utf8.DecodeRune(text[start:])
		if !unicode.IsSpace(r) {
			break
		}
		start += size
	}
	for end > start {
		r, size := utf8.DecodeLastRune(text[:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= size
	}
	return start, end
}
