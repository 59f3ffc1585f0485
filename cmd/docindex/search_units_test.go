package main

import (
	"strings"
	"testing"

	"github.com/docindex/docindex/index"
)

func TestCheckSearchRequest(t *testing.T) {
	ok := func() index.SearchRequest { return index.SearchRequest{Query: "water", Limit: 10} }
	cases := []struct {
		name   string
		change func(*index.SearchRequest)
		errHas string // "" when valid
	}{
		{"defaults", func(*index.SearchRequest) {}, ""},
		{"languages", func(r *index.SearchRequest) { r.Lang, r.Show = " FR", "ar" }, ""},
		{"unknown language", func(r *index.SearchRequest) { r.Lang = "xx" }, "--lang: unknown language"},
		{"unknown show language", func(r *index.SearchRequest) { r.Show = "klingon" }, "--show: unknown language"},
		{"limit 0", func(r *index.SearchRequest) { r.Limit = 0 }, "--limit 0: want 1 to 100"},
		{"limit 101", func(r *index.SearchRequest) { r.Limit = 101 }, "--limit 101"},
		{"negative offset", func(r *index.SearchRequest) { r.Offset = -1 }, "--offset -1"},
		{"dates", func(r *index.SearchRequest) { r.From, r.To = "2018", "2019-06-30" }, ""},
		{"bad date", func(r *index.SearchRequest) { r.From = "June" }, "June"},
		{"sort by date", func(r *index.SearchRequest) { r.Sort = "-date" }, ""},
		{"unknown sort", func(r *index.SearchRequest) { r.Sort = "size" }, `--sort "size"`},
		// the first bad flag is the one reported
		{"two bad flags", func(r *index.SearchRequest) { r.Limit, r.Sort = 0, "size" }, "--limit"},
	}
	for _, c := range cases {
		r := ok()
		c.change(&r)
		err := checkSearchRequest(&r)
		switch {
		case c.errHas == "" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.errHas != "" && (err == nil || !strings.Contains(err.Error(), c.errHas)):
			t.Errorf("%s: error %v, want one with %q", c.name, err, c.errHas)
		}
	}
	r := index.SearchRequest{Lang: " FR", Limit: 1}
	if err := checkSearchRequest(&r); err != nil || r.Lang != "fr" {
		t.Errorf("language put in lower case: %q %v", r.Lang, err)
	}
}
