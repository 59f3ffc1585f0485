package index

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
)

// The query guard: what a user's query-string query may ask of the index.
// Search applies CheckQuery to every text query before running it, so
// the CLI, the web page and the JSON API obey the same rules.

// QueryFields is the allow-list of fields a query may name ("field:value"),
// with what each holds. Every other field (type, _id, wid, work, file,
// path, record, …) is internal and refused.
var QueryFields = map[string]string{
	"text_ar":  "clause text in Arabic",
	"text_en":  "clause text in English",
	"text_es":  "clause text in Spanish",
	"text_fr":  "clause text in French",
	"text_ru":  "clause text in Russian",
	"text_zh":  "clause text in Chinese",
	"text_xx":  "clause text in other languages",
	"symbol":   "document symbol, exactly as printed (A/RES/78/265)",
	"id":       "clause id (para_6, art_51, para_6__m)",
	"language": "clause language (ISO 639-1: ar, en, es, fr, ru, zh)",
	"body":     "issuing body (General Assembly, Security Council …)",
	"section":  "section heading",
	"title":    "document title",
	"name":     "file base name (UN_Charter_fr.pdf)",
	"page":     "page number",
	"date":     "document date",
}

// Limits on the terms that expand into many index terms.
const (
	// MinExpandPrefix is the number of literal characters a wildcard or
	// regexp term must start with: "inter*" is fine, "*", "a*" and
	// /.*/ would visit a large part of the term dictionary.
	MinExpandPrefix = 3
	// MaxExpandTerms is the number of wildcard, regexp and fuzzy terms
	// one query may hold ("a* b* … z*" is refused).
	MaxExpandTerms = 4
	// MinFuzzyLen is the shortest word a fuzzy term (word~N) may have;
	// words shorter than 6 runes get fuzziness 1 at most.
	MinFuzzyLen = 3
	// MaxExpansion caps the index terms one wildcard, regexp or fuzzy
	// term may expand into (a backstop behind the rules above: Bleve
	// fails such a query instead of building a disjunction of millions
	// of terms).
	MaxExpansion = 10000
)

func init() {
	searcher.DisjunctionMaxClauseCount = MaxExpansion
}

// ErrQueryRefused is wrapped by every error of CheckQuery.
var ErrQueryRefused = errors.New("query refused")

// QueryRefusedError says why a query was refused.
type QueryRefusedError struct{ Reason string }

func (e *QueryRefusedError) Error() string    { return "query refused: " + e.Reason }
func (e *QueryRefusedError) Is(t error) bool  { return t == ErrQueryRefused }
func (e *QueryRefusedError) QueryError() bool { return true }
func refusef(format string, a ...any) error   { return &QueryRefusedError{fmt.Sprintf(format, a...)} }

