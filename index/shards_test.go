package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

func buildWith(t *testing.T, ixPath string, opt BuildOptions, args ...string) *BuildStats {
	t.Helper()
	opt.Workers, opt.Extract = 2, jsonExtract
	st, err := Build(context.Background(), ixPath, args, opt)
	if err != nil {
		t.Fatalf("build %s: %v", ixPath, err)
	}
	return st
}

// resultKey is what must be equal between a sharded (or partitioned)
// index and one index of the same files. Hits ordered by keys (a
// symbol's clauses) are equal in order; hits ordered by relevance
// (the average field length and ties depend on segments, see
// Index.search) are equal as a set, with every other field, when the page holds them all.
func resultKey(t testing.TB, res *SearchResult, ordered bool) string {
	t.Helper()
	r := *res
	r.TookMS = 0
	r.Suggestion = "" // terms visited shard by shard
	norm := func(hits []Hit) []Hit {
		hits = append([]Hit(nil), hits...)
		for i := range hits {
			hits[i].Score = 0
			if !ordered {
				// with --show, which of two matching versions is shown
				// follows the order
				hits[i].Snippet, hits[i].Matched = "", nil
			}
		}
		if !ordered {
			sort.Slice(hits, func(i, j int) bool {
				a, b := hits[i], hits[j]
				if a.File != b.File {
					return a.File < b.File
				}
				return a.Seq < b.Seq
			})
		}
		return hits
	}
	if !ordered && r.Total > uint64(len(r.Hits)) && !r.Relaxed {
		r.Hits = nil // another page of the same total
	}
	r.Hits = norm(r.Hits)
	docs := append([]DocumentHits(nil), r.Documents...)
	for i := range docs {
		docs[i].Hits = norm(docs[i].Hits)
	}
	if !ordered {
		sort.Slice(docs, func(i, j int) bool { return docs[i].Doc < docs[j].Doc })
	}
	r.Documents = docs
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

type equalQuery struct {
	req     SearchRequest
	ordered bool // ordered by keys, not relevance
}

// equalQueries are searches of every kind: words, phrase, symbol and
// clause, facets, filters, --show, grouping, sorting, paging, a typo,
// an absent symbol (notice).
var equalQueries = []equalQuery{
	{SearchRequest{Query: "international peace"}, false},
	{SearchRequest{Query: "\"inherent right\""}, false},
	{SearchRequest{Query: "Charter"}, false},
	{SearchRequest{Query: "Charter", Limit: 2, Offset: 1}, false},
	{SearchRequest{Query: "Charter", Show: "fr"}, false},
	{SearchRequest{Query: "Charter", ByDocument: true}, false},
	{SearchRequest{Query: "Charter", Sort: "-date"}, false},
	{SearchRequest{Query: "A/RES/78/265"}, true},
	{SearchRequest{Query: "A/RES/78/265", Limit: 3, Offset: 2}, true},
	{SearchRequest{Query: "A/RES/78/265 para 6 (m)"}, false},
	{SearchRequest{Query: "A/RES/99/999"}, true},
	{SearchRequest{Query: "language", Lang: "en"}, false},
	{SearchRequest{Query: "linguistique", Body: "General Assembly"}, false},
	{SearchRequest{Query: "internationl"}, false},
	{SearchRequest{Query: "联合国"}, false},
	{SearchRequest{Query: "ядерного"}, false},
	{SearchRequest{Query: "*", Limit: 100}, false},
}

func sameResults(t *testing.T, want, got *Index, qs []equalQuery) {
	t.Helper()
	for _, q := range qs {
		a, err := want.Search(context.Background(), q.req)
		if err != nil {
			t.Fatalf("%+v: %v", q.req, err)
		}
		b, err := got.Search(context.Background(), q.req)
		if err != nil {
			t.Fatalf("%+v (sharded): %v", q.req, err)
		}
		if ka, kb := resultKey(t, a, q.ordered), resultKey(t, b, q.ordered); ka != kb {
			t.Errorf("%+v:\n one index: %s\n sharded:   %s", q.req, ka, kb)
		}
	}
}

// oneAndSharded builds the corpus fixture twice, as one index and as 3
// shards, and returns their paths.
func oneAndSharded(t *testing.T) (one, sh string) {
	t.Helper()
	dir := corpusFixture(t)
	src := filepath.Join(dir, "src")
	one, sh = filepath.Join(dir, "one"), filepath.Join(dir, "sharded")
	buildWith(t, one, BuildOptions{}, src)
	buildWith(t, sh, BuildOptions{Shards: 3}, src)
	return one, sh
}

func TestShardedSameAsOne(t *testing.T) {
	one, sh := oneAndSharded(t)
	if isLeaf(one) {
		// today's layout for the default on a small corpus
	} else {
		t.Fatalf("default build of 7 files is not one index")
	}
	ixs := open(t, sh)
	if ixs.Shards() != 3 {
		t.Fatalf("%d shards", ixs.Shards())
	}
	// the files are spread: no shard holds them all
	for i := 0; i < 3; i++ {
		ix := open(t, shardDir(sh, i))
		st, err := ix.Stats(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if st.Files == 7 {
			t.Errorf("shard %d holds every file", i)
		}
		ix.Close()
	}
	ix1 := open(t, one)
	sameResults(t, ix1, ixs, equalQueries)

	// clause view with parallels across shards
	a, err := ix1.ClauseView(context.Background(), "A/RES/78/265", "para_6__list_1__point_m", "fr")
	if err != nil {
		t.Fatal(err)
	}
	b, err := ixs.ClauseView(context.Background(), "A/RES/78/265", "para_6__list_1__point_m", "fr")
	if err != nil {
		t.Fatal(err)
	}
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if string(ja) != string(jb) || len(b.Parallels) == 0 {
		t.Errorf("clause view:\n one:     %s\n sharded: %s", ja, jb)
	}
	fa, _ := ix1.Files()
	fb, _ := ixs.Files()
	if len(fa) != 7 || len(fb) != 7 {
		t.Errorf("files: %d vs %d", len(fa), len(fb))
	}
	rep, err := Check(context.Background(), sh)
	if err != nil || len(rep.Problems) > 0 || rep.Files != 7 || rep.Clauses != 16 {
		t.Errorf("check sharded: %+v %v", rep, err)
	}
}

func TestShardedIncremental(t *testing.T) {
	dir := corpusFixture(t)
	src := filepath.Join(dir, "src")
	ixPath := filepath.Join(dir, "ix")
	buildWith(t, ixPath, BuildOptions{Shards: 3}, src)
	// an existing sharded index keeps its layout without --shards
	st := buildWith(t, ixPath, BuildOptions{}, src)
	if st.Unchanged != 7 || st.Indexed != 0 {
		t.Fatalf("second build: %+v", st)
	}
	if _, err := Build(context.Background(), ixPath, []string{src}, BuildOptions{Shards: 2, Extract: jsonExtract}); err == nil {
		t.Errorf("another shard count accepted")
	}
	enPath := filepath.Join(src, "en", "A_RES_78_265_en.pdf")
	doc := res78265("en", "Promoting multilingualism in artificial intelligence", "")
	doc.Clauses = doc.Clauses[:2]
	writeDoc(t, enPath, doc)
	if err := os.Remove(filepath.Join(src, "ru", "A_HRC_WG.6_34_ITA_3_ru.pdf")); err != nil {
		t.Fatal(err)
	}
	st = buildWith(t, ixPath, BuildOptions{}, src)
	if st.Indexed != 1 || st.Removed != 1 || st.Unchanged != 5 {
		t.Fatalf("after change: %+v", st)
	}
	if c, f := countClauses(t, ixPath); c != 13 || f != 6 {
		t.Fatalf("after change: %d clauses, %d files", c, f)
	}
	verify(t, ixPath)
	ix := open(t, ixPath)
	if res := search(t, ix, SearchRequest{Query: "watermarking", Lang: "en"}); res.Total != 0 {
		t.Errorf("stale clause still found: %v", hitIDs(res))
	}
	ix.Close()
	// rebuild keeps the shard count
	if _, err := Rebuild(context.Background(), ixPath, []string{src}, BuildOptions{Workers: 2, Extract: jsonExtract}); err != nil {
		t.Fatal(err)
	}
	if n, err := readShardCount(ixPath); n != 3 || err != nil {
		t.Errorf("after rebuild: %d shards, %v", n, err)
	}
	if c, f := countClauses(t, ixPath); c != 13 || f != 6 {
		t.Errorf("after rebuild: %d clauses, %d files", c, f)
	}
}

func TestPartitionedSameAsOne(t *testing.T) {
	dir := corpusFixture(t)
	src := filepath.Join(dir, "src")
	one := filepath.Join(dir, "one")
	buildWith(t, one, BuildOptions{}, src)
	parts := filepath.Join(dir, "parts")
	var paths []string
	files := 0
	for k := 0; k < 4; k++ {
		p := filepath.Join(parts, fmt.Sprintf("part-%d", k))
		st := buildWith(t, p, BuildOptions{PartitionK: k, PartitionN: 4}, src)
		files += st.Files
		paths = append(paths, p)
		// a second run of a partition changes nothing
		if st := buildWith(t, p, BuildOptions{PartitionK: k, PartitionN: 4}, src); st.Indexed != 0 || st.Removed != 0 {
			t.Errorf("partition %d again: %+v", k, st)
		}
	}
	if files != 7 {
		t.Fatalf("partitions hold %d files, want 7", files)
	}
	ix1 := open(t, one)
	for _, ps := range [][]string{{parts}, paths} {
		ixp, err := OpenAll(ps...)
		if err != nil {
			t.Fatal(err)
		}
		if ixp.Shards() != 4 {
			t.Errorf("%v: %d indexes", ps, ixp.Shards())
		}
		sameResults(t, ix1, ixp, equalQueries)
		ixp.Close()
	}
}

func TestParsePartition(t *testing.T) {
	for _, s := range []string{"0/4", "3/4", "0/1"} {
		if _, _, err := ParsePartition(s); err != nil {
			t.Errorf("%s: %v", s, err)
		}
	}
	for _, s := range []string{"4/4", "-1/4", "1/0", "1/4x", "a/b", "1/999", "", "1"} {
		if _, _, err := ParsePartition(s); err == nil {
			t.Errorf("%q accepted", s)
		}
	}
}

func TestShardOfStable(t *testing.T) {
	// the partition of a path never changes between releases: builds
	// spread over machines and incremental builds rely on it
	if got := ShardOf("/corpus/en/A_RES_78_265_en.pdf", 4); got != ShardOf("/corpus/en/A_RES_78_265_en.pdf", 4) {
		t.Fatal("unstable")
	}
	if got := ShardOf("/corpus/en/A_RES_78_265_en.pdf", 4); got != 0 {
		t.Errorf("ShardOf changed: %d", got)
	}
	// similar paths (one letter apart) spread too
	seen := map[int]int{}
	for i := 0; i < 400; i++ {
		seen[ShardOf(fmt.Sprintf("/c/%c%c/doc.pdf", 'a'+i%20, 'a'+i/20), 4)]++
	}
	for k := 0; k < 4; k++ {
		if seen[k] < 60 {
			t.Errorf("partition %d holds %d of 400 paths", k, seen[k])
		}
	}
}

func TestShardsHostile(t *testing.T) {
	dir := corpusFixture(t)
	src := filepath.Join(dir, "src")
	ixPath := filepath.Join(dir, "ix")
	buildWith(t, ixPath, BuildOptions{Shards: 3}, src)

	// a partition build into an index holding other files refuses
	// (it would remove them as gone); the fixture's paths are under a
	// temporary directory, so the partition asked for is one that does
	// not hold all of them (1 in 2^7 runs all fall in partition 0)
	var paths []string
	filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			paths = append(paths, p)
		}
		return nil
	})
	k := 0
	for _, p := range paths {
		if a, err := filepath.Abs(p); err == nil && ShardOf(a, 2) == 0 {
			k = 1 // a file of partition 0 is not in partition 1
			break
		}
	}
	if len(paths) < 2 {
		t.Fatalf("fixture: %d files", len(paths))
	}
	if _, err := Build(context.Background(), ixPath, []string{src}, BuildOptions{Extract: jsonExtract, PartitionK: k, PartitionN: 2}); err == nil || !strings.Contains(err.Error(), fmt.Sprintf("partition %d/2", k)) {
		t.Errorf("partition %d/2 into a full index: %v", k, err)
	}
	if c, f := countClauses(t, ixPath); c != 16 || f != 7 {
		t.Fatalf("after the refused partition build: %d clauses, %d files", c, f)
	}

	// a missing shard: open fails naming it; build re-creates it and
	// re-indexes its files
	if err := os.RemoveAll(shardDir(ixPath, 1)); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(ixPath); err == nil || !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "shard-001") {
		t.Errorf("missing shard: %v", err)
	}
	buildWith(t, ixPath, BuildOptions{}, src)
	if c, f := countClauses(t, ixPath); c != 16 || f != 7 {
		t.Errorf("after the repair build: %d clauses, %d files", c, f)
	}

	// a damaged shards.json
	for _, bad := range []string{"", "{", `{"shards": 0}`, `{"shards": 100000}`, `[]`} {
		if err := os.WriteFile(filepath.Join(ixPath, shardsFile), []byte(bad), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := Open(ixPath); !errors.Is(err, ErrDamaged) {
			t.Errorf("shards.json %q: %v", bad, err)
		}
		if _, err := Build(context.Background(), ixPath, []string{src}, BuildOptions{Extract: jsonExtract}); !errors.Is(err, ErrDamaged) {
			t.Errorf("build with shards.json %q: %v", bad, err)
		}
	}
}

