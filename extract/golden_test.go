package extract

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// testdataPDFs lists the project's own test documents (testdata/pdf/<lang>/*.pdf).
func testdataPDFs(t *testing.T) []string {
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "pdf", "*", "*.pdf"))
	sort.Strings(files)
	if len(files) == 0 {
		t.Skip("no testdata PDFs")
	}
	return files
}

// goldenDoc is what the golden files record of one analyzed document.
type goldenDoc struct {
	Language string   `json:"language,omitempty"`
	Meta     Meta     `json:"meta"`
	Clauses  []Clause `json:"clauses"`
}

// TestGoldenClauses checks the clauses of the testdata documents against
// the hand-written expectations (testdata/expect/<lang>__<name>.tsv) and
// the golden JSON (testdata/golden/clauses/<name>.json, -update rewrites).
func TestGoldenClauses(t *testing.T) {
	for _, pdf := range testdataPDFs(t) {
		lang := filepath.Base(filepath.Dir(pdf))
		name := strings.TrimSuffix(filepath.Base(pdf), ".pdf")
		t.Run(lang+"/"+name, func(t *testing.T) {
			doc, err := File(context.Background(), pdf, Options{})
			if err != nil {
				t.Fatalf("%s: %v", pdf, err)
			}
			expect := filepath.Join("..", "testdata", "expect", lang+"__"+name+".tsv")
			if _, err := os.Stat(expect); err == nil {
				rows, partial := readTSV(t, expect)
				s := scoreClauses(rows, partial, doc.Clauses)
				t.Logf("%s: %d expected, %d got, precision %.3f recall %.3f text %.3f %s", name, s.gold, s.got, s.precision, s.recall, s.textOK, s.firstBad)
				if s.precision < 1 || s.recall < 1 || s.textOK < 1 {
					t.Errorf("%s: clause ids or text differ from %s: %s", name, expect, s.firstBad)
				}
			}
			got, _ := json.MarshalIndent(goldenDoc{Language: doc.Language, Meta: doc.Meta, Clauses: doc.Clauses}, "", "  ")
			golden := filepath.Join("..", "testdata", "golden", "clauses", name+".json")
			if *update {
				os.MkdirAll(filepath.Dir(golden), 0o755)
				if err := os.WriteFile(golden, append(got, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("missing golden file %s (run go test -run TestGoldenClauses -update)", golden)
			}
			if strings.TrimSpace(string(want)) != strings.TrimSpace(string(got)) {
				t.Errorf("%s differs from the golden file %s (rerun with -update after checking the change):\n%s", name, golden, firstLineDiff(string(want), string(got)))
			}
		})
	}
}

// TestGoldenMetadata checks the metadata of the testdata documents
// against testdata/expect/documents.tsv.
func TestGoldenMetadata(t *testing.T) {
	path := filepath.Join("..", "testdata", "expect", "documents.tsv")
	if _, err := os.Stat(path); err != nil {
		t.Skip("no testdata/expect/documents.tsv")
	}
	rows, _ := readTSV(t, path)
	for _, r := range rows {
		if len(r) < 6 {
			continue
		}
		pdf := filepath.Join("..", "testdata", "pdf", filepath.FromSlash(r[0]))
		if _, err := os.Stat(pdf); err != nil {
			continue
		}
		doc, err := File(context.Background(), pdf, Options{})
		if err != nil {
			t.Errorf("%s: %v", r[0], err)
			continue
		}
		want := map[string]string{"symbol": r[1], "title": r[3], "date": r[4], "body": r[5]}
		got := map[string]string{"symbol": doc.Symbol, "title": doc.Title, "date": doc.Date, "body": doc.Body}
		for _, f := range []string{"symbol", "title", "date", "body"} {
			if !metaEqual(f, want[f], got[f]) {
				t.Errorf("%s: %s = %q, want %q", r[0], f, got[f], want[f])
			}
		}
	}
}

func firstLineDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return fmt.Sprintf("line %d:\n- %s\n+ %s", i+1, x, y)
		}
	}
	return ""
}
