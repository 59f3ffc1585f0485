package index

import (
	"context"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/docindex/docindex/extract"
)

// FileRecord is what the index remembers about one source file; build
// compares it with the file on disk to skip unchanged files.
type FileRecord struct {
	Path    string    `json:"path"` // absolute
	Size    int64     `json:"size"`
	ModTime time.Time `json:"mtime"`
	SHA256  string    `json:"sha256"`
	// Stat is the file's device, inode and status-change time when it
	// was read (statKey; empty in records written before it existed):
	// with Size and ModTime, what lets a build skip reading an
	// unchanged file (unchangedByStat).
	Stat     string `json:"stat,omitempty"`
	Language string `json:"language,omitempty"`
	extract.Meta
	Error       string   `json:"error,omitempty"`
	Warnings    []string `json:"warnings,omitempty"` // see extract.Document.Warnings
	Clauses     int      `json:"clauses"`
	Pages       int      `json:"pages"`
	NoTextPages int      `json:"no_text_pages"`
	// OCRPages counts the pages read by OCR.
	OCRPages int       `json:"ocr_pages,omitempty"`
	Indexed  time.Time `json:"indexed"`
	// PathB64 holds Path, base64-encoded, when it is not valid UTF-8
	// (JSON would replace its bad bytes by U+FFFD); decodeRecord
	// restores the exact bytes.
	PathB64 string `json:"path_b64,omitempty"`
}

// decodeRecord reads a stored record (the stored field value).
func decodeRecord(v any) (FileRecord, error) {
	s, _ := v.(string)
	var r FileRecord
	if err := json.Unmarshal([]byte(s), &r); err != nil {
		return r, err
	}
	if r.PathB64 != "" {
		b, err := base64.StdEncoding.DecodeString(r.PathB64)
		if err != nil {
			return r, fmt.Errorf("record path: %w", err)
		}
		r.Path, r.PathB64 = string(b), ""
	}
	return r, nil
}

// defaultBatchOps is the number of operations (clause documents, deletes)
// after which the writer commits its batch. Each batch becomes a segment
// that scorch merges later: 2000 took a quarter less CPU than 500 over
// the corpus (BenchmarkWriteCorpus).
const defaultBatchOps = 2000

// defaultBatchBytes is the other bound of a batch: the writer also
// commits once the clauses of its batch weigh this much (batchCost).
// Bleve holds a batch three times over until it is a segment — the
// field values, their analysis (a term map and positions per field of
// every clause) and the segment being built — about 16 KB per clause of
// the corpus: a batch of 2000 clauses was 33 MB of the build's live heap
// at its peak, the largest single cost of the build process. 512 KB
// (about 500 clauses of the corpus) took the build process from 124 to
// 90 MB of peak RSS on the corpus, from 198 to 160 MB at 10× (README,
// Memory). Smaller batches make more segments, which no longer changes
// scores (bm25.go). 128 KB (about 130 clauses), with the build's 48 MB
// soft limit, took the build process's peak RSS from 90-92 to 75-78 MB
// on the corpus and from 119-121 to 106-108 MB at 10×, at the same CPU
// within the noise of the machine (2026-12-05). Batches of 2000 clauses
// without the bound cost 161 CPU-s at 10× against 88 (the collector
// working against the soft limit).
var defaultBatchBytes = 128 << 10

// clauseOverhead is what batchCost adds for the fields of a clause
// besides its text (symbol, work, ids, language, file, title...).
const clauseOverhead = 512

// Writer adds, replaces and removes files in an index. It is not safe
// for concurrent use: build runs one writer goroutine.
type Writer struct {
	path     string
	bi       bleve.Index
	batch    *bleve.Batch
	records  map[string]FileRecord
	BatchOps int // commit after this many operations (default 2000)
	// BatchBytes: commit once the batch's clauses weigh this much
	// (default defaultBatchBytes; see batchCost).
	BatchBytes int
	batchBytes int // weight of the current batch

	unpersisted bool // a batch was committed that Close must see on disk

	// storeErr receives the first error Bleve meets while writing to
	// disk in the background (a deleted directory, a full disk): scorch
	// retries such a write forever, so the writer stops instead.
	storeErr  chan error
	storeOnce sync.Once
	failed    error
}

