package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"slices"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/docindex/docindex/cmd/docindex/internal/scalecorpus"
	"github.com/docindex/docindex/extract"
	"github.com/docindex/docindex/index"
)

// BenchmarkScale is the scale benchmark of issue #15: a corpus of
// DOCINDEX_SCALE copies (default 1; 10 and 100 are the sizes reported in
// the README) of ../shared/corpus, each copy with its words and symbols
// changed (package scalecorpus), built from empty by `docindex build
// --ocr never`, then searched in process through the index package (as
// `docindex search` does) with eleven query types (the ten of the issue
// and a date span), and the same corpus indexed by recollindex and
// searched by recollq when installed.
//
//	DOCINDEX_SCALE=10 go test ./cmd/docindex -run '^$' -bench Scale -benchtime 1x -timeout 0
//
// DOCINDEX_BUILD_ARGS adds flags to the build (space-separated, e.g.
// "--processes 2" to compare with one file per worker process).
//
// The generated corpus and the indexes are kept under DOCINDEX_SCALE_DIR
// (default $TMPDIR/docindex-scale): the corpus is made once per size
// (qpdf is needed), the indexes are rebuilt from empty on every run.
// Sub-benchmarks: build (wall, CPU, peak RSS of the largest process and
// peak RSS and PSS of the build with its workers, pages/s, index bytes per
// page), search (p50/p99 per query type), recoll (build wall, CPU, RSS,
// index size, recollq p50/p99, ratio of the two build wall times), ratio
// (the two builds alternated -benchtime times: median, min and max of the
// pairs' wall-time ratios), rebuild (builds of the index when nothing
// changed and when every file was touched, and recollindex's updates of
// its index in the same two cases), floor (the index writing alone, from the
// corpus extracted once, alternated with recollindex: the least wall time
// any build of this corpus with this index can take on this machine).
func BenchmarkScale(b *testing.B) {
	corpus := benchCorpus(b)
	copies := 1
	if s := os.Getenv("DOCINDEX_SCALE"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 1000 {
			b.Fatalf("DOCINDEX_SCALE=%q: want a number of copies from 1 to 1000", s)
		}
		copies = n
	}
	if _, err := exec.LookPath("qpdf"); err != nil {
		b.Skip("qpdf not installed (apt-get install qpdf)")
	}
	root := os.Getenv("DOCINDEX_SCALE_DIR")
	if root == "" {
		root = filepath.Join(os.TempDir(), "docindex-scale")
	}
	gen := filepath.Join(root, "corpus")
	t0 := time.Now()
	if err := scalecorpus.Generate(corpus, gen, copies, 2); err != nil {
		b.Fatal(err)
	}
	b.Logf("corpus of %d copies under %s (%v to make or check)", copies, gen, time.Since(t0).Round(time.Second))
	var dirs []string
	for k := 0; k < copies; k++ {
		dirs = append(dirs, scalecorpus.CopyDir(gen, k))
	}
	ixPath := filepath.Join(root, fmt.Sprintf("ix-%dx", copies))
	bin := relBinary(b, b.TempDir())
	var dWall time.Duration
	b.Run("build", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if err := os.RemoveAll(ixPath); err != nil {
				b.Fatal(err)
			}
			args := append(append([]string{"build", "--quiet", "--json", "--ocr", "never", "--index", ixPath}, benchBuildArgs()...), dirs...)
			var tw treeWatch
			w, cpu, rss, out := runCapture(b, tw.command(exec.Command(bin, args...)))
			tree, pss, _ := tw.peak()
			b.Log(tw.peakParts())
			dWall = w
			st := buildSummary(b, out)
			size := treeBytes(ixPath)
			b.ReportMetric(w.Seconds(), "wall-s")
			b.ReportMetric(cpu.Seconds(), "cpu-s")
			b.ReportMetric(float64(rss)/(1<<20), "peak-RSS-MB")
			// the build and its workers together (see treeWatch)
			b.ReportMetric(float64(tree)/(1<<20), "tree-RSS-MB")
			b.ReportMetric(float64(pss)/(1<<20), "tree-PSS-MB")
			b.ReportMetric(float64(tw.anon.Load())/(1<<20), "build-anon-MB")
			b.ReportMetric(float64(tw.wanon.Load())/(1<<20), "worker-anon-MB")
			b.ReportMetric(float64(tw.wfile.Load())/(1<<20), "worker-file-MB")
			b.ReportMetric(float64(st.Files), "files")
			b.ReportMetric(float64(st.Pages), "pages")
			b.ReportMetric(float64(st.Clauses), "clauses")
			b.ReportMetric(float64(st.Pages)/w.Seconds(), "pages/s")
			b.ReportMetric(float64(size)/(1<<20), "index-MB")
			b.ReportMetric(float64(size)/float64(max(st.Pages, 1))/1024, "index-KB/page")
		}
	})
	b.Run("search", func(b *testing.B) {
		if _, err := os.Stat(ixPath); err != nil {
			b.Skip("no index (the build sub-benchmark did not run)")
		}
		ix, err := index.OpenAll(ixPath)
		if err != nil {
			b.Fatal(err)
		}
		defer ix.Close()
		for i := 0; i < b.N; i++ {
			scaleSearch(b, ix, scaleQueries, 50)
		}
	})
	b.Run("recoll", func(b *testing.B) {
		if _, err := exec.LookPath("recollindex"); err != nil {
			b.Skip("recollindex not installed (apt-get install recollcmd)")
		}
		conf := filepath.Join(root, fmt.Sprintf("recoll-%dx", copies))
		for i := 0; i < b.N; i++ {
			cmd, w, cpu, rss := runRecoll(b, conf, dirs)
			b.ReportMetric(w.Seconds(), "wall-s")
			b.ReportMetric(cpu.Seconds(), "cpu-s")
			b.ReportMetric(float64(rss)/(1<<20), "peak-RSS-MB")
			b.ReportMetric(float64(treeBytes(filepath.Join(conf, "xapiandb")))/(1<<20), "index-MB")
			if dWall > 0 {
				b.ReportMetric(dWall.Seconds()/w.Seconds(), "docindex/recollindex")
			}
			// recollq: one process per query (as a user runs it), so
			// its latency includes process start and opening the index
			for _, q := range []struct{ name, q string }{
				{"word", "development"}, {"two-words", "human rights"},
				{"phrase", `"international peace and security"`}, {"non-latin", "права человека"},
				{"wildcard", "develop*"},
			} {
				var lat []time.Duration
				for r := 0; r <= 10; r++ {
					c := exec.Command("recollq", "-c", conf, "-n", "10", "-q", q.q)
					c.Env = cmd.Env
					t0 := time.Now()
					if out, err := c.CombinedOutput(); err != nil {
						b.Fatalf("recollq %s: %v\n%s", q.q, err, out)
					}
					if r > 0 {
						lat = append(lat, time.Since(t0))
					}
				}
				p50, p99 := pct(lat)
				b.ReportMetric(ms(p50), "recollq-"+q.name+"-p50-ms")
				b.ReportMetric(ms(p99), "recollq-"+q.name+"-p99-ms")
			}
		}
	})

	// ratio: docindex and recollindex alternated b.N times, each pair
	// run back to back, so that a machine whose speed drifts (a shared
	// VM: the same 10x build took 58 to 90 CPU-s within an hour) weighs
	// on both sides of each ratio; the median of the pairs' ratios.
	b.Run("ratio", func(b *testing.B) {
		if _, err := exec.LookPath("recollindex"); err != nil {
			b.Skip("recollindex not installed (apt-get install recollcmd)")
		}
		conf := filepath.Join(root, fmt.Sprintf("recoll-%dx", copies))
		var ratios, dws, rws, dcs, rcs []float64
		for i := 0; i < b.N; i++ {
			if err := os.RemoveAll(ixPath); err != nil {
				b.Fatal(err)
			}
			args := append(append([]string{"build", "--quiet", "--ocr", "never", "--index", ixPath}, benchBuildArgs()...), dirs...)
			dw, dc, _ := runMeasured(b, exec.Command(bin, args...), true)
			_, rw, rc, _ := runRecoll(b, conf, dirs)
			b.Logf("pair %d: docindex %.1f s / %.1f CPU-s, recollindex %.1f s / %.1f CPU-s, ratio %.3f", i+1, dw.Seconds(), dc.Seconds(), rw.Seconds(), rc.Seconds(), dw.Seconds()/rw.Seconds())
			ratios = append(ratios, dw.Seconds()/rw.Seconds())
			dws, rws = append(dws, dw.Seconds()), append(rws, rw.Seconds())
			dcs, rcs = append(dcs, dc.Seconds()), append(rcs, rc.Seconds())
		}
		b.ReportMetric(median(ratios), "ratio-median")
		b.ReportMetric(slices.Min(ratios), "ratio-min")
		b.ReportMetric(slices.Max(ratios), "ratio-max")
		b.ReportMetric(median(dws), "docindex-s")
		b.ReportMetric(median(rws), "recollindex-s")
		b.ReportMetric(median(dcs), "docindex-cpu-s")
		b.ReportMetric(median(rcs), "recollindex-cpu-s")
	})

	// rebuild: builds of an index already up to date with the corpus
	// (made by the build sub-benchmark): first with nothing changed
	// (files known by their size, times and inode are not read), then
	// with every file touched (its modification time moved back a
	// minute: each is read and hashed once, none re-extracted); the same
	// two for recollindex when its index of the corpus exists (the recoll
	// sub-benchmark). hashed is the number of files read by the unchanged
	// rebuild: the ones that failed before (retried by every build).
	b.Run("rebuild", func(b *testing.B) {
		if _, err := os.Stat(ixPath); err != nil {
			b.Skip("no index (the build sub-benchmark did not run)")
		}
		conf := filepath.Join(root, fmt.Sprintf("recoll-%dx", copies))
		_, err := os.Stat(filepath.Join(conf, "xapiandb"))
		recoll := err == nil
		rebuild := func() (time.Duration, time.Duration, index.BuildStats) {
			args := append(append([]string{"build", "--quiet", "--json", "--ocr", "never", "--index", ixPath}, benchBuildArgs()...), dirs...)
			w, cpu, _, out := runCapture(b, exec.Command(bin, args...))
			st := buildSummary(b, out)
			if st.Indexed != 0 {
				b.Fatalf("a rebuild of an unchanged corpus indexed %d files", st.Indexed)
			}
			return w, cpu, st
		}
		recollUpdate := func() time.Duration {
			cmd := exec.Command("recollindex", "-c", conf)
			cmd.Env = append(os.Environ(), "HOME="+conf)
			w, _, _ := runMeasured(b, cmd, false)
			return w
		}
		for i := 0; i < b.N; i++ {
			w, cpu, st := rebuild()
			b.ReportMetric(w.Seconds(), "unchanged-s")
			b.ReportMetric(cpu.Seconds(), "unchanged-cpu-s")
			b.ReportMetric(float64(st.Hashed), "unchanged-hashed")
			if recoll {
				b.ReportMetric(recollUpdate().Seconds(), "recoll-unchanged-s")
			}
			var touched int
			for _, d := range dirs {
				err := filepath.WalkDir(d, func(p string, e os.DirEntry, err error) error {
					if err != nil || e.IsDir() || !strings.EqualFold(filepath.Ext(p), ".pdf") {
						return err
					}
					fi, err := e.Info()
					if err != nil {
						return err
					}
					touched++
					t := fi.ModTime().Add(-time.Minute)
					return os.Chtimes(p, t, t)
				})
				if err != nil {
					b.Fatal(err)
				}
			}
			w, cpu, st = rebuild()
			b.ReportMetric(w.Seconds(), "touched-s")
			b.ReportMetric(cpu.Seconds(), "touched-cpu-s")
			b.ReportMetric(float64(st.Hashed), "touched-hashed")
			if st.Hashed < touched {
				b.Errorf("%d files touched, %d read", touched, st.Hashed)
			}
			if recoll {
				b.ReportMetric(recollUpdate().Seconds(), "recoll-touched-s")
			}
		}
	})

	// floor: the index writing of a build alone (what Bleve and our
	// mapping cost, with no PDF read), alternated with recollindex like
	// ratio. The corpus is extracted once (docindex extract --json, pages
	// dropped) into root; each run decodes it and writes every document
	// with index.Writer in this process, under the build's collector
	// settings (boundBuildMemory). decode-s is the decoding alone, to be
	// subtracted for the writing alone. A floor-ratio above 0.5 says that
	// no extractor, however fast, brings the whole build to half
	// recollindex's wall time on this machine.
	b.Run("floor", func(b *testing.B) {
		if _, err := exec.LookPath("recollindex"); err != nil {
			b.Skip("recollindex not installed (apt-get install recollcmd)")
		}
		conf := filepath.Join(root, fmt.Sprintf("recoll-%dx", copies))
		docs := filepath.Join(root, fmt.Sprintf("extracted-%dx.jsonl", copies))
		if err := extractOnce(bin, docs, dirs); err != nil {
			b.Fatal(err)
		}
		t0, c0 := time.Now(), processCPU()
		n, err := writeExtracted(docs, "")
		if err != nil {
			b.Fatal(err)
		}
		decodeWall, decodeCPU := time.Since(t0), processCPU()-c0
		var ratios, fws, fcs, rws []float64
		for i := 0; i < b.N; i++ {
			dst := filepath.Join(b.TempDir(), "ix")
			t0, c0 := time.Now(), processCPU()
			if _, err := writeExtracted(docs, dst); err != nil {
				b.Fatal(err)
			}
			fw, fc := time.Since(t0), processCPU()-c0
			_, rw, _, _ := runRecoll(b, conf, dirs)
			b.Logf("pair %d: writing %d documents %.1f s / %.1f CPU-s (decoding alone %.1f s / %.1f CPU-s), recollindex %.1f s, ratio %.3f", i+1, n, fw.Seconds(), fc.Seconds(), decodeWall.Seconds(), decodeCPU.Seconds(), rw.Seconds(), fw.Seconds()/rw.Seconds())
			ratios = append(ratios, fw.Seconds()/rw.Seconds())
			fws, fcs, rws = append(fws, fw.Seconds()), append(fcs, fc.Seconds()), append(rws, rw.Seconds())
		}
		b.ReportMetric(median(ratios), "floor-ratio-median")
		b.ReportMetric(median(fws), "floor-s")
		b.ReportMetric(median(fcs), "floor-cpu-s")
		b.ReportMetric(decodeWall.Seconds(), "decode-s")
		b.ReportMetric(decodeCPU.Seconds(), "decode-cpu-s")
		b.ReportMetric(median(rws), "recollindex-s")
	})
}

