package index

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	"golang.org/x/sys/unix"

	"github.com/docindex/docindex/extract"
)

// cpuSeconds is the user+system CPU time of the process so far: on a
// shared machine it is steadier than wall time.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}

// threadCPU is the CPU time of the calling OS thread.
func threadCPU() time.Duration {
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_THREAD_CPUTIME_ID, &ts); err != nil {
		return 0
	}
	return time.Duration(ts.Nano())
}

// peakRSSMB is the process's peak resident set (VmHWM) in MB, or 0.
func peakRSSMB() float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}

func dirBytes(dir string) int64 {
	var n int64
	filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err == nil && fi.Mode().IsRegular() && strings.HasSuffix(strings.ToLower(p), ".pdf") {
			n += fi.Size()
		}
		return nil
	})
	return n
}

// BenchmarkBuildCorpus builds a fresh index over ../shared/corpus per
// iteration (all CPUs). With recollindex installed (Debian recollcmd),
// BenchmarkBuildCorpus/recollindex indexes the same files, stemming en fr
// es ru ar, for a side-by-side wall time.
func BenchmarkBuildCorpus(b *testing.B) {
	shared := sharedDir()
	if shared == "" {
		b.Skip("../shared/corpus not found")
	}
	dir := filepath.Join(shared, "corpus")
	ex, err := realExtractor()
	if err != nil {
		b.Fatal(err)
	}
	b.Run("docindex", func(b *testing.B) {
		b.SetBytes(dirBytes(dir))
		var st *BuildStats
		cpu0 := cpuSeconds()
		for i := 0; i < b.N; i++ {
			tmp := b.TempDir()
			var err error
			st, err = Build(context.Background(), filepath.Join(tmp, "ix"), []string{dir}, BuildOptions{Extract: ex})
			if err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(st.Clauses), "clauses")
		b.ReportMetric(float64(st.Pages)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
		b.ReportMetric(peakRSSMB(), "peak-RSS-MB")
		b.ReportMetric((cpuSeconds()-cpu0)/float64(b.N), "cpu-s/op")
	})
	// A second build over the unchanged corpus (the issue asks for at
	// most 5 % of the first).
	b.Run("unchanged", func(b *testing.B) {
		ixPath, first := corpus(b)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			st, err := Build(context.Background(), ixPath, []string{dir}, BuildOptions{Extract: ex})
			if err != nil {
				b.Fatal(err)
			}
			if st.Indexed != 0 {
				b.Fatalf("unchanged corpus re-indexed %d files", st.Indexed)
			}
		}
		b.ReportMetric(100*b.Elapsed().Seconds()/float64(b.N)/first.Seconds, "%-of-first-build")
	})
	b.Run("recollindex", func(b *testing.B) {
		if _, err := exec.LookPath("recollindex"); err != nil {
			b.Skip("recollindex not installed (apt-get install recollcmd)")
		}
		b.SetBytes(dirBytes(dir))
		cpu := 0.0
		for i := 0; i < b.N; i++ {
			conf := b.TempDir()
			cfg := fmt.Sprintf("topdirs = %s\nindexstemminglanguages = english french spanish russian arabic\nloglevel = 1\n", dir)
			if err := os.WriteFile(filepath.Join(conf, "recoll.conf"), []byte(cfg), 0o644); err != nil {
				b.Fatal(err)
			}
			cmd := exec.Command("recollindex", "-c", conf, "-z")
			cmd.Env = append(os.Environ(), "HOME="+conf)
			if out, err := cmd.CombinedOutput(); err != nil {
				b.Fatalf("recollindex: %v\n%s", err, out)
			}
			if ps := cmd.ProcessState; ps != nil {
				cpu += (ps.UserTime() + ps.SystemTime()).Seconds()
			}
		}
		b.ReportMetric(cpu/float64(b.N), "cpu-s/op") // recollindex and its filters (pdftotext)
	})
}

func percentiles(lat []time.Duration) (p50, p99 time.Duration) {
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	at := func(q float64) time.Duration {
		i := int(q*float64(len(lat))+0.5) - 1
		return lat[max(0, min(i, len(lat)-1))]
	}
	return at(0.50), at(0.99)
}

func benchQueries(b *testing.B, ix *Index) {
	qs := readGoldQueries(b)
	// Also the symbol-shaped and unrestricted forms.
	var reqs []SearchRequest
	for _, g := range qs {
		// as docindex search does it (no counts per body)
		reqs = append(reqs, SearchRequest{Query: g.query, Lang: g.lang, SkipBodies: true}, SearchRequest{Query: g.query, SkipBodies: true})
		if !strings.HasPrefix(g.symbol, "file:") {
			reqs = append(reqs, SearchRequest{Query: g.symbol + " " + strings.TrimPrefix(strings.ReplaceAll(g.id, "__list_1__point_", " "), "para_"), SkipBodies: true})
		}
	}
	// Wall latency depends on how busy the (shared) machine is; the CPU
	// time of the searching thread does not, so both are reported.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	lat := make([]time.Duration, 0, b.N)
	cpu := make([]time.Duration, 0, b.N)
	type slow struct {
		d time.Duration
		r SearchRequest
	}
	var worst []slow
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0, c0 := time.Now(), threadCPU()
		r := reqs[i%len(reqs)]
		if _, err := ix.Search(context.Background(), r); err != nil {
			b.Fatal(err)
		}
		d := time.Since(t0)
		cpu = append(cpu, threadCPU()-c0)
		lat = append(lat, d)
		if len(worst) < 5 || d > worst[len(worst)-1].d {
			worst = append(worst, slow{d, r})
			sort.Slice(worst, func(i, j int) bool { return worst[i].d > worst[j].d })
			if len(worst) > 5 {
				worst = worst[:5]
			}
		}
	}
	b.StopTimer()
	for _, w := range worst {
		b.Logf("slow: %v %q lang=%q", w.d, w.r.Query, w.r.Lang)
	}
	p50, p99 := percentiles(lat)
	c50, c99 := percentiles(cpu)
	b.ReportMetric(float64(c50.Microseconds())/1000, "cpu-p50-ms")
	b.ReportMetric(float64(c99.Microseconds())/1000, "cpu-p99-ms")
	if la, err := os.ReadFile("/proc/loadavg"); err == nil {
		// latencies are wall times: say how busy the machine was
		if f := strings.Fields(string(la)); len(f) > 0 {
			v, _ := strconv.ParseFloat(f[0], 64)
			b.ReportMetric(v, "loadavg")
		}
	}
	b.ReportMetric(float64(p50.Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(p99.Microseconds())/1000, "p99-ms")
}

