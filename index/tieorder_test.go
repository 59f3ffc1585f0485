package index

import (
	"testing"

	bsearch "github.com/blevesearch/bleve/v2/search"
)

// TestTieOrder: hits of equal score are ordered by file then clause
// number, whatever order the shards' merge left them in; higher scores
// stay first.
func TestTieOrder(t *testing.T) {
	hit := func(id, file string, seq float64, score float64) *bsearch.DocumentMatch {
		return &bsearch.DocumentMatch{ID: id, Score: score, Fields: map[string]interface{}{"file": file, "seq": seq}}
	}
	hits := bsearch.DocumentMatchCollection{
		hit("c", "b.pdf", 2, 0.5), hit("top", "z.pdf", 9, 0.9), hit("a", "b.pdf", 1, 0.5), hit("b", "a.pdf", 7, 0.5), hit("low", "a.pdf", 1, 0.1),
	}
	tieOrder(hits)
	var got []string
	for _, h := range hits {
		got = append(got, h.ID)
	}
	want := []string{"top", "b", "a", "c", "low"}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("order %v, want %v", got, want)
		}
	}
}
