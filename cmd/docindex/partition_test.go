package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/docindex/docindex/index"
)

// TestPartitionedBuild runs `docindex build --partition K/4` as four
// processes of the real binary at once, and one unpartitioned build of
// the same files, then searches the four outputs as one index (a
// directory of indexes, and repeated --index) and compares each answer
// with that of the single index: totals, language/body/year facets and
// the hits (in order when ordered by keys, as a set when ordered by
// relevance: the shards score with the statistics of all, but the
// field's average length and ties in score depend on how each index's
// segments fell, see index.Index.search). It counts the relevance
// queries whose order is also identical.
func TestPartitionedBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs five builds")
	}
	dir := t.TempDir()
	bin := relBinary(t, dir)
	root := relRepoRoot(t)
	queries := []string{
		"international peace and security", "\"human rights\"", "Charter", "development",
		"A/RES/78/265", "A/RES/78/265 para 6 (m)", "Charte des Nations Unies", "права человека",
		"联合国", "الأمم المتحدة", "desarrollo sostenible", "*",
		"multilingualism", "official languages", "A/RES/99/101", "A/RES/99/101 preamble para 2",
		"langues officielles", "многоязычие", "多种语文", "idiomas oficiales",
	}
	t.Run("testdata", func(t *testing.T) {
		partitionCompare(t, bin, dir, "testdata", []string{filepath.Join(root, "testdata", "pdf")}, queries)
	})
	t.Run("corpus", func(t *testing.T) {
		corpus := filepath.Join(filepath.Dir(root), "shared", "corpus")
		if _, err := os.Stat(corpus); err != nil {
			t.Skip("../shared/corpus not found")
		}
		qs := append([]string(nil), queries...)
		qs = append(qs, goldQueries(t, filepath.Join(filepath.Dir(root), "shared", "gold", "queries.tsv"))...)
		partitionCompare(t, bin, dir, "corpus", []string{corpus}, qs)
	})
}

// goldQueries reads the query column of queries.tsv (none when absent).
func goldQueries(t *testing.T, path string) []string {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for first := true; sc.Scan(); first = false {
		if q, _, _ := strings.Cut(sc.Text(), "\t"); !first && strings.TrimSpace(q) != "" {
			out = append(out, q)
		}
	}
	return out
}

// runBinErr runs the binary; exit status 3 (some files failed: the
// corpus has broken files on purpose) is success.
func runBinErr(bin string, args ...string) (string, error) {
	var out bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "DOCINDEX_INDEX=")
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() == 3 {
		err = nil
	}
	if err != nil {
		return "", fmt.Errorf("%s: %v\n%s", strings.Join(args, " "), err, out.String())
	}
	return out.String(), nil
}

func runBin(t *testing.T, bin string, args ...string) string {
	t.Helper()
	out, err := runBinErr(bin, args...)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func partitionCompare(t *testing.T, bin, dir, name string, src, queries []string) {
	one := filepath.Join(dir, name+"-one")
	parts := filepath.Join(dir, name+"-parts")
	common := []string{"build", "--quiet", "--workers", "1", "--ocr", "never"}
	runBin(t, bin, append(append(append([]string(nil), common...), "--index", one), src...)...)
	var wg sync.WaitGroup
	outs := make([]string, 4)
	errs := make([]error, 4)
	for k := 0; k < 4; k++ {
		wg.Add(1)
		go func(k int) {
			defer wg.Done()
			args := append(append([]string(nil), common...), "--json", "--partition", fmt.Sprintf("%d/4", k),
				"--index", filepath.Join(parts, fmt.Sprintf("part-%d", k)))
			outs[k], errs[k] = runBinErr(bin, append(args, src...)...)
		}(k)
	}
	wg.Wait()
	files := 0
	for k := range outs {
		var st index.BuildStats
		// --json: the summary is the line holding a JSON object (stderr
		// is mixed in)
		js := ""
		for _, l := range strings.Split(outs[k], "\n") {
			if strings.HasPrefix(l, "{") {
				js = l
			}
		}
		if errs[k] != nil || json.Unmarshal([]byte(js), &st) != nil {
			t.Fatalf("partition %d: %v\n%s", k, errs[k], outs[k])
		}
		files += st.Files
	}
	ix1, err := index.Open(one)
	if err != nil {
		t.Fatal(err)
	}
	defer ix1.Close()
	all, _ := ix1.Files()
	if files != len(all) {
		t.Fatalf("the partitions hold %d files, the single index %d", files, len(all))
	}
	ixp, err := index.OpenAll(parts)
	if err != nil {
		t.Fatal(err)
	}
	defer ixp.Close()
	if ixp.Shards() != 4 {
		t.Fatalf("%d indexes under %s", ixp.Shards(), parts)
	}
	sameOrder, ranked := 0, 0
	for _, q := range queries {
		req := index.SearchRequest{Query: q, Limit: 100}
		a, err := ix1.Search(context.Background(), req)
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		b, err := ixp.Search(context.Background(), req)
		if err != nil {
			t.Fatalf("%q (partitions): %v", q, err)
		}
		if a.Total != b.Total || !sameCounts(a.Languages, b.Languages) || !sameCounts(a.Bodies, b.Bodies) || !sameCounts(a.Years, b.Years) || a.Relaxed != b.Relaxed || a.Notice != b.Notice {
			t.Errorf("%q: total %d vs %d, languages %v vs %v, bodies %v vs %v, years %v vs %v, relaxed %v vs %v, notice %q vs %q",
				q, a.Total, b.Total, a.Languages, b.Languages, a.Bodies, b.Bodies, a.Years, b.Years, a.Relaxed, b.Relaxed, a.Notice, b.Notice)
			continue
		}
		ka, kb := hitKeys(a.Hits), hitKeys(b.Hits)
		// a symbol's clauses are ordered by keys, unless the reference
		// is written in a language: its version first, by score
		sq, ordered := index.ParseSymbolQuery(q)
		ordered = ordered && sq.Lang == ""
		if !ordered {
			ranked++
			if strings.Join(ka, "\n") == strings.Join(kb, "\n") {
				sameOrder++
			}
			if a.Total > uint64(len(a.Hits)) {
				continue // the first 100 of more: another cut of the same ranking
			}
			sort.Strings(ka)
			sort.Strings(kb)
		}
		if strings.Join(ka, "\n") != strings.Join(kb, "\n") {
			t.Errorf("%q: hits differ\n one:   %v\n parts: %v", q, ka, kb)
		}
	}
	t.Logf("%s: %d files in 4 partitions; %d queries: totals, facets and hits equal; relevance order identical for %d of %d ranked queries",
		name, files, len(queries), sameOrder, ranked)

	// the CLI: repeated --index and a directory of indexes give the same hits
	q := "languages"
	var idx []string
	for k := 0; k < 4; k++ {
		idx = append(idx, "--index", filepath.Join(parts, fmt.Sprintf("part-%d", k)))
	}
	viaFlags := runBin(t, bin, append(append([]string{"search", "--json", "--limit", "100"}, idx...), q)...)
	viaDir := runBin(t, bin, "search", "--json", "--limit", "100", "--index", parts, q)
	if viaFlags != viaDir || strings.Count(viaDir, "\n") == 0 {
		t.Errorf("search --index ×4 and --index DIR differ:\n%s\n%s", viaFlags, viaDir)
	}
}

func sameCounts(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func hitKeys(hits []index.Hit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, fmt.Sprintf("%s#%d %s", h.File, h.Seq, h.Language))
	}
	return out
}
