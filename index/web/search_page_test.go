package web

import (
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
)

// The search page's answers for readers: results read in another
// language, honest empty answers, suggestions, pages past the end.
func TestSearchPageReadInMyLanguage(t *testing.T) {
	h := testHandler(t)
	// English words, read in French: the French version, with the English
	// one that matched beside it
	r := get(t, h, "/search?"+url.Values{"q": {"digitization"}, "show": {"fr"}}.Encode())
	contains(t, "show=fr", r.Body, `<div class="matched"><span class="tag" title="English">en</span> matched:`,
		`<mark>digitization</mark>`, `<option value="fr" selected lang="fr">Show in Français</option>`)
	if !strings.Contains(r.Body, `class="citation" href="/clause?`) || !strings.Contains(r.Body, `lang="fr" dir="ltr">A/RES/99/101, par.`) {
		t.Errorf("hit not shown in French: %.2000s", r.Body)
	}
	env := apiSearch(t, h, url.Values{"q": {"digitization"}, "show": {"ar"}})
	if len(env.Hits) == 0 || env.Hits[0].Language != "ar" || env.Hits[0].Matched == nil || env.Hits[0].Matched.Language != "en" || env.Show != "ar" {
		t.Errorf("API show=ar: %+v", env.Hits)
	}
	// the search box reads both directions; the page has a heading
	contains(t, "search box", r.Body, `name="q" dir="auto"`, `<h1 class="rh">Results for`)
}

func TestSearchPageHonestAnswers(t *testing.T) {
	h := testHandler(t)
	r := get(t, h, "/search?q="+url.QueryEscape("A/RES/99/999"))
	contains(t, "unknown symbol", r.Body, `A/RES/99/999 is not in this index`)
	if strings.Contains(r.Body, `<h2>Language</h2>`) || strings.Contains(r.Body, `class="hit"`) {
		t.Errorf("unknown symbol: facets or hits shown")
	}
	r = get(t, h, "/search?q="+url.QueryEscape("A/RES/99/101 para 99"))
	contains(t, "missing paragraph", r.Body, `A/RES/99/101 has no para. 99; it has`)
	r = get(t, h, "/search?q=digitizaton&lang=en")
	contains(t, "suggestion", r.Body, `Did you mean <a href="/search?lang=en&amp;q=digitization" dir="auto">digitization</a>?`)
	r = get(t, h, "/search?q=digitization&page=999")
	contains(t, "page past the end", r.Body, `Page 999 is past the last page of results (1)`, `go to page 1`)
	if strings.Contains(r.Body, "page 999 of") || strings.Contains(r.Body, "No clause matches") {
		t.Errorf("page 999: %.1500s", r.Body)
	}
	// the home page counts the files indexed: every PDF of testdata/pdf
	pdfs, _ := filepath.Glob(filepath.Join(fixture.pdfDir, "*", "*.pdf"))
	r = get(t, h, "/")
	contains(t, "home", r.Body, `<h1>Search UN documents clause by clause</h1>`, fmt.Sprintf(`clauses from <strong>%d</strong> files`, len(pdfs)))
}

// Documents and dates on the page: one row per document, year facet,
// date filter, sort.
func TestSearchPageDocumentsAndDates(t *testing.T) {
	h := testHandler(t)
	r := get(t, h, "/search?q=digitization&group=document")
	contains(t, "group=document", r.Body, `<ol class="docs"`, `<div class="dochead"><a href="/search?`, `matching clauses`,
		`name="group" value="document" checked`)
	env := apiSearch(t, h, url.Values{"q": {"digitization"}})
	var year string
	for y := range env.Facets.Years {
		year = y
	}
	if year == "" {
		t.Fatalf("no year facet: %+v", env.Facets)
	}
	r = get(t, h, "/search?q=digitization")
	contains(t, "year facet", r.Body, `<h2>Year</h2>`, `from=`+year+`&amp;q=digitization&amp;to=`+year)
	env = apiSearch(t, h, url.Values{"q": {"digitization"}, "from": {"1900"}, "to": {"1901"}})
	if env.Total != 0 {
		t.Errorf("from 1900 to 1901: %d hits", env.Total)
	}
	env = apiSearch(t, h, url.Values{"q": {"digitization"}, "group": {"document"}})
	if len(env.Documents) == 0 || len(env.Documents[0].Hits) == 0 {
		t.Errorf("API group=document: %+v", env.Documents)
	}
	for _, bad := range []string{"/search?q=x&from=20x8", "/search?q=x&sort=size", "/api/search?q=x&group=page"} {
		if r := get(t, h, bad); r.Code != 400 {
			t.Errorf("%s: status %d, want 400", bad, r.Code)
		}
	}
}

// The clause view's previous/next links read as references, not ids.
func TestClauseNavReadable(t *testing.T) {
	h := testHandler(t)
	r := get(t, h, ClauseURL(testSymbol, "para_3", "en"))
	contains(t, "clause nav", r.Body, `← previous <span class="id">para. 2</span>`, `next <span class="id">para. 4</span> →`)
	if strings.Contains(r.Body, `<span class="id">para_`) {
		t.Errorf("internal ids in the clause navigation")
	}
}
