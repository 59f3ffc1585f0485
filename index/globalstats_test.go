package index

import (
	"context"
	"fmt"
	"testing"

	bindex "github.com/blevesearch/bleve_index_api"
)

// TestGlobalStats checks that every shard of a sharded index scores with
// the statistics of one index of the same files: the document count and
// each term's document count seen through globalReader are those of one
// index, and a shard's own count of a term is not (else the test would
// prove nothing); then that ranked hits carry the same scores in the
// same order.
func TestGlobalStats(t *testing.T) {
	one, sh := oneAndSharded(t)
	ix1, ixs := open(t, one), open(t, sh)

	r1, err := ix1.shards[0].Advanced()
	if err != nil {
		t.Fatal(err)
	}
	reader1, err := r1.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer reader1.Close()
	g := newGlobalStats(ixs.shards, newStatCache())
	defer g.close()
	want, _ := reader1.DocCount()
	if got, err := g.docCount(); err != nil || got != want {
		t.Errorf("document count %d (%v), one index %d", got, err, want)
	}
	// a shard's reader, as Bleve gives it to the query's searcher
	a0, _ := ixs.shards[0].Advanced()
	shard0, err := a0.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer shard0.Close()
	gr := &globalReader{IndexReader: shard0, g: g}
	if n, _ := gr.DocCount(); n != want {
		t.Errorf("shard reader: document count %d, want %d", n, want)
	}
	terms, differ := 0, 0
	for _, field := range []string{"text_en", "text_fr", "text_ru", "text_zh", "wid"} {
		d, err := reader1.FieldDict(field)
		if err != nil {
			t.Fatal(err)
		}
		for e, err := d.Next(); e != nil && err == nil; e, err = d.Next() {
			count := func(r bindex.IndexReader) uint64 {
				tfr, err := r.TermFieldReader(context.Background(), []byte(e.Term), field, true, true, false)
				if err != nil {
					t.Fatal(err)
				}
				defer tfr.Close()
				return tfr.Count()
			}
			w := count(reader1)
			if got := count(gr); got != w {
				t.Errorf("%s:%s: %d documents through the shard, one index %d", field, e.Term, got, w)
			}
			if count(shard0) != w {
				differ++
			}
			terms++
		}
		d.Close()
	}
	if terms == 0 || differ == 0 {
		t.Fatalf("%d terms, %d with another count in shard 0: nothing tested", terms, differ)
	}

	for _, q := range []string{"international peace", "Charter", "language", "linguistique", "联合国", "ядерного"} {
		a, err := ix1.Search(context.Background(), SearchRequest{Query: q, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		b, err := ixs.Search(context.Background(), SearchRequest{Query: q, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		key := func(h Hit) string { return fmt.Sprintf("%s#%d %.9g", h.File, h.Seq, h.Score) }
		if len(a.Hits) != len(b.Hits) || len(a.Hits) == 0 {
			t.Errorf("%q: %d hits, sharded %d", q, len(a.Hits), len(b.Hits))
			continue
		}
		for i := range a.Hits {
			if key(a.Hits[i]) != key(b.Hits[i]) {
				t.Errorf("%q hit %d: one index %s, sharded %s", q, i, key(a.Hits[i]), key(b.Hits[i]))
			}
		}
	}
}
