package index

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/docindex/docindex/extract"
)

// ---- the query guard ----

func TestQueryGuard(t *testing.T) {
	dir := corpusFixture(t)
	ixPath := filepath.Join(dir, "ix")
	build(t, ixPath, filepath.Join(dir, "src"))
	ix := open(t, ixPath)
	ctx := context.Background()
	var letters []string
	for c := 'a'; c <= 'z'; c++ {
		letters = append(letters, string(c)+"*")
	}
	refused := map[string]string{
		"text_en:/.*/":             "regexp must start with at least 3 literal",
		"/.*/":                     "regexp must start with at least 3 literal",
		"_id:*":                    `field "_id" cannot be searched`,
		"wid:*":                    `field "wid" cannot be searched`,
		"type:file":                `field "type" cannot be searched`,
		"path:foo":                 `field "path" cannot be searched`,
		"record:x":                 `field "record" cannot be searched`,
		strings.Join(letters, " "): "wildcard",
		"li*":                      "at least 3 literal characters",
		"*ing":                     "at least 3 literal characters",
		"lin* mod* cul* div* lar*": "more than 4 wildcard",
		"ab~1":                     "at least 3 characters",
		"mode~2":                   "fuzziness 1 at most",
		"text_en:/lin.*/ /mod.*/ /cul.*/ /div.*/ /lar.*/": "more than 4",
	}
	for q, want := range refused {
		_, err := ix.Search(ctx, SearchRequest{Query: q})
		if !errors.Is(err, ErrQueryRefused) || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: got %v, want a refusal saying %q", q, err, want)
		}
		if err != nil && strings.Contains(err.Error(), "cannot be searched") && !strings.Contains(err.Error(), "text_en, text_es") {
			t.Errorf("%q: the refusal does not list the fields: %v", q, err)
		}
	}
	allowed := map[string]string{
		"text_en:linguistic":       "para_6__list_1__point_m",
		"lingu*":                   "para_6__list_1__point_m",
		"/lingu.*/":                "para_6__list_1__point_m",
		"linguisd~1":               "para_6__list_1__point_m",
		"+language:en +linguistic": "para_6__list_1__point_m",
	}
	for q, want := range allowed {
		res, err := ix.Search(ctx, SearchRequest{Query: q, Lang: "en"})
		if err != nil {
			t.Errorf("%q: %v", q, err)
			continue
		}
		if ids := hitIDs(res); len(ids) == 0 || !strings.HasSuffix(ids[0], ":"+want) {
			t.Errorf("%q: hits %v, want %s first", q, ids, want)
		}
	}
}

// ---- a damaged index ----

// copyDir copies the index directory src to dst.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	if out, err := exec.Command("cp", "-r", src, dst).CombinedOutput(); err != nil {
		t.Fatalf("cp: %v %s", err, out)
	}
}

func segmentFiles(t *testing.T, ixPath string) []string {
	t.Helper()
	segs, err := filepath.Glob(filepath.Join(ixPath, "store", "*.zap"))
	if err != nil || len(segs) == 0 {
		t.Fatalf("no segments in %s: %v", ixPath, err)
	}
	return segs
}