// asyncErrorCallback is the name under which the writers' background
// error handler is registered with scorch.
const asyncErrorCallback = "docindex-writer"

// writers maps the store directory of each open Writer to it, for the
// background error handler.
var writers sync.Map

func init() {
	scorch.RegistryAsyncErrorCallbacks[asyncErrorCallback] = func(err error, path string) {
		if w, ok := writers.Load(filepath.Clean(path)); ok {
			w := w.(*Writer)
			w.storeOnce.Do(func() { w.storeErr <- err })
		}
	}
}

// storageErr returns the background write error, if one happened.
func (w *Writer) storageErr() error {
	if w.failed != nil {
		return w.failed
	}
	select {
	case err := <-w.storeErr:
		w.failed = storageError(w.path, err)
	default:
	}
	return w.failed
}

// storageError is the message of a background write error.
func storageError(path string, err error) error {
	msg := err.Error()
	if _, serr := os.Stat(path); errors.Is(serr, os.ErrNotExist) {
		msg = "the index directory was deleted during the build"
	} else if strings.Contains(msg, "no space left") {
		msg = "disk full (" + msg + ")"
	}
	if len(msg) > 300 {
		msg = msg[:300] + "…"
	}
	return fmt.Errorf("index %s: cannot write to disk: %s; the batches committed before are kept, run build again (with --rebuild if the index is reported damaged)", path, msg)
}

// mergeFloor is the size (in documents) below which scorch's merge
// planner counts a segment as if it were that size (its FloorSegmentSize;
// Bleve's default is 2000). A batch of the build is one segment of a few
// hundred clauses: with the default, every few batches are merged again
// and again while the index is small, most of the build's merge work; at
// 100 the planner lets about ten small segments wait before it merges
// them, each merge larger (README, "Scale"). 0 keeps Bleve's default.
var mergeFloor = 100

// writerMergePlan is the merge planner's options of a writer: Bleve's
// defaults but FloorSegmentSize (the planner reads the fields it is
// given over its defaults).
func writerMergePlan() map[string]interface{} {
	return map[string]interface{}{"FloorSegmentSize": mergeFloor}
}

// consolidate merges, once the documents are written, the small
// segments that the writer's merge floor let wait, as Bleve's default
// planner would have merged them: a search visits every segment (on the
// 10x corpus 23 segments searched 20-40% slower than 13), a build need
// not merge them again and again while it writes. The merged segments
// reach the disk with a last batch (CloseContext).
func consolidate(ctx context.Context, bi bleve.Index) error {
	if mergeFloor <= 0 {
		return nil
	}
	adv, err := bi.Advanced()
	if err != nil {
		return err
	}
	sc, ok := adv.(*scorch.Scorch)
	if !ok {
		return nil
	}
	opts := mergeplan.DefaultMergePlanOptions
	return sc.ForceMerge(ctx, &opts)
}

// consolidateOnClose turns consolidate on; tests of several segments
// turn it off (keepSegments).
var consolidateOnClose = true

func openConfig(readOnly bool) map[string]interface{} {
	cfg := map[string]interface{}{"bolt_timeout": "3s"}
	if readOnly {
		cfg["read_only"] = true
	}
	return cfg
}

func lockedErr(path string, err error) error {
	if err != nil && strings.Contains(err.Error(), "timeout") {
		return fmt.Errorf("index %s: in use by another docindex process (a build or serve?): %w", path, err)
	}
	return fmt.Errorf("index %s: %w", path, err)
}

