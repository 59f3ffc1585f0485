package index

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/docindex/docindex/extract"
)

// BuildOptions control Build.
type BuildOptions struct {
	// Workers is the number of files extracted in parallel (default
	// runtime.NumCPU()).
	Workers int
	// Extract reads one file; typically extract.File with options. It
	// must honour ctx.
	Extract func(ctx context.Context, path string) (*extract.Document, error)
	// Progress, when set, is called by the writer after each file with
	// the number of files done so far and the total.
	Progress func(done, total int, path string)
	// BatchOps overrides the batch size (operations per commit).
	BatchOps int
	// Shards is the number of shards of a new index (see shards.go):
	// 0 chooses (1 below AutoShardFiles PDF files, else one per CPU).
	// An existing index keeps its layout.
	Shards int
	// PartitionN > 0 restricts the build to the files of partition
	// PartitionK of PartitionN (ShardOf(path, PartitionN) ==
	// PartitionK), for builds spread over machines.
	PartitionK, PartitionN int
	// Checksum compares every recorded file with its record by content
	// (SHA-256), even when its size, times and inode say it has not
	// changed (see unchangedByStat).
	Checksum bool
}

// Failure is a file that could not be indexed.
type Failure struct {
	Path string `json:"path"`
	Err  string `json:"error"`
}

// FileWarning is a file read with warnings.
type FileWarning struct {
	Path     string   `json:"path"`
	Warnings []string `json:"warnings"`
}

// BuildStats summarises a build.
type BuildStats struct {
	Files     int `json:"files"` // PDF files found under the arguments
	Indexed   int `json:"indexed"`
	Unchanged int `json:"unchanged"`
	// Hashed counts the files read whole to compare them with their
	// records by content: new files, and recorded ones whose size,
	// times or inode changed (all of them with Checksum).
	Hashed      int            `json:"hashed"`
	Removed     int            `json:"removed"`
	Failed      int            `json:"failed"`
	Clauses     int            `json:"clauses"` // clauses written by this build
	Pages       int            `json:"pages"`   // pages read by this build
	NoTextPages int            `json:"no_text_pages"`
	OCRPages    int            `json:"ocr_pages"` // pages read by OCR
	Languages   map[string]int `json:"languages"` // clauses written per language
	Failures    []Failure      `json:"failures,omitempty"`
	// Warned counts the files indexed (or failed) with warnings: read
	// after a repair (a truncated file, a rebuilt cross-reference table).
	Warned   int           `json:"warned,omitempty"`
	Warnings []FileWarning `json:"warnings,omitempty"`
	Seconds  float64       `json:"seconds"`
	// Interrupted is set when ctx was cancelled: files not reached are
	// left as they were and the next build picks them up.
	Interrupted bool `json:"interrupted,omitempty"`
}

type buildJob struct {
	path     string
	prev     *FileRecord
	checksum bool
}

type buildResult struct {
	path      string
	unchanged bool
	// hashed: the file was read whole and hashed; refresh: unchanged,
	// but its record is to be rewritten (rec) with the file's new size,
	// times or inode, so that the next build need not read it
	hashed, refresh bool
	doc             *extract.Document
	rec             FileRecord
	err             error
}

// Build brings the index at indexPath (created when missing) up to date
// with the PDF files found under args (files or directories): new and
// changed files are (re-)indexed, unchanged ones skipped (same size,
// times and inode as recorded, or else same size and SHA-256: see
// unchangedByStat), and files recorded under a directory argument that no longer
// exist are removed. Files are extracted by opt.Workers goroutines and
// written by one writer in batches; a file's clauses and its record
// always go into the same batch. One bad file never stops the build: it
// is listed in Failures. When ctx is cancelled, Build stops extracting,
// commits what it has and returns with Interrupted set.
func Build(ctx context.Context, indexPath string, args []string, opt BuildOptions) (*BuildStats, error) {
	start := time.Now()
	if opt.Extract == nil {
		return nil, errors.New("build: no extractor")
	}
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	st := &BuildStats{Languages: map[string]int{}}
	abs, found := buildFiles(args, opt, st)
	st.Files = len(abs)
	w, err := openIndexForBuild(indexPath, opt, len(abs))
	if err != nil {
		return nil, err
	}
	for _, p := range goneFiles(w.Records(), args, found) {
		if err := w.Remove(p); err != nil {
			w.Close()
			return nil, err
		}
		st.Removed++
	}

	// wctx stops the extraction when the index cannot be written to.
	wctx, stopWork := context.WithCancel(ctx)
	defer stopWork()
	go pageOutLoop(wctx, indexPath)
	results := startExtraction(wctx, w.Records(), largestFirst(abs), workers, opt.Checksum, opt.Extract)
	done := 0
	var writeErr error
	for r := range results {
		done++
		if opt.Progress != nil {
			opt.Progress(done, len(abs), r.path)
		}
		if writeErr != nil {
			stopWork()
			continue // drain
		}
		var counted bool
		counted, writeErr = st.write(ctx, w, r)
		if !counted {
			done--
		}
	}
	if ctx.Err() != nil {
		st.Interrupted = true
	}
	cerr := w.CloseContext(ctx)
	st.Seconds = time.Since(start).Seconds()
	if writeErr != nil {
		return st, writeErr
	}
	return st, cerr
}