func flip(t *testing.T, path string, off, n int, fixCRC bool) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := off; i < off+n && i < len(b)-4; i++ {
		b[i] ^= 0xa5
	}
	if fixCRC {
		binary.BigEndian.PutUint32(b[len(b)-4:], crc32.ChecksumIEEE(b[:len(b)-4]))
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

const rebuildMsg = "): rebuild with docindex build --rebuild"

// TestDamagedIndex damages a real index in several ways: every way is
// reported as "index damaged (FILE): rebuild with docindex build
// --rebuild" by Open, OpenWriter and Check, never as a panic.
func TestDamagedIndex(t *testing.T) {
	dir := corpusFixture(t)
	src := filepath.Join(dir, "src")
	good := filepath.Join(dir, "good")
	build(t, good, src)
	rep, err := Check(context.Background(), good)
	if err != nil || len(rep.Problems) != 0 || rep.Files != 7 || rep.Clauses == 0 {
		t.Fatalf("check of the good index: %+v %v", rep, err)
	}
	goodClauses := rep.Clauses
	seg := filepath.Base(segmentFiles(t, good)[0])
	cases := []struct {
		name   string
		damage func(ix string)
		file   string // base name of the file the message must name
	}{
		{"flipped bytes in a segment", func(ix string) { flip(t, filepath.Join(ix, "store", seg), 200, 16, false) }, seg},
		{"flipped footer", func(ix string) {
			fi, _ := os.Stat(filepath.Join(ix, "store", seg))
			flip(t, filepath.Join(ix, "store", seg), int(fi.Size())-40, 30, false)
		}, seg},
		{"truncated segment", func(ix string) { os.Truncate(filepath.Join(ix, "store", seg), 10) }, seg},
		{"segment cut in half", func(ix string) {
			fi, _ := os.Stat(filepath.Join(ix, "store", seg))
			os.Truncate(filepath.Join(ix, "store", seg), fi.Size()/2)
		}, seg},
		{"deleted segment", func(ix string) { os.Remove(filepath.Join(ix, "store", seg)) }, seg},
		{"emptied root.bolt", func(ix string) { os.Truncate(filepath.Join(ix, "store", "root.bolt"), 0) }, "root.bolt"},
		{"deleted root.bolt", func(ix string) { os.Remove(filepath.Join(ix, "store", "root.bolt")) }, "root.bolt"},
		{"garbage index_meta.json", func(ix string) { os.WriteFile(filepath.Join(ix, "index_meta.json"), []byte("garbage"), 0o600) }, "index_meta.json"},
	}
	for i, c := range cases {
		ix := filepath.Join(dir, fmt.Sprintf("d%d", i))
		copyDir(t, good, ix)
		c.damage(ix)
		want := "index damaged (" + filepath.Join(ix, "store", c.file)
		if c.file == "index_meta.json" {
			want = "index damaged (" + filepath.Join(ix, c.file)
		}
		_, err := Open(ix)
		if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), want+rebuildMsg) {
			t.Errorf("%s: Open: %v, want %q", c.name, err, want+rebuildMsg)
		}
		if _, err := OpenWriter(ix); !errors.Is(err, ErrDamaged) {
			t.Errorf("%s: OpenWriter: %v", c.name, err)
		}
		_, err = Build(context.Background(), ix, []string{src}, BuildOptions{Extract: jsonExtract})
		if !errors.Is(err, ErrDamaged) {
			t.Errorf("%s: Build: %v", c.name, err)
		}
		rep, err := Check(context.Background(), ix)
		if err != nil || len(rep.Problems) == 0 || !strings.Contains(rep.Problems[0], "index damaged (") {
			t.Errorf("%s: Check: %+v %v", c.name, rep, err)
		}
		// --rebuild: a fresh index replaces the damaged one.
		st, err := Rebuild(context.Background(), ix, []string{src}, BuildOptions{Extract: jsonExtract})
		if err != nil || st.Indexed != 7 {
			t.Errorf("%s: Rebuild: %+v %v", c.name, st, err)
			continue
		}
		if rep2, err := Check(context.Background(), ix); err != nil || len(rep2.Problems) != 0 || rep2.Clauses != goodClauses {
			t.Errorf("%s: after Rebuild: %+v %v", c.name, rep2, err)
		}
		if _, err := os.Stat(ix + ".rebuild"); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s: %s.rebuild left behind", c.name, ix)
		}
	}
}

// panicIndex is a bleve.Index whose reads panic the way zap does on
// damaged mmapped data.
type panicIndex struct{ bleveIndex }

func (panicIndex) SearchInContext(context.Context, *bleve.SearchRequest) (*bleve.SearchResult, error) {
	var b []byte
	_ = b[:559858472170] // slice bounds out of range, as zap on a bad offset
	return nil, nil
}

func (panicIndex) GetInternal([]byte) ([]byte, error) { panic("runtime error: index out of range") }

// TestPanicAtTheBoundary: damage behind a valid checksum (zap panics
// on it) is an error naming the damage, not a panic of the process.
// (Damage that makes zap allocate terabytes is a fatal error no recover
// can catch; the segment checksums checked on open are what stops it.)
func TestPanicAtTheBoundary(t *testing.T) {
	dir := corpusFixture(t)
	ixPath := filepath.Join(dir, "ix")
	build(t, ixPath, filepath.Join(dir, "src"))
	ix := open(t, ixPath)
	sb := ix.bi.(*safeIndex)
	ix.bi = &safeIndex{bleveIndex: panicIndex{sb.bleveIndex}, path: sb.path}
	_, err := ix.Search(context.Background(), SearchRequest{Query: "linguistic"})
	if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "index damaged ("+ixPath+rebuildMsg) || !strings.Contains(err.Error(), "slice bounds out of range") {
		t.Errorf("search: %v", err)
	}
	if _, err := ix.ClauseView(context.Background(), "A/RES/78/265", "para_1", "en"); !errors.Is(err, ErrDamaged) {
		t.Errorf("clause view: %v", err)
	}
	if _, err := ix.bi.GetInternal([]byte(schemaKey)); !errors.Is(err, ErrDamaged) {
		t.Errorf("GetInternal: %v", err)
	}
	ix.bi = sb
}

