package index

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/docindex/docindex/extract"
	"github.com/docindex/docindex/lang"
)

// Corpus tests: one index built over ../shared/corpus (found by walking up
// from the package directory), shared by the tests and benchmarks of this
// package, removed by TestMain.

func sharedDir() string {
	d, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		p := filepath.Join(d, "shared")
		if fi, err := os.Stat(filepath.Join(p, "corpus")); err == nil && fi.IsDir() {
			return p
		}
		parent := filepath.Dir(d)
		if parent == d {
			return ""
		}
		d = parent
	}
}

var (
	corpusOnce  sync.Once
	corpusIndex string
	corpusStats *BuildStats
	corpusErr   error
	corpusTmp   string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if corpusTmp != "" {
		os.RemoveAll(corpusTmp)
	}
	os.Exit(code)
}

// realExtractor returns extract.File with a new language detector. The
// detector's models are large; they become garbage with the extractor,
// so that search measurements do not pay for scanning them.
func realExtractor() (func(ctx context.Context, path string) (*extract.Document, error), error) {
	d, err := lang.NewDetector(nil)
	if err != nil {
		return nil, err
	}
	return func(ctx context.Context, path string) (*extract.Document, error) {
		return extract.File(ctx, path, extract.Options{Langs: d})
	}, nil
}

// corpus returns the path of the shared corpus index, building it on
// first use; it skips when the corpus is absent.
func corpus(tb testing.TB) (string, *BuildStats) {
	tb.Helper()
	shared := sharedDir()
	if shared == "" {
		tb.Skip("../shared/corpus not found")
	}
	corpusOnce.Do(func() {
		corpusTmp, corpusErr = os.MkdirTemp("", "docindex-corpus-")
		if corpusErr != nil {
			return
		}
		corpusIndex = filepath.Join(corpusTmp, "ix")
		ex, err := realExtractor()
		if err != nil {
			corpusErr = err
			return
		}
		corpusStats, corpusErr = Build(context.Background(), corpusIndex,
			[]string{filepath.Join(shared, "corpus")}, BuildOptions{Extract: ex})
		runtime.GC()
	})
	if corpusErr != nil {
		tb.Fatalf("building the corpus index: %v", corpusErr)
	}
	return corpusIndex, corpusStats
}

type goldQuery struct {
	query, lang, symbol, id string
}

