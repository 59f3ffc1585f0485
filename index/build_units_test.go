package index

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/docindex/docindex/extract"
)

func TestGoneFiles(t *testing.T) {
	root := t.TempDir()
	other := t.TempDir()
	in := func(dir, name string) string { return filepath.Join(dir, name) }
	recs := map[string]FileRecord{
		in(root, "a.pdf"):        {},
		in(root, "sub/b.pdf"):    {},
		in(root, "kept.pdf"):     {},
		in(other, "c.pdf"):       {}, // outside the roots built
		root + "x/sibling.pdf":   {}, // a sibling directory with the root's name as prefix
		in(root, "sub/gone.pdf"): {},
	}
	found := map[string]bool{in(root, "kept.pdf"): true, in(root, "sub/b.pdf"): true}
	// the root given twice (once as a subdirectory): each file once
	got := goneFiles(recs, []string{root, filepath.Join(root, "sub")}, found)
	want := []string{in(root, "a.pdf"), in(root, "sub/gone.pdf")}
	if !slices.Equal(got, want) {
		t.Errorf("goneFiles = %q, want %q", got, want)
	}
	// a file given as a root is gone when it is not found
	if got := goneFiles(recs, []string{in(other, "c.pdf")}, found); !slices.Equal(got, []string{in(other, "c.pdf")}) {
		t.Errorf("file root: %q", got)
	}
}

func TestClauseLanguage(t *testing.T) {
	for _, c := range []struct{ clause, doc, want string }{
		{"fr", "en", "fr"},
		{"", "en", "en"},
		{"und", "ar", "ar"},
		{"", "", "und"},
		{"und", "", "und"},
	} {
		if got := clauseLanguage(c.clause, c.doc); got != c.want {
			t.Errorf("clauseLanguage(%q, %q) = %q, want %q", c.clause, c.doc, got, c.want)
		}
	}
}

// recWriter is an indexWriter that records what it is given.
type recWriter struct {
	puts      []FileRecord
	refreshes []FileRecord
	docs      []*extract.Document
}

func (w *recWriter) Put(doc *extract.Document, rec FileRecord) error {
	w.puts, w.docs = append(w.puts, rec), append(w.docs, doc)
	return nil
}
func (w *recWriter) Refresh(rec FileRecord) error {
	w.refreshes = append(w.refreshes, rec)
	return nil
}
func (w *recWriter) Remove(string) error                    { return nil }
func (w *recWriter) Records() map[string]FileRecord         { return nil }
func (w *recWriter) CloseContext(ctx context.Context) error { return nil }
func (w *recWriter) Close() error                           { return nil }

func TestBuildStatsWrite(t *testing.T) {
	ctx := context.Background()
	st := &BuildStats{Languages: map[string]int{}}
	w := &recWriter{}
	doc := &extract.Document{Language: "en", Clauses: []extract.Clause{{Language: "fr"}, {}}}
	results := []buildResult{
		{path: "/a.pdf", doc: doc, rec: FileRecord{Pages: 3, OCRPages: 1, Warnings: []string{"repaired"}}},
		{path: "/b.pdf", unchanged: true, rec: FileRecord{Pages: 7, Warnings: []string{"old"}}},
		{path: "/c.pdf", err: errors.New("broken"), rec: FileRecord{Pages: 2, NoTextPages: 2}},
	}
	for _, r := range results {
		if counted, err := st.write(ctx, w, r); !counted || err != nil {
			t.Fatalf("%s: counted %v err %v", r.path, counted, err)
		}
	}
	if st.Indexed != 1 || st.Unchanged != 1 || st.Failed != 1 || st.Clauses != 2 || st.Pages != 5 || st.NoTextPages != 2 || st.OCRPages != 1 {
		t.Errorf("stats %+v", st)
	}
	if st.Languages["fr"] != 1 || st.Languages["en"] != 1 {
		t.Errorf("languages %v", st.Languages)
	}
	// warnings of unchanged files are not counted again
	if st.Warned != 1 || st.Warnings[0].Path != "/a.pdf" {
		t.Errorf("warnings %+v", st.Warnings)
	}
	// the failed file's record is written with its reason, without a document
	if len(w.puts) != 2 || w.docs[1] != nil || w.puts[1].Error != "broken" || len(st.Failures) != 1 {
		t.Errorf("puts %+v failures %+v", w.puts, st.Failures)
	}

	// interrupted: the file is left as it was and not counted
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	counted, err := st.write(cctx, w, buildResult{path: "/d.pdf", err: context.Canceled})
	if counted || err != nil || st.Failed != 1 || len(w.puts) != 2 {
		t.Errorf("interrupted: counted %v err %v failed %d puts %d", counted, err, st.Failed, len(w.puts))
	}
}

// Files go to the extraction workers longest (largest) first; equal
// sizes and missing files keep their order.
func TestLargestFirst(t *testing.T) {
	dir := t.TempDir()
	var paths []string
	for _, f := range []struct {
		name string
		size int
	}{{"a.pdf", 10}, {"b.pdf", 3000}, {"c.pdf", 10}, {"d.pdf", 200}} {
		p := filepath.Join(dir, f.name)
		if err := os.WriteFile(p, make([]byte, f.size), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	gone := filepath.Join(dir, "gone.pdf")
	in := append([]string{gone}, paths...)
	got := largestFirst(in)
	want := []string{paths[1], paths[3], paths[0], paths[2], gone}
	if !slices.Equal(got, want) {
		t.Errorf("largestFirst = %v, want %v", got, want)
	}
	if in[0] != gone {
		t.Errorf("largestFirst reordered its argument")
	}
}