// TestDamageBehindTheChecksum flips bytes in the first stored document
// of a segment and forges its checksum, so that Open accepts it: Check,
// which reads every stored document, term and posting, still finds it.
// (Forged damage elsewhere can make zap allocate terabytes, a fatal
// error that no recover catches; accidental damage fails the checksum.)
func TestDamageBehindTheChecksum(t *testing.T) {
	dir := corpusFixture(t)
	src := filepath.Join(dir, "src")
	ixPath := filepath.Join(dir, "ix")
	build(t, ixPath, src)
	seg := segmentFiles(t, ixPath)[0]
	flip(t, seg, 0, 32, true)
	ix, err := Open(ixPath)
	if err != nil {
		t.Fatalf("Open of a forged checksum: %v", err)
	}
	ix.Close()
	rep, err := Check(context.Background(), ixPath)
	if err != nil || len(rep.Problems) == 0 || !strings.Contains(rep.Problems[0], "index damaged ("+seg+rebuildMsg) {
		t.Errorf("check: %+v %v", rep, err)
	}
}

// ---- storage errors ----

// slowExtract is jsonExtract taking d per file, so that a build lasts.
func slowExtract(d time.Duration) func(context.Context, string) (*extract.Document, error) {
	return func(ctx context.Context, p string) (*extract.Document, error) {
		select {
		case <-time.After(d):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		return jsonExtract(ctx, p)
	}
}

// manyDocs writes n documents of clauses clauses each.
func manyDocs(t *testing.T, dir string, n, clauses int) {
	t.Helper()
	for i := 0; i < n; i++ {
		doc := extract.Document{Language: "en", Meta: extract.Meta{Symbol: fmt.Sprintf("A/RES/1/%d", i)}}
		for j := 0; j < clauses; j++ {
			doc.Clauses = append(doc.Clauses, cl(fmt.Sprintf("para_%d", j+1), "en",
				strings.Repeat(fmt.Sprintf("word%d clause%d of document%d with some text ", j, i*clauses+j, i), 8), 1))
		}
		writeDoc(t, filepath.Join(dir, fmt.Sprintf("doc%04d_en.pdf", i)), doc)
	}
}

// runBounded runs Build and fails the test when it does not return
// within limit (today's code spun in Writer.Close forever).
func runBounded(t *testing.T, limit time.Duration, f func() (*BuildStats, error)) (*BuildStats, error, time.Duration) {
	t.Helper()
	type out struct {
		st  *BuildStats
		err error
	}
	done := make(chan out, 1)
	start := time.Now()
	go func() {
		st, err := f()
		done <- out{st, err}
	}()
	select {
	case o := <-done:
		return o.st, o.err, time.Since(start)
	case <-time.After(limit):
		t.Fatalf("build still running %v after the storage error", limit)
	}
	return nil, nil, 0
}

// TestIndexDeletedDuringBuild deletes the index directory while a build
// writes to it: the build stops within seconds with an error saying so.
func TestIndexDeletedDuringBuild(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	manyDocs(t, src, 200, 5)
	ixPath := filepath.Join(dir, "ix")
	go func() {
		// after the first batches are on disk
		for i := 0; i < 200; i++ {
			time.Sleep(50 * time.Millisecond)
			if segs, _ := filepath.Glob(filepath.Join(ixPath, "store", "*.zap")); len(segs) > 0 {
				break
			}
		}
		os.RemoveAll(ixPath)
	}()
	st, err, took := runBounded(t, 60*time.Second, func() (*BuildStats, error) {
		return Build(context.Background(), ixPath, []string{src}, BuildOptions{Workers: 2, BatchOps: 20, Extract: slowExtract(20 * time.Millisecond)})
	})
	t.Logf("build returned after %v: %v", took.Round(time.Millisecond), err)
	if err == nil || !strings.Contains(err.Error(), "cannot write to disk") || !strings.Contains(err.Error(), "deleted") {
		t.Errorf("error: %v", err)
	}
	if st != nil && st.Indexed+st.Failed >= 200 {
		t.Errorf("the build went on extracting after the error: %+v", st)
	}
	if _, err := Open(ixPath); err == nil || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Open after the deletion: %v", err)
	}
}

