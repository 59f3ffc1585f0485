package index

import (
	"errors"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/search/query"
)

// The guard's rules on parsed queries, without an index.
func TestGuardRules(t *testing.T) {
	refused := map[string]string{
		"/.*/":                     "regexp must start with at least 3 literal",
		"li*":                      "at least 3 literal characters",
		"+water -li*":              "at least 3 literal characters", // inside a boolean query
		"lin* mod* cul* div* lar*": "more than 4 wildcard",
		"path:foo":                 `field "path" cannot be searched`,
	}
	for q, want := range refused {
		if err := CheckQuery(q); !errors.Is(err, ErrQueryRefused) || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want a refusal saying %q", q, err, want)
		}
	}
	for _, q := range []string{"water", "lingu*", "text_en:/lin.*/", "water~1", `"clean water"`, "/[/"} {
		if err := CheckQuery(q); err != nil {
			t.Errorf("%q refused: %v", q, err)
		}
	}
	// the prefix rule, on a query built by hand
	if err := CheckParsed(query.NewPrefixQuery("ab")); err == nil || !strings.Contains(err.Error(), "prefix") {
		t.Errorf("short prefix: %v", err)
	}
	// words and expanded terms are counted
	g := guard{}
	if err := g.walk(query.NewConjunctionQuery([]query.Query{query.NewMatchQuery("two words"), query.NewWildcardQuery("wat*")})); err != nil || g.words != 2 || g.expand != 1 {
		t.Errorf("counts: words %d expand %d err %v", g.words, g.expand, err)
	}
}
