package index

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"

	"github.com/docindex/docindex/extract"
)

// A sharded index is a directory holding shardsFile ({"shards": N}) and
// N Bleve indexes shard-000 … shard-(N-1), each a complete docindex
// index (schema version, file records) for the files whose ShardOf is
// its number. Searches go through a bleve.IndexAlias over the shards,
// with global BM25 statistics (see Index.search).
const shardsFile = "shards.json"

// AutoShardFiles is the number of PDF files from which a new index is
// sharded when BuildOptions.Shards is 0: below it one index (one writer
// keeps up with the extractors), from it one shard per CPU.
const AutoShardFiles = 10000

// MaxShards bounds the shard count and the partition count.
const MaxShards = 256

// ShardOf is the shard (or partition) of n that holds the file at path
// (absolute): a stable hash of the path, the same on every machine and
// run, so that a file stays in its shard across incremental builds.
func ShardOf(path string, n int) int {
	if n <= 1 {
		return 0
	}
	// SHA-256, not FNV: FNV's low bits depend only on the low bits of
	// each byte, which left 8 of 10 similar paths in one of 4 shards
	sum := sha256.Sum256([]byte(path))
	return int(binary.BigEndian.Uint64(sum[:8]) % uint64(n))
}

func shardDir(path string, i int) string {
	return filepath.Join(path, fmt.Sprintf("shard-%03d", i))
}

// isLeaf reports whether path is one Bleve index (today's layout).
func isLeaf(path string) bool {
	_, err := os.Stat(filepath.Join(path, "index_meta.json"))
	return err == nil
}

// readShardCount returns N of the sharded index at path, 0 when path
// is not a sharded index.
func readShardCount(path string) (int, error) {
	b, err := os.ReadFile(filepath.Join(path, shardsFile))
	if errors.Is(err, os.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("index %s: %w", path, err)
	}
	var m struct {
		Shards int `json:"shards"`
	}
	if err := json.Unmarshal(b, &m); err != nil || m.Shards < 1 || m.Shards > MaxShards {
		return 0, fmt.Errorf("index %s: %s is damaged (want {\"shards\": N}, 1 ≤ N ≤ %d): %w", path, shardsFile, MaxShards, ErrDamaged)
	}
	return m.Shards, nil
}

// writeShardCount records n in a new sharded index directory, atomically.
func writeShardCount(path string, n int) error {
	if err := os.MkdirAll(path, 0o755); err != nil {
		return fmt.Errorf("index %s: create: %w", path, err)
	}
	tmp := filepath.Join(path, shardsFile+".new")
	b, _ := json.Marshal(map[string]int{"shards": n})
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return fmt.Errorf("index %s: create: %w", path, err)
	}
	if err := os.Rename(tmp, filepath.Join(path, shardsFile)); err != nil {
		return fmt.Errorf("index %s: create: %w", path, err)
	}
	return nil
}

// leafPaths expands path into the Bleve indexes it holds: itself (one
// index), its shards (a sharded index), or, for a directory of such
// indexes (the outputs of partitioned builds), each of them in name
// order.
func leafPaths(path string) ([]string, error) {
	if isLeaf(path) {
		return []string{path}, nil
	}
	n, err := readShardCount(path)
	if err != nil {
		return nil, err
	}
	if n > 0 {
		out := make([]string, n)
		for i := range out {
			out[i] = shardDir(path, i)
			if !isLeaf(out[i]) {
				return nil, fmt.Errorf("index %s: shard %s is missing (run build again): %w", path, filepath.Base(out[i]), ErrDamaged)
			}
		}
		return out, nil
	}
	ents, err := os.ReadDir(path)
	if err != nil {
		return nil, fmt.Errorf("index %s: %w", path, err)
	}
	var out []string
	for _, e := range ents {
		sub := filepath.Join(path, e.Name())
		if !e.IsDir() || strings.HasSuffix(e.Name(), ".new") || strings.HasSuffix(e.Name(), ".rebuild") || strings.HasSuffix(e.Name(), ".old") {
			continue
		}
		if isLeaf(sub) {
			out = append(out, sub)
		} else if n, err := readShardCount(sub); err == nil && n > 0 {
			l, err := leafPaths(sub)
			if err != nil {
				return nil, err
			}
			out = append(out, l...)
		}
	}
	if len(out) == 0 {
		// let Bleve say what is wrong with it (damage.go)
		return []string{path}, nil
	}
	return out, nil
}