// buildFiles finds the PDF files under args (walk errors go to
// st.Failures) and returns their absolute paths, each once, keeping only
// those of the partition asked for (opt.PartitionK of opt.PartitionN);
// found holds the paths returned.
func buildFiles(args []string, opt BuildOptions, st *BuildStats) (abs []string, found map[string]bool) {
	paths, walkErrs := extract.FindPDFs(args)
	for _, e := range walkErrs {
		p := ""
		var pe *os.PathError
		if errors.As(e, &pe) {
			p = pe.Path
			e = pe.Err
		}
		st.Failures = append(st.Failures, Failure{Path: p, Err: extract.Message(e)})
	}
	abs = make([]string, 0, len(paths))
	found = map[string]bool{}
	for _, p := range paths {
		a, err := filepath.Abs(p)
		if err != nil {
			a = p
		}
		if opt.PartitionN > 1 && ShardOf(a, opt.PartitionN) != opt.PartitionK {
			continue
		}
		if !found[a] {
			found[a] = true
			abs = append(abs, a)
		}
	}
	return abs, found
}

// openIndexForBuild opens (or creates) the index for a build of nfiles
// files: a new index gets opt.Shards shards (autoShards when 0); a
// partitioned build refuses an index that holds files of other
// partitions (they would be taken for files gone from the roots and
// removed); opt.BatchOps overrides the writer's batch size.
func openIndexForBuild(indexPath string, opt BuildOptions, nfiles int) (indexWriter, error) {
	shards := opt.Shards
	if shards <= 0 {
		shards = autoShards(nfiles)
	}
	w, err := openBuildWriter(indexPath, shards, opt.Shards > 0)
	if err != nil {
		return nil, err
	}
	if opt.PartitionN > 1 {
		for p := range w.Records() {
			if ShardOf(p, opt.PartitionN) != opt.PartitionK {
				w.Close()
				return nil, fmt.Errorf("index %s: holds %s, which is not in partition %d/%d: build each partition into an index of its own", indexPath, p, opt.PartitionK, opt.PartitionN)
			}
		}
	}
	if opt.BatchOps > 0 {
		switch w := w.(type) {
		case *Writer:
			w.BatchOps = opt.BatchOps
		case *shardedWriter:
			w.setBatchOps(opt.BatchOps)
		}
	}
	return w, nil
}

// goneFiles lists, sorted and each once, the recorded files that are no
// longer found (not in found) under one of the roots args: a root itself
// or a path inside it. Files recorded outside every root are kept.
func goneFiles(records map[string]FileRecord, args []string, found map[string]bool) []string {
	var gone []string
	for _, a := range args {
		root, err := filepath.Abs(a)
		if err != nil {
			continue
		}
		for p := range records {
			if found[p] {
				continue
			}
			if p == root || strings.HasPrefix(p, root+string(filepath.Separator)) {
				gone = append(gone, p)
			}
		}
	}
	sort.Strings(gone)
	return slices.Compact(gone) // a file under two roots given
}

