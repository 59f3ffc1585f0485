package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/docindex/docindex/index"
)

// bsRun runs a subcommand and returns its exit status and stdout.
func bsRun(t *testing.T, run func(context.Context, []string) int, args ...string) (int, string) {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	old := os.Stdout
	os.Stdout = w
	out := make(chan string)
	go func() {
		b, _ := io.ReadAll(r)
		out <- string(b)
	}()
	code := run(context.Background(), args)
	w.Close()
	os.Stdout = old
	return code, <-out
}

// bsTestdataIndex builds an index over testdata/pdf (the project's own
// six-language sample) and returns its path.
func bsTestdataIndex(t *testing.T) string {
	t.Helper()
	ix := filepath.Join(t.TempDir(), "ix")
	code, out := bsRun(t, runBuild, "--index", ix, "--quiet", "../../testdata/pdf")
	if code != 0 {
		t.Fatalf("build exit %d:\n%s", code, out)
	}
	return ix
}

func TestBuildTestdata(t *testing.T) {
	if testing.Short() {
		t.Skip("builds an index (language models take a few seconds to load)")
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "pdf")
	if err := os.CopyFS(src, os.DirFS("../../testdata/pdf")); err != nil {
		t.Fatal(err)
	}
	// the project's own PDFs, however many testdata/pdf holds
	pdfs, _ := filepath.Glob(filepath.Join(src, "*", "*.pdf"))
	n := len(pdfs)
	if n < 2 {
		t.Fatalf("testdata/pdf holds %d PDFs", n)
	}
	ix := filepath.Join(dir, "ix")
	code, out := bsRun(t, runBuild, "--index", ix, "--quiet", src)
	if code != 0 || !strings.Contains(out, fmt.Sprintf("files: %d found, %d indexed, 0 unchanged, 0 removed, 0 failed", n, n)) {
		t.Fatalf("first build: exit %d\n%s", code, out)
	}
	for _, l := range []string{"ar", "en", "es", "fr", "ru", "zh"} {
		if !strings.Contains(out, " "+l+" ") {
			t.Errorf("summary lacks language %s:\n%s", l, out)
		}
	}
	// Second build (flags after the directory work too): all unchanged.
	code, out = bsRun(t, runBuild, "--index", ix, src, "--quiet", "--json")
	var st index.BuildStats
	if err := json.Unmarshal([]byte(out), &st); err != nil || code != 0 {
		t.Fatalf("second build: exit %d, %v\n%s", code, err, out)
	}
	if st.Unchanged != n || st.Indexed != 0 || st.Clauses != 0 {
		t.Errorf("second build: %+v", st)
	}
	// Delete one language version: its clauses go, the others stay.
	if err := os.Remove(filepath.Join(src, "ru", "A_RES_99_101_ru.pdf")); err != nil {
		t.Fatal(err)
	}
	code, out = bsRun(t, runBuild, "--index", ix, "--quiet", "--json", src)
	st = index.BuildStats{}
	if err := json.Unmarshal([]byte(out), &st); err != nil || code != 0 || st.Removed != 1 || st.Unchanged != n-1 {
		t.Fatalf("after delete: exit %d %v %+v", code, err, st)
	}
	code, out = bsRun(t, runSearch, "--index", ix, "--json", "--lang", "ru", "A/RES/99/101")
	if code != 0 || strings.TrimSpace(out) != "" {
		t.Errorf("ru clauses left after delete: exit %d\n%s", code, out)
	}
}

func TestBuildBadFiles(t *testing.T) {
	ix := filepath.Join(t.TempDir(), "ix")
	code, out := bsRun(t, runBuild, "--index", ix, "--quiet", "../../testdata/bad", filepath.Join(t.TempDir(), "absent"))
	if code != 3 {
		t.Errorf("exit %d, want 3 (index updated, some files failed)", code)
	}
	if !strings.Contains(out, "failed:") || !strings.Contains(out, "not_a_pdf.pdf: not a PDF") || !strings.Contains(out, "absent") {
		t.Errorf("failures not listed:\n%s", out)
	}
}

func TestSearchCLI(t *testing.T) {
	if testing.Short() {
		t.Skip("builds an index")
	}
	ix := bsTestdataIndex(t)

	// --json: one index.Hit per line, with parallels in the other languages.
	code, out := bsRun(t, runSearch, "--index", ix, "--json", "A/RES/99/101 para 2", "--lang", "en")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var hits []index.Hit
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		var h index.Hit
		if err := json.Unmarshal(sc.Bytes(), &h); err != nil {
			t.Fatalf("bad JSON line %q: %v", sc.Text(), err)
		}
		hits = append(hits, h)
	}
	if len(hits) != 1 || hits[0].ID != "para_2" || hits[0].Language != "en" || hits[0].Symbol != "A/RES/99/101" || hits[0].Page < 1 {
		t.Fatalf("hits: %+v", hits)
	}
	var langs []string
	for _, p := range hits[0].Parallels {
		langs = append(langs, p.Language)
	}
	sort.Strings(langs)
	if strings.Join(langs, ",") != "ar,es,fr,ru,zh" {
		t.Errorf("parallels: %+v", hits[0].Parallels)
	}

	// Human output: citation, language, page, file, marked snippet, counts.
	t.Setenv("DOCINDEX_INDEX", ix)
	code, out = bsRun(t, runSearch, "simultaneously official languages")
	if code != 0 || !strings.Contains(out, "A/RES/99/101, para. 2") || !strings.Contains(out, "en, page 1,") ||
		!strings.Contains(out, "«simultaneously»") || !strings.Contains(out, "by language: en ") {
		t.Errorf("human output: exit %d\n%s", code, out)
	}

	// A missing index is a clear error, exit 1.
	code, _ = bsRun(t, runSearch, "--index", filepath.Join(t.TempDir(), "none"), "x")
	if code != 1 {
		t.Errorf("missing index: exit %d", code)
	}
	// No query: usage, exit 2.
	if code, _ = bsRun(t, runSearch, "--index", ix); code != 2 {
		t.Errorf("no query: exit %d", code)
	}
}

func TestParseInterleaved(t *testing.T) {
	for _, c := range []struct {
		args []string
		pos  string
		lang string
	}{
		{[]string{"--lang", "fr", "a", "b"}, "a b", "fr"},
		{[]string{"a", "--lang", "fr", "b"}, "a b", "fr"},
		{[]string{"a", "b", "--lang=fr"}, "a b", "fr"},
		{[]string{"--", "-x", "--lang"}, "-x --lang", ""},
	} {
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		lang := fs.String("lang", "", "")
		pos, err := parseInterleaved(fs, c.args)
		if err != nil || strings.Join(pos, " ") != c.pos || *lang != c.lang {
			t.Errorf("%q: %q %q %v", c.args, pos, *lang, err)
		}
	}
}
