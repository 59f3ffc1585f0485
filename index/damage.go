package index

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"log"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	bsearch "github.com/blevesearch/bleve/v2/search"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	bolt "go.etcd.io/bbolt"
)

// A damaged index (flipped bytes in a segment, an emptied root.bolt, a
// truncated file) must never show as a panic trace: Bleve and zap read
// their files through mmap and panic on many kinds of bad data. Every
// call into Bleve goes through safeIndex, which turns a panic into a
// DamagedError; opening an index verifies the checksum of every segment
// of its current snapshot first, which finds most damage before any
// search runs.

// ErrDamaged is wrapped by every DamagedError.
var ErrDamaged = errors.New("index damaged")

// DamagedError reports a damaged index and the file found damaged (the
// index directory when no single file can be named).
type DamagedError struct {
	File  string // path of the damaged file
	Cause string // what was found, one line
}

func (e *DamagedError) Error() string {
	return fmt.Sprintf("index damaged (%s): rebuild with docindex build --rebuild [%s]", e.File, e.Cause)
}

func (e *DamagedError) Is(t error) bool { return t == ErrDamaged }

// damaged builds a DamagedError; cause is reduced to one printable line
// of at most 200 characters.
func damaged(file string, cause any) *DamagedError {
	s := strings.Map(func(r rune) rune {
		if unicode.IsPrint(r) {
			return r
		}
		return ' '
	}, fmt.Sprint(cause))
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return &DamagedError{File: file, Cause: s}
}

// storeDir is the directory holding the segments and root.bolt.
func storeDir(path string) string { return filepath.Join(path, "store") }

// checkRootBolt finds an emptied or truncated root.bolt before Bleve
// opens it (bolt would create a new, empty database in it when opened
// for writing, and fail with "bad file descriptor" when read-only).
func checkRootBolt(path string) error {
	p := filepath.Join(storeDir(path), "root.bolt")
	fi, err := os.Stat(p)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			if _, derr := os.Stat(storeDir(path)); derr == nil {
				return damaged(p, "root.bolt is missing")
			}
		}
		return nil // not a scorch index: Bleve says what it is
	}
	if fi.Size() < 4096 {
		return damaged(p, fmt.Sprintf("root.bolt has %d bytes", fi.Size()))
	}
	return nil
}

var zapName = regexp.MustCompile(`[0-9a-f]{12}\.zap`)

// openError classifies an error of bleve.Open: a lock held by another
// process, or damage.
func openError(path string, err error) error {
	if err == nil {
		return nil
	}
	if strings.Contains(err.Error(), "timeout") {
		return lockedErr(path, err)
	}
	if errors.Is(err, ErrDamaged) || errors.Is(err, os.ErrNotExist) || errors.Is(err, os.ErrPermission) {
		return err
	}
	file := path
	if m := zapName.FindString(err.Error()); m != "" {
		file = filepath.Join(storeDir(path), m)
	} else if strings.Contains(err.Error(), "bolt") || strings.Contains(err.Error(), "bad file descriptor") || strings.Contains(err.Error(), "invalid database") {
		file = filepath.Join(storeDir(path), "root.bolt")
	} else if strings.Contains(err.Error(), "index_meta") || strings.Contains(err.Error(), "metadata") {
		file = filepath.Join(path, "index_meta.json")
	}
	return damaged(file, err)
}