// checkSchema verifies the schema version recorded in bi.
func checkSchema(path string, bi bleve.Index) error {
	v, err := bi.GetInternal([]byte(schemaKey))
	if err != nil {
		return fmt.Errorf("index %s: reading schema version: %w", path, err)
	}
	if v == nil {
		return fmt.Errorf("index %s: no docindex schema version recorded (not a docindex index?): %w", path, ErrSchema)
	}
	n, err := strconv.Atoi(string(v))
	if err != nil || n != SchemaVersion {
		return fmt.Errorf("index %s: schema version %s, this docindex reads version %d; rebuild it (delete the directory and run docindex build): %w", path, v, SchemaVersion, ErrSchema)
	}
	return nil
}

// OpenWriter opens the index at path for writing, creating it when it
// does not exist.
func OpenWriter(path string) (*Writer, error) {
	_, statErr := os.Stat(path)
	if errors.Is(statErr, os.ErrNotExist) || isEmptyDir(path) {
		if err := createIndex(path); err != nil {
			return nil, err
		}
	}
	cfg := openConfig(false)
	// Batches return once Bleve has them in memory, not after it has
	// written and fsynced each to disk (which stalled the build on every
	// commit); Close waits until everything is on disk. What a crash
	// leaves is still consistent: scorch persists whole snapshots, each
	// batch with its clauses and its file records.
	cfg["unsafe_batch"] = true
	cfg["asyncErrorCallbackName"] = asyncErrorCallback
	if mergeFloor > 0 {
		cfg["scorchMergePlanOptions"] = writerMergePlan()
	}
	bi, err := openBleve(path, cfg)
	if err != nil {
		return nil, err
	}
	if err := checkSchema(path, bi); err != nil {
		bi.Close()
		return nil, err
	}
	w := &Writer{path: path, bi: bi, batch: bi.NewBatch(), BatchOps: defaultBatchOps, storeErr: make(chan error, 1)}
	if abs, err := filepath.Abs(path); err == nil {
		writers.Store(filepath.Clean(storeDir(abs)), w)
	}
	writers.Store(filepath.Clean(storeDir(path)), w)
	recs, err := loadRecords([]bleve.Index{bi}, path)
	if err != nil {
		bi.Close()
		return nil, fmt.Errorf("index %s: reading file records: %w", path, err)
	}
	w.records = recs
	return w, nil
}

// createIndex creates an empty index at path (absent or an empty
// directory) atomically: it is made complete, schema version included, in
// path+".new" and renamed into place, so that a build killed while
// creating it leaves either no index or a whole one (never a directory
// that no later build can open). A leftover path+".new" is removed.
func createIndex(path string) error {
	tmp := path + ".new"
	if err := os.RemoveAll(tmp); err != nil {
		return fmt.Errorf("index %s: create: %w", path, err)
	}
	bi, err := bleve.NewUsing(tmp, newMapping(), scorch.Name, scorch.Name, openConfig(false))
	if err != nil {
		return fmt.Errorf("index %s: create: %w", path, err)
	}
	err = bi.SetInternal([]byte(schemaKey), []byte(strconv.Itoa(SchemaVersion)))
	if cerr := bi.Close(); err == nil {
		err = cerr
	}
	if err == nil && isEmptyDir(path) {
		err = os.Remove(path)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.RemoveAll(tmp)
		return fmt.Errorf("index %s: create: %w", path, err)
	}
	return nil
}

func isEmptyDir(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	names, err := f.Readdirnames(1)
	return err == io.EOF && len(names) == 0
}

