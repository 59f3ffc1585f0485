package index

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/docindex/docindex/extract"
)

// Every citation docindex prints, searched as typed, finds its clause:
// the first hit is that clause in the language of the citation. Run on
// the project's own six-language documents, and on the shared corpus
// when present (its citations resolve to their own clause; a document
// printed without a symbol is cited by title: those of known instruments,
// such as the Charter, are tested too, the others are searched as text).
func TestCitationsFindTheirClause(t *testing.T) {
	ex, err := realExtractor()
	if err != nil {
		t.Fatal(err)
	}
	roots := []string{filepath.Join("..", "testdata", "pdf")}
	if shared := sharedDir(); shared != "" && !testing.Short() {
		roots = append(roots, filepath.Join(shared, "corpus"))
	}
	for _, root := range roots {
		ixPath := filepath.Join(t.TempDir(), "ix")
		if _, err := Build(context.Background(), ixPath, []string{root}, BuildOptions{Extract: ex}); err != nil {
			t.Fatalf("build %s: %v", root, err)
		}
		ix := open(t, ixPath)
		files, errs := extract.FindPDFs([]string{root})
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		tried, found := 0, 0
		perLang := map[string][2]int{}
		for _, f := range files {
			if a, err := filepath.Abs(f); err == nil {
				f = a
			}
			doc, err := ex(context.Background(), f)
			if err != nil || (doc.Meta.Symbol == "" && !instrumentTitle(doc.Meta.Title)) {
				continue
			}
			for _, c := range doc.Clauses {
				tried++
				res, err := ix.Search(context.Background(), SearchRequest{Query: c.Citation, Limit: 3})
				ok := err == nil && len(res.Hits) > 0 && res.Hits[0].ID == c.ID && res.Hits[0].Language == c.Language && res.Hits[0].File == f
				n := perLang[c.Language]
				n[0]++
				if ok {
					found++
					n[1]++
				} else if tried-found <= 5 {
					got := "no hit"
					if err == nil && len(res.Hits) > 0 {
						got = res.Hits[0].Language + " " + res.Hits[0].ID + " " + filepath.Base(res.Hits[0].File)
					}
					t.Logf("%s: %q → %s, want %s %s", filepath.Base(f), c.Citation, got, c.Language, c.ID)
				}
				perLang[c.Language] = n
			}
		}
		t.Logf("%s: %d of %d citations find their clause first; by language: %v", root, found, tried, perLang)
		if tried == 0 {
			t.Fatalf("%s: no clauses", root)
		}
		// the project's documents: all of them; the corpus: nearly all
		// (two documents may print the same symbol and clause id)
		want := tried
		if root != roots[0] {
			want = tried * 99 / 100
		}
		if found < want {
			t.Errorf("%s: %d of %d citations find their clause first, want ≥ %d", root, found, tried, want)
		}
	}
}

// instrumentTitle reports whether title is that of a known instrument.
func instrumentTitle(title string) bool {
	n, rest, ok := matchInstrument(title)
	return ok && n.title && rest == ""
}