// openBleve opens the index at path with cfg, turning panics and errors
// about bad data into DamagedError, and verifies the checksums of the
// segments of its current snapshot.
func openBleve(path string, cfg map[string]interface{}) (bi bleve.Index, err error) {
	if err := checkRootBolt(path); err != nil {
		return nil, err
	}
	if err := preflight(path); err != nil {
		return nil, err
	}
	defer func() {
		if p := recover(); p != nil {
			bi, err = nil, damaged(badSegmentFile(path), fmt.Sprintf("panic opening the index: %v", p))
		}
	}()
	// scorch logs a snapshot it cannot load (a segment file missing or
	// unreadable) and silently opens an older one, or none: that is
	// damage too.
	var logged strings.Builder
	var logMu sync.Mutex
	prev := log.Writer()
	log.SetOutput(writerFunc(func(p []byte) (int, error) {
		logMu.Lock()
		defer logMu.Unlock()
		return logged.Write(p)
	}))
	bi, err = bleve.OpenUsing(path, cfg)
	log.SetOutput(prev)
	if err != nil {
		return nil, openError(path, err)
	}
	logMu.Lock()
	msg := logged.String()
	logMu.Unlock()
	if i := strings.Index(msg, "unable to load snapshot"); i >= 0 {
		bi.Close()
		msg = strings.SplitN(msg[i:], "\n", 2)[0]
		file := filepath.Join(storeDir(path), "root.bolt")
		if m := zapName.FindString(msg); m != "" {
			file = filepath.Join(storeDir(path), m)
		}
		return nil, damaged(file, msg)
	}
	return &safeIndex{bleveIndex: bi, path: path}, nil
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

// badSegmentFile names the first segment file of the index whose
// checksum does not match its content, or the index directory when none.
func badSegmentFile(path string) string {
	names, _ := filepath.Glob(filepath.Join(storeDir(path), "*.zap"))
	sort.Strings(names)
	for _, n := range names {
		if checkSegmentFile(n) != nil {
			return n
		}
	}
	return path
}

// preflight reads the current snapshot of the index at path from its
// root.bolt (as scorch will) and verifies each of its segment files:
// present, and its content matching the CRC-32 zap wrote at its end.
// Damage is found here, before zap maps the files: zap panics on a bad
// footer while opening, and leaves the index locked when it does.
func preflight(path string) error {
	root := filepath.Join(storeDir(path), "root.bolt")
	if _, err := os.Stat(root); err != nil {
		return nil // not a scorch index: Bleve says what it is
	}
	db, err := bolt.Open(root, 0o600, &bolt.Options{ReadOnly: true, Timeout: 3 * time.Second})
	if err != nil {
		if errors.Is(err, bolt.ErrTimeout) {
			return lockedErr(path, err)
		}
		return damaged(root, err)
	}
	defer db.Close()
	var files []string
	err = func() (err error) {
		defer func() {
			if p := recover(); p != nil {
				err = fmt.Errorf("panic reading root.bolt: %v", p)
			}
		}()
		return db.View(func(tx *bolt.Tx) error {
			snaps := tx.Bucket([]byte{'s'})
			if snaps == nil {
				return nil
			}
			k, _ := snaps.Cursor().Last()
			if k == nil {
				return nil
			}
			snap := snaps.Bucket(k)
			if snap == nil {
				return errors.New("latest snapshot missing")
			}
			return snap.ForEach(func(k, v []byte) error {
				if v != nil || len(k) == 0 || k[0] == 'i' || k[0] == 'm' {
					return nil
				}
				if b := snap.Bucket(k); b != nil {
					if p := b.Get([]byte{'p'}); len(p) > 0 {
						files = append(files, string(p))
					}
				}
				return nil
			})
		})
	}()
	if err != nil {
		return damaged(root, err)
	}
	for _, f := range files {
		fp := filepath.Join(storeDir(path), filepath.Base(f))
		if err := checkSegmentFile(fp); err != nil {
			return damaged(fp, err)
		}
	}
	return nil
}

// checkSegmentFile verifies the CRC-32 at the end of a zap file.
func checkSegmentFile(p string) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	if fi.Size() < 64 {
		return fmt.Errorf("segment file of %d bytes", fi.Size())
	}
	h := crc32.NewIEEE()
	if _, err := io.CopyN(h, f, fi.Size()-4); err != nil {
		return err
	}
	var tail [4]byte
	if _, err := io.ReadFull(f, tail[:]); err != nil {
		return err
	}
	if want := binary.BigEndian.Uint32(tail[:]); want != h.Sum32() {
		return fmt.Errorf("checksum mismatch: file says %08x, content gives %08x", want, h.Sum32())
	}
	return nil
}

// persistedSegment is what zap segments on disk offer.
type persistedSegment interface {
	Path() string
	Data() []byte
	CRC() uint32
}