// loadRecords reads the file records of the Bleve indexes shards, whose
// directories are paths. Through Bleve's search, every record read as
// a hit costs its identifier, and sorting the records for paging costs
// every record's identifier for each page: on the 100× scale index
// (6,800 records) that read 280 MB of the segments' pages, and each page
// read them again. So the records are read from each shard's snapshot
// directly (recordsOf): the postings of type:file in document order and
// each record's stored fields, every segment page once, the segments'
// pages given back to the kernel every 200 records as in a build
// (pageOutLoop). A shard that is not a scorch index is searched instead
// (recordsBySearch).
func loadRecords(shards []bleve.Index, paths ...string) (map[string]FileRecord, error) {
	recs := map[string]FileRecord{}
	pageOut := func() {
		if fileResident() > pageOutAbove {
			for _, p := range paths {
				pageOutSegments(p)
			}
		}
	}
	defer pageOut()
	for _, bi := range shards {
		if err := recordsOf(bi, recs, pageOut); err != nil {
			return nil, err
		}
	}
	return recs, nil
}

// recordsOf adds the file records of bi to recs, calling pageOut every
// 200 records. A damaged index is reported as its searches are
// (safeIndex.recovered: ErrDamaged, naming the index).
func recordsOf(bi bleve.Index, recs map[string]FileRecord, pageOut func()) (err error) {
	sb, _ := bi.(*safeIndex)
	if sb != nil {
		bi = sb.bleveIndex
	}
	r, err := snapshotReader(bi)
	if err != nil {
		return err
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return recordsBySearch(bi, recs)
	}
	defer func() {
		p := recover()
		switch {
		case p != nil && sb != nil:
			err = sb.recovered(p)
		case p != nil:
			err = fmt.Errorf("reading file records: %v: %w", p, ErrDamaged)
		case err != nil && sb != nil && looksDamaged(err):
			err = sb.recovered(err)
		}
	}()
	segs := snap.Segments()
	offsets := segmentOffsets(segs) // facetcount.go
	tfr, err := snap.TermFieldReader(context.Background(), []byte(typeFile), "type", false, false, false)
	if err != nil {
		return err
	}
	defer tfr.Close()
	for n := 0; ; n++ {
		td, err := tfr.Next(nil)
		if err != nil {
			return err
		}
		if td == nil {
			return nil
		}
		if n%200 == 199 {
			pageOut()
		}
		if len(td.ID) != 8 {
			return fmt.Errorf("file record at %x: not a document number", td.ID)
		}
		id := binary.BigEndian.Uint64(td.ID)
		i := segmentOf(offsets, id)
		if i < 0 {
			return fmt.Errorf("file record at %d: no such document", id)
		}
		var stored string
		var docID string
		err = segs[i].VisitDocument(id-offsets[i], func(name string, _ byte, val []byte, _ []uint64) bool {
			switch name {
			case "_id":
				docID = string(val)
			case "record":
				stored = string(val)
			}
			return true
		})
		if err != nil {
			return err
		}
		rec, err := decodeRecord(stored)
		if err != nil {
			return fmt.Errorf("record %q: %w", docID, err)
		}
		recs[rec.Path] = rec
	}
}

// recordsBySearch adds the file records of bi to recs through Bleve's
// search, a page of 1000 at a time.
func recordsBySearch(bi bleve.Index, recs map[string]FileRecord) error {
	q := query.NewTermQuery(typeFile)
	q.SetField("type")
	const page = 1000
	for from := 0; ; from += page {
		req := bleve.NewSearchRequestOptions(q, page, from, false)
		req.Fields = []string{"record"}
		req.SortBy([]string{"_id"})
		res, err := bi.Search(req)
		if err != nil {
			return err
		}
		for _, h := range res.Hits {
			r, err := decodeRecord(h.Fields["record"])
			if err != nil {
				return fmt.Errorf("record %q: %w", h.ID, err)
			}
			recs[r.Path] = r
		}
		if len(res.Hits) < page {
			return nil
		}
	}
}

// Records returns the file records of the index, by absolute path. The
// map is the writer's own: do not modify it.
func (w *Writer) Records() map[string]FileRecord { return w.records }

func fileDocID(path string) string { return "f\x00" + path }

func clauseDocID(path string, seq int) string {
	return "c\x00" + path + "\x00" + strconv.Itoa(seq)
}

