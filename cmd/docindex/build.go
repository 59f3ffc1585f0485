package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/docindex/docindex/extract"
	"github.com/docindex/docindex/extract/isolate"
	"github.com/docindex/docindex/index"
)

func init() {
	register(&command{
		name:    "build",
		summary: "index PDF files (incrementally) for search",
		run:     runBuild,
	})
}

// indexPathFlag adds --index to fs: the index directory, by default
// $DOCINDEX_INDEX or ./docindex.bleve.
func indexPathFlag(fs *flag.FlagSet) *string {
	def := os.Getenv("DOCINDEX_INDEX")
	if def == "" {
		def = "docindex.bleve"
	}
	return fs.String("index", def, "index directory ($DOCINDEX_INDEX when set)")
}

// indexList is a repeatable --index: the indexes searched together (each
// one index, a sharded index, or a directory of indexes such as the
// outputs of partitioned builds). The first --index replaces the default.
type indexList struct {
	paths []string
	set   bool
}

func (l *indexList) String() string { return strings.Join(l.paths, ",") }

func (l *indexList) Set(v string) error {
	if v == "" {
		return fmt.Errorf("empty index path")
	}
	if !l.set {
		l.paths, l.set = nil, true
	}
	l.paths = append(l.paths, v)
	return nil
}

// indexPathsFlag adds a repeatable --index to fs, by default
// $DOCINDEX_INDEX or ./docindex.bleve.
func indexPathsFlag(fs *flag.FlagSet) *indexList {
	def := os.Getenv("DOCINDEX_INDEX")
	if def == "" {
		def = "docindex.bleve"
	}
	l := &indexList{paths: []string{def}}
	fs.Var(l, "index", "index directory ($DOCINDEX_INDEX when set); repeat it, or give a directory of indexes (partitioned builds), to search several as one")
	return l
}

// buildGCPercent is the Go runtime's GOGC during a build: the default,
// a heap of twice what is live (20 to 35 MB: Bleve's batch and the
// segment built from it, merges, documents in flight). 400 made the
// build process peak at 240 MB of RSS for no measurable gain in CPU time
// (README, Memory).
const buildGCPercent = 100

// buildMemoryLimit is the Go runtime's soft memory limit during a build:
// the live heap peaks at 28 MB on the corpus and 36 MB on ten times the
// corpus (Bleve's batch, the segment built from it, a merge), so that
// GOGC alone let the process grow to 95-100 MB of anonymous memory at
// 10×; with this limit it stays at 60-65 MB at 1× and 10× (README,
// Memory). Should a much larger merge need more, the runtime lets the
// heap grow beyond the limit rather than spend more than half the CPU of
// the process collecting. 48 MB with batches of 128 KB (whose live heap
// is smaller) saves 12-15 MB of RSS against 64 MB with 512 KB, for the
// same CPU within the noise (2026-12-05).
const buildMemoryLimit = 48 << 20

func isTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }

// runBuild runs "docindex build": flags (newBuildFlags) and arguments
// checked, extraction workers started, index.Build (or Rebuild) run, its
// summary printed (printBuildReport or JSON) and its exit status given
// (buildExitCode).
func runBuild(ctx context.Context, args []string) int {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	f := newBuildFlags(fs)
	fs.Usage = func() { buildUsage(fs) }
	paths, err := parseInterleaved(fs, args)
	if err == flag.ErrHelp {
		return 0
	}
	if err != nil {
		return 2
	}
	if len(paths) == 0 {
		fs.Usage()
		return 2
	}
	// No argument exists: a typo, not an empty collection (an index
	// would be created empty). Some missing among others are listed as
	// failures by the build.
	if missing := missingPaths(paths); len(missing) == len(paths) {
		fmt.Fprintf(os.Stderr, "docindex build: %s: no such file or directory; nothing indexed\n", strings.Join(missing, ", "))
		return 2
	}
	mode, err := f.ocrMode()
	if err != nil {
		fmt.Fprintf(os.Stderr, "docindex build: %v\n", err)
		return 2
	}
	partK, partN, nShards, err := buildLayout(*f.partition, *f.shards)
	if err != nil {
		fmt.Fprintf(os.Stderr, "docindex build: %v\n", err)
		return 2
	}
	if *f.processes < 1 {
		fmt.Fprintf(os.Stderr, "docindex build: --processes: want 1 or more\n")
		return 2
	}
	// Extraction runs in worker processes (extract/isolate): a file that
	// crashes its worker, outgrows its memory or its time fails alone
	// (the other files in flight in that worker are read again alone).
	pool, err := f.startPool(extract.Options{Timeout: *f.timeout, OCR: mode}, max(*f.workers, 1), *f.processes, false)
	if err != nil {
		fmt.Fprintf(os.Stderr, "docindex build: %v\n", err)
		return 2
	}
	defer pool.Close()
	boundBuildMemory()

	progress := func(done, total int, path string) {}
	var bp *buildProgress
	if !*f.quiet && isTerminal(os.Stderr) {
		bp = &buildProgress{w: os.Stderr}
		progress = bp.file
		pool.OnPage(bp.page)
	}
	buildFn := index.Build
	if *f.rebuild {
		buildFn = index.Rebuild
	}
	st, err := buildFn(ctx, *f.indexPath, paths, index.BuildOptions{
		Workers:  *f.workers,
		Extract:  pool.Extract,
		Progress: progress,
		Shards:   nShards,
		// a partition of N
		PartitionK: partK,
		PartitionN: partN,
		Checksum:   *f.checksum,
		// DOCINDEX_BATCH_OPS (undocumented, for tests): a smaller commit
		// batch, so that a killed test build has committed something.
		BatchOps: envInt("DOCINDEX_BATCH_OPS"),
	})
	bp.finish()
	// the workers' memory back before the report opens the index (and
	// reads its segments)
	pool.Close()
	if err != nil {
		fmt.Fprintf(os.Stderr, "docindex build: %v\n", err)
		if st == nil {
			return 1
		}
	}
	if *f.asJSON {
		enc := json.NewEncoder(os.Stdout)
		enc.SetEscapeHTML(false)
		enc.Encode(st)
	} else {
		printBuildReport(ctx, *f.indexPath, st, mode)
	}
	code := buildExitCode(st, err)
	if code == 130 {
		fmt.Fprintf(os.Stderr, "docindex build: interrupted; the index is consistent, run build again to finish\n")
	}
	return code
}