// snapshotSegments returns the segments of bi's current snapshot. The
// returned release function must be called when done.
func snapshotSegments(bi bleve.Index) ([]*scorch.SegmentSnapshot, func(), error) {
	adv, err := bi.Advanced()
	if err != nil {
		return nil, func() {}, err
	}
	sc, ok := adv.(*scorch.Scorch)
	if !ok {
		return nil, func() {}, fmt.Errorf("not a scorch index (%T)", adv)
	}
	r, err := sc.Reader()
	if err != nil {
		return nil, func() {}, err
	}
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		r.Close()
		return nil, func() {}, fmt.Errorf("unexpected reader %T", r)
	}
	return snap.Segments(), func() { r.Close() }, nil
}

// verifySegments checks the CRC-32 that zap writes at the end of every
// segment file against the file's content, for each segment of bi's
// current snapshot (a few hundred MB/s: tens of milliseconds for the
// corpus index). With stored set it also reads every stored field of
// every document.
func verifySegments(bi bleve.Index, path string, stored bool) (err error) {
	if sb, ok := bi.(*safeIndex); ok {
		bi = sb.bleveIndex
	}
	segs, release, err := snapshotSegments(bi)
	if err != nil {
		return damaged(path, err)
	}
	defer release()
	cur := path
	defer func() {
		if p := recover(); p != nil {
			err = damaged(cur, fmt.Sprintf("panic reading the segment: %v", p))
		}
	}()
	for _, ss := range segs {
		ps, ok := ss.Segment().(persistedSegment)
		if !ok || ps.Path() == "" {
			continue // in memory, not yet on disk
		}
		cur = ps.Path()
		d := ps.Data()
		if len(d) < 4 {
			return damaged(cur, "segment file too short")
		}
		if got := crc32.ChecksumIEEE(d[:len(d)-4]); got != ps.CRC() {
			return damaged(cur, fmt.Sprintf("checksum mismatch: file says %08x, content gives %08x", ps.CRC(), got))
		}
		if !stored {
			continue
		}
		seg := ss.Segment()
		n := seg.Count()
		for i := uint64(0); i < n; i++ {
			var verr error
			if err := seg.VisitStoredFields(i, func(field string, typ byte, value []byte, pos []uint64) bool {
				if field == "_id" && len(value) == 0 {
					verr = fmt.Errorf("document %d has an empty id", i)
					return false
				}
				return true
			}); err != nil {
				return damaged(cur, fmt.Sprintf("document %d: %v", i, err))
			}
			if verr != nil {
				return damaged(cur, verr)
			}
		}
		for _, f := range seg.Fields() {
			if err := readField(seg, f); err != nil {
				return damaged(cur, fmt.Sprintf("field %s: %v", f, err))
			}
		}
	}
	return nil
}

// safeIndex is a bleve.Index whose calls cannot panic: a panic (zap on
// damaged data) becomes a DamagedError naming the damaged segment when
// its checksum shows it.
type safeIndex struct {
	bleveIndex
	path string
	// bm25: the BM25 statistics stored in the index, with which it is
	// searched (bm25.go); nil: Bleve's own
	bm25 *bsearch.BM25Stats
}

type bleveIndex = bleve.Index

func (s *safeIndex) recovered(p any) error {
	if err := verifySegments(s.bleveIndex, s.path, false); err != nil {
		return err
	}
	if err, ok := p.(error); ok && looksDamaged(err) {
		return damaged(s.path, err)
	}
	return damaged(s.path, fmt.Sprintf("panic reading the index: %v", p))
}

// looksDamaged reports whether an error of a search is about the data
// read (zap's and Bleve's words for them), not about the query.
func looksDamaged(err error) bool {
	m := err.Error()
	if strings.Contains(m, "regexp") || strings.Contains(m, "TooManyClauses") || strings.Contains(m, "fuzziness") {
		return false
	}
	for _, w := range []string{"inconsistency", "corrupt", "varint", "unexpected EOF", "out of range", "checksum", "snappy", "decod", "invalid"} {
		if strings.Contains(m, w) {
			return true
		}
	}
	return false
}

func (s *safeIndex) Search(req *bleve.SearchRequest) (*bleve.SearchResult, error) {
	return s.SearchInContext(context.Background(), req)
}