// TestDiskFullDuringBuild builds into a 1 MiB tmpfs (root only, where
// mount works; skipped otherwise): the build stops within seconds saying
// the disk is full, and the index on it still opens with what was
// committed, or is reported damaged.
func TestDiskFullDuringBuild(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to mount a small tmpfs")
	}
	if raceDetector {
		// Bleve v2.5.7's own shutdown path races when a persist fails:
		// persistSnapshotDirect's deferred cleanup ranges over the
		// newSegments map (scorch/persister.go:798) while the introducer
		// deletes from it (scorch/introducer.go:297) after Close. It is
		// inside Bleve, on the error path only; this test runs without
		// -race in `go test ./...`.
		t.Skip("Bleve's scorch persister races with its introducer on a failed persist; checked without -race")
	}
	dir := t.TempDir()
	small := filepath.Join(dir, "small")
	os.Mkdir(small, 0o755)
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", small).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs: %v %s", err, out)
	}
	defer exec.Command("umount", "-l", small).Run()
	src := filepath.Join(dir, "src")
	manyDocs(t, src, 300, 10)
	ixPath := filepath.Join(small, "ix")
	_, err, took := runBounded(t, 60*time.Second, func() (*BuildStats, error) {
		return Build(context.Background(), ixPath, []string{src}, BuildOptions{Workers: 2, BatchOps: 200, Extract: jsonExtract})
	})
	t.Logf("build returned after %v: %v", took.Round(time.Millisecond), err)
	if err == nil || !strings.Contains(err.Error(), "no space left") {
		t.Errorf("error: %v", err)
	}
	ix, err := Open(ixPath)
	if err != nil {
		if !errors.Is(err, ErrDamaged) {
			t.Errorf("Open after a full disk: %v (neither opens nor reported damaged)", err)
		}
		return
	}
	defer ix.Close()
	if problems, err := ix.Verify(context.Background()); err != nil || len(problems) > 0 {
		t.Errorf("index after a full disk: %v %v", problems, err)
	}
}

// ---- file names that are not UTF-8 ----

func TestNonUTF8FileName(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	name := "r\xe9solution_\xff_fr.pdf" // Latin-1 é and a byte no encoding uses
	writeDoc(t, filepath.Join(src, name), extract.Document{Language: "fr",
		Clauses: []extract.Clause{cl("para_1", "fr", "Une résolution au nom de fichier singulier", 1)}})
	ixPath := filepath.Join(dir, "ix")
	st := build(t, ixPath, src)
	if st.Indexed != 1 {
		t.Fatalf("first build: %+v", st)
	}
	st = build(t, ixPath, src)
	if st.Unchanged != 1 || st.Indexed != 0 || st.Removed != 0 {
		t.Errorf("second build re-indexed the file: %+v", st)
	}
	ix := open(t, ixPath)
	abs, _ := filepath.Abs(filepath.Join(src, name))
	rec, ok := ix.Record(abs)
	if !ok || rec.Path != abs {
		t.Errorf("record of %q: %q %v", abs, rec.Path, ok)
	}
	files, err := ix.Files()
	if err != nil || len(files) != 1 || files[0].Path != abs {
		t.Errorf("files: %+v %v", files, err)
	}
	res := search(t, ix, SearchRequest{Query: "singulier"})
	if len(res.Hits) != 1 || res.Hits[0].File != abs {
		t.Errorf("hit file: %+v", res.Hits)
	}
	if rep, err := Check(context.Background(), ixPath); err != nil || len(rep.Problems) > 0 {
		t.Errorf("check: %+v %v", rep, err)
	}
}

func TestCostlyAndRefused(t *testing.T) {
	costly := []string{"lingu*", "/lingu.*/", "linguistik~1", "page:>1", "*", strings.Repeat("word ", 17)}
	cheap := []string{"linguistic diversity", `"official languages"`, "A/RES/78/265 para 6 (m)", "file:UN_Charter_fr.pdf art. 51", "text_en:peace"}
	for _, q := range costly {
		if !Costly(q) {
			t.Errorf("%q: not costly", q)
		}
	}
	for _, q := range cheap {
		if Costly(q) || Refused(q) {
			t.Errorf("%q: costly %v, refused %v", q, Costly(q), Refused(q))
		}
	}
	for _, q := range []string{"_id:*", "text_en:/.*/", "a* b*"} {
		if !Refused(q) {
			t.Errorf("%q: not refused", q)
		}
	}
}
