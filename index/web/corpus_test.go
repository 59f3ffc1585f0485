package web

import (
	"context"
	"html"
	"io"
	"log"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/docindex/docindex/extract"
	"github.com/docindex/docindex/index"
	"github.com/docindex/docindex/lang"
)

// TestCorpusLinguisticDiversity checks the measure on the real
// corpus: searching "linguistic diversity" shows A/RES/78/265, para. 6 (m)
// on the first page, and its clause view lists the French version when
// the French rendered document is indexed. It uses the index named by
// DOCINDEX_CORPUS_INDEX, or builds one from ../shared/corpus when
// DOCINDEX_WEB_CORPUS=1 (about a minute); otherwise it skips.
func TestCorpusLinguisticDiversity(t *testing.T) {
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	corpus := filepath.Join(filepath.Dir(root), "shared", "corpus")
	path := os.Getenv("DOCINDEX_CORPUS_INDEX")
	if path == "" {
		if os.Getenv("DOCINDEX_WEB_CORPUS") != "1" {
			t.Skip("set DOCINDEX_CORPUS_INDEX=<index of ../shared/corpus> or DOCINDEX_WEB_CORPUS=1 to build one")
		}
		if _, err := os.Stat(corpus); err != nil {
			t.Skip("no corpus at " + corpus)
		}
		det, err := lang.NewDetector(nil)
		if err != nil {
			t.Fatal(err)
		}
		path = filepath.Join(t.TempDir(), "corpus.bleve")
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
		defer cancel()
		if _, err := index.Build(ctx, path, []string{corpus}, index.BuildOptions{
			Extract: func(ctx context.Context, p string) (*extract.Document, error) {
				return extract.File(ctx, p, extract.Options{Langs: det})
			},
		}); err != nil {
			t.Fatal(err)
		}
	}
	ix, err := index.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	h := New(ix, Options{Log: log.New(io.Discard, "", 0)})

	const want = "A/RES/78/265, para. 6 (m)"
	page := get(t, h, "/search?q="+url.QueryEscape("linguistic diversity"))
	if page.Code != 200 {
		t.Fatalf("status %d", page.Code)
	}
	contains(t, "first page", page.Body, `lang="en" dir="ltr">`+want+`</a>`)

	cv := get(t, h, ClauseURL("A/RES/78/265", "para_6__list_1__point_m", "en"))
	if cv.Code != 200 {
		t.Fatalf("clause view: %d %s", cv.Code, cv.Body)
	}
	contains(t, "clause view", cv.Body, `<article class="version main" lang="en" dir="ltr">`)
	fr := filepath.Join(corpus, "rendered", "fr", "A_RES_78_265_fr.pdf")
	if ix.HasFile(fr) {
		contains(t, "clause view", cv.Body, `<article class="version" lang="fr" dir="ltr">`)
		contains(t, "clause view", html.UnescapeString(cv.Body), `href="`+PDFURL(fr, 0)+`#page=`)
	} else {
		t.Logf("%s is not indexed: no French version expected", fr)
	}
}