// buildFlags are the flags of build.
type buildFlags struct {
	indexPath, partition   *string
	workers, processes     *int
	shards                 *int
	timeout                *time.Duration
	asJSON, quiet, rebuild *bool
	checksum               *bool
	startPool              func(opt extract.Options, workers, processes int, pageText bool) (*isolate.Pool, error)
	ocrMode                func() (string, error)
}

// newBuildFlags defines the flags of build on fs.
func newBuildFlags(fs *flag.FlagSet) *buildFlags {
	var f buildFlags
	f.indexPath = indexPathFlag(fs)
	f.workers = fs.Int("workers", runtime.NumCPU(), "files extracted in parallel")
	f.processes = fs.Int("processes", 1, "extraction worker processes sharing the --workers files, each reading ceil(workers/processes) at once (see above)")
	f.timeout = fs.Duration("timeout", 0, "time limit per file (default 2m)")
	f.asJSON = fs.Bool("json", false, "print the summary as one JSON object")
	f.quiet = fs.Bool("quiet", false, "no progress bar")
	f.shards = fs.Int("shards", 0, fmt.Sprintf("shards of a new index, each with its own writer (default: 1 below %d PDF files, else one per CPU; an existing index keeps its count)", index.AutoShardFiles))
	f.partition = fs.String("partition", "", "K/N: index only the files of partition K (0 to N-1) of N, by a stable hash of their absolute path, into --index; search the N outputs together (see README, Partitioned builds)")
	f.checksum = fs.Bool("checksum", false, "compare every indexed file by content (SHA-256), even when its size, times and inode are as recorded")
	f.rebuild = fs.Bool("rebuild", false, "build a fresh index beside the old one and swap it in when done (for a damaged index)")
	langFlag(fs) // read by the workers
	f.startPool = isolationFlags(fs)
	f.ocrMode = ocrFlag(fs)
	return &f
}

// buildUsage prints the usage of build.
func buildUsage(fs *flag.FlagSet) {
	fmt.Fprintf(fs.Output(), "usage: docindex build [--index PATH] [--workers N] [--processes P] [--shards N | --partition K/N] [--languages LIST] DIR|FILE...\n\n"+
		"Indexes the PDF files under the arguments. Unchanged files are skipped,\n"+
		"changed files re-indexed, and files that disappeared from a directory\n"+
		"argument removed from the index. A file whose size, modification time,\n"+
		"inode and status-change time are those recorded, and was last modified\n"+
		"more than 2 s before it was read, is unchanged without being read;\n"+
		"otherwise it is compared by content (SHA-256), as every file is with\n"+
		"--checksum.\n\n"+
		"PDF files are read in extraction worker processes: --workers files at once\n"+
		"(default: one per CPU) in --processes processes (default 1, each reading\n"+
		"ceil(workers/processes) files at once). One process keeps the memory of the\n"+
		"build lowest (each more process is another Go runtime and language models,\n"+
		"35-60 MB); the trade-off is that a crash, a timeout or the --max-memory cap of\n"+
		"a process concerns every file in flight in it: those files are read again,\n"+
		"one at a time and each alone in a fresh process, so that only the file at\n"+
		"fault fails. --processes equal to --workers reads one file per process.\n\n"+
		"Exit status: 0 every file indexed or unchanged; 3 the index is updated but some\n"+
		"files failed (listed under failed:, retried by the next build); 1 the build\n"+
		"failed (the index keeps what earlier builds committed); 2 bad usage (unknown\n"+
		"flag, no argument, no argument exists); 130 interrupted.\n\n")
	fs.PrintDefaults()
}