// OpenAll opens several indexes (each one index, a sharded index or a
// directory of indexes) for reading and searches them as one. Open(p)
// is OpenAll(p).
func OpenAll(paths ...string) (*Index, error) {
	if len(paths) == 0 {
		return nil, errors.New("no index given")
	}
	var leaves []string
	seen := map[string]bool{}
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil {
			return nil, fmt.Errorf("index %s: %w (create it with docindex build)", p, err)
		}
		l, err := leafPaths(p)
		if err != nil {
			return nil, err
		}
		for _, x := range l {
			a, _ := filepath.Abs(x)
			if !seen[a] {
				seen[a] = true
				leaves = append(leaves, x)
			}
		}
	}
	if len(leaves) > MaxShards {
		return nil, fmt.Errorf("index %s: %d indexes, at most %d are searched together", paths[0], len(leaves), MaxShards)
	}
	ix := &Index{path: paths[0], leafPaths: leaves, termBits: newTermBitsCache()}
	for _, l := range leaves {
		bi, err := openBleve(l, openConfig(true)) // damage.go
		if err == nil {
			if err = checkSchema(l, bi); err != nil {
				bi.Close()
			}
		}
		if err != nil {
			for _, s := range ix.shards {
				s.Close()
			}
			return nil, err
		}
		ix.shards = append(ix.shards, bi)
	}
	for _, s := range ix.shards {
		if sb, ok := s.(*safeIndex); ok {
			// searched with its stored BM25 statistics (bm25.go)
			sb.bm25 = loadBM25(s)
		}
	}
	if len(ix.shards) == 1 {
		ix.bi = ix.shards[0]
		return ix, nil
	}
	ix.stats = newStatCache()
	alias := bleve.NewIndexAlias(ix.shards...)
	// the same mapping in every shard (schema version checked); the
	// alias has none of its own otherwise
	if err := alias.SetIndexMapping(ix.shards[0].Mapping()); err != nil {
		ix.Close()
		return nil, err
	}
	ix.bi = alias
	return ix, nil
}

// summedBM25 is the BM25 statistics of all shards, from those each
// stored when its writer closed (bm25.go): document counts and
// term-document pairs, both sums over documents, so the sums are those
// of one index of the same files. Nil when a shard that holds documents
// has none stored.
func (ix *Index) summedBM25() *bsearch.BM25Stats {
	sum := &bsearch.BM25Stats{FieldCardinality: map[string]int{}}
	for _, s := range ix.shards {
		sb, ok := s.(*safeIndex)
		if !ok {
			return nil
		}
		if sb.bm25 == nil {
			if n, err := s.DocCount(); err == nil && n == 0 {
				continue // an empty shard (no file hashed to it): nothing to add
			}
			return nil
		}
		sum.DocCount += sb.bm25.DocCount
		for f, c := range sb.bm25.FieldCardinality {
			sum.FieldCardinality[f] += c
		}
	}
	return sum
}

// byScoreOnly reports a request ordered by score alone (Bleve's default).
func byScoreOnly(req *bleve.SearchRequest) bool {
	return len(req.Sort) == 0 || len(req.Sort) == 1 && req.Sort[0].RequiresScoring() && req.Sort[0].Descending()
}

// tieOrder orders hits of equal score by file and clause number: Bleve's
// alias merges the shards' hits by score and leaves equal scores in an
// order that changes from run to run (its tie-break, the position within
// a shard, ties across shards). The order within a page is then the same
// on every run; which of several equal-scored hits fall on either side of
// a page boundary is still Bleve's choice.
func tieOrder(hits bsearch.DocumentMatchCollection) {
	key := func(h *bsearch.DocumentMatch) (string, float64) {
		f, _ := h.Fields["file"].(string)
		n, _ := h.Fields["seq"].(float64)
		return f, n
	}
	sort.SliceStable(hits, func(i, j int) bool {
		a, b := hits[i], hits[j]
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		fa, na := key(a)
		fb, nb := key(b)
		if fa != fb {
			return fa < fb
		}
		return na < nb
	})
}

// Shards is the number of Bleve indexes searched together.
func (ix *Index) Shards() int { return len(ix.shards) }

