package index

import (
	"strings"
	"sync"
	"unicode"

	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/docindex/docindex/lang"
)

// Default semantics of a text query (see README, "Search"):
//
//   - A query of plain words (no query-string syntax) is searched in the
//     language it is written in, when that can be told (queryLanguage);
//     other languages only when that language has no clause with every
//     word.
//   - Every word is required (stop words of the language aside, and
//     stemmed by the language's analyzer), with a boost for clauses
//     holding the query as a phrase. A hyphenated compound
//     ("self-defence", "Asia-Pacific") is a phrase; a run of Chinese
//     characters is a phrase of its bigrams.
//   - When no clause has every word, clauses with some of them are shown,
//     and the result says so (SearchResult.Relaxed).
//   - A query with query-string syntax ("a phrase", +must, -not,
//     field:value, wildcards) keeps Bleve's meaning: words without + are
//     optional.

// phraseBoost weighs the phrase form of a query against its words.
const phraseBoost = 2

// isPlainQuery reports whether q holds no query-string syntax: no quotes,
// field names, wildcards, boosts, fuzziness, groups, or +/- operators at
// the start of a word (a hyphen inside a word is a compound).
func isPlainQuery(q string) bool {
	if strings.ContainsAny(q, "\"+:*?~^(){}[]\\/") {
		return false
	}
	for _, w := range strings.Fields(q) {
		if strings.HasPrefix(w, "-") {
			return false
		}
	}
	return true
}

// hasHan reports whether s holds a Han character.
func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// isCompound reports whether w is a hyphenated compound: letters or
// digits on both sides of a hyphen.
func isCompound(w string) bool {
	rs := []rune(w)
	for i := 1; i+1 < len(rs); i++ {
		if (rs[i] == '-' || rs[i] == '‐') && isWordRune(rs[i-1]) && isWordRune(rs[i+1]) {
			return true
		}
	}
	return false
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// strictQuery requires every word of q in field f: compounds and Chinese
// runs as phrases, the other words all present, and the whole query as a
// phrase boosted.
func strictQuery(q, f string) query.Query {
	var must []query.Query
	var rest []string
	words := strings.Fields(q)
	for _, w := range words {
		w = strings.Trim(w, ",;.!?。，、；：")
		if w == "" {
			continue
		}
		if isCompound(w) || (f == "text_zh" && hasHan(w)) {
			pq := query.NewMatchPhraseQuery(w)
			pq.SetField(f)
			must = append(must, pq)
			continue
		}
		rest = append(rest, w)
	}
	if len(rest) > 0 {
		mq := query.NewMatchQuery(strings.Join(rest, " "))
		mq.SetField(f)
		mq.SetOperator(query.MatchQueryOperatorAnd)
		must = append(must, mq)
	}
	if len(must) == 0 {
		return query.NewMatchNoneQuery()
	}
	var should []query.Query
	if len(words) > 1 {
		pq := query.NewMatchPhraseQuery(q)
		pq.SetField(f)
		pq.SetBoost(phraseBoost)
		should = append(should, pq)
	}
	bq := query.NewBooleanQuery(must, should, nil)
	if phraseInStep && (len(should) > 0 || len(rest) == 0 || len(must) > 1) {
		// a phrase to find: searched in one pass (phraserank.go)
		return &phraseRankedQuery{bq: bq, field: f}
	}
	return bq
}

// relaxedQuery matches any word of q in field f, clauses with the phrase
// first.
func relaxedQuery(q, f string) query.Query {
	mq := query.NewMatchQuery(q)
	mq.SetField(f)
	if len(strings.Fields(q)) < 2 && !hasHan(q) {
		return mq
	}
	pq := query.NewMatchPhraseQuery(q)
	pq.SetField(f)
	pq.SetBoost(phraseBoost)
	return query.NewBooleanQuery([]query.Query{mq}, []query.Query{pq}, nil)
}

// perField builds one query per field, joined by a disjunction.
func perField(q string, fields []string, build func(q, f string) query.Query) query.Query {
	subs := make([]query.Query, 0, len(fields))
	for _, f := range fields {
		subs = append(subs, build(q, f))
	}
	return disj(subs...)
}

// latinHints are letters and words that only one of the Latin-script
// languages with a field of their own uses (among en, fr, es, and
// Portuguese, whose clauses go to text_xx).
var latinHints = map[string]string{
	// letters
	"ç": "fr", "è": "fr", "ê": "fr", "à": "fr", "ù": "fr", "â": "fr", "î": "fr", "ô": "fr", "û": "fr",
	"ë": "fr", "ï": "fr", "œ": "fr", "ñ": "es", "¿": "es", "¡": "es",
	// function words
	"the": "en", "of": "en", "and": "en", "for": "en", "with": "en", "to": "en", "against": "en",
	"les": "fr", "des": "fr", "du": "fr", "et": "fr", "aux": "fr", "une": "fr", "pour": "fr", "dans": "fr", "sur": "fr", "au": "fr",
	"los": "es", "las": "es", "del": "es", "el": "es", "para": "es", "con": "es", "por": "es",
}

var (
	queryDetectorOnce sync.Once
	queryDetector     *lang.Detector
)

// queryLanguage tells the language of a text query, and false when it
// cannot be told safely. The script decides for Arabic, Cyrillic and
// Chinese; a Latin query by the letters and function words that only one
// language uses, or else by lingua when it is very sure on at least 20
// letters. Short Latin queries are often words of several languages
// ("durable", "mandat"): those are searched in every language.
func queryLanguage(q string) (string, bool) {
	c := lang.CountScripts(q)
	dom, share := c.Dominant()
	if c.Letters() == 0 || share < 0.8 {
		return "", false
	}
	switch dom {
	case lang.Arabic:
		return "ar", true
	case lang.Cyrillic:
		return "ru", true
	case lang.Han:
		return "zh", true
	case lang.Latin:
	default:
		return "", false
	}
	votes := map[string]bool{}
	lower := strings.ToLower(q)
	for _, r := range lower {
		if l := latinHints[string(r)]; l != "" {
			votes[l] = true
		}
	}
	for _, w := range strings.FieldsFunc(lower, func(r rune) bool { return !isWordRune(r) }) {
		if l := latinHints[w]; l != "" {
			votes[l] = true
		}
	}
	if len(votes) == 1 {
		for l := range votes {
			return l, true
		}
	}
	if len(votes) > 1 {
		return "", false
	}
	queryDetectorOnce.Do(func() {
		queryDetector, _ = lang.NewDetector([]string{"en", "fr", "es", "pt", "de", "it"})
	})
	if queryDetector == nil {
		return "", false
	}
	r := queryDetector.Decide(q)
	if r.Confident && r.Letters >= 20 && r.Margin >= 0.999 && ownField(r.Lang) {
		return r.Lang, true
	}
	return "", false
}