// FieldList is the allowed fields, sorted, for messages.
func FieldList() string {
	names := make([]string, 0, len(QueryFields))
	for f := range QueryFields {
		names = append(names, f)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// CheckQuery applies the query guard to q, a query-string query. A query
// that does not parse passes: Search reads it as plain words, which is
// always cheap.
func CheckQuery(q string) error {
	pq, err := query.NewQueryStringQuery(q).Parse()
	if err != nil {
		return nil
	}
	return CheckParsed(pq)
}

// CheckParsed applies the query guard to a parsed query tree.
func CheckParsed(q query.Query) error {
	g := guard{}
	return g.walk(q)
}

type guard struct {
	expand int // wildcard, regexp, fuzzy and prefix terms
	costly int // ranges, long phrases
	words  int
}

func (g *guard) field(f string) error {
	if f == "" {
		return nil
	}
	if _, ok := QueryFields[f]; !ok {
		return refusef("field %q cannot be searched; the fields are: %s", f, FieldList())
	}
	return nil
}

func (g *guard) count(what string) error {
	g.expand++
	if g.expand > MaxExpandTerms {
		return refusef("more than %d wildcard, regexp or fuzzy terms in one query (%s)", MaxExpandTerms, what)
	}
	return nil
}

// walk checks a parsed query: compound queries through their parts,
// expanding terms (wildcard, regexp, fuzzy, prefix) against their limits,
// every field named, words and range queries counted.
func (g *guard) walk(q query.Query) error {
	switch q := q.(type) {
	case nil:
		return nil
	case *query.BooleanQuery:
		return g.walkAll(q.Must, q.Should, q.MustNot, q.Filter)
	case *query.ConjunctionQuery:
		return g.walkAll(q.Conjuncts...)
	case *query.DisjunctionQuery:
		return g.walkAll(q.Disjuncts...)
	case *query.WildcardQuery:
		return g.wildcard(q)
	case *query.RegexpQuery:
		return g.regexp(q)
	case *query.FuzzyQuery:
		if err := g.field(q.FieldVal); err != nil {
			return err
		}
		return g.fuzzy(q.Term, q.Fuzziness)
	case *query.MatchQuery:
		return g.match(q)
	case *query.PrefixQuery:
		return g.prefix(q)
	case *query.MatchPhraseQuery:
		g.words += len(strings.Fields(q.MatchPhrase))
		return g.field(q.FieldVal)
	case *query.NumericRangeQuery, *query.DateRangeQuery, *query.TermRangeQuery:
		g.costly++
		return g.field(q.(interface{ Field() string }).Field())
	case interface{ Field() string }:
		return g.field(q.Field())
	}
	return nil
}

// walkAll walks the sub-queries of a compound query, stopping at the
// first refused.
func (g *guard) walkAll(qs ...query.Query) error {
	for _, s := range qs {
		if err := g.walk(s); err != nil {
			return err
		}
	}
	return nil
}

// wildcard: a wildcard term needs MinExpandPrefix literal characters
// before its first wildcard, and counts as an expanded term.
func (g *guard) wildcard(q *query.WildcardQuery) error {
	if err := g.field(q.FieldVal); err != nil {
		return err
	}
	if n := utf8.RuneCountInString(wildcardPrefix(q.Wildcard)); n < MinExpandPrefix {
		return refusef("wildcard %q: a wildcard term must start with at least %d literal characters", q.Wildcard, MinExpandPrefix)
	}
	return g.count(q.Wildcard)
}

// regexp: a regexp needs a literal prefix of MinExpandPrefix characters,
// and counts as an expanded term; one that does not compile is let
// through (Search reads the query as plain words).
func (g *guard) regexp(q *query.RegexpQuery) error {
	if err := g.field(q.FieldVal); err != nil {
		return err
	}
	re, err := regexp.Compile(q.Regexp)
	if err != nil {
		return nil
	}
	if p, _ := re.LiteralPrefix(); utf8.RuneCountInString(p) < MinExpandPrefix {
		return refusef("regexp /%s/: a regexp must start with at least %d literal characters", q.Regexp, MinExpandPrefix)
	}
	return g.count("/" + q.Regexp + "/")
}

// match counts the words of a match query; with fuzziness each word is
// a fuzzy term.
func (g *guard) match(q *query.MatchQuery) error {
	if err := g.field(q.FieldVal); err != nil {
		return err
	}
	g.words += len(strings.Fields(q.Match))
	if q.Fuzziness > 0 {
		for _, w := range strings.Fields(q.Match) {
			if err := g.fuzzy(w, q.Fuzziness); err != nil {
				return err
			}
		}
	}
	return nil
}

// prefix: a prefix needs MinExpandPrefix characters, and counts as an
// expanded term.
func (g *guard) prefix(q *query.PrefixQuery) error {
	if err := g.field(q.FieldVal); err != nil {
		return err
	}
	if utf8.RuneCountInString(q.Prefix) < MinExpandPrefix {
		return refusef("prefix %q: at least %d characters", q.Prefix, MinExpandPrefix)
	}
	return g.count(q.Prefix + "*")
}

func (g *guard) fuzzy(word string, fuzziness int) error {
	n := utf8.RuneCountInString(word)
	switch {
	case n < MinFuzzyLen:
		return refusef("fuzzy term %q~%d: a fuzzy word must have at least %d characters", word, fuzziness, MinFuzzyLen)
	case fuzziness > 1 && n < 6:
		return refusef("fuzzy term %q~%d: words under 6 characters allow fuzziness 1 at most", word, fuzziness)
	case fuzziness > 2:
		return refusef("fuzzy term %q~%d: fuzziness 2 at most", word, fuzziness)
	}
	return g.count(word + "~")
}

// wildcardPrefix is the literal start of a wildcard pattern: up to the
// first * or ? not escaped by a backslash.
func wildcardPrefix(w string) string {
	var b strings.Builder
	for i := 0; i < len(w); i++ {
		switch w[i] {
		case '*', '?':
			return b.String()
		case '\\':
			if i+1 < len(w) {
				i++
			}
		}
		b.WriteByte(w[i])
	}
	return b.String()
}

// Refused reports whether Search refuses the query q outright, so that a
// server can answer it at once instead of queueing it with the searches
// that run (Search still applies the guard itself).
func Refused(q string) bool {
	q = strings.TrimSpace(q)
	if strings.Trim(q, "* ") == "" {
		return false // "everything", not a wildcard
	}
	if _, ok := ParseSymbolQuery(q); ok {
		return false
	}
	return CheckQuery(q) != nil
}

// costlyWords is the number of words above which a query counts as
// costly.
const costlyWords = 16

// Costly reports whether q is a query that may cost a search much more
// than a few words do: wildcard, regexp, fuzzy or prefix terms, ranges,
// more than 16 words, or everything (an empty query). A server runs
// these in a smaller pool, so that they cannot crowd out the others.
func Costly(q string) bool {
	q = strings.TrimSpace(q)
	if strings.Trim(q, "* ") == "" {
		return true
	}
	if _, ok := ParseSymbolQuery(q); ok {
		return false
	}
	pq, err := query.NewQueryStringQuery(q).Parse()
	if err != nil {
		return len(strings.Fields(q)) > costlyWords
	}
	g := guard{}
	if g.walk(pq) != nil {
		return false // refused: costs nothing
	}
	return g.expand > 0 || g.costly > 0 || g.words > costlyWords
}