// search runs req over every shard. Over several shards each shard
// scores with the BM25 statistics of all of them (globalQuery,
// globalstats.go): the document count and the number of documents
// holding each term are those of one index of the same files, so are
// the scores, except through the field's average length, which Bleve
// derives from the dictionaries' sizes summed over segments (it depends
// on how segments fell, in one index as in shards). Ties in score are
// ordered by position within each shard. Hits, totals and facets are
// those of one index.
func (ix *Index) search(ctx context.Context, req *bleve.SearchRequest) (*bleve.SearchResult, error) {
	if req.Query != nil {
		// should clauses guarded against Bleve's Advance (shouldguard.go)
		q := req.Query
		req.Query = &guardedQuery{q: q}
		defer func() { req.Query = q }()
	}
	if len(ix.shards) > 1 && req.Score != bleve.ScoreNone && req.Query != nil {
		// every shard scores with the statistics of all (globalstats.go)
		if st := ix.summedBM25(); st != nil {
			// the shards' stored statistics summed (bm25.go): each
			// shard's searcher takes them from ctx instead of its own
			// (before the query is wrapped: withBM25 reads its fields)
			ctx = withBM25(ctx, st, ix.shards[0].Mapping(), req)
		}
		g := newGlobalStats(ix.shards, ix.stats)
		defer g.close()
		q := req.Query
		req.Query = &globalQuery{q: q, g: g}
		defer func() { req.Query = q }()
	}
	// over several shards, the page's fields and highlights are loaded
	// after the alias has merged the shards' hits (loadPage, stored.go)
	var page *bleve.SearchRequest
	if len(ix.shards) > 1 && (len(req.Fields) > 0 || req.Highlight != nil) {
		asked := *req
		page = &asked
		// the same searchers: term vectors when highlighting
		req.IncludeLocations = req.IncludeLocations || req.Highlight != nil
		req.Fields, req.Highlight = nil, nil
		defer func() {
			req.Fields, req.Highlight, req.IncludeLocations = asked.Fields, asked.Highlight, asked.IncludeLocations
		}()
	}
	// term facets counted from the postings, not Bleve's doc values
	// (facetcount.go); outermost, so that it sees the shard's own
	// reader and every hit
	tally, done := ix.countFacets(req)
	if done != nil {
		defer done()
	}
	res, err := ix.bi.SearchInContext(ctx, req)
	if err == nil && tally != nil {
		var frs bsearch.FacetResults
		if frs, err = tally.result(); err == nil {
			if res.Facets == nil {
				res.Facets = bsearch.FacetResults{}
			}
			for name, fr := range frs {
				res.Facets[name] = fr
			}
		}
	}
	if err == nil && page != nil {
		err = ix.loadPage(res.Hits, page)
	}
	if err == nil && len(ix.shards) > 1 && byScoreOnly(req) {
		tieOrder(res.Hits)
	}
	if err == nil && req.Score == bleve.ScoreNone {
		// the constant score of a match-all query (newRequest)
		for _, h := range res.Hits {
			h.Score = 1
		}
		if len(res.Hits) > 0 {
			res.MaxScore = 1
		}
	}
	if err == nil && len(ix.shards) > 1 && res != nil && res.Status != nil && len(res.Status.Errors) > 0 {
		// an alias returns what the other shards found: a shard that
		// failed is an error, not fewer hits
		names := make([]string, 0, len(res.Status.Errors))
		for n := range res.Status.Errors {
			names = append(names, n)
		}
		sort.Strings(names)
		return nil, fmt.Errorf("index %s: %w", names[0], res.Status.Errors[names[0]])
	}
	return res, err
}

// indexWriter is what Build writes through: one Writer, or a
// shardedWriter.
type indexWriter interface {
	Put(doc *extract.Document, rec FileRecord) error
	Remove(path string) error
	Refresh(rec FileRecord) error
	Records() map[string]FileRecord
	CloseContext(ctx context.Context) error
	Close() error
}

// shardedWriter writes a sharded index: one Writer per shard, each fed
// by its own goroutine, so that Bleve's analysis and batching of the
// shards run on several cores. A file goes to shard ShardOf(path, N).
type shardedWriter struct {
	ws      []*Writer
	ch      []chan func(*Writer) error
	wg      sync.WaitGroup
	mu      sync.Mutex
	err     error
	records map[string]FileRecord
}

func (s *shardedWriter) fail(err error) {
	s.mu.Lock()
	if s.err == nil {
		s.err = err
	}
	s.mu.Unlock()
}

func (s *shardedWriter) firstErr() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

