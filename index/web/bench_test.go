package web

import (
	"context"
	"io"
	"log"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/docindex/docindex/index"
)

// BenchmarkSearchPage measures one /search page (index.Search plus
// rendering) through the handler, without the network.
func BenchmarkSearchPage(b *testing.B) {
	testHandler(b)
	h := New(fixture.ix, Options{Log: log.New(io.Discard, "", 0)})
	target := "/search?q=" + url.QueryEscape(multiQ)
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", target, nil))
		if rec.Code != 200 {
			b.Fatal(rec.Code)
		}
	}
}

// BenchmarkIndexSearch is the same search straight on the index, to see
// what the web layer adds.
func BenchmarkIndexSearch(b *testing.B) {
	testHandler(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := fixture.ix.Search(ctx, index.SearchRequest{Query: multiQ, Limit: DefaultLimit}); err != nil {
			b.Fatal(err)
		}
	}
}
