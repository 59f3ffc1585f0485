package index

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
)

// topicQueries are topic searches as researchers and translators type
// them, ten or more per language, written from the documents of
// ../shared/corpus (each has clauses holding all its words).
var topicQueries = map[string][]string{
	"en": {"climate change adaptation", "human rights", "self-defence", "sustainable development",
		"artificial intelligence", "peacekeeping operations", "international peace and security",
		"durable solutions refugees", "nuclear weapons", "water resources management", "data governance",
		"Security Council"},
	"fr": {"développement durable", "intelligence artificielle", "droits de l'homme", "légitime défense",
		"paix et sécurité internationales", "Conseil de sécurité", "changements climatiques",
		"diversité linguistique", "technologies de l'information", "Assemblée générale", "gouvernement ouvert"},
	"es": {"derechos humanos", "legítima defensa", "paz y seguridad internacionales", "Consejo de Seguridad",
		"Asamblea General", "contribuciones voluntarias", "Corte Interamericana", "libre determinación",
		"medidas provisionales", "cooperación internacional", "régimen internacional de administración fiduciaria"},
	"ru": {"права человека", "Совет Безопасности", "международного мира и безопасности", "самооборону",
		"Генеральная Ассамблея", "система опеки", "суррогатное материнство", "телесных наказаний",
		"самоопределения народов", "Экономический и Социальный Совет", "мирного разрешения споров"},
	"ar": {"حقوق الإنسان", "مجلس الأمن", "الدفاع عن النفس", "الجمعية العامة", "التنمية المستدامة",
		"تغير المناخ", "الأمن السيبراني", "بطالة الشباب", "المجلس الاقتصادي والاجتماعي",
		"السلم والأمن الدولي", "الموارد المائية"},
	"zh": {"安全理事会", "人权", "国际法院", "经济及社会理事会", "托管制度", "自卫", "和平解决", "基本自由",
		"秘书长", "领土完整", "国际合作"},
}

// analyzeTerms is the set of index terms of text under lang's analyzer
// (folded, stop words dropped, stemmed; Chinese bigrams).
func analyzeTerms(tb testing.TB, ix *Index, lang, text string) map[string]bool {
	a := ix.bi.Mapping().AnalyzerNamed(analyzerName(lang))
	if a == nil {
		tb.Fatalf("no analyzer for %s", lang)
	}
	out := map[string]bool{}
	for _, t := range a.Analyze([]byte(text)) {
		out[string(t.Term)] = true
	}
	return out
}

// holdsAll reports whether text, read in lang, holds every term of q.
func holdsAll(tb testing.TB, ix *Index, lang, q, text string) bool {
	have := analyzeTerms(tb, ix, lang, text)
	for t := range analyzeTerms(tb, ix, lang, q) {
		if !have[t] {
			return false
		}
	}
	return true
}

// Topic relevance: the share of top-5 hits, per query language, that are
// in the query's language and hold every term of the query (after
// folding and stemming). Target: at least 0.9 in each language.
func TestTopicRelevance(t *testing.T) {
	p, _ := corpus(t)
	ix := open(t, p)
	var langs []string
	for l := range topicQueries {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	var b strings.Builder
	fmt.Fprintf(&b, "\n%-5s %7s %6s %6s %6s\n", "lang", "queries", "hits", "good", "share")
	for _, l := range langs {
		hits, good := 0, 0
		for _, q := range topicQueries[l] {
			res, err := ix.Search(context.Background(), SearchRequest{Query: q, Limit: 5, SkipBodies: true})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Hits) == 0 {
				t.Errorf("%s %q: no hit", l, q)
			}
			for _, h := range res.Hits {
				hits++
				if h.Language == l && holdsAll(t, ix, l, q, h.Text) {
					good++
				} else if testing.Verbose() {
					t.Logf("%s %q: %s (%s) lacks a term: %.80s", l, q, h.Citation, h.Language, h.Text)
				}
			}
		}
		share := float64(good) / float64(max(hits, 1))
		fmt.Fprintf(&b, "%-5s %7d %6d %6d %6.3f\n", l, len(topicQueries[l]), hits, good, share)
		if share < 0.9 {
			t.Errorf("%s: share of top-5 hits holding every query term %.3f < 0.9", l, share)
		}
	}
	t.Log(b.String())
}

// Read in my language: each topic query with --show in another language
// (English, or French for English queries). Of the hits shown in the
// requested language, the share whose matched version holds every query
// term; hits without a version in it come after those with one.
func TestTopicShow(t *testing.T) {
	p, _ := corpus(t)
	ix := open(t, p)
	var b strings.Builder
	fmt.Fprintf(&b, "\n%-5s %-5s %6s %6s %6s %8s\n", "lang", "show", "shown", "good", "share", "no vers.")
	for _, l := range []string{"ar", "en", "es", "fr", "ru", "zh"} {
		show := "en"
		if l == "en" {
			show = "fr"
		}
		shown, good, missing := 0, 0, 0
		for _, q := range topicQueries[l] {
			res, err := ix.Search(context.Background(), SearchRequest{Query: q, Limit: 10, Show: show, SkipBodies: true})
			if err != nil {
				t.Fatal(err)
			}
			seenMissing := false
			for _, h := range res.Hits {
				if h.NoShowVersion {
					missing++
					seenMissing = true
					if h.Matched != nil {
						t.Errorf("%q: hit without a %s version has a matched version", q, show)
					}
					continue
				}
				if seenMissing {
					t.Errorf("%q: a hit with a %s version after one without", q, show)
				}
				if h.Language != show {
					t.Errorf("%q: hit shown in %s, want %s", q, h.Language, show)
					continue
				}
				shown++
				m, mtext := h.Language, h.Text
				if h.Matched != nil {
					m, mtext = h.Matched.Language, h.Matched.Text
				}
				if m == l && holdsAll(t, ix, l, q, mtext) {
					good++
				}
			}
		}
		share := float64(good) / float64(max(shown, 1))
		fmt.Fprintf(&b, "%-5s %-5s %6d %6d %6.3f %8d\n", l, show, shown, good, share, missing)
		if shown > 0 && share < 0.9 {
			t.Errorf("%s shown in %s: share %.3f < 0.9", l, show, share)
		}
	}
	t.Log(b.String())
}