// TestSingleLayoutUnchanged: an index of today's layout (one Bleve
// index, no shards.json), as every earlier build wrote it, opens as one
// shard searched directly (no alias) and is updated in place.
func TestSingleLayoutUnchanged(t *testing.T) {
	dir := corpusFixture(t)
	src := filepath.Join(dir, "src")
	ixPath := filepath.Join(dir, "ix")
	w, err := OpenWriter(ixPath) // how earlier builds created it
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	buildWith(t, ixPath, BuildOptions{}, src)
	if _, err := os.Stat(filepath.Join(ixPath, shardsFile)); !os.IsNotExist(err) {
		t.Errorf("shards.json written into a single index: %v", err)
	}
	if !isLeaf(ixPath) {
		t.Fatal("not one Bleve index any more")
	}
	ix := open(t, ixPath)
	if _, ok := ix.bi.(*safeIndex); !ok || ix.Shards() != 1 {
		t.Errorf("a single index is searched through %T (%d shards)", ix.bi, ix.Shards())
	}
	if res := search(t, ix, SearchRequest{Query: "A/RES/78/265 para 6 (m)"}); res.Total != 2 {
		t.Errorf("symbol search: %v", hitIDs(res))
	}
	ix.Close()
	// --shards on an existing single index does not convert it
	if _, err := Build(context.Background(), ixPath, []string{src}, BuildOptions{Shards: 4, Extract: jsonExtract}); err == nil || !isLeaf(ixPath) {
		t.Errorf("build --shards 4 on a single index: %v", err)
	}
	if st := buildWith(t, ixPath, BuildOptions{Shards: 1}, src); st.Unchanged != 7 {
		t.Errorf("build --shards 1 on a single index: %+v", st)
	}
}