// openBuildWriter opens the index at path for Build: a sharded index
// when path is one, or when it is new and shards > 1. explicit says
// shards was asked for (not chosen from the corpus size): an existing
// index of another layout is then an error.
func openBuildWriter(path string, shards int, explicit bool) (indexWriter, error) {
	n, err := readShardCount(path)
	if err != nil {
		return nil, err
	}
	if n == 0 {
		_, statErr := os.Stat(path)
		fresh := errors.Is(statErr, os.ErrNotExist) || isEmptyDir(path)
		if !fresh && explicit && shards > 1 {
			return nil, fmt.Errorf("index %s: is one index, not %d shards (build a new index into another directory to shard it)", path, shards)
		}
		if !fresh || shards <= 1 {
			return OpenWriter(path)
		}
		if shards > MaxShards {
			return nil, fmt.Errorf("index %s: %d shards, at most %d", path, shards, MaxShards)
		}
		if err := writeShardCount(path, shards); err != nil {
			return nil, err
		}
		n = shards
	} else if explicit && shards != n {
		return nil, fmt.Errorf("index %s: has %d shards, not %d (rebuild it into a new directory to change the count)", path, n, shards)
	}
	s := &shardedWriter{records: map[string]FileRecord{}}
	for i := 0; i < n; i++ {
		w, err := OpenWriter(shardDir(path, i)) // creates a missing shard
		if err != nil {
			for _, w := range s.ws {
				w.Close()
			}
			return nil, err
		}
		s.ws = append(s.ws, w)
		for p, r := range w.Records() {
			s.records[p] = r
		}
	}
	for _, w := range s.ws {
		c := make(chan func(*Writer) error, 64)
		s.ch = append(s.ch, c)
		s.wg.Add(1)
		go func(w *Writer) {
			defer s.wg.Done()
			for f := range c {
				if s.firstErr() != nil {
					continue // drain
				}
				if err := f(w); err != nil {
					s.fail(err)
				}
			}
		}(w)
	}
	return s, nil
}

func (s *shardedWriter) Records() map[string]FileRecord { return s.records }

func (s *shardedWriter) send(path string, f func(*Writer) error) error {
	if err := s.firstErr(); err != nil {
		return err
	}
	s.ch[ShardOf(path, len(s.ws))] <- f
	return nil
}

func (s *shardedWriter) Put(doc *extract.Document, rec FileRecord) error {
	s.records[rec.Path] = rec
	return s.send(rec.Path, func(w *Writer) error { return w.Put(doc, rec) })
}

func (s *shardedWriter) Refresh(rec FileRecord) error {
	s.records[rec.Path] = rec
	return s.send(rec.Path, func(w *Writer) error { return w.Refresh(rec) })
}

func (s *shardedWriter) Remove(path string) error {
	delete(s.records, path)
	return s.send(path, func(w *Writer) error { return w.Remove(path) })
}

func (s *shardedWriter) setBatchOps(n int) {
	for _, w := range s.ws {
		w.BatchOps = n
	}
}

func (s *shardedWriter) Close() error { return s.CloseContext(context.Background()) }

// CloseContext waits for the shard goroutines, then closes the shards
// in parallel; the first error wins.
func (s *shardedWriter) CloseContext(ctx context.Context) error {
	for _, c := range s.ch {
		close(c)
	}
	s.wg.Wait()
	errs := make([]error, len(s.ws))
	var wg sync.WaitGroup
	for i, w := range s.ws {
		wg.Add(1)
		go func(i int, w *Writer) {
			defer wg.Done()
			errs[i] = w.CloseContext(ctx)
		}(i, w)
	}
	wg.Wait()
	if err := s.firstErr(); err != nil {
		return err
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// autoShards is the shard count of a new index of files PDF files when
// none is asked for.
func autoShards(files int) int {
	if files < AutoShardFiles {
		return 1
	}
	n := runtime.NumCPU()
	if n > MaxShards {
		n = MaxShards
	}
	return n
}

// ParsePartition parses "K/N" (0 ≤ K < N ≤ MaxShards).
func ParsePartition(s string) (k, n int, err error) {
	if _, err := fmt.Sscanf(s, "%d/%d", &k, &n); err != nil || fmt.Sprintf("%d/%d", k, n) != s {
		return 0, 0, fmt.Errorf("partition %q: want K/N, e.g. 0/4 (K from 0 to N-1)", s)
	}
	if n < 1 || n > MaxShards || k < 0 || k >= n {
		return 0, 0, fmt.Errorf("partition %q: want 0 ≤ K < N ≤ %d", s, MaxShards)
	}
	return k, n, nil
}
