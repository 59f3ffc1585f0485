package index

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docindex/docindex/extract"
)

// A document issued under two symbols (a regional commission's report
// that is also an ECOSOC supplement) is found by either; citations keep
// the first.
func TestSecondSymbolSearchable(t *testing.T) {
	p := filepath.Join(t.TempDir(), "ix")
	w, err := OpenWriter(p)
	if err != nil {
		t.Fatal(err)
	}
	doc := &extract.Document{Language: "en",
		Meta: extract.Meta{Symbol: "E/ESCWA/30/18/Report", Symbols: []string{"E/ESCWA/30/18/Report", "E/2018/41"},
			Body: "Economic and Social Commission for Western Asia"},
		Clauses: []extract.Clause{cl("para_1", "en", "The Commission held its thirtieth session.", 1),
			cl("para_2", "en", "The session was opened by the Executive Secretary.", 1)}}
	if err := w.Put(doc, FileRecord{Path: "/x/E_ESCWA_30_18_Report_en.pdf"}); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	ix := open(t, p)
	for _, q := range []string{"E/ESCWA/30/18/Report para 2", "E/2018/41 para 2", "e/2018/41, para. 2"} {
		res, err := ix.Search(context.Background(), SearchRequest{Query: q})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(hitIDs(res), " "); got != "en:para_2" {
			t.Errorf("%q: %s", q, got)
			continue
		}
		if res.Hits[0].Symbol != "E/ESCWA/30/18/Report" {
			t.Errorf("%q: cited as %q", q, res.Hits[0].Symbol)
		}
	}
}