// Put replaces everything indexed for rec.Path with doc's clauses and
// rec, in the current batch. doc may be nil (a failed file: rec.Error
// says why); its clauses are then removed.
func (w *Writer) Put(doc *extract.Document, rec FileRecord) error {
	if old, ok := w.records[rec.Path]; ok {
		for i := 0; i < old.Clauses; i++ {
			w.batch.Delete(clauseDocID(rec.Path, i))
		}
	}
	rec.Clauses = 0
	if doc != nil {
		docLang := doc.Language
		work := WorkKey(doc.Symbol, rec.Path)
		name := filepath.Base(rec.Path)
		for i, c := range doc.Clauses {
			lang := c.Language
			if lang == "" || lang == "und" {
				lang = docLang
			}
			if lang == "" {
				lang = "und"
			}
			m := map[string]interface{}{
				"type":          typeClause,
				"symbol":        doc.Symbol,
				"symkey":        symbolKeys(append([]string{doc.Symbol}, doc.Symbols...)...),
				"work":          work,
				"id":            c.ID,
				"wid":           widKey(work, c.ID),
				"language":      lang,
				"body":          doc.Body,
				"file":          rec.Path,
				"name":          name,
				"section":       c.Section,
				"page":          c.Page,
				"seq":           i,
				"citation":      c.Citation,
				"title":         doc.Title,
				"titlekey":      titleKey(doc.Title),
				"bodykey":       strings.ToLower(doc.Body),
				textField(lang): c.Text,
			}
			if doc.Date != "" {
				m["date"] = doc.Date
				if len(doc.Date) >= 4 {
					m["year"] = doc.Date[:4]
				}
			}
			if c.OCR {
				m["ocr"] = "1"
			}
			if len(c.Footnotes) > 0 {
				fn, _ := json.Marshal(c.Footnotes)
				m["footnotes"] = string(fn)
			}
			if err := indexClause(w.batch, w.bi.Mapping(), clauseDocID(rec.Path, i), m); err != nil {
				return fmt.Errorf("%s: clause %s: %w", rec.Path, c.ID, err)
			}
			w.batchBytes += batchCost(c, doc)
		}
		rec.Clauses = len(doc.Clauses)
	}
	return w.putRecord(rec)
}

// Refresh replaces the stored record of a file whose content has not
// changed (its size, modification or status-change time has, or it was
// read too soon after its last change to be trusted by them): its
// clauses stay as they are.
func (w *Writer) Refresh(rec FileRecord) error { return w.putRecord(rec) }

// putRecord writes rec as its file's record, in the current batch.
func (w *Writer) putRecord(rec FileRecord) error {
	stored := rec
	if !utf8.ValidString(rec.Path) {
		stored.PathB64 = base64.StdEncoding.EncodeToString([]byte(rec.Path))
	}
	js, err := json.Marshal(stored)
	if err != nil {
		return err
	}
	if err := w.batch.Index(fileDocID(rec.Path), map[string]interface{}{
		"type":   typeFile,
		"path":   rec.Path,
		"record": string(js),
	}); err != nil {
		return fmt.Errorf("%s: %w", rec.Path, err)
	}
	w.records[rec.Path] = rec
	return w.maybeFlush()
}

// Remove deletes the file at path (its record and clauses) in the
// current batch.
func (w *Writer) Remove(path string) error {
	old, ok := w.records[path]
	if !ok {
		return nil
	}
	for i := 0; i < old.Clauses; i++ {
		w.batch.Delete(clauseDocID(path, i))
	}
	w.batch.Delete(fileDocID(path))
	delete(w.records, path)
	return w.maybeFlush()
}

func (w *Writer) maybeFlush() error {
	n := w.BatchOps
	if n <= 0 {
		n = defaultBatchOps
	}
	b := w.BatchBytes
	if b <= 0 {
		b = defaultBatchBytes
	}
	if w.batch.Size() >= n || w.batchBytes >= b {
		return w.Flush()
	}
	return nil
}

