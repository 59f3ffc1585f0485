package index

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

func TestInstrumentQuery(t *testing.T) {
	for _, c := range []struct {
		q, inst, id, lang string
	}{
		{"Charter art. 51", "charter", "art_51", "en"},
		{"charter Article 51", "charter", "art_51", "en"},
		{"UN Charter, art. 2(4)", "charter", "art_2__para_4", "en"},
		{"Charte des Nations Unies, art. 51", "charter", "art_51", "fr"},
		{"Carta de las Naciones Unidas, Artículo 51", "charter", "art_51", "es"},
		{"Устав ООН, статья 51", "charter", "art_51", "ru"},
		{"Устав Организации Объединённых Наций, ст. 51", "charter", "art_51", "ru"},
		{"ميثاق الأمم المتحدة، المادة 51", "charter", "art_51", "ar"},
		{"联合国宪章第五十一条", "charter", "art_51", "zh"},
		{"联合国宪章，第2条第4款", "charter", "art_2__para_4", "zh"},
		{"Charter of the United Nations", "charter", "", "en"},
		{"Statute of the International Court of Justice, art. 38", "icj-statute", "art_38", "en"},
	} {
		sq, ok := ParseSymbolQuery(c.q)
		if !ok || sq.Instrument != c.inst || sq.ID != c.id || sq.Lang != c.lang {
			t.Errorf("%q: %+v %v, want %s %s %s", c.q, sq, ok, c.inst, c.id, c.lang)
		}
	}
	// short names alone, or followed by words, are text
	for _, q := range []string{"Charter", "Charter principles", "Carta de derechos", "Chartered accountants art. 5", "charte", "宪章"} {
		if sq, ok := ParseSymbolQuery(q); ok {
			t.Errorf("%q parsed as %+v", q, sq)
		}
	}
}

func TestBareClauseRef(t *testing.T) {
	for q, want := range map[string]string{"Article 51": "art_51 en", "art. 2(4)": "art_2__para_4 ", "статья 51": "art_51 ru", "第五十一条": "art_51 zh",
		"para 3": "", "peace": "", "Article": "", "51": ""} {
		id, lang, ok := bareClauseRef(q)
		got := ""
		if ok {
			got = id + " " + lang
		}
		if got != want {
			t.Errorf("%q: %q, want %q", q, got, want)
		}
	}
}

func TestZhNumerals(t *testing.T) {
	for in, want := range map[string]string{"第五十一条": "第51条", "第十条": "第10条", "第十一条": "第11条", "第一百零三条": "第103条", "第二条第四款": "第2条第4款", "第一百一十一条": "第111条"} {
		if got := zhNumerals(in); got != want {
			t.Errorf("%s: %s, want %s", in, got, want)
		}
	}
}

func TestTitleKey(t *testing.T) {
	for in, want := range map[string]string{
		"Charter of the  United Nations":       "charter of the united nations",
		"Устав Организации Объединённых Наций": "устав организации объединенных наций",
		"ميثاق الأمم المتحدة":                  "ميثاق الامم المتحدة",
		"Charte de l’ONU":                      "charte de l onu",
	} {
		if got := titleKey(in); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
}

// The six Charter citations of issue 12 find Article 51 first, in the
// language they are written in.
func TestCorpusCharterCitations(t *testing.T) {
	p, _ := corpus(t)
	ix := open(t, p)
	found := 0
	cases := map[string]string{
		"Charter art. 51":                           "en",
		"Charte des Nations Unies, art. 51":         "fr",
		"Carta de las Naciones Unidas, Artículo 51": "es",
		"Устав ООН, статья 51":                      "ru",
		"ميثاق الأمم المتحدة، المادة 51":            "ar",
		"联合国宪章第五十一条":                                "zh",
	}
	for q, lang := range cases {
		res, err := ix.Search(context.Background(), SearchRequest{Query: q, Limit: 6})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) == 0 || res.Hits[0].ID != "art_51" || res.Hits[0].Language != lang || !strings.Contains(filepath.Base(res.Hits[0].File), "Charter") {
			t.Errorf("%q: %v", q, hitIDs(res))
			continue
		}
		found++
	}
	t.Logf("Charter citations with Article 51 first, in their language: %d of %d", found, len(cases))
	// "Article 51" alone: the articles 51 of the indexed documents, the
	// English one first
	res0, err := ix.Search(context.Background(), SearchRequest{Query: "Article 51"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res0.Hits) == 0 || res0.Hits[0].ID != "art_51" || res0.Hits[0].Language != "en" || !strings.Contains(res0.Notice, "art. 51 of every document") {
		t.Errorf("Article 51: %v %q", hitIDs(res0), res0.Notice)
	}
	res, err := ix.Search(context.Background(), SearchRequest{Query: "Statute of the International Court of Justice art. 38"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 0 || res.Notice != "The Statute of the International Court of Justice is not in this index" {
		t.Errorf("ICJ Statute: %v %q", hitIDs(res), res.Notice)
	}
}