// startExtraction extracts the files abs with workers goroutines
// (processFile, which compares each with its record in recs) and
// returns their results, closed when all are done or ctx is cancelled.
func startExtraction(ctx context.Context, recs map[string]FileRecord, abs []string, workers int, checksum bool, ex func(context.Context, string) (*extract.Document, error)) <-chan buildResult {
	jobs := make(chan buildJob)
	// The writer commits a batch every BatchOps clauses, which takes
	// Bleve most of a second; a deep results queue lets the workers go on
	// extracting meanwhile instead of stalling after one document each
	// (idle cores were a third of the wall time of a corpus build).
	results := make(chan buildResult, 16*workers)
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				results <- processFile(ctx, j, ex)
			}
		}()
	}
	// Snapshot of the records the workers compare against, taken
	// before the writer starts updating its map.
	prev := make(map[string]FileRecord, len(abs))
	for _, p := range abs {
		if r, ok := recs[p]; ok {
			prev[p] = r
		}
	}
	go func() {
		defer close(jobs)
		for _, p := range abs {
			var pr *FileRecord
			if r, ok := prev[p]; ok {
				pr = &r
			}
			select {
			case jobs <- buildJob{path: p, prev: pr, checksum: checksum}:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() {
		wg.Wait()
		close(results)
	}()
	return results
}

// largestFirst returns paths ordered by decreasing file size (ties and
// files that cannot be stat'ed, counted as empty, in their given order):
// the extraction workers then take the long documents first and end on
// short ones, instead of one worker still reading a long report at the
// end while the others wait (longest processing time first, the classic
// rule for spreading jobs over a few workers).
func largestFirst(paths []string) []string {
	size := make(map[string]int64, len(paths))
	for _, p := range paths {
		if fi, err := os.Stat(p); err == nil {
			size[p] = fi.Size()
		}
	}
	out := slices.Clone(paths)
	slices.SortStableFunc(out, func(a, b string) int {
		switch {
		case size[a] > size[b]:
			return -1
		case size[a] < size[b]:
			return 1
		}
		return 0
	})
	return out
}

// write counts one result in st and writes it to the index: a changed
// file's clauses and record, a failed file's record with its reason. A
// file whose extraction was interrupted (ctx cancelled) is left as it
// was and not counted as done (counted false).
func (st *BuildStats) write(ctx context.Context, w indexWriter, r buildResult) (counted bool, err error) {
	if len(r.rec.Warnings) > 0 && !r.unchanged && (r.err == nil || ctx.Err() == nil) {
		st.Warned++
		st.Warnings = append(st.Warnings, FileWarning{Path: r.path, Warnings: r.rec.Warnings})
	}
	if r.hashed {
		st.Hashed++
	}
	switch {
	case r.unchanged:
		st.Unchanged++
		if r.refresh {
			err = w.Refresh(r.rec)
		}
	case r.err != nil && ctx.Err() != nil:
		return false, nil
	case r.err != nil:
		st.Failed++
		// every failure reason is capped and printable (extract.Message)
		msg := extract.Message(r.err)
		st.Failures = append(st.Failures, Failure{Path: r.path, Err: msg})
		r.rec.Error = msg
		st.addPages(r.rec)
		err = w.Put(nil, r.rec)
	default:
		err = w.Put(r.doc, r.rec)
		st.Indexed++
		st.Clauses += len(r.doc.Clauses)
		st.addPages(r.rec)
		for _, c := range r.doc.Clauses {
			st.Languages[clauseLanguage(c.Language, r.doc.Language)]++
		}
	}
	return true, err
}

// addPages counts the pages of a file read by this build.
func (st *BuildStats) addPages(rec FileRecord) {
	st.Pages += rec.Pages
	st.NoTextPages += rec.NoTextPages
	st.OCRPages += rec.OCRPages
}

// clauseLanguage is the language a clause is counted under: its own,
// else its document's when the clause's is unknown ("" or "und"), else
// "und".
func clauseLanguage(clause, doc string) string {
	l := clause
	if l == "" || l == "und" {
		l = doc
	}
	if l == "" {
		l = "und"
	}
	return l
}

// processFile hashes one file, compares it with its record and extracts
// it when it changed.
func processFile(ctx context.Context, j buildJob, ex func(context.Context, string) (*extract.Document, error)) (res buildResult) {
	res.path = j.path
	rec := FileRecord{Path: j.path, Indexed: time.Now().UTC()}
	defer func() {
		if p := recover(); p != nil {
			res.err = fmt.Errorf("extraction failed: %v", p)
			res.doc = nil
		}
		res.rec = rec
	}()
	if ctx.Err() != nil {
		res.err = ctx.Err()
		return
	}
	fi, err := os.Stat(j.path)
	if err != nil {
		res.err = err
		return
	}
	if err := extract.CheckRegular(fi); err != nil {
		// a named pipe would block the hash forever
		res.err = err
		return
	}
	rec.Size = fi.Size()
	rec.ModTime = fi.ModTime().UTC()
	rec.Stat = statKey(fi)
	p := j.prev
	if p != nil && p.Error == "" && !j.checksum && unchangedByStat(*p, rec) {
		res.unchanged = true
		return
	}
	sum, err := hashFile(j.path)
	if err != nil {
		res.err = err
		return
	}
	res.hashed = true
	rec.SHA256 = sum
	if p != nil && p.Error == "" && p.Size == rec.Size && p.SHA256 == rec.SHA256 {
		res.unchanged = true
		if !unchangedByStat(*p, rec) {
			// the same content under new times (touched, copied,
			// restored) or read too soon after a change: keep the
			// record, with what the file system says now
			fresh := *p
			fresh.ModTime, fresh.Stat, fresh.Indexed = rec.ModTime, rec.Stat, rec.Indexed
			rec = fresh
			res.refresh = true
		}
		return
	}
	doc, err := ex(ctx, j.path)
	if doc != nil {
		// counted for failed files too: an image-only scan fails with
		// extract.ErrNoTextLayer and its pages show in the summary
		rec.Pages = len(doc.Pages)
		rec.Warnings = doc.Warnings
		for _, p := range doc.Pages {
			if p.NoText {
				rec.NoTextPages++
			}
			if p.OCR {
				rec.OCRPages++
			}
		}
	}
	if err != nil {
		res.err = err
		return
	}
	if doc == nil {
		res.err = errors.New("extractor returned no document")
		return
	}
	rec.Language = doc.Language
	rec.Meta = doc.Meta
	// Only clauses are needed from here on: drop pages, lines and words
	// so that queued results stay small.
	doc.Pages = nil
	res.doc = doc
	return
}

// racyWindow is how long after a file's modification time a reading of
// it is not trusted to have seen its last change: a file changed again
// within the same tick of the file system's clock (coarse on some file
// systems: 2 s on FAT) keeps its size and modification time; so does its
// status-change time. Also covers a file server's clock a little behind
// this machine's.
const racyWindow = 2 * time.Second

// unchangedByStat reports whether the file described by now (its size,
// modification time and statKey, read by this build) is the one recorded
// in prev without reading its content: every one of them equal, known,
// and prev read at least racyWindow after the file's last modification
// (the "racy" case of Git's index, and rsync's quick check with the
// inode and status-change time added: a file rewritten and its
// modification time set back still changes its ctime).
func unchangedByStat(prev, now FileRecord) bool {
	return prev.Stat != "" && prev.Stat == now.Stat &&
		prev.Size == now.Size && prev.ModTime.Equal(now.ModTime) &&
		!prev.Indexed.IsZero() && prev.ModTime.Add(racyWindow).Before(prev.Indexed)
}

func hashFile(path string) (string, error) {
	// non-blocking: should the file have been replaced by a named pipe
	// since it was checked, the open does not wait for a writer
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// The build process's file-backed memory is the pages of the binary it
// runs (about 17 MB, most of them shared with the extraction worker) and
// those of the segments Bleve maps and reads, the latter growing with the
// index. pageOutLoop checks it every pageOutInterval and, above
// pageOutAbove, hands the segments' pages back to the kernel
// (pageOutSegments): they are read again from the page cache, or the
// disk, when Bleve next needs them. The build held 26 MB of file-backed
// pages when the build and its worker peaked together on the 10x scale
// corpus with a threshold of 32 MB, 21 to 23 MB with 24 MB, 19.5 MB with
// 20 MB, for the same wall time within the noise (2026-12-06).
const (
	pageOutInterval = 50 * time.Millisecond
	pageOutAbove    = 20 << 20
)

// pageOutLoop watches the file-backed memory of the process and pages
// out the segments of the index at path until ctx is done.
func pageOutLoop(ctx context.Context, path string) {
	t := time.NewTicker(pageOutInterval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if fileResident() > pageOutAbove {
				pageOutSegments(path)
			}
		}
	}
}
