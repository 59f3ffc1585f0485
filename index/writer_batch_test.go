package index

import (
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/docindex/docindex/extract"
)

// The writer commits its batch by weight as well as by count: a few
// long clauses fill a batch long before BatchOps operations.
func TestWriterBatchBytes(t *testing.T) {
	w, err := OpenWriter(filepath.Join(t.TempDir(), "ix"))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	w.BatchOps = 1 << 20
	w.BatchBytes = 10000
	long := strings.Repeat("the general assembly decides ", 100) // 2900 bytes
	doc := func(n int) *extract.Document {
		d := &extract.Document{Language: "en"}
		for i := 0; i < n; i++ {
			d.Clauses = append(d.Clauses, extract.Clause{ID: string(rune('a' + i)), Text: long, Language: "en"})
		}
		return d
	}
	if err := w.Put(doc(2), FileRecord{Path: "/x/a.pdf"}); err != nil {
		t.Fatal(err)
	}
	if w.batch.Size() == 0 || w.batchBytes < 2*len(long) {
		t.Fatalf("two clauses of %d bytes committed early (batch %d ops, %d bytes)", len(long), w.batch.Size(), w.batchBytes)
	}
	if err := w.Put(doc(2), FileRecord{Path: "/x/b.pdf"}); err != nil {
		t.Fatal(err)
	}
	if w.batch.Size() != 0 || w.batchBytes != 0 {
		t.Errorf("four clauses of %d bytes (budget %d) not committed: batch %d ops, %d bytes", len(long), w.BatchBytes, w.batch.Size(), w.batchBytes)
	}
	// by count, as before
	w.BatchOps, w.BatchBytes = 3, 1<<30
	if err := w.Put(doc(1), FileRecord{Path: "/x/c.pdf"}); err != nil {
		t.Fatal(err)
	}
	if w.batch.Size() == 0 {
		t.Errorf("a clause and a record (2 ops of 3) committed")
	}
	if err := w.Put(doc(1), FileRecord{Path: "/x/d.pdf"}); err != nil {
		t.Fatal(err)
	}
	if w.batch.Size() != 0 {
		t.Errorf("4 ops with BatchOps 3 not committed: %d", w.batch.Size())
	}
}

// The file records are read back from the index's snapshot (the
// segments paged out every 200 records): every one, once, failed files'
// too, as Bleve's search finds them (recordsBySearch, for an index that
// is not scorch).
func TestRecordsReadBack(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ix")
	w, err := OpenWriter(path)
	if err != nil {
		t.Fatal(err)
	}
	const n = 450 // three pages
	doc := &extract.Document{Language: "en", Clauses: []extract.Clause{{ID: "para_1", Text: "the general assembly decides", Language: "en"}}}
	for i := 0; i < n; i++ {
		rec := FileRecord{Path: fmt.Sprintf("/x/%03d.pdf", i), Size: int64(i)}
		d := doc
		if i%3 == 0 {
			d, rec.Error = nil, "not a PDF file" // failed files have records too
		}
		if err := w.Put(d, rec); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	w, err = OpenWriter(path)
	if err != nil {
		t.Fatal(err)
	}
	recs := w.Records()
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if len(recs) != n {
		t.Fatalf("%d records read back, want %d", len(recs), n)
	}
	for i := 0; i < n; i++ {
		r, ok := recs[fmt.Sprintf("/x/%03d.pdf", i)]
		if !ok || r.Size != int64(i) || (r.Error != "") != (i%3 == 0) {
			t.Errorf("record %d: %+v", i, r)
		}
	}
	ix, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	files, err := ix.Files()
	if err != nil || len(files) != n {
		t.Errorf("Files: %d records, %v", len(files), err)
	}
	searched := map[string]FileRecord{}
	if err := recordsBySearch(ix.shards[0], searched); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(searched, recs) {
		t.Errorf("%d records searched, %d read from the snapshot, or they differ", len(searched), len(recs))
	}
}