// BenchmarkSearch runs the gold queries (restricted to their language,
// unrestricted, and as symbol queries) on the corpus index and reports
// p50/p99 latency.
func BenchmarkSearch(b *testing.B) {
	ixPath, st := corpus(b)
	ix := open(b, ixPath)
	b.ReportMetric(float64(st.Clauses), "clauses")
	benchQueries(b, ix)
}

// BenchmarkSearchSharded runs the same queries on the corpus built into
// a 4-shard index (searched through a bleve.IndexAlias), against
// BenchmarkSearch's single index.
func BenchmarkSearchSharded(b *testing.B) {
	_, _ = corpus(b)
	sh := filepath.Join(corpusTmp, "ix-4shards")
	if _, err := os.Stat(sh); err != nil {
		ex, err := realExtractor()
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Build(context.Background(), sh, []string{filepath.Join(sharedDir(), "corpus")}, BuildOptions{Extract: ex, Shards: 4}); err != nil {
			b.Fatal(err)
		}
	}
	ix := open(b, sh)
	if ix.Shards() != 4 {
		b.Fatalf("%d shards", ix.Shards())
	}
	benchQueries(b, ix)
}

// BenchmarkSearch100k does the same on an index of about 100,000
// clauses: the corpus replicated with changed symbols and paths.
func BenchmarkSearch100k(b *testing.B) {
	// DOCINDEX_BENCH_100K names a directory where the replica is kept
	// between runs (built when missing).
	big := os.Getenv("DOCINDEX_BENCH_100K")
	if big == "" {
		_, _ = corpus(b)
		big = filepath.Join(corpusTmp, "ix100k")
	}
	if _, err := os.Stat(big); err != nil {
		ixPath, st := corpus(b)
		copies := 100000/max(st.Clauses, 1) + 1
		if err := replicate(ixPath, big, copies); err != nil {
			b.Fatal(err)
		}
	}
	ix := open(b, big)
	s, err := ix.Stats(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(s.Clauses), "clauses")
	benchQueries(b, ix)
}

// replicate writes copies of every document of the index at src into a
// new index at dst, the first unchanged and the others with "/Rk"
// appended to symbols and paths.
func replicate(src, dst string, copies int) error {
	ix, err := Open(src)
	if err != nil {
		return err
	}
	defer ix.Close()
	files, err := ix.Files()
	if err != nil {
		return err
	}
	w, err := OpenWriter(dst)
	if err != nil {
		return err
	}
	for _, f := range files {
		if f.Clauses == 0 {
			continue
		}
		bq := query.NewBooleanQuery([]query.Query{term("file", f.Path)}, nil, nil)
		bq.AddFilter(term("type", typeClause))
		req := bleve.NewSearchRequestOptions(bq, f.Clauses, 0, false)
		req.Fields = hitFields
		req.SortBy([]string{"seq"})
		res, err := ix.bi.Search(req)
		if err != nil {
			w.Close()
			return err
		}
		doc := &extract.Document{Language: f.Language, Meta: f.Meta}
		for _, h := range res.Hits {
			c := toClause(h)
			doc.Clauses = append(doc.Clauses, extract.Clause{ID: c.ID, Citation: c.Citation, Page: c.Page,
				Section: c.Section, Language: c.Language, Text: c.Text, Footnotes: c.Footnotes})
		}
		for k := 0; k < copies; k++ {
			d := *doc
			rec := f
			if k > 0 {
				if d.Symbol != "" {
					d.Symbol += fmt.Sprintf("/R%d", k)
				}
				rec.Path = fmt.Sprintf("%s/R%d_%s", filepath.Dir(f.Path), k, filepath.Base(f.Path))
			}
			if err := w.Put(&d, rec); err != nil {
				w.Close()
				return err
			}
		}
	}
	return w.Close()
}

// BenchmarkWriteCorpus measures the index side of a build alone: the
// corpus index's clauses written again into a fresh index (no PDF
// reading, no language detection).
func BenchmarkWriteCorpus(b *testing.B) {
	ixPath, st := corpus(b)
	cpu0 := cpuSeconds()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := replicate(ixPath, filepath.Join(b.TempDir(), "ix"), 1); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(st.Clauses)*float64(b.N)/b.Elapsed().Seconds(), "clauses/s")
	b.ReportMetric((cpuSeconds()-cpu0)/float64(b.N), "cpu-s/op")
}