// buildSummary is the summary of `docindex build --json` in out (its
// line of JSON, among the progress lines).
func buildSummary(b *testing.B, out string) index.BuildStats {
	b.Helper()
	var st index.BuildStats
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "{") {
			if err := json.Unmarshal([]byte(l), &st); err != nil {
				b.Fatalf("build summary: %v\n%s", err, l)
			}
		}
	}
	return st
}

// extractOnce writes the documents of dirs as JSON Lines to path
// (docindex extract --json --ocr never, pages dropped), unless path
// exists.
func extractOnce(bin, path string, dirs []string) error {
	if _, err := os.Stat(path); err == nil {
		return nil
	}
	cmd := exec.Command(bin, append([]string{"extract", "--json", "--ocr", "never"}, dirs...)...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	f, err := os.Create(path + ".tmp")
	if err != nil {
		return err
	}
	defer f.Close()
	dec, enc := json.NewDecoder(out), json.NewEncoder(f)
	for {
		var doc *extract.Document
		if err := dec.Decode(&doc); err == io.EOF {
			break
		} else if err != nil {
			return err
		}
		if doc == nil || doc.Error != "" {
			continue
		}
		doc.Pages = nil
		if err := enc.Encode(doc); err != nil {
			return err
		}
	}
	// extract exits 1 when some files fail (the corpus's odd ones)
	if err := cmd.Wait(); err != nil && cmd.ProcessState.ExitCode() != 1 {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(path+".tmp", path)
}

// writeExtracted decodes the documents of the JSON Lines file path and,
// unless dst is "", writes them into a new index at dst as a build does
// (index.Writer, the build's collector settings); it returns the number
// of documents.
func writeExtracted(path, dst string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	var w *index.Writer
	if dst != "" {
		gc, limit := debug.SetGCPercent(-1), debug.SetMemoryLimit(-1)
		debug.SetGCPercent(gc)
		defer debug.SetGCPercent(gc)
		defer debug.SetMemoryLimit(limit)
		boundBuildMemory()
		if w, err = index.OpenWriter(dst); err != nil {
			return 0, err
		}
	}
	dec := json.NewDecoder(bufio.NewReaderSize(f, 1<<20))
	n := 0
	for {
		var doc extract.Document
		if err := dec.Decode(&doc); err == io.EOF {
			break
		} else if err != nil {
			if w != nil {
				w.Close()
			}
			return n, err
		}
		n++
		if w == nil {
			continue
		}
		rec := index.FileRecord{Path: doc.File, Language: doc.Language, Meta: doc.Meta, Indexed: time.Now()}
		if err := w.Put(&doc, rec); err != nil {
			w.Close()
			return n, err
		}
	}
	if w != nil {
		return n, w.Close()
	}
	return n, nil
}

// median is the median of xs (not empty).
func median(xs []float64) float64 {
	s := slices.Sorted(slices.Values(xs))
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// runRecoll indexes dirs from empty with recollindex, its configuration
// and index in conf: the command (for recollq's environment), wall time,
// CPU time and peak RSS.
func runRecoll(b *testing.B, conf string, dirs []string) (*exec.Cmd, time.Duration, time.Duration, int64) {
	b.Helper()
	if err := os.RemoveAll(conf); err != nil {
		b.Fatal(err)
	}
	if err := os.MkdirAll(conf, 0o755); err != nil {
		b.Fatal(err)
	}
	cfg := fmt.Sprintf("topdirs = %s\nindexstemminglanguages = english french spanish russian arabic\nloglevel = 1\n", strings.Join(dirs, " "))
	if err := os.WriteFile(filepath.Join(conf, "recoll.conf"), []byte(cfg), 0o644); err != nil {
		b.Fatal(err)
	}
	cmd := exec.Command("recollindex", "-c", conf, "-z")
	cmd.Env = append(os.Environ(), "HOME="+conf)
	w, cpu, rss := runMeasured(b, cmd, false)
	return cmd, w, cpu, rss
}

// BenchmarkScaleSearch runs the search sub-benchmark of BenchmarkScale
// on existing indexes, without making a corpus or building: the paths
// of DOCINDEX_SCALE_INDEX (separated by the OS path list separator, as
// many as OpenAll takes: one index, a sharded one, a directory of
// partition indexes). DOCINDEX_SCALE_QUERIES names the query types to
// run (comma-separated, default all ten), e.g. for a CPU profile of one:
//
//	DOCINDEX_SCALE_INDEX=/tmp/ix-10x go test ./cmd/docindex -run '^$' \
//	    -bench ScaleSearch -benchtime 1x -cpuprofile cpu.out
//
// -benchtime Nx runs each type N×50 times (p50/p99 over all). Besides
// p50/p99 it reports each type's mean CPU time per query (user + system
// of the process over its runs: steadier than wall time on a shared
// machine, and it counts the shards searched in parallel) and the
// one-minute load average before the run.
func BenchmarkScaleSearch(b *testing.B) {
	env := os.Getenv("DOCINDEX_SCALE_INDEX")
	if env == "" {
		b.Skip("DOCINDEX_SCALE_INDEX not set (paths of indexes to search)")
	}
	qs := scaleQueries
	if names := os.Getenv("DOCINDEX_SCALE_QUERIES"); names != "" {
		qs = nil
		for _, n := range strings.Split(names, ",") {
			found := false
			for _, q := range scaleQueries {
				if q.name == strings.TrimSpace(n) {
					qs, found = append(qs, q), true
				}
			}
			if !found {
				b.Fatalf("DOCINDEX_SCALE_QUERIES: no query type %q", n)
			}
		}
	}
	ix, err := index.OpenAll(filepath.SplitList(env)...)
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	load := -1.0
	if la, err := os.ReadFile("/proc/loadavg"); err == nil {
		if f := strings.Fields(string(la)); len(f) > 0 {
			load, _ = strconv.ParseFloat(f[0], 64)
		}
	}
	b.ResetTimer()
	// -benchtime Nx: N×50 runs of each type, one p50/p99 over all
	scaleSearch(b, ix, qs, 50*b.N)
	b.ReportMetric(load, "loadavg") // after ResetTimer, which drops metrics
}

// scaleSearch runs each query type of qs reps times (after one run not
// counted) and reports its p50 and p99 latency and mean CPU time.
func scaleSearch(b *testing.B, ix *index.Index, qs []scaleQuery, reps int) {
	for _, qt := range qs {
		var lat []time.Duration
		var cpu time.Duration
		for r := 0; r <= reps; r++ {
			req := qt.req(r)
			c0 := processCPU()
			t0 := time.Now()
			res, err := ix.Search(context.Background(), req)
			if err != nil {
				b.Fatalf("%s %q: %v", qt.name, req.Query, err)
			}
			if r == 0 {
				if res.Total == 0 {
					b.Logf("%s %q: no hit", qt.name, req.Query)
				}
				continue
			}
			lat = append(lat, time.Since(t0))
			cpu += processCPU() - c0
		}
		p50, p99 := pct(lat)
		b.ReportMetric(ms(p50), qt.name+"-p50-ms")
		b.ReportMetric(ms(p99), qt.name+"-p99-ms")
		b.ReportMetric(ms(cpu/time.Duration(reps)), qt.name+"-cpu-ms")
	}
}

// processCPU is the user+system CPU time of this process so far.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

type scaleQuery struct {
	name string
	req  func(r int) index.SearchRequest
}

// scaleQueries are the query types of the scale benchmark (the ten of
// the issue, and date spans: the From/To filter); req(r)
// is the r-th request of a type (some rotate among variants).
var scaleQueries = []scaleQuery{
	{"word", func(int) index.SearchRequest { return index.SearchRequest{Query: "development", SkipBodies: true} }},
	{"two-words", func(int) index.SearchRequest { return index.SearchRequest{Query: "human rights", SkipBodies: true} }},
	{"phrase", func(int) index.SearchRequest {
		return index.SearchRequest{Query: `"international peace and security"`, SkipBodies: true}
	}},
	{"citation", func(int) index.SearchRequest {
		return index.SearchRequest{Query: "A/RES/78/265 para 6", SkipBodies: true}
	}},
	{"symbol", func(int) index.SearchRequest { return index.SearchRequest{Query: "S/2018/693", SkipBodies: true} }},
	{"show", func(int) index.SearchRequest {
		return index.SearchRequest{Query: "sustainable development", Show: "fr", SkipBodies: true}
	}},
	{"lang", func(int) index.SearchRequest {
		return index.SearchRequest{Query: "développement", Lang: "fr", SkipBodies: true}
	}},
	{"facets", func(int) index.SearchRequest { return index.SearchRequest{Query: "security"} }},
	{"non-latin", func(r int) index.SearchRequest {
		return index.SearchRequest{Query: []string{"права человека", "联合国", "الأمم المتحدة"}[r%3], SkipBodies: true}
	}},
	{"wildcard", func(int) index.SearchRequest { return index.SearchRequest{Query: "develop*", SkipBodies: true} }},
	{"dates", func(r int) index.SearchRequest {
		span := [][2]string{{"2010", "2020"}, {"1945", "1999-06"}, {"2018-01-01", ""}}[r%3]
		return index.SearchRequest{Query: "security", From: span[0], To: span[1], SkipBodies: true}
	}},
}

func pct(lat []time.Duration) (p50, p99 time.Duration) {
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	at := func(q float64) time.Duration {
		i := int(q*float64(len(lat))+0.5) - 1
		return lat[max(0, min(i, len(lat)-1))]
	}
	return at(0.50), at(0.99)
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// treeBytes is the size of the files under dir.
func treeBytes(dir string) int64 {
	var n int64
	filepath.Walk(dir, func(_ string, fi os.FileInfo, err error) error {
		if err == nil && fi.Mode().IsRegular() {
			n += fi.Size()
		}
		return nil
	})
	return n
}

// runCapture runs a docindex command as runMeasured does and also
// returns its standard output.
func runCapture(b *testing.B, cmd *exec.Cmd) (time.Duration, time.Duration, int64, string) {
	b.Helper()
	var out, errOut strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errOut
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if ee, ok := err.(*exec.ExitError); err != nil && !(ok && ee.ExitCode() == 3) {
		b.Fatalf("%s: %v\n%s", strings.Join(cmd.Args[:2], " "), err, errOut.String())
	}
	var rss int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = ru.Maxrss * 1024
	}
	return wall, cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime(), rss, out.String()
}