func readGoldQueries(tb testing.TB) []goldQuery {
	f, err := os.Open(filepath.Join(sharedDir(), "gold", "queries.tsv"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []goldQuery
	sc := bufio.NewScanner(f)
	for first := true; sc.Scan(); first = false {
		cols := strings.Split(sc.Text(), "\t")
		if first || len(cols) < 4 {
			continue
		}
		out = append(out, goldQuery{cols[0], cols[1], cols[2], cols[3]})
	}
	return out
}

// goldFiles maps a gold symbol to the base names of its corpus files
// (documents.tsv): a diagnostic that ignores extracted metadata.
func goldFiles(tb testing.TB) map[string][]string {
	data, err := os.ReadFile(filepath.Join(sharedDir(), "gold", "documents.tsv"))
	if err != nil {
		tb.Fatal(err)
	}
	out := map[string][]string{}
	for _, line := range strings.Split(string(data), "\n")[1:] {
		cols := strings.Split(line, "\t")
		if len(cols) > 2 && cols[1] != "" {
			out[cols[1]] = append(out[cols[1]], filepath.Base(cols[0]))
		}
	}
	return out
}

// goldMatch reports whether hit h is the clause the gold query expects.
func goldMatch(g goldQuery, h Hit) bool {
	if h.ID != g.id {
		return false
	}
	if name, ok := strings.CutPrefix(g.symbol, "file:"); ok {
		return filepath.Base(h.File) == name
	}
	want := normSymbol(g.symbol)
	for _, k := range symbolKeys(h.Symbol) {
		if k == want {
			return true
		}
	}
	return false
}

func TestCorpusRecall(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus build skipped in -short mode")
	}
	ixPath, st := corpus(t)
	t.Logf("corpus build: %d files, %d indexed, %d failed, %d clauses, %d pages, %.1f s; languages %v",
		st.Files, st.Indexed, st.Failed, st.Clauses, st.Pages, st.Seconds, st.Languages)
	ix := open(t, ixPath)
	queries := readGoldQueries(t)
	files := goldFiles(t)
	byFile := func(g goldQuery, h Hit) bool {
		if h.ID != g.id {
			return false
		}
		if name, ok := strings.CutPrefix(g.symbol, "file:"); ok {
			return filepath.Base(h.File) == name
		}
		for _, f := range files[g.symbol] {
			if filepath.Base(h.File) == f {
				return true
			}
		}
		return false
	}
	type agg struct {
		n, found, foundFile int
		rr                  float64
		inIndex, ranked     int // target clause indexed; and found among those
	}
	per := map[string]*agg{}
	all := &agg{}
	for _, g := range queries {
		res, err := ix.Search(context.Background(), SearchRequest{Query: g.query, Lang: g.lang, Limit: 10})
		if err != nil {
			t.Fatalf("%q: %v", g.query, err)
		}
		rank, fileRank := 0, 0
		for i, h := range res.Hits {
			if rank == 0 && goldMatch(g, h) {
				rank = i + 1
			}
			if fileRank == 0 && byFile(g, h) {
				fileRank = i + 1
			}
		}
		a := per[g.lang]
		if a == nil {
			a = &agg{}
			per[g.lang] = a
		}
		_, verr := ix.ClauseView(context.Background(), g.symbol, g.id, g.lang)
		for _, x := range []*agg{a, all} {
			if verr == nil {
				x.inIndex++
				if rank > 0 {
					x.ranked++
				}
			}
			x.n++
			if fileRank > 0 {
				x.foundFile++
			}
			if rank > 0 {
				x.found++
				x.rr += 1 / float64(rank)
			}
		}
		if rank == 0 {
			// Tell an extraction miss (clause not in the index) from a
			// ranking miss.
			why := "ranked below 10"
			if fileRank > 0 {
				why = fmt.Sprintf("found at %d in the right file, whose extracted symbol differs", fileRank)
			} else if verr != nil {
				why = "clause not in index under that symbol and id"
			}
			var top []string
			for i, h := range res.Hits {
				if i == 3 {
					break
				}
				top = append(top, h.Doc+" "+h.ID)
			}
			t.Logf("MISS [%s] %q → %s %s (%s); top: %v", g.lang, g.query, g.symbol, g.id, why, top)
		}
	}
	langs := make([]string, 0, len(per))
	for l := range per {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	var b strings.Builder
	fmt.Fprintf(&b, "\n%-6s %7s %7s %10s %6s %18s %14s\n", "lang", "queries", "found", "recall@10", "MRR", "recall@10 by file", "ranking recall")
	for _, l := range append(langs, "all") {
		a := per[l]
		if l == "all" {
			a = all
		}
		fmt.Fprintf(&b, "%-6s %7d %7d %10.3f %6.3f %18.3f %8d/%d\n", l, a.n, a.found, float64(a.found)/float64(a.n), a.rr/float64(a.n), float64(a.foundFile)/float64(a.n), a.ranked, a.inIndex)
	}
	t.Log(b.String() + "(recall@10 by file: the right clause id in the right file, whatever symbol extraction read;\n" +
		"ranking recall: found in the top 10 / target clause present in the index under its symbol and id)")
	if r := float64(all.found) / float64(all.n); r < minRecall {
		t.Errorf("recall@10 %.3f < %.2f", r, minRecall)
	}
	for _, l := range append(langs, "all") {
		a := per[l]
		if l == "all" {
			a = all
		}
		if r := float64(a.found) / float64(max(1, a.n)); r < minRecall {
			t.Errorf("recall@10 in %s %d/%d < %.2f", l, a.found, a.n, minRecall)
		}
		if a.inIndex > 0 {
			if r := float64(a.ranked) / float64(a.inIndex); r < minRankingRecall {
				t.Errorf("ranking recall in %s %d/%d < %.2f", l, a.ranked, a.inIndex, minRankingRecall)
			}
		}
	}
}

// Thresholds asserted by TestCorpusRecall: the target, 0.95 end
// to end overall and in every language (1.000 reached since extraction
// reads the Arabic symbols' digits from the fonts and numbers the
// unnumbered paragraphs of the Arabic ESCWA report), and the same for
// ranking recall (the target clause in the top 10 when extraction
// produced it under its symbol and id).
const (
	minRecall        = 0.95
	minRankingRecall = 0.95
)

// TestCorpusIncremental: a second build over the unchanged corpus skips
// every file, and takes a small fraction of the first.
func TestCorpusIncremental(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus build skipped in -short mode")
	}
	ixPath, first := corpus(t)
	start := time.Now()
	ex, err := realExtractor()
	if err != nil {
		t.Fatal(err)
	}
	st, err := Build(context.Background(), ixPath, []string{filepath.Join(sharedDir(), "corpus")}, BuildOptions{Extract: ex})
	if err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	// Files that failed are retried; everything else is unchanged.
	if st.Indexed != 0 || st.Removed != 0 || st.Unchanged != first.Indexed || st.Failed != first.Failed {
		t.Errorf("second build: %+v (first: indexed %d failed %d)", st, first.Indexed, first.Failed)
	}
	t.Logf("second build: %d unchanged, %d failed again, %.2f s (first %.1f s, %.1f %%)",
		st.Unchanged, st.Failed, took.Seconds(), first.Seconds, 100*took.Seconds()/first.Seconds)
}