// batchCost is the weight of clause c of doc in a batch: the bytes of
// its text fields and a fixed part for the others. What Bleve holds for
// a clause until its batch is a segment grows with these.
func batchCost(c extract.Clause, doc *extract.Document) int {
	n := clauseOverhead + len(c.Text) + len(c.Citation) + len(c.Section) + len(doc.Title)
	for _, f := range c.Footnotes {
		n += len(f)
	}
	return n
}

// Flush commits the current batch.
func (w *Writer) Flush() error {
	if err := w.storageErr(); err != nil {
		return err
	}
	if w.batch.Size() == 0 {
		return nil
	}
	if err := w.bi.Batch(w.batch); err != nil {
		return fmt.Errorf("index %s: write: %w", w.path, err)
	}
	// A new batch, not w.batch.Reset(): Bleve's Scorch.Batch (v2.5.7,
	// scorch.go:458) queues the documents for analysis from a goroutine
	// that ranges over batch.IndexOps and can still be reading that
	// field, past the last document, when Batch has returned; Reset
	// writes it (a data race, seen by go test -race in TestIncremental).
	w.batch = w.bi.NewBatch()
	w.batchBytes = 0
	w.unpersisted = true
	return nil
}

// Close commits the current batch, waits until every batch is on disk
// and closes the index.
func (w *Writer) Close() error { return w.CloseContext(context.Background()) }

// closeGrace is how long CloseContext still waits for the last batches
// to reach the disk once its context is cancelled.
const closeGrace = 10 * time.Second

// CloseContext is Close, which gives up waiting for the disk when a
// write to it fails (the directory deleted, the disk full) or closeGrace
// after ctx is cancelled, and returns an error saying so.
func (w *Writer) CloseContext(ctx context.Context) error {
	defer func() {
		if abs, err := filepath.Abs(w.path); err == nil {
			writers.Delete(filepath.Clean(storeDir(abs)))
		}
		writers.Delete(filepath.Clean(storeDir(w.path)))
	}()
	var err error
	var stats []byte // the BM25 statistics stored last
	if w.unpersisted || w.batch.Size() > 0 {
		// The documents first, then a last batch with the BM25
		// statistics of the index they make (bm25.go; dropped when
		// the build is interrupted, rather than spend time counting:
		// the next build stores them again). It carries a callback
		// that scorch calls once the snapshot holding it — and so
		// every earlier batch — is persisted.
		err = w.Flush()
		if err == nil && ctx.Err() != nil {
			w.batch.DeleteInternal([]byte(bm25Key))
		} else if err == nil {
			var st *bm25Stats
			// the walk reads every segment's dictionaries: their
			// pages go back to the kernel as in a build (pageOutLoop)
			st, err = countBM25(w.bi, func() {
				if fileResident() > pageOutAbove {
					pageOutSegments(w.path)
				}
			})
			if err != nil {
				err = fmt.Errorf("index %s: counting terms: %w", w.path, err)
			} else {
				stats, _ = json.Marshal(st)
				w.batch.SetInternal([]byte(bm25Key), stats)
			}
		}
		if err == nil {
			err = w.flushPersisted(ctx)
		}
		// Then the small segments are merged as Bleve's default planner
		// would have (consolidate), and the merged layout is persisted
		// with the statistics again.
		if err == nil && ctx.Err() == nil && stats != nil && consolidateOnClose {
			if err = consolidate(ctx, w.bi); err != nil && ctx.Err() != nil {
				// interrupted: every document is on disk, in more
				// segments than need be; the next build merges them
				err = nil
			} else if err != nil {
				err = fmt.Errorf("index %s: merging segments: %w", w.path, err)
			} else {
				w.batch.SetInternal([]byte(bm25Key), stats)
				err = w.flushPersisted(ctx)
			}
		}
	}
	if err != nil {
		// Bleve's background writer may be stuck retrying: close in
		// the background and do not wait for it long.
		closed := make(chan struct{})
		go func() { w.bi.Close(); close(closed) }()
		select {
		case <-closed:
		case <-time.After(3 * time.Second):
		}
		return err
	}
	if cerr := w.bi.Close(); cerr != nil {
		err = fmt.Errorf("index %s: close: %w", w.path, cerr)
	}
	return err
}