// buildLayout checks --partition (K/N) and --shards: a partition is
// written as one index (shards 1; more shards asked for is an error), and
// shards are 0 (the build chooses) to index.MaxShards.
func buildLayout(partition string, shards int) (partK, partN, nShards int, err error) {
	if partition != "" {
		if partK, partN, err = index.ParsePartition(partition); err != nil {
			return 0, 0, 0, fmt.Errorf("--partition: %v", err)
		}
		if shards > 1 {
			return 0, 0, 0, errors.New("--partition writes one index; give --shards or --partition, not both")
		}
		shards = 1
	}
	if shards < 0 || shards > index.MaxShards {
		return 0, 0, 0, fmt.Errorf("--shards: want 1 to %d", index.MaxShards)
	}
	return partK, partN, shards, nil
}

// boundBuildMemory sets the garbage collector of a build process, unless
// GOGC or GOMEMLIMIT set it. A build's live heap is small (Bleve's batch,
// bounded in bytes by the writer, documents in flight) and a soft memory
// limit keeps it bounded whatever the size of the corpus. What grows with
// the index is the file-backed part (mmapped segments read by Bleve's
// merges).
func boundBuildMemory() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(buildGCPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(buildMemoryLimit)
	}
}

// printBuildReport prints the summary of a build for people: the
// build's counts, what the index holds now, and a hint about OCR when
// files failed for want of a text layer.
func printBuildReport(ctx context.Context, indexPath string, st *index.BuildStats, ocrMode string) {
	printBuildSummary(os.Stdout, indexPath, st)
	if ix, err := index.Open(indexPath); err == nil {
		if t, err := ix.Stats(ctx); err == nil {
			fmt.Fprintf(os.Stdout, "the index holds %d clauses from %d files\n", t.Clauses, t.Files)
		}
		ix.Close()
	}
	if h := ocrHint(ocrMode, noTextFailures(st)); h != "" {
		fmt.Fprintln(os.Stdout, h)
	}
}

// buildExitCode is the exit status of a build that returned st and err
// (see buildUsage): 130 interrupted, 1 failed, 3 some files failed, 0.
func buildExitCode(st *index.BuildStats, err error) int {
	switch {
	case st.Interrupted:
		return 130
	case err != nil:
		return 1
	case st.Failed > 0 || len(st.Failures) > 0:
		return 3
	}
	return 0
}

// missingPaths lists the arguments that do not exist.
func missingPaths(paths []string) []string {
	var out []string
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil && os.IsNotExist(err) {
			out = append(out, p)
		}
	}
	return out
}

func printBuildSummary(w io.Writer, indexPath string, st *index.BuildStats) {
	abs, err := filepath.Abs(indexPath)
	if err != nil {
		abs = indexPath
	}
	fmt.Fprintf(w, "index %s\n", abs)
	warned := ""
	if st.Warned > 0 {
		warned = fmt.Sprintf(", %d read with warnings", st.Warned)
	}
	fmt.Fprintf(w, "files: %d found, %d indexed, %d unchanged, %d removed, %d failed%s\n",
		st.Files, st.Indexed, st.Unchanged, st.Removed, st.Failed, warned)
	fmt.Fprintf(w, "clauses written: %d, pages read: %d (%d without text", st.Clauses, st.Pages, st.NoTextPages)
	if st.OCRPages > 0 {
		fmt.Fprintf(w, ", %d read by OCR", st.OCRPages)
	}
	fmt.Fprintf(w, ")\n")
	if len(st.Languages) > 0 {
		langs := make([]string, 0, len(st.Languages))
		for l := range st.Languages {
			langs = append(langs, l)
		}
		sort.Slice(langs, func(i, j int) bool {
			if st.Languages[langs[i]] != st.Languages[langs[j]] {
				return st.Languages[langs[i]] > st.Languages[langs[j]]
			}
			return langs[i] < langs[j]
		})
		parts := make([]string, len(langs))
		for i, l := range langs {
			parts[i] = fmt.Sprintf("%s %d", l, st.Languages[l])
		}
		fmt.Fprintf(w, "languages (clauses): %s\n", strings.Join(parts, ", "))
	}
	if len(st.Warnings) > 0 {
		fmt.Fprintf(w, "warnings:\n")
		for _, f := range st.Warnings {
			fmt.Fprintf(w, "  %s: %s\n", f.Path, strings.Join(f.Warnings, "; "))
		}
	}
	if len(st.Failures) > 0 {
		fmt.Fprintf(w, "failed:\n")
		for _, f := range st.Failures {
			fmt.Fprintf(w, "  %s: %s\n", f.Path, f.Err)
		}
	}
	fmt.Fprintf(w, "%.1f seconds\n", st.Seconds)
}

// noTextFailures counts the failures of files without a text layer.
func noTextFailures(st *index.BuildStats) int {
	n := 0
	for _, f := range st.Failures {
		if strings.Contains(f.Err, extract.ErrNoTextLayer.Error()) {
			n++
		}
	}
	return n
}

func envInt(name string) int {
	n, _ := strconv.Atoi(os.Getenv(name))
	return n
}