func (s *safeIndex) SearchInContext(ctx context.Context, req *bleve.SearchRequest) (res *bleve.SearchResult, err error) {
	defer func() {
		if p := recover(); p != nil {
			res, err = nil, s.recovered(p)
		}
	}()
	if s.bm25 != nil {
		res, err = s.bleveIndex.SearchInContext(withBM25(ctx, s.bm25, s.Mapping(), req), req)
		if err != nil && strings.Contains(err.Error(), bm25Missing) {
			// a field withBM25 did not see: scored by Bleve
			res, err = s.bleveIndex.SearchInContext(ctx, req)
		}
	} else {
		res, err = s.bleveIndex.SearchInContext(ctx, req)
	}
	if err != nil && ctx.Err() == nil && looksDamaged(err) {
		return nil, s.recovered(err)
	}
	return res, err
}

func (s *safeIndex) GetInternal(key []byte) (v []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			v, err = nil, s.recovered(p)
		}
	}()
	return s.bleveIndex.GetInternal(key)
}

func (s *safeIndex) Document(id string) (d index.Document, err error) {
	defer func() {
		if p := recover(); p != nil {
			d, err = nil, s.recovered(p)
		}
	}()
	return s.bleveIndex.Document(id)
}

func (s *safeIndex) DocCount() (n uint64, err error) {
	defer func() {
		if p := recover(); p != nil {
			n, err = 0, s.recovered(p)
		}
	}()
	return s.bleveIndex.DocCount()
}

func (s *safeIndex) Batch(b *bleve.Batch) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = s.recovered(p)
		}
	}()
	return s.bleveIndex.Batch(b)
}

// CheckReport is the result of Check.
type CheckReport struct {
	Segments int      `json:"segments"`
	Docs     uint64   `json:"docs"`
	Files    int      `json:"files"`
	Clauses  uint64   `json:"clauses"`
	Problems []string `json:"problems,omitempty"`
}

// Check verifies the index at path: it opens (schema, segment checksums),
// every segment's stored documents are readable, and every file record
// matches the clauses indexed for it. A damaged index gives a report
// with problems, not an error; err is for an index that cannot be
// examined at all (missing, locked).
func Check(ctx context.Context, path string) (*CheckReport, error) {
	rep := &CheckReport{}
	ix, err := Open(path)
	if err != nil {
		if errors.Is(err, ErrDamaged) || errors.Is(err, ErrSchema) {
			rep.Problems = append(rep.Problems, err.Error())
			return rep, nil
		}
		return nil, err
	}
	defer ix.Close()
	for i, shard := range ix.shards {
		inner := shard
		if sb, ok := inner.(*safeIndex); ok {
			inner = sb.bleveIndex
		}
		segs, release, err := snapshotSegments(inner)
		if err == nil {
			rep.Segments += len(segs)
			for _, s := range segs {
				rep.Docs += s.Count()
			}
			release()
		}
		if err := verifySegments(shard, ix.leafPaths[i], true); err != nil {
			rep.Problems = append(rep.Problems, err.Error())
			return rep, nil
		}
	}
	problems, err := ix.Verify(ctx)
	if err != nil {
		rep.Problems = append(rep.Problems, err.Error())
		return rep, nil
	}
	for _, p := range problems {
		rep.Problems = append(rep.Problems, p.Error())
	}
	if st, err := ix.Stats(ctx); err == nil {
		rep.Files, rep.Clauses = int(st.Files), st.Clauses
	}
	sort.Strings(rep.Problems)
	return rep, nil
}

// readField reads every term of field f in seg and every posting of it,
// with frequencies, norms and locations.
func readField(seg segment.Segment, f string) error {
	dict, err := seg.Dictionary(f)
	if err != nil {
		return err
	}
	it := dict.AutomatonIterator(nil, nil, nil)
	var pl segment.PostingsList
	var pi segment.PostingsIterator
	n := seg.Count()
	for {
		e, err := it.Next()
		if err != nil {
			return err
		}
		if e == nil {
			return nil
		}
		pl, err = dict.PostingsList([]byte(e.Term), nil, pl)
		if err != nil {
			return fmt.Errorf("term %q: %w", e.Term, err)
		}
		pi = pl.Iterator(true, true, true, pi)
		for {
			p, err := pi.Next()
			if err != nil {
				return fmt.Errorf("term %q: %w", e.Term, err)
			}
			if p == nil {
				break
			}
			if p.Number() >= n {
				return fmt.Errorf("term %q: posting for document %d of %d", e.Term, p.Number(), n)
			}
			p.Locations()
		}
	}
}