// flushPersisted writes the current batch and waits until scorch has
// persisted the snapshot holding it (and so every earlier batch), a
// write to the disk fails, or closeGrace after ctx is cancelled.
func (w *Writer) flushPersisted(ctx context.Context) error {
	done := make(chan error, 1)
	w.batch.SetPersistedCallback(func(e error) { done <- e })
	if err := w.Flush(); err != nil {
		return err
	}
	var grace <-chan time.Time
	cancelled := ctx.Done()
	for {
		select {
		case err := <-done:
			if err != nil {
				err = fmt.Errorf("index %s: write: %w", w.path, err)
			}
			return err
		case e := <-w.storeErr:
			return storageError(w.path, e)
		case <-cancelled:
			cancelled = nil
			grace = time.After(closeGrace)
		case <-grace:
			return fmt.Errorf("index %s: interrupted while the last batches were written; the batches on disk are kept, run build again", w.path)
		}
	}
}

var langSuffix = regexp.MustCompile(`(?i)[_\-.](ar|en|es|fr|ru|zh|pt|de|it|ja|ko|fa|tr|ch|sp)(_scanned)?$`)

// widKey is the value of field wid, which finds the language versions
// of one clause with a single term.
func widKey(work, id string) string { return work + "\x1f" + id }

// WorkKey returns the key that groups the language versions of one
// document: its symbol when it prints one, otherwise "file:" + the file's
// base name without its extension and without a trailing language code
// (_en, -FR, .ar …), so UN_Charter_en.pdf and UN_Charter_fr.pdf share the
// key "file:UN_Charter". The heuristic relies on the usual naming of
// language versions; files named otherwise simply have no parallels.
func WorkKey(symbol, path string) string {
	if symbol != "" {
		return symbol
	}
	base := filepath.Base(path)
	base = strings.TrimSuffix(base, filepath.Ext(base))
	base = langSuffix.ReplaceAllString(base, "")
	return "file:" + base
}

// symbolKeys returns the lower-cased forms under which a document with
// these symbols is found: each symbol itself, each part of a joint symbol
// ("A/45/155-S/21174"), and the symbol without a parenthesised year or
// section ("S/RES/2803 (2025)" → "s/res/2803").
func symbolKeys(symbols ...string) []string {
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		s = normSymbol(s)
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, symbol := range symbols {
		if symbol == "" {
			continue
		}
		add(symbol)
		parts := []string{symbol}
		if strings.Contains(symbol, "-") {
			for _, p := range strings.Split(symbol, "-") {
				if strings.Contains(p, "/") {
					parts = append(parts, p)
					add(p)
				}
			}
		}
		for _, p := range parts {
			if i := strings.Index(p, "("); i > 0 {
				add(p[:i])
			}
		}
	}
	return out
}

// normSymbol is the lookup form of a symbol: lower case, no spaces.
func normSymbol(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.Join(strings.Fields(s), "")
}

// Record returns the file record of path (absolute), and whether the
// index has one.
func (ix *Index) Record(path string) (FileRecord, bool) {
	req := bleve.NewSearchRequestOptions(conj(term("type", typeFile), term("path", path)), 1, 0, false)
	req.Fields = []string{"record"}
	res, err := ix.search(context.Background(), req)
	if err != nil || len(res.Hits) == 0 {
		return FileRecord{}, false
	}
	r, err := decodeRecord(res.Hits[0].Fields["record"])
	if err != nil {
		return FileRecord{}, false
	}
	return r, true
}
